#include "common/snippet.h"

#include <algorithm>
#include <set>

#include "common/utf8.h"

namespace lede {

namespace {

constexpr std::string_view kEllipsis = "\xE2\x80\xA6";  // …

struct Match {
  std::uint32_t begin = 0;
  std::uint32_t end = 0;
  std::set<std::size_t> terms;  // which HighlightTerms matched here
};

std::vector<Match> match_tokens(std::string_view text,
                                const std::vector<HighlightTerm>& terms,
                                Analyzer* analyzer,
                                std::vector<Token>* tokens) {
  tokens->clear();
  analyzer->analyze(text, tokens);
  std::vector<Match> found;
  std::vector<const Token*> words;  // non-compound, for phrases
  for (const Token& t : *tokens) {
    if (!t.is_compound()) words.push_back(&t);
  }
  for (std::size_t ti = 0; ti < terms.size(); ++ti) {
    const HighlightTerm& h = terms[ti];
    if (h.words.empty()) continue;
    if (h.words.size() == 1) {
      const std::string& word = h.words.front();
      const std::string stem = h.stemmed ? analyzer->stem(word) : word;
      for (const Token& t : *tokens) {
        const bool hit = t.term == word ||
                         (h.stemmed && t.stemmable() &&
                          analyzer->stem(t.term) == stem);
        if (hit) found.push_back({t.begin, t.end, {ti}});
      }
      continue;
    }
    const std::size_t n = h.words.size();
    for (std::size_t i = 0; i + n <= words.size(); ++i) {
      bool hit = true;
      for (std::size_t k = 0; k < n && hit; ++k) {
        hit = words[i + k]->term == h.words[k] &&
              words[i + k]->position == words[i]->position + k;
      }
      if (hit) found.push_back({words[i]->begin, words[i + n - 1]->end, {ti}});
    }
  }
  std::sort(found.begin(), found.end(), [](const Match& a, const Match& b) {
    return a.begin != b.begin ? a.begin < b.begin : a.end > b.end;
  });
  // Merge overlaps: a compound and its parts, a phrase and its words.
  std::vector<Match> merged;
  for (Match& m : found) {
    if (!merged.empty() && m.begin < merged.back().end) {
      merged.back().end = std::max(merged.back().end, m.end);
      merged.back().terms.insert(m.terms.begin(), m.terms.end());
    } else {
      merged.push_back(std::move(m));
    }
  }
  return merged;
}

bool is_space_byte(unsigned char c) {
  return c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\f' ||
         c == '\v';
}

// Copies text[from, to) into a snippet: whitespace runs become one space,
// control characters (C0, DEL, C1) are dropped, and `matches` inside the
// range become highlight ranges into the copy.
Snippet render(std::string_view text, std::uint32_t from, std::uint32_t to,
               const std::vector<Match>& matches, bool lead, bool trail) {
  Snippet s;
  if (lead) s.text += kEllipsis;
  std::size_t mi = 0;
  while (mi < matches.size() && matches[mi].end <= from) ++mi;
  bool in_space = false;
  std::uint32_t open_at = 0;
  bool open = false;
  const auto* p = reinterpret_cast<const unsigned char*>(text.data());
  std::uint32_t i = from;
  while (i < to) {
    if (mi < matches.size() && !open && i >= matches[mi].begin) {
      if (in_space && s.text.size() > (lead ? kEllipsis.size() : 0)) {
        s.text += ' ';
      }
      in_space = false;
      open = true;
      open_at = static_cast<std::uint32_t>(s.text.size());
    }
    if (open && i >= matches[mi].end) {
      s.highlights.push_back(
          {open_at, static_cast<std::uint32_t>(s.text.size())});
      open = false;
      ++mi;
      continue;
    }
    const unsigned char c = p[i];
    if (is_space_byte(c)) {
      in_space = true;
      ++i;
      continue;
    }
    char32_t cp = c;
    std::size_t len = c < 0x80 ? 1 : utf8::decode(p + i, to - i, &cp);
    if (len == 0) {
      cp = 0xFFFD;
      len = 1;
    }
    const bool control = cp < 0x20 || cp == 0x7F || (cp >= 0x80 && cp < 0xA0);
    if (cp == 0x00A0 || cp == 0x2028 || cp == 0x2029) {
      in_space = true;
    } else if (!control) {
      if (in_space && s.text.size() > (lead ? kEllipsis.size() : 0)) {
        s.text += ' ';
      }
      in_space = false;
      if (len == 1 || cp != 0xFFFD) {
        s.text.append(text.substr(i, len));
      } else {
        utf8::append(&s.text, 0xFFFD);
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

struct Window {
  std::uint32_t begin = 0;  // byte range of the fragment
  std::uint32_t end = 0;
  std::size_t first = 0;    // matches [first, last)
  std::size_t last = 0;
  std::size_t distinct = 0;
  std::size_t count = 0;
};

// The fragment for the matches from `first` on that fit in `length`
// characters, widened to about `length` characters and cut at word
// boundaries.
Window window_at(std::string_view text, const std::vector<Token>& tokens,
                 const std::vector<Match>& matches, std::size_t first,
                 std::size_t length) {
  Window w;
  w.first = first;
  const std::uint32_t limit =
      forward_chars(text, matches[first].begin, length);
  std::set<std::size_t> distinct;
  std::size_t last = first;
  while (last < matches.size() && matches[last].end <= limit) {
    distinct.insert(matches[last].terms.begin(), matches[last].terms.end());
    ++last;
  }
  if (last == first) {  // one match longer than the window
    distinct.insert(matches[first].terms.begin(), matches[first].terms.end());
    last = first + 1;
  }
  w.last = last;
  w.distinct = distinct.size();
  w.count = last - first;
  const std::uint32_t span_begin = matches[first].begin;
  const std::uint32_t span_end = matches[last - 1].end;
  const std::size_t span = count_chars(text, span_begin, span_end);
  const std::size_t spare = length > span ? length - span : 0;
  // A third of the spare room before the matches, the rest after: readers
  // want the context that follows more than the one that precedes.
  std::uint32_t begin = back_chars(text, span_begin, spare / 3);
  std::uint32_t end = forward_chars(text, span_end, spare - spare / 3);
  if (end >= text.size()) {
    // At the end of the text: give the room back to the start.
    const std::size_t unused = spare - spare / 3 -
                               count_chars(text, span_end,
                                           static_cast<std::uint32_t>(text.size()));
    begin = back_chars(text, begin, unused);
    end = static_cast<std::uint32_t>(text.size());
  }
  // Snap to word boundaries: start at a token's beginning, end at one's end.
  if (begin > 0) {
    auto it = std::lower_bound(
        tokens.begin(), tokens.end(), begin,
        [](const Token& t, std::uint32_t b) { return t.begin < b; });
    while (it != tokens.end() && it->is_compound()) ++it;
    begin = it == tokens.end() ? span_begin : std::min(it->begin, span_begin);
  }
  if (end < text.size()) {
    std::uint32_t snapped = span_end;
    for (const Token& t : tokens) {
      if (t.end <= end && t.end > snapped) snapped = t.end;
      if (t.begin > end) break;
    }
    end = snapped;
  }
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
  for (const Match& m : match_tokens(text, terms, analyzer, &tokens)) {
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
  const std::vector<Match> matches =
      match_tokens(text, terms, analyzer, &tokens);
  const std::size_t length = std::max<std::size_t>(options.length, 20);

  if (matches.empty()) {
    Match none;
    Window w;
    std::size_t skip = 0;
    while (skip < text.size() &&
           is_space_byte(static_cast<unsigned char>(text[skip]))) {
      ++skip;
    }
    w.begin = static_cast<std::uint32_t>(skip);
    w.end = forward_chars(text, w.begin, length);
    if (w.end < text.size()) {
      std::uint32_t snapped = 0;
      for (const Token& t : tokens) {
        if (t.end > w.end) break;
        snapped = std::max(snapped, t.end);
      }
      if (snapped > w.begin) w.end = snapped;
    }
    out.push_back(render_window(text, w, {}));
    return out;
  }

  std::vector<Window> chosen;
  std::vector<Window> candidates;
  for (std::size_t i = 0; i < matches.size(); ++i) {
    candidates.push_back(window_at(text, tokens, matches, i, length));
  }
  while (chosen.size() < options.count) {
    const Window* best = nullptr;
    for (const Window& c : candidates) {
      const bool overlaps = std::any_of(
          chosen.begin(), chosen.end(), [&](const Window& w) {
            return c.begin < w.end && w.begin < c.end;
          });
      if (overlaps) continue;
      if (best == nullptr || c.distinct > best->distinct ||
          (c.distinct == best->distinct && c.count > best->count)) {
        best = &c;
      }
    }
    if (best == nullptr) break;
    chosen.push_back(*best);
  }
  std::sort(chosen.begin(), chosen.end(),
            [](const Window& a, const Window& b) { return a.begin < b.begin; });
  for (const Window& w : chosen) out.push_back(render_window(text, w, matches));
  return out;
}

Snippet highlight_all(std::string_view text,
                      const std::vector<HighlightTerm>& terms,
                      Analyzer* analyzer) {
  std::vector<Token> tokens;
  const std::vector<Match> matches =
      match_tokens(text, terms, analyzer, &tokens);
  std::uint32_t begin = 0;
  auto end = static_cast<std::uint32_t>(text.size());
  while (begin < end && is_space_byte(static_cast<unsigned char>(text[begin]))) {
    ++begin;
  }
  while (end > begin &&
         is_space_byte(static_cast<unsigned char>(text[end - 1]))) {
    --end;
  }
  return render(text, begin, end, matches, false, false);
}

}  // namespace lede
