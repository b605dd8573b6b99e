#include "common/safe_text.h"

#include <unicode/uchar.h>

#include <algorithm>
#include <cstdio>

#include "common/utf8.h"

namespace lede {

namespace {

bool is_bidi_control(char32_t cp) {
  return cp == 0x061C || cp == 0x200E || cp == 0x200F ||
         (cp >= 0x202A && cp <= 0x202E) || (cp >= 0x2066 && cp <= 0x2069);
}

// The code point at text[i] (U+FFFD with length 1 for an ill-formed byte,
// `*bad` then true).
std::size_t next(std::string_view text, std::size_t i, char32_t* cp,
                 bool* bad) {
  const auto* p = reinterpret_cast<const unsigned char*>(text.data());
  std::size_t len = utf8::decode(p + i, text.size() - i, cp);
  *bad = len == 0;
  if (*bad) {
    *cp = 0xFFFD;
    len = 1;
  }
  return len;
}

void append_hex(std::string* out, const char* format, unsigned value) {
  char buf[16];
  std::snprintf(buf, sizeof buf, format, value);
  *out += buf;
}

}  // namespace

bool is_unsafe_code_point(char32_t cp) {
  return cp < 0x20 || cp == 0x7F || (cp >= 0x80 && cp < 0xA0) ||
         cp == 0x2028 || cp == 0x2029 || is_bidi_control(cp);
}

std::string terminal_safe(std::string_view text) {
  std::string out;
  out.reserve(text.size());
  const auto* p = reinterpret_cast<const unsigned char*>(text.data());
  std::size_t i = 0;
  while (i < text.size()) {
    if (p[i] >= 0x20 && p[i] < 0x7F) {  // printable ASCII: the common case
      out += static_cast<char>(p[i++]);
      continue;
    }
    char32_t cp = 0;
    bool bad = false;
    const std::size_t len = next(text, i, &cp, &bad);
    if (cp == '\t' || cp == '\n' || cp == '\r') {
      out += ' ';
    } else if (is_unsafe_code_point(cp)) {
      // Never reaches the terminal.
    } else if (bad) {
      utf8::append(&out, cp);
    } else {
      out.append(text.substr(i, len));
    }
    i += len;
  }
  return out;
}

bool needs_escaping(std::string_view text) {
  const auto* p = reinterpret_cast<const unsigned char*>(text.data());
  for (std::size_t i = 0; i < text.size();) {
    if (p[i] >= 0x20 && p[i] < 0x7F) {
      ++i;
      continue;
    }
    char32_t cp = 0;
    bool bad = false;
    i += next(text, i, &cp, &bad);
    if (bad || is_unsafe_code_point(cp)) return true;
  }
  return false;
}

std::string escaped(std::string_view text) {
  if (!needs_escaping(text)) return std::string(text);
  std::string out;
  out.reserve(text.size() + 16);
  const auto* p = reinterpret_cast<const unsigned char*>(text.data());
  for (std::size_t i = 0; i < text.size();) {
    char32_t cp = 0;
    bool bad = false;
    const std::size_t len = next(text, i, &cp, &bad);
    if (bad) {
      append_hex(&out, "\\x%02x", p[i]);
    } else if (cp == '\\') {
      out += "\\\\";
    } else if (cp == '\t') {
      out += "\\t";
    } else if (cp == '\n') {
      out += "\\n";
    } else if (cp == '\r') {
      out += "\\r";
    } else if (cp < 0x20 || cp == 0x7F) {
      append_hex(&out, "\\x%02x", static_cast<unsigned>(cp));
    } else if (is_unsafe_code_point(cp)) {
      append_hex(&out, "\\u%04x", static_cast<unsigned>(cp));
    } else {
      out.append(text.substr(i, len));
    }
    i += len;
  }
  return out;
}

std::string json_escape_controls(std::string json) {
  // Every code point concerned starts with one of these bytes; most JSON
  // holds none, and is returned as it is.
  auto lead = [](unsigned char c) {
    return c == 0x7F || c == 0xC2 || c == 0xD8 || c == 0xE2;
  };
  std::size_t first = 0;
  while (first < json.size() &&
         !lead(static_cast<unsigned char>(json[first]))) {
    ++first;
  }
  if (first == json.size()) return json;
  std::string out(json, 0, first);
  out.reserve(json.size() + 16);
  for (std::size_t i = first; i < json.size();) {
    if (!lead(static_cast<unsigned char>(json[i]))) {
      out += json[i++];
      continue;
    }
    char32_t cp = 0;
    bool bad = false;
    const std::size_t len = next(json, i, &cp, &bad);
    if (!bad && is_unsafe_code_point(cp)) {
      append_hex(&out, "\\u%04x", static_cast<unsigned>(cp));
    } else {
      out.append(json, i, len);
    }
    i += len;
  }
  return out;
}

int display_width(char32_t cp) {
  if (cp < 0x300) return 1;
  const auto c = static_cast<UChar32>(cp);
  const int cat = u_charType(c);
  if (cat == U_NON_SPACING_MARK || cat == U_ENCLOSING_MARK ||
      cat == U_FORMAT_CHAR) {
    return 0;
  }
  const int ea = u_getIntPropertyValue(c, UCHAR_EAST_ASIAN_WIDTH);
  return ea == U_EA_WIDE || ea == U_EA_FULLWIDTH ? 2 : 1;
}

std::size_t display_width(std::string_view text) {
  std::size_t cells = 0;
  for (std::size_t i = 0; i < text.size();) {
    if (text[i] == '\x1b' && i + 1 < text.size() && text[i + 1] == '[') {
      const std::size_t m = text.find('m', i);
      i = m == std::string_view::npos ? text.size() : m + 1;
      continue;
    }
    char32_t cp = 0;
    bool bad = false;
    i += next(text, i, &cp, &bad);
    cells += static_cast<std::size_t>(display_width(cp));
  }
  return cells;
}

std::string wrap_words(std::string_view text, std::size_t width,
                       std::string_view indent, std::size_t start) {
  if (width == 0) return std::string(text);
  const std::size_t margin = display_width(indent);
  const std::size_t limit = std::max(width, margin + 10);
  std::string out;
  std::size_t used = start;  // cells on the current line
  bool empty_line = true;    // nothing of `text` on it yet
  std::size_t i = 0;
  while (i < text.size()) {
    const std::size_t end = std::min(text.find(' ', i), text.size());
    const std::string_view word = text.substr(i, end - i);
    i = end + 1;
    if (word.empty()) continue;  // spaces run together
    const std::size_t cells = display_width(word);
    if (!empty_line && used + 1 + cells > limit) {
      out += '\n';
      out += indent;
      used = margin;
    } else if (!empty_line) {
      out += ' ';
      ++used;
    }
    out += word;
    used += cells;
    empty_line = false;
  }
  return out;
}

}  // namespace lede
