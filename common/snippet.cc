#include "common/snippet.h"

#include <algorithm>
#include <array>
#include <bit>
#include <cstring>
#include <optional>
#include <unordered_map>
#include <utility>

#include "common/utf8.h"

namespace lede {

namespace {

constexpr std::string_view kEllipsis = "\xE2\x80\xA6";  // …

// Which HighlightTerms matched, as bits (terms past the 64th share the
// last bit: they still count, just not as distinct).
using TermMask = std::uint64_t;

TermMask bit_of(std::size_t term_index) {
  return TermMask{1} << std::min<std::size_t>(term_index, 63);
}

struct Match {
  std::uint32_t begin = 0;
  std::uint32_t end = 0;
  TermMask terms = 0;
};

// Stemmers that only ever rewrite the end of a word (Snowball's English
// and Porter algorithms, their exceptional forms included) never change a
// word's first byte, so a token whose first byte differs from a stem's
// cannot have that stem; this spares stemming most words of a text.
bool stems_keep_first_byte(const std::string& language) {
  return language == "english" || language == "en" || language == "porter" ||
         language == "earlyenglish";
}

// One single-word HighlightTerm, prepared for matching tokens.
struct WordTerm {
  std::size_t index = 0;  // into the HighlightTerms
  const std::string* word = nullptr;
  std::string stem;       // empty when the term is not stemmed
};

// Word tokens (no compounds) in text order: where fragments may start and
// end.
struct Word {
  std::uint32_t begin = 0;
  std::uint32_t end = 0;
};

}  // namespace

namespace {

bool is_space_byte(unsigned char c) {
  return c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\f' ||
         c == '\v';
}

// The single-word HighlightTerms, prepared for matching tokens.
class SingleMatcher {
 public:
  SingleMatcher(const std::vector<HighlightTerm>& terms, Analyzer* analyzer)
      : analyzer_(analyzer),
        first_byte_filter_(
            stems_keep_first_byte(analyzer->config().language)) {
    for (std::size_t ti = 0; ti < terms.size(); ++ti) {
      const HighlightTerm& h = terms[ti];
      if (h.words.size() != 1) continue;
      WordTerm w;
      w.index = ti;
      w.word = &h.words.front();
      if (h.stemmed && analyzer->stems()) w.stem = analyzer->stem(*w.word);
      singles_.push_back(std::move(w));
    }
    // Many words (an expanded wildcard): look each token up once instead
    // of comparing it with every word.
    by_map_ = singles_.size() > 4;
    for (const WordTerm& w : singles_) {
      if (by_map_) exact_[*w.word] |= bit_of(w.index);
      if (!w.stem.empty()) stemmed_.push_back(&w);
    }
  }
  SingleMatcher(const SingleMatcher&) = delete;
  SingleMatcher& operator=(const SingleMatcher&) = delete;

  [[nodiscard]] bool empty() const { return singles_.empty(); }

  // Appends the matches among `tokens`, their offsets moved by `offset`.
  void match(const std::vector<Token>& tokens, std::uint32_t offset,
             std::vector<Match>* found) const {
    for (const Token& t : tokens) {
      TermMask hit = 0;
      if (by_map_) {
        if (auto it = exact_.find(t.term); it != exact_.end()) hit = it->second;
      } else {
        for (const WordTerm& w : singles_) {
          if (t.term == *w.word) hit |= bit_of(w.index);
        }
      }
      if (t.stemmable()) {
        for (const WordTerm* w : stemmed_) {
          if ((hit & bit_of(w->index)) != 0) continue;
          if (first_byte_filter_ && t.term.front() != w->stem.front()) continue;
          if (analyzer_->stem(t.term) == w->stem) hit |= bit_of(w->index);
        }
      }
      if (hit != 0) found->push_back({t.begin + offset, t.end + offset, hit});
    }
  }

  // Marks in `*firsts` every first byte a matching token's term can have,
  // or returns false when that cannot be told (a stemmer that may change
  // a word's first byte, an empty word).
  bool first_bytes(std::array<bool, 256>* firsts) const {
    for (const WordTerm& w : singles_) {
      if (w.word->empty()) return false;
      (*firsts)[static_cast<unsigned char>(w.word->front())] = true;
      if (w.stem.empty()) continue;
      if (!first_byte_filter_) return false;
      (*firsts)[static_cast<unsigned char>(w.stem.front())] = true;
    }
    return true;
  }

 private:
  Analyzer* analyzer_;
  const bool first_byte_filter_;
  std::vector<WordTerm> singles_;
  bool by_map_ = false;
  std::unordered_map<std::string_view, TermMask> exact_;
  std::vector<const WordTerm*> stemmed_;  // into singles_
};

// Sorted, overlaps merged: a compound and its parts, a phrase and its
// words.
std::vector<Match> merged(std::vector<Match> found) {
  std::sort(found.begin(), found.end(), [](const Match& a, const Match& b) {
    return a.begin != b.begin ? a.begin < b.begin : a.end > b.end;
  });
  std::vector<Match> out;
  out.reserve(found.size());
  for (const Match& m : found) {
    if (!out.empty() && m.begin < out.back().end) {
      out.back().end = std::max(out.back().end, m.end);
      out.back().terms |= m.terms;
    } else {
      out.push_back(m);
    }
  }
  return out;
}

std::vector<Match> match_tokens(std::string_view text,
                                const std::vector<HighlightTerm>& terms,
                                Analyzer* analyzer, std::vector<Token>* tokens,
                                std::vector<Word>* words) {
  tokens->clear();
  analyzer->analyze(text, tokens);
  std::vector<const Token*> plain;  // non-compound tokens, for phrases
  plain.reserve(tokens->size());
  for (const Token& t : *tokens) {
    if (!t.is_compound()) plain.push_back(&t);
  }
  if (words != nullptr) {
    words->clear();
    words->reserve(plain.size());
    for (const Token* t : plain) words->push_back({t->begin, t->end});
  }

  std::vector<Match> found;
  for (std::size_t ti = 0; ti < terms.size(); ++ti) {
    const HighlightTerm& h = terms[ti];
    if (h.words.size() < 2) continue;
    const std::size_t n = h.words.size();
    for (std::size_t i = 0; i + n <= plain.size(); ++i) {
      bool hit = true;
      for (std::size_t k = 0; k < n && hit; ++k) {
        hit = plain[i + k]->term == h.words[k] &&
              plain[i + k]->position == plain[i]->position + k;
      }
      if (hit) {
        found.push_back({plain[i]->begin, plain[i + n - 1]->end, bit_of(ti)});
      }
    }
  }
  const SingleMatcher singles(terms, analyzer);
  if (!singles.empty()) singles.match(*tokens, 0, &found);
  return merged(std::move(found));
}

// match_tokens() for terms of one word each, without analysing the text
// that cannot hold a match: the analyzer's tokens never cross ASCII
// whitespace, so each stretch between it is analysed alone, and only when
// it holds a byte that can begin a matching term where a token can begin
// (at its start or after a byte that is not a letter or digit: ICU never
// breaks a word between two), or a byte outside ASCII (which normalises
// to anything). Same matches as match_tokens(); nullopt when it cannot
// tell (a phrase, whose words need positions; a stemmer that may change a
// word's first byte) and when there are more than a dozen bytes to look
// for (many words: as well analyse it all).
std::optional<std::vector<Match>> skim_matches(
    std::string_view text, const std::vector<HighlightTerm>& terms,
    Analyzer* analyzer, std::vector<Token>* scratch) {
  for (const HighlightTerm& h : terms) {
    if (h.words.size() > 1) return std::nullopt;
  }
  const SingleMatcher singles(terms, analyzer);
  std::array<bool, 256> firsts{};
  if (!singles.first_bytes(&firsts)) return std::nullopt;
  // The bytes to look for (memchr, one stream each): a term's first byte
  // in either case. Bytes outside ASCII are found eight at a time.
  std::vector<char> needles;
  for (int c = 0; c < 0x80; ++c) {
    if (!firsts[c]) continue;
    needles.push_back(static_cast<char>(c));
    if (c >= 'a' && c <= 'z') needles.push_back(static_cast<char>(c - 32));
  }
  if (needles.size() > 12) return std::nullopt;
  const auto* p = reinterpret_cast<const unsigned char*>(text.data());
  const std::size_t n = text.size();
  const auto find = [&](char c, std::size_t from) -> std::size_t {
    const void* at = std::memchr(text.data() + from, c, n - from);
    return at == nullptr ? n : static_cast<const char*>(at) - text.data();
  };
  const auto find_high = [&](std::size_t from) {
    std::size_t k = from;
    for (; k + 8 <= n; k += 8) {
      std::uint64_t x;
      std::memcpy(&x, p + k, 8);
      if ((x & 0x8080808080808080ULL) != 0) break;
    }
    while (k < n && p[k] < 0x80) ++k;
    return k;
  };
  const auto is_alnum = [](unsigned char c) {
    return (c >= '0' && c <= '9') || ((c | 0x20) >= 'a' && (c | 0x20) <= 'z');
  };
  std::vector<std::size_t> next(needles.size(), 0);
  for (std::size_t k = 0; k < needles.size(); ++k) next[k] = find(needles[k], 0);
  std::size_t high = find_high(0);
  std::vector<Match> found;
  std::size_t from = 0;  // where the text is still to be looked at
  for (;;) {
    std::size_t q = high;
    for (std::size_t k = 0; k < needles.size(); ++k) {
      if (next[k] < from) next[k] = find(needles[k], from);
      q = std::min(q, next[k]);
    }
    if (q >= n) break;
    if (q != high && q > 0 && is_alnum(p[q - 1])) {
      from = q + 1;  // inside a word: no token starts here
      continue;
    }
    std::size_t i = q;
    while (i > 0 && !is_space_byte(p[i - 1])) --i;
    std::size_t j = q + 1;
    while (j < n && !is_space_byte(p[j])) ++j;
    scratch->clear();
    analyzer->analyze(text.substr(i, j - i), scratch);
    singles.match(*scratch, static_cast<std::uint32_t>(i), &found);
    from = j;
    if (high < from) high = find_high(from);
  }
  return merged(std::move(found));
}

// The word tokens (no compounds) window_of() and snap_end() look at: all
// of the text's, or, after skim_matches(), those of the stretches asked
// for so far, analysed as they are asked for (widened to ASCII
// whitespace, where tokens never cross, they are the text's own words
// there, in the same order).
class WordsNear {
 public:
  WordsNear(std::string_view text, Analyzer* analyzer,
            std::vector<Word> all)
      : text_(text), analyzer_(analyzer), all_(true), words_(std::move(all)) {}
  WordsNear(std::string_view text, Analyzer* analyzer)
      : text_(text), analyzer_(analyzer), all_(false) {}

  // The words, those of text[from, to) among them.
  const std::vector<Word>& cover(std::uint32_t from, std::uint32_t to) {
    if (all_) return words_;
    const auto size = static_cast<std::uint32_t>(text_.size());
    to = std::min(to, size);
    while (from > 0 && !is_space(from - 1)) --from;
    while (to < size && !is_space(to)) ++to;
    // Joined with the stretches it meets, analysed again as one.
    std::size_t first = 0;
    while (first < spans_.size() && spans_[first].second < from) ++first;
    std::size_t last = first;
    while (last < spans_.size() && spans_[last].first <= to) {
      if (spans_[last].first <= from && to <= spans_[last].second) {
        return words_;  // analysed already
      }
      from = std::min(from, spans_[last].first);
      to = std::max(to, spans_[last].second);
      ++last;
    }
    spans_.erase(spans_.begin() + static_cast<std::ptrdiff_t>(first),
                 spans_.begin() + static_cast<std::ptrdiff_t>(last));
    spans_.insert(spans_.begin() + static_cast<std::ptrdiff_t>(first),
                  {from, to});
    const auto lo = std::lower_bound(
        words_.begin(), words_.end(), from,
        [](const Word& w, std::uint32_t b) { return w.begin < b; });
    const auto hi = std::lower_bound(
        lo, words_.end(), to,
        [](const Word& w, std::uint32_t b) { return w.begin < b; });
    scratch_.clear();
    analyzer_->analyze(text_.substr(from, to - from), &scratch_);
    std::vector<Word> fresh;
    for (const Token& t : scratch_) {
      if (!t.is_compound()) fresh.push_back({t.begin + from, t.end + from});
    }
    const auto at = words_.erase(lo, hi);
    words_.insert(at, fresh.begin(), fresh.end());
    return words_;
  }

 private:
  bool is_space(std::uint32_t i) const {
    return is_space_byte(static_cast<unsigned char>(text_[i]));
  }
  std::string_view text_;
  Analyzer* analyzer_;
  const bool all_;
  std::vector<Word> words_;
  std::vector<std::pair<std::uint32_t, std::uint32_t>> spans_;  // analysed
  std::vector<Token> scratch_;
};

// Copies text[from, to) into a snippet: whitespace runs become one space,
// control characters (C0, DEL, C1) are dropped, and `matches` inside the
// range become highlight ranges into the copy.
Snippet render(std::string_view text, std::uint32_t from, std::uint32_t to,
               const std::vector<Match>& matches, bool lead, bool trail) {
  Snippet s;
  s.text.reserve(to - from + 2 * kEllipsis.size());
  if (lead) s.text += kEllipsis;
  const std::size_t start_size = s.text.size();
  std::size_t mi = 0;
  while (mi < matches.size() && matches[mi].end <= from) ++mi;
  bool in_space = false;
  std::uint32_t open_at = 0;
  bool open = false;
  const auto* p = reinterpret_cast<const unsigned char*>(text.data());
  std::uint32_t i = from;
  while (i < to) {
    if (mi < matches.size() && !open && i >= matches[mi].begin) {
      if (in_space && s.text.size() > start_size) s.text += ' ';
      in_space = false;
      open = true;
      open_at = static_cast<std::uint32_t>(s.text.size());
      // Matches with only a space between them read as one: "patient
      // data" for the query's two words is one highlight, like a phrase.
      if (!s.highlights.empty() && s.highlights.back().end + 1 == open_at &&
          s.text[open_at - 1] == ' ') {
        open_at = s.highlights.back().begin;
        s.highlights.pop_back();
      }
    }
    if (open && i >= matches[mi].end) {
      s.highlights.push_back(
          {open_at, static_cast<std::uint32_t>(s.text.size())});
      open = false;
      ++mi;
      continue;
    }
    const unsigned char c = p[i];
    if (c > 0x20 && c < 0x7F) {
      // A run of printable ASCII up to the next match boundary, at once.
      std::uint32_t stop = to;
      if (mi < matches.size()) {
        stop = std::min(stop, open ? matches[mi].end : matches[mi].begin);
      }
      std::uint32_t j = i + 1;
      while (j < stop && p[j] > 0x20 && p[j] < 0x7F) ++j;
      if (in_space && s.text.size() > start_size) s.text += ' ';
      in_space = false;
      s.text.append(text.data() + i, j - i);
      i = j;
      continue;
    }
    if (is_space_byte(c)) {
      in_space = true;
      ++i;
      continue;
    }
    char32_t cp = c;
    std::size_t len = c < 0x80 ? 1 : utf8::decode(p + i, to - i, &cp);
    const bool ill_formed = len == 0;
    if (ill_formed) {
      cp = 0xFFFD;
      len = 1;
    }
    const bool control = cp < 0x20 || cp == 0x7F || (cp >= 0x80 && cp < 0xA0);
    if (cp == 0x00A0 || cp == 0x2028 || cp == 0x2029) {
      in_space = true;
    } else if (!control) {
      if (in_space && s.text.size() > start_size) s.text += ' ';
      in_space = false;
      if (ill_formed) {
        utf8::append(&s.text, 0xFFFD);  // snippets are always valid UTF-8
      } else {
        s.text.append(text.substr(i, len));
      }
    }
    i += static_cast<std::uint32_t>(len);
  }
  if (open) {
    s.highlights.push_back({open_at, static_cast<std::uint32_t>(s.text.size())});
  }
  if (trail) s.text += kEllipsis;
  return s;
}

// Byte offset after moving `n` code points forward (or back) from `at`.
std::uint32_t forward_chars(std::string_view text, std::uint32_t at,
                            std::size_t n) {
  while (at < text.size() && n > 0) {
    ++at;
    while (at < text.size() &&
           (static_cast<unsigned char>(text[at]) & 0xC0) == 0x80) {
      ++at;
    }
    --n;
  }
  return at;
}

std::uint32_t back_chars(std::string_view text, std::uint32_t at,
                         std::size_t n) {
  while (at > 0 && n > 0) {
    --at;
    while (at > 0 && (static_cast<unsigned char>(text[at]) & 0xC0) == 0x80) {
      --at;
    }
    --n;
  }
  return at;
}

std::size_t count_chars(std::string_view text, std::uint32_t from,
                        std::uint32_t to) {
  std::size_t n = 0;
  for (std::uint32_t i = from; i < to; ++i) {
    if ((static_cast<unsigned char>(text[i]) & 0xC0) != 0x80) ++n;
  }
  return n;
}

// Whether the word starting at `at` begins a sentence: the text before it
// (past spaces and opening quotes) is the start, a paragraph break, or
// ends with . ! ? or a closing quote after one of them.
bool starts_sentence(std::string_view text, std::uint32_t at) {
  std::size_t i = at;
  std::size_t newlines = 0;
  while (i > 0) {
    const unsigned char c = static_cast<unsigned char>(text[i - 1]);
    if (c == '\n') ++newlines;
    if (!is_space_byte(c) && c != '"' && c != '(' && c != '\'') break;
    --i;
  }
  if (i == 0 || newlines >= 2) return true;
  if (i == at) return false;  // no space before the word
  const char c = text[i - 1];
  return c == '.' || c == '!' || c == '?' || c == ':';
}

struct Window {
  std::uint32_t begin = 0;  // byte range of the fragment
  std::uint32_t end = 0;
  std::size_t distinct = 0;
  std::size_t count = 0;
};

// The first word starting at or after `at` (words.size() when none).
std::size_t word_at_or_after(const std::vector<Word>& words, std::uint32_t at) {
  return static_cast<std::size_t>(
      std::lower_bound(words.begin(), words.end(), at,
                       [](const Word& w, std::uint32_t b) {
                         return w.begin < b;
                       }) -
      words.begin());
}

// Punctuation that closes the sentence or quote before it: a fragment
// that ends at a word keeps it ("day." rather than "day…").
std::size_t closing_punct_len(std::string_view text, std::uint32_t at) {
  const char c = text[at];
  if (c == '.' || c == '!' || c == '?' || c == ')' || c == '"' || c == '\'') {
    return 1;
  }
  for (std::string_view s : {"\xE2\x80\x99", "\xE2\x80\x9D", "\xC2\xBB",
                             "\xE3\x80\x82"}) {  // ’ ” » 。
    if (text.substr(at).starts_with(s)) return s.size();
  }
  return 0;
}

// The end of the last word ending at or before `at` (but not before
// `floor`), with the punctuation that closes it when that still fits.
std::uint32_t snap_end(std::string_view text, const std::vector<Word>& words,
                       std::uint32_t at, std::uint32_t floor) {
  auto it = std::upper_bound(
      words.begin(), words.end(), at,
      [](std::uint32_t e, const Word& w) { return e < w.end; });
  if (it == words.begin()) return floor;
  std::uint32_t end = std::max(std::prev(it)->end, floor);
  while (end < at) {
    const std::size_t n = closing_punct_len(text, end);
    if (n == 0 || end + n > at) break;
    end += static_cast<std::uint32_t>(n);
  }
  return end;
}

// A candidate fragment: the matches [first, last) that fit in `length`
// characters from the start of matches[first], and how good they are.
struct Candidate {
  std::size_t first = 0;
  std::size_t last = 0;
  std::size_t distinct = 0;  // different query terms among them
  std::size_t count = 0;     // matches
};

// Every candidate, one per match, by a sweep over character positions
// (cb/ce: the character offsets of each match's begin and end).
std::vector<Candidate> candidates_of(const std::vector<Match>& matches,
                                     const std::vector<std::size_t>& cb,
                                     const std::vector<std::size_t>& ce,
                                     std::size_t length) {
  std::vector<Candidate> out;
  out.reserve(matches.size());
  std::size_t last = 0;
  for (std::size_t first = 0; first < matches.size(); ++first) {
    last = std::max(last, first);
    while (last < matches.size() && ce[last] <= cb[first] + length) ++last;
    Candidate c;
    c.first = first;
    c.last = std::max(last, first + 1);  // a match longer than the window
    TermMask distinct = 0;
    for (std::size_t k = c.first; k < c.last; ++k) distinct |= matches[k].terms;
    c.distinct = static_cast<std::size_t>(std::popcount(distinct));
    c.count = c.last - c.first;
    out.push_back(c);
  }
  return out;
}

// The fragment around a candidate's matches, widened to about `length`
// characters and cut at word boundaries, starting at a sentence when one
// starts shortly before.
Window window_of(std::string_view text, const std::vector<Word>& words,
                 const std::vector<Match>& matches, const Candidate& c,
                 std::size_t span, std::size_t length) {
  Window w;
  w.distinct = c.distinct;
  w.count = c.count;
  const std::uint32_t span_begin = matches[c.first].begin;
  const std::uint32_t span_end = matches[c.last - 1].end;
  const std::size_t spare = length > span ? length - span : 0;
  const auto size = static_cast<std::uint32_t>(text.size());

  // Readers want the context that follows more than the one that
  // precedes: a third of the spare room before the matches, unless the
  // sentence they are in starts within half of it.
  std::uint32_t begin = back_chars(text, span_begin, spare / 3);
  const std::uint32_t reach = back_chars(text, span_begin, spare / 2);
  for (std::size_t k = word_at_or_after(words, reach);
       k < words.size() && words[k].begin <= span_begin; ++k) {
    if (starts_sentence(text, words[k].begin)) begin = words[k].begin;
  }
  const std::size_t before = count_chars(text, begin, span_begin);
  const std::size_t after = spare > before ? spare - before : 0;
  std::uint32_t end = forward_chars(text, span_end, after);
  if (end >= size) {
    // At the end of the text: give the room back to the start.
    const std::size_t unused = after - count_chars(text, span_end, size);
    begin = back_chars(text, begin, unused);
    end = size;
  }
  // Snap to word boundaries: start at a word's beginning, end at one's end.
  if (begin > 0) {
    const std::size_t k = word_at_or_after(words, begin);
    begin = k == words.size() ? span_begin : std::min(words[k].begin, span_begin);
  }
  if (end < size) end = snap_end(text, words, end, span_end);
  w.begin = begin;
  w.end = end;
  return w;
}

bool only_space(std::string_view s) {
  return std::all_of(s.begin(), s.end(), [](char c) {
    return is_space_byte(static_cast<unsigned char>(c));
  });
}

Snippet render_window(std::string_view text, const Window& w,
                      const std::vector<Match>& matches) {
  const bool lead = !only_space(text.substr(0, w.begin));
  const bool trail = !only_space(text.substr(w.end));
  return render(text, w.begin, w.end, matches, lead, trail);
}

}  // namespace

std::vector<ByteRange> find_matches(std::string_view text,
                                    const std::vector<HighlightTerm>& terms,
                                    Analyzer* analyzer) {
  std::vector<Token> tokens;
  std::vector<ByteRange> out;
  for (const Match& m : match_tokens(text, terms, analyzer, &tokens, nullptr)) {
    out.push_back({m.begin, m.end});
  }
  return out;
}

std::vector<Snippet> make_snippets(std::string_view text,
                                   const std::vector<HighlightTerm>& terms,
                                   const SnippetOptions& options,
                                   Analyzer* analyzer) {
  std::vector<Snippet> out;
  if (options.count == 0 || only_space(text)) return out;
  std::vector<Token> tokens;
  std::optional<std::vector<Match>> skimmed;
  if (options.skim) skimmed = skim_matches(text, terms, analyzer, &tokens);
  std::vector<Word> all_words;
  const std::vector<Match> matches =
      skimmed ? std::move(*skimmed)
              : match_tokens(text, terms, analyzer, &tokens, &all_words);
  WordsNear words = skimmed ? WordsNear(text, analyzer)
                            : WordsNear(text, analyzer, std::move(all_words));
  const std::size_t length = std::max<std::size_t>(options.length, 20);
  const auto size = static_cast<std::uint32_t>(text.size());

  if (matches.empty()) {
    Window w;
    std::size_t skip = 0;
    while (skip < text.size() &&
           is_space_byte(static_cast<unsigned char>(text[skip]))) {
      ++skip;
    }
    w.begin = static_cast<std::uint32_t>(skip);
    w.end = forward_chars(text, w.begin, length);
    if (w.end < size) {
      w.end = snap_end(text, words.cover(w.begin, w.end), w.end, w.begin);
    }
    if (w.end == w.begin) w.end = forward_chars(text, w.begin, length);
    out.push_back(render_window(text, w, {}));
    return out;
  }

  // Character offsets of the match boundaries (matches are disjoint and in
  // order): the characters up to the last one, counted once.
  std::vector<std::size_t> cb(matches.size()), ce(matches.size());
  {
    std::size_t chars = 0;
    std::uint32_t at = 0;
    for (std::size_t k = 0; k < matches.size(); ++k) {
      chars += count_chars(text, at, matches[k].begin);
      cb[k] = chars;
      chars += count_chars(text, matches[k].begin, matches[k].end);
      ce[k] = chars;
      at = matches[k].end;
    }
  }
  // The best candidates first (most distinct terms, then most matches, then
  // earliest); each becomes a fragment unless it overlaps one taken.
  std::vector<Candidate> candidates = candidates_of(matches, cb, ce, length);
  std::stable_sort(candidates.begin(), candidates.end(),
                   [](const Candidate& a, const Candidate& b) {
                     return a.distinct != b.distinct ? a.distinct > b.distinct
                                                     : a.count > b.count;
                   });
  std::vector<Window> chosen;
  const auto overlaps_chosen = [&](std::uint32_t begin, std::uint32_t end) {
    return std::any_of(chosen.begin(), chosen.end(), [&](const Window& o) {
      return begin < o.end && o.begin < end;
    });
  };
  for (const Candidate& c : candidates) {
    if (chosen.size() == options.count) break;
    // A fragment holds its matches: when they overlap one taken, so does
    // it, and it need not be made.
    if (overlaps_chosen(matches[c.first].begin, matches[c.last - 1].end)) {
      continue;
    }
    const std::size_t span = ce[c.last - 1] - cb[c.first];
    // What window_of() may look at: back from the matches by half the
    // spare room (a sentence's start) and, at the end of the text, the
    // room given back; forward by the spare room.
    const std::size_t spare = length > span ? length - span : 0;
    const std::vector<Word>& near = words.cover(
        back_chars(text, matches[c.first].begin, spare / 2 + spare + 1),
        forward_chars(text, matches[c.last - 1].end, spare + 1));
    const Window w = window_of(text, near, matches, c, span, length);
    if (!overlaps_chosen(w.begin, w.end)) chosen.push_back(w);
  }
  std::sort(chosen.begin(), chosen.end(),
            [](const Window& a, const Window& b) { return a.begin < b.begin; });
  for (const Window& w : chosen) out.push_back(render_window(text, w, matches));
  return out;
}

Snippet highlight_all(std::string_view text,
                      const std::vector<HighlightTerm>& terms,
                      Analyzer* analyzer) {
  std::uint32_t begin = 0;
  auto end = static_cast<std::uint32_t>(text.size());
  while (begin < end && is_space_byte(static_cast<unsigned char>(text[begin]))) {
    ++begin;
  }
  while (end > begin &&
         is_space_byte(static_cast<unsigned char>(text[end - 1]))) {
    --end;
  }
  if (begin == end) return {};
  std::vector<Token> tokens;
  const std::vector<Match> matches =
      match_tokens(text, terms, analyzer, &tokens, nullptr);
  return render(text, begin, end, matches, false, false);
}

}  // namespace lede
