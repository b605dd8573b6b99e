#include "indexer/sinks.h"

#include <xxhash.h>

#include <exception>
#include <filesystem>
#include <thread>

#include "common/schema.h"
#include "indexer/document_builder.h"

namespace lede::indexer {

namespace {

bool under_root(const std::string& key, const std::string& root) {
  if (key == root) return true;
  if (root == "-") return false;
  if (root.ends_with('/')) return key.starts_with(root);
  return key.size() > root.size() && key.starts_with(root) &&
         key[root.size()] == '/';
}

void merge_counts(WordCounts* into, WordCounts* from) {
  if (into->empty()) {
    into->swap(*from);
    return;
  }
  for (auto& [word, n] : *from) (*into)[word] += n;
  from->clear();
}

// FILE:LINE for a file key and a line, as a message shows it.
std::string place(const std::string& file, std::uint64_t line) {
  const std::string path = file == "-" ? std::string(kStdinName) : file;
  return line == 0 ? path : path + ":" + std::to_string(line);
}

// `file`: the item's file key.
Report duplicate(const Item& item, const std::string& file,
                 const std::string& first, bool this_run) {
  return {item.where,
          "duplicate id: '" + item.id_term.substr(1) + "' is " +
              (this_run ? "already read from " : "already indexed from ") +
              first + "; skipped (ids must be unique)",
          Report::Kind::kSkipped, file, item.line};
}

// An item skipped: counted here, where it is skipped, and its report
// appended to *reports for printing.
void skip(Report report, Summary* summary, std::vector<Report>* reports) {
  summary->count(report);
  reports->push_back(std::move(report));
}

}  // namespace

// ---------------------------------------------------------------------------
// IncrementalSink

IncrementalSink::IncrementalSink(const std::string& path, BatchLimits limits,
                                 std::set<std::string> inputs, unsigned shard,
                                 unsigned shards)
    : writer_(path),
      limits_(limits),
      data_(writer_.db(), shard + 1, shards),
      inputs_(std::move(inputs)) {
  seen_.resize(writer_.last_docid() + 1, false);
}

bool IncrementalSink::is_seen(Xapian::docid docid) const {
  return docid < seen_.size() && seen_[docid];
}

void IncrementalSink::mark_seen(Xapian::docid docid) {
  if (docid >= seen_.size()) seen_.resize(docid + 1024, false);
  seen_[docid] = true;
}

void IncrementalSink::record_file(const std::string& key) {
  if (key.empty() || recorded_.contains(key)) return;
  recorded_.insert(key);
  const std::string mkey = std::string(meta::kFilePrefix) + hash_hex(key);
  if (writer_.db().get_metadata(mkey) != key) {
    writer_.db().set_metadata(mkey, key);
  }
}

std::string IncrementalSink::file_of(Xapian::docid docid) {
  Xapian::WritableDatabase& db = writer_.db();
  Xapian::TermIterator t = db.termlist_begin(docid);
  t.skip_to(std::string(prefix::kFile));
  if (t == db.termlist_end(docid) || !(*t).starts_with(prefix::kFile)) {
    return {};
  }
  return db.get_metadata(std::string(meta::kFilePrefix) +
                         (*t).substr(prefix::kFile.size()));
}

std::string IncrementalSink::place_of(Xapian::docid docid) {
  if (!reader_) reader_ = std::make_unique<DataReader>(writer_.db());
  const Article a = reader_->decode(writer_.db().get_document(docid));
  return place(a.path, a.line);
}

IncrementalSink::Claim IncrementalSink::claim(
    const std::string& owner_file) const {
  // Read to its end in this run, and it did not give the id again.
  if (done_.contains(owner_file)) return Claim::kMove;
  if (inputs_.contains(owner_file)) return Claim::kWait;
  if (owner_file != "-" && !owner_file.empty()) {
    std::error_code ec;
    if (!std::filesystem::exists(owner_file, ec) && !ec) return Claim::kMove;
  }
  return Claim::kKeep;
}

void IncrementalSink::write(Item* item, Xapian::docid replace,
                            Summary* summary) {
  compress(&item->doc);
  if (replace != 0) {
    writer_.replace(replace, item->doc);
    mark_seen(replace);
    ++summary->updated;
  } else {
    mark_seen(writer_.add(item->doc));
    ++summary->added;
  }
  merge_counts(&spelling_, &item->spelling);
  ++batch_docs_;
  batch_bytes_ += item->text_bytes;
  maybe_commit(false);
}

void IncrementalSink::put(UnitResult* unit, Summary* summary,
                          std::vector<Report>* reports) {
  if (!unit->items.empty()) record_file(unit->parsed_file);
  for (Item& item : unit->items) {
    const IndexWriter::Found found = writer_.find(item.id_term);
    if (found.docid == 0) {
      if (!item.built) {
        // The snapshot had it, the writer does not: cannot happen while we
        // hold the lock (nothing is deleted before --prune runs).
        throw std::logic_error("document " + item.id_term +
                               " vanished during the run");
      }
      write(&item, 0, summary);
      continue;
    }
    if (is_seen(found.docid)) {
      skip(duplicate(item, unit->parsed_file, place_of(found.docid), true),
           summary, reports);
      continue;
    }
    // The hash covers the path: equal means the same file, unchanged.
    if (!item.built || found.hash == item.hash) {
      mark_seen(found.docid);
      ++summary->unchanged;
      continue;
    }
    const std::string owner = file_of(found.docid);
    if (owner != unit->parsed_file) {
      const Claim c = claim(owner);
      if (c == Claim::kWait) {
        waiting_.push_back({std::move(item), unit->parsed_file});
        continue;
      }
      if (c == Claim::kKeep) {
        skip(duplicate(item, unit->parsed_file, place_of(found.docid), false),
             summary, reports);
        continue;
      }
    }
    write(&item, found.docid, summary);
  }
  if (unit->ends_file && !unit->parsed_file.empty()) {
    done_.insert(unit->parsed_file);
  }
}

void IncrementalSink::settle(const std::set<std::string>& parsed,
                             Summary* summary, std::vector<Report>* reports) {
  for (Waiting& w : waiting_) {
    const IndexWriter::Found found = writer_.find(w.item.id_term);
    if (found.docid == 0) {
      write(&w.item, 0, summary);
    } else if (is_seen(found.docid)) {
      skip(duplicate(w.item, w.file, place_of(found.docid), true), summary,
           reports);
    } else if (parsed.contains(file_of(found.docid))) {
      write(&w.item, found.docid, summary);
    } else {
      // Its file is still there but could not be read this time.
      skip(duplicate(w.item, w.file, place_of(found.docid), false), summary,
           reports);
    }
  }
  waiting_.clear();
}

void IncrementalSink::compress(Xapian::Document* doc) {
  // A new dictionary goes into the same commit as the document.
  if (auto trained = data_.compress(doc)) {
    writer_.db().set_metadata(trained->first, trained->second);
    if (hook_) hook_(trained->first, trained->second);
  }
}

void IncrementalSink::store_and_commit(const std::string& key,
                                       const std::string& value) {
  writer_.db().set_metadata(key, value);
  writer_.commit();
}

void IncrementalSink::maybe_commit(bool force) {
  if (!force && batch_docs_ < limits_.docs && batch_bytes_ < limits_.bytes) {
    return;
  }
  if (batch_docs_ > 0 || !spelling_.empty()) {
    writer_.add_spelling(&spelling_);
    writer_.commit();
  }
  batch_docs_ = 0;
  batch_bytes_ = 0;
}

void IncrementalSink::finish() { maybe_commit(true); }

std::uint64_t IncrementalSink::prune(const std::vector<std::string>& roots,
                                     const std::set<std::string>& present,
                                     const std::set<std::string>& parsed) {
  Xapian::WritableDatabase& db = writer_.db();
  const std::string prefix(meta::kFilePrefix);
  std::vector<std::pair<std::string, std::string>> files;  // mkey, file key
  for (auto k = db.metadata_keys_begin(prefix);
       k != db.metadata_keys_end(prefix); ++k) {
    files.emplace_back(*k, db.get_metadata(*k));
  }
  std::vector<Xapian::docid> doomed;
  for (const auto& [mkey, key] : files) {
    bool in_scope = false;
    for (const std::string& root : roots) {
      in_scope = in_scope || under_root(key, root);
    }
    const bool gone = !present.contains(key);
    if (!in_scope || (!gone && !parsed.contains(key))) continue;
    const std::string term =
        std::string(prefix::kFile) + mkey.substr(prefix.size());
    for (auto p = db.postlist_begin(term); p != db.postlist_end(term); ++p) {
      const Xapian::docid docid = *p;
      if (gone || docid >= seen_.size() || !seen_[docid]) {
        doomed.push_back(docid);
      }
    }
    if (gone) db.set_metadata(mkey, "");
  }
  for (Xapian::docid d : doomed) writer_.remove(d);
  writer_.commit();
  return doomed.size();
}

// ---------------------------------------------------------------------------
// ShardSink

namespace {

DataCompressor compressor_for(const std::string& reader_path) {
  if (reader_path.empty()) return DataCompressor();
  return DataCompressor(Xapian::Database(reader_path));
}

}  // namespace

ShardSink::ShardSink(const std::vector<std::string>& shard_paths,
                     BatchLimits limits, const std::string& reader_path)
    : limits_(limits),
      reader_path_(reader_path),
      data_(compressor_for(reader_path)) {
  for (const std::string& path : shard_paths) {
    auto shard = std::make_unique<Shard>();
    shard->writer = std::make_unique<IndexWriter>(path);
    shards_.push_back(std::move(shard));
  }
  for (auto& shard : shards_) {
    // One batch waiting and one being written per shard, at most.
    shard->thread = std::make_unique<ShardThread<Batch>>(
        2, [this, s = shard.get()](Batch& batch) { write(s, &batch); });
  }
}

ShardSink::~ShardSink() { stop_all(); }

void ShardSink::stop_all() {
  for (auto& s : shards_) s->thread->close();
}

void ShardSink::write(Shard* s, Batch* batch) {
  for (const Xapian::Document& doc : batch->docs) s->writer->add(doc);
  for (const auto& [key, value] : batch->metadata) {
    s->writer->db().set_metadata(key, value);
  }
  s->writer->add_spelling(&batch->spelling);
  s->writer->commit();
}

void ShardSink::dispatch() {
  if (batch_.docs.empty() && batch_.spelling.empty()) return;
  shards_[batches_++ % shards_.size()]->thread->push(std::move(batch_));
  batch_ = Batch{};
  batch_bytes_ = 0;
}

void ShardSink::put(UnitResult* unit, Summary* summary,
                    std::vector<Report>* reports) {
  for (Item& item : unit->items) {
    const std::uint64_t h = XXH64(item.id_term.data(), item.id_term.size(), 0);
    if (files_.empty() || files_.back() != unit->parsed_file) {
      files_.push_back(unit->parsed_file);
    }
    const auto [at, added] = ids_.try_emplace(
        h, static_cast<std::uint32_t>(files_.size() - 1), item.line);
    if (!added) {
      const auto& [file, line] = at->second;
      skip(duplicate(item, unit->parsed_file, place(files_[file], line), true),
           summary, reports);
      continue;
    }
    if (recorded_.insert(unit->parsed_file).second &&
        !unit->parsed_file.empty()) {
      batch_.metadata.emplace_back(
          std::string(meta::kFilePrefix) + hash_hex(unit->parsed_file),
          unit->parsed_file);
    }
    if (auto trained = data_.compress(&item.doc)) {
      // With the batch (so the merged database has it) and, for readers
      // during the build, in the database they read metadata from.
      batch_.metadata.push_back(*trained);
      if (!reader_path_.empty()) {
        Xapian::WritableDatabase first(reader_path_, Xapian::DB_OPEN);
        first.set_metadata(trained->first, trained->second);
        first.commit();
      }
    }
    batch_.docs.push_back(std::move(item.doc));
    merge_counts(&batch_.spelling, &item.spelling);
    batch_bytes_ += item.text_bytes;
    ++summary->added;
    if (batch_.docs.size() >= limits_.docs || batch_bytes_ >= limits_.bytes) {
      dispatch();
    }
  }
}

void ShardSink::finish() {
  if (finished_) return;
  finished_ = true;
  dispatch();
  stop_all();
  for (auto& s : shards_) s->thread->check();
  for (auto& s : shards_) s->writer.reset();  // closes the shard databases
}

// ---------------------------------------------------------------------------
// ShardSetSink

namespace {

// Units queued per shard, at most (the one being written too): enough to
// ride over one shard's commit.
constexpr std::size_t kShardQueue = 9;

}  // namespace

ShardSetSink::ShardSetSink(const std::vector<std::string>& shard_paths,
                           BatchLimits limits,
                           const std::set<std::string>& inputs) {
  const auto n = static_cast<unsigned>(shard_paths.size());
  for (unsigned k = 0; k < n; ++k) {
    auto shard = std::make_unique<Shard>();
    shard->sink =
        std::make_unique<IncrementalSink>(shard_paths[k], limits, inputs, k, n);
    shards_.push_back(std::move(shard));
  }
  for (unsigned k = 1; k < n; ++k) {
    shards_[k]->sink->set_dictionary_hook(
        [first = shards_[0].get()](const std::string& key,
                                   const std::string& value) {
          std::lock_guard<std::mutex> lock(first->write_mu);
          first->sink->store_and_commit(key, value);
        });
  }
  for (auto& shard : shards_) {
    shard->thread = std::make_unique<ShardThread<UnitResult>>(
        kShardQueue,
        [this, s = shard.get()](UnitResult& unit) { write(s, &unit); });
  }
}

ShardSetSink::~ShardSetSink() { stop_all(); }

void ShardSetSink::stop_all() {
  for (auto& s : shards_) s->thread->close();
}

void ShardSetSink::write(Shard* s, UnitResult* unit) {
  Summary counts;
  std::vector<Report> reports;
  {
    std::lock_guard<std::mutex> write(s->write_mu);
    s->sink->put(unit, &counts, &reports);
  }
  std::lock_guard<std::mutex> lock(s->counts_mu);
  s->counts.added += counts.added;
  s->counts.updated += counts.updated;
  s->counts.unchanged += counts.unchanged;
  for (Report& r : reports) s->reports.push_back(std::move(r));
}

void ShardSetSink::collect(Summary* summary, std::vector<Report>* reports) {
  for (auto& s : shards_) {
    s->thread->check();
    std::lock_guard<std::mutex> lock(s->counts_mu);
    summary->added += s->counts.added;
    summary->updated += s->counts.updated;
    summary->unchanged += s->counts.unchanged;
    s->counts = Summary{};
    // The shard counted its skips in its own counts; they are counted
    // here, once.
    for (Report& r : s->reports) {
      summary->count(r);
      reports->push_back(std::move(r));
    }
    s->reports.clear();
  }
}

void ShardSetSink::wait_idle() {
  for (auto& s : shards_) s->thread->wait_idle();
}

void ShardSetSink::put(UnitResult* unit, Summary* summary,
                       std::vector<Report>* reports) {
  const auto n = static_cast<unsigned>(shards_.size());
  std::vector<UnitResult> parts(n);
  for (UnitResult& part : parts) {
    part.seq = unit->seq;
    part.ends_file = unit->ends_file;
    part.parsed_file = unit->parsed_file;
  }
  for (Item& item : unit->items) {
    parts[shard_of(item.id_term, n)].items.push_back(std::move(item));
  }
  // A document's words go with it (Item::spelling): the spelling table of
  // a sharded database is the sum of its shards'.
  unit->items.clear();
  for (unsigned k = 0; k < n; ++k) {
    shards_[k]->thread->push(std::move(parts[k]));
  }
  collect(summary, reports);
}

template <typename Fn>
void ShardSetSink::on_every_shard(Fn fn) {
  std::vector<std::exception_ptr> errors(shards_.size());
  std::vector<std::thread> threads;
  for (std::size_t k = 0; k < shards_.size(); ++k) {
    threads.emplace_back([&, k] {
      try {
        std::lock_guard<std::mutex> write(shards_[k]->write_mu);
        fn(k, *shards_[k]->sink);
      } catch (...) {
        errors[k] = std::current_exception();
      }
    });
  }
  for (std::thread& t : threads) t.join();
  for (const std::exception_ptr& e : errors) {
    if (e) std::rethrow_exception(e);
  }
}

void ShardSetSink::flush(Summary* summary, std::vector<Report>* reports) {
  wait_idle();
  collect(summary, reports);
}

void ShardSetSink::settle(const std::set<std::string>& parsed, Summary* summary,
                          std::vector<Report>* reports) {
  flush(summary, reports);
  for (auto& s : shards_) {
    std::lock_guard<std::mutex> write(s->write_mu);
    s->sink->settle(parsed, summary, reports);
  }
}

std::uint64_t ShardSetSink::prune(const std::vector<std::string>& roots,
                                  const std::set<std::string>& present,
                                  const std::set<std::string>& parsed) {
  wait_idle();
  std::vector<std::uint64_t> deleted(shards_.size());
  on_every_shard([&](std::size_t k, IncrementalSink& sink) {
    deleted[k] = sink.prune(roots, present, parsed);
  });
  std::uint64_t total = 0;
  for (std::uint64_t d : deleted) total += d;
  return total;
}

void ShardSetSink::finish() {
  if (finished_) return;
  finished_ = true;
  wait_idle();
  on_every_shard([](std::size_t, IncrementalSink& sink) { sink.finish(); });
}

}  // namespace lede::indexer
