// Document data compressed with a dictionary trained on the database's
// first MB of data (common/schema.h, indexer/data_compressor.h), through
// the real binaries: whether lede-index builds in parallel shards or
// writes one database, and when a later run adds to it, every document
// lede-query shows comes back exactly as it went in.
#include <gtest/gtest.h>
#include <nlohmann/json.hpp>
#include <xapian.h>

#include <sstream>

#include "common/document_data.h"
#include "common/index_meta.h"
#include "common/schema.h"
#include "tests/testutil/testutil.h"

namespace lede {
namespace {

// `n` JSON Lines articles of about 800 bytes, ids from `first`.
std::string articles(int first, int n) {
  static const char* words[] = {"cocoa",  "bahia",  "said",   "the",
                                "crop",   "tonnes", "export", "prices",
                                "of",     "in",     "growers", "rain"};
  std::ostringstream out;
  for (int i = first; i < first + n; ++i) {
    nlohmann::json j;
    j["id"] = "story-" + std::to_string(i);
    j["title"] = std::string("Cocoa review number ") + std::to_string(i);
    std::string text;
    for (int w = 0; w < 120; ++w) {
      text += std::string(words[(i * 7 + w * 5 + w / 3) % 12]) + " ";
    }
    j["text"] = text + "serial" + std::to_string(i);
    j["source"] = "Reuters";
    j["date"] = "1987-02-26";
    out << j.dump() << "\n";
  }
  return out.str();
}

// How many documents of `db` have compressed data, and how many in all.
std::pair<int, int> compressed_count(const std::string& db) {
  OpenedDatabase opened = open_for_reading(db);
  int packed = 0, all = 0;
  for (auto d = opened.db.postlist_begin(""); d != opened.db.postlist_end("");
       ++d) {
    const std::string data = stored_data(opened.db.get_document(*d));
    packed += data[0] == kCompressedData;
    ++all;
  }
  return {packed, all};
}

// lede-query's JSON Lines hit for the article with id `id`.
nlohmann::json hit(const std::string& db, const std::string& id) {
  const auto r = testing::run_binary({testing::query_bin(), "--db", db,
                                      "--format", "jsonl", "id:" + id});
  EXPECT_EQ(r.exit_code, 0) << r.err;
  std::istringstream lines(r.out);
  std::string line;
  std::getline(lines, line);
  return nlohmann::json::parse(line, nullptr, false);
}

void expect_story(const std::string& db, const std::string& file, int i) {
  SCOPED_TRACE("story " + std::to_string(i));
  const nlohmann::json h = hit(db, "story-" + std::to_string(i));
  ASSERT_TRUE(h.is_object());
  EXPECT_EQ(h["title"], "Cocoa review number " + std::to_string(i));
  EXPECT_EQ(h["source"], "Reuters");
  EXPECT_EQ(h["path"], file);
}

class DataCompression : public ::testing::TestWithParam<const char*> {};

TEST_P(DataCompression, DocumentsReadBackWhetherCompressedOrNot) {
  testing::TempDir dir;
  const std::string db = dir.str("lede.db");
  const std::string file = dir.str("feed.jsonl");
  testing::write_file(file, articles(0, 3000));  // about 2.4 MB
  auto r = testing::run_binary(
      {testing::index_bin(), "-q", "--jobs", GetParam(), "--db", db, file});
  ASSERT_EQ(r.exit_code, 0) << r.err;
  auto [packed, all] = compressed_count(db);
  EXPECT_EQ(all, 3000);
  // The first MB trains the dictionary and stays plain; the rest is
  // compressed.
  EXPECT_GT(packed, 1000);
  EXPECT_LT(packed, 3000);
  for (int i : {0, 1, 1500, 2999}) expect_story(db, file, i);

  // A later run adds documents compressed with the same dictionary.
  const std::string more = dir.str("more.jsonl");
  testing::write_file(more, articles(3000, 50));
  r = testing::run_binary(
      {testing::index_bin(), "-q", "--jobs", GetParam(), "--db", db, more});
  ASSERT_EQ(r.exit_code, 0) << r.err;
  const auto [packed2, all2] = compressed_count(db);
  EXPECT_EQ(all2, 3050);
  EXPECT_EQ(packed2, packed + 50);
  expect_story(db, more, 3049);
  OpenedDatabase opened = open_for_reading(db);
  EXPECT_FALSE(
      opened.db.get_metadata(std::string(meta::kDataDictionaryPrefix) + "1")
          .empty());
  EXPECT_TRUE(
      opened.db.get_metadata(std::string(meta::kDataDictionaryPrefix) + "2")
          .empty());
}

// --jobs 1 writes one database; --jobs 2 builds shards and merges them.
INSTANTIATE_TEST_SUITE_P(Jobs, DataCompression,
                         ::testing::Values("1", "2"));

}  // namespace
}  // namespace lede
