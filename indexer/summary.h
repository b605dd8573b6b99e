#pragma once
// What an indexing run tells its user: the per-input reports
// ("lede-index: PATH[:LINE]: what is wrong"), the live progress line (only
// on a terminal) and the summary at the end, as text or as one JSON
// object. Counting and formatting only: no indexing decisions here.
#include <cstdint>
#include <iosfwd>
#include <map>
#include <string>

namespace lede::indexer {

// One line about one input (a file, a line of a file, a walk problem).
struct Report {
  enum class Kind {
    kFailed,   // could not be read at all (missing, unreadable): exit 1
    kSkipped,  // read, but nothing of it went in (empty, binary, bad line,
               // too large, duplicate id): exit 1
    kWarning,  // went in anyway, or skipped on purpose (invalid UTF-8
               // replaced, FIFO): reported, counted, exit status unchanged
  };
  std::string where;    // PATH or PATH:LINE
  std::string message;  // what is wrong
  Kind kind = Kind::kSkipped;
  // The input it concerns: its file key (document_builder.h file_key(),
  // "-" for stdin) and line (0: the whole file), by which a later run
  // knows it again (indexer/known_problems.h).
  std::string file;
  std::uint64_t line = 0;
  // An earlier run reported it too (set by the Build, indexer/build.h).
  bool known = false;
};

// The reason a skip is counted under in the summary: the message up to its
// first ':' or '(', without a position ("not valid JSON at column 17: ..."
// -> "not valid JSON"; "empty file", "binary file", "duplicate id").
std::string report_reason(const std::string& message);

struct Summary {
  std::uint64_t added = 0;
  std::uint64_t updated = 0;
  std::uint64_t unchanged = 0;
  std::uint64_t deleted = 0;       // by --prune
  std::uint64_t skipped = 0;       // inputs or lines (Report::kSkipped)
  std::uint64_t failed = 0;        // inputs (Report::kFailed)
  std::uint64_t warnings = 0;      // Report::kWarning
  std::map<std::string, std::uint64_t> skipped_reasons;  // reason -> count
  std::map<std::string, std::uint64_t> failed_reasons;
  // Of those, skipped or failed exactly as in an earlier run (same file,
  // line and message; indexer/known_problems.h): not new.
  std::uint64_t skipped_known = 0;
  std::uint64_t failed_known = 0;
  std::uint64_t dates_unparsed = 0;
  std::uint64_t invalid_utf8 = 0;  // bytes replaced by U+FFFD
  std::uint64_t files = 0;         // inputs read (files, stdin)
  std::uint64_t bytes = 0;         // input bytes read
  double seconds = 0;
  std::uint64_t documents = 0;     // in the database at the end
  std::string database;            // its path
  bool interrupted = false;
  bool compacted = false;

  // Counts `report` (kind and reason).
  void count(const Report& report);

  // Exit status: 130 interrupted; 1 when something new was skipped or
  // failed (not known from an earlier run); else 0.
  [[nodiscard]] int exit_status() const;
};

// Writes `report` as "lede-index: WHERE: MESSAGE\n", and when `known` (an
// earlier run reported it too) " (as in an earlier run)" before the
// newline.
void print_report(std::ostream& err, const Report& report,
                  bool known = false);

// Two lines for a person, e.g.
//   lede-index: 21577 added, 0 updated, 0 unchanged, 0 deleted, 1 skipped
//     (no title or text: 1; 1 as in an earlier run), 0 failed
//   lede-index: 21577 documents in r.db; 26.5 MB in 8.1 s (2664 docs/s,
//     3.3 MB/s); 0 dates not parsed, 0 invalid UTF-8 bytes
void print_summary_text(std::ostream& err, const Summary& summary);

// One JSON object and a newline. Keys, in this order: database, documents,
// added, updated, unchanged, deleted, skipped, skipped_reasons (object),
// skipped_known, failed, failed_reasons (object), failed_known, warnings, dates_unparsed,
// invalid_utf8_bytes, files, bytes, seconds, docs_per_second,
// mb_per_second, interrupted, compacted, exit_status.
void print_summary_json(std::ostream& out, const Summary& summary);

// The live progress line: redrawn in place ("\r...\x1b[K") at most every
// 200 ms, only when enabled (stderr is a terminal and not -q).
class Progress {
 public:
  Progress(std::ostream& err, bool enabled, std::uint64_t total_files,
           std::uint64_t total_bytes);
  // Redraws if due. `docs` counts documents handled (added, updated,
  // unchanged).
  void update(std::uint64_t files_done, std::uint64_t bytes_done,
              std::uint64_t docs, bool force = false);
  // Shows a phase after the input is read ("merging shards").
  void phase(const std::string& what);
  // Erases the line (before the summary or a report).
  void clear();
  [[nodiscard]] bool enabled() const { return enabled_; }

 private:
  std::ostream& err_;
  bool enabled_;
  bool shown_ = false;
  std::uint64_t total_files_;
  std::uint64_t total_bytes_;
  double start_;
  double last_ = -1;
};

// Seconds on a monotonic clock.
double now_seconds();

}  // namespace lede::indexer
