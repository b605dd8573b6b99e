#pragma once
// The single writer of one lede generation (see indexer/database_dir.h for
// the layout): looks documents up by their unique id term, adds, replaces
// and deletes them, adds spelling data, and commits when asked. Every
// change becomes visible to readers, and durable, only at commit(); what
// was written after the last commit() is dropped when the writer goes
// away (the database stays at its last commit).
//
// Thread safety: one thread at a time (Xapian's WritableDatabase).
#include <xapian.h>

#include <cstdint>
#include <string>
#include <unordered_map>

namespace lede::indexer {

// Word -> occurrences, for Xapian's spelling table.
using WordCounts = std::unordered_map<std::string, Xapian::termcount>;

class IndexWriter {
 public:
  // Opens the glass database at `path` (a generation or a shard), which
  // must exist. Throws Xapian::Error if it cannot.
  explicit IndexWriter(const std::string& path);
  ~IndexWriter();
  IndexWriter(const IndexWriter&) = delete;
  IndexWriter& operator=(const IndexWriter&) = delete;

  struct Found {
    Xapian::docid docid = 0;  // 0: no document has this id
    std::string hash;         // its kSlotHash value
  };
  // The document with unique term `id_term`, as written so far (committed
  // or not).
  [[nodiscard]] Found find(const std::string& id_term);

  Xapian::docid add(const Xapian::Document& doc);
  void replace(Xapian::docid docid, const Xapian::Document& doc);
  void remove(Xapian::docid docid);

  // Adds `words` to the spelling table (each word's count added to its
  // frequency) and clears it.
  void add_spelling(WordCounts* words);

  // Makes everything written so far durable and visible to readers.
  void commit();

  [[nodiscard]] Xapian::doccount doc_count() const;
  [[nodiscard]] Xapian::docid last_docid() const;
  [[nodiscard]] Xapian::WritableDatabase& db() { return db_; }

 private:
  Xapian::WritableDatabase db_;
};

}  // namespace lede::indexer
