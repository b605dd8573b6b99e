#pragma once
// The indexing pipeline: inputs in, built documents out, in input order.
//
//   feeder thread ──units──▶ N worker threads ──results──▶ reorder ──▶ next()
//
// The feeder walks the input list in order and cuts it into units: a small
// file is one unit (a worker reads and parses it); a large JSON Lines file,
// or standard input, is read by the feeder and cut at line boundaries into
// chunks of about kChunkBytes, so that one big file still keeps every
// worker busy. Workers read, parse, normalise dates and build each
// article's Xapian::Document (build_document() is pure, one Analyzer per
// worker). When given a snapshot of the database, a worker first checks
// the article's content hash against it and builds nothing for an
// unchanged article, which is what makes a re-run cheap. Results come out
// of next() in input order (sequence numbers and a reorder buffer), so the
// caller writes documents in input order and reports problems in input
// order too.
//
// Memory is bounded: at most kUnitsPerJob units per worker are in flight
// between the feeder and the caller, whatever the size of the input.
//
// After interrupted() turns true the feeder starts no new unit; the units
// in flight still come out, then next() returns nullopt.
//
// No database writes and no output here.
#include <xapian.h>

#include <condition_variable>
#include <cstdint>
#include <exception>
#include <map>
#include <memory>
#include <mutex>
#include <optional>
#include <semaphore>
#include <string>
#include <thread>
#include <vector>

#include "common/index_meta.h"
#include "indexer/corpus_walker.h"
#include "indexer/formats.h"
#include "indexer/index_writer.h"
#include "indexer/summary.h"

namespace lede::indexer {

inline constexpr std::size_t kChunkBytes = 256 * 1024;
// Files larger than this are read by the feeder (and, for JSON Lines, cut
// into chunks); smaller ones are read by a worker.
inline constexpr std::uint64_t kFeederReadsFrom = 4ull << 20;
inline constexpr unsigned kUnitsPerJob = 4;
// How standard input is named in messages; its file key is "-".
inline constexpr const char* kStdinName = "<stdin>";

// One thing to index, in the order the user gave them.
struct Input {
  enum class Kind { kFile, kStdin, kProblem };
  Kind kind = Kind::kFile;
  InputFile file;  // kFile
  std::string key;  // kFile: file_key(file.path)
  Report problem;  // kProblem: reported in its place in the order
};

struct PipelineConfig {
  Format forced_format = Format::kAuto;  // --format
  FieldMap fields;                       // --field
  std::uint64_t max_file_size = 64ull << 20;
  IndexSettings settings;                // of the database written
  unsigned jobs = 1;                     // worker threads
  bool collect_spelling = true;
  // A generation to check content hashes against ("" for a fresh build:
  // then every article is built).
  std::string snapshot_path;
  int stdin_fd = 0;                      // where "-" reads from
};

// One article, ready for the writer.
struct Item {
  std::string id_term;     // Q term (document_builder.h, id_term())
  std::string hash;        // content hash (kSlotHash)
  std::string where;       // PATH or PATH:LINE, for messages
  std::uint64_t line = 0;  // the article's line (0: the whole file)
  std::uint64_t text_bytes = 0;
  bool built = false;      // false: unchanged in the snapshot, no document
  Xapian::Document doc;    // when built
  // Its words for the spelling table (when built): the sink adds them in
  // the commit that adds the document, so that a database stopped at any
  // commit has the spelling of exactly its documents.
  WordCounts spelling;
};

// What one unit gave.
struct UnitResult {
  std::uint64_t seq = 0;
  std::vector<Item> items;
  std::vector<Report> reports;  // in input order
  std::uint64_t input_bytes = 0;
  bool ends_file = false;       // the last unit of a file or of stdin
  // The file key (file_key()) of a file that was read and parsed: --prune
  // may delete its documents that this run did not see. Empty otherwise.
  std::string parsed_file;
  std::string path;             // of that file, as the user named it
  std::uint64_t dates_unparsed = 0;
  std::uint64_t invalid_utf8 = 0;
  std::exception_ptr error;     // a fatal error (rethrown by next())
};

class Pipeline {
 public:
  // Starts the threads. `inputs` are processed in order.
  Pipeline(std::vector<Input> inputs, PipelineConfig config);
  // Stops the threads (abandoning work in flight) and joins them.
  ~Pipeline();
  Pipeline(const Pipeline&) = delete;
  Pipeline& operator=(const Pipeline&) = delete;

  // The next unit's result in input order; nullopt at the end. Rethrows a
  // worker's fatal error (ICU, Xapian).
  std::optional<UnitResult> next();

 private:
  struct Unit;
  void feed();
  void feed_file(const Input& input);
  void feed_stdin();
  bool push(Unit unit);  // false when stopping
  // --format, else the format detect_format() sees in `bytes`.
  Format format_of(const std::string& path, std::string_view bytes) const;
  void work();
  UnitResult process(Unit& unit, class Worker& worker);

  std::vector<Input> inputs_;
  PipelineConfig config_;
  std::counting_semaphore<> inflight_;
  std::size_t max_inflight_;

  std::mutex mu_;
  std::condition_variable work_cv_;
  std::condition_variable result_cv_;
  std::vector<std::unique_ptr<Unit>> queue_;  // FIFO (front = oldest)
  std::size_t queue_head_ = 0;
  std::map<std::uint64_t, UnitResult> results_;
  std::uint64_t next_seq_ = 0;   // the next unit the feeder creates
  std::uint64_t out_seq_ = 0;    // the next unit next() returns
  bool feeding_done_ = false;
  bool stop_ = false;

  std::thread feeder_;
  std::vector<std::thread> workers_;
};

}  // namespace lede::indexer
