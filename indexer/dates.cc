#include "indexer/dates.h"

#include "common/schema.h"

namespace lede::indexer {

std::string normalize_date(std::string_view raw) {
  if (date_value(raw).empty()) return {};
  return std::string(raw.substr(0, 10));
}

}  // namespace lede::indexer
