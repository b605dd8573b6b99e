// libFuzzer target: any bytes as an input file of unknown format
// (detect_format, then that reader) and in every format in turn (text,
// Markdown, HTML, JSON Lines, JSON, Reuters SGML). Must never crash or trip
// a sanitizer; every article is one indexer/formats.h promises.
#include "tests/fuzz/fuzz_util.h"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data,
                                      std::size_t size) {
  using lede::indexer::Format;
  const std::string_view bytes = lede::fuzz::text_of(data, size);
  (void)lede::indexer::detect_format("fuzz", bytes);
  for (Format f : {Format::kAuto, Format::kText, Format::kMarkdown,
                   Format::kHtml, Format::kJsonl, Format::kJson,
                   Format::kSgml}) {
    lede::fuzz::parse_and_check(bytes, f);
  }
  return 0;
}
