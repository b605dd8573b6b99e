// The database directory (stub, generations, shards, merges) and the
// single writer, on real glass databases in a temporary directory.
#include "indexer/database_dir.h"

#include <gtest/gtest.h>

#include <atomic>
#include <filesystem>
#include <map>
#include <thread>

#include "common/error.h"
#include "common/schema.h"
#include "indexer/db_lock.h"
#include "indexer/index_writer.h"
#include "tests/testutil/testutil.h"

namespace lede::indexer {
namespace {

namespace fs = std::filesystem;

Xapian::Document doc(const std::string& id, const std::string& word) {
  Xapian::Document d;
  d.add_boolean_term("Q" + id);
  d.add_posting(word, 1);
  d.add_value(kSlotHash, "h-" + word);
  return d;
}

class DbDir : public ::testing::Test {
 protected:
  std::string path() const { return tmp_.str("lede.db"); }
  testing::TempDir tmp_;
  IndexSettings settings_;
};

TEST_F(DbDir, CreatesAStubNamingAnEmptyGenerationWithSettings) {
  DatabaseDir dir(path());
  EXPECT_FALSE(dir.has_stub());
  dir.create_if_missing(settings_);
  EXPECT_TRUE(dir.has_stub());
  EXPECT_EQ(dir.entries(), std::vector<std::string>{"gen-1"});
  EXPECT_EQ(testing::read_file(fs::path(path()) / "XAPIANDB"),
            "glass gen-1\n");
  const OpenedDatabase opened = open_for_reading(path());
  EXPECT_EQ(opened.db.get_doccount(), 0u);
  EXPECT_EQ(opened.settings, settings_);
  dir.create_if_missing(settings_);  // idempotent
  EXPECT_EQ(dir.entries(), std::vector<std::string>{"gen-1"});
}

TEST_F(DbDir, RefusesADirectoryThatIsNotLedes) {
  testing::write_file(fs::path(path()) / "thesis.tex", "x");
  DatabaseDir dir(path());
  EXPECT_THROW(dir.create_if_missing(settings_), Error);
  EXPECT_TRUE(fs::exists(fs::path(path()) / "thesis.tex"));
}

TEST_F(DbDir, WriterFindsAddsReplacesAndRemoves) {
  DatabaseDir dir(path());
  dir.create_if_missing(settings_);
  IndexWriter w(dir.entry_path("gen-1"));
  EXPECT_EQ(w.find("Qa").docid, 0u);
  const Xapian::docid a = w.add(doc("a", "one"));
  EXPECT_EQ(w.find("Qa").docid, a);  // uncommitted writes are visible
  EXPECT_EQ(w.find("Qa").hash, "h-one");
  w.commit();
  EXPECT_EQ(Xapian::Database(path()).get_doccount(), 1u);
  w.replace(a, doc("a", "two"));
  EXPECT_EQ(w.find("Qa").hash, "h-two");
  // Readers see only what is committed.
  EXPECT_EQ(Xapian::Database(path()).get_termfreq("two"), 0u);
  w.commit();
  EXPECT_EQ(Xapian::Database(path()).get_termfreq("two"), 1u);
  w.remove(a);
  w.commit();
  EXPECT_EQ(Xapian::Database(path()).get_doccount(), 0u);
}

TEST_F(DbDir, SpellingIsAddedOnCommit) {
  DatabaseDir dir(path());
  dir.create_if_missing(settings_);
  IndexWriter w(dir.entry_path("gen-1"));
  WordCounts words{{"vaccine", 3}, {"hospital", 1}};
  w.add_spelling(&words);
  EXPECT_TRUE(words.empty());
  w.commit();
  Xapian::Database db(path());
  EXPECT_EQ(db.get_spelling_suggestion("vacine"), "vaccine");
}

// What a writer did not commit is gone when it goes away (an exception
// on its way out of lede-index): the database stays at its last commit,
// spelling included, instead of gaining part of a batch.
TEST_F(DbDir, WhatWasNotCommittedIsDroppedWithTheWriter) {
  DatabaseDir dir(path());
  dir.create_if_missing(settings_);
  {
    IndexWriter w(dir.entry_path("gen-1"));
    w.add(doc("a", "one"));
    WordCounts words{{"vaccine", 3}};
    w.add_spelling(&words);
    w.commit();
    w.add(doc("b", "two"));
    WordCounts more{{"hospital", 1}};
    w.add_spelling(&more);
  }
  Xapian::Database db(path());
  EXPECT_EQ(db.get_doccount(), 1u);
  EXPECT_EQ(db.get_termfreq("Qb"), 0u);
  std::map<std::string, Xapian::doccount> spelling;
  for (auto w = db.spellings_begin(); w != db.spellings_end(); ++w) {
    spelling[*w] = w.get_termfreq();
  }
  EXPECT_EQ(spelling, (std::map<std::string, Xapian::doccount>{{"vaccine", 3}}));
  // And the next writer starts from there.
  IndexWriter again(dir.entry_path("gen-1"));
  EXPECT_EQ(again.doc_count(), 1u);
  EXPECT_EQ(again.find("Qb").docid, 0u);
}

TEST_F(DbDir, ShardsListedInTheStubAreReadTogetherAndConsolidated) {
  DatabaseDir dir(path());
  dir.create_if_missing(settings_);
  const std::string target = dir.next_generation();
  EXPECT_EQ(target, "gen-2");
  std::vector<std::string> listed = {"gen-1"};
  for (int k = 0; k < 2; ++k) {
    const std::string shard = DatabaseDir::shard_name(target, k);
    dir.create_entry(shard, &settings_);
    IndexWriter w(dir.entry_path(shard));
    w.add(doc("s" + std::to_string(k), "word"));
    w.commit();
    listed.push_back(shard);
  }
  dir.write_stub(listed);
  // A reader sees every shard's commits, with the settings of the first.
  const OpenedDatabase opened = open_for_reading(path());
  EXPECT_EQ(opened.db.get_doccount(), 2u);
  // The next writer merges them into one generation first.
  EXPECT_TRUE(dir.consolidate());
  EXPECT_EQ(dir.entries(), std::vector<std::string>{"gen-3"});
  EXPECT_FALSE(fs::exists(dir.entry_path("gen-1")));
  EXPECT_FALSE(fs::exists(dir.entry_path("gen-2.shard-0")));
  const OpenedDatabase merged = open_for_reading(path());
  EXPECT_EQ(merged.db.get_doccount(), 2u);
  EXPECT_EQ(merged.settings, settings_);
  EXPECT_FALSE(dir.consolidate());
}

// lede-index switches the stub to a new generation and then removes the
// old one (after a merge, --rebuild, --compact): a reader that read the old
// stub finds its generation gone, and must open the new one instead.
TEST_F(DbDir, AReaderOpensWhileTheStubSwitchesAndOldGenerationsGo) {
  DatabaseDir dir(path());
  dir.create_if_missing(settings_);
  std::atomic<bool> done{false};
  std::thread switcher([&] {
    std::string current = "gen-1";
    for (int i = 0; i < 100; ++i) {
      const std::string next = dir.next_generation();
      dir.create_entry(next, &settings_);
      dir.write_stub({next});
      dir.remove_entry(current);
      current = next;
    }
    done = true;
  });
  int opened = 0, failed = 0;
  std::string error;
  while (!done) {
    try {
      ++opened;
      (void)open_for_reading(path()).db.get_doccount();
    } catch (const Error& e) {
      ++failed;
      error = e.what();
    }
  }
  switcher.join();
  EXPECT_EQ(failed, 0) << "of " << opened << " opened; " << error;
  EXPECT_GT(opened, 0);
}

TEST_F(DbDir, LeftoversOfAnInterruptedRunAreRemoved) {
  DatabaseDir dir(path());
  dir.create_if_missing(settings_);
  dir.create_entry("gen-7", nullptr);
  dir.create_entry("gen-7.shard-1", nullptr);
  testing::write_file(fs::path(path()) / "XAPIANDB.tmp", "glass gen-7\n");
  testing::write_file(fs::path(path()) / "keep-me", "not ours");
  dir.remove_unlisted();
  EXPECT_FALSE(fs::exists(dir.entry_path("gen-7")));
  EXPECT_FALSE(fs::exists(dir.entry_path("gen-7.shard-1")));
  EXPECT_FALSE(fs::exists(fs::path(path()) / "XAPIANDB.tmp"));
  EXPECT_TRUE(fs::exists(dir.entry_path("gen-1")));
  EXPECT_TRUE(fs::exists(fs::path(path()) / "keep-me"));
}

TEST_F(DbDir, MergeKeepsDocumentsInSourceOrder) {
  DatabaseDir dir(path());
  dir.create_if_missing(settings_);
  for (const char* name : {"gen-2.shard-0", "gen-2.shard-1"}) {
    dir.create_entry(name, nullptr);
    IndexWriter w(dir.entry_path(name));
    w.add(doc(std::string(name) + "-a", "x"));
    w.add(doc(std::string(name) + "-b", "x"));
    w.commit();
  }
  dir.merge({"gen-1", "gen-2.shard-0", "gen-2.shard-1"}, "gen-2", true);
  dir.write_stub({"gen-2"});
  Xapian::Database db(path());
  ASSERT_EQ(db.get_doccount(), 4u);
  auto first_term = [&](Xapian::docid id) {
    return *db.get_document(id).termlist_begin();
  };
  EXPECT_EQ(first_term(1), "Qgen-2.shard-0-a");
  EXPECT_EQ(first_term(3), "Qgen-2.shard-1-a");
}

TEST_F(DbDir, SecondLockFailsWithThePid) {
  DbLock first(path(), 0);
  try {
    DbLock second(path(), 0.1);
    FAIL() << "second lock taken";
  } catch (const Error& e) {
    EXPECT_NE(std::string(e.what()).find(
                  "is still locked by another lede-index (pid " +
                  std::to_string(getpid()) + ")"),
              std::string::npos)
        << e.what();
  }
}

}  // namespace
}  // namespace lede::indexer
