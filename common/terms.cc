#include "common/terms.h"

#include <algorithm>
#include <cassert>
#include <unordered_set>

#include "common/schema.h"

namespace lede {

std::string_view field_prefix(Field field) {
  switch (field) {
    case Field::kAll: return "";
    case Field::kTitle: return prefix::kTitle;
    case Field::kAuthor: return prefix::kAuthor;
    case Field::kSource: return prefix::kSource;
    case Field::kTag: return prefix::kTag;
  }
  return "";
}

bool field_is_stemmed(Field field) {
  return field == Field::kAll || field == Field::kTitle;
}

namespace {

// Whether every word of the field has a stem term, or only those whose
// stem differs from the word. Bare words (kAll) rank every query, so they
// get a stem term each: a bare word is then one term with its exact
// document frequency. The alternative, the synonym of the stem term and
// the word's own term, leaves BM25 with Xapian's estimate of the synonym's
// frequency, and cost 0.006 nDCG@10 on SciFact test (0.6953 -> 0.6893,
// bench/relevance/run.py at 86604c4 against its parent). `title:` is
// searched far less, so its stems (ZS) keep the smaller form.
bool stem_every_word(Field field) { return field == Field::kAll; }

}  // namespace

std::string field_term(Field field, std::string_view term) {
  std::string t(field_prefix(field));
  t += term;
  return t;
}

std::string stem_term(Field field, std::string_view stem) {
  assert(field_is_stemmed(field));
  std::string t(prefix::kStem);
  t += field_prefix(field);
  t += stem;
  return t;
}

namespace {

// Whether `tokens` are at two positions or more (a phrase needs two).
bool needs_positions(const std::vector<Token>& tokens) {
  return std::any_of(tokens.begin(), tokens.end(), [&](const Token& t) {
    return t.position != tokens.front().position;
  });
}

// index_tokens() without its one-position rule: `positions` as given.
void add_postings(Xapian::Document* doc, Field field,
                  const std::vector<Token>& tokens, Analyzer* analyzer,
                  Xapian::termcount wdf_inc, bool positions) {
  const bool stemmed = field_is_stemmed(field) && analyzer->stems();
  const bool every_word = stem_every_word(field);
  std::string term(field_prefix(field));
  const std::size_t plen = term.size();
  std::string zterm(stemmed ? stem_term(field, "") : std::string());
  const std::size_t zlen = zterm.size();
  for (const Token& token : tokens) {
    term.resize(plen);
    term += token.term;
    // A CJK dictionary word is only ever searched as a whole (the
    // alternative to the phrase of its bigrams, literal_query()), never by
    // position.
    if (positions && token.kind != TokenKind::kCjkWord) {
      // Positions are 1-based in Xapian's conventions; 0 is "no position".
      doc->add_posting(term, token.position + 1, wdf_inc);
    } else {
      doc->add_term(term, wdf_inc);
    }
    // In the title, a stem term only where the stem differs from the
    // word: the word's own term already says "a word with this stem" when
    // they are equal (literal_query() asks for both). That drops two thirds
    // of the stem postings of English news.
    if (stemmed && token.stemmable()) {
      const std::string& stem = analyzer->stem(token.term);
      if (every_word || stem != token.term) {
        zterm.resize(zlen);
        zterm += stem;
        doc->add_term(zterm, wdf_inc);
      }
    }
  }
}

}  // namespace

void index_tokens(Xapian::Document* doc, Field field,
                  const std::vector<Token>& tokens, Analyzer* analyzer,
                  Xapian::termcount wdf_inc, bool positions) {
  if (positions) positions = needs_positions(tokens);
  add_postings(doc, field, tokens, analyzer, wdf_inc, positions);
}

void index_user_field(Xapian::Document* doc, std::string_view prefix,
                      const std::vector<Token>& tokens) {
  const bool positions = needs_positions(tokens);
  std::string term(prefix);
  for (const Token& token : tokens) {
    term.resize(prefix.size());
    term += token.term;
    if (positions && token.kind != TokenKind::kCjkWord) {
      doc->add_posting(term, token.position + 1);
    } else {
      doc->add_term(term);
    }
  }
}

Xapian::Query user_field_query(std::string_view prefix, std::string_view text,
                               Analyzer* analyzer) {
  std::vector<Token> tokens;
  analyzer->analyze(text, &tokens);
  const std::string p(prefix);
  std::vector<Xapian::Query> parts;
  for (const Token& t : tokens) {
    if (!t.is_compound()) parts.emplace_back(p + t.term);
  }
  if (parts.size() <= 1) return parts.empty() ? Xapian::Query() : parts[0];
  Xapian::Query q(Xapian::Query::OP_PHRASE, parts.begin(), parts.end(),
                  static_cast<Xapian::termcount>(parts.size()));
  if (const Token* whole = whole_compound(tokens)) {
    q = Xapian::Query(Xapian::Query::OP_OR, q, Xapian::Query(p + whole->term));
  }
  return q;
}

TitlePositionCheck::TitlePositionCheck(const std::vector<Token>& title) {
  // The title's words in position order, with an empty string where a
  // position has no word (a dropped over-long token), which no run matches.
  for (const Token& t : title) {
    terms_.insert(t.term);
    if (t.is_compound()) continue;
    if (!words_.empty() && t.position != title[0].position + words_.size()) {
      words_.resize(t.position - title[0].position, std::string_view());
    }
    words_.push_back(t.term);
  }
}

bool TitlePositionCheck::run_in_title() const {
  if (run_.size() < 2) return true;
  return std::search(words_.begin(), words_.end(), run_.begin(), run_.end()) !=
         words_.end();
}

void TitlePositionCheck::add(const std::vector<Token>& body) {
  for (const Token& t : body) {
    if (needed_) return;
    if (t.is_compound()) {
      needed_ = terms_.contains(t.term);
      continue;
    }
    if (!run_.empty() && t.position != next_) {
      needed_ = !run_in_title();
      run_.clear();
    }
    if (const auto it = terms_.find(t.term); it != terms_.end()) {
      run_.push_back(*it);  // the title's string: outlives this piece
      next_ = t.position + 1;
    } else {
      needed_ = needed_ || !run_in_title();
      run_.clear();
    }
  }
}

bool TitlePositionCheck::needed() const { return needed_ || !run_in_title(); }

bool title_needs_positions(const std::vector<Token>& title,
                           const std::vector<Token>& body) {
  TitlePositionCheck check(title);
  check.add(body);
  return check.needed();
}

TitleAndBody::TitleAndBody(Xapian::Document* doc,
                           const std::vector<Token>& title, Analyzer* analyzer,
                           Xapian::termcount title_weight)
    : doc_(doc), title_(title), analyzer_(analyzer), check_(title) {
  index_tokens(doc, Field::kAll, title, analyzer, title_weight);
}

void TitleAndBody::add_body(const std::vector<Token>& piece, bool whole) {
  if (whole) {
    index_tokens(doc_, Field::kAll, piece, analyzer_);
  } else {
    add_postings(doc_, Field::kAll, piece, analyzer_, 1, true);
  }
  if (!title_.empty()) check_.add(piece);
}

void TitleAndBody::finish() {
  if (title_.empty()) return;
  const bool positions = check_.needed();
  index_tokens(doc_, Field::kTitle, title_, analyzer_, 1, positions);
  if (positions) doc_->add_boolean_term(std::string(prefix::kTitlePositions));
}

void index_title_and_body(Xapian::Document* doc,
                          const std::vector<Token>& title,
                          const std::vector<Token>& body, Analyzer* analyzer,
                          Xapian::termcount title_weight) {
  TitleAndBody both(doc, title, analyzer, title_weight);
  both.add_body(body, true);
  both.finish();
}

Xapian::Query positional_query(Xapian::Query::op op,
                               const std::vector<Xapian::Query>& field_terms,
                               const std::vector<Xapian::Query>& all_terms,
                               Xapian::termcount window, bool has_title) {
  using Q = Xapian::Query;
  Q own(op, field_terms.begin(), field_terms.end(), window);
  if (!has_title) return own;
  // Weighted by the field terms, as `own` is; the positional parts only
  // filter, so that --explain sees each term once.
  return Q(Q::OP_FILTER, Q(Q::OP_AND, field_terms.begin(), field_terms.end()),
           Q(Q::OP_OR, own,
             Q(Q::OP_AND_NOT,
               Q(op, all_terms.begin(), all_terms.end(), window),
               Q(std::string(prefix::kTitlePositions)))));
}

const Token* whole_compound(const std::vector<Token>& tokens) {
  for (const Token& t : tokens) {
    if (t.is_compound() && t.begin == tokens.front().begin &&
        t.end == tokens.back().end) {
      return &t;
    }
  }
  return nullptr;
}

TitleSpan phrase_title_span(Field field, std::string_view first_word,
                            Xapian::termcount title_weight) {
  if (field != Field::kAll) return {};
  // The title's words are at positions from 0, the body's from the title's
  // end plus kBodyPositionGap: below the gap, in a document whose title
  // has the word, is the title.
  return {field_term(Field::kTitle, first_word), kBodyPositionGap,
          title_weight};
}

Xapian::Query literal_query(Field field, std::string_view text, Match match,
                            Analyzer* analyzer, Xapian::termpos wqf_position,
                            std::vector<Token>* tokens_out,
                            Xapian::termcount wqf,
                            const PhraseRanking* phrases) {
  std::vector<Token> tokens;
  analyzer->analyze(text, &tokens);
  std::vector<const Token*> words;
  for (const Token& t : tokens) {
    if (!t.is_compound()) words.push_back(&t);
  }
  const Token* whole = whole_compound(tokens);
  Xapian::Query query;
  if (words.size() == 1) {
    const Token& t = *words.front();
    if (match == Match::kStemmed && field_is_stemmed(field) &&
        analyzer->stems() && t.stemmable()) {
      // A copy: the next stem() may evict the cached string.
      const std::string stem = analyzer->stem(t.term);
      query = Xapian::Query(stem_term(field, stem), wqf, wqf_position);
      // Where not every word has a stem term (the title): words whose stem
      // is `stem` and differ from it have the stem term, the word `stem`
      // itself has only its own term. (A Snowball stem need not be its own
      // stem: "agreed" -> "agre", but the word "agre" -> "agr"; then the
      // word's term is not asked for.) OP_SYNONYM weighs the pair as one
      // term, its wdf the sum of theirs.
      if (!stem_every_word(field) && analyzer->stem(stem) == stem) {
        query = Xapian::Query(
            Xapian::Query::OP_SYNONYM, query,
            Xapian::Query(field_term(field, stem), wqf, wqf_position));
      }
    } else {
      query = Xapian::Query(field_term(field, t.term), wqf, wqf_position);
    }
  } else if (words.size() > 1 && phrases != nullptr &&
             phrases->db != nullptr && field != Field::kTitle) {
    std::vector<std::string> terms;
    terms.reserve(words.size());
    for (const Token* t : words) terms.push_back(field_term(field, t->term));
    query = phrase_frequency_query(terms, *phrases->db, phrases->params, wqf,
                                   wqf_position,
                                   phrase_title_span(field, words.front()->term,
                                                     phrases->title_weight));
    if (whole != nullptr) {
      query = Xapian::Query(
          Xapian::Query::OP_OR, query,
          Xapian::Query(field_term(field, whole->term), wqf, wqf_position));
    }
  } else if (words.size() > 1) {
    std::vector<Xapian::Query> parts;
    std::vector<Xapian::Query> all_parts;
    parts.reserve(words.size());
    const bool title = field == Field::kTitle;
    Xapian::termpos pos = wqf_position;
    for (const Token* t : words) {
      parts.emplace_back(field_term(field, t->term), wqf, pos);
      if (title) {
        all_parts.emplace_back(field_term(Field::kAll, t->term), wqf, pos);
      }
      ++pos;
    }
    query = positional_query(Xapian::Query::OP_PHRASE, parts, all_parts,
                             static_cast<Xapian::termcount>(parts.size()),
                             title);
    if (whole != nullptr) {
      query = Xapian::Query(
          Xapian::Query::OP_OR, query,
          Xapian::Query(field_term(field, whole->term), wqf, wqf_position));
    }
  }
  if (tokens_out != nullptr) *tokens_out = std::move(tokens);
  return query;
}

}  // namespace lede
