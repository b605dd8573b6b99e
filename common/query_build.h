#pragma once
// A user's query string -> the Xapian query to run and what to highlight.
// Literals go through the same Analyzer and terms functions as indexing
// (common/terms.h), so the query asks for exactly the terms that were
// indexed. No output and no database writes here.
#include <xapian.h>

#include <cstddef>
#include <string>
#include <string_view>
#include <vector>

#include "common/analyzer.h"
#include "common/error.h"
#include "common/snippet.h"

namespace lede {

// A query that cannot be run as written. `column` is 1-based, counted in
// characters of `query`; what() is the one-line message without position.
class QuerySyntaxError : public UsageError {
 public:
  QuerySyntaxError(const std::string& message, std::string query,
                   std::size_t column)
      : UsageError(message), query_(std::move(query)), column_(column) {}
  [[nodiscard]] const std::string& query() const { return query_; }
  [[nodiscard]] std::size_t column() const { return column_; }

  // "lede-query: <message> at column N\n  <query>\n  <spaces>^\n"
  [[nodiscard]] std::string render(std::string_view program) const;

 private:
  std::string query_;
  std::size_t column_;
};

struct BuildOptions {
  bool plain = false;      // --plain: no syntax, every word a literal
  bool match_any = false;  // --or: rank documents matching any word
};

struct BuiltQuery {
  Xapian::Query query;
  std::vector<HighlightTerm> highlights;  // for snippets and titles
  std::string tree;                       // the parsed query, for --show-query
};

// Parses and builds `text`. `db` is used to expand wildcards (may be null
// when the query has none). Throws QuerySyntaxError for bad syntax and
// lede::UsageError for a query with nothing searchable in it.
BuiltQuery build_query(std::string_view text, const BuildOptions& options,
                       Analyzer* analyzer, const Xapian::Database* db);

}  // namespace lede
