// lede-index --shards N end to end: the stub lists the N shards, each
// document lives in the shard its id hashes to, the count is stored,
// updates and deletes reach the shard of the old version, a killed run
// leaves every shard at its last commit, --rebuild re-shards and
// --compact folds the shards into one.
#include <gtest/gtest.h>
#include <signal.h>

#include <xapian.h>

#include <filesystem>
#include <fstream>
#include <map>
#include <set>
#include <sstream>
#include <string>
#include <vector>

#include "common/index_meta.h"
#include "common/schema.h"
#include "indexer/document_builder.h"
#include "tests/e2e/indexer_util.h"

namespace lede {
namespace {

namespace fs = std::filesystem;
using testing::Background;
using testing::index_json;
using testing::TempDir;

// The entries the stub of `db` lists, in order.
std::vector<std::string> stub_entries(const std::string& db) {
  std::ifstream in(fs::path(db) / "XAPIANDB");
  std::vector<std::string> out;
  std::string type, name;
  while (in >> type >> name) out.push_back(name);
  return out;
}

// For each shard of `db` (in stub order): its ids (Q terms without the Q).
std::vector<std::set<std::string>> ids_by_shard(const std::string& db) {
  std::vector<std::set<std::string>> out;
  for (const std::string& e : stub_entries(db)) {
    Xapian::Database shard((fs::path(db) / e).string());
    std::set<std::string>& ids = out.emplace_back();
    for (auto t = shard.allterms_begin("Q"); t != shard.allterms_end("Q"); ++t) {
      ids.insert((*t).substr(1));
    }
  }
  return out;
}

// Every id in the shard shard_of() names, and only there.
void expect_routed(const std::string& db, unsigned shards) {
  const auto by_shard = ids_by_shard(db);
  ASSERT_EQ(by_shard.size(), shards);
  for (unsigned k = 0; k < shards; ++k) {
    for (const std::string& id : by_shard[k]) {
      EXPECT_EQ(indexer::shard_of("Q" + id, shards), k)
          << "'" << id << "' is in shard " << k;
    }
  }
}

// The sample corpus has an empty file: exit 1 (something skipped).
constexpr int kSampleExit = 1;

unsigned stored_shards(const std::string& db) {
  return read_index_settings(Xapian::Database(db), db).settings.shards;
}

TEST(Shards, NewDatabaseListsItsShardsAndRoutesById) {
  TempDir dir;
  const std::string db = dir.str("db");
  const auto run = index_json(db, {"--shards", "3", testing::sample_corpus()});
  ASSERT_EQ(run.result.exit_code, kSampleExit) << run.result.err;
  EXPECT_EQ(stub_entries(db),
            (std::vector<std::string>{"gen-1.shard-0", "gen-1.shard-1",
                                      "gen-1.shard-2"}));
  EXPECT_EQ(stored_shards(db), 3u);
  expect_routed(db, 3);
  const long total = testing::doc_count(db);
  EXPECT_EQ(total, run.summary["added"].get<long>());
  EXPECT_EQ(total, run.summary["documents"].get<long>());
  // Not all in one shard: the sample corpus has 36 documents.
  for (const auto& ids : ids_by_shard(db)) {
    EXPECT_LT(static_cast<long>(ids.size()), total);
  }
}

TEST(Shards, ALaterRunKeepsTheStoredCountAndRefusesAnother) {
  TempDir dir;
  const std::string db = dir.str("db");
  ASSERT_EQ(index_json(db, {"--shards", "3", testing::sample_corpus()})
                .result.exit_code, kSampleExit);
  const auto again = index_json(db, {testing::sample_corpus()});
  ASSERT_EQ(again.result.exit_code, 0) << again.result.err;
  EXPECT_EQ(again.summary["added"], 0);
  EXPECT_EQ(again.summary["unchanged"], testing::doc_count(db));
  EXPECT_EQ(stub_entries(db).size(), 3u);

  const auto other = index_json(db, {"--shards", "2", testing::sample_corpus()});
  EXPECT_EQ(other.result.exit_code, 2);
  EXPECT_NE(other.result.err.find(
                "has 3 shards; use --rebuild --shards 2 to re-shard it"),
            std::string::npos)
      << other.result.err;
  EXPECT_EQ(stub_entries(db).size(), 3u);
  const auto plain = index_json(dir.str("plain"), {testing::sample_corpus()});
  ASSERT_EQ(plain.result.exit_code, kSampleExit);
  const auto shard_plain =
      index_json(dir.str("plain"), {"--shards", "2", testing::sample_corpus()});
  EXPECT_EQ(shard_plain.result.exit_code, 2);
  EXPECT_NE(shard_plain.result.err.find("has 1 shard; use --rebuild"),
            std::string::npos)
      << shard_plain.result.err;
}

TEST(Shards, RebuildReshardsWithTheSameDocuments) {
  TempDir dir;
  const std::string db = dir.str("db");
  ASSERT_EQ(index_json(db, {"--shards", "3", testing::sample_corpus()})
                .result.exit_code, kSampleExit);
  const auto before = testing::id_counts(db);
  const auto re = index_json(
      db, {"--rebuild", "--shards", "2", testing::sample_corpus()});
  ASSERT_EQ(re.result.exit_code, 0) << re.result.err;
  EXPECT_EQ(stub_entries(db),
            (std::vector<std::string>{"gen-2.shard-0", "gen-2.shard-1"}));
  EXPECT_FALSE(fs::exists(fs::path(db) / "gen-1.shard-0"));
  EXPECT_EQ(stored_shards(db), 2u);
  expect_routed(db, 2);
  EXPECT_EQ(testing::id_counts(db), before);
  // And back to one database.
  const auto one = index_json(
      db, {"--rebuild", "--shards", "1", "-j", "1", testing::sample_corpus()});
  ASSERT_EQ(one.result.exit_code, 0) << one.result.err;
  EXPECT_EQ(stub_entries(db).size(), 1u);
  EXPECT_EQ(stored_shards(db), 1u);
  EXPECT_EQ(testing::id_counts(db), before);
}

// An update and a delete reach the shard that holds the old version: no
// id twice, counts exact, the new text in the shard shard_of() names.
TEST(Shards, UpdateAndDeleteReachTheRightShard) {
  TempDir dir;
  const std::string db = dir.str("db");
  const fs::path corpus = dir.path() / "corpus";
  for (int i = 0; i < 12; ++i) {
    testing::write_file(corpus / ("story-" + std::to_string(i) + ".txt"),
                        "Title: Story " + std::to_string(i) +
                            "\n\nHarbour cranes number " + std::to_string(i) +
                            " moved containers.\n");
  }
  ASSERT_EQ(index_json(db, {"--shards", "3", corpus.string()})
                .result.exit_code, 0);
  const auto before = ids_by_shard(db);

  const fs::path changed = corpus / "story-5.txt";
  testing::write_file(changed,
                      "Title: Story 5\n\nThe zeppelin landed at the harbour.\n");
  const auto update = index_json(db, {corpus.string()});
  ASSERT_EQ(update.result.exit_code, 0) << update.result.err;
  EXPECT_EQ(update.summary["updated"], 1);
  EXPECT_EQ(update.summary["added"], 0);
  EXPECT_EQ(update.summary["unchanged"], 11);
  EXPECT_EQ(ids_by_shard(db), before);  // same ids, same shards
  const std::string id = lede::file_key(changed.string());
  const unsigned home = indexer::shard_of("Q" + id, 3);
  const auto entries = stub_entries(db);
  for (unsigned k = 0; k < 3; ++k) {
    Xapian::Database shard((fs::path(db) / entries[k]).string());
    EXPECT_EQ(shard.get_termfreq("zeppelin"), k == home ? 1u : 0u) << k;
  }

  fs::remove(changed);
  const auto prune = index_json(db, {"--prune", corpus.string()});
  ASSERT_EQ(prune.result.exit_code, 0) << prune.result.err;
  EXPECT_EQ(prune.summary["deleted"], 1);
  EXPECT_EQ(testing::doc_count(db), 11);
  const auto after = ids_by_shard(db);
  for (unsigned k = 0; k < 3; ++k) {
    std::set<std::string> expected = before[k];
    expected.erase(id);
    EXPECT_EQ(after[k], expected) << "shard " << k;
  }
}

TEST(Shards, CompactFoldsTheShardsIntoOne) {
  TempDir dir;
  const std::string db = dir.str("db");
  ASSERT_EQ(index_json(db, {"--shards", "3", testing::sample_corpus()})
                .result.exit_code, kSampleExit);
  const auto ids = testing::id_counts(db);
  const auto folded = index_json(db, {"--compact"});
  ASSERT_EQ(folded.result.exit_code, 0) << folded.result.err;
  EXPECT_EQ(folded.summary["compacted"], true);
  EXPECT_EQ(stub_entries(db), (std::vector<std::string>{"gen-2"}));
  EXPECT_EQ(stored_shards(db), 1u);
  EXPECT_EQ(testing::id_counts(db), ids);
  // A later run writes the one database.
  const auto again = index_json(db, {testing::sample_corpus()});
  ASSERT_EQ(again.result.exit_code, 0) << again.result.err;
  EXPECT_EQ(again.summary["unchanged"], static_cast<long>(ids.size()));
  EXPECT_EQ(stub_entries(db).size(), 1u);
}

TEST(Shards, CompactCannotGoWithSeveralShards) {
  TempDir dir;
  const auto r = index_json(dir.str("db"), {"--compact", "--shards", "2",
                                            testing::sample_corpus()});
  EXPECT_EQ(r.result.exit_code, 2);
  EXPECT_NE(r.result.err.find("--compact folds a database into one"),
            std::string::npos)
      << r.result.err;
}

// kill -9 in the middle: every shard at its last commit, the stub valid;
// the next run completes the database with every id exactly once.
TEST(Shards, KilledRunLeavesEveryShardAtItsLastCommit) {
  TempDir dir;
  const std::string slice = dir.str("slice.jsonl");
  if (!testing::write_reuters_slice(slice, 3000)) {
    GTEST_SKIP() << "shared corpora absent (../shared): no Reuters slice";
  }
  const long expected = testing::count_indexable_reuters(slice);
  const std::string db = dir.str("db");
  {
    Background bg({testing::index_bin(), "--db", db, "--shards", "3",
                   "--batch-docs", "50", slice});
    const bool seen = testing::wait_for_docs(db, 200, 120);
    bg.signal(SIGKILL);
    const int code = bg.wait();
    ASSERT_TRUE(seen) << "no commit seen";
    if (code != 128 + SIGKILL) {
      GTEST_SKIP() << "the run ended before it could be killed (exit " << code
                   << ")";
    }
  }
  EXPECT_EQ(stub_entries(db).size(), 3u);
  const long part = testing::doc_count(db);
  EXPECT_GT(part, 0);
  EXPECT_LT(part, expected);
  for (const auto& [id, n] : testing::id_counts(db)) {
    EXPECT_EQ(n, 1u) << id;
  }
  const auto resumed = index_json(db, {slice});
  ASSERT_EQ(resumed.result.exit_code == 0 || resumed.result.exit_code == 1,
            true)
      << resumed.result.err;
  EXPECT_EQ(resumed.summary["added"].get<long>() +
                resumed.summary["unchanged"].get<long>(),
            expected);
  EXPECT_EQ(testing::doc_count(db), expected);
  long ids = 0;
  for (const auto& [id, n] : testing::id_counts(db)) {
    EXPECT_EQ(n, 1u) << "duplicate id " << id;
    ++ids;
  }
  EXPECT_EQ(ids, expected);
  expect_routed(db, 3);
}

// The fields a database defines (--field, stored in every shard's
// settings) are searched and counted over shards as on one database, and a
// later run reads them from the shards.
TEST(Shards, FieldsOfTheirOwnWorkOverShards) {
  const std::string corpora = testing::shared_corpora_dir();
  if (corpora.empty()) GTEST_SKIP() << "shared corpora absent";
  const std::string sgm = corpora + "/reuters21578/reut2-000.sgm";
  TempDir dir;
  auto count = [&](const std::string& db, const std::string& q) {
    const auto r = testing::run_binary(
        {testing::query_bin(), "--db", db, "--count", q});
    EXPECT_LE(r.exit_code, 1) << q << ": " << r.err;
    return std::atol(r.out.c_str());
  };
  auto facet = [&](const std::string& db) {
    const auto r = testing::run_binary(
        {testing::query_bin(), "--db", db, "--format", "json", "--limit", "0",
         "--facet", "place", "org:opec"});
    EXPECT_EQ(r.exit_code, 0) << r.err;
    return r.out + r.err;
  };
  const std::string one = dir.str("one");
  const std::string three = dir.str("three");
  for (const auto& [db, shards] : {std::pair{one, "1"}, std::pair{three, "3"}}) {
    const auto r = index_json(db, {"--shards", shards, "--field", "place=places",
                                   "--field", "org=orgs", sgm});
    ASSERT_EQ(r.result.exit_code, 0) << r.result.err;
  }
  const long usa = count(one, "place:usa");
  EXPECT_GT(usa, 400);
  EXPECT_EQ(count(three, "place:usa"), usa);
  EXPECT_EQ(count(three, "org:opec"), count(one, "org:opec"));
  EXPECT_NE(facet(one).find("saudi-arabia"), std::string::npos) << facet(one);
  EXPECT_EQ(facet(three), facet(one));

  // A later run without --field keeps them; another list is refused.
  const auto again = index_json(three, {sgm});
  EXPECT_EQ(again.result.exit_code, 0) << again.result.err;
  EXPECT_EQ(again.summary["unchanged"], 1000);
  EXPECT_EQ(count(three, "place:usa"), usa);
  const auto other = index_json(three, {"--field", "people=people", sgm});
  EXPECT_EQ(other.result.exit_code, 2);
}

}  // namespace
}  // namespace lede
