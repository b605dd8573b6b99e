#pragma once
// A user's query string -> the Xapian query to run and what to highlight.
// The text is parsed by common/query_parse.h (grammar and errors there);
// this file decides what each part means. Every literal goes through the
// same Analyzer and terms functions as indexing (common/terms.h
// literal_query), and fields, hosts, ids and dates use the prefixes and
// slots of common/schema.h, so the query asks for exactly the terms that
// were indexed. No output and no database writes here; the database is
// only read to expand wildcards.
//
// What the parts mean:
//  * word        all its inflections (stemmed, in title and body);
//    =word       that word only (unstemmed); "a phrase": those words in
//                that order, unstemmed. A word the analyzer splits
//                ("COVID-19", "市政府") is a phrase of its parts (the
//                bigrams 市政 政府), or the joined compound ("covid19", the
//                dictionary word 市政府).
//  * prefix*     every unstemmed word starting with the prefix (after the
//                analyzer: "Zür*" is "zur*"); at least 2 characters, and an
//                error when it matches more than max_wildcard_terms words,
//                or the query's wildcards together more than
//                kWildcardWordsPerQuery times that.
//  * title: author: source: tag:   the same, in that field only.
//    site:host   the URL host or a parent domain ("www." and case ignored;
//                a whole URL is reduced to its host).
//    id:value    the document id, exactly (case and punctuation matter).
//  * date:2024 date:2024-03 date:2024-03-05   that year, month or day;
//    date:A..B   from the first day of A to the last day of B, inclusive;
//    date:A..    from the first day of A on; date:..B  up to the last day
//    of B; after:X = date:X..  (X included); before:X: strictly before
//    the first day of X (X excluded), so `after:2024 before:2025` is 2024.
//    Dates are the UTC dates lede-index stored.
//  * site:, id: and dates filter: they never change a document's score.
//  * words side by side must all match (with --or: any, ranked; +word is
//    then required); -word and NOT word exclude. A query of exclusions only
//    (`-data`) matches every document without them, unranked.
//  * A NEAR/n B: within n words of each other, any order (A ADJ/n B: B at
//    most n words after A). Only unstemmed words have positions, so words
//    beside NEAR/ADJ match as written (like =word). A phrase beside
//    NEAR/ADJ is approximated: all its words must be within the window
//    (counting the phrase's own length) and the phrase must occur in the
//    document. title: words beside NEAR/ADJ are approximated in documents
//    whose title words have no positions of their own (most: see
//    title_needs_positions() in common/terms.h): the words must be in the
//    title and within the window in the title or the body. A title:
//    phrase is exact.
#include <xapian.h>

#include <cstddef>
#include <string>
#include <string_view>
#include <vector>

#include "common/analyzer.h"
#include "common/build_options.h"
#include "common/error.h"
#include "common/phrase_weight.h"
#include "common/query_ast.h"
#include "common/query_parse.h"
#include "common/snippet.h"
#include "common/terms.h"

namespace lede {

// A word of the query that a spelling suggestion could replace.
struct QueryWord {
  std::string term;        // the analyzer's term ("zurich" for "Zürich")
  std::size_t begin = 0;   // byte range of the word in the query text
  std::size_t end = 0;
  Field field = Field::kAll;  // where it is searched (title:, author:...)
  bool operator==(const QueryWord&) const = default;
};

struct BuiltQuery {
  Xapian::Query query;
  // Every positive literal (not under NOT or -): phrases as phrases,
  // stemmed words stemmed, exact words exact, a hyphenated word also as its
  // compound, a wildcard as its (up to kMaxWildcardHighlights) most
  // frequent expansions. For snippets and titles.
  std::vector<HighlightTerm> highlights;
  std::string tree;  // the parsed query as an S-expression (--show-query)
  // The positive words of letters (TokenKind::kWord) of words and phrases,
  // in any text field, in query order (not beside NEAR/ADJ, not under
  // NOT), for "did you mean".
  std::vector<QueryWord> words;
};

// Wildcard expansions given to the highlighter, most frequent first.
inline constexpr std::size_t kMaxWildcardHighlights = 50;

// All the wildcards of a query together may match this many times
// max_wildcard_terms words (when that is not 0): 1,000 wildcards of three
// letters took 6 s.
inline constexpr std::size_t kWildcardWordsPerQuery = 10;

// The most words (a wildcard counts as one) a query may search: each is
// looked up, ranked and offered a spelling, and 10,000 took seconds.
inline constexpr std::size_t kMaxQueryWords = 1000;

// Parses and builds `text` (or, with options.plain, splits it into words:
// each run of non-space characters is a word; one the analyzer splits into
// several, hyphenated or not, gives separate words). Literals side by side
// that ask for the same terms ("oil prices oil", "run running" stemmed)
// are one literal whose terms have wqf = how often it was said, so that a
// word said twice weighs more than once, and less than twice (BM25's k3).
// `analyzer` must be the database's (index_meta). `db` is read to expand
// wildcards: it may be null when the query has none (a wildcard is then
// neither checked against the limit nor highlighted, and one beside
// NEAR/ADJ is a UsageError).
// Throws QuerySyntaxError for bad syntax (common/query_parse.h) and for a
// wildcard that is too short, not one word, or too broad, and for more
// than kMaxQueryWords words; lede::UsageError
// when nothing in the query is searchable (only punctuation or emoji).
// The returned query is empty (matches nothing) only when a wildcard
// matches no words in a place that needs it.
[[nodiscard]] BuiltQuery build_query(std::string_view text,
                                     const BuildOptions& options,
                                     Analyzer* analyzer,
                                     const Xapian::Database* db);

}  // namespace lede
