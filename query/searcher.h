#pragma once
// Runs one query against a lede database and returns plain Hit structs.
// Xapian types stop here: printers never see them. No output here.
#include <memory>
#include <string>

#include "common/index_meta.h"
#include "common/snippet.h"
#include "query/hit.h"

namespace lede::query {

struct SearchRequest {
  std::string query;          // the user's query text
  std::size_t limit = 10;     // at most this many hits
  std::size_t offset = 0;     // skip this many first
  SnippetOptions snippets;
};

struct SearchResult {
  SearchSummary summary;
  std::vector<Hit> hits;
};

// Thread safety: one Searcher per thread (it owns an Analyzer).
class Searcher {
 public:
  // Opens the database at `db_path` and builds the analyzer it was indexed
  // with. Throws lede::Error with a one-line message if it cannot.
  explicit Searcher(const std::string& db_path);
  ~Searcher();

  // Throws lede::UsageError for a query that cannot be run as written.
  SearchResult search(const SearchRequest& request);

 private:
  OpenedDatabase opened_;
  std::unique_ptr<Analyzer> analyzer_;
};

}  // namespace lede::query
