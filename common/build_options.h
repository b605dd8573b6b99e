#pragma once
// How build_query() (common/query_build.h) reads a query: the options of
// lede-query that change which Xapian query a text becomes. Plain data with
// no Xapian, so that the search request (query/request.h) can hold it
// without bringing Xapian to the printers.
#include <cstddef>

namespace lede {

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
};

}  // namespace lede
