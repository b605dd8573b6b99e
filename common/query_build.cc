#include "common/query_build.h"

#include <algorithm>
#include <cstdio>
#include <map>
#include <optional>
#include <utility>

#include "common/schema.h"
#include "common/terms.h"
#include "common/utf8.h"

namespace lede {

namespace {

using Q = Xapian::Query;

// A wildcard's prefix must have at least this many characters after
// normalisation: "a*" can only be too broad or a mistake.
constexpr std::size_t kMinWildcardChars = 2;

Field text_field(QueryField f) {
  switch (f) {
    case QueryField::kTitle: return Field::kTitle;
    case QueryField::kAuthor: return Field::kAuthor;
    case QueryField::kSource: return Field::kSource;
    case QueryField::kTag: return Field::kTag;
    default: return Field::kAll;  // not reached: callers check is_text_field
  }
}

// "statnews.com", "www.StatNews.com.", "https://www.statnews.com/x" ->
// "statnews.com", as url_host() normalised the indexed URLs.
std::string normalize_host(std::string_view value) {
  if (value.find("://") != std::string_view::npos) return url_host(value);
  std::string host(value.substr(0, value.find_first_of("/?#")));
  for (char& c : host) {
    if (c >= 'A' && c <= 'Z') c = static_cast<char>(c - 'A' + 'a');
  }
  if (host.starts_with("www.")) host.erase(0, 4);
  while (!host.empty() && host.back() == '.') host.pop_back();
  return host;
}

std::string date_bound(const QueryDate& d, const char* time) {
  char buf[24];
  std::snprintf(buf, sizeof buf, "%04d%02d%02d%s", d.year, d.month, d.day,
                time);
  return buf;
}

// Combines `parts` with `op`, without a wrapper around a single part.
Q combine(Q::op op, const std::vector<Q>& parts) {
  if (parts.size() == 1) return parts.front();
  return Q(op, parts.begin(), parts.end());
}

// Every document, weightless: the base of a query of exclusions only.
Q all_documents() { return Q(Q::OP_SCALE_WEIGHT, Q::MatchAll, 0.0); }

// Whether a node only filters (site:, id:, dates, and groups of them).
bool is_filter(const QueryNode& n) {
  switch (n.kind) {
    case NodeKind::kDate:
      return true;
    case NodeKind::kField:
      return !is_text_field(n.field);
    case NodeKind::kRequired:
      return is_filter(n.children.front());
    case NodeKind::kAnd: case NodeKind::kOr: case NodeKind::kImplicit:
      return std::all_of(n.children.begin(), n.children.end(), is_filter);
    default:
      return false;
  }
}

class Builder {
 public:
  Builder(std::string_view text, const BuildOptions& options,
          Analyzer* analyzer, const Xapian::Database* db)
      : text_(text), options_(options), analyzer_(analyzer), db_(db) {
    phrases_.db = options.rank_phrases ? db : nullptr;
    phrases_.params = options.bm25;
    phrases_.title_weight = options.title_weight;
  }

  // Where a node is built: the field its literals search, and whether it
  // is excluded (no highlights, no title boost, no spelling words).
  struct Ctx {
    Field field = Field::kAll;
    bool negated = false;
  };

  // The node's query; nullopt when it has nothing searchable in it (a
  // word of punctuation), so that the enclosing node ignores it. A
  // Xapian::Query that matches nothing is a real query (a wildcard that
  // expands to no words).
  std::optional<Q> build(const QueryNode& n, const Ctx& ctx) {
    switch (n.kind) {
      case NodeKind::kWord: case NodeKind::kPhrase:
        return literal(n, ctx, match_of(n));
      case NodeKind::kWildcard:
        return wildcard(n, ctx.field, ctx.negated, nullptr);
      case NodeKind::kField:
        return field(n, ctx);
      case NodeKind::kDate:
        return date(n);
      case NodeKind::kAnd: case NodeKind::kImplicit:
        return conjunction(n, ctx);
      case NodeKind::kOr: {
        std::vector<Q> parts;
        for (const QueryNode& c : n.children) {
          if (auto q = build(c, ctx)) parts.push_back(std::move(*q));
        }
        if (parts.empty()) return std::nullopt;
        return combine(Q::OP_OR, parts);
      }
      case NodeKind::kNot: {
        // On its own (not beside positive terms): everything but it.
        auto q = build(n.children.front(), {ctx.field, !ctx.negated});
        if (!q) return std::nullopt;
        return Q(Q::OP_AND_NOT, all_documents(), *q);
      }
      case NodeKind::kRequired:
        return build(n.children.front(), ctx);
      case NodeKind::kNear: case NodeKind::kAdj:
        return near(n, ctx);
    }
    return std::nullopt;
  }

  std::vector<HighlightTerm> highlights;
  std::vector<QueryWord> words;

 private:
  [[noreturn]] void fail(const std::string& message, std::size_t column) {
    throw QuerySyntaxError(message, std::string(text_), column);
  }

  void highlight(HighlightTerm h) {
    if (h.words.empty()) return;
    if (std::find(highlights.begin(), highlights.end(), h) ==
        highlights.end()) {
      highlights.push_back(std::move(h));
    }
  }

  // Highlights for a literal's tokens: its words (one word or a phrase),
  // and the compound that spans them all (literal_query() searches no
  // other).
  void highlight_tokens(const std::vector<Token>& tokens, Field field,
                        Match match) {
    HighlightTerm h;
    const Token* single = nullptr;
    for (const Token& t : tokens) {
      if (!t.is_compound()) {
        h.words.push_back(t.term);
        single = &t;
      }
    }
    if (const Token* whole = whole_compound(tokens)) {
      highlight({{whole->term}, false});
    }
    h.stemmed = match == Match::kStemmed && h.words.size() == 1 &&
                field_is_stemmed(field) && analyzer_->stems() &&
                single->stemmable();
    highlight(std::move(h));
  }

  static Match match_of(const QueryNode& n) {
    return n.kind == NodeKind::kWord && !n.exact ? Match::kStemmed
                                                 : Match::kExact;
  }

  // `wqf`: how often the literal was said (conjunction()).
  std::optional<Q> literal(const QueryNode& n, const Ctx& ctx, Match match,
                           Xapian::termcount wqf = 1) {
    std::vector<Token> tokens;
    const Xapian::termpos pos = pos_;
    Q q = literal_query(ctx.field, n.text, match, analyzer_, pos, &tokens,
                        wqf, &phrases_);
    if (q.empty()) return std::nullopt;
    for (const Token& t : tokens) pos_ += t.is_compound() ? 0 : 1;
    if (ctx.negated) return q;
    if (options_.title_boost > 0 && ctx.field == Field::kAll) {
      const Q title = literal_query(Field::kTitle, n.text, match, analyzer_,
                                    pos, nullptr, wqf);
      q = Q(Q::OP_OR, q, Q(Q::OP_SCALE_WEIGHT, title, options_.title_boost));
    }
    highlight_tokens(tokens, ctx.field, match);
    note_words(n, ctx, tokens);
    return q;
  }

  // The literal's words, for spelling suggestions.
  void note_words(const QueryNode& n, const Ctx& ctx,
                  const std::vector<Token>& tokens) {
    for (const Token& t : tokens) {
      if (t.kind != TokenKind::kWord) continue;
      words.push_back(
          {t.term, n.offset + t.begin, n.offset + t.end, ctx.field});
    }
  }

  // What identifies a word or phrase among its neighbours: literals with
  // the same key ask for the same terms ("Oil" and "oil"; stemmed, "run"
  // and "running"). Empty for other nodes and for literals with nothing
  // searchable.
  std::string literal_key(const QueryNode& n, const Ctx& ctx) {
    if (n.kind != NodeKind::kWord && n.kind != NodeKind::kPhrase) return {};
    const Q q = literal_query(ctx.field, n.text, match_of(n), analyzer_);
    return q.empty() ? std::string() : q.get_description();
  }

  // The Xapian term prefix a wildcard expands, checked and normalised.
  std::string wildcard_pattern(const QueryNode& n, Field field,
                               std::optional<QueryField> raw) {
    const std::string shown = "'" + n.text + "*'";
    std::string stem;
    if (raw) {
      stem = *raw == QueryField::kSite ? normalize_host(n.text) : n.text;
    } else {
      std::vector<Token> tokens;
      analyzer_->analyze(n.text, &tokens);
      std::size_t count = 0;
      for (const Token& t : tokens) {
        if (t.is_compound()) continue;
        ++count;
        stem = t.term;
      }
      if (count == 0) {
        fail("wildcard " + shown + " has no letters or digits before '*'",
             n.column);
      }
      if (count > 1) {
        fail("wildcard " + shown + " must be one word before '*'", n.column);
      }
    }
    if (utf8::count_chars(stem) < kMinWildcardChars) {
      fail("wildcard " + shown + " is too short: give at least " +
               std::to_string(kMinWildcardChars) + " characters before '*'",
           n.column);
    }
    if (raw) {
      return std::string(*raw == QueryField::kSite ? prefix::kHost
                                                   : prefix::kId) +
             stem;
    }
    return field_term(field, stem);
  }

  // A wildcard: OP_WILDCARD (Xapian expands it while matching, with the
  // limit as a safety net) after checking the limit here, where the error
  // can name the wildcard. With `positional` (beside NEAR/ADJ, where Xapian
  // needs terms), the OR of the expanded terms, pushed there instead, and
  // the OR of their Field::kAll forms pushed to `positional_all`
  // (positional_query()).
  std::optional<Q> wildcard(const QueryNode& n, Field field, bool negated,
                            std::vector<Q>* positional,
                            std::optional<QueryField> raw = std::nullopt,
                            std::vector<Q>* positional_all = nullptr) {
    const std::string pattern = wildcard_pattern(n, field, raw);
    const std::size_t limit = options_.max_wildcard_terms;
    if (db_ == nullptr) {
      if (positional != nullptr) {
        throw UsageError("wildcard '" + n.text +
                         "*' beside NEAR/ADJ needs a database");
      }
      return Q(Q::OP_WILDCARD, pattern, static_cast<Xapian::termcount>(limit),
               Q::WILDCARD_LIMIT_ERROR, Q::OP_SYNONYM);
    }
    std::vector<std::pair<Xapian::doccount, std::string>> found;
    for (auto it = db_->allterms_begin(pattern);
         it != db_->allterms_end(pattern); ++it) {
      if (limit != 0 && found.size() >= limit) {
        fail("wildcard '" + n.text + "*' matches more than " +
                 std::to_string(limit) + " words; make it longer",
             n.column);
      }
      found.emplace_back(it.get_termfreq(), *it);
    }
    wildcard_words_ += found.size();
    if (limit != 0 && wildcard_words_ > kWildcardWordsPerQuery * limit) {
      fail("the wildcards of this query match more than " +
               std::to_string(kWildcardWordsPerQuery * limit) +
               " words together; use fewer or longer ones",
           n.column);
    }
    if (!negated && !raw) {
      const std::size_t keep = std::min(found.size(), kMaxWildcardHighlights);
      std::vector<std::pair<Xapian::doccount, std::string>> top(keep);
      std::partial_sort_copy(
          found.begin(), found.end(), top.begin(), top.end(),
          [](const auto& a, const auto& b) {
            return a.first != b.first ? a.first > b.first : a.second < b.second;
          });
      const std::size_t plen = field_prefix(field).size();
      for (const auto& [freq, term] : top) {
        highlight({{term.substr(plen)}, false});
      }
    }
    if (positional == nullptr && db_->size() > 1) {
      // Several databases (shards): Xapian 1.4 expands OP_WILDCARD in each
      // one and weighs it with that one's frequencies, so the terms found
      // in the whole are given, weighed with the frequencies of the whole.
      std::vector<Q> terms;
      terms.reserve(found.size());
      for (const auto& [freq, term] : found) terms.emplace_back(term);
      return terms.empty() ? Q() : Q(Q::OP_SYNONYM, terms.begin(), terms.end());
    }
    if (positional == nullptr) {
      return Q(Q::OP_WILDCARD, pattern, static_cast<Xapian::termcount>(limit),
               Q::WILDCARD_LIMIT_ERROR, Q::OP_SYNONYM);
    }
    std::vector<Q> terms;
    std::vector<Q> all_terms;
    terms.reserve(found.size());
    const std::size_t plen = field_prefix(field).size();
    for (const auto& [freq, term] : found) {
      terms.emplace_back(term, 1, pos_);
      all_terms.emplace_back(field_term(Field::kAll, term.substr(plen)), 1,
                             pos_);
    }
    ++pos_;
    if (terms.empty()) return Q();  // NEAR with nothing on one side
    positional->push_back(combine(Q::OP_OR, terms));
    if (positional_all != nullptr) {
      positional_all->push_back(field == Field::kTitle
                                    ? combine(Q::OP_OR, all_terms)
                                    : positional->back());
    }
    return positional->back();
  }

  std::optional<Q> field(const QueryNode& n, const Ctx& ctx) {
    const QueryNode& value = n.children.front();
    if (is_text_field(n.field)) {
      const bool literal_value = value.kind == NodeKind::kWord ||
                                 value.kind == NodeKind::kPhrase;
      auto q = build(value, {text_field(n.field), ctx.negated});
      if (!q && literal_value) {
        fail("nothing to search for in '" + value.text + "'", value.column);
      }
      return q;
    }
    if (n.field == QueryField::kUser) {
      if (value.kind == NodeKind::kWildcard) {
        fail("'" + n.field_name + ":' takes a word or a phrase, not a wildcard",
             value.column);
      }
      Q q = user_field_query(user_field_prefix(n.field_name), value.text,
                             analyzer_);
      if (q.empty()) {
        fail("nothing to search for in '" + value.text + "'", value.column);
      }
      return q;
    }
    if (value.kind == NodeKind::kWildcard) {
      return wildcard(value, Field::kAll, ctx.negated, nullptr, n.field);
    }
    if (n.field == QueryField::kSite) {
      const std::string host = normalize_host(value.text);
      if (host.empty()) {
        fail("site: needs a host name, as in site:reuters.com", value.column);
      }
      return Q(bounded_term(prefix::kHost, host));
    }
    return Q(id_term(value.text));
  }

  std::optional<Q> date(const QueryNode& n) {
    if (n.field == QueryField::kBefore) {
      const auto last = n.to->day_before();
      if (!last) return Q();  // nothing is before year 1
      return Q(Q::OP_VALUE_LE, kSlotDate, date_bound(*last, "235959"));
    }
    if (n.field == QueryField::kDate && n.from && n.to && *n.from == *n.to) {
      // A whole year, month or day: the boolean term lede-index added for
      // it, cheaper than a range over the values.
      const QueryDate& d = *n.from;
      char buf[16];
      if (d.month == 0) {
        std::snprintf(buf, sizeof buf, "%.*s%04d",
                      static_cast<int>(prefix::kYear.size()),
                      prefix::kYear.data(), d.year);
      } else if (d.day == 0) {
        std::snprintf(buf, sizeof buf, "%.*s%04d%02d",
                      static_cast<int>(prefix::kMonth.size()),
                      prefix::kMonth.data(), d.year, d.month);
      } else {
        std::snprintf(buf, sizeof buf, "%.*s%04d%02d%02d",
                      static_cast<int>(prefix::kDay.size()),
                      prefix::kDay.data(), d.year, d.month, d.day);
      }
      return Q(buf);
    }
    if (n.from && n.to) {
      return Q(Q::OP_VALUE_RANGE, kSlotDate,
               date_bound(n.from->first_day(), "000000"),
               date_bound(n.to->last_day(), "235959"));
    }
    if (n.from) {
      return Q(Q::OP_VALUE_GE, kSlotDate,
               date_bound(n.from->first_day(), "000000"));
    }
    return Q(Q::OP_VALUE_LE, kSlotDate, date_bound(n.to->last_day(), "235959"));
  }

  // Terms side by side (kImplicit) or joined by AND: required terms (all
  // of them, or with --or only the +terms of kImplicit) AND-ed, optional
  // ones (--or) OR-ed beside them with AND_MAYBE, filters applied with
  // FILTER (never weighted), exclusions with AND_NOT.
  // BuildOptions::pair_weight: for each two bare words side by side in
  // title and body, the phrase of the two as written, ranked by frequency
  // and scaled. Position numbers continue after the node's literals.
  std::vector<Q> adjacent_pairs(const QueryNode& n, const Ctx& ctx) {
    std::vector<Q> out;
    if (options_.pair_weight <= 0 || phrases_.db == nullptr || ctx.negated ||
        ctx.field != Field::kAll) {
      return out;
    }
    std::string previous;  // the last word's term, or "" after a non-word
    std::string previous_word;
    std::vector<Token> tokens;
    for (const QueryNode& c : n.children) {
      std::string term, word;
      if (c.kind == NodeKind::kWord) {
        tokens.clear();
        analyzer_->analyze(c.text, &tokens);
        if (tokens.size() == 1 && !tokens.front().is_compound()) {
          word = tokens.front().term;
          term = field_term(Field::kAll, word);
        }
      }
      if (!previous.empty() && !term.empty()) {
        const TitleSpan title = phrase_title_span(
            Field::kAll, previous_word, phrases_.title_weight);
        out.push_back(Q(Q::OP_SCALE_WEIGHT,
                        phrase_frequency_query({previous, term}, *db_,
                                               options_.bm25, 1, pair_pos_,
                                               title),
                        options_.pair_weight));
        pair_pos_ += 2;
      }
      previous = std::move(term);
      previous_word = std::move(word);
    }
    return out;
  }

  // A word or phrase said again beside itself is built once, its wqf the
  // number of times it was said (a long query that repeats a word means
  // it more).
  std::optional<Q> conjunction(const QueryNode& n, const Ctx& ctx) {
    const bool any = n.kind == NodeKind::kImplicit && options_.match_any;
    std::vector<Xapian::termcount> said(n.children.size(), 1);
    std::map<std::string, std::size_t> first;
    for (std::size_t i = 0; i < n.children.size(); ++i) {
      const std::string key = literal_key(n.children[i], ctx);
      if (key.empty()) continue;
      const auto [at, fresh] = first.emplace(key, i);
      if (!fresh) {
        ++said[at->second];
        said[i] = 0;
      }
    }
    std::vector<Q> required, optional, filters, excluded;
    std::vector<Q> pairs = adjacent_pairs(n, ctx);
    for (std::size_t i = 0; i < n.children.size(); ++i) {
      const QueryNode& c = n.children[i];
      std::optional<Q> q;
      std::vector<Q>* into = nullptr;
      if (said[i] == 0) {  // said before: counted there
        if (!ctx.negated) {
          std::vector<Token> tokens;
          analyzer_->analyze(c.text, &tokens);
          note_words(c, ctx, tokens);
        }
        continue;
      }
      if (c.kind == NodeKind::kWord || c.kind == NodeKind::kPhrase) {
        q = literal(c, ctx, match_of(c), said[i]);
        into = any ? &optional : &required;
      } else if (c.kind == NodeKind::kNot) {
        q = build(c.children.front(), {ctx.field, !ctx.negated});
        into = &excluded;
      } else if (is_filter(c)) {
        q = build(c, ctx);
        into = &filters;
      } else if (c.kind == NodeKind::kRequired) {
        q = build(c.children.front(), ctx);
        into = &required;
      } else {
        q = build(c, ctx);
        into = any ? &optional : &required;
      }
      if (q) into->push_back(std::move(*q));
    }
    std::optional<Q> out;
    if (!required.empty()) out = combine(Q::OP_AND, required);
    if (!optional.empty()) {
      const Q maybe = combine(Q::OP_OR, optional);
      out = out ? Q(Q::OP_AND_MAYBE, *out, maybe) : maybe;
    }
    if (out && !pairs.empty()) {
      out = Q(Q::OP_AND_MAYBE, *out, combine(Q::OP_OR, pairs));
    }
    if (!filters.empty()) {
      const Q filter = combine(Q::OP_AND, filters);
      out = out ? Q(Q::OP_FILTER, *out, filter) : filter;
    }
    if (!excluded.empty()) {
      out = Q(Q::OP_AND_NOT, out ? *out : all_documents(),
              combine(Q::OP_OR, excluded));
    }
    return out;
  }

  // A NEAR/ADJ chain. Xapian 1.4's OP_NEAR and OP_PHRASE take only terms
  // (or ORs of terms), so a phrase operand gives its words, and the phrase
  // itself is required beside the window (see the header).
  std::optional<Q> near(const QueryNode& n, const Ctx& ctx) {
    const std::string op =
        (n.kind == NodeKind::kNear ? "NEAR/" : "ADJ/") +
        std::to_string(n.distance);
    std::vector<Q> terms;    // the window's subqueries, in order
    std::vector<Q> all_terms;  // the same, title terms as Field::kAll
    bool has_title = false;    // whether an operand is in the title
    std::vector<Q> phrases;  // operands of several words, required too
    bool nothing = false;    // a wildcard that matches no words
    for (const QueryNode& operand : n.children) {
      Field field = ctx.field;
      const QueryNode* lit = &operand;
      if (operand.kind == NodeKind::kField) {
        field = text_field(operand.field);
        lit = &operand.children.front();
      }
      has_title = has_title || field == Field::kTitle;
      if (lit->kind == NodeKind::kWildcard) {
        const std::size_t before = terms.size();
        const auto q = wildcard(*lit, field, ctx.negated, &terms, std::nullopt,
                                &all_terms);
        nothing = nothing || terms.size() == before || !q;
        continue;
      }
      std::vector<Token> tokens;
      analyzer_->analyze(lit->text, &tokens);
      const Xapian::termpos first = pos_;
      std::size_t count = 0;
      for (const Token& t : tokens) {
        if (t.is_compound()) continue;
        terms.emplace_back(field_term(field, t.term), 1, pos_);
        all_terms.emplace_back(
            field_term(field == Field::kTitle ? Field::kAll : field, t.term),
            1, pos_);
        ++pos_;
        ++count;
      }
      if (count == 0) {
        fail("nothing to search for in '" + lit->text + "' beside " + op,
             lit->column);
      }
      if (count > 1) {
        phrases.push_back(literal_query(field, lit->text, Match::kExact,
                                        analyzer_, first));
      }
      if (!ctx.negated) highlight_tokens(tokens, field, Match::kExact);
    }
    if (nothing) return Q();
    const auto window =
        static_cast<Xapian::termcount>(terms.size() + n.distance - 1);
    Q q = positional_query(
        n.kind == NodeKind::kNear ? Q::OP_NEAR : Q::OP_PHRASE, terms,
        all_terms, window, has_title);
    if (!phrases.empty()) q = Q(Q::OP_FILTER, q, combine(Q::OP_AND, phrases));
    return q;
  }

  std::string_view text_;
  const BuildOptions& options_;
  Analyzer* analyzer_;
  const Xapian::Database* db_;
  PhraseRanking phrases_;
  Xapian::termpos pos_ = 1;  // query position of the next literal
  std::size_t wildcard_words_ = 0;  // expansions of the wildcards so far
  Xapian::termpos pair_pos_ = 1000;  // of adjacent_pairs(), past the literals
};

// --plain: a run of non-space characters that the analyzer splits into
// several words is one literal only when it is one hyphenated word (a
// compound spans it all: "COVID-19"); otherwise ("10:30", "患者数据",
// "well...done") each word is its own literal, for bag-of-words queries
// (a CJK run: each bigram, the usual bag of words of CJK retrieval).
QueryNode split_plain_words(QueryNode root, Analyzer* analyzer) {
  std::vector<QueryNode> words;
  if (root.kind == NodeKind::kWord) {
    words.push_back(std::move(root));
  } else {
    words = std::move(root.children);
  }
  QueryNode all;
  all.kind = NodeKind::kImplicit;
  std::vector<Token> tokens;
  // A repeated word stays: the builder gives it wqf 2 (conjunction()).
  for (QueryNode& w : words) {
    tokens.clear();
    analyzer->analyze(w.text, &tokens);
    std::vector<const Token*> parts;
    for (const Token& t : tokens) {
      if (!t.is_compound()) parts.push_back(&t);
    }
    if (parts.empty()) {
      all.children.push_back(std::move(w));
      continue;
    }
    if (parts.size() == 1) {
      all.children.push_back(std::move(w));
      continue;
    }
    // Several words in one run ("Rad53-dependent", "10:30", "患者数据"):
    // each is a stemmed word of its own, as in running text. Keeping a
    // hyphenated run as an exact phrase cost 0.011 nDCG@10 on SciFact
    // train.
    for (const Token* t : parts) {
      QueryNode part;
      part.kind = NodeKind::kWord;
      part.plain = true;
      part.text = w.text.substr(t->begin, t->end - t->begin);
      part.offset = w.offset + t->begin;
      const std::string_view before(w.text.data(), t->begin);
      part.column = w.column + utf8::count_chars(before);
      all.children.push_back(std::move(part));
    }
  }
  if (all.children.empty()) return all;
  if (all.children.size() == 1) return std::move(all.children.front());
  all.column = all.children.front().column;
  return all;
}

// Throws QuerySyntaxError at the first literal that takes the query past
// kMaxQueryWords words (a wildcard counts as one), before anything is built.
void check_query_size(const QueryNode& root, std::string_view text,
                      Analyzer* analyzer) {
  std::size_t count = 0;
  std::vector<Token> tokens;
  std::vector<const QueryNode*> todo = {&root};
  while (!todo.empty()) {
    const QueryNode* n = todo.back();
    todo.pop_back();
    // Children in query order: the last pushed is visited first.
    for (auto c = n->children.rbegin(); c != n->children.rend(); ++c) {
      todo.push_back(&*c);
    }
    if (n->kind == NodeKind::kWildcard) {
      ++count;
    } else if (n->kind == NodeKind::kWord || n->kind == NodeKind::kPhrase) {
      tokens.clear();
      analyzer->analyze(n->text, &tokens);
      count += static_cast<std::size_t>(
          std::count_if(tokens.begin(), tokens.end(),
                        [](const Token& t) { return !t.is_compound(); }));
    }
    if (count > kMaxQueryWords) {
      throw QuerySyntaxError(
          "query has more than " + std::to_string(kMaxQueryWords) +
              " words, the most lede searches at once",
          std::string(text), n->column);
    }
  }
}

}  // namespace

BuiltQuery build_query(std::string_view text, const BuildOptions& options,
                       Analyzer* analyzer, const Xapian::Database* db) {
  const QueryNode ast = options.plain
                            ? split_plain_words(parse_plain(text), analyzer)
                            : parse_query(text, options.user_fields);
  check_query_size(ast, text, analyzer);
  Builder builder(text, options, analyzer, db);
  std::optional<Q> query = builder.build(ast, {});
  if (!query) {
    throw UsageError("query '" + std::string(text) +
                     "' has no searchable words");
  }
  BuiltQuery built;
  built.query = std::move(*query);
  built.highlights = std::move(builder.highlights);
  built.tree = to_sexpr(ast, options.match_any);
  built.words = std::move(builder.words);
  return built;
}

}  // namespace lede
