#include "indexer/options.h"

#include <cstdlib>

namespace lede::indexer {

void add_index_options(CLI::App* app, IndexOptions* o) {
  app->add_option("paths", o->paths,
                  "Files and folders to index (folders recursively)")
      ->required();
  app->add_option("--db", o->db,
                  "Database directory (default: $LEDE_DB, else ./lede.db)");
  app->add_option("--language", o->language,
                  "Stemming language for a new database, or 'none'")
      ->each([o](const std::string&) { o->language_given = true; });
  app->add_option("--title-weight", o->title_weight,
                  "How many times a title word counts against a body word")
      ->check(CLI::Range(1u, 100u))
      ->each([o](const std::string&) { o->title_weight_given = true; });
  app->add_option("--format", o->format,
                  "Input format: auto, text, markdown, html, jsonl");
  app->add_flag("-q,--quiet", o->quiet, "Print nothing but errors");
}

std::string resolve_db_path(const std::string& flag) {
  if (!flag.empty()) return flag;
  if (const char* env = std::getenv("LEDE_DB"); env != nullptr && *env) {
    return env;
  }
  return "lede.db";
}

}  // namespace lede::indexer
