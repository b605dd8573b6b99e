// libFuzzer target: any bytes as a query, through the grammar
// (parse_query) and --plain (parse_plain). Must never crash or trip a
// sanitizer. A QuerySyntaxError points inside the query and renders as
// three lines, the query echoed without control characters; a tree has the shape
// common/query_ast.h documents, with each node's text where its offset
// says.
#include <algorithm>

#include "common/query_parse.h"
#include "tests/fuzz/fuzz_util.h"

using lede::fuzz::require;
using lede::NodeKind;

namespace {

// Characters as the parser counts them: an ill-formed byte is one.
std::size_t chars(std::string_view s) {
  std::size_t n = 0;
  for (std::size_t i = 0; i < s.size(); ++n) {
    char32_t cp = 0;
    const std::size_t len = lede::utf8::decode(
        reinterpret_cast<const unsigned char*>(s.data()) + i, s.size() - i,
        &cp);
    i += len == 0 ? 1 : len;
  }
  return n;
}

void require_date(const lede::QueryDate& d) {
  require(d.year >= 1 && d.year <= 9999, "bad year");
  require(d.month >= 0 && d.month <= 12, "bad month");
  require(d.day == 0 || (d.month != 0 && d.day >= 1 &&
                         d.day <= lede::days_in_month(d.year, d.month)),
          "bad day");
}

void check(const lede::QueryNode& n, std::string_view query, std::size_t len,
           std::size_t depth) {
  require(depth <= 4 * lede::kMaxQueryDepth, "tree too deep");
  require(n.column >= 1 && n.column <= len + 1, "column outside the query");
  require(n.offset <= query.size(), "offset outside the query");
  const std::size_t kids = n.children.size();
  switch (n.kind) {
    case NodeKind::kWord:
    case NodeKind::kPhrase:
    case NodeKind::kWildcard:
      require(kids == 0, "literal with children");
      require(n.kind == NodeKind::kWildcard || !n.text.empty(), "empty word");
      require(query.substr(n.offset).starts_with(n.text),
              "text not at its offset", n.text);
      break;
    case NodeKind::kField:
    case NodeKind::kNot:
    case NodeKind::kRequired:
      require(kids == 1, "unary node without one child");
      break;
    case NodeKind::kDate:
      require(kids == 0, "date with children");
      require(n.from || n.to, "date without bounds");
      if (n.from) require_date(*n.from);
      if (n.to) require_date(*n.to);
      break;
    case NodeKind::kNear:
    case NodeKind::kAdj:
      require(n.distance >= 1 && n.distance <= lede::kMaxNearDistance,
              "bad distance");
      [[fallthrough]];
    case NodeKind::kAnd:
    case NodeKind::kOr:
    case NodeKind::kImplicit:
      require(kids >= 2, "operator with fewer than two operands");
      break;
  }
  for (const lede::QueryNode& c : n.children) check(c, query, len, depth + 1);
}

void check_error(const lede::QuerySyntaxError& e, std::size_t len) {
  require(e.column() >= 1 && e.column() <= len + 1, "error column outside");
  const std::string r = e.render("fuzz");
  require(std::count(r.begin(), r.end(), '\n') == 3 && r.back() == '\n',
          "rendered error not three lines", r);
  // The echoed query and the caret line (the message is checked by the
  // hostile-input tests: it quotes the query's own words).
  const std::string_view echo =
      std::string_view(r).substr(r.find('\n') + 1);
  require(lede::fuzz::valid_utf8(echo), "echoed query not UTF-8", echo);
  for (unsigned char c : echo) {
    require(c == '\n' || c == '\t' || (c >= 0x20 && c != 0x7F),
            "control character in the echoed query", echo);
  }
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data,
                                      std::size_t size) {
  const std::string_view query = lede::fuzz::text_of(data, size);
  const std::size_t len = chars(query);
  try {
    const lede::QueryNode tree = lede::parse_query(query);
    check(tree, query, len, 0);
    (void)lede::to_sexpr(tree, size % 2 == 0);
  } catch (const lede::QuerySyntaxError& e) {
    check_error(e, len);
  }
  try {
    const lede::QueryNode plain = lede::parse_plain(query);
    check(plain, query, len, 0);
    const auto words = plain.kind == NodeKind::kImplicit
                           ? plain.children
                           : std::vector<lede::QueryNode>{plain};
    for (const lede::QueryNode& w : words) {
      require(w.kind == NodeKind::kWord && w.plain, "plain node not a word");
    }
  } catch (const lede::QuerySyntaxError& e) {
    check_error(e, len);
  } catch (const lede::UsageError&) {
  }
  return 0;
}
