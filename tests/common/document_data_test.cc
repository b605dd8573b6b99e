#include "common/document_data.h"

#include <gtest/gtest.h>

#include "common/error.h"

namespace lede {
namespace {

TEST(DocumentData, RoundTrips) {
  Article a;
  a.id = "reuters-1";
  a.title = "BAHIA COCOA REVIEW";
  a.body = "Showers continued throughout the week\nin the Bahia cocoa zone.";
  a.author = "Dave Pearson";
  a.source = "Reuters";
  a.url = "https://example.com/a?b=c";
  a.date = "1987-02-26T15:01:01Z";
  a.date_raw = "26-FEB-1987 15:01:01.79";
  a.tags = {"cocoa", "el-salvador"};
  a.path = "feeds/reuters.jsonl";
  a.line = 42;
  EXPECT_EQ(decode_document_data(encode_document_data(a)), a);
}

// decode_document_data() reads what encode_document_data() writes with a
// reader of its own, and anything else with the general JSON parser: both
// must give the same Article.
TEST(DocumentData, RoundTripsAwkwardText) {
  Article a;
  a.id = "id with \"quotes\" and \\ backslash";
  a.title = "ctrl \x01\x1b[31m\t\r\n\b\f end";
  a.body = "caf\xC3\xA9 \xE6\x95\xB0\xE6\x8D\xAE \xF0\x9F\x93\x88 / slash";
  a.tags = {"", "a\"b", "\xC3\xBC"};
  a.line = 18446744073709551615u;
  EXPECT_EQ(decode_document_data(encode_document_data(a)), a);
}

TEST(DocumentData, CompactJsonWithSortedKeys) {
  Article a;
  a.id = "x";
  a.title = "T \"q\" \\ \x01\n";
  a.tags = {"a", "b"};
  a.line = 3;
  EXPECT_EQ(encode_document_data(a),
            R"({"id":"x","line":3,"tags":["a","b"],"title":"T \"q\" \\ )"
            R"(\u0001\n"})");
}

// A file name need not be UTF-8: its bytes come back exactly, stored as
// \udcHH (surrogateescape); other lone surrogates are not lede's data.
TEST(DocumentData, IllFormedUtf8ComesBackAsItWas) {
  Article a;
  a.path = "/d/z\xFF.txt";
  a.id = a.path;
  a.title = "a\xFF\xC3" "b \xE6\x95\xB0";
  const std::string data = encode_document_data(a);
  EXPECT_NE(data.find(R"("path":"/d/z\udcff.txt")"), std::string::npos)
      << data;
  EXPECT_EQ(decode_document_data(data), a);
  EXPECT_THROW(decode_document_data(R"({"id":"\udc00"})"), Error);
}

TEST(DocumentData, ReadsJsonWrittenOtherwise) {
  Article want;
  want.id = "x";
  want.title = "\xC3\xA9\xF0\x9F\x93\x88/";
  want.tags = {"t"};
  want.line = 3;
  // Spaces, escaped slash and non-ASCII, a surrogate pair, keys in
  // another order.
  EXPECT_EQ(decode_document_data(
                " { \"line\" : 3 , \"tags\" : [ \"t\" ] ,"
                " \"title\":\"\\u00e9\\ud83d\\udcc8\\/\", \"id\":\"x\" } "),
            want);
  // Keys lede does not know and values of other types are ignored.
  Article odd;
  odd.id = "y";
  EXPECT_EQ(decode_document_data(
                R"({"id":"y","extra":{"a":[1,2]},"title":7,"line":-1})"),
            odd);
  EXPECT_THROW(decode_document_data(R"({"id":"x")"), Error);
  EXPECT_THROW(decode_document_data(R"({"id":"x"} trailing)"), Error);
}

TEST(DocumentData, OmitsEmptyValues) {
  Article a;
  a.id = "x";
  EXPECT_EQ(encode_document_data(a), R"({"id":"x"})");
}

TEST(DocumentData, RefusesWhatIsNotLedeData) {
  EXPECT_THROW(decode_document_data("not json"), Error);
  EXPECT_THROW(decode_document_data("[1,2]"), Error);
}

// Articles that look like a news feed: the same keys, path and source,
// words from a small vocabulary.
std::vector<Article> feed(int n) {
  static const char* words[] = {"the",     "clinic",  "patients", "data",
                                "said",    "hospital", "million", "report",
                                "federal", "imaging", "AI",       "privacy",
                                "of",      "and",     "in",       "cancer"};
  std::vector<Article> out;
  unsigned x = 12345;
  auto next = [&] {
    x = x * 1103515245u + 12345u;
    return (x >> 16) % 16;
  };
  for (int i = 0; i < n; ++i) {
    Article a;
    a.id = "story-" + std::to_string(i);
    for (int w = 0; w < 8; ++w) a.title += std::string(words[next()]) + " ";
    for (int w = 0; w < 120; ++w) a.body += std::string(words[next()]) + " ";
    a.source = "Health Wire";
    a.date = "2024-03-05";
    a.path = "/srv/feeds/health-wire.jsonl";
    a.line = static_cast<std::uint64_t>(i + 1);
    out.push_back(std::move(a));
  }
  return out;
}

std::vector<std::string> encoded(const std::vector<Article>& articles) {
  std::vector<std::string> out;
  for (const Article& a : articles) out.push_back(encode_document_data(a));
  return out;
}

TEST(DataDictionary, CompressesAndDecompresses) {
  const std::vector<Article> articles = feed(400);
  const std::string bytes = DataDictionary::train(encoded(articles));
  ASSERT_FALSE(bytes.empty());
  EXPECT_LE(bytes.size(), kDataDictionaryBytes);
  DataDictionary dict(7, bytes);
  EXPECT_EQ(dict.key(), "lede.dict.7");
  std::size_t plain = 0, packed = 0;
  for (const Article& a : articles) {
    const std::string data = encode_document_data(a);
    const std::string stored = dict.compress(data);
    ASSERT_EQ(stored[0], kCompressedData);
    EXPECT_EQ(stored[1], '\x07');  // the dictionary's number
    EXPECT_EQ(dict.decompress(stored), data);
    plain += data.size();
    packed += stored.size();
  }
  EXPECT_LT(packed * 4, plain);  // a small vocabulary compresses well
}

TEST(DataDictionary, TooLittleToTrainOn) {
  EXPECT_TRUE(DataDictionary::train({"{}", "{}"}).empty());
}

TEST(DataReader, ReadsPlainAndCompressedDataOfItsDatabase) {
  const std::vector<Article> articles = feed(300);
  DataDictionary dict(1, DataDictionary::train(encoded(articles)));
  Xapian::WritableDatabase db("", Xapian::DB_BACKEND_INMEMORY);
  db.set_metadata(dict.key(), dict.bytes());
  const std::string plain = encode_document_data(articles[0]);
  const std::string packed = dict.compress(encode_document_data(articles[1]));

  DataReader reader(db);
  EXPECT_EQ(reader.decode(plain), articles[0]);
  EXPECT_EQ(reader.decode(packed), articles[1]);
  EXPECT_EQ(reader.decode(packed), articles[1]);  // the dictionary, cached

  // Without the database, or with a database that lacks the dictionary.
  EXPECT_EQ(DataReader().decode(plain), articles[0]);
  EXPECT_THROW((void)DataReader().decode(packed), Error);
  EXPECT_THROW((void)decode_document_data(packed), Error);
  Xapian::WritableDatabase other("", Xapian::DB_BACKEND_INMEMORY);
  EXPECT_THROW((void)DataReader(other).decode(packed), Error);
  // Damaged data.
  EXPECT_THROW((void)reader.decode(packed.substr(0, packed.size() / 2)),
               Error);
  EXPECT_THROW((void)reader.decode(std::string(1, kCompressedData)), Error);
}

}  // namespace
}  // namespace lede
