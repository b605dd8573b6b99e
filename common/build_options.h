#pragma once
// How build_query() (common/query_build.h) reads a query: the options of
// lede-query that change which Xapian query a text becomes. Plain data with
// no Xapian, so that the search request (query/request.h) can hold it
// without bringing Xapian to the printers.
#include <cstddef>
#include <cstdint>
#include <string>
#include <vector>

namespace lede {

// lede's BM25: Xapian's BM25Weight(k1, 0, k3, b, min_normlen)
// (bm25_weight() in common/phrase_weight.h).
struct Bm25Params {
  double k1 = 1.2;
  double b = 0.75;
  // Query-term frequency saturation: a word said twice weighs
  // (k3 + 1) * 2 / (k3 + 2) = 4/3 of once (Xapian's default k3).
  static constexpr double kK3 = 1;
  static constexpr double kMinNormlen = 0.5;  // Xapian's default
};

struct BuildOptions {
  bool plain = false;      // --plain: no syntax, every word a literal
  bool match_any = false;  // --or: rank documents matching any word
  // A wildcard may expand to at most this many words (0: no limit); more
  // is a QuerySyntaxError, never a silent truncation.
  std::size_t max_wildcard_terms = 1000;
  // When > 0, each word and phrase searched in title and body also matches
  // the title alone with its weight scaled by this factor (OR-ed in).
  // 0 builds no title clause (the title already counts lede.title_weight
  // times in the title-and-body terms).
  double title_boost = 0;
  // When > 0 (and phrases are ranked), each two words side by side in the
  // query ("crude oil prices": "crude oil", "oil prices") also rank the
  // documents where they occur as that phrase, the phrase's weight scaled
  // by this factor; the words still decide what matches.
  double pair_weight = 0;

  // Set by the searcher, not by an option of their own. With a database,
  // phrases (outside title:) rank by how often they occur, weighed as one
  // term with these BM25 parameters, which must be the search's
  // (common/phrase_weight.h); without a database, or with rank_phrases
  // false, a phrase weighs as the sum of its words.
  bool rank_phrases = true;
  Bm25Params bm25;
  // The database's title weight (index_meta.h), for phrases in the title.
  std::uint32_t title_weight = 1;
  // The names of the fields the database defines (index_meta.h
  // IndexSettings::fields), which `name:value` may search.
  std::vector<std::string> user_fields;
};

}  // namespace lede
