// Readers during writes, through the real binaries: lede-query runs again
// and again while lede-index commits batch after batch (one writer, and a
// fresh build on two shards). Every query must succeed (lede-query
// reopens the database when Xapian reports it modified under the search),
// and each must see one commit: whole batches in commit order
// (tests/e2e/commits.h), never fewer documents than an earlier query saw,
// every title as the finished database has it.
#include <gtest/gtest.h>

#include <nlohmann/json.hpp>

#include <algorithm>
#include <chrono>
#include <filesystem>
#include <sstream>
#include <thread>

#include "tests/e2e/commits.h"
#include "tests/e2e/indexer_util.h"

namespace lede {
namespace {

namespace fs = std::filesystem;
using testing::Background;
using testing::TempDir;

constexpr int kSliceLines = 800;
constexpr unsigned kBatchDocs = 25;

TEST(ReadersDuringWrites, EveryQuerySucceedsAndSeesWholeBatches) {
  TempDir dir;
  const std::string slice = dir.str("reuters-slice.jsonl");
  if (!testing::write_reuters_slice(slice, kSliceLines)) {
    GTEST_SKIP() << "../shared/corpora absent: no Reuters slice to index";
  }
  const std::vector<std::string> order = testing::indexable_reuters_ids(slice);
  const std::string reference = dir.str("reference");
  ASSERT_EQ(testing::index_json(reference, {slice}).result.exit_code, 0);
  int code = 0;
  std::string err;
  const auto titles = testing::query_all(reference, &code, &err);
  ASSERT_EQ(titles.size(), order.size()) << err;

  long queries = 0, failed = 0, states = 0;
  for (unsigned jobs : {1u, 2u}) {
    SCOPED_TRACE("--jobs " + std::to_string(jobs));
    TempDir d;
    const std::string db = d.str("db");
    Background writer({testing::index_bin(), "-q", "--db", db, "--jobs",
                       std::to_string(jobs), "--batch-docs",
                       std::to_string(kBatchDocs), slice});
    std::set<std::string> last;
    long distinct = 0;
    while (writer.running()) {
      // The stub appears, atomically, with the empty first generation.
      if (!fs::exists(fs::path(db) / "XAPIANDB")) {
        std::this_thread::sleep_for(std::chrono::milliseconds(1));
        continue;
      }
      // Every document, and a ranked query with snippets.
      const auto seen_titles = testing::query_all(db, &code, &err);
      ++queries;
      std::set<std::string> seen;
      for (const auto& [id, title] : seen_titles) {
        seen.insert(id);
        EXPECT_EQ(title, titles.at(id)) << "document " << id;
      }
      if (code != (seen.empty() ? 1 : 0)) {
        ++failed;
        ADD_FAILURE() << "lede-query exit " << code << ": " << err;
      }
      EXPECT_EQ(testing::check_commit(order, {}, seen,
                                      {kBatchDocs, jobs >= 2 ? jobs : 1}),
                "");
      EXPECT_TRUE(std::includes(seen.begin(), seen.end(), last.begin(),
                                last.end()))
          << "a later query saw fewer documents";
      distinct += seen != last;
      last = seen;
      const auto r = testing::run_binary({testing::query_bin(), "--db", db,
                                          "--format", "jsonl", "--limit", "20",
                                          "oil prices"});
      ++queries;
      if (r.exit_code > 1) {
        ++failed;
        ADD_FAILURE() << "lede-query exit " << r.exit_code << ": " << r.err;
      }
      std::istringstream lines(r.out);
      std::string line;
      while (std::getline(lines, line)) {
        const auto hit = nlohmann::json::parse(line);
        EXPECT_EQ(hit["title"], titles.at(hit["id"].get<std::string>()));
      }
      if (HasFailure()) break;
    }
    EXPECT_EQ(writer.wait(), 0) << writer.err();
    EXPECT_EQ(testing::doc_count(db), static_cast<long>(order.size()));
    states += distinct;
  }
  std::printf("readers during writes: %ld lede-query runs, %ld failed, %ld "
              "distinct committed states seen\n",
              queries, failed, states);
  RecordProperty("queries", queries);
  RecordProperty("failed", failed);
  EXPECT_EQ(failed, 0);
  EXPECT_GT(states, 0);
}

}  // namespace
}  // namespace lede
