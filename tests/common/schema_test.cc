#include "common/schema.h"

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

TEST(DateValue, SortableForm) {
  EXPECT_EQ(date_value("2024-03-05T14:30:00Z"), "20240305143000");
  EXPECT_EQ(date_value("2024-03-05"), "20240305000000");
  EXPECT_EQ(date_value("2024-3-5"), "");
  EXPECT_EQ(date_value(""), "");
  EXPECT_EQ(date_value("June 3, 2019"), "");
}

TEST(UrlHost, LowerCaseWithoutWww) {
  EXPECT_EQ(url_host("https://www.StatNews.com/2019/06/03/x"), "statnews.com");
  EXPECT_EQ(url_host("http://user@news.example.org:8080/a"), "news.example.org");
  EXPECT_EQ(url_host("not a url"), "");
}

}  // namespace
}  // namespace lede
