#include "tests/testutil/test_database.h"

#include <utility>

#include "indexer/document_builder.h"

namespace lede::testing {

TestDatabase::TestDatabase(const std::string& path, IndexSettings settings)
    : settings_(std::move(settings)),
      analyzer_(settings_.analyzer),
      db_(path, Xapian::DB_CREATE_OR_OPEN) {
  write_index_settings(&db_, settings_);
}

void TestDatabase::set_settings(IndexSettings settings) {
  settings_ = std::move(settings);
  write_index_settings(&db_, settings_);
}

void TestDatabase::add(const Article& article) {
  db_.add_document(
      indexer::build_document(article, settings_, &analyzer_, nullptr));
}

void TestDatabase::add_counting_spelling(const Article& article) {
  indexer::WordCounts spelling;
  db_.add_document(indexer::build_document(article, settings_, &analyzer_,
                                           nullptr, &spelling));
  for (const auto& [word, n] : spelling) db_.add_spelling(word, n);
}

void TestDatabase::replace(const Article& article) {
  db_.replace_document(
      lede::id_term(article.id),
      indexer::build_document(article, settings_, &analyzer_, nullptr));
}

}  // namespace lede::testing
