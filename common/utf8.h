#pragma once
// Small UTF-8 helpers shared by the analyzer, the parsers and the printers.
// Ill-formed input is never an error here: each offending byte becomes one
// U+FFFD, the practice of the WHATWG encoding standard.
#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>

namespace lede::utf8 {

// Decodes the code point at p[0..n). Returns its length in bytes (1-4), or
// 0 when the bytes there are not well-formed UTF-8 (overlong forms,
// surrogates and values over U+10FFFF included). REQUIRES: n > 0.
inline std::size_t decode(const unsigned char* p, std::size_t n,
                          char32_t* cp) {
  const unsigned char c = p[0];
  if (c < 0x80) {
    *cp = c;
    return 1;
  }
  std::size_t len = 0;
  char32_t v = 0;
  unsigned char lo = 0x80, hi = 0xBF;  // allowed range of the second byte
  if (c >= 0xC2 && c <= 0xDF) {
    len = 2, v = c & 0x1F;
  } else if (c >= 0xE0 && c <= 0xEF) {
    len = 3, v = c & 0x0F;
    if (c == 0xE0) lo = 0xA0;  // overlong
    if (c == 0xED) hi = 0x9F;  // surrogates
  } else if (c >= 0xF0 && c <= 0xF4) {
    len = 4, v = c & 0x07;
    if (c == 0xF0) lo = 0x90;  // overlong
    if (c == 0xF4) hi = 0x8F;  // over U+10FFFF
  } else {
    return 0;
  }
  if (len > n) return 0;
  for (std::size_t k = 1; k < len; ++k) {
    const unsigned char b = p[k];
    if (b < (k == 1 ? lo : 0x80) || b > (k == 1 ? hi : 0xBF)) return 0;
    v = (v << 6) | (b & 0x3F);
  }
  *cp = v;
  return len;
}

// Replaces every ill-formed byte of *s with U+FFFD. Returns how many bytes
// were replaced. Leaves valid text untouched (and does not copy it).
std::size_t make_valid(std::string* s);

// Appends the UTF-8 form of `cp` to *out.
void append(std::string* out, char32_t cp);

// The number of code points in `s` (an ill-formed byte counts as one at
// most; continuation bytes never count).
inline std::size_t count_chars(std::string_view s) {
  std::size_t n = 0;
  for (unsigned char c : s) n += (c & 0xC0) != 0x80;
  return n;
}

// The largest n <= max such that s[0, n) does not end inside a code point.
std::size_t floor_boundary(std::string_view s, std::size_t max);

}  // namespace lede::utf8
