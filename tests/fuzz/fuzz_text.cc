// libFuzzer target: any bytes as document text through the analyzer, the
// snippet generator and the highlighter, with a query made from a slice of
// the same bytes. Must never crash or trip a sanitizer, and every
// highlight range must lie inside its snippet on UTF-8 boundaries, and
// Analyzer::analyze must give the tokens of Analyzer::analyze_icu.
#include <cstdlib>
#include <string_view>

#include "common/snippet.h"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data,
                                      std::size_t size) {
  static lede::Analyzer analyzer;
  const std::string_view text(reinterpret_cast<const char*>(data), size);
  std::vector<lede::Token> tokens;
  const std::uint32_t end = analyzer.analyze(text, &tokens);
  // The fast path agrees with ICU's, token for token.
  std::vector<lede::Token> reference;
  if (analyzer.analyze_icu(text, &reference) != end || reference != tokens) {
    std::abort();
  }
  std::vector<lede::HighlightTerm> terms;
  for (std::size_t i = 0; i < tokens.size() && i < 4; ++i) {
    terms.push_back({{tokens[i].term}, i % 2 == 0});
  }
  if (tokens.size() >= 2) {
    terms.push_back({{tokens[0].term, tokens[1].term}, false});
  }
  lede::SnippetOptions options;
  options.count = 2;
  options.length = 20 + size % 80;
  auto check = [](const lede::Snippet& s) {
    for (const lede::ByteRange& r : s.highlights) {
      if (r.begin > r.end || r.end > s.text.size()) std::abort();
      for (std::uint32_t at : {r.begin, r.end}) {
        if (at < s.text.size() &&
            (static_cast<unsigned char>(s.text[at]) & 0xC0) == 0x80) {
          std::abort();
        }
      }
    }
  };
  for (const lede::Snippet& s :
       lede::make_snippets(text, terms, options, &analyzer)) {
    check(s);
  }
  check(lede::highlight_all(text, terms, &analyzer));
  return 0;
}
