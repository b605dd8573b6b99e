#pragma once
// The single writer of a lede database.
//
// On disk a lede database is a directory holding a Xapian stub file
// (XAPIANDB) that names the Xapian database currently in use, a
// "generation" directory beside it. Readers open the directory and follow
// the stub; that indirection is what lets --compact and --rebuild replace
// the whole database atomically (write a new generation, then rename a new
// stub over the old one).
#include <xapian.h>

#include <string>

#include "common/index_meta.h"
#include "common/schema.h"

namespace lede::indexer {

enum class WriteOutcome { kAdded, kUpdated, kUnchanged };

class IndexWriter {
 public:
  // Opens the database at `path`, creating it (and its directory) when it
  // does not exist. When the database already has settings, they win and
  // `requested` must agree with them unless `settings_given` is false;
  // otherwise a lede::UsageError says to use --rebuild.
  // Throws lede::Error for a path that is not a lede database.
  IndexWriter(const std::string& path, const IndexSettings& requested,
              bool settings_given);
  ~IndexWriter();
  IndexWriter(const IndexWriter&) = delete;
  IndexWriter& operator=(const IndexWriter&) = delete;

  // The settings documents must be built with.
  [[nodiscard]] const IndexSettings& settings() const { return settings_; }

  // Whether a document with this id and content hash is already stored.
  [[nodiscard]] bool unchanged(const std::string& id_term,
                               const std::string& hash) const;

  // Adds or replaces the document with the article's id.
  WriteOutcome write(const std::string& id_term, const std::string& hash,
                     const Xapian::Document& doc);

  // Makes everything written so far durable and visible to readers.
  void commit();

  [[nodiscard]] Xapian::doccount doc_count() const;

 private:
  std::string path_;
  IndexSettings settings_;
  Xapian::WritableDatabase db_;
};

}  // namespace lede::indexer
