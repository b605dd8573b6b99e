#pragma once
// What a search returns, as plain data: the seam between the searcher
// (which knows Xapian) and the printers (which know output formats).
#include <cstddef>
#include <string>
#include <vector>

#include "common/schema.h"
#include "common/snippet.h"

namespace lede::query {

struct Hit {
  std::size_t rank = 0;   // 1-based, counting --offset
  double score = 0;       // BM25 weight
  Article article;        // as stored (body is the snippet source)
  Snippet title;          // the title with its matches highlighted
  std::vector<Snippet> snippets;
};

struct SearchSummary {
  std::string query;           // as the user typed it
  std::size_t total = 0;       // matching documents
  bool total_exact = true;     // false when `total` is Xapian's estimate
  double seconds = 0;          // time spent searching and building snippets
};

}  // namespace lede::query
