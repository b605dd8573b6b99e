// lede-index end to end: the ids of documents and the paths they store
// (issue 13, item 1). A file is known by its real absolute path, whatever
// folder or working directory it was indexed from; a record's own id names
// one story in the whole database; nothing is lost silently.
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

// lede-index --json --db DB ARGS... run in the folder `cwd`.
testing::IndexRun index_in(const fs::path& cwd, const std::string& db,
                           const std::vector<std::string>& args) {
  std::string cmd = "cd '" + cwd.string() + "' && exec '" +
                    std::string(testing::index_bin()) + "' --json --db '" +
                    db + "'";
  for (const std::string& a : args) cmd += " '" + a + "'";
  testing::IndexRun run;
  run.result = testing::run_binary({"/bin/sh", "-c", cmd});
  run.summary = nlohmann::json::parse(run.result.out, nullptr, false);
  return run;
}

// The stored articles of `db`, in docid order.
std::vector<Article> stored(const std::string& db) {
  Xapian::Database d(db);
  DataReader reader(d);
  std::vector<Article> out;
  for (auto p = d.postlist_begin(""); p != d.postlist_end(""); ++p) {
    out.push_back(reader.decode(d.get_document(*p)));
  }
  return out;
}

std::vector<std::string> titles(const std::string& db) {
  std::vector<std::string> out;
  for (const Article& a : stored(db)) out.push_back(a.title);
  return out;
}

class Ids : public ::testing::Test {
 protected:
  void SetUp() override {
    // The real path: TMPDIR may be reached through a symbolic link.
    root_ = fs::canonical(dir_.path());
    write_file(root_ / "A/story.txt", "Title: a\n");
    write_file(root_ / "B/story.txt", "Title: b\n");
  }
  std::string db() const { return (root_ / "x.db").string(); }
  std::string at(const std::string& rel) const { return (root_ / rel).string(); }
  TempDir dir_;
  fs::path root_;
};

// The reproducer of the issue: the second run replaced the first story.
TEST_F(Ids, SameFileNameInTwoFoldersInTwoRunsKeepsBoth) {
  ASSERT_EQ(index_json(db(), {at("A")}).result.exit_code, 0);
  const auto r = index_json(db(), {at("B")});
  ASSERT_EQ(r.result.exit_code, 0) << r.result.err;
  EXPECT_EQ(r.summary["added"], 1);
  EXPECT_EQ(r.summary["updated"], 0);
  EXPECT_EQ(r.summary["documents"], 2);
  EXPECT_EQ(titles(db()), (std::vector<std::string>{"a", "b"}));
}

// ... and in one run the second was skipped as a duplicate.
TEST_F(Ids, SameFileNameInTwoFoldersInOneRunKeepsBoth) {
  for (const char* jobs : {"1", "2"}) {
    TempDir d;
    const auto r = index_json(d.str("db"), {"--jobs", jobs, at("A"), at("B")});
    ASSERT_EQ(r.result.exit_code, 0) << jobs << r.result.err;
    EXPECT_EQ(r.summary["documents"], 2) << jobs;
  }
}

TEST_F(Ids, IdAndStoredPathAreTheRealAbsolutePath) {
  ASSERT_EQ(index_in(root_ / "A", db(), {"story.txt"}).result.exit_code, 0);
  const std::vector<Article> docs = stored(db());
  ASSERT_EQ(docs.size(), 1u);
  EXPECT_EQ(docs[0].id, at("A/story.txt"));
  EXPECT_EQ(docs[0].path, at("A/story.txt"));
  EXPECT_EQ(docs[0].line, 0u);
}

TEST_F(Ids, ReRunFromAnotherDirectoryChangesNothing) {
  ASSERT_EQ(index_in(root_, db(), {"A"}).result.exit_code, 0);
  for (const auto& [cwd, arg] :
       {std::pair<fs::path, std::string>{root_ / "A", "."},
        {root_ / "B", "../A"},
        {"/", at("A")},
        {root_, "./A/../A/"}}) {
    const auto r = index_in(cwd, db(), {arg});
    ASSERT_EQ(r.result.exit_code, 0) << arg << r.result.err;
    EXPECT_EQ(r.summary["unchanged"], 1) << cwd << " " << arg;
    EXPECT_EQ(r.summary["updated"], 0) << cwd << " " << arg;
    EXPECT_EQ(r.summary["documents"], 1) << cwd << " " << arg;
  }
}

TEST_F(Ids, AFolderThroughASymbolicLinkIsTheSameFiles) {
  ASSERT_EQ(index_json(db(), {at("A")}).result.exit_code, 0);
  fs::create_directory_symlink(root_ / "A", root_ / "link");
  const auto r = index_json(db(), {at("link")});
  ASSERT_EQ(r.result.exit_code, 0) << r.result.err;
  EXPECT_EQ(r.summary["unchanged"], 1);
  EXPECT_EQ(r.summary["documents"], 1);
}

// A path named twice, or a file named beside its folder, is read once:
// no "duplicate id" of the file itself (issue 14 follow-up).
TEST_F(Ids, APathNamedTwiceIsReadOnce) {
  for (const std::vector<std::string>& args :
       {std::vector<std::string>{"A", "A/"}, {".", "./"},
        {"A", "A/story.txt"}, {"A/story.txt", "./A/story.txt"}}) {
    TempDir d;
    const auto r = index_in(root_, d.str("db"), args);
    ASSERT_EQ(r.result.exit_code, 0) << args[0] << " " << args[1] << "\n"
                                     << r.result.err;
    EXPECT_EQ(r.result.err.find("duplicate id"), std::string::npos)
        << r.result.err;
    EXPECT_EQ(r.summary["skipped"], 0) << args[0] << " " << args[1];
    EXPECT_EQ(r.summary["added"], args[0] == "." ? 2 : 1)
        << args[0] << " " << args[1];
  }
}

TEST_F(Ids, RecordsWithoutIdsAreKnownByFileAndLine) {
  write_file(root_ / "A/feed.jsonl",
             "{\"title\":\"one\"}\n\n{\"title\":\"two\"}\n");
  write_file(root_ / "B/feed.jsonl", "{\"title\":\"three\"}\n");
  ASSERT_EQ(index_json(db(), {"--include", "*.jsonl", at("A"), at("B")})
                .result.exit_code,
            0);
  std::vector<std::string> ids;
  for (const Article& a : stored(db())) ids.push_back(a.id);
  EXPECT_EQ(ids, (std::vector<std::string>{at("A/feed.jsonl:1"),
                                           at("A/feed.jsonl:3"),
                                           at("B/feed.jsonl:1")}));
}

// A record's own id is the story's: the same id from another file is not
// indexed a second time, and not silently either.
TEST_F(Ids, OwnIdGivenByTwoFilesKeepsTheFirstAndSaysWhere) {
  write_file(root_ / "a.jsonl", "{\"id\":\"7\",\"title\":\"x\"}\n");
  write_file(root_ / "b.jsonl", "{\"id\":\"7\",\"title\":\"y\"}\n");
  ASSERT_EQ(index_json(db(), {at("a.jsonl")}).result.exit_code, 0);
  const auto r = index_json(db(), {at("b.jsonl")});
  EXPECT_EQ(r.result.exit_code, 1);
  EXPECT_EQ(r.summary["skipped"], 1);
  EXPECT_EQ(r.summary["skipped_reasons"]["duplicate id"], 1);
  EXPECT_NE(r.result.err.find("b.jsonl:1: duplicate id: '7' is already "
                              "indexed from " +
                              at("a.jsonl") + ":1"),
            std::string::npos)
      << r.result.err;
  EXPECT_EQ(titles(db()), std::vector<std::string>{"x"});
  // In one run, the same: the first input keeps it.
  TempDir d;
  const auto both = index_json(d.str("db"), {at("b.jsonl"), at("a.jsonl")});
  EXPECT_EQ(both.result.exit_code, 1);
  EXPECT_NE(both.result.err.find("duplicate id: '7' is already read from " +
                                 at("b.jsonl") + ":1"),
            std::string::npos)
      << both.result.err;
  EXPECT_EQ(titles(d.str("db")), std::vector<std::string>{"y"});
}

// The id follows the story when the file that had it no longer does.
TEST_F(Ids, OwnIdMovesWhenTheFirstFileNoLongerHasIt) {
  write_file(root_ / "a.jsonl", "{\"id\":\"7\",\"title\":\"x\"}\n");
  ASSERT_EQ(index_json(db(), {at("a.jsonl")}).result.exit_code, 0);
  write_file(root_ / "a.jsonl", "{\"id\":\"8\",\"title\":\"other\"}\n");
  write_file(root_ / "b.jsonl", "{\"id\":\"7\",\"title\":\"moved\"}\n");
  // b.jsonl first: the decision waits until a.jsonl has been read.
  const auto r = index_json(db(), {at("b.jsonl"), at("a.jsonl")});
  ASSERT_EQ(r.result.exit_code, 0) << r.result.err;
  EXPECT_EQ(r.summary["updated"], 1);
  EXPECT_EQ(r.summary["added"], 1);
  const std::vector<Article> docs = stored(db());
  ASSERT_EQ(docs.size(), 2u);
  EXPECT_EQ(docs[0].id, "7");
  EXPECT_EQ(docs[0].title, "moved");
  EXPECT_EQ(docs[0].path, at("b.jsonl"));
  // And when the first file is gone.
  fs::remove(root_ / "b.jsonl");
  write_file(root_ / "c.jsonl", "{\"id\":\"7\",\"title\":\"again\"}\n");
  const auto gone = index_json(db(), {at("c.jsonl")});
  ASSERT_EQ(gone.result.exit_code, 0) << gone.result.err;
  EXPECT_EQ(gone.summary["updated"], 1);
  EXPECT_EQ(stored(db())[0].path, at("c.jsonl"));
}

// The first file, still there but unreadable this time, keeps the id.
TEST_F(Ids, OwnIdStaysWhileTheFirstFileCannotBeRead) {
  write_file(root_ / "a.jsonl", "{\"id\":\"7\",\"title\":\"x\"}\n");
  ASSERT_EQ(index_json(db(), {at("a.jsonl")}).result.exit_code, 0);
  write_file(root_ / "b.jsonl", "{\"id\":\"7\",\"title\":\"y\"}\n");
  write_file(root_ / "a.jsonl",
             "{\"id\":\"7\",\"title\":\"x\",\"text\":\"longer now\"}\n");
  const auto r = index_json(
      db(), {"--max-file-size", "40", at("b.jsonl"), at("a.jsonl")});
  EXPECT_EQ(r.result.exit_code, 1);
  EXPECT_EQ(r.summary["skipped_reasons"]["duplicate id"], 1);
  EXPECT_EQ(titles(db()), std::vector<std::string>{"x"});
}

// A record that moved to another line is stored anew, so that its stored
// line (what PATH:LINE prints) stays true.
TEST_F(Ids, RecordMovedWithinItsFileUpdatesItsLine) {
  write_file(root_ / "a.jsonl", "{\"id\":\"7\",\"title\":\"x\"}\n");
  ASSERT_EQ(index_json(db(), {at("a.jsonl")}).result.exit_code, 0);
  write_file(root_ / "a.jsonl",
             "{\"id\":\"6\",\"title\":\"new\"}\n{\"id\":\"7\",\"title\":\"x\"}\n");
  const auto r = index_json(db(), {at("a.jsonl")});
  EXPECT_EQ(r.summary["updated"], 1);
  EXPECT_EQ(r.summary["added"], 1);
  EXPECT_EQ(stored(db())[0].line, 2u);
}

// Standard input has no path: a record without an id is known by its
// content, so that two streams never overwrite each other.
TEST_F(Ids, StandardInputStreamsDoNotOverwriteEachOther) {
  ASSERT_EQ(index_json(db(), {"-"}, "{\"title\":\"one\"}\n").result.exit_code,
            0);
  const auto r = index_json(db(), {"-"}, "{\"title\":\"two\"}\n");
  ASSERT_EQ(r.result.exit_code, 0) << r.result.err;
  EXPECT_EQ(r.summary["added"], 1);
  EXPECT_EQ(r.summary["documents"], 2);
  // The same stream again changes nothing.
  EXPECT_EQ(index_json(db(), {"-"}, "{\"title\":\"two\"}\n")
                .summary["unchanged"],
            1);
  for (const Article& a : stored(db())) {
    EXPECT_TRUE(a.id.starts_with("stdin:")) << a.id;
    EXPECT_EQ(a.path, "-");
    EXPECT_EQ(a.line, 1u);
  }
}

TEST_F(Ids, PruneOfStandardInputDeletesTheRecordsNotFedAgain) {
  ASSERT_EQ(index_json(db(), {"-"},
                       "{\"id\":\"1\",\"title\":\"one\"}\n"
                       "{\"id\":\"2\",\"title\":\"two\"}\n")
                .result.exit_code,
            0);
  ASSERT_EQ(index_json(db(), {at("A")}).result.exit_code, 0);
  const auto r =
      index_json(db(), {"--prune", "-"}, "{\"id\":\"1\",\"title\":\"one\"}\n");
  ASSERT_EQ(r.result.exit_code, 0) << r.result.err;
  EXPECT_EQ(r.summary["deleted"], 1);
  EXPECT_EQ(titles(db()), (std::vector<std::string>{"one", "a"}));
}

}  // namespace
}  // namespace lede
