// The database build (indexer/build.h): which write strategy a run takes,
// what readers see while it writes and after it ends or is interrupted, and
// what it counts. Real glass databases in a temporary directory; documents
// made by hand (the pipeline is not involved).
#include "indexer/build.h"

#include <gtest/gtest.h>
#include <xapian.h>

#include <algorithm>
#include <filesystem>
#include <memory>
#include <set>
#include <sstream>
#include <utility>

#include "common/article.h"
#include "common/document_data.h"
#include "common/error.h"
#include "common/schema.h"
#include "indexer/document_builder.h"
#include "tests/testutil/testutil.h"

namespace lede::indexer {
namespace {

namespace fs = std::filesystem;

constexpr const char* kFeed = "/in/feed.jsonl";

// An article with id `id` whose text is `word`, ready for the writer, from
// line `line` of the file with key `file`.
Item item(const std::string& id, const std::string& word,
          std::uint64_t line = 1, const std::string& file = kFeed) {
  Article a;
  a.id = id;
  a.title = word;
  a.path = file;
  a.line = line;
  Item it;
  it.id_term = id_term(id);
  it.hash = "h-" + word;
  it.where = file + ":" + std::to_string(line);
  it.line = line;
  it.text_bytes = word.size();
  it.built = true;
  it.doc.add_boolean_term(it.id_term);
  it.doc.add_boolean_term(file_term(file));
  it.doc.add_posting(word, 1);
  it.doc.add_value(kSlotHash, it.hash);
  it.doc.set_data(encode_document_data(a));
  return it;
}

// One file's worth of items, read and parsed.
UnitResult unit(std::vector<Item> items, std::uint64_t bytes = 100,
                const std::string& file = kFeed) {
  UnitResult u;
  u.items = std::move(items);
  u.input_bytes = bytes;
  u.ends_file = true;
  u.parsed_file = file;
  u.path = file;
  return u;
}

class BuildTest : public ::testing::Test {
 protected:
  [[nodiscard]] std::string path() const { return tmp_.str("lede.db"); }

  BuildPlan plan(unsigned jobs, bool rebuild = false) const {
    BuildPlan p;
    p.jobs = jobs;
    p.rebuild = rebuild;
    return p;
  }

  // Opens the database for `p` and starts a build of the files `present`.
  std::unique_ptr<Build> start(const BuildPlan& p,
                               std::set<std::string> present = {kFeed}) {
    DatabaseDir dir(path());
    WritableState state = open_for_writing(&dir, p, &progress_);
    BuildInputs inputs;
    inputs.any = true;
    inputs.present = std::move(present);
    return std::make_unique<Build>(dir, std::move(state), p,
                                   std::move(inputs));
  }

  // Ends the input (no reports expected) and finishes.
  Summary finish(Build* b, bool interrupted = false) {
    EXPECT_EQ(b->end_input(interrupted).size(), 0u);
    return b->finish(&progress_);
  }

  // The documents a reader of the database sees now.
  [[nodiscard]] long readers_see() const {
    return static_cast<long>(Xapian::Database(path()).get_doccount());
  }

  // Every entry in the database directory (generations and shards).
  [[nodiscard]] std::vector<std::string> on_disk() const {
    std::vector<std::string> out;
    for (const auto& e : fs::directory_iterator(path())) {
      if (e.is_directory()) out.push_back(e.path().filename().string());
    }
    std::sort(out.begin(), out.end());
    return out;
  }

  // A database holding a and b, written incrementally.
  void make_ab() {
    auto b = start(plan(1));
    UnitResult u = unit({item("a", "alpha", 1), item("b", "beta", 2)});
    b->put(&u);
    finish(b.get());
    ASSERT_EQ(readers_see(), 2);
  }

  testing::TempDir tmp_;
  std::ostringstream err_;
  Progress progress_{err_, false, 0, 0};
};

TEST(ChooseStrategy, FromThePlanTheDatabaseAndTheInputs) {
  struct Row {
    bool rebuild;
    bool empty;
    unsigned jobs;
    bool has_inputs;
    WriteStrategy want;
  };
  const Row rows[] = {
      {false, false, 1, true, WriteStrategy::kIncremental},
      {false, false, 4, true, WriteStrategy::kIncremental},
      {false, true, 1, true, WriteStrategy::kIncremental},
      {false, true, 2, true, WriteStrategy::kShards},
      {true, false, 1, true, WriteStrategy::kRebuild},
      {true, true, 1, true, WriteStrategy::kRebuild},
      {true, false, 2, true, WriteStrategy::kShards},
      {false, true, 4, false, WriteStrategy::kNone},
      {true, false, 1, false, WriteStrategy::kNone},
  };
  for (const Row& r : rows) {
    BuildPlan p;
    p.rebuild = r.rebuild;
    p.jobs = r.jobs;
    EXPECT_EQ(choose_strategy(p, r.empty, r.has_inputs), r.want)
        << "rebuild " << r.rebuild << " empty " << r.empty << " jobs "
        << r.jobs << " inputs " << r.has_inputs;
  }
}

TEST_F(BuildTest, IncrementalAddsUpdatesKeepsAndCountsEachOnce) {
  make_ab();
  auto b = start(plan(4));  // not empty: incremental whatever the jobs
  EXPECT_EQ(b->strategy(), WriteStrategy::kIncremental);
  EXPECT_NE(b->snapshot_path(), "");
  UnitResult u = unit({item("a", "alpha", 1), item("b", "bravo", 2),
                       item("c", "gamma", 3), item("c", "gamma", 4)},
                      250);
  u.reports.push_back({"/in/feed.jsonl:9", "not valid JSON: x",
                       Report::Kind::kSkipped, kFeed, 9});
  u.dates_unparsed = 2;
  b->put(&u);
  // The duplicate's report follows the unit's own, for printing.
  ASSERT_EQ(u.reports.size(), 2u);
  EXPECT_EQ(u.reports[1].where, "/in/feed.jsonl:4");
  EXPECT_EQ(u.reports[1].message,
            "duplicate id: 'c' is already read from /in/feed.jsonl:3; "
            "skipped (ids must be unique)");
  const Summary s = finish(b.get());
  EXPECT_EQ(s.unchanged, 1u);
  EXPECT_EQ(s.updated, 1u);
  EXPECT_EQ(s.added, 1u);
  EXPECT_EQ(s.skipped, 2u);  // the bad line and the duplicate
  EXPECT_EQ(s.skipped_reasons.at("not valid JSON"), 1u);
  EXPECT_EQ(s.dates_unparsed, 2u);
  EXPECT_EQ(s.bytes, 250u);
  EXPECT_EQ(s.files, 1u);
  EXPECT_EQ(s.documents, 3u);
  EXPECT_EQ(s.database, path());
  EXPECT_EQ(s.exit_status(), 1);
}

// An id the database has from a file this run reads later: the decision
// waits for the end of the input, and is counted once.
TEST_F(BuildTest, AnIdHeldByAFileReadLaterIsDecidedAtTheEndOfTheInput) {
  const std::string old_file = "/in/old.jsonl";
  const std::string new_file = "/in/new.jsonl";
  enum class Then { kOldReadWithoutIt, kOldUnreadable, kInterrupted };
  for (Then then :
       {Then::kOldReadWithoutIt, Then::kOldUnreadable, Then::kInterrupted}) {
    SCOPED_TRACE(static_cast<int>(then));
    fs::remove_all(path());
    {
      auto b = start(plan(1), {old_file});
      UnitResult u = unit({item("x", "xray", 1, old_file)}, 100, old_file);
      b->put(&u);
      finish(b.get());
    }
    auto b = start(plan(1), {new_file, old_file});
    UnitResult first = unit({item("x", "xenon", 1, new_file)}, 100, new_file);
    b->put(&first);
    EXPECT_TRUE(first.reports.empty());  // not decided yet
    UnitResult second = unit({item("y", "yankee", 1, old_file)}, 100, old_file);
    if (then == Then::kOldUnreadable) {
      second = unit({}, 0, old_file);
      second.parsed_file.clear();
      second.reports.push_back({old_file, "cannot read: Permission denied",
                                Report::Kind::kFailed, old_file, 0});
    }
    b->put(&second);
    const std::vector<Report> late =
        b->end_input(then == Then::kInterrupted);
    const Summary s = b->finish(&progress_);
    Xapian::Database db(path());
    const Article x = DataReader(db).decode(
        db.get_document(*db.postlist_begin(id_term("x"))));
    switch (then) {
      case Then::kOldReadWithoutIt:  // x moves to the new file
        EXPECT_TRUE(late.empty());
        EXPECT_EQ(s.updated, 1u);
        EXPECT_EQ(s.added, 1u);  // y
        EXPECT_EQ(s.skipped, 0u);
        EXPECT_EQ(x.path, new_file);
        break;
      case Then::kOldUnreadable:  // x stays where it is; the new one skipped
        ASSERT_EQ(late.size(), 1u);
        EXPECT_EQ(late[0].where, new_file + ":1");
        EXPECT_EQ(late[0].message,
                  "duplicate id: 'x' is already indexed from " + old_file +
                      ":1; skipped (ids must be unique)");
        EXPECT_EQ(s.skipped, 1u);
        EXPECT_EQ(s.failed, 1u);
        EXPECT_EQ(s.updated, 0u);
        EXPECT_EQ(x.path, old_file);
        break;
      case Then::kInterrupted:  // nothing decided, nothing lost
        EXPECT_TRUE(late.empty());
        EXPECT_TRUE(s.interrupted);
        EXPECT_EQ(s.updated, 0u);
        EXPECT_EQ(s.skipped, 0u);
        EXPECT_EQ(x.path, old_file);
        break;
    }
  }
}

// A problem reported again for the same file, line and message is known
// from an earlier run, unless that run was interrupted (it stored nothing).
TEST_F(BuildTest, AProblemOfAnEarlierRunIsKnownUnlessThatRunWasInterrupted) {
  make_ab();
  auto run = [&](bool interrupted) {
    auto b = start(plan(1));
    UnitResult u = unit({item("a", "alpha", 1)});
    u.reports.push_back({"/in/feed.jsonl:9", "not valid JSON: x",
                         Report::Kind::kSkipped, kFeed, 9});
    b->put(&u);
    Summary s = finish(b.get(), interrupted);
    EXPECT_EQ(s.skipped, 1u);
    return std::make_pair(u.reports.at(0).known, s);
  };
  EXPECT_FALSE(run(/*interrupted=*/true).first);
  const auto [known2, s2] = run(false);
  EXPECT_FALSE(known2);  // the interrupted run left nothing to know it by
  EXPECT_EQ(s2.exit_status(), 1);
  const auto [known3, s3] = run(false);
  EXPECT_TRUE(known3);
  EXPECT_EQ(s3.skipped_known, 1u);
  EXPECT_EQ(s3.exit_status(), 0);
}

TEST_F(BuildTest, RebuildAppearsOnlyWhenItEnds) {
  make_ab();
  const std::vector<std::string> before = DatabaseDir(path()).entries();
  auto b = start(plan(1, /*rebuild=*/true));
  EXPECT_EQ(b->strategy(), WriteStrategy::kRebuild);
  EXPECT_EQ(b->snapshot_path(), "");  // every article is built again
  UnitResult u = unit({item("c", "gamma")});
  b->put(&u);
  EXPECT_EQ(readers_see(), 2);  // still the old generation
  EXPECT_EQ(DatabaseDir(path()).entries(), before);
  const Summary s = finish(b.get());
  EXPECT_EQ(s.documents, 1u);
  EXPECT_EQ(readers_see(), 1);
  const std::vector<std::string> after = DatabaseDir(path()).entries();
  ASSERT_EQ(after.size(), 1u);
  EXPECT_NE(after, before);
  EXPECT_EQ(on_disk(), after);  // the old generation is gone
}

TEST_F(BuildTest, ShardedRebuildReplacesTheDatabaseWhenItEnds) {
  make_ab();
  const std::vector<std::string> before = DatabaseDir(path()).entries();
  auto b = start(plan(2, /*rebuild=*/true));
  ASSERT_EQ(b->strategy(), WriteStrategy::kShards);
  UnitResult u = unit({item("c", "gamma")});
  b->put(&u);
  EXPECT_EQ(DatabaseDir(path()).entries(), before);  // shards not listed
  EXPECT_EQ(readers_see(), 2);
  const Summary s = finish(b.get());
  EXPECT_EQ(s.documents, 1u);  // a and b were not indexed again: gone
  EXPECT_EQ(readers_see(), 1);
  EXPECT_EQ(on_disk(), DatabaseDir(path()).entries());
}

TEST_F(BuildTest, InterruptedRebuildLeavesTheDatabaseAsItWas) {
  make_ab();
  const std::vector<std::string> before = DatabaseDir(path()).entries();
  for (unsigned jobs : {1u, 2u}) {
    auto b = start(plan(jobs, /*rebuild=*/true));
    EXPECT_EQ(b->strategy(), jobs == 1 ? WriteStrategy::kRebuild
                                       : WriteStrategy::kShards);
    EXPECT_EQ(DatabaseDir(path()).entries(), before);  // shards not listed
    UnitResult u = unit({item("c", "gamma")});
    b->put(&u);
    const Summary s = finish(b.get(), /*interrupted=*/true);
    EXPECT_TRUE(s.interrupted);
    EXPECT_EQ(s.exit_status(), 130);
    EXPECT_EQ(readers_see(), 2) << jobs;
    EXPECT_EQ(DatabaseDir(path()).entries(), before) << jobs;
    EXPECT_EQ(on_disk(), before) << jobs;  // what it wrote is removed
  }
}

TEST_F(BuildTest, ShardedFreshBuildListsItsShardsAndMergesThemAtTheEnd) {
  auto b = start(plan(2));
  ASSERT_EQ(b->strategy(), WriteStrategy::kShards);
  EXPECT_EQ(b->snapshot_path(), "");
  EXPECT_EQ(DatabaseDir(path()).entries(),
            (std::vector<std::string>{"gen-1", "gen-2.shard-0",
                                      "gen-2.shard-1"}));
  for (const char* id : {"a", "b", "c", "d"}) {
    UnitResult u = unit({item(id, std::string("w") + id)});
    b->put(&u);
  }
  const Summary s = finish(b.get());
  EXPECT_EQ(s.added, 4u);
  EXPECT_EQ(s.documents, 4u);
  EXPECT_FALSE(s.compacted);
  EXPECT_EQ(DatabaseDir(path()).entries(), std::vector<std::string>{"gen-2"});
  EXPECT_EQ(on_disk(), std::vector<std::string>{"gen-2"});
  EXPECT_EQ(readers_see(), 4);
}

TEST_F(BuildTest, InterruptedShardedBuildIsKeptAndMergedByTheNextRun) {
  BuildPlan p = plan(2);
  p.limits.docs = 1;
  {
    auto b = start(p);
    for (const char* id : {"a", "b", "c"}) {
      UnitResult u = unit({item(id, std::string("w") + id)});
      b->put(&u);
    }
    const Summary s = finish(b.get(), /*interrupted=*/true);
    EXPECT_EQ(s.documents, 3u);
  }
  EXPECT_EQ(DatabaseDir(path()).entries().size(), 3u);  // still listed
  EXPECT_EQ(readers_see(), 3);
  DatabaseDir dir(path());
  const WritableState state = open_for_writing(&dir, plan(1), &progress_);
  EXPECT_EQ(dir.entries(), std::vector<std::string>{state.current});
  EXPECT_FALSE(state.empty);
  EXPECT_EQ(readers_see(), 3);
}

TEST_F(BuildTest, CompactLeavesOneCompactedGeneration) {
  make_ab();
  BuildPlan p = plan(1);
  p.compact = true;
  DatabaseDir dir(path());
  WritableState state = open_for_writing(&dir, p, &progress_);
  const std::string before = state.current;
  Build b(dir, std::move(state), p, BuildInputs{});  // no inputs
  EXPECT_EQ(b.strategy(), WriteStrategy::kNone);
  EXPECT_FALSE(b.writes());
  const Summary s = finish(&b);
  EXPECT_TRUE(s.compacted);
  EXPECT_EQ(s.documents, 2u);
  ASSERT_EQ(dir.entries().size(), 1u);
  EXPECT_NE(dir.entries().front(), before);
  EXPECT_EQ(on_disk(), dir.entries());
}

TEST_F(BuildTest, SettingsAreTheDatabasesUnlessRebuilt) {
  make_ab();
  DatabaseDir dir(path());
  BuildPlan p = plan(1);
  p.requested.analyzer.language = "german";
  p.language_given = true;
  EXPECT_THROW((void)open_for_writing(&dir, p, &progress_), UsageError);
  p.rebuild = true;
  EXPECT_EQ(open_for_writing(&dir, p, &progress_).settings.analyzer.language,
            "german");
  // Not given: the database's own, whatever the plan's defaults say.
  BuildPlan q = plan(1);
  q.requested.title_weight = 7;
  EXPECT_EQ(open_for_writing(&dir, q, &progress_).settings.title_weight,
            IndexSettings{}.title_weight);
}

// Issue 13 item 13: a --rebuild without --field kept the database's fields,
// defined but no longer read.
TEST_F(BuildTest, RebuildHasTheFieldsItNamesAndNoOther) {
  BuildPlan p = plan(1);
  p.requested.fields = {{"place", "places"}, {"org", "orgs"}};
  auto b = start(p);
  UnitResult u = unit({item("a", "alpha")});
  b->put(&u);
  finish(b.get());
  b.reset();
  DatabaseDir dir(path());
  // Not rebuilt: the database's own, named or not.
  EXPECT_EQ(open_for_writing(&dir, plan(1), &progress_).settings.fields,
            p.requested.fields);
  BuildPlan one = plan(1, true);
  one.requested.fields = {{"place", "places"}};
  const WritableState kept = open_for_writing(&dir, one, &progress_);
  EXPECT_EQ(kept.settings.fields, one.requested.fields);
  EXPECT_EQ(kept.dropped_fields, (std::vector<UserField>{{"org", "orgs"}}));
  const WritableState none = open_for_writing(&dir, plan(1, true), &progress_);
  EXPECT_TRUE(none.settings.fields.empty());
  EXPECT_EQ(none.dropped_fields, p.requested.fields);
  // Another key for a field replaces it: nothing is dropped.
  BuildPlan rekeyed = plan(1, true);
  rekeyed.requested.fields = {{"place", "countries"}, {"org", "orgs"}};
  EXPECT_TRUE(
      open_for_writing(&dir, rekeyed, &progress_).dropped_fields.empty());
}

}  // namespace
}  // namespace lede::indexer
