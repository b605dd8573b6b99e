// Query descriptions for literals, and agreement with indexing: a term the
// indexer adds is the term the query side asks for.
#include "common/terms.h"

#include <gtest/gtest.h>

#include "common/schema.h"

namespace lede {
namespace {

std::string describe(Field field, const std::string& text, Match match) {
  Analyzer a;
  return literal_query(field, text, match, &a).get_description();
}

TEST(LiteralQuery, SingleWordIsStemmed) {
  EXPECT_EQ(describe(Field::kAll, "Partnering", Match::kStemmed),
            "Query(Zpartner@1)");
  EXPECT_EQ(describe(Field::kAll, "partner", Match::kStemmed),
            "Query(Zpartner@1)");
}

// "agreed" stems to "agre", but the word "agre" stems to "agr": a title
// with the word "agre" has no word whose stem is "agre".
TEST(LiteralQuery, StemThatIsNotItsOwnStemAsksOnlyForTheStemTerm) {
  EXPECT_EQ(describe(Field::kTitle, "agreed", Match::kStemmed),
            "Query(ZSagre@1)");
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

// A CJK word is its bigrams in a row, or the dictionary word itself.
TEST(LiteralQuery, ChineseWordsBecomeAPhraseOfBigrams) {
  EXPECT_EQ(describe(Field::kAll, "北京", Match::kStemmed), "Query(北京@1)");
  EXPECT_EQ(describe(Field::kAll, "市政府", Match::kStemmed),
            "Query(((市政@1 PHRASE 2 政府@2) OR 市政府@1))");
  EXPECT_EQ(describe(Field::kAll, "患者数据", Match::kStemmed),
            "Query((患者@1 PHRASE 3 者数@2 PHRASE 3 数据@3))");
  EXPECT_EQ(describe(Field::kTitle, "人", Match::kStemmed), "Query(S人@1)");
}

TEST(LiteralQuery, FieldsUseTheirPrefix) {
  EXPECT_EQ(describe(Field::kTitle, "partners", Match::kStemmed),
            "Query((ZSpartner@1 SYNONYM Spartner@1))");
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

// "term:wdf " for each term of `doc`, in term order.
std::string terms_and_wdf(const Xapian::Document& doc) {
  std::string terms;
  for (auto it = doc.termlist_begin(); it != doc.termlist_end(); ++it) {
    terms += *it + ":" + std::to_string(it.get_wdf()) + " ";
  }
  return terms;
}

TEST(IndexTokens, EveryWordHasAStemTerm) {
  Analyzer a;
  std::vector<Token> tokens;
  a.analyze("Partners’ e-mails partner", &tokens);
  Xapian::Document doc;
  index_tokens(&doc, Field::kAll, tokens, &a, 2);
  const std::string terms = terms_and_wdf(doc);
  EXPECT_EQ(terms,
            "Ze:2 Zemail:2 Zmail:2 Zpartner:4 e:2 emails:2 mails:2 partner:2 "
            "partners:2 ");
  auto pos = doc.termlist_begin();
  pos.skip_to("emails");
  EXPECT_EQ(*pos.positionlist_begin(), 2u);  // the first part's position
}

TEST(IndexTokens, TitleStemTermsOnlyWhereTheStemDiffers) {
  Analyzer a;
  std::vector<Token> tokens;
  a.analyze("Partners partner", &tokens);
  Xapian::Document doc;
  index_tokens(&doc, Field::kTitle, tokens, &a);
  const std::string terms = terms_and_wdf(doc);
  EXPECT_EQ(terms, "Spartner:1 Spartners:1 ZSpartner:1 ");
}

// CJK: bigrams with positions (phrases are made of them), dictionary words
// beside them without (only ever searched whole), and no stem terms.
TEST(IndexTokens, CjkBigramsHavePositionsTheirWordsNone) {
  Analyzer a;
  std::vector<Token> tokens;
  a.analyze("北京市政府", &tokens);
  Xapian::Document doc;
  index_tokens(&doc, Field::kAll, tokens, &a);
  EXPECT_EQ(terms_and_wdf(doc), "京市:1 北京:1 北京市:1 市政:1 政府:1 ");
  for (auto it = doc.termlist_begin(); it != doc.termlist_end(); ++it) {
    EXPECT_EQ(it.positionlist_count(), *it == "北京市" ? 0u : 1u) << *it;
  }
}

TEST(IndexTokens, OneWordHasNoPositions) {
  Analyzer a;
  for (const char* text : {"Reuters", "e-mail", "Stat News"}) {
    std::vector<Token> tokens;
    a.analyze(text, &tokens);
    Xapian::Document doc;
    index_tokens(&doc, Field::kSource, tokens, &a);
    bool any = false;
    for (auto it = doc.termlist_begin(); it != doc.termlist_end(); ++it) {
      any = any || it.positionlist_count() > 0;
    }
    EXPECT_EQ(any, tokens.size() > 1) << text;
  }
}

// Whether a title phrase can be answered from the title+body positions.
TEST(TitleNeedsPositions, ARunOfTitleWordsTheTitleDoesNotHave) {
  struct Row {
    const char* title;
    const char* body;
    bool needs;
  };
  const Row rows[] = {
      {"Mayo Clinic partners", "The Mayo Clinic said", false},
      {"Mayo Clinic partners", "the clinic of Mayo", false},  // runs of one
      {"Clinic opens in Mayo", "The Mayo Clinic said", true},
      {"Flu", "flu flu", true},                     // "flu flu"
      {"Breast cancer risk test", "Breast cancer risk test http://x.y", false},
      {"E-mail scam", "an email scam", true},       // "email scam"
      {"Scam", "e-mail scam", false},
      {"E-mail", "e-mail now", true},              // a compound title word
      {"", "anything at all", false},
  };
  Analyzer a;
  for (const Row& r : rows) {
    std::vector<Token> title;
    std::vector<Token> body;
    const std::uint32_t next = a.analyze(r.title, &title) + kBodyPositionGap;
    a.analyze(r.body, &body, next);
    EXPECT_EQ(title_needs_positions(title, body), r.needs)
        << r.title << " / " << r.body;
  }
}

// Whatever the indexer adds for a word, the query for that word's surface
// form finds the document.
TEST(Agreement, QueryForAWordFindsItsDocument) {
  const char* texts[] = {"Mayo Clinic’s", "Zürich", "Straße", "COVID-19",
                         "U.S.", "患者数据", "ﬁnancial", "1980s", "$5",
                         "partner", "partners", "agreed", "agre"};
  Analyzer a;
  for (const char* text : texts) {
    std::vector<Token> tokens;
    a.analyze(text, &tokens);
    Xapian::Document doc;
    index_tokens(&doc, Field::kAll, tokens, &a);
    Xapian::WritableDatabase db("", Xapian::DB_BACKEND_INMEMORY);
    db.add_document(doc);
    for (Match m : {Match::kStemmed, Match::kExact}) {
      Xapian::Enquire enquire(db);
      enquire.set_query(literal_query(Field::kAll, text, m, &a));
      EXPECT_EQ(enquire.get_mset(0, 10).size(), 1u) << text;
    }
  }
}

// A stemmed word finds every inflection, and nothing else: the documents
// found for a word are those with a word of the same stem.
TEST(Agreement, StemmedWordFindsExactlyTheWordsWithItsStem) {
  const char* docs[] = {"partner", "partners", "partnering", "part",
                        "agreed", "agree", "agre", "agr"};
  Analyzer a;
  Xapian::WritableDatabase db("", Xapian::DB_BACKEND_INMEMORY);
  for (const char* text : docs) {
    std::vector<Token> tokens;
    a.analyze(text, &tokens);
    Xapian::Document doc;
    index_tokens(&doc, Field::kAll, tokens, &a);
    doc.set_data(text);
    db.add_document(doc);
  }
  for (const char* query : docs) {
    std::string want;
    for (const char* text : docs) {
      if (a.stem(text) == a.stem(query)) want += std::string(text) + " ";
    }
    Xapian::Enquire enquire(db);
    enquire.set_query(literal_query(Field::kAll, query, Match::kStemmed, &a));
    enquire.set_docid_order(Xapian::Enquire::ASCENDING);
    enquire.set_weighting_scheme(Xapian::BoolWeight());
    std::string got;
    const Xapian::MSet mset = enquire.get_mset(0, 100);
    for (auto d = mset.begin(); d != mset.end(); ++d) {
      got += d.get_document().get_data() + " ";
    }
    EXPECT_EQ(got, want) << query;
  }
}

}  // namespace
}  // namespace lede
