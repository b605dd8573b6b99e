#pragma once
// Proximity rescoring (--proximity): the first hits of the BM25 ranking
// gain a weight for the query's words found close together, in the
// query's order, and are sorted again. For each two words side by side in
// the query, a then b (distinct, each in some document), every b that
// follows an a at d positions (0 < d <= kProximityWindow) adds 1 / d^2 to
// the pair's count in the document, acc; then
//
//   prox(doc) = sum over the pairs  (idf_a + idf_b) * (k1 + 1) * acc / (K + acc)
//
// with the search's BM25 k1 and K = k1 * ((1 - b) + b * max(length /
// average length, 0.5)), and idf as Xapian's BM25Weight computes it. This
// is BM25's weight of a term whose frequency is acc, the pair weighed as
// if its two words occurred independently (the rarity of the pair
// estimated from its words', not counted from the whole database as
// --pair-weight does), in the manner of Rasolofo and Savoy's BM25TP
// (ECIR 2003) with Metzler and Croft's ordered pairs of neighbouring query
// words (SIGIR 2005). A hit's score becomes BM25 + weight * prox(doc): it
// never falls, so the rescored hits stay above the rest.
//
// Only words as written have positions (common/terms.h), so an inflection
// ("prices" for "price") counts in BM25 but not here. Chosen on the
// training queries: bench/relevance/README.md.
#include <xapian.h>

#include <string>
#include <utility>
#include <vector>

#include "common/build_options.h"
#include "query/request.h"

namespace lede::query {

// BM25's idf as Xapian's BM25Weight computes it (bm25weight.cc): the
// Robertson/Sparck Jones weight, damped below 2 so that a word in most
// documents keeps a small positive weight. The proximity pairs and
// --explain both use it.
[[nodiscard]] double bm25_idf(const Xapian::Database& db,
                              Xapian::doccount termfreq);

class ProximityScorer {
 public:
  // `terms`: the terms of the query's words in query order, as indexed
  // with positions (repeats allowed).
  ProximityScorer(const Xapian::Database& db,
                  const std::vector<std::string>& terms,
                  const Bm25Params& bm25);

  // Whether the query has a pair to score (two different words side by
  // side, both in the database).
  [[nodiscard]] bool active() const { return !pairs_.empty(); }

  // prox(did) above: 0 when no pair is close together in the document.
  [[nodiscard]] double score(Xapian::docid did);

 private:
  struct Pair {
    unsigned first, second;  // indexes into terms_
    double idf;              // idf_first + idf_second
  };
  const Xapian::Database& db_;
  std::vector<std::string> terms_;  // distinct, in the pairs
  std::vector<Pair> pairs_;         // distinct
  std::vector<char> in_pair_;       // per term: whether a pair has it
  Bm25Params bm25_;
  double average_length_;
  // Scratch, reused from one document to the next: (position, term) and
  // each ordered (first, second) count at first * terms_.size() + second.
  std::vector<std::pair<Xapian::termpos, unsigned>> positions_;
  std::vector<double> acc_;
};

}  // namespace lede::query
