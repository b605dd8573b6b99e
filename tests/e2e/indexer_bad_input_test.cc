// lede-index end to end: every kind of bad input gets its message
// ("lede-index: PATH[:LINE]: what is wrong"), the run goes on, and the
// exit status says whether everything went in.
#include <gtest/gtest.h>
#include <sys/stat.h>
#include <unistd.h>

#include <filesystem>
#include <fstream>

#include "tests/e2e/indexer_util.h"

namespace lede {
namespace {

namespace fs = std::filesystem;
using testing::Background;
using testing::index_json;
using testing::TempDir;
using testing::write_file;

class BadInput : public ::testing::Test {
 protected:
  void SetUp() override {
    write_file(dir_.path() / "in/good.txt", "Title: Good\n\nA fine story.\n");
  }
  // Indexes in/ (holding good.txt and whatever the test added).
  testing::IndexRun index(std::vector<std::string> extra = {}) {
    extra.push_back(dir_.str("in"));
    return index_json(dir_.str("db"), extra);
  }
  std::string path(const std::string& name) const {
    return dir_.str("in/" + name);
  }
  static bool has(const testing::IndexRun& r, const std::string& text) {
    return r.result.err.find(text) != std::string::npos;
  }
  TempDir dir_;
};

TEST_F(BadInput, AllGoodExitsZero) {
  const auto r = index();
  EXPECT_EQ(r.result.exit_code, 0);
  EXPECT_EQ(r.summary["added"], 1);
}

// argv run as the user nobody when the tests run as root (root reads a
// file or a folder whatever its mode, so a permission test as root would
// prove nothing); as it is otherwise.
std::vector<std::string> unprivileged(std::vector<std::string> argv) {
  if (::geteuid() != 0) return argv;
  std::vector<std::string> as_nobody = {"/usr/bin/setpriv", "--reuid=65534",
                                        "--regid=65534", "--clear-groups",
                                        "--"};
  as_nobody.insert(as_nobody.end(), argv.begin(), argv.end());
  return as_nobody;
}

// A folder and a file the user may not read: each named with what is
// wrong, the rest indexed, exit 1.
TEST_F(BadInput, UnreadableFolderAndFileAreNamedAndTheRestGoesIn) {
  if (testing::run_binary(unprivileged({testing::index_bin(), "--version"}))
          .exit_code != 0) {
    GTEST_SKIP() << "running as root, and lede-index cannot be run as "
                    "nobody here (no /usr/bin/setpriv, or a folder above the "
                    "build that nobody may not enter)";
  }
  // The tree is nobody's to walk, and dbs/ to write the database in.
  fs::permissions(dir_.path(), fs::perms::owner_all | fs::perms::group_read |
                                   fs::perms::group_exec |
                                   fs::perms::others_read |
                                   fs::perms::others_exec);
  write_file(path("closed/hidden.txt"), "Title: Hidden\n\nclosedword\n");
  write_file(path("locked.txt"), "Title: Locked\n\nlockedword\n");
  fs::create_directories(dir_.path() / "dbs");
  fs::permissions(dir_.path() / "dbs", fs::perms::all);
  fs::permissions(path("closed"), fs::perms::none);
  fs::permissions(path("locked.txt"), fs::perms::none);
  const std::string db = dir_.str("dbs/u.db");
  const testing::RunResult r = testing::run_binary(unprivileged(
      {testing::index_bin(), "--json", "--db", db, dir_.str("in")}));
  fs::permissions(path("closed"), fs::perms::owner_all);  // to clean up
  EXPECT_EQ(r.exit_code, 1) << r.err;
  EXPECT_NE(r.err.find("lede-index: " + path("closed") +
                       ": cannot read directory: permission denied\n"),
            std::string::npos)
      << r.err;
  EXPECT_NE(r.err.find("lede-index: " + path("locked.txt") +
                       ": cannot read: permission denied\n"),
            std::string::npos)
      << r.err;
  const auto summary = nlohmann::json::parse(r.out);
  EXPECT_EQ(summary["failed"], 2) << r.out;
  EXPECT_EQ(summary["added"], 1) << r.out;
  EXPECT_EQ(testing::doc_count(db), 1);
}

// Files removed and a file grown after lede-index listed them and before
// it read them: a removed file is named with what is wrong, the grown one
// is read as it is now, and the rest goes in. Standard input, named first,
// holds the run there: it is read to its end before the files after it,
// and its first documents are committed (--batch-docs 1) only after the
// walk has listed every file.
TEST_F(BadInput, FilesRemovedOrGrownAfterTheWalkAreNamedAndTheRestGoesIn) {
  for (const char* name : {"gone-1.txt", "gone-2.txt", "gone-3.txt"}) {
    write_file(path(name), "Title: Gone\n\ngoneword\n");
  }
  write_file(path("grow.txt"), "Title: Grow\n\ngrowword\n");
  const std::string db = dir_.str("db");
  Background run({testing::index_bin(), "--json", "--batch-docs", "1",
                  "--db", db, "-", dir_.str("in")});
  // More than one chunk of JSON Lines (kChunkBytes): the first chunk is
  // indexed while standard input is still open.
  std::string lines;
  long stdin_docs = 0;
  while (lines.size() < (400u << 10)) {
    lines += R"({"id":"s)" + std::to_string(++stdin_docs) +
             R"(","title":"Line","text":")" + std::string(200, 'y') +
             "\"}\n";
  }
  run.write_stdin(lines);
  ASSERT_TRUE(testing::wait_for_docs(db, 1, 120)) << run.err();
  for (const char* name : {"gone-1.txt", "gone-3.txt"}) fs::remove(path(name));
  {
    std::ofstream grow(path("grow.txt"), std::ios::app);
    for (int i = 0; i < 20000; ++i) grow << "growword ";
    grow << "tailword\n";
  }
  run.close_stdin();
  EXPECT_EQ(run.wait(), 1) << run.err();
  for (const char* name : {"gone-1.txt", "gone-3.txt"}) {
    EXPECT_NE(run.err().find("lede-index: " + path(name) +
                             ": cannot read: no such file or directory\n"),
              std::string::npos)
        << run.err();
  }
  const auto summary = nlohmann::json::parse(run.out());
  EXPECT_EQ(summary["failed"], 2) << run.out();
  // The lines, good.txt, gone-2.txt and grow.txt.
  EXPECT_EQ(summary["added"], stdin_docs + 3) << run.out();
  EXPECT_EQ(testing::doc_count(db), stdin_docs + 3);
  const auto tail = testing::run_binary(
      {testing::query_bin(), "--db", db, "--format", "paths", "tailword"});
  EXPECT_EQ(tail.out, path("grow.txt") + "\n") << tail.err;
}

TEST_F(BadInput, BinaryFileIsSkipped) {
  write_file(path("image.txt"), std::string("GIF89a\0\0\x01\x02", 10));
  const auto r = index();
  EXPECT_EQ(r.result.exit_code, 1);
  EXPECT_TRUE(has(r, "lede-index: " + path("image.txt") + ": binary file"))
      << r.result.err;
  EXPECT_EQ(r.summary["skipped"], 1);
  EXPECT_EQ(r.summary["added"], 1);
}

TEST_F(BadInput, InvalidUtf8IsIndexedCountedAndWarned) {
  write_file(path("latin1.txt"), "Title: Caf\xe9\n\nna\xefve text\n");
  const auto r = index();
  EXPECT_EQ(r.result.exit_code, 0) << "a warning is not a failure";
  EXPECT_TRUE(has(r, path("latin1.txt") + ": not valid UTF-8")) << r.result.err;
  EXPECT_EQ(r.summary["added"], 2);
  EXPECT_EQ(r.summary["invalid_utf8_bytes"], 2);
  EXPECT_EQ(r.summary["warnings"], 1);
}

TEST_F(BadInput, BadJsonLineIsReportedWithFileAndLine) {
  write_file(path("feed.jsonl"),
             "{\"title\":\"one\",\"text\":\"a\"}\n"
             "{\"title\": broken\n"
             "{\"id\":\"3\",\"title\":\"\",\"text\":\"\"}\n"
             "{\"title\":\"four\",\"text\":\"d\"}\n");
  const auto r = index();
  EXPECT_EQ(r.result.exit_code, 1);
  EXPECT_TRUE(has(r, "lede-index: " + path("feed.jsonl") + ":2: not valid JSON"))
      << r.result.err;
  EXPECT_TRUE(has(r, "lede-index: " + path("feed.jsonl") +
                         ":3: no title or text"))
      << r.result.err;
  EXPECT_EQ(r.summary["added"], 3);  // good.txt and lines 1 and 4
  EXPECT_EQ(r.summary["skipped"], 2);
}

TEST_F(BadInput, FileOverMaxFileSizeIsSkipped) {
  write_file(path("big.txt"), "Title: Big\n\n" + std::string(5000, 'x'));
  const auto r = index({"--max-file-size", "4K"});
  EXPECT_EQ(r.result.exit_code, 1);
  EXPECT_TRUE(has(r, path("big.txt") + ": larger than --max-file-size"))
      << r.result.err;
  EXPECT_EQ(r.summary["added"], 1);
  EXPECT_EQ(index({"--max-file-size", "1M"}).result.exit_code, 0);
}

TEST_F(BadInput, BrokenHtmlStillGoesIn) {
  write_file(path("broken.html"),
             "<html><head><title>Broken page</title><body><p>unclosed "
             "<b>bold <div>text &amp; more");
  const auto r = index();
  EXPECT_EQ(r.result.exit_code, 0) << r.result.err;
  EXPECT_EQ(r.summary["added"], 2);
}

TEST_F(BadInput, EmptyFileIsSkipped) {
  write_file(path("empty.txt"), "");
  const auto r = index();
  EXPECT_EQ(r.result.exit_code, 1);
  EXPECT_TRUE(has(r, "lede-index: " + path("empty.txt") + ": empty"))
      << r.result.err;
  EXPECT_EQ(r.summary["skipped_reasons"].size(), 1u);
}

TEST_F(BadInput, MissingPathFailsAndTheRestGoesIn) {
  const auto r = index_json(dir_.str("db"), {dir_.str("nope"), dir_.str("in")});
  EXPECT_EQ(r.result.exit_code, 1);
  EXPECT_TRUE(has(r, "lede-index: " + dir_.str("nope") +
                         ": no such file or directory"))
      << r.result.err;
  EXPECT_EQ(r.summary["failed"], 1);
  EXPECT_EQ(r.summary["added"], 1);
}

TEST_F(BadInput, QuietKeepsErrorsAndDropsWarnings) {
  write_file(path("latin1.txt"), "Title: Caf\xe9\n\ntext\n");
  write_file(path("empty.txt"), "");
  const auto r = testing::run_binary(
      {testing::index_bin(), "-q", "--db", dir_.str("db"), dir_.str("in")});
  EXPECT_EQ(r.exit_code, 1);
  EXPECT_EQ(r.err, "lede-index: " + path("empty.txt") + ": empty file\n");
  EXPECT_EQ(r.out, "");
}

TEST_F(BadInput, SummaryOnStderrWithoutJson) {
  const auto r = testing::run_binary(
      {testing::index_bin(), "--db", dir_.str("db"), dir_.str("in")});
  EXPECT_EQ(r.exit_code, 0);
  EXPECT_NE(r.err.find("1 added, 0 updated, 0 unchanged, 0 deleted"),
            std::string::npos)
      << r.err;
  EXPECT_EQ(r.out, "");
}

}  // namespace
}  // namespace lede
