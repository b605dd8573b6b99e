// Crash consistency through the real lede-index: kill -9 at random moments
// and a disk that fills up. After each, the database must open, pass
// Xapian's consistency check, hold exactly the documents of one commit
// (tests/e2e/commits.h: whole batches, in the order lede-index commits
// them), at least every document a reader saw committed before the kill,
// each one exactly as an uninterrupted run writes it; and a re-run must
// end with exactly the database an uninterrupted run gives (the same
// documents, each once, the same spelling table).
//
// LEDE_CRASH_SEED=N repeats a run's kill moments (the seed is printed);
// LEDE_CRASH_TRIALS=N asks for N trials killed mid-run (default 24). How
// many runs a kill caught mid-run depends on the machine's load: the test
// prints it and the moments of the kills, and fails only on what the
// database holds.
#include <gtest/gtest.h>
#include <sys/mount.h>
#include <sys/statvfs.h>

#include <algorithm>
#include <atomic>
#include <cerrno>
#include <chrono>
#include <cstring>
#include <filesystem>
#include <random>
#include <thread>

#include "tests/e2e/commits.h"
#include "tests/e2e/indexer_util.h"

namespace lede {
namespace {

namespace fs = std::filesystem;
using testing::Background;
using testing::Batching;
using testing::TempDir;

constexpr int kSliceLines = 150;

double seconds_since(std::chrono::steady_clock::time_point t) {
  return std::chrono::duration<double>(std::chrono::steady_clock::now() - t)
      .count();
}

// Watches a database from another thread while lede-index writes it: the
// most documents a reader saw committed.
class Watcher {
 public:
  explicit Watcher(std::string db)
      : db_(std::move(db)), thread_([this] { run(); }) {}
  ~Watcher() { stop(); }
  long stop() {
    done_ = true;
    if (thread_.joinable()) thread_.join();
    return most_;
  }

 private:
  void run() {
    while (!done_) {
      if (fs::exists(fs::path(db_) / "XAPIANDB")) {
        most_ = std::max(most_.load(), testing::doc_count(db_));
      }
      std::this_thread::sleep_for(std::chrono::milliseconds(5));
    }
  }
  std::string db_;
  std::atomic<bool> done_{false};
  std::atomic<long> most_{0};
  std::thread thread_;
};

class CrashConsistency : public ::testing::Test {
 protected:
  void SetUp() override {
    slice_ = dir_.str("reuters-slice.jsonl");
    if (!testing::write_reuters_slice(slice_, kSliceLines)) {
      GTEST_SKIP() << "../shared/corpora absent: no Reuters slice to index";
    }
    order_ = testing::indexable_reuters_ids(slice_);
    ASSERT_GT(order_.size(), 120u);
    // The reference: one uninterrupted run, timed (kill moments are drawn
    // from its duration).
    reference_db_ = dir_.str("reference");
    const auto start = std::chrono::steady_clock::now();
    const auto r = testing::index_json(reference_db_, {slice_});
    full_run_seconds_ = seconds_since(start);
    ASSERT_EQ(r.result.exit_code, 0) << r.result.err;
    reference_ = testing::read_content(reference_db_);
    ASSERT_EQ(reference_.id_docs.size(), order_.size());
    int code = 0;
    std::string err;
    reference_titles_ = testing::query_all(reference_db_, &code, &err);
    ASSERT_EQ(code, 0) << err;
    ASSERT_EQ(reference_titles_.size(), order_.size());
  }

  // Checks what a reader finds in `db` after a run on top of `before` was
  // stopped; returns the ids it holds.
  std::set<std::string> check_state(const std::string& db,
                                    const std::set<std::string>& before,
                                    Batching batching,
                                    const std::string& what) {
    SCOPED_TRACE(what);
    if (!fs::exists(fs::path(db) / "XAPIANDB")) {
      // Stopped before the database was made: nothing was committed.
      EXPECT_TRUE(before.empty()) << "the database is gone";
      return {};
    }
    EXPECT_EQ(testing::xapian_check(db), "");
    const testing::DatabaseContent c = testing::read_content(db);
    const std::set<std::string> seen = c.ids();
    for (const auto& [id, n] : c.id_docs) {
      EXPECT_EQ(n, 1u) << "id " << id << " is in " << n << " documents";
      EXPECT_EQ(c.fingerprint.at(id), reference_.fingerprint.at(id))
          << "document " << id << " differs from an uninterrupted run's";
    }
    EXPECT_EQ(testing::check_commit(order_, before, seen, batching), "");
    int code = 0;
    std::string err;
    const auto titles = testing::query_all(db, &code, &err);
    EXPECT_EQ(code, seen.empty() ? 1 : 0) << err;
    EXPECT_EQ(titles.size(), seen.size());
    for (const auto& [id, title] : titles) {
      EXPECT_EQ(title, reference_titles_[id]) << "document " << id;
    }
    return seen;
  }

  // A run to the end must give the reference database.
  void expect_complete(const std::string& db, const std::string& what) {
    SCOPED_TRACE(what);
    EXPECT_EQ(testing::xapian_check(db), "");
    const testing::DatabaseContent c = testing::read_content(db);
    EXPECT_EQ(c.id_docs, reference_.id_docs);
    EXPECT_EQ(c.fingerprint, reference_.fingerprint);
    EXPECT_EQ(c.spelling, reference_.spelling)
        << "the spelling table differs from an uninterrupted run's";
  }

  std::vector<std::string> index_argv(const std::string& db, unsigned batch,
                                      unsigned jobs) const {
    return {testing::index_bin(), "-q",  "--db", db, "--batch-docs",
            std::to_string(batch), "--jobs", std::to_string(jobs), slice_};
  }

  TempDir dir_;
  std::string slice_;
  std::vector<std::string> order_;
  std::string reference_db_;
  testing::DatabaseContent reference_;
  std::map<std::string, std::string> reference_titles_;
  double full_run_seconds_ = 0;
};

struct KillOutcome {
  bool killed = false;        // still running at the kill
  long seen_committed = 0;    // most documents a reader saw before it
  std::set<std::string> ids;  // what the database holds after it
};

TEST_F(CrashConsistency, KillNineAtRandomMomentsLosesNothing) {
  const char* seed_env = std::getenv("LEDE_CRASH_SEED");
  const unsigned seed = seed_env != nullptr
                            ? static_cast<unsigned>(std::stoul(seed_env))
                            : std::random_device{}();
  const char* trials_env = std::getenv("LEDE_CRASH_TRIALS");
  const int wanted = trials_env != nullptr ? std::stoi(trials_env) : 24;
  std::printf("kill -9 trials: seed %u (LEDE_CRASH_SEED), full run %.2f s\n",
              seed, full_run_seconds_);
  std::mt19937 rng(seed);
  // Batch sizes from a commit every few documents to a few per run; one
  // writer, and a fresh build on two shards.
  const unsigned batches[] = {7, 20, 64};
  const unsigned jobs[] = {1, 2};
  int attempts = 0, killed = 0, rerun_killed = 0, lost = 0;
  std::vector<long> at_kill;
  std::vector<double> kill_moments;  // seconds after the start, mid-run
  // Kill moments are drawn up to the reference run's duration; a run that
  // finished before its kill shortens that (the machine got faster).
  double longest = full_run_seconds_;

  // Runs lede-index, kills it after `delay` seconds, checks the database.
  auto kill_run = [&](const std::string& db, unsigned batch, unsigned j,
                      const std::set<std::string>& before, double delay,
                      const std::string& what) {
    KillOutcome o;
    const bool fresh = before.empty();
    Watcher watcher(db);
    Background bg(index_argv(db, batch, j));
    std::this_thread::sleep_for(std::chrono::duration<double>(delay));
    bg.signal(SIGKILL);
    const int code = bg.wait();
    o.seen_committed = watcher.stop();
    o.killed = code == 128 + SIGKILL;
    EXPECT_TRUE(o.killed || code == 0) << what << ": exit " << code << "\n"
                                       << bg.err();
    const Batching batching{batch, fresh && j >= 2 ? j : 1};
    o.ids = check_state(db, before, batching, what);
    const long missing =
        std::max(0L, o.seen_committed - static_cast<long>(o.ids.size()));
    EXPECT_EQ(missing, 0) << what << ": a reader saw " << o.seen_committed
                          << " documents committed, " << o.ids.size()
                          << " are left";
    lost += static_cast<int>(missing);
    return o;
  };

  while (killed < wanted && attempts < 2 * wanted) {
    const unsigned batch = batches[attempts % 3];
    const unsigned j = jobs[(attempts / 3) % 2];
    ++attempts;
    const std::string what = "trial " + std::to_string(attempts) +
                             " (--batch-docs " + std::to_string(batch) +
                             " --jobs " + std::to_string(j) + ")";
    TempDir d;
    const std::string db = d.str("db");
    std::uniform_real_distribution<double> moment(0, longest);
    // 1. A fresh build killed at a random moment.
    const double delay = moment(rng);
    const KillOutcome first =
        kill_run(db, batch, j, {}, delay, what + ", first run");
    if (first.killed) {
      ++killed;
      at_kill.push_back(static_cast<long>(first.ids.size()));
      kill_moments.push_back(delay);
    } else {
      longest = delay;
    }
    // 2. The re-run (an incremental run, after merging the shards a killed
    //    fresh build leaves) killed too, earlier on average.
    const KillOutcome second =
        kill_run(db, batch, j, first.ids, moment(rng) / 2, what + ", re-run");
    rerun_killed += second.killed;
    // 3. A run to the end: exactly the uninterrupted run's database.
    const auto r = testing::run_binary(index_argv(db, batch, j));
    EXPECT_EQ(r.exit_code, 0) << what << ": " << r.err;
    expect_complete(db, what + ", final run");
    if (HasFailure()) break;
  }
  std::sort(at_kill.begin(), at_kill.end());
  std::sort(kill_moments.begin(), kill_moments.end());
  auto quartiles = [](const auto& v) {
    std::string out;
    for (std::size_t q = 0; q <= 4 && !v.empty(); ++q) {
      char buf[32];
      std::snprintf(buf, sizeof buf, "%s%g", q ? " / " : "",
                    static_cast<double>(v[(v.size() - 1) * q / 4]));
      out += buf;
    }
    return out.empty() ? std::string("none") : out;
  };
  std::printf(
      "kill -9 trials: %d attempts, %d killed mid-run (%d finished first), "
      "%d re-runs killed too; kill moments (s; min / quartiles / max): %s; "
      "documents committed at the kill: %s of %zu; documents lost: %d\n",
      attempts, killed, attempts - killed, rerun_killed,
      quartiles(kill_moments).c_str(), quartiles(at_kill).c_str(),
      order_.size(), lost);
  RecordProperty("killed", killed);
  RecordProperty("lost", lost);
  EXPECT_GT(killed, 0) << "no kill caught a run before its end";
  EXPECT_EQ(lost, 0);
}

// A small tmpfs, mounted for the test (needs root, or CAP_SYS_ADMIN).
class Tmpfs {
 public:
  Tmpfs(const std::string& path, std::uint64_t bytes) : path_(path) {
    fs::create_directories(path);
    if (mount("tmpfs", path.c_str(), "tmpfs", 0,
              ("size=" + std::to_string(bytes)).c_str()) != 0) {
      error_ = std::strerror(errno);
    }
  }
  ~Tmpfs() {
    if (error_.empty()) umount2(path_.c_str(), MNT_DETACH);
  }
  [[nodiscard]] const std::string& error() const { return error_; }
  bool resize(std::uint64_t bytes) {
    return mount("tmpfs", path_.c_str(), "tmpfs", MS_REMOUNT,
                 ("size=" + std::to_string(bytes)).c_str()) == 0;
  }

 private:
  std::string path_;
  std::string error_;
};

std::uint64_t tree_bytes(const std::string& dir) {
  std::uint64_t n = 0;
  for (const auto& e : fs::recursive_directory_iterator(dir)) {
    if (e.is_regular_file()) n += e.file_size();
  }
  return n;
}

// The disk fills up mid-run: a clear error naming the database and what
// it holds, exit status 2, the database at its last commit; with room
// again, a re-run completes it.
TEST_F(CrashConsistency, DiskFullStopsWithAClearErrorAtTheLastCommit) {
  // Room for about the size of the finished database: Xapian writes each
  // commit's blocks before it frees the old ones, and two shards need room
  // to be merged, so the disk fills up part of the way through.
  const std::uint64_t room =
      std::max<std::uint64_t>(tree_bytes(reference_db_), 256 << 10);
  for (unsigned j : {1u, 2u}) {
    const std::string what = "--jobs " + std::to_string(j);
    SCOPED_TRACE(what);
    TempDir d;
    Tmpfs disk(d.str("disk"), room);
    if (!disk.error().empty()) {
      GTEST_SKIP() << "cannot mount a tmpfs here (" << disk.error()
                   << "): the disk-full test needs root or CAP_SYS_ADMIN";
    }
    const std::string db = d.str("disk/db");
    const auto r = testing::run_binary(index_argv(db, 20, j));
    ASSERT_EQ(r.exit_code, 2) << "the disk did not fill up (" << room
                              << " bytes); stderr: " << r.err;
    const std::set<std::string> seen =
        check_state(db, {}, {20, j}, what + ", disk full");
    // What failed, naming the database and the full disk; then what the
    // database holds.
    const std::size_t eol = r.err.find('\n');
    ASSERT_NE(eol, std::string::npos) << r.err;
    const std::string failure = r.err.substr(0, eol);
    EXPECT_TRUE(failure.starts_with("lede-index: ")) << failure;
    EXPECT_NE(failure.find("'" + db + "'"), std::string::npos) << failure;
    EXPECT_NE(failure.find("No space left on device"), std::string::npos)
        << failure;
    EXPECT_EQ(r.err.substr(eol + 1),
              "lede-index: '" + db + "' holds its last commit: " +
                  std::to_string(seen.size()) + " documents\n");
    EXPECT_GE(seen.size(), 20u) << "not even one batch was committed";
    std::printf("disk full (%s, %llu bytes): exit %d, %zu of %zu documents "
                "committed; stderr: %s",
                what.c_str(), static_cast<unsigned long long>(room),
                r.exit_code, seen.size(), order_.size(), r.err.c_str());
    ASSERT_TRUE(disk.resize(64 << 20));
    const auto again = testing::run_binary(index_argv(db, 20, j));
    EXPECT_EQ(again.exit_code, 0) << again.err;
    expect_complete(db, what + ", re-run with room");
  }
}

}  // namespace
}  // namespace lede
