#pragma once
// Text fields to Xapian terms, in both directions. The indexer calls
// index_field() to add postings; the query builder calls literal_query() for
// every word or phrase a user types. Both go through the same Analyzer and
// the same prefixes (common/schema.h), which is what guarantees that a term
// indexed is exactly the term a query asks for.
//
// No I/O here, and no knowledge of files, options or output.
#include <xapian.h>

#include <cstdint>
#include <string>
#include <string_view>
#include <unordered_set>
#include <vector>

#include "common/analyzer.h"
#include "common/phrase_weight.h"

namespace lede {

// The analysed text fields. kAll is title and body together (bare words in
// a query); the others are what `title:`, `author:`, `source:` and `tag:`
// search.
enum class Field { kAll, kTitle, kAuthor, kSource, kTag };

// Prefix of the field's unstemmed (positional) terms.
[[nodiscard]] std::string_view field_prefix(Field field);

// Whether the field also has stemmed terms (Z + prefix + stem).
[[nodiscard]] bool field_is_stemmed(Field field);

// The unstemmed term for a normalised word in `field`.
[[nodiscard]] std::string field_term(Field field, std::string_view term);

// The stemmed term for a stem in `field`. REQUIRES: field_is_stemmed(field).
[[nodiscard]] std::string stem_term(Field field, std::string_view stem);

// Adds the postings of `tokens` (from Analyzer::analyze on the field's text)
// to `doc`: every token as an unstemmed term, and, in stemmed fields, its
// stem as a stemmed term without positions: for every word in kAll
// ("partners" and "partner" -> Zpartner), only where the stem differs from
// the word in kTitle ("partners" -> ZSpartner; "partner" adds no ZS term,
// see literal_query()). Each occurrence adds `wdf_inc` to the term's
// within-document frequency. The unstemmed terms get positions when
// `positions` is true and the tokens have at least two distinct positions:
// a phrase or NEAR needs two, so a field of one word needs none; CJK
// dictionary words (TokenKind::kCjkWord) never do: they are searched only
// whole, beside the phrase of their bigrams.
// REQUIRES: `tokens` are all of the field's tokens in the document (a
// second call for the same field would defeat the one-word rule).
void index_tokens(Xapian::Document* doc, Field field,
                  const std::vector<Token>& tokens, Analyzer* analyzer,
                  Xapian::termcount wdf_inc = 1, bool positions = true);

// A field defined with --field (schema.h UserField): `tokens` (all of the
// field's, its items analysed with a gap between them) as terms under
// `prefix` (user_field_prefix()), unstemmed, with positions as
// index_tokens() gives them.
void index_user_field(Xapian::Document* doc, std::string_view prefix,
                      const std::vector<Token>& tokens);

// The query for the value of `name:value` in such a field, a filter: one
// word its term, several (or a word the analyzer splits) the phrase of
// their terms OR-ed with whole_compound(). Empty when `text` has no
// tokens.
[[nodiscard]] Xapian::Query user_field_query(std::string_view prefix,
                                             std::string_view text,
                                             Analyzer* analyzer);

// Whether the title terms (S) of a document need positions of their own.
// A title phrase is also a phrase in the title+body terms, whose positions
// cover the title (schema.h); it is found there, exactly, unless the body
// holds a run of title words that the title does not: every maximal run of
// consecutive body words that are all title words must occur in the title
// word for word (a body compound that is a title word counts as such a
// run). Tweets, whose text repeats the title, pass; about four in five
// Reuters stories do. `title` and `body` are the analyzer's tokens.
[[nodiscard]] bool title_needs_positions(const std::vector<Token>& title,
                                         const std::vector<Token>& body);

// Adds a document's title and body terms: the title's and the body's
// tokens as Field::kAll (title words `title_weight` times), the title's
// also as Field::kTitle, with positions only where title_needs_positions()
// says, and then the prefix::kTitlePositions marker. `body` must start
// after the title plus kBodyPositionGap (schema.h). This is what
// lede-index does; tests that build documents by hand call it too.
void index_title_and_body(Xapian::Document* doc,
                          const std::vector<Token>& title,
                          const std::vector<Token>& body, Analyzer* analyzer,
                          Xapian::termcount title_weight);

// title_needs_positions() for a body given piece by piece, in order.
// `title` must outlive the check.
class TitlePositionCheck {
 public:
  explicit TitlePositionCheck(const std::vector<Token>& title);
  void add(const std::vector<Token>& body_piece);
  // After the last piece.
  [[nodiscard]] bool needed() const;

 private:
  [[nodiscard]] bool run_in_title() const;
  std::vector<std::string_view> words_;  // title words by position
  std::unordered_set<std::string_view> terms_;
  std::vector<std::string_view> run_;    // views into terms_' strings
  std::uint32_t next_ = 0;
  bool needed_ = false;
};

// index_title_and_body() for a body too long to hold all its tokens at
// once: add_body() each piece's tokens in order (positions continuing
// from one piece to the next), then finish(). A body given as one piece
// (`whole`) gets positions by index_tokens()'s rule; a body in several
// pieces always has them. `title` must outlive this.
class TitleAndBody {
 public:
  TitleAndBody(Xapian::Document* doc, const std::vector<Token>& title,
               Analyzer* analyzer, Xapian::termcount title_weight);
  void add_body(const std::vector<Token>& piece, bool whole);
  void finish();

 private:
  Xapian::Document* doc_;
  const std::vector<Token>& title_;
  Analyzer* analyzer_;
  TitlePositionCheck check_;
};

// A positional query (OP_PHRASE or OP_NEAR with `window`) whose operands
// may be title terms. `field_terms` are the operands as searched (S terms
// for title words, or ORs of them); `all_terms` the same operands with the
// title terms replaced by their Field::kAll forms; `has_title` says
// whether any operand is a title term. Without title operands this is
// just the positional query. With them, documents whose title terms have
// positions (the marker) answer with those; the others with the positions
// of the title+body terms, which is exact for a phrase of title words
// (title_needs_positions()) and, for NEAR or mixed operands, finds the
// words near each other in the title or the body. Weighted as the
// positional query over `field_terms` is.
[[nodiscard]] Xapian::Query positional_query(
    Xapian::Query::op op, const std::vector<Xapian::Query>& field_terms,
    const std::vector<Xapian::Query>& all_terms, Xapian::termcount window,
    bool has_title);

// The compound token of `tokens` (a literal's) that spans all of them, or
// null: "covid19" of "COVID-19", "市政府" of 市政府 (whose bigrams are 市政
// 政府). literal_query() ORs it with the phrase of the other tokens; a
// compound that spans only part of a literal is not searched for.
[[nodiscard]] const Token* whole_compound(const std::vector<Token>& tokens);

// For phrase_frequency_query(): where a phrase of `field` whose first word
// is `first_word` (a normalised word) is in the title, so that an
// occurrence there counts `title_weight` times, as the title's words do in
// Field::kAll. Nothing for other fields. (A title of more than
// kBodyPositionGap words has its end counted as body.)
[[nodiscard]] TitleSpan phrase_title_span(Field field,
                                          std::string_view first_word,
                                          Xapian::termcount title_weight);

// How a literal of a query matches.
enum class Match {
  kStemmed,  // a single word matches all its inflections (in stemmed fields)
  kExact,    // unstemmed: `=word`, and every word of a phrase
};

// The Xapian query for one literal of a query, a bare word or the inside of
// a quoted phrase, as the user typed it:
//  * no tokens (only punctuation or emoji): an empty Xapian::Query;
//  * one token: its unstemmed term, or, stemmed: its stem term in kAll
//    ("partners" -> Zpartner), and in kTitle the synonym of its stem term
//    and the stem's own unstemmed term ("partners" -> ZSpartner SYNONYM
//    Spartner: every word with that stem; the latter only when the stem is
//    its own stem);
//  * several tokens ("patient data", "COVID-19", "市政府"): the phrase of
//    their unstemmed terms, compounds left out (positional_query() in the
//    title), OR-ed with whole_compound() when there is one ("COVID-19" also
//    finds "covid19", 市政府 the dictionary word 市政府 besides the bigrams
//    市政 政府).
// `*tokens`, when given, receives the literal's tokens (for highlighting).
// `wqf_position` is the query position given to the terms (for --explain
// and Xapian's descriptions); successive literals pass increasing values.
// `wqf` is the within-query frequency of every term (a word said twice
// in the query is one literal with wqf 2). With `phrases`, a phrase in a
// field other than kTitle is phrase_frequency_query() (ranked by how often
// the phrase occurs) instead of OP_PHRASE (ranked by its words).
[[nodiscard]] Xapian::Query literal_query(
    Field field, std::string_view text, Match match, Analyzer* analyzer,
    Xapian::termpos wqf_position = 1, std::vector<Token>* tokens = nullptr,
    Xapian::termcount wqf = 1, const PhraseRanking* phrases = nullptr);

}  // namespace lede
