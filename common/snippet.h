#pragma once
// Snippets: stored text + what the query matched -> fragments with
// highlight ranges. The text is re-tokenised with the same Analyzer that
// indexed it, so a highlight marks exactly what the analyzer matched
// (stems, folded accents, CJK words, phrases as one span). No markup: a
// Snippet is data, and the printers decide how highlights look.
#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "common/analyzer.h"

namespace lede {

// One thing a query looks for in text, in analyzer terms.
struct HighlightTerm {
  // Normalised words (Token::term). One word, or several for a phrase
  // (which then highlights only where the words occur in sequence).
  std::vector<std::string> words;
  // A single word matches every token with the same stem.
  bool stemmed = false;

  bool operator==(const HighlightTerm&) const = default;
};

struct ByteRange {
  std::uint32_t begin = 0;
  std::uint32_t end = 0;
  bool operator==(const ByteRange&) const = default;
};

struct Snippet {
  std::string text;                    // whitespace collapsed, "…" at cuts
  std::vector<ByteRange> highlights;   // into `text`, sorted, disjoint;
                                       // matches with only a space between
                                       // them are one range
  bool operator==(const Snippet&) const = default;
};

struct SnippetOptions {
  std::size_t count = 2;     // at most this many fragments
  std::size_t length = 160;  // about this many characters each
  // Analyse only the stretches of text that may hold a match, and the
  // words around the fragments (same snippets; false analyses all of the
  // text, the reference the tests hold it to).
  bool skim = true;
};

// Where `terms` occur in `text`: sorted, disjoint byte ranges (a phrase
// gives one range from its first word to its last).
std::vector<ByteRange> find_matches(std::string_view text,
                                    const std::vector<HighlightTerm>& terms,
                                    Analyzer* analyzer);

// Up to options.count fragments of `text` where the matches are densest
// (the most distinct terms, then the most matches), in text order, each cut
// at word boundaries with "…" where text was left out. When nothing
// matches, one fragment from the start of the text. Empty text gives none.
std::vector<Snippet> make_snippets(std::string_view text,
                                   const std::vector<HighlightTerm>& terms,
                                   const SnippetOptions& options,
                                   Analyzer* analyzer);

// The whole of a short text (a title) with its matches highlighted and its
// whitespace collapsed.
Snippet highlight_all(std::string_view text,
                      const std::vector<HighlightTerm>& terms,
                      Analyzer* analyzer);

}  // namespace lede
