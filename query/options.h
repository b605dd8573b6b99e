#pragma once
// lede-query's command line: CLI11 -> QueryOptions. Validation only: no
// database is opened and nothing is printed here. The help text is the
// user-facing reference for each option; man/lede-query.1 repeats it.
#include <CLI/CLI.hpp>

#include <cstddef>
#include <string>
#include <vector>

#include "common/query_build.h"

namespace lede::query {

// One --facet: the value slot it counts.
enum class FacetKind { kSource, kAuthor, kYear, kMonth, kTag };

// "source", "author", "year", "month", "tag".
[[nodiscard]] const char* facet_name(FacetKind kind);

enum class SortOrder { kRelevance, kNewest, kOldest };

enum class Format { kText, kJson, kJsonl, kTsv, kPaths, kPaths0, kTrec };

struct QueryOptions {
  std::vector<std::string> words;  // the query, as one or more arguments
  std::string db;                  // --db, else $LEDE_DB, else ./lede.db

  // Query interpretation.
  bool plain = false;      // --plain: no query syntax, only words
  bool match_any = false;  // --or: documents matching any word
  // --max-wildcard: a prefix* may expand to at most this many words.
  std::size_t max_wildcard_terms = BuildOptions{}.max_wildcard_terms;

  // Ranking.
  SortOrder sort = SortOrder::kRelevance;  // --sort
  double bm25_k1 = 1.2;                    // --bm25 K1,B
  double bm25_b = 0.75;
  // --title-boost: extra weight of title matches (0: titles count only
  // through the index's title weight).
  double title_boost = BuildOptions{}.title_boost;
  bool collapse = false;                   // --collapse
  bool explain = false;                    // --explain

  // Output.
  Format format = Format::kText;  // --format
  bool count = false;             // --count: only the number of matches
  std::size_t limit = 10;         // --limit
  std::size_t offset = 0;         // --offset
  std::size_t snippets = 2;       // --snippets: fragments per result
  std::size_t snippet_length = 160;  // --snippet-length, in characters
  std::string color = "auto";     // --color: auto, always, never
  std::vector<FacetKind> facets;  // --facet, in the order given
  std::size_t facet_limit = 10;   // --facet-limit: values per facet
  bool suggest = true;            // off with --no-suggest
  bool show_query = false;        // --show-query
  bool timing = false;            // --timing: per-query times on stderr

  // Modes other than one query from the arguments.
  bool batch = false;  // --batch: queries from standard input
  bool stats = false;  // --stats: describe the database instead
};

// Registers lede-query's options on `app`, writing into `*options`.
// Cross-option rules that CLI11 cannot express are checked by
// validate_options() after parsing.
void add_query_options(CLI::App* app, QueryOptions* options);

// Throws lede::UsageError (one line) when the parsed options contradict
// each other: no query without --batch or --stats, a query with them,
// --facet with a format that cannot show facets, and so on.
void validate_options(const QueryOptions& options);

// The query words joined with single spaces.
std::string joined_query(const QueryOptions& options);

}  // namespace lede::query
