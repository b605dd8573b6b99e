#include "common/schema.h"

#include <gtest/gtest.h>

namespace lede {
namespace {

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
