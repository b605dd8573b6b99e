#include "query/story.h"

#include <algorithm>

namespace lede::query {

std::vector<std::string_view> paragraphs_of(std::string_view text) {
  static constexpr std::string_view kBlank = " \t\r\f\v";
  std::vector<std::string_view> out;
  std::size_t begin = std::string_view::npos;  // of the paragraph being read
  std::size_t end = 0;  // after its last character that is not blank
  std::size_t at = 0;
  while (at < text.size()) {
    std::size_t nl = text.find('\n', at);
    if (nl == std::string_view::npos) nl = text.size();
    const std::string_view line = text.substr(at, nl - at);
    const bool blank = line.find_first_not_of(kBlank) == std::string_view::npos;
    const bool indented = !blank && (line.front() == ' ' || line.front() == '\t');
    if ((blank || indented) && begin != std::string_view::npos) {
      out.push_back(text.substr(begin, end - begin));
      begin = std::string_view::npos;
    }
    if (!blank) {
      if (begin == std::string_view::npos) {
        begin = at + line.find_first_not_of(kBlank);
      }
      end = at + line.find_last_not_of(kBlank) + 1;
    }
    at = nl + 1;
  }
  if (begin != std::string_view::npos) out.push_back(text.substr(begin, end - begin));
  return out;
}

std::vector<std::size_t> near_matches(const std::vector<bool>& matched,
                                      std::size_t context) {
  std::vector<std::size_t> out;
  const std::size_t n = matched.size();
  if (context == kAllParagraphs) {
    for (std::size_t i = 0; i < n; ++i) out.push_back(i);
    return out;
  }
  std::vector<bool> keep(n, false);
  for (std::size_t i = 0; i < n; ++i) {
    if (!matched[i]) continue;
    const std::size_t from = i > context ? i - context : 0;
    const std::size_t to = std::min(n - 1, i + context);
    for (std::size_t k = from; k <= to; ++k) keep[k] = true;
  }
  for (std::size_t i = 0; i < n; ++i) {
    if (keep[i]) out.push_back(i);
  }
  return out;
}

}  // namespace lede::query
