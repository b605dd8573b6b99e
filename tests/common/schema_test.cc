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
