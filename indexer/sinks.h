#pragma once
// Where the pipeline's documents go: the writer side of an indexing run.
// A Build (indexer/build.h) feeds every UnitResult, in input order, to one
// sink, and decides what becomes of the databases it wrote.
//
//  * IncrementalSink: the single writer of an existing generation. Looks
//    each article up by its id term: unchanged ones are only marked as
//    seen, changed ones replaced in place (same docid), new ones added
//    (docids in input order). Commits every --batch-docs documents or
//    --batch-mb MB written. Knows which documents it saw, for --prune.
//  * ShardSink: a fresh build on K threads. Batches of documents (input
//    order within a batch) are dealt round-robin to K shard databases, each
//    written and committed by its own thread; the Build then merges the
//    shards, in shard order, with Xapian's compaction. Docids are
//    deterministic (same input and options, same docids) but follow input
//    order only within each batch.
//  * ShardSetSink: the writer of a sharded database (lede-index --shards,
//    indexer/database_dir.h): one IncrementalSink per shard, each on its
//    own thread. A document goes to shard shard_of(its id term, N)
//    (document_builder.h), so an update, an unchanged article or a second
//    use of an id meets the old version in its shard. Every shard is given
//    every unit (with its own documents only), so that each knows which
//    files the run has read. Each shard commits every --batch-docs of its
//    own documents; its counts and reports come back a few units late.
//    Each shard keeps its own dictionaries, numbered apart (shard K of N:
//    K+1, K+1+N, ...), and shard 0 gets a copy of every other shard's,
//    committed before the shard that trained it commits a document that
//    uses it: a reader of the whole database (Xapian's metadata of
//    several databases is the first one's; a remote shard's too) finds
//    the dictionary of every document in shard 0.
//
// All compress each document's data (indexer/data_compressor.h) and store
// a dictionary they train with the batch of its first document; in a
// sharded database each shard has its own. All add a document's words to
// the spelling table (of its shard) in the commit that adds the document
// (Item::spelling), so a run killed at any moment leaves the spelling of
// exactly the documents committed, and a re-run adds the rest.
//
// Ids (document_builder.h, id_term()) are one namespace for the whole
// database: a file's own path, PATH:LINE and PATH#N can clash only with
// another input's own id, and a record's own id ("id" in JSON, "ID:" in a
// header) names one story whatever file it is in. So an id keeps the
// first document that had it:
//  * seen twice in one run: the later one is skipped and reported
//    ("duplicate id"), naming the place of the first;
//  * already in the database from another file (IncrementalSink): the
//    record is skipped and reported the same way while that file still
//    exists and gives the id; the id moves to the new file (the document
//    is replaced) when the old file is gone or was read in this run
//    without it. When the old file is read later in this run, the
//    decision waits for it (settle()).
// Nothing is lost silently and no story is stored twice under one id.
#include <cstdint>
#include <functional>
#include <memory>
#include <mutex>
#include <set>
#include <string>
#include <unordered_map>
#include <vector>

#include "common/document_data.h"
#include "indexer/data_compressor.h"
#include "indexer/index_writer.h"
#include "indexer/pipeline.h"
#include "indexer/shard_thread.h"
#include "indexer/summary.h"

namespace lede::indexer {

struct BatchLimits {
  std::uint64_t docs = 1000;
  std::uint64_t bytes = 64ull << 20;
};

class DocumentSink {
 public:
  virtual ~DocumentSink() = default;
  // Writes the unit's items and counts what became of each in *summary:
  // added, updated, unchanged, or skipped as a duplicate id (its report
  // also appended to *reports, for printing). Nothing else counts them.
  virtual void put(UnitResult* unit, Summary* summary,
                   std::vector<Report>* reports) = 0;
  // Commits everything. Throws what a writer thread threw.
  virtual void finish() = 0;
};

class IncrementalSink : public DocumentSink {
 public:
  // Writes into the glass database at `path`. `inputs` are the file keys
  // this run reads (file_key(); "-" for stdin).
  // `shard` of `shards`: a shard of a sharded database (its dictionary
  // numbers, indexer/data_compressor.h).
  IncrementalSink(const std::string& path, BatchLimits limits,
                  std::set<std::string> inputs = {}, unsigned shard = 0,
                  unsigned shards = 1);
  void put(UnitResult* unit, Summary* summary,
           std::vector<Report>* reports) override;
  void finish() override;

  // Decides the records whose id another file of this run held when they
  // came: the id moves to them when that file was read (`parsed`: file
  // keys read and parsed) without the id; otherwise they are skipped and
  // reported in *reports (and counted in *summary, as put() does). Call
  // after the last put(), before finish() and prune().
  void settle(const std::set<std::string>& parsed, Summary* summary,
              std::vector<Report>* reports);

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

  // Called with each dictionary this sink trains (metadata key, value),
  // after it is stored here and before any commit makes a document
  // compressed with it visible.
  using DictionaryHook =
      std::function<void(const std::string&, const std::string&)>;
  void set_dictionary_hook(DictionaryHook hook) { hook_ = std::move(hook); }

  // Stores metadata entry `key` and commits (what was written so far too).
  void store_and_commit(const std::string& key, const std::string& value);

 private:
  // What to do with a record whose id the document `owner` (from another
  // file, with key `owner_file`) has.
  enum class Claim { kMove, kWait, kKeep };
  Claim claim(const std::string& owner_file) const;
  // The file key of document `docid` ("" when it has none).
  std::string file_of(Xapian::docid docid);
  // "PATH:LINE" of document `docid`, from its stored data.
  std::string place_of(Xapian::docid docid);
  void write(Item* item, Xapian::docid replace, Summary* summary);
  void maybe_commit(bool force);
  void compress(Xapian::Document* doc);
  [[nodiscard]] bool is_seen(Xapian::docid docid) const;
  void mark_seen(Xapian::docid docid);
  void record_file(const std::string& key);

  struct Waiting {
    Item item;
    std::string file;  // its file key
  };

  IndexWriter writer_;
  BatchLimits limits_;
  DataCompressor data_;
  std::set<std::string> inputs_;
  std::set<std::string> done_;  // files read to their end in this run
  std::vector<Waiting> waiting_;
  std::unique_ptr<DataReader> reader_;  // for place_of()
  std::vector<bool> seen_;
  std::uint64_t batch_docs_ = 0;
  std::uint64_t batch_bytes_ = 0;
  WordCounts spelling_;
  std::set<std::string> recorded_;  // files whose metadata is in place
  DictionaryHook hook_;
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
    std::unique_ptr<ShardThread<Batch>> thread;  // writes `writer`
  };
  void dispatch();
  void write(Shard* shard, Batch* batch);
  void stop_all();

  BatchLimits limits_;
  std::string reader_path_;
  DataCompressor data_;
  std::vector<std::unique_ptr<Shard>> shards_;
  Batch batch_;
  std::uint64_t batch_bytes_ = 0;
  std::uint64_t batches_ = 0;
  // Hash of each id written -> where it came from (index in files_, line).
  std::unordered_map<std::uint64_t, std::pair<std::uint32_t, std::uint64_t>>
      ids_;
  std::vector<std::string> files_;  // file keys
  std::set<std::string> recorded_;  // files given metadata
  bool finished_ = false;
};

class ShardSetSink : public DocumentSink {
 public:
  // Writes into the shards at `shard_paths` (in shard order, existing).
  // `inputs` as for IncrementalSink.
  ShardSetSink(const std::vector<std::string>& shard_paths, BatchLimits limits,
               const std::set<std::string>& inputs);
  ~ShardSetSink() override;
  void put(UnitResult* unit, Summary* summary,
           std::vector<Report>* reports) override;
  // Commits every shard (in parallel). Throws what a shard threw.
  void finish() override;

  // Waits for the shards to write what they were given and adds what they
  // counted and reported since the last put() to *summary and *reports.
  // Call after the last put() (also when interrupted).
  void flush(Summary* summary, std::vector<Report>* reports);
  // flush(), then IncrementalSink::settle() for every shard; the reports in
  // shard order.
  void settle(const std::set<std::string>& parsed, Summary* summary,
              std::vector<Report>* reports);
  // As IncrementalSink's, every shard in parallel; the total deleted.
  std::uint64_t prune(const std::vector<std::string>& roots,
                      const std::set<std::string>& present,
                      const std::set<std::string>& parsed);

 private:
  struct Shard {
    std::unique_ptr<IncrementalSink> sink;
    std::mutex write_mu;          // held while `sink` is used
    std::mutex counts_mu;         // held while these two are used:
    Summary counts;               // not yet collected
    std::vector<Report> reports;  // ...
    std::unique_ptr<ShardThread<UnitResult>> thread;  // writes `sink`
  };
  void write(Shard* shard, UnitResult* unit);
  // Waits until every shard has written what it was given; rethrows a
  // shard's error. Then the shards may be used from this thread.
  void wait_idle();
  // Moves what the shards counted and reported so far into the caller's.
  void collect(Summary* summary, std::vector<Report>* reports);
  void stop_all();
  // Runs fn(shard) for every shard at once, one thread each; rethrows the
  // first error. REQUIRES: wait_idle().
  template <typename Fn>
  void on_every_shard(Fn fn);

  std::vector<std::unique_ptr<Shard>> shards_;
  bool finished_ = false;
};

}  // namespace lede::indexer
