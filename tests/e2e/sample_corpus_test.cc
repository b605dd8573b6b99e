// End to end through the real binaries: index sample_corpus/ once, then
// query it the way the README and the demo do.
#include <gtest/gtest.h>

#include "tests/testutil/testutil.h"

namespace lede {
namespace {

using testing::run_binary;

class SampleCorpus : public ::testing::Test {
 protected:
  static void SetUpTestSuite() {
    dir_ = new testing::TempDir();
    db_ = dir_->str("lede.db");
    const auto r = run_binary({testing::index_bin(), "--db", db_,
                               testing::sample_corpus()});
    // The corpus holds an empty file and a non-UTF-8 file on purpose.
    ASSERT_EQ(r.exit_code, 1) << r.err;
  }
  static void TearDownTestSuite() { delete dir_; }

  static testing::RunResult query(std::vector<std::string> args) {
    std::vector<std::string> argv = {testing::query_bin(), "--db", db_,
                                     "--color", "never"};
    argv.insert(argv.end(), args.begin(), args.end());
    return run_binary(argv);
  }

  static std::string first_path(const std::string& q) {
    const auto r = query({"--format", "jsonl", "--limit", "1", q});
    const auto at = r.out.find("\"path\":\"");
    if (at == std::string::npos) return "";
    const auto from = at + 8;
    return r.out.substr(from, r.out.find('"', from) - from);
  }

  static testing::TempDir* dir_;
  static std::string db_;
};

testing::TempDir* SampleCorpus::dir_ = nullptr;
std::string SampleCorpus::db_;

TEST_F(SampleCorpus, PatientDataPhraseRanksTheMayoArticleFirstHighlighted) {
  const auto r = query({"\"patient data\""});
  ASSERT_EQ(r.exit_code, 0) << r.err;
  // After the header line ("8 matches") and a blank line, the first hit.
  EXPECT_NE(r.out.find("\n\n1. Not going unnoticed: Mayo Clinic’s"),
            std::string::npos)
      << r.out;
  EXPECT_NE(r.out.find("[patient data]"), std::string::npos) << r.out;
}

TEST_F(SampleCorpus, AccentFoldingFindsTheSpanishStory) {
  EXPECT_NE(first_path("cafe").find("intl/es-"), std::string::npos);
  EXPECT_NE(first_path("zurich").find("intl/de-"), std::string::npos);
  EXPECT_NE(first_path("strasse").find("intl/de-"), std::string::npos);
}

TEST_F(SampleCorpus, ChineseWordFindsTheChineseStory) {
  EXPECT_NE(first_path("数据").find("intl/zh-"), std::string::npos);
  // A single character of that word is not a term: no accidental match.
  const auto r = query({"据"});
  EXPECT_EQ(r.exit_code, 1) << r.out;
}

TEST_F(SampleCorpus, ApostropheFormsFindTheMayoArticle) {
  for (const char* q : {"clinic's", "clinic", "Clinic’s"}) {
    const auto r = query({"--format", "jsonl", "--limit", "100", q});
    EXPECT_EQ(r.exit_code, 0) << q;
    EXPECT_NE(r.out.find("mayo-clinic-patient-data.txt"), std::string::npos)
        << q;
  }
}

TEST_F(SampleCorpus, NoMatchExitsOne) {
  const auto r = query({"zzzzqqqq"});
  EXPECT_EQ(r.exit_code, 1);
  EXPECT_EQ(r.out, "");
}

}  // namespace
}  // namespace lede
