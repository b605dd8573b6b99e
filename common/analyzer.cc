#include "common/analyzer.h"

#include <unicode/brkiter.h>
#include <unicode/normalizer2.h>
#include <unicode/rbbi.h>
#include <unicode/uchar.h>
#include <unicode/ubrk.h>
#include <unicode/unistr.h>
#include <unicode/utext.h>
#include <xapian.h>

#include <algorithm>
#include <array>
#include <charconv>

#include "common/error.h"
#include "common/utf8.h"

namespace lede {

namespace {

constexpr char16_t kReplacement = 0xFFFD;

// Decodes UTF-8 into UTF-16, recording for every UTF-16 unit the byte offset
// where its code point starts (plus one final entry for the end). ICU's word
// break iterator is faster over UTF-16 than over UTF-8 through UText, and the
// map lets every token report offsets into the original bytes. Ill-formed
// sequences become one U+FFFD per offending byte.
void decode_utf8(std::string_view s, std::u16string* buf,
                 std::vector<std::uint32_t>* offset, std::uint64_t* bad) {
  buf->clear();
  offset->clear();
  buf->reserve(s.size());
  offset->reserve(s.size() + 1);
  const auto* p = reinterpret_cast<const unsigned char*>(s.data());
  const std::size_t n = s.size();
  std::size_t i = 0;
  char32_t cp = 0;
  while (i < n) {
    const auto at = static_cast<std::uint32_t>(i);
    if (p[i] < 0x80) {
      buf->push_back(p[i]);
      offset->push_back(at);
      ++i;
      continue;
    }
    const std::size_t len = utf8::decode(p + i, n - i, &cp);
    if (len == 0) {
      buf->push_back(kReplacement);
      offset->push_back(at);
      ++*bad;
      ++i;
      continue;
    }
    if (cp < 0x10000) {
      buf->push_back(static_cast<char16_t>(cp));
      offset->push_back(at);
    } else {
      cp -= 0x10000;
      buf->push_back(static_cast<char16_t>(0xD800 + (cp >> 10)));
      buf->push_back(static_cast<char16_t>(0xDC00 + (cp & 0x3FF)));
      offset->push_back(at);
      offset->push_back(at);
    }
    i += len;
  }
  offset->push_back(static_cast<std::uint32_t>(n));
}

bool is_apostrophe(char16_t c) {
  // ' and the characters UAX #29 lets inside a word like it: ’ ‘ ʼ ＇.
  return c == u'\'' || c == 0x2019 || c == 0x2018 || c == 0x02BC ||
         c == 0xFF07;
}

bool is_hyphen(char16_t c) {
  return c == u'-' || c == 0x2010 || c == 0x2011;
}

// Combining marks that accent folding removes, when they follow a Latin or
// Greek base letter. Marks of other scripts (Thai vowels, Devanagari matras,
// Japanese voicing marks) carry meaning and stay.
bool is_foldable_mark(char16_t c) {
  return (c >= 0x0300 && c <= 0x036F) || (c >= 0x1AB0 && c <= 0x1AFF) ||
         (c >= 0x1DC0 && c <= 0x1DFF) || (c >= 0x20D0 && c <= 0x20FF) ||
         (c >= 0xFE20 && c <= 0xFE2F);
}

bool is_latin_or_greek(char16_t c) {
  return c < 0x0250 || (c >= 0x1E00 && c <= 0x1EFF) ||
         (c >= 0x0370 && c <= 0x03FF) || (c >= 0x1F00 && c <= 0x1FFF);
}

// Letters that NFD does not decompose but that readers treat as accented
// forms of plain Latin letters.
const char16_t* fold_letter(char16_t c) {
  switch (c) {
    case 0x0142: return u"l";   // ł
    case 0x00F8: return u"o";   // ø
    case 0x0111: return u"d";   // đ
    case 0x00F0: return u"d";   // ð
    case 0x00FE: return u"th";  // þ
    case 0x00E6: return u"ae";  // æ
    case 0x0153: return u"oe";  // œ
    case 0x0131: return u"i";   // ı
    case 0x0127: return u"h";   // ħ
    case 0x0167: return u"t";   // ŧ
    default: return nullptr;
  }
}

// "u.s" -> "us": single letters separated by dots ("3.5" is a number).
bool is_dotted_acronym(const std::string& t) {
  if (t.size() < 3) return false;
  for (std::size_t i = 0; i < t.size(); ++i) {
    const bool want_dot = i % 2 == 1;
    const char c = t[i];
    if (want_dot ? c != '.' : !(c >= 'a' && c <= 'z')) {
      return false;
    }
  }
  return true;
}

// The last steps of normalising a word, after case folding, shared by the
// ICU path and the ASCII fast path. Returns false when nothing is left.
bool finish_term(std::string* term) {
  // Possessives: "clinic's" -> "clinic", "ross'" -> "ross".
  if (term->size() > 2 && term->ends_with("'s")) term->resize(term->size() - 2);
  while (!term->empty() && term->back() == '\'') term->pop_back();
  while (!term->empty() && term->front() == '\'') term->erase(0, 1);
  if (is_dotted_acronym(*term)) {
    std::erase(*term, '.');
  }
  // ICU lets a few symbols make a word on their own ("@", "_"): a term
  // needs a letter or a digit (any non-ASCII byte belongs to one here,
  // since ICU only marks letters, digits, kana and ideographs as words).
  return std::any_of(term->begin(), term->end(), [](char ch) {
    const auto c = static_cast<unsigned char>(ch);
    return c >= 0x80 || (c >= '0' && c <= '9') || (c >= 'a' && c <= 'z');
  });
}

TokenKind kind_of(int32_t status) {
  if (status >= UBRK_WORD_NUMBER && status < UBRK_WORD_NUMBER_LIMIT) {
    return TokenKind::kNumber;
  }
  return TokenKind::kWord;
}

bool is_hangul(char16_t c) {
  return (c >= 0xAC00 && c <= 0xD7A3) ||  // syllables
         (c >= 0x1100 && c <= 0x11FF) || (c >= 0x3130 && c <= 0x318F) ||
         (c >= 0xA960 && c <= 0xA97F) || (c >= 0xD7B0 && c <= 0xD7FF) ||
         (c >= 0xFFA0 && c <= 0xFFDC);  // jamo, half-width jamo
}

// Whether the word buf[from, to) with ICU rule status `status` belongs to
// a CJK run: ICU's kana and ideographic words (its dictionary's Chinese and
// Japanese words among them), and words of Hangul only (ICU's rules keep a
// Korean word between spaces whole, so it is a run of its own).
bool is_cjk_word(int32_t status, const char16_t* buf, std::size_t from,
                 std::size_t to) {
  if (status >= UBRK_WORD_KANA && status < UBRK_WORD_IDEO_LIMIT) return true;
  if (status < UBRK_WORD_LETTER || status >= UBRK_WORD_LETTER_LIMIT) {
    return false;
  }
  return std::all_of(buf + from, buf + to, is_hangul);
}

// Characters that normalisation leaves as they are (no compatibility or
// case mapping, nothing to fold): most CJK text is made of them, and they
// need no call to ICU's normalizers.
bool is_plain_cjk(char16_t c) {
  return (c >= 0x4E00 && c <= 0x9FFF) ||  // CJK unified ideographs
         (c >= 0x3041 && c <= 0x3096) ||  // hiragana
         (c >= 0x30A1 && c <= 0x30FA) || c == 0x30FC ||  // katakana, ー
         (c >= 0xAC00 && c <= 0xD7A3);    // Hangul syllables
}

}  // namespace

// --- AnalyzerConfig ---------------------------------------------------------

std::string AnalyzerConfig::serialize() const {
  return "analyzer=" + std::to_string(kAnalyzerVersion) +
         ";language=" + language;
}

AnalyzerConfig AnalyzerConfig::parse(std::string_view text) {
  AnalyzerConfig config;
  int version = -1;
  bool have_language = false;
  std::string_view rest = text;
  while (!rest.empty()) {
    const auto semi = rest.find(';');
    const std::string_view item = rest.substr(0, semi);
    rest = semi == std::string_view::npos ? std::string_view{}
                                          : rest.substr(semi + 1);
    const auto eq = item.find('=');
    if (eq == std::string_view::npos) {
      throw Error("analyzer settings are malformed: '" + std::string(text) +
                  "'");
    }
    const std::string_view key = item.substr(0, eq);
    const std::string_view value = item.substr(eq + 1);
    if (key == "analyzer") {
      auto [ptr, ec] =
          std::from_chars(value.data(), value.data() + value.size(), version);
      if (ec != std::errc() || ptr != value.data() + value.size()) {
        version = -1;
      }
    } else if (key == "language") {
      config.language = std::string(value);
      have_language = true;
    }
    // Unknown keys are ignored so that a later version can add settings
    // that do not change terms.
  }
  if (version != kAnalyzerVersion || !have_language) {
    throw Error("the index was built by analyzer version " +
                (version < 0 ? std::string("?") : std::to_string(version)) +
                " and this lede has version " +
                std::to_string(kAnalyzerVersion) + "; rebuild the index");
  }
  return config;
}

void AnalyzerConfig::validate() const {
  if (language == "none") return;
  try {
    Xapian::Stem probe(language);
  } catch (const Xapian::InvalidArgumentError&) {
    throw UsageError("unknown stemming language '" + language +
                     "' (known: none " + Xapian::Stem::get_available_languages() +
                     ")");
  }
}

// --- Analyzer ---------------------------------------------------------------

struct Analyzer::Icu {
  std::unique_ptr<icu::BreakIterator> words;
  std::unique_ptr<icu::BreakIterator> chars;  // grapheme clusters, for CJK
  const icu::Normalizer2* nfkc_cf = nullptr;
  const icu::Normalizer2* nfd = nullptr;
  const icu::Normalizer2* nfc = nullptr;
  UText* text = nullptr;
  icu::UnicodeString scratch;
  icu::UnicodeString folded;
  icu::UnicodeString decomposed;

  ~Icu() {
    if (text != nullptr) utext_close(text);
  }
};

struct Analyzer::Stemmer {
  explicit Stemmer(const std::string& language) : stem(language) {}
  Xapian::Stem stem;
};

Analyzer::Analyzer(const AnalyzerConfig& config) : config_(config) {
  config_.validate();
  if (config_.language != "none") {
    stemmer_ = std::make_unique<Stemmer>(config_.language);
  }
}

Analyzer::Icu& Analyzer::icu() {
  if (icu_) return *icu_;
  // Set up at first use: text of plain ASCII words never needs ICU (see
  // analyze()), and a lede-query run that prints no snippets then spares
  // the process ICU's data pages and set-up.
  auto icu = std::make_unique<Icu>();
  UErrorCode err = U_ZERO_ERROR;
  icu->words.reset(
      icu::BreakIterator::createWordInstance(icu::Locale::getRoot(), err));
  check_icu(err, "BreakIterator::createWordInstance");
  icu->nfkc_cf = icu::Normalizer2::getNFKCCasefoldInstance(err);
  check_icu(err, "Normalizer2::getNFKCCasefoldInstance");
  icu->nfd = icu::Normalizer2::getNFDInstance(err);
  check_icu(err, "Normalizer2::getNFDInstance");
  icu->nfc = icu::Normalizer2::getNFCInstance(err);
  check_icu(err, "Normalizer2::getNFCInstance");
  icu_ = std::move(icu);
  return *icu_;
}

Analyzer::~Analyzer() = default;

namespace {

// Bounded: a corpus of random strings must not grow the cache forever.
constexpr std::size_t kMaxCachedStems = 200'000;
constexpr std::size_t kFirstStemSlots = 1 << 12;

// The slot for an entry: the hash's high half and the index + 1.
std::uint64_t stem_slot(std::uint64_t hash, std::size_t index) {
  return (hash & 0xFFFFFFFF00000000ull) | (index + 1);
}

// Puts `slot` in the first free place for `hash` (linear probing).
void put_stem_slot(std::vector<std::uint64_t>* slots, std::uint64_t hash,
                   std::uint64_t slot) {
  const std::size_t mask = slots->size() - 1;
  std::size_t i = hash & mask;
  while ((*slots)[i] != 0) i = (i + 1) & mask;
  (*slots)[i] = slot;
}

}  // namespace

const std::string& Analyzer::stem(const std::string& term) {
  if (!stemmer_) return term;
  const std::uint64_t hash = std::hash<std::string>{}(term);
  if (!stem_slots_.empty()) {
    const std::size_t mask = stem_slots_.size() - 1;
    for (std::size_t i = hash & mask; stem_slots_[i] != 0; i = (i + 1) & mask) {
      const std::uint64_t slot = stem_slots_[i];
      if ((slot ^ hash) >> 32 != 0) continue;
      const StemEntry& e = stem_entries_[(slot & 0xFFFFFFFFu) - 1];
      if (e.term == term) return e.stem;
    }
  }
  if (stem_entries_.size() >= kMaxCachedStems) {
    stem_entries_.clear();
    stem_slots_.clear();
  }
  // At most half full: grow and re-insert.
  if (stem_slots_.empty() ||
      (stem_entries_.size() + 1) * 2 > stem_slots_.size()) {
    std::vector<std::uint64_t> slots(
        std::max(kFirstStemSlots, stem_slots_.size() * 2), 0);
    for (std::size_t k = 0; k < stem_entries_.size(); ++k) {
      const std::uint64_t h = std::hash<std::string>{}(stem_entries_[k].term);
      put_stem_slot(&slots, h, stem_slot(h, k));
    }
    stem_slots_ = std::move(slots);
  }
  put_stem_slot(&stem_slots_, hash, stem_slot(hash, stem_entries_.size()));
  stem_entries_.push_back({term, stemmer_->stem(term)});
  return stem_entries_.back().stem;
}

// Normalises buf_[from, to) into *term. Returns false when nothing is left.
bool Analyzer::normalize(std::size_t from, std::size_t to, bool ascii,
                         std::string* term) {
  term->clear();
  if (ascii) {
    term->reserve(to - from);
    for (std::size_t i = from; i < to; ++i) {
      char c = static_cast<char>(buf_[i]);
      if (c >= 'A' && c <= 'Z') c = static_cast<char>(c - 'A' + 'a');
      term->push_back(c);
    }
  } else {
    Icu& icu = this->icu();
    icu.scratch.setTo(buf_.data() + from, static_cast<int32_t>(to - from));
    for (int32_t i = 0; i < icu.scratch.length(); ++i) {
      if (is_apostrophe(icu.scratch.charAt(i))) icu.scratch.setCharAt(i, u'\'');
    }
    UErrorCode err = U_ZERO_ERROR;
    icu.nfkc_cf->normalize(icu.scratch, icu.folded, err);
    check_icu(err, "Normalizer2::normalize (NFKC_Casefold)");
    bool all_ascii = true;
    for (int32_t i = 0; i < icu.folded.length(); ++i) {
      if (icu.folded.charAt(i) >= 0x80) {
        all_ascii = false;
        break;
      }
    }
    if (!all_ascii) {
      icu.nfd->normalize(icu.folded, icu.decomposed, err);
      check_icu(err, "Normalizer2::normalize (NFD)");
      icu.scratch.remove();
      char16_t base = 0;
      for (int32_t i = 0; i < icu.decomposed.length(); ++i) {
        const char16_t c = icu.decomposed.charAt(i);
        if (is_foldable_mark(c) && is_latin_or_greek(base)) continue;
        if (const char16_t* repl = fold_letter(c)) {
          icu.scratch.append(repl, -1);
        } else {
          icu.scratch.append(c);
        }
        base = c;
      }
      icu.nfc->normalize(icu.scratch, icu.folded, err);
      check_icu(err, "Normalizer2::normalize (NFC)");
    }
    icu.folded.toUTF8String(*term);
  }

  return finish_term(term);
}

namespace {

// What the fast path asks of an ASCII byte, one table lookup each.
enum CharClass : std::uint8_t {
  kSpace = 1,
  kLetter = 2,
  kDigit = 4,
  // ASCII that UAX #29 never joins to a word before it (opening) or after
  // it (closing) when whitespace or the end is on the other side.
  kOpening = 8,
  kClosing = 16,
};

constexpr std::array<std::uint8_t, 256> make_char_classes() {
  std::array<std::uint8_t, 256> t{};
  for (char c : {' ', '\t', '\n', '\r', '\f', '\v'}) t[static_cast<unsigned char>(c)] |= kSpace;
  for (int c = 'a'; c <= 'z'; ++c) t[c] |= kLetter;
  for (int c = 'A'; c <= 'Z'; ++c) t[c] |= kLetter;
  for (int c = '0'; c <= '9'; ++c) t[c] |= kDigit;
  for (char c : {'(', '[', '{', '"', '\'', '$'}) t[static_cast<unsigned char>(c)] |= kOpening;
  for (char c : {'.', ',', ';', ':', '!', '?', ')', ']', '}', '"', '\'', '%'}) {
    t[static_cast<unsigned char>(c)] |= kClosing;
  }
  return t;
}
constexpr std::array<std::uint8_t, 256> kCharClasses = make_char_classes();

bool is_class(char c, std::uint8_t classes) {
  return (kCharClasses[static_cast<unsigned char>(c)] & classes) != 0;
}
bool is_ascii_space(char c) { return is_class(c, kSpace); }
bool is_ascii_letter(char c) { return is_class(c, kLetter); }
bool is_ascii_digit(char c) { return is_class(c, kDigit); }
bool is_opening(char c) { return is_class(c, kOpening); }
bool is_closing(char c) { return is_class(c, kClosing); }

// A whitespace-delimited chunk ICU would make exactly one plain token of
// (or none): opening marks, a core, then closing marks. The core is runs
// of ASCII letters and digits joined by single separators that UAX #29
// keeps inside a word: '.', ',' or '\'' between two digits ("1,000",
// "2.5", WB11/12), '.' or '\'' between two letters ("U.S", "don't",
// WB6/7); letters and digits next to each other join too ("1980s",
// WB9/10). Sets [core_begin, core_end), whether it has separators and
// whether it is a number: ICU's rule status says number when the core ends
// with a digit ("2.5", "m3"), letter otherwise ("1980s"). A chunk of
// closing/opening marks alone has no token at all (core empty).
bool simple_chunk(std::string_view c, std::size_t* core_begin,
                  std::size_t* core_end, bool* separated, bool* number) {
  std::size_t i = 0;
  while (i < c.size() && is_opening(c[i])) ++i;
  const std::size_t b = i;
  bool seps = false;
  for (;;) {
    while (i < c.size() && is_class(c[i], kLetter | kDigit)) ++i;
    if (i == b || i + 1 >= c.size()) break;
    const char sep = c[i];
    if (sep != '.' && sep != ',' && sep != '\'') break;
    const char before = c[i - 1];
    const char after = c[i + 1];
    const bool digits = is_ascii_digit(before) && is_ascii_digit(after);
    const bool words =
        sep != ',' && is_ascii_letter(before) && is_ascii_letter(after);
    if (!digits && !words) break;
    seps = true;
    ++i;
  }
  const std::size_t e = i;
  while (i < c.size() && is_closing(c[i])) ++i;
  if (i != c.size()) return false;
  if (b == e) {
    // Marks only: no word, but "'" and "." join words and digits around
    // them, so only a chunk of unambiguous marks counts.
    for (char ch : c) {
      if (ch == '\'' || ch == '.' || ch == ':' || ch == ',') return false;
    }
  }
  *core_begin = b;
  *core_end = e;
  *separated = seps;
  *number = e > b && is_ascii_digit(c[e - 1]);
  return true;
}

}  // namespace

std::uint32_t Analyzer::analyze(std::string_view text, std::vector<Token>* out,
                                std::uint32_t first_position,
                                AnalysisStats* stats) {
  std::uint32_t position = first_position;
  std::size_t pending = std::string_view::npos;  // start of an ICU run
  std::size_t pending_end = 0;
  auto flush = [&] {
    if (pending == std::string_view::npos) return;
    const std::size_t first = out->size();
    position = analyze_icu(text.substr(pending, pending_end - pending), out,
                           position, stats);
    for (std::size_t k = first; k < out->size(); ++k) {
      (*out)[k].begin += static_cast<std::uint32_t>(pending);
      (*out)[k].end += static_cast<std::uint32_t>(pending);
    }
    pending = std::string_view::npos;
  };
  const std::size_t n = text.size();
  // About one token for every six bytes of prose: one allocation rather
  // than a doubling vector's dozen.
  out->reserve(out->size() + n / 6 + 4);
  std::size_t i = 0;
  while (i < n) {
    while (i < n && is_ascii_space(text[i])) ++i;
    if (i == n) break;
    std::size_t j = i;
    while (j < n && !is_ascii_space(text[j])) ++j;
    std::size_t b = 0, e = 0;
    bool separated = false;
    bool number = false;
    if (simple_chunk(text.substr(i, j - i), &b, &e, &separated, &number)) {
      flush();
      if (e > b) {
        Token t;
        t.term.assign(text.data() + i + b, e - b);
        // The core is letters, digits, '.', ',' and '\'': setting bit 5
        // lower-cases the letters and leaves the others as they are.
        for (char& c : t.term) c = static_cast<char>(c | 0x20);
        // As normalize() and analyze_icu() finish a term.
        bool keep = true;
        if (separated) {
          keep = finish_term(&t.term);
          if (number) std::erase(t.term, ',');
        }
        if (!keep) {
          // no token, and no position (as in ICU's path)
        } else if (t.term.size() > kMaxTermBytes) {
          if (stats != nullptr) ++stats->dropped_long;
          ++position;  // dropped, but its position counts, as in ICU's path
        } else {
          t.begin = static_cast<std::uint32_t>(i + b);
          t.end = static_cast<std::uint32_t>(i + e);
          t.position = position++;
          t.kind = number ? TokenKind::kNumber : TokenKind::kWord;
          out->push_back(std::move(t));
        }
      }
    } else {
      if (pending == std::string_view::npos) pending = i;
      pending_end = j;
    }
    i = j;
  }
  flush();
  return position;
}

std::uint32_t Analyzer::analyze_icu(std::string_view text,
                                    std::vector<Token>* out,
                                    std::uint32_t first_position,
                                    AnalysisStats* stats) {
  std::uint64_t bad = 0;
  decode_utf8(text, &buf_, &offset_, &bad);
  if (stats != nullptr) stats->invalid_utf8 += bad;
  std::uint32_t position = first_position;
  if (buf_.empty()) return position;

  Icu& icu = this->icu();
  UErrorCode err = U_ZERO_ERROR;
  icu.text = utext_openUChars(icu.text, buf_.data(),
                              static_cast<int64_t>(buf_.size()), &err);
  check_icu(err, "utext_openUChars");
  icu.words->setText(icu.text, err);
  check_icu(err, "BreakIterator::setText");
  chars_set_ = false;

  // The CJK run being collected: its words, adjacent in the text.
  std::vector<CjkWord> run;
  auto flush_run = [&] {
    if (run.empty()) return;
    add_cjk_run(run, out, &position, stats);
    run.clear();
  };

  // The hyphenated chain being collected: indexes into *out of its parts.
  std::vector<std::size_t> chain;
  bool chain_has_letters = false;
  std::size_t prev_end = 0;  // UTF-16 end of the previous word token
  auto flush_chain = [&] {
    if (chain.size() >= 2 && chain_has_letters) {
      Token compound;
      compound.kind = TokenKind::kCompound;
      for (std::size_t idx : chain) compound.term += (*out)[idx].term;
      if (compound.term.size() <= kMaxTermBytes) {
        const Token& first = (*out)[chain.front()];
        compound.begin = first.begin;
        compound.end = (*out)[chain.back()].end;
        compound.position = first.position;
        out->push_back(std::move(compound));
      }
    }
    chain.clear();
    chain_has_letters = false;
  };

  std::string term;
  int32_t start = icu.words->first();
  for (int32_t end = icu.words->next(); end != icu::BreakIterator::DONE;
       start = end, end = icu.words->next()) {
    const int32_t status = icu.words->getRuleStatus();
    if (status < UBRK_WORD_NONE_LIMIT) continue;  // space, punctuation, emoji
    const auto from = static_cast<std::size_t>(start);
    const auto to = static_cast<std::size_t>(end);
    if (is_cjk_word(status, buf_.data(), from, to)) {
      flush_chain();  // a CJK word ends a hyphenated chain
      if (!run.empty() && run.back().to != from) flush_run();
      run.push_back({from, to});
      continue;
    }
    flush_run();
    bool ascii = true;
    for (std::size_t i = from; i < to; ++i) {
      if (buf_[i] >= 0x80) {
        ascii = false;
        break;
      }
    }
    const TokenKind kind = kind_of(status);
    if (!normalize(from, to, ascii, &term)) continue;
    if (kind == TokenKind::kNumber) std::erase(term, ',');
    if (term.size() > kMaxTermBytes) {
      if (stats != nullptr) ++stats->dropped_long;
      flush_chain();
      ++position;
      continue;
    }
    const bool joined =
        !chain.empty() && from == prev_end + 1 && is_hyphen(buf_[prev_end]);
    if (!joined) flush_chain();
    Token token;
    token.term = term;
    token.begin = offset_[from];
    token.end = offset_[to];
    token.position = position++;
    token.kind = kind;
    if (kind == TokenKind::kWord) chain_has_letters = true;
    chain.push_back(out->size());
    out->push_back(std::move(token));
    prev_end = to;
  }
  flush_run();
  flush_chain();
  return position;
}

void Analyzer::add_cjk_chars(std::size_t from, std::size_t to) {
  Icu& icu = this->icu();
  if (!icu.chars) {
    UErrorCode err = U_ZERO_ERROR;
    icu.chars.reset(icu::BreakIterator::createCharacterInstance(
        icu::Locale::getRoot(), err));
    check_icu(err, "BreakIterator::createCharacterInstance");
  }
  if (!chars_set_) {
    UErrorCode err = U_ZERO_ERROR;
    icu.chars->setText(icu.text, err);
    check_icu(err, "BreakIterator::setText");
    chars_set_ = true;
  }
  std::string term;
  for (std::size_t b = from; b < to;) {
    std::size_t e = b + 1;
    if (!is_plain_cjk(buf_[b]) || (e < to && !is_plain_cjk(buf_[e]))) {
      // A cluster (a letter and its marks, decomposed Hangul, half-width
      // kana with a voicing mark) ends at ICU's next grapheme boundary.
      const int32_t next = icu.chars->following(static_cast<int32_t>(b));
      e = next == icu::BreakIterator::DONE
              ? to
              : std::min(to, static_cast<std::size_t>(next));
    }
    const std::uint32_t begin = offset_[b];
    const std::uint32_t end = offset_[e];
    if (e == b + 1 && is_plain_cjk(buf_[b])) {
      CjkChar c{std::string(), begin, end};
      utf8::append(&c.text, buf_[b]);
      cjk_chars_.push_back(std::move(c));
    } else if (normalize(b, e, false, &term)) {
      // Normally one character ("ｶﾞ" is ガ); a compatibility character
      // can stand for several, each then covering the same bytes.
      // Combining marks stay with the character before them.
      const auto* p = reinterpret_cast<const unsigned char*>(term.data());
      std::size_t at = 0;
      bool first = true;
      while (at < term.size()) {
        char32_t cp = 0;
        std::size_t len = utf8::decode(p + at, term.size() - at, &cp);
        if (len == 0) len = 1;  // not reached: ICU's output is well formed
        if (first || u_getCombiningClass(cp) == 0) {
          cjk_chars_.push_back({std::string(), begin, end});
        }
        cjk_chars_.back().text.append(term, at, len);
        at += len;
        first = false;
      }
    }
    b = e;
  }
}

void Analyzer::add_cjk_run(const std::vector<CjkWord>& run,
                           std::vector<Token>* out, std::uint32_t* position,
                           AnalysisStats* stats) {
  cjk_chars_.clear();
  cjk_ends_.clear();  // per word: the index after its last character
  for (const CjkWord& w : run) {
    add_cjk_chars(w.from, w.to);
    cjk_ends_.push_back(cjk_chars_.size());
  }
  const std::size_t n = cjk_chars_.size();
  if (n == 0) return;
  const std::uint32_t p = *position;
  if (n == 1) {
    const CjkChar& c = cjk_chars_.front();
    out->push_back({c.text, c.begin, c.end, p, TokenKind::kCjk});
    *position = p + 1;
    return;
  }
  std::size_t word = 0;   // the next word to add
  std::size_t first = 0;  // its first character
  for (std::size_t i = 0; i + 1 < n; ++i) {
    const CjkChar& a = cjk_chars_[i];
    const CjkChar& b = cjk_chars_[i + 1];
    out->push_back({a.text + b.text, a.begin, b.end,
                    p + static_cast<std::uint32_t>(i), TokenKind::kCjk});
    // Then the words whose last character is in this bigram (a word of
    // two characters is the bigram itself).
    for (; word < cjk_ends_.size() && cjk_ends_[word] <= i + 2; ++word) {
      const std::size_t last = cjk_ends_[word];
      const std::size_t len = last - first;
      if (len != 0 && len != 2) {
        Token t;
        for (std::size_t k = first; k < last; ++k) t.term += cjk_chars_[k].text;
        if (t.term.size() > kMaxTermBytes) {
          if (stats != nullptr) ++stats->dropped_long;
        } else {
          t.begin = cjk_chars_[first].begin;
          t.end = cjk_chars_[last - 1].end;
          t.position = p + static_cast<std::uint32_t>(std::min(first, n - 2));
          t.kind = TokenKind::kCjkWord;
          out->push_back(std::move(t));
        }
      }
      first = last;
    }
  }
  *position = p + static_cast<std::uint32_t>(n - 1);
}

std::string terms_of(Analyzer& analyzer, std::string_view text) {
  std::vector<Token> tokens;
  analyzer.analyze(text, &tokens);
  std::string joined;
  for (const Token& t : tokens) {
    if (!joined.empty()) joined += ' ';
    joined += t.term;
  }
  return joined;
}

}  // namespace lede
