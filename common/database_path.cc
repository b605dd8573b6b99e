#include "common/database_path.h"

#include <cstdlib>

namespace lede {

std::string resolve_db_path(const std::string& flag) {
  if (!flag.empty()) return flag;
  if (const char* env = std::getenv("LEDE_DB"); env != nullptr && *env) {
    return env;
  }
  return "lede.db";
}

}  // namespace lede
