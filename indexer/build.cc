#include "indexer/build.h"

#include <xapian.h>

#include <algorithm>
#include <utility>

#include "common/error.h"

namespace lede::indexer {

std::string describe_user_fields(const std::vector<UserField>& fields) {
  if (fields.empty()) return "no fields of its own";
  std::string out = fields.size() == 1 ? "the field " : "the fields ";
  for (std::size_t i = 0; i < fields.size(); ++i) {
    if (i > 0) out += ", ";
    out += fields[i].name + "=" + fields[i].key;
  }
  return out;
}

namespace {

// The settings to build with, checked against the database's; a rebuild
// puts the stored fields it does not name again in `*dropped`. `empty`:
// the database holds no documents.
IndexSettings resolve_settings(const BuildPlan& plan, const DatabaseDir& dir,
                               const std::string& current, bool empty,
                               std::vector<UserField>* dropped) {
  Xapian::Database db(dir.entry_path(current));
  if (plan.rebuild) {
    // Keep the language and title weight the database had unless asked
    // otherwise; the fields are those this run names (--field), no other:
    // a field a rebuild does not read would stay defined but empty. A
    // database of an older schema is exactly what --rebuild is for, so its
    // settings may be unreadable.
    IndexSettings s;
    try {
      const StoredSettings stored = read_index_settings(db, dir.path());
      if (stored.has_settings) s = stored.settings;
    } catch (const Error&) {
    }
    if (plan.language_given) s.analyzer.language = plan.requested.analyzer.language;
    if (plan.title_weight_given) s.title_weight = plan.requested.title_weight;
    for (const UserField& f : s.fields) {
      const auto named = [&](const UserField& r) { return r.name == f.name; };
      if (std::none_of(plan.requested.fields.begin(),
                       plan.requested.fields.end(), named)) {
        dropped->push_back(f);
      }
    }
    s.fields = plan.requested.fields;
    if (plan.shards_given) s.shards = plan.requested.shards;
    s.analyzer.validate();
    return s;
  }
  const StoredSettings stored = read_index_settings(db, dir.path());
  if (!stored.has_settings) return plan.requested;
  IndexSettings s = stored.settings;
  if ((plan.language_given &&
       s.analyzer.language != plan.requested.analyzer.language) ||
      (plan.title_weight_given &&
       s.title_weight != plan.requested.title_weight)) {
    throw UsageError("'" + dir.path() + "' was built with language " +
                     s.analyzer.language + " and title weight " +
                     std::to_string(s.title_weight) +
                     "; use --rebuild to change them");
  }
  // The fields are the database's: a run may name them again, the same.
  if (!plan.requested.fields.empty() && plan.requested.fields != s.fields) {
    throw UsageError("'" + dir.path() + "' was built with " +
                     describe_user_fields(s.fields) + ", not " +
                     describe_user_fields(plan.requested.fields) +
                     "; use --rebuild to change them");
  }
  // --compact folds the shards (Build::compact()); --shards 1 says no more.
  if (plan.shards_given && s.shards != plan.requested.shards && !plan.compact) {
    if (!empty) {
      throw UsageError(
          "'" + dir.path() + "' has " + std::to_string(s.shards) +
          (s.shards == 1 ? " shard" : " shards") + "; use --rebuild --shards " +
          std::to_string(plan.requested.shards) + " to re-shard it");
    }
    s.shards = plan.requested.shards;
  }
  return s;
}

// The stub of a sharded database must list its shards, all of them.
void check_shards(const DatabaseDir& dir, const std::vector<std::string>& entries,
                  unsigned stored) {
  const bool set = DatabaseDir::is_shard_set(entries);
  if ((set || stored > 1) && (!set || entries.size() != stored)) {
    throw Error("'" + dir.path() + "' is damaged: its settings say " +
                std::to_string(stored) + " shards and its stub lists " +
                std::to_string(entries.size()));
  }
}

}  // namespace

WritableState open_for_writing(DatabaseDir* dir, const BuildPlan& plan,
                               Progress* progress) {
  dir->create_if_missing(plan.requested);
  dir->remove_unlisted();
  if (const std::vector<std::string> listed = dir->entries();
      listed.size() > 1 && !DatabaseDir::is_shard_set(listed)) {
    progress->phase("merging the shards of an interrupted build");
    dir->consolidate();
    progress->clear();
  }
  WritableState state;
  state.entries = dir->entries();
  state.current = state.entries.front();
  state.empty = Xapian::Database(dir->path()).get_doccount() == 0;
  state.settings = resolve_settings(plan, *dir, state.current, state.empty,
                                    &state.dropped_fields);
  unsigned stored = 1;
  try {
    const StoredSettings s =
        read_index_settings(Xapian::Database(dir->entry_path(state.current)),
                            dir->path());
    if (s.has_settings) stored = s.settings.shards;
  } catch (const Error&) {
    // Another schema: only --rebuild gets here, and rebuilds.
  }
  if (!plan.rebuild) check_shards(*dir, state.entries, stored);
  state.reshard = state.settings.shards != stored;
  for (const std::string& entry : state.entries) {
    Xapian::WritableDatabase db(dir->entry_path(entry), Xapian::DB_OPEN);
    if (!plan.rebuild && !read_index_settings(db, dir->path()).has_settings) {
      write_index_settings(&db, state.settings);
      db.commit();
    }
  }
  return state;
}

WriteStrategy choose_strategy(const BuildPlan& plan, bool empty,
                              bool has_inputs, unsigned shards) {
  if (!has_inputs) return WriteStrategy::kNone;
  if (shards > 1) {
    return plan.rebuild ? WriteStrategy::kShardSetRebuild
                        : WriteStrategy::kShardSet;
  }
  const bool fresh = plan.rebuild || empty;
  if (fresh && plan.jobs >= 2) return WriteStrategy::kShards;
  if (plan.rebuild) return WriteStrategy::kRebuild;
  return WriteStrategy::kIncremental;
}

namespace {

// A re-shard writes a new generation, as a rebuild does.
BuildPlan with_reshard(BuildPlan plan, const WritableState& state) {
  plan.rebuild = plan.rebuild || state.reshard;
  return plan;
}

}  // namespace

Build::Build(DatabaseDir dir, WritableState state, BuildPlan plan,
             BuildInputs inputs)
    : dir_(std::move(dir)),
      state_(std::move(state)),
      plan_(with_reshard(std::move(plan), state_)),
      strategy_(choose_strategy(plan_, state_.empty, inputs.any,
                                state_.settings.shards)),
      target_(state_.current),
      inputs_(std::move(inputs)),
      known_(Xapian::Database(dir_.entry_path(state_.current))) {
  summary_.database = dir_.path();
  const std::string& current = state_.current;
  switch (strategy_) {
    case WriteStrategy::kNone:
      break;
    case WriteStrategy::kIncremental:
    case WriteStrategy::kRebuild: {
      if (strategy_ == WriteStrategy::kRebuild) {
        target_ = dir_.next_generation();
        dir_.create_entry(target_, &state_.settings);
      }
      auto sink = std::make_unique<IncrementalSink>(
          dir_.entry_path(target_), plan_.limits, inputs_.present);
      incremental_ = sink.get();
      sink_ = std::move(sink);
      break;
    }
    case WriteStrategy::kShards: {
      target_ = dir_.next_generation();
      std::vector<std::string> paths;
      for (unsigned k = 0; k < std::min(plan_.jobs, kMaxShards); ++k) {
        shards_.push_back(DatabaseDir::shard_name(target_, static_cast<int>(k)));
        dir_.create_entry(shards_.back(), &state_.settings);
        paths.push_back(dir_.entry_path(shards_.back()));
      }
      if (!plan_.rebuild) {
        // Readers (and a run after a crash) see every committed batch.
        std::vector<std::string> listed = {current};
        listed.insert(listed.end(), shards_.begin(), shards_.end());
        dir_.write_stub(listed);
      }
      sink_ = std::make_unique<ShardSink>(
          paths, plan_.limits,
          plan_.rebuild ? std::string() : dir_.entry_path(current));
      break;
    }
    case WriteStrategy::kShardSet:
    case WriteStrategy::kShardSetRebuild: {
      if (strategy_ == WriteStrategy::kShardSet) {
        shards_ = state_.entries;
      } else {
        target_ = dir_.next_generation();
        shards_ = DatabaseDir::shard_names(target_, state_.settings.shards);
        for (const std::string& shard : shards_) {
          dir_.create_entry(shard, &state_.settings);
        }
      }
      std::vector<std::string> paths;
      for (const std::string& shard : shards_) {
        paths.push_back(dir_.entry_path(shard));
      }
      auto sink =
          std::make_unique<ShardSetSink>(paths, plan_.limits, inputs_.present);
      shard_set_ = sink.get();
      sink_ = std::move(sink);
      break;
    }
  }
}

Build::~Build() = default;

std::string Build::snapshot_path() const {
  const bool fresh = plan_.rebuild || state_.empty;
  if (fresh) return {};
  // A sharded database is read through its stub, all shards as one.
  return state_.entries.size() > 1 ? dir_.path()
                                   : dir_.entry_path(state_.current);
}

void Build::put(UnitResult* unit) {
  for (const Report& report : unit->reports) summary_.count(report);
  summary_.dates_unparsed += unit->dates_unparsed;
  summary_.invalid_utf8 += unit->invalid_utf8;
  summary_.bytes += unit->input_bytes;
  if (unit->ends_file) ++summary_.files;
  if (!unit->parsed_file.empty()) parsed_.insert(unit->parsed_file);
  sink_->put(unit, &summary_, &unit->reports);
  for (Report& report : unit->reports) {
    report.known = known_.note(report, &summary_);
  }
}

std::vector<Report> Build::end_input(bool interrupted) {
  std::vector<Report> reports;
  if (!sink_) return reports;  // nothing written: nothing to interrupt
  summary_.interrupted = interrupted;
  if (incremental_ != nullptr && !interrupted) {
    incremental_->settle(parsed_, &summary_, &reports);
  }
  if (shard_set_ != nullptr) {
    if (interrupted) {
      shard_set_->flush(&summary_, &reports);
    } else {
      shard_set_->settle(parsed_, &summary_, &reports);
    }
  }
  for (Report& report : reports) {
    report.known = known_.note(report, &summary_);
  }
  return reports;
}

void Build::make_current(const std::vector<std::string>& entries) {
  dir_.write_stub(entries);
  for (const std::string& old : state_.entries) {
    if (std::find(entries.begin(), entries.end(), old) == entries.end()) {
      dir_.remove_entry(old);
    }
  }
  state_.entries = entries;
  state_.current = entries.front();
}

void Build::compact(Progress* progress) {
  progress->phase(state_.entries.size() > 1
                      ? "folding " + std::to_string(state_.entries.size()) +
                            " shards into one"
                      : std::string("compacting"));
  const std::string compacted = dir_.next_generation();
  dir_.merge(state_.entries, compacted, true);
  if (state_.settings.shards != 1) {
    // The shards' settings came along (compaction keeps the first value of
    // each metadata key); the folded database is one shard.
    state_.settings.shards = 1;
    Xapian::WritableDatabase db(dir_.entry_path(compacted), Xapian::DB_OPEN);
    write_index_settings(&db, state_.settings);
    db.commit();
  }
  make_current({compacted});
  summary_.compacted = true;
}

void Build::finish_shards(bool interrupted, Progress* progress) {
  if (interrupted) {
    // An empty database keeps its committed shards (listed in the stub;
    // the next run merges them). An interrupted --rebuild leaves the
    // database as it was.
    if (plan_.rebuild) {
      sink_.reset();
      for (const std::string& shard : shards_) dir_.remove_entry(shard);
    }
    return;
  }
  progress->phase("merging " + std::to_string(shards_.size()) + " shards");
  sink_.reset();
  std::vector<std::string> sources;
  if (!plan_.rebuild) sources.push_back(state_.current);
  sources.insert(sources.end(), shards_.begin(), shards_.end());
  dir_.merge(sources, target_, plan_.compact);
  make_current({target_});
  for (const std::string& shard : shards_) dir_.remove_entry(shard);
  summary_.compacted = plan_.compact;
}

Summary Build::finish(Progress* progress) {
  const bool interrupted = summary_.interrupted;
  if (sink_) {
    progress->phase("committing");
    sink_->finish();
  }
  switch (strategy_) {
    case WriteStrategy::kNone:
      break;
    case WriteStrategy::kIncremental:
      if (plan_.prune && !interrupted) {
        progress->phase("pruning");
        summary_.deleted =
            incremental_->prune(inputs_.roots, inputs_.present, parsed_);
      }
      break;
    case WriteStrategy::kRebuild:
      sink_.reset();
      if (interrupted) {
        dir_.remove_entry(target_);
      } else {
        make_current({target_});
      }
      break;
    case WriteStrategy::kShards:
      finish_shards(interrupted, progress);
      break;
    case WriteStrategy::kShardSet:
      if (plan_.prune && !interrupted) {
        progress->phase("pruning");
        summary_.deleted =
            shard_set_->prune(inputs_.roots, inputs_.present, parsed_);
      }
      break;
    case WriteStrategy::kShardSetRebuild:
      sink_.reset();
      if (interrupted) {
        for (const std::string& shard : shards_) dir_.remove_entry(shard);
      } else {
        make_current(shards_);
      }
      break;
  }
  sink_.reset();
  incremental_ = nullptr;
  shard_set_ = nullptr;

  if (plan_.compact && !summary_.compacted && !interrupted) compact(progress);
  if (!interrupted) {
    // What this run skipped or failed, for the next.
    Xapian::WritableDatabase db(dir_.entry_path(state_.current),
                                Xapian::DB_OPEN);
    if (known_.store(&db, inputs_.present)) db.commit();
  }
  summary_.documents = Xapian::Database(dir_.path()).get_doccount();
  return summary_;
}

}  // namespace lede::indexer
