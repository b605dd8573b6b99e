// Query descriptions for literals, and agreement with indexing: a term the
// indexer adds is the term the query side asks for.
#include "common/terms.h"

#include <gtest/gtest.h>

namespace lede {
namespace {

std::string describe(Field field, const std::string& text, Match match) {
  Analyzer a;
  return literal_query(field, text, match, &a).get_description();
}

TEST(LiteralQuery, SingleWordIsStemmed) {
  EXPECT_EQ(describe(Field::kAll, "Partnering", Match::kStemmed),
            "Query(Zpartner@1)");
}

TEST(LiteralQuery, ExactWordIsNotStemmed) {
  EXPECT_EQ(describe(Field::kAll, "Partnering", Match::kExact),
            "Query(partnering@1)");
}

TEST(LiteralQuery, PhraseOfUnstemmedTerms) {
  EXPECT_EQ(describe(Field::kAll, "patient data", Match::kExact),
            "Query((patient@1 PHRASE 2 data@2))");
}

TEST(LiteralQuery, HyphenatedWordAlsoMatchesItsCompound) {
  EXPECT_EQ(describe(Field::kAll, "COVID-19", Match::kStemmed),
            "Query(((covid@1 PHRASE 2 19@2) OR covid19@1))");
}

TEST(LiteralQuery, ChineseWordsBecomeAPhrase) {
  EXPECT_EQ(describe(Field::kAll, "患者数据", Match::kStemmed),
            "Query((患者@1 PHRASE 2 数据@2))");
}

TEST(LiteralQuery, FieldsUseTheirPrefix) {
  EXPECT_EQ(describe(Field::kTitle, "partners", Match::kStemmed),
            "Query(ZSpartner@1)");
  EXPECT_EQ(describe(Field::kAuthor, "Pearson", Match::kStemmed),
            "Query(Apearson@1)");
  EXPECT_EQ(describe(Field::kSource, "Stat", Match::kStemmed),
            "Query(XSRCstat@1)");
  EXPECT_EQ(describe(Field::kTag, "AI", Match::kStemmed), "Query(Kai@1)");
}

TEST(LiteralQuery, NothingSearchableIsEmpty) {
  Analyzer a;
  EXPECT_TRUE(literal_query(Field::kAll, "--- 😀", Match::kStemmed, &a).empty());
}

TEST(IndexTokens, StemmedAndUnstemmedTermsWithPositions) {
  Analyzer a;
  std::vector<Token> tokens;
  a.analyze("Partners’ e-mails", &tokens);
  Xapian::Document doc;
  index_tokens(&doc, Field::kAll, tokens, &a, 2);
  std::string terms;
  for (auto it = doc.termlist_begin(); it != doc.termlist_end(); ++it) {
    terms += *it + ":" + std::to_string(it.get_wdf()) + " ";
  }
  EXPECT_EQ(terms,
            "Ze:2 Zemail:2 Zmail:2 Zpartner:2 e:2 emails:2 mails:2 partners:2 ");
  auto pos = doc.termlist_begin();
  pos.skip_to("emails");
  EXPECT_EQ(*pos.positionlist_begin(), 2u);  // the first part's position
}

// Whatever the indexer adds for a word, the query for that word's surface
// form asks for a term the document has.
TEST(Agreement, QueryTermsAreIndexedTerms) {
  const char* texts[] = {"Mayo Clinic’s", "Zürich", "Straße", "COVID-19",
                         "U.S.", "患者数据", "ﬁnancial", "1980s", "$5"};
  Analyzer a;
  for (const char* text : texts) {
    std::vector<Token> tokens;
    a.analyze(text, &tokens);
    Xapian::Document doc;
    index_tokens(&doc, Field::kAll, tokens, &a);
    const Xapian::Query q = literal_query(Field::kAll, text, Match::kStemmed, &a);
    for (auto t = q.get_unique_terms_begin(); t != q.get_unique_terms_end(); ++t) {
      auto it = doc.termlist_begin();
      it.skip_to(*t);
      EXPECT_TRUE(it != doc.termlist_end() && *it == *t)
          << text << ": query term " << *t << " is not indexed";
    }
  }
}

}  // namespace
}  // namespace lede
