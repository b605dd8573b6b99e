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
#include <vector>

#include "common/analyzer.h"

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
// to `doc`: every token as a positional unstemmed term, and, in stemmed
// fields, its stem as a stemmed term without positions when the stem
// differs from the word ("partners" -> Zpartner; "partner" adds no Z term,
// see literal_query()). Each occurrence adds `wdf_inc` to the term's
// within-document frequency.
void index_tokens(Xapian::Document* doc, Field field,
                  const std::vector<Token>& tokens, Analyzer* analyzer,
                  Xapian::termcount wdf_inc = 1);

// How a literal of a query matches.
enum class Match {
  kStemmed,  // a single word matches all its inflections (in stemmed fields)
  kExact,    // unstemmed: `=word`, and every word of a phrase
};

// The Xapian query for one literal of a query, a bare word or the inside of
// a quoted phrase, as the user typed it:
//  * no tokens (only punctuation or emoji): an empty Xapian::Query;
//  * one token: its unstemmed term, or, stemmed: the synonym of its stem
//    term and the stem's own unstemmed term ("partners" ->
//    Zpartner SYNONYM partner: every word with that stem; the latter only
//    when the stem is its own stem);
//  * several tokens ("patient data", "COVID-19", "患者数据"): the phrase of
//    their unstemmed terms, OR-ed with the joined compound term when the
//    tokens were one hyphenated word ("COVID-19" also finds "covid19").
// `*tokens`, when given, receives the literal's tokens (for highlighting).
// `wqf_position` is the query position given to the terms (for --explain
// and Xapian's descriptions); successive literals pass increasing values.
[[nodiscard]] Xapian::Query literal_query(Field field, std::string_view text,
                                          Match match, Analyzer* analyzer,
                                          Xapian::termpos wqf_position = 1,
                                          std::vector<Token>* tokens = nullptr);

}  // namespace lede
