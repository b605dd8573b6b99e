#pragma once
// Helpers shared by the test suites: temporary directories, running the
// real binaries, and the paths of the sample and shared corpora.
#include <filesystem>
#include <string>
#include <vector>

namespace lede::testing {

// A fresh directory under $TMPDIR, removed with everything in it when the
// object goes away.
class TempDir {
 public:
  TempDir();
  ~TempDir();
  TempDir(const TempDir&) = delete;
  TempDir& operator=(const TempDir&) = delete;
  [[nodiscard]] const std::filesystem::path& path() const { return path_; }
  [[nodiscard]] std::string str(const std::string& child = "") const {
    return child.empty() ? path_.string() : (path_ / child).string();
  }

 private:
  std::filesystem::path path_;
};

// What a child process did.
struct RunResult {
  int exit_code = -1;  // or 128 + signal
  std::string out;
  std::string err;
};

// Runs `argv` (argv[0] a path) with `stdin_data` on its standard input, no
// terminal, LC_ALL=C, NO_COLOR, LEDE_DB and COLUMNS unset (so results do
// not depend on the caller's environment); `env` adds NAME=VALUE entries.
RunResult run_binary(const std::vector<std::string>& argv,
                     const std::string& stdin_data = "",
                     const std::vector<std::string>& env = {});

// Writes `content` to `path`, creating parent directories.
void write_file(const std::filesystem::path& path, const std::string& content);

std::string read_file(const std::filesystem::path& path);

// ../shared/corpora, or "" when absent (a user's clone): tests that need it
// GTEST_SKIP() with a message saying so.
std::string shared_corpora_dir();

inline const char* index_bin() { return LEDE_INDEX_BIN; }
inline const char* query_bin() { return LEDE_QUERY_BIN; }
inline const char* sample_corpus() { return LEDE_SAMPLE_CORPUS; }

}  // namespace lede::testing
