#pragma once
// What a lede database says about itself: the schema version and the
// analyzer settings it was built with, stored as Xapian metadata by
// lede-index and read back by lede-query, which builds its analyzer from
// them (the query side has no analyzer options). Also the one place that
// turns "cannot open that database" into a message a user can act on.
#include <xapian.h>

#include <string>
#include <vector>

#include "common/analyzer.h"
#include "common/document_data.h"
#include "common/schema.h"

namespace lede {

struct IndexSettings {
  AnalyzerConfig analyzer;
  // How many times a title word counts in the combined title+body terms
  // (its within-document frequency increment). Body words count once.
  unsigned title_weight = 3;
  // The fields defined with --field NAME=KEY (schema.h UserField); the
  // i-th has the value slot kSlotFirstUserField + i.
  std::vector<UserField> fields;
  // How many shards the database is split into (lede-index --shards): each
  // document lives in shard indexer::shard_of(its id term, shards). How the
  // documents are laid out, not how they are analysed: databases searched
  // together (common/DatabaseSet) may differ in it.
  unsigned shards = 1;

  bool operator==(const IndexSettings&) const = default;
};

// Stores `settings`, kSchemaVersion and the version of lede writing it in
// `db`'s metadata (not committed).
void write_index_settings(Xapian::WritableDatabase* db,
                          const IndexSettings& settings);

// Reads the settings of a lede database. Throws lede::Error naming `path`
// when the database is not a lede database or has another schema or
// analyzer version. An empty database without settings is not an error:
// the result has has_settings == false.
struct StoredSettings {
  bool has_settings = false;
  IndexSettings settings;
};
StoredSettings read_index_settings(const Xapian::Database& db,
                                   const std::string& path);

// Whether the folder `dir` holds a database: a lede database (its stub
// file, XAPIANDB: indexer/database_dir.h) or a plain Xapian one (the file
// each backend keeps in its folder: iamglass, iamhoney, iamchert). The one
// rule by which lede-index never reads a database as input, refuses to
// write into a plain Xapian one, and lede-query opens a folder.
[[nodiscard]] bool is_database_folder(const std::string& dir);

// Why `path` cannot be a lede database, from what is on disk alone: a
// file ("'x.jsonl' is a file, not a lede database ..."), or a folder inside
// a lede database (a generation such as DB/gen-1, or its stub: "... is
// part of the lede database 'DB'; give --db DB"). "" otherwise (a folder,
// or nothing yet). Both binaries check --db with it first.
[[nodiscard]] std::string database_path_problem(const std::string& path);

// The first half of database_path_problem(): why `path`, a file or folder
// inside a lede database (its stub, a generation, a shard), cannot be
// opened on its own. "" otherwise. A stub file given to lede-query is
// checked with it (a stub of one's own is a file).
[[nodiscard]] std::string part_of_database_problem(const std::string& path);

// Opens the lede database at `path` for reading and validates its settings.
// Throws lede::Error with a one-line message for a missing path, a path that
// is not a lede database (database_path_problem(), a folder without a
// database), a database of another schema version, or one that is locked
// or being rewritten in a way that prevents reading. A stub that lede-index
// switches while the database opens (removing the generations it listed)
// is followed: it opens what the new stub lists.
struct OpenedDatabase {
  Xapian::Database db;
  IndexSettings settings;
  DataReader data = DataReader();  // reads db's document data (document_data.h)
};
OpenedDatabase open_for_reading(const std::string& path);

// `db`, already opened (a remote database, say), read as a lede database:
// its settings and the dictionaries of its document data are metadata.
// Throws lede::Error naming `name` when it holds no lede settings.
OpenedDatabase read_opened(Xapian::Database db, const std::string& name);

}  // namespace lede
