// The writer's side of compressed document data: plain until a dictionary
// is trained on the first kTrainBytes of data, compressed after; an
// existing dictionary is used as it is.
#include "indexer/data_compressor.h"

#include <gtest/gtest.h>

#include "common/document_data.h"
#include "common/schema.h"

namespace lede::indexer {
namespace {

// A document whose data is a JSON article of about 1 KB.
Xapian::Document doc(int i) {
  static const char* words[] = {"cocoa", "bahia", "said", "the", "crop",
                                "tonnes", "export", "prices", "of", "in"};
  Article a;
  a.id = std::to_string(i);
  a.title = std::string("COCOA REVIEW ") + words[i % 10];
  for (int w = 0; w < 150; ++w) {
    a.body += std::string(words[(i + w * 7) % 10]) + " ";
  }
  a.path = "/data/reuters.jsonl";
  a.line = static_cast<std::uint64_t>(i + 1);
  Xapian::Document d;
  d.set_data(encode_document_data(a));
  return d;
}

// Compressed data is in value slot kSlotData, and the document data is
// then empty.
bool compressed(const Xapian::Document& d) {
  const bool in_slot = stored_data(d)[0] == kCompressedData;
  EXPECT_EQ(in_slot, d.get_data().empty());
  EXPECT_EQ(in_slot, !d.get_value(kSlotData).empty());
  return in_slot;
}

TEST(DataCompressor, PlainUntilTrainedThenCompressed) {
  DataCompressor c;
  int i = 0;
  std::size_t bytes = 0;
  std::optional<DataCompressor::NewDictionary> trained;
  while (!trained) {
    Xapian::Document d = doc(i++);
    bytes += d.get_data().size();
    trained = c.compress(&d);
    // The document that completes the samples is compressed already.
    EXPECT_EQ(compressed(d), trained.has_value());
    ASSERT_LT(bytes, 2 * kTrainBytes);
  }
  EXPECT_GE(bytes, kTrainBytes);
  EXPECT_EQ(trained->first, "lede.dict.1");
  EXPECT_TRUE(c.has_dictionary());
  Xapian::Document later = doc(i);
  const std::string plain = later.get_data();
  EXPECT_FALSE(c.compress(&later).has_value());
  ASSERT_TRUE(compressed(later));
  EXPECT_LT(stored_data(later).size() * 3, plain.size());

  // A reader of a database with that dictionary reads it back.
  Xapian::WritableDatabase db("", Xapian::DB_BACKEND_INMEMORY);
  db.set_metadata(trained->first, trained->second);
  EXPECT_EQ(encode_document_data(DataReader(db).decode(later)), plain);
}

TEST(DataCompressor, UsesTheDatabasesNewestDictionary) {
  Xapian::WritableDatabase db("", Xapian::DB_BACKEND_INMEMORY);
  std::vector<std::string> samples;
  for (int i = 0; i < 300; ++i) samples.push_back(doc(i).get_data());
  DataDictionary dict(3, DataDictionary::train(samples));
  db.set_metadata("lede.dict.1", "older");
  db.set_metadata("lede.dict.2", "older");
  db.set_metadata(dict.key(), dict.bytes());
  DataCompressor c(db);
  EXPECT_TRUE(c.has_dictionary());
  Xapian::Document d = doc(1);
  EXPECT_FALSE(c.compress(&d).has_value());
  EXPECT_EQ(stored_data(d)[1], '\x03');
}

// A database grown a little at a time: its existing plain documents are
// samples, so the next run trains as soon as there is enough.
TEST(DataCompressor, ExistingPlainDocumentsAreSamples) {
  Xapian::WritableDatabase db("", Xapian::DB_BACKEND_INMEMORY);
  std::size_t bytes = 0;
  int i = 0;
  while (bytes < kTrainBytes) {
    Xapian::Document d = doc(i++);
    bytes += d.get_data().size();
    db.add_document(d);
  }
  DataCompressor c(db);
  EXPECT_FALSE(c.has_dictionary());
  Xapian::Document d = doc(i);
  const auto trained = c.compress(&d);
  ASSERT_TRUE(trained.has_value());
  EXPECT_EQ(trained->first, "lede.dict.1");
  EXPECT_TRUE(compressed(d));
}

}  // namespace
}  // namespace lede::indexer
