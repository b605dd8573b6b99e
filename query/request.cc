#include "query/request.h"

namespace lede::query {

const char* facet_name(FacetKind kind) {
  for (const auto& [value, name] : kFacetKinds) {
    if (value == kind) return name;
  }
  return "";
}

const FormatInfo& format_info(Format format) {
  for (const FormatInfo& f : kFormats) {
    if (f.format == format) return f;
  }
  return kFormats[0];
}

std::vector<std::string> formats_showing(bool FormatInfo::*what) {
  std::vector<std::string> names;
  for (const FormatInfo& f : kFormats) {
    if (f.*what) names.emplace_back(f.name);
  }
  return names;
}

}  // namespace lede::query
