#include "common/version.h"

#include <unicode/uversion.h>
#include <xapian.h>

#ifndef LEDE_VERSION
#error "LEDE_VERSION is defined by common/CMakeLists.txt"
#endif

namespace lede {

std::string_view version() { return LEDE_VERSION; }

std::string version_line(std::string_view tool) {
  UVersionInfo icu;
  u_getVersion(icu);
  char icu_text[U_MAX_VERSION_STRING_LENGTH];
  u_versionToString(icu, icu_text);
  return std::string(tool) + " " + LEDE_VERSION + " (Xapian " +
         Xapian::version_string() + ", ICU " + icu_text + ")";
}

}  // namespace lede
