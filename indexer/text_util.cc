#include "indexer/text_util.h"

#include <cstring>

namespace lede::indexer {

std::string lower(std::string_view s) {
  std::string out(s);
  for (char& c : out) c = ascii_lower(c);
  return out;
}

bool equals_ci(std::string_view a, std::string_view b) {
  if (a.size() != b.size()) return false;
  for (std::size_t i = 0; i < a.size(); ++i) {
    if (ascii_lower(a[i]) != ascii_lower(b[i])) return false;
  }
  return true;
}

std::string_view trim(std::string_view s) {
  while (!s.empty() && is_ascii_space(s.front())) s.remove_prefix(1);
  while (!s.empty() && is_ascii_space(s.back())) s.remove_suffix(1);
  return s;
}

std::string collapse_space(std::string_view s) {
  std::string out;
  out.reserve(s.size());
  bool space = false;
  for (char c : s) {
    if (is_ascii_space(c)) {
      space = true;
      continue;
    }
    if (space && !out.empty()) out += ' ';
    space = false;
    out += c;
  }
  return out;
}

bool next_line(std::string_view text, std::size_t* pos,
               std::string_view* line) {
  if (*pos >= text.size()) return false;
  const auto nl = text.find('\n', *pos);
  const std::size_t end = nl == std::string_view::npos ? text.size() : nl;
  *line = text.substr(*pos, end - *pos);
  if (!line->empty() && line->back() == '\r') line->remove_suffix(1);
  *pos = nl == std::string_view::npos ? text.size() : nl + 1;
  return true;
}

std::string errno_message(int err) {
  std::string m = std::strerror(err);
  if (!m.empty() && m[0] >= 'A' && m[0] <= 'Z' &&
      !(m.size() > 1 && m[1] >= 'A' && m[1] <= 'Z')) {
    m[0] = static_cast<char>(m[0] - 'A' + 'a');
  }
  return m;
}

}  // namespace lede::indexer
