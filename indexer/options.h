#pragma once
// lede-index's command line: CLI11 -> IndexOptions. Validation only; no
// files are opened here.
#include <CLI/CLI.hpp>

#include <string>
#include <vector>

namespace lede::indexer {

struct IndexOptions {
  std::vector<std::string> paths;     // files and folders to index
  std::string db;                     // --db, else $LEDE_DB, else ./lede.db
  std::string language = "english";  // --language (stemmer)
  bool language_given = false;
  unsigned title_weight = 3;          // --title-weight
  bool title_weight_given = false;
  std::string format = "auto";        // --format
  bool quiet = false;                 // -q
};

// Registers lede-index's options on `app`, writing into `*options`.
void add_index_options(CLI::App* app, IndexOptions* options);

// The database path: --db, else $LEDE_DB, else "lede.db".
std::string resolve_db_path(const std::string& flag);

}  // namespace lede::indexer
