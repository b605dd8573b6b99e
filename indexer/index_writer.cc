#include "indexer/index_writer.h"

#include <filesystem>
#include <fstream>

#include "common/error.h"

namespace lede::indexer {

namespace fs = std::filesystem;

namespace {

constexpr const char* kStubName = "XAPIANDB";
constexpr const char* kFirstGeneration = "gen-1";

// Creates an empty lede database directory: a generation and a stub that
// names it. The stub is written last and renamed into place, so a crash
// leaves either no database or a complete empty one.
void create_database(const fs::path& dir) {
  fs::create_directories(dir);
  { Xapian::WritableDatabase gen((dir / kFirstGeneration).string(),
                                 Xapian::DB_CREATE_OR_OPEN | Xapian::DB_BACKEND_GLASS); }
  const fs::path tmp = dir / (std::string(kStubName) + ".tmp");
  {
    std::ofstream out(tmp);
    out << "glass " << kFirstGeneration << "\n";
    if (!out.flush()) {
      throw Error("cannot write '" + tmp.string() + "'");
    }
  }
  fs::rename(tmp, dir / kStubName);
}

}  // namespace

IndexWriter::IndexWriter(const std::string& path, const IndexSettings& requested,
                         bool settings_given)
    : path_(path) {
  std::error_code ec;
  const fs::path dir(path);
  if (!fs::exists(dir, ec)) {
    create_database(dir);
  } else if (fs::is_directory(dir, ec) && !fs::exists(dir / kStubName, ec) &&
             fs::is_empty(dir, ec)) {
    create_database(dir);
  }
  try {
    db_ = Xapian::WritableDatabase(path, Xapian::DB_OPEN);
  } catch (const Xapian::DatabaseLockError&) {
    throw Error("'" + path + "' is locked: another lede-index is writing it");
  } catch (const Xapian::DatabaseOpeningError& e) {
    throw Error("'" + path + "' is not a lede database (" + e.get_msg() + ")");
  }
  const StoredSettings stored = read_index_settings(db_, path);
  if (stored.has_settings) {
    if (settings_given && !(stored.settings == requested)) {
      throw UsageError("'" + path + "' was built with " +
                       stored.settings.analyzer.serialize() +
                       ";title_weight=" +
                       std::to_string(stored.settings.title_weight) +
                       "; use --rebuild to change its settings");
    }
    settings_ = stored.settings;
  } else {
    settings_ = requested;
    write_index_settings(&db_, settings_);
  }
}

IndexWriter::~IndexWriter() = default;

bool IndexWriter::unchanged(const std::string& id_term,
                            const std::string& hash) const {
  Xapian::PostingIterator it = db_.postlist_begin(id_term);
  if (it == db_.postlist_end(id_term)) return false;
  return db_.get_document(*it).get_value(kSlotHash) == hash;
}

WriteOutcome IndexWriter::write(const std::string& id_term,
                                const std::string& hash,
                                const Xapian::Document& doc) {
  Xapian::PostingIterator it = db_.postlist_begin(id_term);
  if (it == db_.postlist_end(id_term)) {
    db_.add_document(doc);
    return WriteOutcome::kAdded;
  }
  if (db_.get_document(*it).get_value(kSlotHash) == hash) {
    return WriteOutcome::kUnchanged;
  }
  db_.replace_document(id_term, doc);
  return WriteOutcome::kUpdated;
}

void IndexWriter::commit() { db_.commit(); }

Xapian::doccount IndexWriter::doc_count() const { return db_.get_doccount(); }

}  // namespace lede::indexer
