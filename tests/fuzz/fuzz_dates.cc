// libFuzzer target: any bytes as a date. Must never crash or trip a
// sanitizer; the result is "" or one of the three forms of indexer/dates.h
// naming a day that exists, and normalising it again gives it unchanged.
#include "common/query_ast.h"
#include "indexer/dates.h"
#include "tests/fuzz/fuzz_util.h"

using lede::fuzz::require;

namespace {

int number(std::string_view s, std::size_t at, std::size_t n) {
  int v = 0;
  for (std::size_t i = at; i < at + n; ++i) {
    require(s[i] >= '0' && s[i] <= '9', "not a digit in a date", s);
    v = v * 10 + (s[i] - '0');
  }
  return v;
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data,
                                      std::size_t size) {
  const std::string d =
      lede::indexer::normalize_date(lede::fuzz::text_of(data, size));
  if (d.empty()) return 0;
  require(d.size() == 10 || d.size() == 19 || (d.size() == 20 && d[19] == 'Z'),
          "not a normalised date", d);
  require(d[4] == '-' && d[7] == '-', "not a normalised date", d);
  const int year = number(d, 0, 4), month = number(d, 5, 2);
  require(year >= 1000 && month >= 1 && month <= 12, "no such month", d);
  const int day = number(d, 8, 2);
  require(day >= 1 && day <= lede::days_in_month(year, month), "no such day",
          d);
  if (d.size() > 10) {
    require(d[10] == 'T' && d[13] == ':' && d[16] == ':', "not a time", d);
    require(number(d, 11, 2) < 24 && number(d, 14, 2) < 60 &&
                number(d, 17, 2) < 60,
            "no such time", d);
  }
  require(lede::indexer::normalize_date(d) == d, "not idempotent", d);
  return 0;
}
