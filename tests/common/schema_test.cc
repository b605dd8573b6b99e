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

// Fields a database defines (lede-index --field NAME=KEY, issue 13 item 13).
TEST(UserField, NamesPrefixesAndTheStoredList) {
  EXPECT_EQ(user_field_prefix("place"), "XPLACE");
  EXPECT_EQ(user_field_name_problem("place"), "");
  EXPECT_EQ(user_field_name_problem("exchanges"), "");
  for (const char* bad : {"", "Place", "place2", "my_place", "src", "tag",
                          "site", "year", "abcdefghijklmnopqrstu"}) {
    EXPECT_NE(user_field_name_problem(bad), "") << bad;
  }
  const std::vector<UserField> fields = {{"place", "places"},
                                         {"people", "/meta/people"}};
  std::vector<UserField> back;
  ASSERT_TRUE(parse_user_fields(serialize_user_fields(fields), &back));
  EXPECT_EQ(back, fields);
  ASSERT_TRUE(parse_user_fields("", &back));
  EXPECT_TRUE(back.empty());
  EXPECT_FALSE(parse_user_fields("place=places", &back));  // no line end
  EXPECT_FALSE(parse_user_fields("Place=places\n", &back));
  EXPECT_FALSE(parse_user_fields("place=\n", &back));
}

}  // namespace
}  // namespace lede
