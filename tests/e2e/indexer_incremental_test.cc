// lede-index end to end: re-runs, updates, --prune, --rebuild, --compact,
// standard input, duplicate ids and the layout readers rely on.
#include <gtest/gtest.h>

#include <xapian.h>

#include <filesystem>

#include "common/document_data.h"
#include "tests/e2e/indexer_util.h"

namespace lede {
namespace {

namespace fs = std::filesystem;
using testing::index_json;
using testing::TempDir;
using testing::write_file;

class Incremental : public ::testing::Test {
 protected:
  void SetUp() override {
    write_file(dir_.path() / "news/a.txt", "Title: Alpha\n\nFirst story.\n");
    write_file(dir_.path() / "news/b.txt", "Title: Beta\n\nSecond story.\n");
    write_file(dir_.path() / "news/sub/c.md",
               "---\ntitle: Gamma\n---\nThird story.\n");
  }
  std::string db() const { return dir_.str("lede.db"); }
  std::string news() const { return dir_.str("news"); }
  TempDir dir_;
};

TEST_F(Incremental, FirstRunAddsEverythingAndExitsZero) {
  const auto r = index_json(db(), {news()});
  ASSERT_EQ(r.result.exit_code, 0) << r.result.err;
  EXPECT_EQ(r.summary["added"], 3);
  EXPECT_EQ(r.summary["documents"], 3);
  EXPECT_EQ(r.summary["files"], 3);
  EXPECT_EQ(r.result.err, "");  // not a terminal, nothing wrong: silent
}

TEST_F(Incremental, ReRunAddsAndUpdatesNothing) {
  ASSERT_EQ(index_json(db(), {news()}).result.exit_code, 0);
  const auto r = index_json(db(), {news()});
  ASSERT_EQ(r.result.exit_code, 0) << r.result.err;
  EXPECT_EQ(r.summary["added"], 0);
  EXPECT_EQ(r.summary["updated"], 0);
  EXPECT_EQ(r.summary["unchanged"], 3);
  EXPECT_EQ(r.summary["documents"], 3);
}

TEST_F(Incremental, ChangingOneFileUpdatesExactlyOne) {
  ASSERT_EQ(index_json(db(), {news()}).result.exit_code, 0);
  write_file(dir_.path() / "news/b.txt", "Title: Beta\n\nSecond story, v2.\n");
  const auto r = index_json(db(), {news()});
  EXPECT_EQ(r.summary["updated"], 1);
  EXPECT_EQ(r.summary["unchanged"], 2);
  EXPECT_EQ(r.summary["added"], 0);
  EXPECT_EQ(r.summary["documents"], 3);
  // The new text is what a reader finds.
  Xapian::Database d(db());
  EXPECT_EQ(d.get_termfreq("v2"), 1u);
}

TEST_F(Incremental, TouchingWithoutChangingIsUnchanged) {
  ASSERT_EQ(index_json(db(), {news()}).result.exit_code, 0);
  fs::last_write_time(dir_.path() / "news/a.txt",
                      fs::file_time_type::clock::now());
  const auto r = index_json(db(), {news()});
  EXPECT_EQ(r.summary["unchanged"], 3);
  EXPECT_EQ(r.summary["updated"], 0);
}

TEST_F(Incremental, PruneAfterDeletingAFileDeletesExactlyOne) {
  ASSERT_EQ(index_json(db(), {news()}).result.exit_code, 0);
  fs::remove(dir_.path() / "news/sub/c.md");
  const auto keep = index_json(db(), {news()});
  EXPECT_EQ(keep.summary["deleted"], 0);
  EXPECT_EQ(keep.summary["documents"], 3);  // no --prune: kept
  const auto r = index_json(db(), {"--prune", news()});
  ASSERT_EQ(r.result.exit_code, 0) << r.result.err;
  EXPECT_EQ(r.summary["deleted"], 1);
  EXPECT_EQ(r.summary["documents"], 2);
  EXPECT_EQ(Xapian::Database(db()).get_termfreq("gamma"), 0u);
}

TEST_F(Incremental, PruneOnlyTouchesTheRootsGiven) {
  write_file(dir_.path() / "other/d.txt", "Title: Delta\n\nFourth.\n");
  ASSERT_EQ(index_json(db(), {news(), dir_.str("other")}).result.exit_code, 0);
  fs::remove(dir_.path() / "other/d.txt");
  const auto r = index_json(db(), {"--prune", news()});
  EXPECT_EQ(r.summary["deleted"], 0);
  EXPECT_EQ(r.summary["documents"], 4);
}

TEST_F(Incremental, PruneKeepsFilesThatCouldNotBeParsedThisTime) {
  ASSERT_EQ(index_json(db(), {news()}).result.exit_code, 0);
  // Still there, but now over the size limit: skipped, not gone.
  const auto r = index_json(db(), {"--prune", "--max-file-size", "10", news()});
  EXPECT_EQ(r.result.exit_code, 1);
  EXPECT_EQ(r.summary["deleted"], 0);
  EXPECT_EQ(r.summary["documents"], 3);
}

TEST_F(Incremental, PruneDeletesJsonLinesRecordsGoneFromTheFile) {
  const auto jsonl = dir_.path() / "feed.jsonl";
  write_file(jsonl,
             "{\"id\":\"x1\",\"title\":\"One\",\"text\":\"a\"}\n"
             "{\"id\":\"x2\",\"title\":\"Two\",\"text\":\"b\"}\n"
             "{\"id\":\"x3\",\"title\":\"Three\",\"text\":\"c\"}\n");
  ASSERT_EQ(index_json(db(), {jsonl.string()}).summary["added"], 3);
  write_file(jsonl,
             "{\"id\":\"x1\",\"title\":\"One\",\"text\":\"a\"}\n"
             "{\"id\":\"x3\",\"title\":\"Three\",\"text\":\"c changed\"}\n");
  const auto r = index_json(db(), {"--prune", jsonl.string()});
  EXPECT_EQ(r.summary["unchanged"], 1);
  EXPECT_EQ(r.summary["updated"], 1);
  EXPECT_EQ(r.summary["deleted"], 1);
  EXPECT_EQ(r.summary["documents"], 2);
  EXPECT_EQ(Xapian::Database(db()).get_termfreq("Qx2"), 0u);
}

TEST_F(Incremental, PruneIgnoresARootThatDoesNotExist) {
  ASSERT_EQ(index_json(db(), {news()}).result.exit_code, 0);
  const auto r = index_json(db(), {"--prune", news(), dir_.str("typo")});
  EXPECT_EQ(r.result.exit_code, 1);
  EXPECT_NE(r.result.err.find("typo: no such file or directory"),
            std::string::npos)
      << r.result.err;
  EXPECT_EQ(r.summary["deleted"], 0);
}

TEST_F(Incremental, RebuildStartsFromEmpty) {
  ASSERT_EQ(index_json(db(), {news()}).result.exit_code, 0);
  fs::remove(dir_.path() / "news/a.txt");
  const auto r = index_json(db(), {"--rebuild", news()});
  ASSERT_EQ(r.result.exit_code, 0) << r.result.err;
  EXPECT_EQ(r.summary["added"], 2);
  EXPECT_EQ(r.summary["documents"], 2);
}

TEST_F(Incremental, SettingsAreStoredAndChangeOnlyWithRebuild) {
  ASSERT_EQ(index_json(db(), {"--title-weight", "5", news()}).result.exit_code,
            0);
  Xapian::Database d(db());
  EXPECT_EQ(d.get_metadata("lede.title_weight"), "5");
  // Title words count 5 times in the combined terms.
  auto t = d.get_document(*d.postlist_begin("alpha")).termlist_begin();
  t.skip_to("alpha");
  EXPECT_EQ(t.get_wdf(), 5u);
  const auto refused = index_json(db(), {"--title-weight", "2", news()});
  EXPECT_EQ(refused.result.exit_code, 2);
  EXPECT_NE(refused.result.err.find("use --rebuild"), std::string::npos);
  // Without the flag the stored weight is used.
  EXPECT_EQ(index_json(db(), {news()}).result.exit_code, 0);
  const auto r = index_json(db(), {"--rebuild", "--title-weight", "2", news()});
  ASSERT_EQ(r.result.exit_code, 0) << r.result.err;
  EXPECT_EQ(Xapian::Database(db()).get_metadata("lede.title_weight"), "2");
}

TEST_F(Incremental, CompactReplacesTheGenerationAtomically) {
  ASSERT_EQ(index_json(db(), {"--jobs", "1", news()}).result.exit_code, 0);
  const std::string before = testing::read_file(fs::path(db()) / "XAPIANDB");
  const auto r = index_json(db(), {"--compact", news()});
  ASSERT_EQ(r.result.exit_code, 0) << r.result.err;
  EXPECT_EQ(r.summary["compacted"], true);
  const std::string after = testing::read_file(fs::path(db()) / "XAPIANDB");
  EXPECT_NE(before, after);
  // One generation left, the one the stub names.
  int generations = 0;
  for (const auto& e : fs::directory_iterator(db())) {
    if (e.path().filename().string().starts_with("gen-")) ++generations;
  }
  EXPECT_EQ(generations, 1);
  EXPECT_EQ(testing::doc_count(db()), 3);
  // Compacting alone, without paths.
  const auto alone = index_json(db(), {"--compact"});
  EXPECT_EQ(alone.result.exit_code, 0) << alone.result.err;
  EXPECT_EQ(testing::doc_count(db()), 3);
}

TEST_F(Incremental, StandardInputIsJsonLines) {
  const std::string feed =
      "{\"title\":\"From a pipe\",\"text\":\"piped story\"}\n"
      "{\"id\":\"p2\",\"title\":\"Second\",\"text\":\"another\"}\n";
  const auto r = index_json(db(), {"-"}, feed);
  ASSERT_EQ(r.result.exit_code, 0) << r.result.err;
  EXPECT_EQ(r.summary["added"], 2);
  Xapian::Database d(db());
  EXPECT_EQ(d.get_termfreq("Qp2"), 1u);
  // No id: "stdin:" and a hash of the record.
  EXPECT_EQ(d.get_termfreq("Qstdin:1"), 0u);
  EXPECT_EQ(std::distance(d.allterms_begin("Qstdin:"), d.allterms_end("Qstdin:")),
            1);
  // Fed again: unchanged.
  EXPECT_EQ(index_json(db(), {"-"}, feed).summary["unchanged"], 2);
}

TEST_F(Incremental, BadLineOnStandardInputIsReportedWithItsLine) {
  const auto r = index_json(db(), {"-"},
                            "{\"title\":\"ok\",\"text\":\"x\"}\nnot json\n");
  EXPECT_EQ(r.result.exit_code, 1);
  EXPECT_NE(r.result.err.find("lede-index: <stdin>:2: "), std::string::npos)
      << r.result.err;
  EXPECT_EQ(r.summary["added"], 1);
}

TEST_F(Incremental, DuplicateIdKeepsTheFirstAndReportsTheRest) {
  const auto jsonl = dir_.path() / "dup.jsonl";
  write_file(jsonl,
             "{\"id\":\"same\",\"title\":\"First\",\"text\":\"one\"}\n"
             "{\"id\":\"same\",\"title\":\"Second\",\"text\":\"two\"}\n");
  for (const char* jobs : {"1", "2"}) {
    TempDir d;
    const auto r =
        index_json(d.str("db"), {"--jobs", jobs, jsonl.string()});
    EXPECT_EQ(r.result.exit_code, 1) << jobs;
    EXPECT_EQ(r.summary["documents"], 1) << jobs;
    EXPECT_NE(r.result.err.find("dup.jsonl:2: duplicate id: 'same' is already "
                                "read from "),
              std::string::npos)
        << r.result.err;
    EXPECT_EQ(Xapian::Database(d.str("db")).get_termfreq("first"), 1u);
  }
}

// A fresh build with several workers writes shards and merges them: the
// result holds every document once, and two builds give the same docids.
TEST_F(Incremental, ParallelFreshBuildIsCompleteAndDeterministic) {
  std::string feed;
  for (int i = 0; i < 500; ++i) {
    feed += "{\"id\":\"d" + std::to_string(i) + "\",\"title\":\"story " +
            std::to_string(i) + "\",\"text\":\"body words " +
            std::to_string(i * 7) + "\"}\n";
  }
  write_file(dir_.path() / "many.jsonl", feed);
  std::vector<std::string> order[2];
  for (int k = 0; k < 2; ++k) {
    TempDir d;
    const auto r = index_json(d.str("db"), {"--jobs", "3", "--batch-docs",
                                            "37", dir_.str("many.jsonl")});
    ASSERT_EQ(r.result.exit_code, 0) << r.result.err;
    EXPECT_EQ(r.summary["documents"], 500);
    Xapian::Database db(d.str("db"));
    for (Xapian::docid id = 1; id <= db.get_lastdocid(); ++id) {
      order[k].push_back(stored_data(db.get_document(id)));
    }
    for (const auto& [id, n] : testing::id_counts(d.str("db"))) {
      ASSERT_EQ(n, 1u) << id;
    }
  }
  EXPECT_EQ(order[0], order[1]);
}

TEST_F(Incremental, OneJobKeepsInputOrder) {
  const auto r = index_json(db(), {"--jobs", "1", news()});
  ASSERT_EQ(r.result.exit_code, 0);
  Xapian::Database d(db());
  EXPECT_EQ(d.get_termfreq("alpha"), 1u);
  EXPECT_EQ(*d.postlist_begin("alpha"), 1u);  // a.txt
  EXPECT_EQ(*d.postlist_begin("beta"), 2u);   // b.txt
  EXPECT_EQ(*d.postlist_begin("gamma"), 3u);  // sub/c.md
}

TEST_F(Incremental, SpellingTableHoldsTitleAndBodyWords) {
  write_file(dir_.path() / "news/e.txt",
             "Title: Vaccination drive\n\nThe vaccination campaign 2024.\n");
  ASSERT_EQ(index_json(db(), {news()}).result.exit_code, 0);
  Xapian::Database d(db());
  EXPECT_EQ(d.get_spelling_suggestion("vacination"), "vaccination");
  EXPECT_EQ(d.get_spelling_suggestion("campain"), "campaign");
  for (auto w = d.spellings_begin(); w != d.spellings_end(); ++w) {
    EXPECT_EQ((*w).find_first_of("0123456789"), std::string::npos) << *w;
    EXPECT_GE((*w).size(), 3u) << *w;
  }
}

TEST_F(Incremental, ExcludeAndIncludeChooseFiles) {
  write_file(dir_.path() / "news/README.md", "# Notes\n\nnot a story\n");
  const auto r = index_json(db(), {"--exclude", "README.md", news()});
  EXPECT_EQ(r.summary["documents"], 3);
  TempDir d;
  const auto md = index_json(d.str("db"), {"--include", "*.md", news()});
  EXPECT_EQ(md.summary["documents"], 2);  // c.md and README.md
}

}  // namespace
}  // namespace lede
