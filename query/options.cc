#include "query/options.h"

#include <cstdlib>

namespace lede::query {

void add_query_options(CLI::App* app, QueryOptions* o) {
  app->add_option("query", o->words,
                  "The query (several arguments are joined with spaces)")
      ->required();
  app->add_option("--db", o->db,
                  "Database directory (default: $LEDE_DB, else ./lede.db)");
  app->add_option("-n,--limit", o->limit, "Show at most N results");
  app->add_option("--offset", o->offset, "Skip the first N results");
  app->add_option("-f,--format", o->format, "Output format: text, jsonl")
      ->check(CLI::IsMember({"text", "jsonl"}));
  app->add_option("--color", o->color, "Colour: auto, always, never")
      ->check(CLI::IsMember({"auto", "always", "never"}));
  app->add_option("--snippets", o->snippets, "Fragments per result");
  app->add_option("--snippet-length", o->snippet_length,
                  "About this many characters per fragment");
}

std::string resolve_db_path(const std::string& flag) {
  if (!flag.empty()) return flag;
  if (const char* env = std::getenv("LEDE_DB"); env != nullptr && *env) {
    return env;
  }
  return "lede.db";
}

}  // namespace lede::query
