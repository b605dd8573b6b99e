// lede-index end to end: every kind of bad input gets its message
// ("lede-index: PATH[:LINE]: what is wrong"), the run goes on, and the
// exit status says whether everything went in.
#include <gtest/gtest.h>
#include <sys/stat.h>
#include <unistd.h>

#include <fstream>

#include "tests/e2e/indexer_util.h"

namespace lede {
namespace {

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

TEST_F(BadInput, UnreadableFileFailsAndTheRestGoesIn) {
  write_file(path("locked.txt"), "Title: Locked\n\nsecret\n");
  chmod(path("locked.txt").c_str(), 0);
  if (access(path("locked.txt").c_str(), R_OK) == 0) {
    GTEST_SKIP() << "running as root: chmod 000 does not stop reading";
  }
  const auto r = index();
  EXPECT_EQ(r.result.exit_code, 1);
  EXPECT_TRUE(has(r, "lede-index: " + path("locked.txt") + ": cannot read"))
      << r.result.err;
  EXPECT_EQ(r.summary["failed"], 1);
  EXPECT_EQ(r.summary["added"], 1);
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
