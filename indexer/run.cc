#include "indexer/run.h"

#include <unistd.h>

#include <algorithm>
#include <filesystem>
#include <iostream>
#include <memory>
#include <set>

#include "common/database_path.h"
#include "common/error.h"
#include "common/safe_text.h"
#include "common/version.h"
#include "indexer/corpus_walker.h"
#include "indexer/database_dir.h"
#include "indexer/db_lock.h"
#include "indexer/document_builder.h"
#include "indexer/formats.h"
#include "indexer/known_problems.h"
#include "indexer/pipeline.h"
#include "indexer/signals.h"
#include "indexer/sinks.h"
#include "indexer/summary.h"

namespace lede::indexer {

namespace fs = std::filesystem;

namespace {

// More shards than this buy nothing: the merge gets slower and every
// shard holds a batch in memory.
constexpr unsigned kMaxShards = 4;

// What the walk found: the pipeline's inputs and what --prune needs.
struct Inputs {
  std::vector<Input> list;
  std::set<std::string> present;    // file keys of the files found
  std::vector<std::string> roots;   // file keys of the roots that exist
  std::uint64_t files = 0;
  std::uint64_t bytes = 0;
};

Inputs collect_inputs(const IndexOptions& o, const std::string& db_path) {
  Inputs in;
  WalkOptions walk_options;
  walk_options.database = db_path;
  walk_options.hidden = o.hidden;
  walk_options.follow_symlinks = o.follow_symlinks;
  walk_options.include = o.include;
  walk_options.exclude = o.exclude;
  for (const std::string& root : o.paths) {
    if (root == "-") {
      Input stdin_input;
      stdin_input.kind = Input::Kind::kStdin;
      in.list.push_back(stdin_input);
      in.present.insert("-");
      in.roots.push_back("-");
      ++in.files;
      continue;
    }
    std::error_code ec;
    if (fs::exists(root, ec)) in.roots.push_back(file_key(root));
    walk(
        {root}, walk_options,
        [&](const InputFile& f) {
          Input input;
          input.file = f;
          input.key = file_key(f.path);
          in.present.insert(input.key);
          in.list.push_back(std::move(input));
          ++in.files;
          in.bytes += f.size;
        },
        [&](const WalkProblem& p) {
          Input input;
          input.kind = Input::Kind::kProblem;
          // A path the user named that is missing is an error every
          // time (no file key: never "as in an earlier run").
          input.problem = {p.path, p.message,
                           p.is_error ? Report::Kind::kFailed
                                      : Report::Kind::kWarning,
                           p.path == root ? "" : file_key(p.path)};
          in.list.push_back(std::move(input));
        });
  }
  return in;
}

// The settings to build with, checked against the database's.
IndexSettings resolve_settings(const IndexOptions& o, const DatabaseDir& dir,
                               const std::string& current) {
  IndexSettings requested;
  requested.analyzer.language = o.language;
  requested.title_weight = o.title_weight;
  Xapian::Database db(dir.entry_path(current));
  if (o.rebuild) {
    // Keep what the database had unless asked otherwise; a database of an
    // older schema is exactly what --rebuild is for, so its settings may
    // be unreadable.
    IndexSettings s;
    try {
      const StoredSettings stored = read_index_settings(db, dir.path());
      if (stored.has_settings) s = stored.settings;
    } catch (const Error&) {
    }
    if (o.language_given) s.analyzer.language = o.language;
    if (o.title_weight_given) s.title_weight = o.title_weight;
    s.analyzer.validate();
    return s;
  }
  const StoredSettings stored = read_index_settings(db, dir.path());
  if (!stored.has_settings) return requested;
  const IndexSettings& s = stored.settings;
  if ((o.language_given && s.analyzer.language != o.language) ||
      (o.title_weight_given && s.title_weight != o.title_weight)) {
    throw UsageError("'" + dir.path() + "' was built with language " +
                     s.analyzer.language + " and title weight " +
                     std::to_string(s.title_weight) +
                     "; use --rebuild to change them");
  }
  return s;
}

// A Xapian failure in lede's words: what failed, on which database, why
// (the system's reason when there is one), and Xapian's own message last.
std::string xapian_failure(const Xapian::Error& e, const std::string& db) {
  const std::string msg = e.get_msg();
  const char* why = e.get_error_string();
  const std::string type = e.get_type();
  std::string what;
  if (type == "DatabaseCorruptError") {
    what = "'" + db + "' is damaged";
  } else if (type == "DatabaseLockError") {
    what = "'" + db + "' is locked by another program writing it";
  } else if (msg.starts_with("Error writing") ||
             msg.starts_with("Couldn't write")) {
    what = "cannot write to '" + db + "'";
  } else if (msg.starts_with("Error reading")) {
    what = "cannot read '" + db + "'";
  } else {
    what = "Xapian failed on '" + db + "'";
  }
  if (why != nullptr && *why != '\0') what += std::string(": ") + why;
  return what + " (Xapian " + type + ": " + msg + ")";
}

// What the database at `db` holds now, as readers see it: its last commit.
std::string last_commit(const std::string& db) {
  try {
    const Xapian::doccount n = Xapian::Database(db).get_doccount();
    return "'" + db + "' holds its last commit: " + std::to_string(n) +
           (n == 1 ? " document" : " documents");
  } catch (const Xapian::Error& e) {
    return "'" + db + "' cannot be read now: " + e.get_msg();
  }
}

}  // namespace

std::string version_line() { return lede::version_line("lede-index"); }

int run(const IndexOptions& o, std::ostream& out, std::ostream& err) {
  const double start = now_seconds();
  if (o.paths.empty() && !o.compact) {
    throw UsageError(
        "no paths to index (give files or folders, or - for standard "
        "input)");
  }
  if (std::count(o.paths.begin(), o.paths.end(), "-") > 1) {
    throw UsageError("'-' (standard input) can be given only once");
  }
  if (o.paths.empty() && (o.rebuild || o.prune)) {
    throw UsageError("--rebuild and --prune need the paths to index");
  }
  IndexSettings requested;
  requested.analyzer.language = o.language;
  requested.analyzer.validate();
  requested.title_weight = o.title_weight;
  const Format forced = parse_format_name(o.format);
  const std::string db_path = resolve_db_path(o.db);
  const unsigned jobs = resolve_jobs(o.jobs);

  if (const std::string problem = database_path_problem(db_path);
      !problem.empty()) {
    throw UsageError(problem);
  }
  DatabaseDir dir(db_path);
  if (o.paths.empty() && !dir.has_stub()) {
    throw Error("no database at '" + db_path + "' to compact");
  }
  DbLock lock(db_path, o.wait_seconds);
  dir.create_if_missing(requested);
  dir.remove_unlisted();
  Progress progress(err, !o.quiet && isatty(STDERR_FILENO) == 1, 0, 0);
  if (dir.entries().size() > 1) {
    progress.phase("merging the shards of an interrupted build");
    dir.consolidate();
    progress.clear();
  }
  std::string current = dir.entries().front();
  const IndexSettings settings = resolve_settings(o, dir, current);
  KnownProblems known{Xapian::Database(dir.entry_path(current))};
  bool fresh = o.rebuild;
  {
    Xapian::WritableDatabase db(dir.entry_path(current), Xapian::DB_OPEN);
    fresh = fresh || db.get_doccount() == 0;
    if (!o.rebuild && read_index_settings(db, db_path).has_settings == false) {
      write_index_settings(&db, settings);
      db.commit();
    }
  }

  Summary s;
  s.database = db_path;
  Inputs inputs = collect_inputs(o, db_path);
  Progress live(err, progress.enabled(), inputs.files, inputs.bytes);
  const bool shard_mode = fresh && jobs >= 2 && !inputs.list.empty();

  PipelineConfig config;
  config.forced_format = forced;
  config.fields = o.fields;
  config.max_file_size = o.max_file_size;
  config.settings = settings;
  config.jobs = jobs;
  config.snapshot_path = fresh ? "" : dir.entry_path(current);
  const BatchLimits limits{o.batch_docs,
                           static_cast<std::uint64_t>(o.batch_mb) << 20};

  // Where the documents go.
  std::string target = current;
  std::vector<std::string> shards;
  std::unique_ptr<DocumentSink> sink;
  IncrementalSink* incremental = nullptr;
  if (shard_mode) {
    target = dir.next_generation();
    std::vector<std::string> paths;
    for (unsigned k = 0; k < std::min(jobs, kMaxShards); ++k) {
      shards.push_back(DatabaseDir::shard_name(target, static_cast<int>(k)));
      dir.create_entry(shards.back(), &settings);
      paths.push_back(dir.entry_path(shards.back()));
    }
    if (!o.rebuild) {
      // Readers (and a run after a crash) see every committed batch.
      std::vector<std::string> listed = {current};
      listed.insert(listed.end(), shards.begin(), shards.end());
      dir.write_stub(listed);
    }
    sink = std::make_unique<ShardSink>(
        paths, limits, o.rebuild ? std::string() : dir.entry_path(current));
  } else if (!inputs.list.empty()) {
    if (o.rebuild) {
      target = dir.next_generation();
      dir.create_entry(target, &settings);
    }
    auto inc = std::make_unique<IncrementalSink>(dir.entry_path(target),
                                                 limits, inputs.present);
    incremental = inc.get();
    sink = std::move(inc);
  }

  std::set<std::string> parsed;
  auto report_all = [&](const std::vector<Report>& reports) {
    for (const Report& report : reports) {
      s.count(report);
      const bool before = known.note(report, &s);
      // -q: only what is new and not a warning.
      if (!o.quiet || (report.kind != Report::Kind::kWarning && !before)) {
        live.clear();
        print_report(err, report, before);
      }
    }
  };
  if (sink) {
    Pipeline pipeline(std::move(inputs.list), config);
    std::vector<Report> reports;
    while (std::optional<UnitResult> r = pipeline.next()) {
      reports = std::move(r->reports);
      sink->put(&*r, &s, &reports);
      report_all(reports);
      s.dates_unparsed += r->dates_unparsed;
      s.invalid_utf8 += r->invalid_utf8;
      s.bytes += r->input_bytes;
      if (r->ends_file) ++s.files;
      if (!r->parsed_file.empty()) parsed.insert(std::move(r->parsed_file));
      live.update(s.files, s.bytes, s.added + s.updated + s.unchanged);
    }
    s.interrupted = interrupted();
    if (incremental != nullptr && !s.interrupted) {
      reports.clear();
      incremental->settle(parsed, &s, &reports);
      report_all(reports);
    }
    live.phase("committing");
    sink->finish();
  }

  if (shard_mode) {
    if (s.interrupted) {
      // A fresh database keeps its committed shards (listed in the stub;
      // the next run merges them). An interrupted --rebuild leaves the
      // database as it was.
      if (o.rebuild) {
        sink.reset();
        for (const std::string& shard : shards) dir.remove_entry(shard);
      }
    } else {
      live.phase("merging " + std::to_string(shards.size()) + " shards");
      sink.reset();
      std::vector<std::string> sources;
      if (!o.rebuild) sources.push_back(current);
      sources.insert(sources.end(), shards.begin(), shards.end());
      dir.merge(sources, target, o.compact);
      dir.write_stub({target});
      dir.remove_entry(current);
      for (const std::string& shard : shards) dir.remove_entry(shard);
      current = target;
      s.compacted = o.compact;
    }
  } else if (o.rebuild && sink) {
    sink.reset();
    if (s.interrupted) {
      dir.remove_entry(target);
    } else {
      dir.write_stub({target});
      dir.remove_entry(current);
      current = target;
    }
  } else if (incremental != nullptr && o.prune && !s.interrupted) {
    live.phase("pruning");
    s.deleted = incremental->prune(inputs.roots, inputs.present, parsed);
  }
  sink.reset();

  if (o.compact && !s.compacted && !s.interrupted) {
    live.phase("compacting");
    const std::string compacted = dir.next_generation();
    dir.merge({current}, compacted, true);
    dir.write_stub({compacted});
    dir.remove_entry(current);
    current = compacted;
    s.compacted = true;
  }

  if (!s.interrupted) {
    Xapian::WritableDatabase db(dir.entry_path(current), Xapian::DB_OPEN);
    if (known.store(&db, inputs.present)) db.commit();
  }

  s.documents = Xapian::Database(db_path).get_doccount();
  s.seconds = now_seconds() - start;
  live.clear();
  if (o.json) {
    print_summary_json(out, s);
  } else if (!o.quiet) {
    print_summary_text(err, s);
  }
  return s.exit_status();
}

int run_main(int argc, char** argv, std::ostream& out, std::ostream& err) {
  CLI::App app{
      "lede-index: index news articles (text, Markdown, HTML, JSON Lines) "
      "into a lede database",
      "lede-index"};
  app.footer(
      "Exit status: 0 all inputs went in (or only those skipped as in an "
      "earlier run were not), 1 something new was skipped or failed (the "
      "rest is committed), 2 fatal or usage error, 130 interrupted.");
  IndexOptions options;
  add_index_options(&app, &options);
  try {
    app.parse(argc, argv);
  } catch (const CLI::ParseError& e) {
    if (e.get_exit_code() == 0) {
      out << app.help();
      return 0;
    }
    err << "lede-index: " << escaped(e.what()) << "\n"
        << "Try 'lede-index --help' for more information.\n";
    return 2;
  }
  if (options.version) {
    out << version_line() << "\n";
    return 0;
  }
  install_interrupt_handlers();
  const std::string db = resolve_db_path(options.db);
  try {
    return run(options, out, err);
  } catch (const Xapian::Error& e) {
    err << "lede-index: " << escaped(xapian_failure(e, db)) << "\n";
    err << "lede-index: " << escaped(last_commit(db)) << "\n";
  } catch (const DatabaseWriteError& e) {
    err << "lede-index: " << escaped(e.what()) << "\n";
    err << "lede-index: " << escaped(last_commit(db)) << "\n";
  } catch (const std::exception& e) {
    err << "lede-index: " << escaped(e.what()) << "\n";
  }
  return 2;
}

}  // namespace lede::indexer
