#pragma once
// The query language's grammar: text -> QueryNode tree (common/query_ast.h).
// No Xapian, no schema, no analyzer here: what a word means is decided by
// common/query_build.h. Errors are QuerySyntaxError with the column of the
// offending character, for a one-line message with a caret under it.
//
// Grammar (tightest binding last; spaces separate terms):
//
//   query     := sequence
//   sequence  := or_expr { or_expr }          words side by side: AND,
//                                             or OR with --or
//   or_expr   := and_expr { "OR" and_expr }
//   and_expr  := unary { "AND" unary }
//   unary     := ("NOT" | "-" | "+") unary | near
//   near      := primary { ("NEAR" | "NEAR/n" | "ADJ" | "ADJ/n") primary }
//   primary   := word | "=" word | phrase | wildcard
//              | textfield ":" (word | "=" word | phrase | wildcard
//                               | "(" sequence ")")
//              | ("site" | "id") ":" (word | phrase | wildcard)
//              | ("date" | "after" | "before") ":" dates
//              | "(" sequence ")"
//   phrase    := '"' any text '"'      (also “…” and „…“)
//   wildcard  := word-text "*"
//   dates     := date | date ".." date | ".." date | date ".."
//   date      := YYYY | YYYY-MM | YYYY-MM-DD
//
// So `a b OR c` is a AND (b OR c), `a AND b OR c` is (a AND b) OR c, and
// `-a NEAR b` is NOT (a NEAR b). Operators are upper case; lower-case
// "and", "or", "not", "near" are words. `-`, `+` and `=` are operators only
// at the start of a term and right before it (`e-mail` and a lone `-` are
// text). `name:` is a field only when `name` is letters and the colon is
// followed by something other than a space, '/' or ':' ("10:30" and
// "https://..." are text). NEAR and ADJ take words, phrases and wildcards
// (with or without a text field), never groups; the distance n is 1 to
// 1000 and defaults to 10. Inside quotes nothing is special.
#include <cstddef>
#include <string>
#include <string_view>
#include <vector>

#include "common/error.h"
#include "common/query_ast.h"

namespace lede {

// A query that cannot be run as written. `column` is 1-based, counted in
// characters of `query`; what() is the one-line message without position.
class QuerySyntaxError : public UsageError {
 public:
  QuerySyntaxError(const std::string& message, std::string query,
                   std::size_t column)
      : UsageError(message), query_(std::move(query)), column_(column) {}
  [[nodiscard]] const std::string& query() const { return query_; }
  [[nodiscard]] std::size_t column() const { return column_; }

  // "<program>: <message> at column N\n  <query>\n  <padding>^\n". The
  // padding has the display width of the text before the column (a CJK
  // character is two cells, a combining mark none, a tab stays a tab) so
  // the caret sits under the character on a terminal; unsafe characters
  // (common/safe_text.h) in the echoed query are shown as spaces, and the
  // message is escaped().
  [[nodiscard]] std::string render(std::string_view program) const;

 private:
  std::string query_;
  std::size_t column_;
};

// The largest distance NEAR/n and ADJ/n accept, and the default n.
inline constexpr unsigned kMaxNearDistance = 1000;
inline constexpr unsigned kDefaultNearDistance = 10;

// How deeply parentheses and NOT, -, + may nest.
inline constexpr std::size_t kMaxQueryDepth = 100;

// Parses `text` in the grammar above; `user_fields` are the names of the
// fields the database defines (QueryField::kUser, taking a word or a
// phrase, as site: does). Returns the tree; a query of one
// term is that term's node (no kImplicit around it).
// Throws QuerySyntaxError for: an empty query, an unbalanced quote or
// parenthesis, empty parentheses or quotes, an unknown field, a field
// without a value, a malformed or impossible date, an operator without a
// term on each side, a bad NEAR/n, a misplaced '*', '=', '-' or '+',
// nested fields, a group, field or negation beside NEAR/ADJ, and nesting
// deeper than kMaxQueryDepth.
[[nodiscard]] QueryNode parse_query(
    std::string_view text, const std::vector<std::string>& user_fields = {});

// --plain: no syntax at all. Every run of non-space characters is a kWord
// with `plain` set (quotes, colons, operators and '*' are just text),
// side by side in a kImplicit (or the single kWord). Throws lede::UsageError
// ("has no searchable words") when `text` is only spaces.
[[nodiscard]] QueryNode parse_plain(std::string_view text);

}  // namespace lede
