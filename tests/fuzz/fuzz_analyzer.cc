// libFuzzer target: any bytes as text through the analyzer. Must never
// crash or trip a sanitizer; Analyzer::analyze must give the tokens of
// Analyzer::analyze_icu (its fast path agrees with ICU's); every token is a
// non-empty term of at most kMaxTermBytes bytes of valid UTF-8, inside the
// text, in text order, with positions that never go down.
#include "common/analyzer.h"
#include "tests/fuzz/fuzz_util.h"

using lede::fuzz::require;

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data,
                                      std::size_t size) {
  static lede::Analyzer analyzer;
  const std::string_view text = lede::fuzz::text_of(data, size);
  std::vector<lede::Token> tokens;
  lede::AnalysisStats stats;
  const std::uint32_t end = analyzer.analyze(text, &tokens, 7, &stats);
  std::vector<lede::Token> reference;
  require(analyzer.analyze_icu(text, &reference, 7) == end,
          "analyze and analyze_icu end at different positions");
  require(reference == tokens, "analyze and analyze_icu disagree");
  require(stats.invalid_utf8 <= size, "more bytes replaced than given");
  std::uint32_t last_begin = 0, last_position = 7;
  for (const lede::Token& t : tokens) {
    require(!t.term.empty(), "empty term");
    require(t.term.size() <= lede::kMaxTermBytes, "term too long", t.term);
    require(lede::fuzz::valid_utf8(t.term), "term not UTF-8", t.term);
    require(t.begin < t.end && t.end <= size, "token outside the text");
    require(t.position >= last_position || t.is_compound(),
            "positions go down");
    require(t.position < end, "position past the returned end");
    require(t.begin >= last_begin || t.is_compound(), "tokens out of order");
    if (!t.is_compound()) {
      last_begin = t.begin;
      last_position = t.position;
    }
    if (t.stemmable()) (void)analyzer.stem(t.term);
  }
  return 0;
}
