// lede-index end to end: a re-run tells what an earlier run already
// skipped from what went wrong anew (issue 13 item 6). The same bad record
// is still reported and counted, but it alone no longer makes the run
// fail; anything new does.
#include <gtest/gtest.h>

#include <filesystem>

#include "tests/e2e/indexer_util.h"

namespace lede {
namespace {

namespace fs = std::filesystem;
using testing::index_json;
using testing::TempDir;
using testing::write_file;

constexpr const char* kGood = "{\"id\":\"1\",\"title\":\"fine\",\"text\":\"ok\"}\n";
constexpr const char* kEmpty = "{\"id\":\"2\",\"title\":\"\",\"text\":\"\"}\n";
constexpr const char* kBroken = "{\"id\":\"3\",\"title\": x}\n";

class KnownProblems : public ::testing::Test {
 protected:
  std::string db() const { return dir_.str("db"); }
  std::string feed() const { return dir_.str("feed.jsonl"); }
  TempDir dir_;
};

TEST_F(KnownProblems, TheSameSkipAgainIsReportedButExitsZero) {
  write_file(feed(), std::string(kGood) + kEmpty);
  const auto first = index_json(db(), {feed()});
  EXPECT_EQ(first.result.exit_code, 1);
  EXPECT_EQ(first.summary["skipped"], 1);
  EXPECT_EQ(first.summary["skipped_known"], 0);

  const auto again = index_json(db(), {feed()});
  EXPECT_EQ(again.result.exit_code, 0) << again.result.err;
  EXPECT_EQ(again.summary["exit_status"], 0);
  EXPECT_EQ(again.summary["skipped"], 1);  // still visible
  EXPECT_EQ(again.summary["skipped_known"], 1);
  EXPECT_EQ(again.result.err,
            "lede-index: " + feed() +
                ":2: no title or text (as in an earlier run)\n");

  // The text summary says it too.
  const auto text = testing::run_binary(
      {testing::index_bin(), "--db", db(), feed()});
  EXPECT_EQ(text.exit_code, 0);
  EXPECT_NE(text.err.find("1 skipped (no title or text: 1; 1 as in an "
                          "earlier run)"),
            std::string::npos)
      << text.err;
  // -q, for cron: nothing new, nothing printed.
  const auto quiet =
      testing::run_binary({testing::index_bin(), "-q", "--db", db(), feed()});
  EXPECT_EQ(quiet.exit_code, 0);
  EXPECT_EQ(quiet.err, "");
}

TEST_F(KnownProblems, ANewProblemInAReRunExitsOne) {
  write_file(feed(), std::string(kGood) + kEmpty);
  ASSERT_EQ(index_json(db(), {feed()}).result.exit_code, 1);
  write_file(feed(), std::string(kGood) + kEmpty + kBroken);
  const auto r = index_json(db(), {feed()});
  EXPECT_EQ(r.result.exit_code, 1);
  EXPECT_EQ(r.summary["skipped"], 2);
  EXPECT_EQ(r.summary["skipped_known"], 1);
  // -q prints the new one only.
  write_file(dir_.path() / "other.jsonl", kBroken);
  const auto quiet = testing::run_binary(
      {testing::index_bin(), "-q", "--db", db(), feed(),
       dir_.str("other.jsonl")});
  EXPECT_EQ(quiet.exit_code, 1);
  EXPECT_EQ(quiet.err.find(feed()), std::string::npos) << quiet.err;
  EXPECT_NE(quiet.err.find("other.jsonl:1: not valid JSON"),
            std::string::npos)
      << quiet.err;
}

// What is known is what the last run that read the file found: a problem
// fixed and back again is new again.
TEST_F(KnownProblems, AFixedProblemIsForgotten) {
  write_file(feed(), std::string(kGood) + kEmpty);
  ASSERT_EQ(index_json(db(), {feed()}).result.exit_code, 1);
  write_file(feed(), std::string(kGood) + "{\"id\":\"2\",\"title\":\"now\"}\n");
  const auto fixed = index_json(db(), {feed()});
  EXPECT_EQ(fixed.result.exit_code, 0);
  EXPECT_EQ(fixed.summary["skipped"], 0);
  write_file(feed(), std::string(kGood) + kEmpty);
  EXPECT_EQ(index_json(db(), {feed()}).result.exit_code, 1);
}

TEST_F(KnownProblems, AnotherProblemOnTheSameLineIsNew) {
  write_file(feed(), std::string(kGood) + kEmpty);
  ASSERT_EQ(index_json(db(), {feed()}).result.exit_code, 1);
  write_file(feed(), std::string(kGood) + kBroken);
  EXPECT_EQ(index_json(db(), {feed()}).result.exit_code, 1);
}

TEST_F(KnownProblems, FilesNotReadInARunKeepWhatIsKnown) {
  write_file(feed(), std::string(kGood) + kEmpty);
  write_file(dir_.path() / "clean.txt", "Title: Clean\n\nbody\n");
  ASSERT_EQ(index_json(db(), {feed()}).result.exit_code, 1);
  ASSERT_EQ(index_json(db(), {dir_.str("clean.txt")}).result.exit_code, 0);
  const auto r = index_json(db(), {feed()});
  EXPECT_EQ(r.result.exit_code, 0) << r.result.err;
  EXPECT_EQ(r.summary["skipped_known"], 1);
}

// Whole files, duplicate ids and the ways of writing: a rebuild and a
// sharded rebuild remember as an incremental run does.
TEST_F(KnownProblems, EmptyFilesAndDuplicatesAcrossRebuilds) {
  const fs::path in = dir_.path() / "in";
  write_file(in / "empty.txt", "");
  write_file(in / "a.jsonl", kGood);
  write_file(in / "b.jsonl", kGood);  // id 1 again: a duplicate
  const auto first = index_json(db(), {in.string()});
  ASSERT_EQ(first.result.exit_code, 1);
  ASSERT_EQ(first.summary["skipped"], 2) << first.result.err;
  for (const char* jobs : {"1", "2"}) {
    const auto r = index_json(db(), {"--rebuild", "--jobs", jobs, in.string()});
    EXPECT_EQ(r.result.exit_code, 0) << jobs << r.result.err;
    EXPECT_EQ(r.summary["skipped_known"], 2) << jobs;
  }
  const auto incremental = index_json(db(), {in.string()});
  EXPECT_EQ(incremental.result.exit_code, 0) << incremental.result.err;
}

// A path named on the command line that does not exist is an error every
// time: it is not an input that went bad, the command is wrong.
TEST_F(KnownProblems, AMissingPathGivenIsAlwaysAnError) {
  write_file(feed(), kGood);
  const std::string missing = dir_.str("nope");
  ASSERT_EQ(index_json(db(), {feed(), missing}).result.exit_code, 1);
  const auto r = index_json(db(), {feed(), missing});
  EXPECT_EQ(r.result.exit_code, 1);
  EXPECT_EQ(r.summary["failed_known"], 0);
}

}  // namespace
}  // namespace lede
