#include "common/utf8.h"

namespace lede::utf8 {

void append(std::string* out, char32_t cp) {
  if (cp < 0x80) {
    out->push_back(static_cast<char>(cp));
  } else if (cp < 0x800) {
    out->push_back(static_cast<char>(0xC0 | (cp >> 6)));
    out->push_back(static_cast<char>(0x80 | (cp & 0x3F)));
  } else if (cp < 0x10000) {
    out->push_back(static_cast<char>(0xE0 | (cp >> 12)));
    out->push_back(static_cast<char>(0x80 | ((cp >> 6) & 0x3F)));
    out->push_back(static_cast<char>(0x80 | (cp & 0x3F)));
  } else {
    out->push_back(static_cast<char>(0xF0 | (cp >> 18)));
    out->push_back(static_cast<char>(0x80 | ((cp >> 12) & 0x3F)));
    out->push_back(static_cast<char>(0x80 | ((cp >> 6) & 0x3F)));
    out->push_back(static_cast<char>(0x80 | (cp & 0x3F)));
  }
}

std::size_t make_valid(std::string* s) {
  const auto* p = reinterpret_cast<const unsigned char*>(s->data());
  const std::size_t n = s->size();
  std::size_t i = 0;
  char32_t cp;
  // Fast scan: most text is valid and needs no copy.
  while (i < n) {
    if (p[i] < 0x80) {
      ++i;
      continue;
    }
    const std::size_t len = decode(p + i, n - i, &cp);
    if (len == 0) break;
    i += len;
  }
  if (i == n) return 0;
  std::string out(s->data(), i);
  out.reserve(n + 16);
  std::size_t replaced = 0;
  while (i < n) {
    const std::size_t len = decode(p + i, n - i, &cp);
    if (len == 0) {
      append(&out, 0xFFFD);
      ++replaced;
      ++i;
    } else {
      out.append(s->data() + i, len);
      i += len;
    }
  }
  s->swap(out);
  return replaced;
}

std::size_t floor_boundary(std::string_view s, std::size_t max) {
  if (max >= s.size()) return s.size();
  std::size_t n = max;
  while (n > 0 && (static_cast<unsigned char>(s[n]) & 0xC0) == 0x80) --n;
  return n;
}

}  // namespace lede::utf8
