#pragma once
// A bound on how deep HTML elements nest, applied before gumbo parses a
// page. gumbo, like the HTML5 algorithm it follows, looks down the stack
// of open elements for each start tag ("has a p element in button
// scope"), so n nested elements cost n^2: 100,000 nested <div> (1.1 MB)
// took 32 s. Browsers bound the depth (Chromium at 512: deeper elements
// become siblings); lede does the same, the cheap way: a light tokenizer
// follows the elements the HTML5 rules would leave open (implied end
// tags, end tags that close nothing, raw text elements, void and foreign
// self-closing elements), and leaves out the tags of elements that would
// open deeper than the bound, and their end tags, each replaced with a
// space. Their text stays, as the text of the element at the bound.
// Pages nested less deeply pass untouched.
#include <cstddef>
#include <string>
#include <string_view>

namespace lede::indexer {

// Elements may nest this deep in a page lede indexes.
inline constexpr std::size_t kMaxHtmlDepth = 512;

struct FlatHtml {
  // The tags left out: 0 when the page nests no deeper than the bound,
  // and then `html` is empty (use the page as it is).
  std::size_t dropped_tags = 0;
  std::string html;
};

// `html` with the tags of elements deeper than `max_depth` left out.
// Linear in the size of `html`.
[[nodiscard]] FlatHtml flatten_deep_html(std::string_view html,
                                         std::size_t max_depth = kMaxHtmlDepth);

}  // namespace lede::indexer
