#pragma once
// lede-query's command line: CLI11 -> QueryOptions. Validation only: no
// database is opened and nothing is printed here. The domain types the
// options fill (the search request, formats, sort orders, facets) are in
// query/request.h, which does not include CLI11. The help text is the
// user-facing reference for each option; man/lede-query.1 repeats it.
#include <CLI/CLI.hpp>

#include <string>
#include <vector>

#include "query/request.h"

namespace lede::query {

struct QueryOptions {
  std::vector<std::string> words;  // the query, as one or more arguments
  std::vector<std::string> dbs;    // --db (repeatable), else $LEDE_DB,
                                   // else ./lede.db

  // What to search for and how to rank it: every option that only changes
  // the search writes straight into this (query/request.h has the
  // defaults). run() fills in query, qid, count_only and want_text.
  SearchRequest search;

  // Output.
  Format format = Format::kText;  // --format
  bool count = false;             // --count: only the number of matches
  std::string color = "auto";     // --color: auto, always, never
  bool timing = false;            // --timing: per-query times on stderr

  // Modes other than one query from the arguments.
  bool batch = false;  // --batch: queries from standard input
  bool stats = false;  // --stats: describe the database instead
  std::string show;    // --show ID: print that stored article instead
  std::size_t context = kAllParagraphs;  // --context N (with --show)
  bool no_pager = false;                 // --no-pager (with --show)
};

// Registers lede-query's options on `app`, writing into `*options`.
// Cross-option rules that CLI11 cannot express are checked by
// validate_options() after parsing.
void add_query_options(CLI::App* app, QueryOptions* options);

// What to tell a user whose command line CLI11 refused: its own words,
// except for a numeric option whose value is not a number at all ("--limit
// must be a number from 0 to 1000000, not 'ten'", where CLI11 says "Could
// not convert: --limit = ten"), said as validate_options() says a number
// out of range.
std::string parse_error_message(const CLI::ParseError& error);

// Throws lede::UsageError (one line) when the parsed options contradict
// each other: no query without --batch or --stats, a query with them,
// --facet with a format that cannot show facets, and so on.
void validate_options(const QueryOptions& options);

// The query words joined with single spaces.
std::string joined_query(const QueryOptions& options);

// The databases to search: the --db values, else the one the common rule
// gives (common/database_path.h).
std::vector<std::string> database_paths(const QueryOptions& options);

}  // namespace lede::query
