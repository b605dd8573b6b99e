// libFuzzer target: any bytes as JSON Lines and as JSON, with the default
// keys and with --field mappings (a key and JSON pointers). Must never
// crash or trip a sanitizer; every article is one indexer/formats.h
// promises.
#include "tests/fuzz/fuzz_util.h"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data,
                                      std::size_t size) {
  using lede::indexer::Format;
  static const lede::indexer::FieldMap fields = lede::indexer::parse_field_map(
      {"title=headline", "author=/byline/name", "tags=/meta/0", "id=/x~1y"});
  const std::string_view text = lede::fuzz::text_of(data, size);
  lede::fuzz::parse_and_check(text, Format::kJsonl);
  lede::fuzz::parse_and_check(text, Format::kJson);
  lede::fuzz::parse_and_check(text, Format::kJsonl, fields);
  return 0;
}
