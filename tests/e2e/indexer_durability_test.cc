// lede-index end to end: SIGINT and SIGTERM, an interrupted rebuild, and
// the lock between two writers. kill -9 at random moments, a full disk and
// readers during writes: crash_consistency_test.cc and
// readers_during_writes_test.cc.
#include <gtest/gtest.h>
#include <sys/file.h>

#include <xapian.h>

#include <chrono>
#include <fcntl.h>
#include <filesystem>
#include <thread>
#include <unistd.h>

#include "tests/e2e/indexer_util.h"

namespace lede {
namespace {

namespace fs = std::filesystem;
using testing::Background;
using testing::index_json;
using testing::TempDir;

constexpr int kSliceLines = 3000;

class Durability : public ::testing::Test {
 protected:
  void SetUp() override {
    slice_ = dir_.str("reuters-slice.jsonl");
    if (!testing::write_reuters_slice(slice_, kSliceLines)) {
      GTEST_SKIP() << "shared corpora absent: no Reuters slice";
    }
    expected_ = testing::count_indexable_reuters(slice_);
  }

  // Every id exactly once and the right number of documents.
  void expect_complete(const std::string& db) {
    EXPECT_EQ(testing::doc_count(db), expected_);
    long ids = 0;
    for (const auto& [id, n] : testing::id_counts(db)) {
      EXPECT_EQ(n, 1u) << "duplicate id " << id;
      ++ids;
    }
    EXPECT_EQ(ids, expected_);
  }

  // Starts lede-index on the slice, waits until a reader sees at least
  // `n` documents committed, then sends `sig`.
  int start_and_signal(const std::string& db, int sig, long n,
                       std::vector<std::string> extra, std::string* err) {
    std::vector<std::string> argv = {testing::index_bin(), "--db", db,
                                     "--batch-docs", "100"};
    argv.insert(argv.end(), extra.begin(), extra.end());
    argv.push_back(slice_);
    Background bg(argv);
    const bool seen = testing::wait_for_docs(db, n, 120);
    bg.signal(sig);
    const int code = bg.wait();
    *err = bg.err();
    EXPECT_TRUE(seen) << "no commit seen before the run ended";
    return code;
  }

  TempDir dir_;
  std::string slice_;
  long expected_ = 0;
};

TEST_F(Durability, SliceIndexesCompletely) {
  const auto r = index_json(dir_.str("db"), {slice_});
  ASSERT_LE(r.result.exit_code, 1) << r.result.err;
  expect_complete(dir_.str("db"));
}

TEST_F(Durability, SigintCommitsReportsAndExits130) {
  const std::string db = dir_.str("db");
  testing::write_file(dir_.path() / "seed.txt", "Title: Seed\n\nseed text\n");
  ASSERT_EQ(index_json(db, {dir_.str("seed.txt")}).result.exit_code, 0);
  std::string err;
  const int code = start_and_signal(db, SIGINT, 200, {}, &err);
  if (code == 0 || code == 1) GTEST_SKIP() << "finished before SIGINT";
  EXPECT_EQ(code, 130) << err;
  EXPECT_NE(err.find("interrupted"), std::string::npos) << err;
  const long partial = testing::doc_count(db);
  EXPECT_GT(partial, 1);
  // Whatever was committed is complete: each id once.
  for (const auto& [id, n] : testing::id_counts(db)) EXPECT_EQ(n, 1u) << id;
  const auto r = index_json(db, {slice_});
  EXPECT_EQ(r.summary["added"].get<long>() + partial, expected_ + 1);
  EXPECT_EQ(testing::doc_count(db), expected_ + 1);
}

TEST_F(Durability, SigtermDuringFreshBuildExits130AndReRunCompletes) {
  const std::string db = dir_.str("db");
  std::string err;
  const int code = start_and_signal(db, SIGTERM, 150, {"--jobs", "2"}, &err);
  if (code == 0 || code == 1) GTEST_SKIP() << "finished before SIGTERM";
  EXPECT_EQ(code, 130) << err;
  EXPECT_GE(testing::doc_count(db), 0);
  const auto r = index_json(db, {slice_});
  ASSERT_LE(r.result.exit_code, 1) << r.result.err;
  expect_complete(db);
}

TEST_F(Durability, InterruptedRebuildLeavesTheOldDatabase) {
  const std::string db = dir_.str("db");
  testing::write_file(dir_.path() / "seed.txt", "Title: Seed\n\nseed text\n");
  ASSERT_EQ(index_json(db, {dir_.str("seed.txt")}).result.exit_code, 0);
  std::vector<std::string> argv = {testing::index_bin(), "--db", db,
                                   "--rebuild", "--batch-docs", "100", slice_};
  Background bg(argv);
  std::this_thread::sleep_for(std::chrono::milliseconds(700));
  bg.signal(SIGINT);
  const int code = bg.wait();
  if (code == 0 || code == 1) GTEST_SKIP() << "finished before SIGINT";
  EXPECT_EQ(code, 130) << bg.err();
  EXPECT_EQ(testing::doc_count(db), 1);  // the old database, as it was
}

}  // namespace

// The lock: a second writer gets a clear error, or waits with --wait.
TEST(IndexLock, SecondWriterGetsTheLockErrorAndExitsTwo) {
  TempDir dir;
  const std::string db = dir.str("db");
  // The first lede-index reads standard input, which the test holds open:
  // it keeps the lock until the test closes it.
  Background first({testing::index_bin(), "--db", db, "-"});
  first.write_stdin("{\"title\":\"held\",\"text\":\"lock holder\"}\n");
  // Wait until it holds the lock (its pid is in the lock file) and has
  // made the database (it takes the lock first).
  bool held = false;
  for (int i = 0; i < 1000 && !held; ++i) {
    held = testing::read_file(fs::path(db) / "lock") ==
               std::to_string(first.pid()) + "\n" &&
           testing::doc_count(db) >= 0;
    if (!held) std::this_thread::sleep_for(std::chrono::milliseconds(10));
  }
  ASSERT_TRUE(held);
  testing::write_file(dir.path() / "x.txt", "Title: X\n\nx\n");
  const auto second = index_json(db, {dir.str("x.txt")});
  EXPECT_EQ(second.result.exit_code, 2);
  EXPECT_EQ(second.result.err,
            "lede-index: '" + db + "' is locked by another lede-index (pid " +
                std::to_string(first.pid()) +
                "); use --wait SECONDS to wait\n");
  // A reader is not blocked by the writer.
  EXPECT_GE(testing::doc_count(db), 0);
  // --wait: succeeds once the first one ends.
  std::thread closer([&] {
    std::this_thread::sleep_for(std::chrono::milliseconds(300));
    first.close_stdin();
  });
  const auto waited = index_json(db, {"--wait", "60", dir.str("x.txt")});
  closer.join();
  EXPECT_EQ(first.wait(), 0) << first.err();
  EXPECT_EQ(waited.result.exit_code, 0) << waited.result.err;
  EXPECT_EQ(testing::doc_count(db), 2);
}

TEST(IndexLock, WaitGivesUpAfterTheTimeout) {
  TempDir dir;
  const std::string db = dir.str("db");
  fs::create_directories(db);
  const int fd = open((fs::path(db) / "lock").c_str(), O_RDWR | O_CREAT, 0644);
  ASSERT_GE(fd, 0);
  ASSERT_EQ(write(fd, "4242\n", 5), 5);
  ASSERT_EQ(flock(fd, LOCK_EX), 0);
  testing::write_file(dir.path() / "x.txt", "Title: X\n\nx\n");
  const auto r = index_json(db, {"--wait", "0.3", dir.str("x.txt")});
  close(fd);
  EXPECT_EQ(r.result.exit_code, 2);
  EXPECT_NE(r.result.err.find("still locked by another lede-index (pid 4242)"),
            std::string::npos)
      << r.result.err;
}

}  // namespace lede
