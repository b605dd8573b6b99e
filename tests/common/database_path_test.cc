#include "common/database_path.h"

#include <gtest/gtest.h>

#include <cstdlib>

namespace lede {
namespace {

TEST(DatabasePath, FlagThenEnvironmentThenDefault) {
  ::setenv("LEDE_DB", "/data/news.db", 1);
  EXPECT_EQ(resolve_db_path("given.db"), "given.db");
  EXPECT_EQ(resolve_db_path(""), "/data/news.db");
  ::setenv("LEDE_DB", "", 1);  // set but empty: as if unset
  EXPECT_EQ(resolve_db_path(""), "lede.db");
  ::unsetenv("LEDE_DB");
  EXPECT_EQ(resolve_db_path(""), "lede.db");
}

}  // namespace
}  // namespace lede
