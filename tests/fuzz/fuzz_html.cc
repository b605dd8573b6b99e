// libFuzzer target: any bytes as an HTML page (gumbo, the metadata and
// body rules of indexer/html.h, the declared charset and its transcoding).
// Must never crash or trip a sanitizer; the declared charset is lower case
// and every article is one indexer/formats.h promises.
#include "indexer/html.h"
#include "tests/fuzz/fuzz_util.h"

using lede::fuzz::require;

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data,
                                      std::size_t size) {
  const std::string_view text = lede::fuzz::text_of(data, size);
  const std::string charset = lede::indexer::declared_html_charset(text);
  for (char c : charset) require(c < 'A' || c > 'Z', "charset not lower case");
  lede::fuzz::parse_and_check(text, lede::indexer::Format::kHtml);
  if (lede::fuzz::valid_utf8(text)) {
    (void)lede::indexer::html_fragment_text(text);
  }
  return 0;
}
