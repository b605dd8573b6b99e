#pragma once
// Small ASCII text helpers the indexer's readers and parsers share (plain
// text headers, front matter, HTML metadata, dates, error messages). Only
// ASCII is touched: bytes >= 0x80 pass through as they are.
#include <string>
#include <string_view>

namespace lede::indexer {

// Space, tab, CR, LF, form feed, vertical tab.
constexpr bool is_ascii_space(char c) {
  return c == ' ' || c == '\t' || c == '\r' || c == '\n' || c == '\f' ||
         c == '\v';
}

constexpr char ascii_lower(char c) {
  return c >= 'A' && c <= 'Z' ? static_cast<char>(c - 'A' + 'a') : c;
}

// `s` with A-Z lowered.
std::string lower(std::string_view s);

// Whether `a` and `b` are equal ignoring the case of A-Z.
bool equals_ci(std::string_view a, std::string_view b);

// `s` without leading and trailing ASCII white space.
std::string_view trim(std::string_view s);

// `s` trimmed, with each run of ASCII white space inside made one blank.
std::string collapse_space(std::string_view s);

// The next line of `text` from *pos (without its \n or \r\n) into *line,
// advancing *pos; false at the end of `text`.
bool next_line(std::string_view text, std::size_t* pos, std::string_view* line);

// strerror(err) starting with a lower-case letter ("no such file or
// directory"), for messages of the form "PATH: cannot read: ...". An
// initialism ("EOF ...") keeps its case.
std::string errno_message(int err);

}  // namespace lede::indexer
