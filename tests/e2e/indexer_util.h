#pragma once
// Helpers for the lede-index end-to-end tests: run it with --json and read
// the summary, start it in the background (to kill or interrupt it), and
// look inside the database it wrote.
#include <signal.h>
#include <sys/types.h>

#include <nlohmann/json.hpp>

#include <string>
#include <vector>

#include "tests/testutil/testutil.h"

namespace lede::testing {

struct IndexRun {
  RunResult result;
  nlohmann::json summary;  // --json's object (null if none was printed)
};

// Runs lede-index --json --db `db` `args...` (with `stdin_data`).
IndexRun index_json(const std::string& db, std::vector<std::string> args,
                    const std::string& stdin_data = "");

// A lede-index running in the background. Its standard input is a pipe
// the test holds (write_stdin / close_stdin); output goes to files.
class Background {
 public:
  explicit Background(std::vector<std::string> argv);
  ~Background();  // kills it (SIGKILL) if still running
  void write_stdin(const std::string& data);
  void close_stdin();
  void signal(int sig);
  // Waits for it to end: exit code, or 128 + signal.
  int wait();
  // Whether it is still running (reaps it, without waiting, if not).
  bool running();
  [[nodiscard]] std::string err() const;
  [[nodiscard]] std::string out() const;
  [[nodiscard]] pid_t pid() const { return pid_; }

 private:
  pid_t pid_ = -1;
  int stdin_fd_ = -1;
  TempDir files_;
  int status_ = -1;
};

// The number of documents a reader sees in `db` (-1 if it cannot open it).
long doc_count(const std::string& db);

// Waits up to `seconds` until a reader sees at least `n` documents.
bool wait_for_docs(const std::string& db, long n, double seconds);

// The unique ids (Q terms, without the Q) in `db`, each once, and the
// number of documents holding each.
std::vector<std::pair<std::string, unsigned>> id_counts(const std::string& db);

// The first `lines` lines of the shared Reuters JSONL written to `path`;
// false when the shared corpora are absent.
bool write_reuters_slice(const std::string& path, int lines);

// The ids of the lines of `path` that are Reuters stories with a title or
// a text (what lede-index indexes from it), in input order; and how many.
std::vector<std::string> indexable_reuters_ids(const std::string& path);
long count_indexable_reuters(const std::string& path);

}  // namespace lede::testing
