#include "indexer/index_writer.h"

#include "common/schema.h"

namespace lede::indexer {

// Every batch is a Xapian transaction, so that an IndexWriter that goes
// away without commit() (an exception on its way out of lede-index)
// abandons what it wrote since: Xapian's destructor would otherwise commit
// it, a part of a batch without its spelling words.
IndexWriter::IndexWriter(const std::string& path)
    : db_(path, Xapian::DB_OPEN | Xapian::DB_BACKEND_GLASS) {
  db_.begin_transaction();
}

IndexWriter::~IndexWriter() = default;

IndexWriter::Found IndexWriter::find(const std::string& id_term) {
  Found f;
  Xapian::PostingIterator it = db_.postlist_begin(id_term);
  if (it == db_.postlist_end(id_term)) return f;
  f.docid = *it;
  f.hash = db_.get_document(f.docid).get_value(kSlotHash);
  return f;
}

Xapian::docid IndexWriter::add(const Xapian::Document& doc) {
  return db_.add_document(doc);
}

void IndexWriter::replace(Xapian::docid docid, const Xapian::Document& doc) {
  db_.replace_document(docid, doc);
}

void IndexWriter::remove(Xapian::docid docid) { db_.delete_document(docid); }

void IndexWriter::add_spelling(WordCounts* words) {
  for (const auto& [word, n] : *words) db_.add_spelling(word, n);
  words->clear();
}

void IndexWriter::commit() {
  db_.commit_transaction();
  db_.begin_transaction();
}

Xapian::doccount IndexWriter::doc_count() const { return db_.get_doccount(); }

Xapian::docid IndexWriter::last_docid() const { return db_.get_lastdocid(); }

}  // namespace lede::indexer
