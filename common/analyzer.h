#pragma once
// The text analyzer: UTF-8 text in, normalised tokens with byte offsets out.
//
// This is the one place where lede decides what a "word" is. The indexer,
// the query builder and the snippet highlighter all call it, so a term that
// was indexed is exactly the term a query asks for and the highlighter marks
// exactly what matched. It knows nothing about Xapian databases, prefixes or
// output; `common/terms.h` turns tokens into Xapian terms.
//
// The rules (also documented in man/lede.7, "TEXT ANALYSIS"):
//  * Segmentation: ICU word boundaries (UAX #29, with ICU's dictionaries for
//    Chinese, Japanese, Thai, Khmer...). Only segments ICU marks as words
//    (letters, numbers, kana, ideographs) become tokens; punctuation, spaces,
//    symbols ($, %), emoji and control characters never do.
//  * CJK runs: a run of Han, kana or Hangul words with nothing between them
//    ("北京市政府", ICU's words 北京市 and 政府; a Korean word such as
//    "서울시청에서", which ICU does not divide) gives the bigrams of its
//    characters as its tokens, one position each ("北京" "京市" "市政"
//    "政府"; a run of one character gives that character), so that any
//    word inside the run is found: 北京 is one bigram, 市政府 the phrase
//    市政 政府. ICU's dictionary words that are not bigrams (北京市; a
//    one-character word such as 的 inside a longer run) are tokens too,
//    beside the bigrams like a compound (TokenKind::kCjkWord): at the
//    position of their first bigram, never part of a phrase. Characters
//    are grapheme clusters, each normalised as below (half-width katakana
//    become full-width: "ｶﾞ" is "ガ").
//  * Normalisation: NFKC with case folding (ligatures, full-width forms,
//    "Straße" -> "strasse"), then accent folding (diacritics on Latin and
//    Greek letters are dropped: "Zürich" -> "zurich"; marks that carry
//    meaning in other scripts stay) and a small table for letters without a
//    decomposition: ł ø đ ð þ æ œ ı ħ ŧ.
//  * Apostrophes: ’ ʼ ＇ are the same as '. A trailing possessive 's or ' is
//    dropped ("Clinic’s" -> "clinic"); an inner one is kept ("don't").
//  * Dotted acronyms lose their dots ("U.S." -> "us", "e.g." -> "eg").
//  * Numbers keep decimal points and lose digit-group commas
//    ("155,221" -> "155221", "13.5" -> "13.5"); "1980s" stays one token.
//  * Hyphenated words ("e-mail", "COVID-19", "de-identified") give their
//    parts as ordinary tokens (e, mail) *and* one compound token with the
//    parts joined ("email"), at the position of the first part, so both
//    "e mail" and "email" find them.
//  * Invalid UTF-8 bytes become U+FFFD (counted, never a token).
//  * Tokens longer than kMaxTermBytes after normalisation are dropped
//    (counted): Xapian limits terms to 245 bytes.
#include <cstdint>
#include <memory>
#include <string>
#include <string_view>
#include <vector>

namespace lede {

// What the analyzer does, beyond its fixed rules. Stored in the database by
// lede-index and read back by lede-query, never re-specified on the query
// side (see common/index_meta.h).
struct AnalyzerConfig {
  // A Snowball stemmer name as Xapian spells it ("english", "german",
  // "spanish", ...), or "none" to turn stemming off.
  std::string language = "english";

  // "analyzer=<version>;language=<language>". Changing any rule of the
  // analyzer bumps kAnalyzerVersion so that old databases are refused
  // rather than silently disagreeing with new queries.
  [[nodiscard]] std::string serialize() const;

  // Parses what serialize() wrote. Throws lede::Error when `text` is not of
  // that form or names another analyzer version.
  static AnalyzerConfig parse(std::string_view text);

  // Throws lede::UsageError when `language` is not a stemmer Xapian knows.
  void validate() const;

  bool operator==(const AnalyzerConfig&) const = default;
};

// 2: CJK runs give character bigrams, and dictionary words beside them.
inline constexpr int kAnalyzerVersion = 2;
inline constexpr std::size_t kMaxTermBytes = 64;

enum class TokenKind : std::uint8_t {
  kWord,      // letters, possibly with digits ("mayo", "1980s")
  kNumber,    // digits ("321", "13.5")
  kCjk,       // two characters of a CJK run ("数据"), or a run's only one
  kCjkWord,   // a dictionary word of a CJK run that is not one of its
              // bigrams ("北京市", "的"), beside them
  kCompound,  // joined hyphenated parts ("email" from "e-mail")
};

struct Token {
  std::string term;         // normalised, never empty
  std::uint32_t begin = 0;  // byte offsets into the analyzed text:
  std::uint32_t end = 0;    //   [begin, end) covers the original surface form
  std::uint32_t position = 0;
  TokenKind kind = TokenKind::kWord;

  // Compound tokens (joined hyphenated parts, CJK dictionary words) stand
  // beside the tokens they span and repeat the position of the first.
  // Phrases are built from the other tokens only.
  [[nodiscard]] bool is_compound() const {
    return kind == TokenKind::kCompound || kind == TokenKind::kCjkWord;
  }
  // Whether the stemmer applies (letters, not numbers or CJK).
  [[nodiscard]] bool stemmable() const {
    return kind == TokenKind::kWord || kind == TokenKind::kCompound;
  }
  bool operator==(const Token&) const = default;
};

// Counters that a caller can add up over a whole corpus.
struct AnalysisStats {
  std::uint64_t invalid_utf8 = 0;  // bytes replaced by U+FFFD
  std::uint64_t dropped_long = 0;  // tokens over kMaxTermBytes
};

// Thread safety: an Analyzer holds ICU and Xapian state and must not be used
// by two threads at once. Give each thread its own (construction is cheap
// after the first: ICU caches its rules).
class Analyzer {
 public:
  // Throws lede::UsageError if config.language is unknown. ICU's break
  // iterator and normalizers are set up when first needed; analyze() throws
  // lede::Error if ICU cannot create them.
  explicit Analyzer(const AnalyzerConfig& config = {});
  ~Analyzer();
  Analyzer(const Analyzer&) = delete;
  Analyzer& operator=(const Analyzer&) = delete;

  // Appends the tokens of `text`, in text order, to `*out` (a compound
  // token comes right after the token that holds its last character). The
  // first word gets `first_position`; returns the position after the last
  // word. Offsets are relative to `text` (which need not be valid UTF-8).
  // `stats`, when given, is incremented.
  //
  // Plain ASCII words and numbers between whitespace (most of English
  // news) are tokenized directly; the other stretches of text go through
  // ICU (analyze_icu). Chunks between ASCII whitespace are independent for
  // ICU's rules here (no word, hyphen chain or dictionary run crosses
  // whitespace), so the two give the same tokens: tests hold them equal
  // over the sample corpus and Reuters.
  std::uint32_t analyze(std::string_view text, std::vector<Token>* out,
                        std::uint32_t first_position = 0,
                        AnalysisStats* stats = nullptr);

  // analyze() with all of `text` through ICU: the reference that analyze()
  // agrees with, token for token.
  std::uint32_t analyze_icu(std::string_view text, std::vector<Token>* out,
                            std::uint32_t first_position = 0,
                            AnalysisStats* stats = nullptr);

  // The stem of a normalised term, or the term itself when stemming is off.
  // Cached: the same few thousand words make up most of any corpus. The
  // reference is valid until the next call.
  [[nodiscard]] const std::string& stem(const std::string& term);

  // Whether stemming is on (language != "none").
  [[nodiscard]] bool stems() const { return stemmer_ != nullptr; }

  [[nodiscard]] const AnalyzerConfig& config() const { return config_; }

 private:
  struct Icu;
  struct Stemmer;
  // One word of a CJK run: its UTF-16 range in buf_.
  struct CjkWord {
    std::size_t from = 0;
    std::size_t to = 0;
  };
  // One character of a CJK run, normalised, and where it is in the text.
  struct CjkChar {
    std::string text;
    std::uint32_t begin = 0;
    std::uint32_t end = 0;
  };
  Icu& icu();  // creates icu_ at first use
  bool normalize(std::size_t from, std::size_t to, bool ascii,
                 std::string* term);
  // The tokens of the CJK run of words `run` (see "CJK runs" above), from
  // `*position` on; advances *position past them.
  void add_cjk_run(const std::vector<CjkWord>& run, std::vector<Token>* out,
                   std::uint32_t* position, AnalysisStats* stats);
  // Appends the characters of buf_[from, to) (grapheme clusters,
  // normalised) to cjk_chars_.
  void add_cjk_chars(std::size_t from, std::size_t to);

  AnalyzerConfig config_;
  std::unique_ptr<Icu> icu_;
  std::unique_ptr<Stemmer> stemmer_;
  // The stem cache: open addressing over stem_entries_. A slot is 0 when
  // empty, else the high 32 bits of the term's hash and the entry's index
  // + 1; a flat array of slots finds a term with fewer cache misses than a
  // node-based map (stem() was 6% of indexing Reuters with one).
  struct StemEntry {
    std::string term;
    std::string stem;
  };
  std::vector<std::uint64_t> stem_slots_;
  std::vector<StemEntry> stem_entries_;
  std::u16string buf_;                // text as UTF-16
  std::vector<std::uint32_t> offset_; // UTF-16 index -> byte offset
  bool chars_set_ = false;            // icu_->chars iterates buf_
  std::vector<CjkChar> cjk_chars_;    // scratch for add_cjk_run()
  std::vector<std::size_t> cjk_ends_;
};

// Normalises `text` and returns the terms of its tokens, joined by spaces.
// For tests and --show-query output.
std::string terms_of(Analyzer& analyzer, std::string_view text);

}  // namespace lede
