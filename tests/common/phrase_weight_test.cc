// Phrases ranked by how often they occur (common/phrase_weight.h): the
// counting, the statistics, and the weight, checked against Xapian's own
// BM25Weight for a term that occurs exactly where the phrase does.
#include "common/phrase_weight.h"

#include <gtest/gtest.h>

#include <map>
#include <sstream>
#include <string>
#include <vector>

namespace lede {
namespace {

// A document of the given words at positions 1, 2, 3 ... For every
// occurrence of "crude oil" it also holds the term "Xcrudeoil", so that
// its wdf is the phrase's frequency: what a term for the phrase would be.
Xapian::Document doc_of(const std::string& text) {
  Xapian::Document doc;
  std::istringstream in(text);
  std::string w, previous;
  Xapian::termpos pos = 0;
  while (in >> w) {
    doc.add_posting(w, ++pos);
    if (previous == "crude" && w == "oil") doc.add_term("Xcrudeoil");
    previous = w;
  }
  return doc;
}

const std::vector<std::string> kCrudeOil = {"crude", "oil"};

Xapian::WritableDatabase db_of(const std::vector<std::string>& texts) {
  Xapian::WritableDatabase db(std::string(), Xapian::DB_BACKEND_INMEMORY);
  for (const std::string& t : texts) db.add_document(doc_of(t));
  return db;
}

const std::vector<std::string> kTexts = {
    "crude oil prices rose as crude oil stocks fell crude oil",
    "crude crude crude crude palm oil soy oil crude oil rape oil crude",
    "the price of crude was flat and oil was up",
    "oil crude oil",
    "weather was sunny",
    "crude oil",
};

// docid -> weight of every match.
std::map<Xapian::docid, double> weights(const Xapian::Database& db,
                                        const Xapian::Query& q,
                                        const Bm25Params& params) {
  Xapian::Enquire enquire(db);
  enquire.set_query(q);
  enquire.set_weighting_scheme(bm25_weight(params));
  std::map<Xapian::docid, double> out;
  const Xapian::MSet m = enquire.get_mset(0, db.get_doccount());
  for (auto it = m.begin(); it != m.end(); ++it) out[*it] = it.get_weight();
  return out;
}

TEST(PhraseFrequency, CountsEveryOccurrenceInOrder) {
  const Xapian::WritableDatabase db = db_of(kTexts);
  EXPECT_EQ(phrase_frequency(db, 1, kCrudeOil), 3u);
  EXPECT_EQ(phrase_frequency(db, 2, kCrudeOil), 1u);
  EXPECT_EQ(phrase_frequency(db, 3, kCrudeOil), 0u);  // both words, apart
  EXPECT_EQ(phrase_frequency(db, 4, kCrudeOil), 1u);  // "oil crude" is not it
  EXPECT_EQ(phrase_frequency(db, 5, kCrudeOil), 0u);  // neither word
  // Overlapping occurrences of a phrase of one repeated word count each.
  const Xapian::WritableDatabase again = db_of({"no no no yes no"});
  EXPECT_EQ(phrase_frequency(again, 1, {"no", "no"}), 2u);
  EXPECT_EQ(phrase_frequency(again, 1, {"no", "no", "no"}), 1u);
}

// Occurrences before the title's end count the title weight each, as a
// title's words do; the source applies it only to documents with the
// title span's marker (the title form of the first word).
TEST(PhraseFrequency, TitleOccurrencesCountTheTitleWeight) {
  Xapian::WritableDatabase db(std::string(), Xapian::DB_BACKEND_INMEMORY);
  for (const bool titled : {true, false}) {
    // "crude oil" at 1-2 (the title, or the start of an untitled body)
    // and at 200-201.
    Xapian::Document doc;
    doc.add_posting("crude", 1);
    doc.add_posting("oil", 2);
    doc.add_posting("crude", 200);
    doc.add_posting("oil", 201);
    if (titled) doc.add_term("Scrude");
    db.add_document(doc);
  }
  EXPECT_EQ(phrase_frequency(db, 1, kCrudeOil), 2u);
  EXPECT_EQ(phrase_frequency(db, 1, kCrudeOil, 100, 3), 4u);
  const Bm25Params params;
  const auto w = weights(
      db, phrase_frequency_query(kCrudeOil, db, params, 1, 1,
                                 TitleSpan{"Scrude", 100, 3}),
      params);
  ASSERT_EQ(w.size(), 2u);
  EXPECT_GT(w.at(1), w.at(2));  // 4 against 2: same length, more weight
}

TEST(PhraseFrequency, StatsCountDocumentsOrEstimatePastTheLimit) {
  const Xapian::WritableDatabase db = db_of(kTexts);
  const PhraseStats s = phrase_stats(db, kCrudeOil);
  EXPECT_EQ(s.documents, 6u);
  EXPECT_EQ(s.termfreq, 4u);  // documents 1, 2, 4, 6
  EXPECT_TRUE(s.exact);
  EXPECT_DOUBLE_EQ(s.average_length, db.get_avlength());
  // "crude" (the rarer word: 5 documents) is the candidates' list; after 2
  // of them (documents 1 and 2, both holding the phrase) the count is
  // extrapolated: 2 of 2 checked, so all 5.
  const PhraseStats est = phrase_stats(db, kCrudeOil, 2);
  EXPECT_FALSE(est.exact);
  EXPECT_EQ(est.termfreq, 5u);
  EXPECT_EQ(phrase_stats(db, {"crude", "gold"}).termfreq, 0u);
}

// The phrase weighs exactly as a term occurring wherever the phrase does
// ("Xcrudeoil": same documents, same wdf, same document lengths), for the
// default parameters and others, and with a within-query frequency.
TEST(PhraseFrequency, WeighsAsBm25OfATermForThePhrase) {
  const Xapian::WritableDatabase db = db_of(kTexts);
  for (const Bm25Params params :
       {Bm25Params{}, Bm25Params{2.0, 0.3}, Bm25Params{1.2, 0}}) {
    for (const Xapian::termcount wqf : {1u, 2u}) {
      const auto phrase =
          weights(db, phrase_frequency_query(kCrudeOil, db, params, wqf),
                  params);
      const auto term =
          weights(db, Xapian::Query("Xcrudeoil", wqf), params);
      ASSERT_EQ(phrase.size(), 4u);
      ASSERT_EQ(term.size(), phrase.size());
      for (const auto& [did, w] : term) {
        EXPECT_NEAR(phrase.at(did), w, 1e-12) << "document " << did;
      }
    }
  }
}

// The story that says "crude oil" three times outranks the table that says
// "crude" six times and the phrase once; weighed by its words (OP_PHRASE)
// it is the other way round.
TEST(PhraseFrequency, PhraseCountsNotItsWords) {
  const Xapian::WritableDatabase db = db_of(kTexts);
  const Bm25Params params;
  const auto by_phrase =
      weights(db, phrase_frequency_query(kCrudeOil, db, params), params);
  EXPECT_GT(by_phrase.at(1), by_phrase.at(2));
  const auto by_words = weights(
      db,
      Xapian::Query(Xapian::Query::OP_PHRASE, kCrudeOil.begin(),
                    kCrudeOil.end(), 2),
      params);
  EXPECT_GT(by_words.at(2), by_words.at(1));
}

// A database of two shards ranks as one database holding both: Xapian
// clones the source for each shard, and the statistics are the whole's.
TEST(PhraseFrequency, ShardsWeighAsOneDatabase) {
  const std::vector<std::string> first(kTexts.begin(), kTexts.begin() + 3);
  const std::vector<std::string> second(kTexts.begin() + 3, kTexts.end());
  Xapian::Database both;
  both.add_database(db_of(first));
  both.add_database(db_of(second));
  const Xapian::WritableDatabase one = db_of(kTexts);
  const Bm25Params params;
  const auto sharded =
      weights(both, phrase_frequency_query(kCrudeOil, both, params), params);
  const auto single =
      weights(one, phrase_frequency_query(kCrudeOil, one, params), params);
  // Shard docids interleave: document i of shard s is (i - 1) * 2 + s + 1.
  ASSERT_EQ(sharded.size(), 4u);
  EXPECT_NEAR(sharded.at(1), single.at(1), 1e-12);  // shard 1, doc 1
  EXPECT_NEAR(sharded.at(3), single.at(2), 1e-12);  // shard 1, doc 2
  EXPECT_NEAR(sharded.at(2), single.at(4), 1e-12);  // shard 2, doc 1
  EXPECT_NEAR(sharded.at(6), single.at(6), 1e-12);  // shard 2, doc 3
}

}  // namespace
}  // namespace lede
