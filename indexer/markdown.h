#pragma once
// Markdown files: the YAML-style front matter at their top, and the
// CommonMark body turned into readable plain text with cmark (the
// CommonMark reference implementation), for indexing and snippets. Pure
// functions over UTF-8 text; which front-matter key fills which article
// field is decided by the caller (formats.cc), not here.
#include <cstddef>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

namespace lede::indexer {

// One "key: value" of front matter. Scalars have one item; a flow list
// "[a, b]" or a block list of "- item" lines has one per element (an
// empty list none).
struct FrontMatterEntry {
  std::string key;  // as written, trimmed
  std::vector<std::string> values;
  bool is_list = false;
};

struct FrontMatter {
  bool present = false;         // the text starts with a closed front matter
  std::size_t body_offset = 0;  // where the Markdown after it starts
  std::vector<FrontMatterEntry> entries;  // in order of appearance
};

// Reads front matter: a first line "---" (after an optional UTF-8 BOM), up
// to a line "---" or "...". Inside, the subset of YAML news front matter
// uses: "key: value" with a plain value (a " #" starts a comment), a
// "double-quoted" value (with \" \\ \n \t \uXXXX escapes) or a
// 'single-quoted' one ('' for a quote), so a title may hold a colon; flow
// lists "[a, 'b c', d]"; block lists of indented "- item" lines; and "|"
// or ">" block scalars of indented lines. Nested mappings and other YAML
// are skipped. Without a closing line there is no front matter and
// present is false (body_offset then skips only a BOM).
[[nodiscard]] FrontMatter parse_front_matter(std::string_view text);

// Markdown (CommonMark) -> plain text: paragraphs, headings, code blocks
// and block quotes separated by blank lines; list items one per line,
// without their markers; emphasis and code marks dropped; links and
// images give their text (not their URL); raw HTML blocks give their text
// (see html_fragment_text), inline HTML tags nothing; entities decoded;
// soft line breaks become blanks. *first_heading (when not null) gets the
// text of the first level-1 heading, else of the first heading of any
// level, else "".
[[nodiscard]] std::string markdown_to_text(std::string_view markdown,
                                           std::string* first_heading);

}  // namespace lede::indexer
