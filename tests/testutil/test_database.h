#pragma once
// A lede database written in-process, its documents made exactly as
// lede-index makes them (the indexer's document builder and id terms), for
// the tests of what reads one. Tests of the reading side use this and
// never the indexer's headers or library: this fixture is where they meet.
#include <xapian.h>

#include <string>

#include "common/analyzer.h"
#include "common/article.h"
#include "common/index_meta.h"

namespace lede::testing {

class TestDatabase {
 public:
  // Creates (or opens) the glass database at `path` and stores `settings`
  // in it. The glass backend: the in-memory one has no spelling table.
  explicit TestDatabase(const std::string& path, IndexSettings settings = {});

  // Replaces the stored settings (e.g. fields of the database's own); the
  // documents added after this are built with them.
  void set_settings(IndexSettings settings);

  // Adds `article` as a new document.
  void add(const Article& article);
  // Adds it and counts its words in the spelling table as lede-index does.
  void add_counting_spelling(const Article& article);
  // Adds it, or replaces the document with its id.
  void replace(const Article& article);

  // The database, to commit, add spellings or open a reader.
  [[nodiscard]] Xapian::WritableDatabase& db() { return db_; }
  [[nodiscard]] const IndexSettings& settings() const { return settings_; }

 private:
  IndexSettings settings_;
  Analyzer analyzer_;
  Xapian::WritableDatabase db_;
};

}  // namespace lede::testing
