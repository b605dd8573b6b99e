// libFuzzer target: any bytes as a plain text file (the "Key: value"
// header block, the title line, the body). Must never crash or trip a
// sanitizer; every article must be one indexer/formats.h promises.
#include "tests/fuzz/fuzz_util.h"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data,
                                      std::size_t size) {
  lede::fuzz::parse_and_check(lede::fuzz::text_of(data, size),
                              lede::indexer::Format::kText);
  return 0;
}
