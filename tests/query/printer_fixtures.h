#pragma once
// Hand-made hits and summaries for the printer tests: printers see only
// these plain structs, so no database is needed.
#include <sstream>
#include <string>

#include "query/hit.h"
#include "query/printer.h"

namespace lede::query::testing {

// A fully populated hit: every field set, one highlighted snippet with a
// multi-byte character before the match (so byte and character offsets
// differ), a highlighted title.
inline Hit full_hit() {
  Hit h;
  h.rank = 1;
  h.score = 7.123456;
  h.article.id = "htw-2020-1130";
  h.article.title = "Insurer-backed data exchange";
  h.article.source = "HealthTech Wire";
  h.article.author = "Marta Elling";
  h.article.date = "2020-11-30T09:30:00Z";
  h.article.url = "https://example.test/a";
  h.article.path = "feeds/newswire.jsonl";
  h.article.line = 2;
  h.article.tags = {"payers", "data sharing"};
  h.title.text = "Insurer-backed data exchange";
  h.title.highlights = {{15, 19}};
  h.snippets.push_back(
      {"\xE2\x80\xA6" "said “patient data” here\xE2\x80\xA6", {{11, 23}}});
  return h;
}

// A hit with nothing but an id and a path (a file without metadata).
inline Hit bare_hit() {
  Hit h;
  h.rank = 2;
  h.score = 1.5;
  h.article.id = "notes/plain.txt";
  h.article.path = "notes/plain.txt";
  return h;
}

inline SearchSummary summary(std::size_t total = 2, bool exact = true) {
  SearchSummary s;
  s.qid = "1";
  s.query = "patient data";
  s.total = total;
  s.total_exact = exact;
  return s;
}

// Runs `hits` for one query through `printer` and returns what it wrote.
template <typename Make>
std::string print(Make make, const PrintOptions& options,
                  const SearchSummary& s, const std::vector<Hit>& hits) {
  std::ostringstream out;
  auto printer = make(out, options);
  printer->begin(s);
  for (const Hit& h : hits) printer->hit(h);
  printer->end(s);
  printer->finish();
  return out.str();
}

}  // namespace lede::query::testing
