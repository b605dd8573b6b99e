#pragma once
// The parsed form of a lede-query query: a tree of words, phrases,
// wildcards, fields, dates and operators, exactly as the user wrote them.
// common/query_parse.h builds it from text; common/query_build.h turns it
// into a Xapian::Query. This header knows nothing of Xapian, the schema or
// the analyzer: words are kept as typed, and what they mean is decided when
// the query is built (tantivy's UserInputAst split).
#include <cstddef>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace lede {

// The fields a query can name, `name:value`.
enum class QueryField : std::uint8_t {
  kTitle,   // title words          (analysed, stemmed)
  kAuthor,  // author words         (analysed)
  kSource,  // source words         (analysed)
  kTag,     // tag words            (analysed)
  kSite,    // URL host             (lower-cased, no "www.")
  kId,      // the document id      (exactly as given)
  kDate,    // publication date or range
  kAfter,   // on or after a date
  kBefore,  // strictly before a date
  kUser,    // a field the database defines (lede-index --field NAME=KEY):
            // a filter on its items' words; QueryNode::field_name says which
};

// "title", "author", ..., as written in queries (without the colon); "field"
// for kUser (whose name is the node's field_name).
[[nodiscard]] std::string_view query_field_name(QueryField field);

// Whether the field's values are text for the analyzer (title, author,
// source, tag), as opposed to a host, an id or a date.
[[nodiscard]] bool is_text_field(QueryField field);

// Days in a month of the proleptic Gregorian calendar. REQUIRES: 1 <=
// month <= 12.
[[nodiscard]] int days_in_month(int year, int month);

// A calendar date as written in a query: a year, a month or a day.
// REQUIRES (the parser guarantees it): 1 <= year <= 9999; month 0 (not
// given) or 1..12; day 0 (not given) or a day of that month; day != 0
// only when month != 0.
struct QueryDate {
  int year = 0;
  int month = 0;  // 0: the whole year
  int day = 0;    // 0: the whole month (or year)

  // "2024", "2024-03" or "2024-03-05".
  [[nodiscard]] std::string to_string() const;
  // The first and the last day this date covers ("2024-02" -> 2024-02-01
  // and 2024-02-29).
  [[nodiscard]] QueryDate first_day() const;
  [[nodiscard]] QueryDate last_day() const;
  // The day before first_day(); nothing before 0001-01-01.
  [[nodiscard]] std::optional<QueryDate> day_before() const;
  bool operator==(const QueryDate&) const = default;
};

enum class NodeKind : std::uint8_t {
  kWord,      // text; exact for `=word`
  kPhrase,    // text between quotes
  kWildcard,  // text before the final '*'
  kField,     // field (title/author/source/tag/site/id) + one child
  kDate,      // field (date/after/before) + from/to
  kAnd,       // explicit AND: two or more children
  kOr,        // explicit OR: two or more children
  kImplicit,  // words side by side: the default operator (AND, or OR
              // with --or); two or more children
  kNot,       // NOT x, -x: one child
  kRequired,  // +x: one child
  kNear,      // A NEAR/n B ...: two or more literal children
  kAdj,       // A ADJ/n B ...: two or more literal children, in order
};

// One node of the tree. Plain data, copied and compared freely.
struct QueryNode {
  NodeKind kind = NodeKind::kWord;
  // Where the node starts in the query: 1-based, in characters (Unicode
  // code points; an ill-formed byte counts as one).
  std::size_t column = 1;
  // Byte offset in the query of the node's text (after any quote, '=' or
  // `field:`), for tools that rewrite the query (spelling suggestions).
  std::size_t offset = 0;
  // kWord, kPhrase: the text as typed (without quotes or '=');
  // kWildcard: the text before '*'; kField's child: its value.
  std::string text;
  bool exact = false;      // kWord: `=word`, or beside NEAR/ADJ (unstemmed)
  bool plain = false;      // kWord from --plain: a bag of words, never a
                           // phrase (see build_query)
  QueryField field = QueryField::kTitle;  // kField, kDate
  std::string field_name;  // kField of QueryField::kUser: the field's name
  std::optional<QueryDate> from;  // kDate: first day included, if bounded
  std::optional<QueryDate> to;    // kDate: last day included, if bounded;
                                  // kBefore: the date it stops before
  unsigned distance = 0;          // kNear, kAdj: n of NEAR/n
  std::vector<QueryNode> children;

  bool operator==(const QueryNode&) const = default;
};

// The tree as an S-expression, for --show-query and tests:
//   (AND (word "patient" stem) (phrase "patient data")
//        (field title (word "mayo" stem)) (date 2024-01-01..2024-06-30))
// `implicit_or` labels kImplicit nodes OR (--or) instead of AND.
// Implemented in query_parse.cc.
[[nodiscard]] std::string to_sexpr(const QueryNode& node,
                                   bool implicit_or = false);

}  // namespace lede
