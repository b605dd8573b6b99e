#pragma once
// Where the pipeline's documents go: the writer side of an indexing run.
// run.cc feeds every UnitResult, in input order, to one sink.
//
//  * IncrementalSink: the single writer of an existing generation. Looks
//    each article up by its id term: unchanged ones are only marked as
//    seen, changed ones replaced in place (same docid), new ones added
//    (docids in input order). Commits every --batch-docs documents or
//    --batch-mb MB written. Knows which documents it saw, for --prune.
//  * ShardSink: a fresh build on K threads. Batches of documents (input
//    order within a batch) are dealt round-robin to K shard databases, each
//    written and committed by its own thread; run.cc then merges the
//    shards, in shard order, with Xapian's compaction. Docids are
//    deterministic (same input and options, same docids) but follow input
//    order only within each batch.
//
// Both compress each document's data (indexer/data_compressor.h) and store
// a dictionary they train with the batch of its first document.
//
// In both, an id seen twice in one run keeps its first occurrence; later
// ones are skipped and reported ("duplicate id").
#include <condition_variable>
#include <cstdint>
#include <deque>
#include <exception>
#include <memory>
#include <mutex>
#include <set>
#include <string>
#include <thread>
#include <unordered_set>
#include <vector>

#include "indexer/data_compressor.h"
#include "indexer/index_writer.h"
#include "indexer/pipeline.h"
#include "indexer/summary.h"

namespace lede::indexer {

struct BatchLimits {
  std::uint64_t docs = 1000;
  std::uint64_t bytes = 64ull << 20;
};

class DocumentSink {
 public:
  virtual ~DocumentSink() = default;
  // Writes the unit's items; counts added/updated/unchanged in *summary;
  // appends a report for each item skipped (duplicate id) to *reports.
  virtual void put(UnitResult* unit, Summary* summary,
                   std::vector<Report>* reports) = 0;
  // Commits everything. Throws what a writer thread threw.
  virtual void finish() = 0;
};

class IncrementalSink : public DocumentSink {
 public:
  // Writes into the glass database at `path`.
  IncrementalSink(const std::string& path, BatchLimits limits);
  void put(UnitResult* unit, Summary* summary,
           std::vector<Report>* reports) override;
  void finish() override;

  // --prune: deletes every document whose file (the metadata entry named
  // by its XFILE term) lies under one of `roots` (file keys of existing
  // roots; "-" for stdin) and either is not in `present` (the files this
  // run found) or is in `parsed` (files read and parsed this run) but was
  // not seen. Files found but not parsed (unreadable, too large) keep their
  // documents. Commits. Returns the number deleted.
  std::uint64_t prune(const std::vector<std::string>& roots,
                      const std::set<std::string>& present,
                      const std::set<std::string>& parsed);

  [[nodiscard]] Xapian::doccount doc_count() const {
    return writer_.doc_count();
  }

 private:
  void maybe_commit(bool force);
  void compress(Xapian::Document* doc);
  bool mark_seen(Xapian::docid docid);  // false when already seen
  void record_file(const std::string& key);

  IndexWriter writer_;
  BatchLimits limits_;
  DataCompressor data_;
  std::vector<bool> seen_;
  std::uint64_t batch_docs_ = 0;
  std::uint64_t batch_bytes_ = 0;
  WordCounts spelling_;
  std::set<std::string> recorded_;  // files whose metadata is in place
};

class ShardSink : public DocumentSink {
 public:
  // Writes into the (existing, empty) glass databases at `shard_paths`.
  // `reader_path`, when not empty, is the database readers open first
  // while the build runs (the stub's first entry, read for metadata): a
  // data dictionary is also stored there, before any document uses it.
  ShardSink(const std::vector<std::string>& shard_paths, BatchLimits limits,
            const std::string& reader_path = "");
  ~ShardSink() override;
  void put(UnitResult* unit, Summary* summary,
           std::vector<Report>* reports) override;
  void finish() override;

 private:
  struct Batch {
    std::vector<Xapian::Document> docs;
    WordCounts spelling;
    std::vector<std::pair<std::string, std::string>> metadata;
  };
  struct Shard {
    std::unique_ptr<IndexWriter> writer;
    std::mutex mu;
    std::condition_variable cv;
    std::deque<Batch> queue;
    bool closing = false;
    std::exception_ptr error;
    std::thread thread;
  };
  void dispatch();
  void run_shard(Shard* shard);
  void stop_all();

  BatchLimits limits_;
  std::string reader_path_;
  DataCompressor data_;
  std::vector<std::unique_ptr<Shard>> shards_;
  Batch batch_;
  std::uint64_t batch_bytes_ = 0;
  std::uint64_t batches_ = 0;
  std::unordered_set<std::uint64_t> ids_;  // hashes of the ids written
  std::set<std::string> recorded_;         // files given metadata
  bool finished_ = false;
};

}  // namespace lede::indexer
