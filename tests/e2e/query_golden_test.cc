// End-to-end golden tests of lede-query: index sample_corpus/ once with the
// real lede-index, then run the real lede-query for each case in
// tests/e2e/cases/ and compare its standard output (and exit status, and
// standard error when the case has a .stderr file) byte for byte.
//
// A case NAME is:
//   NAME.args    the arguments, one per line (--db is added in front)
//   NAME.stdout  the expected standard output
//   NAME.exit    the expected exit status (default 0)
//   NAME.stdin   optional: standard input (for --batch)
//   NAME.stderr  optional: the expected standard error
//
// LEDE_UPDATE_GOLDEN=1 rewrites the .stdout/.exit/.stderr files from what
// lede-query prints; read the diff before committing it.
//
// Stored paths (and the ids of files) are absolute, so the real path of
// the checkout is replaced by "<src>" in what lede-query prints before it
// is compared: outputs do not depend on where the checkout is. The output
// has no timing: stdout is not a terminal.
#include <gtest/gtest.h>

#include <algorithm>
#include <cstdlib>
#include <filesystem>
#include <fstream>

#include "tests/testutil/testutil.h"

namespace lede {
namespace {

namespace fs = std::filesystem;
using testing::read_file;
using testing::run_binary;

const fs::path kCases = fs::path(LEDE_SOURCE_DIR) / "tests/e2e/cases";

std::vector<std::string> case_names() {
  std::vector<std::string> names;
  std::error_code ec;
  for (const auto& e : fs::directory_iterator(kCases, ec)) {
    if (e.path().extension() == ".args") names.push_back(e.path().stem());
  }
  std::sort(names.begin(), names.end());
  return names;
}

std::vector<std::string> lines_of(const std::string& text) {
  std::vector<std::string> out;
  std::size_t at = 0;
  while (at < text.size()) {
    std::size_t nl = text.find('\n', at);
    if (nl == std::string::npos) nl = text.size();
    out.push_back(text.substr(at, nl - at));
    at = nl + 1;
  }
  return out;
}

// The sample corpus indexed once for all cases, as the demo does (without
// its README).
class QueryGolden : public ::testing::TestWithParam<std::string> {
 public:
  static void SetUpTestSuite() {
    dir_ = new testing::TempDir();
    db_ = dir_->str("lede.db");
    const std::string cmd = "cd '" + std::string(LEDE_SOURCE_DIR) +
                            "' && exec '" + testing::index_bin() + "' -q --db '" +
                            db_ + "' --exclude README.md sample_corpus";
    const auto r = run_binary({"/bin/sh", "-c", cmd});
    // empty.txt is skipped on purpose: exit 1 with everything else indexed.
    ASSERT_EQ(r.exit_code, 1) << r.err;
  }
  static void TearDownTestSuite() { delete dir_; }

 protected:
  static testing::TempDir* dir_;
  static std::string db_;
};

testing::TempDir* QueryGolden::dir_ = nullptr;
std::string QueryGolden::db_;

// `text` with every "SOURCE_DIR/" written as "<src>/".
std::string without_checkout(std::string text) {
  const std::string src = fs::canonical(LEDE_SOURCE_DIR).string() + "/";
  for (std::size_t at = text.find(src); at != std::string::npos;
       at = text.find(src, at)) {
    text.replace(at, src.size(), "<src>/");
  }
  return text;
}

// On a mismatch, both texts in full, fenced, so a reader can see the
// difference (ripgrep's eqnice).
std::string fenced(const std::string& what, const std::string& text) {
  return "\n----- " + what + " -----\n" + text + "----- end " + what +
         " -----\n";
}

TEST_P(QueryGolden, Case) {
  const std::string name = GetParam();
  const fs::path base = kCases / name;
  std::vector<std::string> argv = {testing::query_bin(), "--db", db_};
  for (const std::string& a : lines_of(read_file(base.string() + ".args"))) {
    argv.push_back(a);
  }
  std::string stdin_data;
  if (fs::exists(base.string() + ".stdin")) {
    stdin_data = read_file(base.string() + ".stdin");
  }
  auto r = run_binary(argv, stdin_data);
  r.out = without_checkout(std::move(r.out));
  r.err = without_checkout(std::move(r.err));

  const bool update = std::getenv("LEDE_UPDATE_GOLDEN") != nullptr;
  const std::string out_file = base.string() + ".stdout";
  const std::string exit_file = base.string() + ".exit";
  const std::string err_file = base.string() + ".stderr";
  if (update) {
    testing::write_file(out_file, r.out);
    testing::write_file(exit_file, std::to_string(r.exit_code) + "\n");
    if (fs::exists(err_file)) testing::write_file(err_file, r.err);
    return;
  }
  const int want_exit = fs::exists(exit_file)
                            ? std::stoi(read_file(exit_file))
                            : 0;
  EXPECT_EQ(r.exit_code, want_exit) << fenced("stderr", r.err);
  const std::string want_out = read_file(out_file);
  EXPECT_TRUE(r.out == want_out)
      << "stdout differs from " << out_file << fenced("expected", want_out)
      << fenced("got", r.out) << fenced("stderr", r.err);
  if (fs::exists(err_file)) {
    const std::string want_err = read_file(err_file);
    EXPECT_TRUE(r.err == want_err)
        << "stderr differs from " << err_file << fenced("expected", want_err)
        << fenced("got", r.err);
  }
}

INSTANTIATE_TEST_SUITE_P(Cases, QueryGolden,
                         ::testing::ValuesIn(case_names()),
                         [](const ::testing::TestParamInfo<std::string>& i) {
                           return i.param;
                         });

}  // namespace
}  // namespace lede
