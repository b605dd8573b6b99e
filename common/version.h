#pragma once
// lede's version, and the one line both tools print for --version.
#include <string>
#include <string_view>

namespace lede {

// The project version from CMakeLists.txt ("0.1.0").
std::string_view version();

// "TOOL VERSION (Xapian X.Y.Z, ICU A.B)" with the library versions in use at
// run time, not the ones compiled against.
std::string version_line(std::string_view tool);

}  // namespace lede
