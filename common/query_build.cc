#include "common/query_build.h"

#include "common/terms.h"

namespace lede {

namespace {

// Bare words and "quoted phrases".
struct Literal {
  std::string text;
  bool quoted = false;
  std::size_t column = 1;
};

std::vector<Literal> split_query(std::string_view q, bool plain) {
  std::vector<Literal> out;
  std::size_t i = 0;
  while (i < q.size()) {
    const char c = q[i];
    if (c == ' ' || c == '\t') {
      ++i;
      continue;
    }
    if (c == '"' && !plain) {
      const auto close = q.find('"', i + 1);
      if (close == std::string_view::npos) {
        throw QuerySyntaxError("unbalanced quote", std::string(q), i + 1);
      }
      out.push_back({std::string(q.substr(i + 1, close - i - 1)), true, i + 1});
      i = close + 1;
      continue;
    }
    const auto end = q.find_first_of(plain ? " \t" : " \t\"", i);
    out.push_back({std::string(q.substr(i, end == std::string_view::npos
                                               ? q.npos
                                               : end - i)),
                   false, i + 1});
    i = end == std::string_view::npos ? q.size() : end;
  }
  return out;
}

}  // namespace

std::string QuerySyntaxError::render(std::string_view program) const {
  std::string out(program);
  out += ": ";
  out += what();
  out += " at column " + std::to_string(column_) + "\n  " + query_ + "\n  ";
  out += std::string(column_ > 0 ? column_ - 1 : 0, ' ');
  out += "^\n";
  return out;
}

BuiltQuery build_query(std::string_view text, const BuildOptions& options,
                       Analyzer* analyzer, const Xapian::Database*) {
  BuiltQuery built;
  std::vector<Xapian::Query> parts;
  Xapian::termpos pos = 1;
  for (const Literal& lit : split_query(text, options.plain)) {
    std::vector<Token> tokens;
    Xapian::Query q = literal_query(
        Field::kAll, lit.text, lit.quoted ? Match::kExact : Match::kStemmed,
        analyzer, pos, &tokens);
    if (q.empty()) continue;
    HighlightTerm h;
    for (const Token& t : tokens) {
      if (!t.is_compound()) h.words.push_back(t.term);
    }
    h.stemmed = !lit.quoted && h.words.size() == 1;
    built.highlights.push_back(std::move(h));
    parts.push_back(std::move(q));
    pos += static_cast<Xapian::termpos>(tokens.size());
  }
  if (parts.empty()) {
    throw UsageError("query '" + std::string(text) +
                     "' has no searchable words");
  }
  built.query = Xapian::Query(
      options.match_any ? Xapian::Query::OP_OR : Xapian::Query::OP_AND,
      parts.begin(), parts.end());
  built.tree = built.query.get_description();
  return built;
}

}  // namespace lede
