#pragma once
// What the libFuzzer targets share: the input as text, a check that stops
// the run with a message (libFuzzer then saves the input), and the
// properties every parsed article must have.
#include <cstdio>
#include <cstdlib>
#include <string>
#include <string_view>

#include "common/article.h"
#include "common/document_data.h"
#include "common/utf8.h"
#include "indexer/formats.h"

namespace lede::fuzz {

inline std::string_view text_of(const std::uint8_t* data, std::size_t size) {
  return {reinterpret_cast<const char*>(data), size};
}

// Stops the run (a crash for libFuzzer) when `ok` is false.
// `detail` is printed with bytes outside printable ASCII as \xHH.
inline void require(bool ok, const char* what, std::string_view detail = {}) {
  if (ok) return;
  std::fprintf(stderr, "fuzz check failed: %s [", what);
  for (unsigned char c : detail) {
    if (c >= 0x20 && c < 0x7F && c != '\\') {
      std::fputc(c, stderr);
    } else {
      std::fprintf(stderr, "\\x%02X", c);
    }
  }
  std::fprintf(stderr, "]\n");
  std::abort();
}

inline bool valid_utf8(std::string_view s) {
  std::size_t i = 0;
  while (i < s.size()) {
    char32_t cp = 0;
    const std::size_t n = utf8::decode(
        reinterpret_cast<const unsigned char*>(s.data()) + i, s.size() - i,
        &cp);
    if (n == 0) return false;
    i += n;
  }
  return true;
}

// A one-line field: valid UTF-8, no ASCII white space but single blanks
// inside, none at either end (formats.h: "trimmed ... collapsed").
inline void require_one_line(std::string_view s, const char* what) {
  require(valid_utf8(s), what, s);
  for (std::size_t i = 0; i < s.size(); ++i) {
    const char c = s[i];
    const bool space = c == ' ' || c == '\t' || c == '\n' || c == '\r' ||
                       c == '\f' || c == '\v';
    if (!space) continue;
    require(c == ' ' && i > 0 && i + 1 < s.size() && s[i + 1] != ' ', what, s);
  }
}

// What indexer/formats.h promises of every article it gives, and that the
// document data codec gives it back unchanged.
inline void require_good_article(const Article& a) {
  require(!a.title.empty() || !a.body.empty(), "article without title or text");
  require(valid_utf8(a.body), "body not UTF-8", a.body);
  require_one_line(a.title, "title");
  require_one_line(a.author, "author");
  require_one_line(a.source, "source");
  require_one_line(a.url, "url");
  require_one_line(a.id, "id");
  require_one_line(a.date_raw, "date_raw");
  for (const std::string& tag : a.tags) {
    require(!tag.empty(), "empty tag");
    require_one_line(tag, "tag");
  }
  // The authors of a list and the fields of the database's own are indexed,
  // not stored apart (common/article.h): all else comes back.
  Article stored = a;
  stored.authors.clear();
  stored.fields.clear();
  require(decode_document_data(encode_document_data(a)) == stored,
          "document data does not round-trip", a.id);
}

// Parses `bytes` as `format` and checks every article and problem.
inline void parse_and_check(std::string_view bytes, indexer::Format format,
                            const indexer::FieldMap& fields = {}) {
  const indexer::Parsed parsed =
      indexer::parse(bytes, format, "fuzz", "fuzz", fields);
  for (const Article& a : parsed.articles) require_good_article(a);
  for (const indexer::Problem& p : parsed.problems) {
    require(!p.message.empty(), "problem without a message");
  }
}

}  // namespace lede::fuzz
