// Article -> Xapian::Document: terms, positions, values, data.
#include "indexer/document_builder.h"

#include <gtest/gtest.h>

#include <filesystem>
#include <map>
#include <string_view>
#include <vector>

#include "common/schema.h"
#include "common/terms.h"

#include "common/document_data.h"
#include "tests/testutil/testutil.h"

namespace lede::indexer {
namespace {

Article sample() {
  Article a;
  a.id = "story-1";
  a.title = "Hospitals adopt AI";
  a.body = "Hospitals are adopting triage tools in 2024.";
  a.author = "Jane Roe";
  a.source = "Health Wire";
  a.url = "https://www.news.example.com/a/b";
  a.date = "2024-03-05T14:30:00Z";
  a.date_raw = "Tue, 05 Mar 2024 14:30:00 +0000";
  a.tags = {"AI", "hospitals"};
  a.path = "/corpus/a.txt";
  return a;
}

std::map<std::string, Xapian::termcount> wdfs(const Xapian::Document& d) {
  std::map<std::string, Xapian::termcount> m;
  for (auto t = d.termlist_begin(); t != d.termlist_end(); ++t) {
    m[*t] = t.get_wdf();
  }
  return m;
}

std::vector<Xapian::termpos> positions(const Xapian::Document& d,
                                       const std::string& term) {
  auto t = d.termlist_begin();
  t.skip_to(term);
  if (t == d.termlist_end() || *t != term) return {};
  return {t.positionlist_begin(), t.positionlist_end()};
}

class Builder : public ::testing::Test {
 protected:
  Xapian::Document build(const Article& a, WordCounts* spelling = nullptr) {
    return build_document(a, settings_, &analyzer_, &stats_, spelling);
  }
  IndexSettings settings_;
  Analyzer analyzer_{settings_.analyzer};
  AnalysisStats stats_;
};

TEST_F(Builder, TitleWordsWeighTitleWeightTimes) {
  const auto m = wdfs(build(sample()));
  // "hospitals": once in the title (x3), once in the body.
  EXPECT_EQ(m.at("hospitals"), 3u + 1u);
  EXPECT_EQ(m.at("Shospitals"), 1u);
  EXPECT_EQ(m.at("Zhospit"), 4u);
  EXPECT_EQ(m.at("ZShospit"), 1u);
  settings_.title_weight = 5;
  EXPECT_EQ(wdfs(build(sample())).at("hospitals"), 5u + 1u);
}

TEST_F(Builder, BodyPositionsStartAfterTheGap) {
  const Xapian::Document d = build(sample());
  EXPECT_EQ(positions(d, "hospitals"),
            (std::vector<Xapian::termpos>{1, 3 + kBodyPositionGap + 1}));
  EXPECT_TRUE(positions(d, "Zhospit").empty());  // stems: no positions
  EXPECT_EQ(positions(d, "Ajane"), std::vector<Xapian::termpos>{1});
}

// Title terms have positions of their own only when the body holds a run
// of title words that the title does not (common/terms.h).
TEST_F(Builder, TitlePositionsOnlyWhereTheBodyCannotAnswer) {
  Article a = sample();
  Xapian::Document d = build(a);
  EXPECT_TRUE(positions(d, "Sadopt").empty());
  EXPECT_FALSE(wdfs(d).contains("XTPOS"));
  a.body = "AI hospitals are adopting triage tools.";  // "ai hospitals"
  d = build(a);
  EXPECT_EQ(positions(d, "Sadopt"), std::vector<Xapian::termpos>{2});
  EXPECT_TRUE(wdfs(d).contains("XTPOS"));
}

// A field of one word cannot match a phrase or NEAR: no positions.
TEST_F(Builder, OneWordFieldsHaveNoPositions) {
  Article a = sample();
  a.source = "Reuters";
  a.tags = {"grain"};
  const Xapian::Document d = build(a);
  EXPECT_TRUE(positions(d, "XSRCreuters").empty());
  EXPECT_TRUE(positions(d, "Kgrain").empty());
  EXPECT_EQ(wdfs(d).at("XSRCreuters"), 1u);
}

TEST_F(Builder, FieldAndBooleanTerms) {
  const auto m = wdfs(build(sample()));
  const std::vector<std::string> expected = {
      "Ajane",      "Aroe",     "XSRChealth", "XSRCwire",
      "Kai",        "Khospitals", "Qstory-1", "D20240305",
      "M202403",    "Y2024",    "Hnews.example.com", "Hexample.com",
      file_term("/corpus/a.txt")};
  for (const std::string& t : expected) {
    EXPECT_TRUE(m.contains(t)) << t;
  }
  EXPECT_FALSE(m.contains("Hcom"));
  EXPECT_EQ(m.at("Qstory-1"), 0u);  // boolean: no wdf
}

TEST_F(Builder, ValuesAndData) {
  const Article a = sample();
  const Xapian::Document d = build(a);
  EXPECT_EQ(d.get_value(kSlotDate), "20240305143000");
  EXPECT_EQ(d.get_value(kSlotYear), "2024");
  EXPECT_EQ(d.get_value(kSlotMonth), "2024-03");
  EXPECT_EQ(d.get_value(kSlotSource), "Health Wire");
  EXPECT_EQ(d.get_value(kSlotAuthor), "Jane Roe");
  EXPECT_EQ(d.get_value(kSlotTags), std::string("AI\x1fhospitals"));
  EXPECT_EQ(file_term("/corpus/a.txt"), "XFILE" + hash_hex("/corpus/a.txt"));
  EXPECT_EQ(d.get_value(7), "");  // the old file slot is unused
  EXPECT_EQ(d.get_value(kSlotHash), content_hash(a));
  EXPECT_EQ(d.get_value(kSlotCollapse),
            hash_bytes("hospitals adopt ai|20240305"));
  EXPECT_EQ(d.get_value(kSlotHash).size(), 8u);
  EXPECT_EQ(decode_document_data(d.get_data()), a);
}

TEST_F(Builder, UndatedCollapseKeyIsTheTitleAndTheOpeningWords) {
  Article a = sample();
  a.date.clear();
  a.title = "Weekly roundup";
  a.body = "Hospitals adopt AI, again.";
  EXPECT_EQ(build(a).get_value(kSlotCollapse),
            hash_bytes("weekly roundup| hospitals adopt ai again"));
  // Only the first kCollapseOpeningWords words count.
  std::string words;
  for (std::size_t i = 0; i < kCollapseOpeningWords; ++i) words += "w ";
  a.body = words + "one ending";
  const std::string key = build(a).get_value(kSlotCollapse);
  a.body = words + "another ending altogether";
  EXPECT_EQ(build(a).get_value(kSlotCollapse), key);
}

TEST_F(Builder, ContentHashChangesWithAnyField) {
  const Article a = sample();
  const std::string h = content_hash(a);
  EXPECT_EQ(h.size(), 8u);
  EXPECT_EQ(content_hash(a), h);
  Article b = a;
  b.body += " More.";
  EXPECT_NE(content_hash(b), h);
  b = a;
  b.tags.push_back("x");
  EXPECT_NE(content_hash(b), h);
  b = a;
  b.path = "/elsewhere/a.txt";
  EXPECT_NE(content_hash(b), h);
}

TEST_F(Builder, LongIdsStayUniqueAndWithinXapiansLimit) {
  const std::string base(300, 'x');
  const std::string t1 = id_term(base + "1");
  const std::string t2 = id_term(base + "2");
  EXPECT_LE(t1.size(), 245u);
  EXPECT_NE(t1, t2);
  EXPECT_EQ(id_term("short"), "Qshort");
}

TEST_F(Builder, SpellingCountsPlainWordsOfTitleAndBody) {
  WordCounts spelling;
  Article a = sample();
  a.body += " Don't e-mail U.S. 数据 x1 ok";
  build(a, &spelling);
  EXPECT_EQ(spelling.at("hospitals"), 2u);
  EXPECT_EQ(spelling.at("triage"), 1u);
  // An inner apostrophe is kept: "dont" can then be respelled "don't".
  EXPECT_EQ(spelling.at("don't"), 1u);
  for (const char* absent : {"2024", "ai", "email", "us", "数据",
                             "x1", "ok", "jane", "health"}) {
    EXPECT_FALSE(spelling.contains(absent)) << absent;
  }
}

// Issue 14 item 5: a long body is analysed in pieces, and the document is
// the one analysing it whole gives: the same terms, wdfs and positions
// (mixed scripts, hyphen chains and a collapse key from its opening).
TEST_F(Builder, BodyInPiecesIndexesAsTheWholeBody) {
  Article a = sample();
  a.date.clear();  // the collapse key then takes the opening words
  const std::string chunk =
      "Hospitals are adopting e-mail triage tools, COVID-19 data and "
      "Z\xC3\xBCrich \xE6\x82\xA3\xE8\x80\x85\xE6\x95\xB0\xE6\x8D\xAE "
      "AI adopt hospitals. ";
  while (a.body.size() < 3 * kAnalysisPiece + 1000) a.body += chunk;
  const Xapian::Document doc = build(a);

  // The reference: title and body analysed whole, as before pieces.
  std::vector<Token> title, body;
  const std::uint32_t next =
      analyzer_.analyze(a.title, &title) + kBodyPositionGap;
  analyzer_.analyze(a.body, &body, next);
  Xapian::Document ref;
  index_title_and_body(&ref, title, body, &analyzer_, settings_.title_weight);
  std::size_t compared = 0;
  for (auto t = ref.termlist_begin(); t != ref.termlist_end(); ++t) {
    ++compared;
    EXPECT_EQ(wdfs(doc)[*t], t.get_wdf()) << *t;
    const std::vector<Xapian::termpos> want(t.positionlist_begin(),
                                            t.positionlist_end());
    EXPECT_EQ(positions(doc, *t), want) << *t;
  }
  EXPECT_GT(compared, 10u);
  EXPECT_EQ(doc.get_value(kSlotCollapse),
            build([&] {
              Article short_one = a;
              short_one.body = a.body.substr(0, 40 * chunk.size());
              return short_one;
            }()).get_value(kSlotCollapse));
}

TEST(ForEachPiece, PiecesEndAtWhiteSpaceAndMakeTheWhole) {
  std::vector<std::pair<std::string, bool>> got;
  auto collect = [&](std::string_view p, bool whole) {
    got.emplace_back(std::string(p), whole);
    return true;
  };
  for_each_piece("", collect);
  EXPECT_TRUE(got.empty());
  for_each_piece("short text", collect);
  ASSERT_EQ(got.size(), 1u);
  EXPECT_TRUE(got[0].second);

  got.clear();
  std::string text;
  while (text.size() < 5 * kAnalysisPiece / 2) text += "word\nnext\tthird ";
  for_each_piece(text, collect);
  ASSERT_EQ(got.size(), 3u);
  std::string joined;
  for (const auto& [piece, whole] : got) {
    EXPECT_FALSE(whole);
    EXPECT_LE(piece.size(), kAnalysisPiece);
    joined += piece;
  }
  EXPECT_EQ(joined, text);
  EXPECT_TRUE(got[0].first.ends_with(' ') || got[0].first.ends_with('\n') ||
              got[0].first.ends_with('\t'));

  // No white space at all: cut at a character boundary, never inside one.
  got.clear();
  std::string cjk;
  while (cjk.size() < 3 * kAnalysisPiece) cjk += "\xE6\x95\xB0\xE6\x8D\xAE";
  for_each_piece(cjk, collect);
  joined.clear();
  for (const auto& [piece, whole] : got) {
    EXPECT_EQ(piece.size() % 3, 0u);
    joined += piece;
  }
  EXPECT_EQ(joined, cjk);
}

TEST(FileKey, AbsoluteAndNormal) {
  EXPECT_EQ(file_key("/nonexistent/./b/../c.txt"), "/nonexistent/c.txt");
  EXPECT_EQ(file_key("-"), "-");
  EXPECT_TRUE(file_key("rel/x.txt").starts_with("/"));
}

TEST(FileKey, SymbolicLinksAreResolved) {
  testing::TempDir dir;
  const auto real = std::filesystem::canonical(dir.path());
  testing::write_file(real / "a/x.txt", "x");
  std::filesystem::create_directory_symlink(real / "a", real / "link");
  EXPECT_EQ(file_key((real / "link/x.txt").string()),
            (real / "a/x.txt").string());
  EXPECT_EQ(file_key((real / "link/../a/./x.txt").string()),
            (real / "a/x.txt").string());
}

}  // namespace
}  // namespace lede::indexer
