#include "common/error.h"

#include <unicode/utypes.h>

namespace lede {

void check_icu(int status, const char* what) {
  const auto code = static_cast<UErrorCode>(status);
  if (U_FAILURE(code)) {
    throw Error(std::string("ICU ") + what + " failed: " + u_errorName(code));
  }
}

}  // namespace lede
