// "Did you mean" on Reuters through the real binaries: issue 13's
// reproducers. The database holds every Reuters story that mentions one of
// the words involved, so their document frequencies are Reuters' own
// ("volker" 1, "volcker" 124, "intrest" 1, "interest" 1889).
#include <gtest/gtest.h>
#include <nlohmann/json.hpp>

#include <algorithm>
#include <fstream>
#include <string>

#include "tests/testutil/testutil.h"

namespace lede {
namespace {

using testing::run_binary;

class ReutersSpelling : public ::testing::Test {
 protected:
  static void SetUpTestSuite() {
    const std::string corpora = testing::shared_corpora_dir();
    if (corpora.empty()) return;
    dir_ = new testing::TempDir();
    std::ifstream in(corpora + "/reuters21578/reuters21578.jsonl");
    std::ofstream out(dir_->str("slice.jsonl"));
    std::string line;
    while (std::getline(in, line)) {
      std::string lower = line;
      std::transform(lower.begin(), lower.end(), lower.begin(), [](char c) {
        return c >= 'A' && c <= 'Z' ? static_cast<char>(c - 'A' + 'a') : c;
      });
      for (const char* w : {"volker", "volcker", "intrest", "interest", "dont",
                            "don't"}) {
        if (lower.find(w) != std::string::npos) {
          out << line << '\n';
          break;
        }
      }
    }
    out.close();
    const auto r = run_binary({testing::index_bin(), "-q", "--db",
                               dir_->str("db"), dir_->str("slice.jsonl")});
    ASSERT_EQ(r.exit_code, 0) << r.err;
  }
  static void TearDownTestSuite() {
    delete dir_;
    dir_ = nullptr;
  }
  void SetUp() override {
    if (dir_ == nullptr) GTEST_SKIP() << "../shared/corpora absent";
  }

  // The suggestion lede-query --format json makes for `query` ("" for none).
  static std::string suggestion(const std::string& query) {
    const auto r = run_binary({testing::query_bin(), "--db", dir_->str("db"),
                               "--format", "json", "--limit", "0", query});
    EXPECT_LE(r.exit_code, 1) << r.err;
    const auto j = nlohmann::json::parse(r.out);
    return j["suggestion"].is_null() ? "" : j["suggestion"].get<std::string>();
  }

  static testing::TempDir* dir_;
};

testing::TempDir* ReutersSpelling::dir_ = nullptr;

TEST_F(ReutersSpelling, RareWordsGetTheFarMoreFrequentSpelling) {
  EXPECT_EQ(suggestion("volker"), "volcker");
  EXPECT_EQ(suggestion("intrest"), "interest");
  EXPECT_EQ(suggestion("\"volker said\""), "\"volcker said\"");
  EXPECT_EQ(suggestion("title:volker"), "title:volcker");
  EXPECT_EQ(suggestion("dont"), "don't");
  // Words that are common enough are left alone.
  EXPECT_EQ(suggestion("volcker"), "");
  EXPECT_EQ(suggestion("interest rates"), "");
}

TEST_F(ReutersSpelling, TheSuggestionIsOnStderrInText) {
  const auto r = run_binary({testing::query_bin(), "--db", dir_->str("db"),
                             "--format", "tsv", "volker"});
  EXPECT_EQ(r.exit_code, 0) << r.err;
  EXPECT_NE(r.err.find("volcker"), std::string::npos) << r.err;
}

}  // namespace
}  // namespace lede
