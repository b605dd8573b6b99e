// libFuzzer target: any bytes as document text through the snippet
// generator and the highlighter, with a query made from the text's own
// words (single, stemmed or not, and a phrase). Must never crash or trip a
// sanitizer; every snippet is valid UTF-8 when the text is, its highlight
// ranges sorted, disjoint and inside it on UTF-8 boundaries, and there are
// at most options.count snippets.
#include "common/snippet.h"
#include "tests/fuzz/fuzz_util.h"

using lede::fuzz::require;

namespace {

void check(const lede::Snippet& s, bool utf8_text) {
  require(!utf8_text || lede::fuzz::valid_utf8(s.text), "snippet not UTF-8",
          s.text);
  std::uint32_t last_end = 0;
  for (const lede::ByteRange& r : s.highlights) {
    require(r.begin < r.end && r.end <= s.text.size(),
            "highlight outside its snippet");
    require(r.begin >= last_end, "highlights overlap or are out of order");
    last_end = r.end;
    for (std::uint32_t at : {r.begin, r.end}) {
      require(at == s.text.size() ||
                  (static_cast<unsigned char>(s.text[at]) & 0xC0) != 0x80,
              "highlight cuts a character");
    }
  }
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data,
                                      std::size_t size) {
  static lede::Analyzer analyzer;
  const std::string_view text = lede::fuzz::text_of(data, size);
  const bool utf8_text = lede::fuzz::valid_utf8(text);
  std::vector<lede::Token> tokens;
  analyzer.analyze(text, &tokens);
  std::vector<lede::HighlightTerm> terms;
  for (std::size_t i = 0; i < tokens.size() && i < 4; ++i) {
    terms.push_back({{tokens[i].term}, i % 2 == 0});
  }
  if (tokens.size() >= 2) {
    terms.push_back({{tokens[0].term, tokens[1].term}, false});
  }
  terms.push_back({{"news"}, true});
  lede::SnippetOptions options;
  options.count = 1 + size % 3;
  options.length = 20 + size % 80;
  const std::vector<lede::Snippet> snippets =
      lede::make_snippets(text, terms, options, &analyzer);
  require(snippets.size() <= options.count, "too many snippets");
  for (const lede::Snippet& s : snippets) check(s, utf8_text);
  check(lede::highlight_all(text, terms, &analyzer), utf8_text);
  (void)lede::find_matches(text, terms, &analyzer);
  return 0;
}
