// libFuzzer target: any bytes as an input file in every format (text,
// Markdown, HTML, JSON Lines, JSON, Reuters SGML) and as a date. Problems must come back
// as values; nothing may crash or trip a sanitizer.
#include <string_view>

#include "indexer/dates.h"
#include "indexer/formats.h"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data,
                                      std::size_t size) {
  using namespace lede::indexer;
  const std::string_view bytes(reinterpret_cast<const char*>(data), size);
  for (Format f : {Format::kText, Format::kMarkdown, Format::kHtml,
                   Format::kJsonl, Format::kJson, Format::kSgml}) {
    (void)parse(bytes, f, "fuzz", "fuzz");
  }
  (void)detect_format("fuzz", bytes);
  (void)normalize_date(bytes.substr(0, 64));
  return 0;
}
