#pragma once
// --show: the text of a stored article as paragraphs, and which of them
// --context keeps. Positions in, positions out: no Xapian, no output.
#include <cstddef>
#include <cstdint>
#include <string_view>
#include <vector>

namespace lede::query {

// The paragraphs of `text`, in order: a blank line, or a line that starts
// with a space or a tab (the indented paragraphs of newswire copy such as
// Reuters'), starts a new one. Blank paragraphs are left out; each keeps
// its own line breaks (the printers collapse whitespace).
std::vector<std::string_view> paragraphs_of(std::string_view text);

// --context N: every paragraph.
inline constexpr std::size_t kAllParagraphs = SIZE_MAX;

// The indexes of the paragraphs within `context` paragraphs of one that
// `matched` (in order, each once); every index for kAllParagraphs.
// `context` is at most kAllParagraphs / 2 (--context's range is far less).
std::vector<std::size_t> near_matches(const std::vector<bool>& matched,
                                      std::size_t context);

}  // namespace lede::query
