// libFuzzer target: any bytes as a Markdown file: its front matter
// (parse_front_matter), its body (cmark, markdown_to_text) and the article
// made of both. Must never crash or trip a sanitizer; the front matter's
// body offset lies inside the text, a scalar has at most one value (none
// when empty), and every article is one indexer/formats.h promises.
#include "indexer/markdown.h"
#include "tests/fuzz/fuzz_util.h"

using lede::fuzz::require;

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data,
                                      std::size_t size) {
  const std::string_view text = lede::fuzz::text_of(data, size);
  const lede::indexer::FrontMatter fm = lede::indexer::parse_front_matter(text);
  require(fm.body_offset <= size, "front matter ends past the text");
  require(fm.present || fm.entries.empty(), "entries without front matter");
  for (const auto& e : fm.entries) {
    require(e.is_list || e.values.size() <= 1, "scalar with several values");
  }
  std::string heading;
  (void)lede::indexer::markdown_to_text(text.substr(fm.body_offset), &heading);
  lede::fuzz::parse_and_check(text, lede::indexer::Format::kMarkdown);
  return 0;
}
