#pragma once
// lede-index's command line: CLI11 -> IndexOptions. Validation only (sizes,
// ranges, format names, --field syntax); no files or databases are opened
// here, so tests can parse argv vectors in process.
#include <CLI/CLI.hpp>

#include <cstdint>
#include <string>
#include <vector>

#include "indexer/formats.h"

namespace lede::indexer {

struct IndexOptions {
  // Inputs.
  std::vector<std::string> paths;     // files and folders; "-" = JSONL on stdin
  std::vector<std::string> include;   // --include GLOB (repeatable)
  std::vector<std::string> exclude;   // --exclude GLOB (repeatable)
  bool hidden = false;                // --hidden: enter dot-files/folders
  bool follow_symlinks = false;       // --follow-symlinks
  std::string format = "auto";        // --format
  FieldMap fields;                    // --field NAME=KEY (repeatable)
  std::uint64_t max_file_size = 64ull << 20;  // --max-file-size (bytes)

  // The database.
  std::string db;                     // --db, else $LEDE_DB, else ./lede.db
  std::string language = "english";   // --language (stemmer), new databases
  bool language_given = false;
  unsigned title_weight = 3;          // --title-weight
  bool title_weight_given = false;
  bool prune = false;                 // --prune
  bool rebuild = false;               // --rebuild
  bool compact = false;               // --compact
  unsigned shards = 1;                // --shards N (stored in the database)
  bool shards_given = false;
  double wait_seconds = 0;            // --wait SECONDS for the lock

  // Speed.
  unsigned jobs = 0;                  // --jobs; 0 = all cores
  unsigned batch_docs = 1000;         // --batch-docs: commit every N docs
  unsigned batch_mb = 64;             // --batch-mb: ... or N MB of text

  // Output.
  bool quiet = false;                 // -q
  bool json = false;                  // --json: summary as JSON on stdout
  bool version = false;               // --version
};

// Registers lede-index's options on `app`, writing into `*options`, in
// groups for --help. Values are checked as they are parsed: a bad size,
// format name or --field throws CLI::ValidationError (exit 2 in run_main).
void add_index_options(CLI::App* app, IndexOptions* options);

// Throws lede::UsageError (one line) when the parsed options contradict
// each other or name what does not exist: no paths without --compact, "-"
// twice, --rebuild or --prune without paths, an unknown --language or
// --format. Opens nothing (the database path is checked when it is
// opened).
void validate_options(const IndexOptions& options);

// The number of worker threads --jobs asks for (0 -> all cores, at least 1).
unsigned resolve_jobs(unsigned jobs);

}  // namespace lede::indexer
