#pragma once
// lede-query's command line: CLI11 -> QueryOptions. Validation only.
#include <CLI/CLI.hpp>

#include <string>
#include <vector>

namespace lede::query {

struct QueryOptions {
  std::vector<std::string> words;  // the query, as one or more arguments
  std::string db;                // --db, else $LEDE_DB, else ./lede.db
  std::size_t limit = 10;        // --limit
  std::size_t offset = 0;        // --offset
  std::string format = "text";   // --format: text, jsonl
  std::string color = "auto";    // --color: auto, always, never
  std::size_t snippets = 2;      // --snippets
  std::size_t snippet_length = 160;  // --snippet-length
};

void add_query_options(CLI::App* app, QueryOptions* options);

// The database path: --db, else $LEDE_DB, else "lede.db".
std::string resolve_db_path(const std::string& flag);

}  // namespace lede::query
