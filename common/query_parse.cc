#include "common/query_parse.h"

#include <unicode/uchar.h>

#include <algorithm>
#include <array>
#include <cstdio>
#include <cstdint>
#include <utility>
#include <vector>

#include "common/safe_text.h"
#include "common/utf8.h"

namespace lede {

namespace {

constexpr char32_t kReplacement = 0xFFFD;

// The code point at text[i] and its length in bytes; an ill-formed byte is
// one U+FFFD of length 1.
std::pair<char32_t, std::size_t> code_point_at(std::string_view text,
                                               std::size_t i) {
  const auto* p = reinterpret_cast<const unsigned char*>(text.data()) + i;
  if (p[0] < 0x80) return {p[0], 1};
  char32_t cp = 0;
  const std::size_t len = utf8::decode(p, text.size() - i, &cp);
  if (len == 0) return {kReplacement, 1};
  return {cp, len};
}

bool is_space(char32_t cp) {
  if (cp < 0x80) {
    return cp == ' ' || cp == '\t' || cp == '\n' || cp == '\r' ||
           cp == '\f' || cp == '\v';
  }
  return u_isUWhiteSpace(static_cast<UChar32>(cp)) != 0;
}

constexpr char32_t kLeftDouble = 0x201C;   // “
constexpr char32_t kRightDouble = 0x201D;  // ”
constexpr char32_t kLowDouble = 0x201E;    // „

bool is_open_quote(char32_t cp) {
  return cp == '"' || cp == kLeftDouble || cp == kLowDouble;
}

bool closes(char32_t open, char32_t cp) {
  switch (open) {
    case '"': return cp == '"';
    case kLeftDouble: return cp == kRightDouble || cp == '"';
    case kLowDouble: return cp == kLeftDouble || cp == kRightDouble;
    default: return false;
  }
}

// Characters that end a bare word.
bool is_date_field(QueryField field) {
  return field == QueryField::kDate || field == QueryField::kAfter ||
         field == QueryField::kBefore;
}

bool is_delimiter(char32_t cp) {
  return is_space(cp) || cp == '(' || cp == ')' || is_open_quote(cp) ||
         cp == kRightDouble;
}

bool is_ascii_letter(char c) {
  return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z');
}

bool is_digit(char c) { return c >= '0' && c <= '9'; }

constexpr std::array<QueryField, 9> kAllFields = {
    QueryField::kTitle, QueryField::kAuthor, QueryField::kSource,
    QueryField::kTag,   QueryField::kSite,   QueryField::kId,
    QueryField::kDate,  QueryField::kAfter,  QueryField::kBefore};

std::string field_list(const std::vector<std::string>& user_fields) {
  std::string out;
  for (QueryField f : kAllFields) {
    if (!out.empty()) out += ' ';
    out += query_field_name(f);
  }
  for (const std::string& f : user_fields) out += ' ' + f;
  return out;
}

std::string lower_ascii(std::string_view name) {
  std::string lower(name);
  for (char& c : lower) {
    if (c >= 'A' && c <= 'Z') c = static_cast<char>(c - 'A' + 'a');
  }
  return lower;
}

std::optional<QueryField> field_named(
    std::string_view name, const std::vector<std::string>& user_fields) {
  const std::string lower = lower_ascii(name);
  for (QueryField f : kAllFields) {
    if (query_field_name(f) == lower) return f;
  }
  if (std::find(user_fields.begin(), user_fields.end(), lower) !=
      user_fields.end()) {
    return QueryField::kUser;
  }
  return std::nullopt;
}

// ---------------------------------------------------------------- lexer

enum class TokKind : std::uint8_t {
  kWord, kWildcard, kPhrase, kLParen, kRParen, kAnd, kOr, kNot, kNear, kAdj,
  kMinus, kPlus, kExact, kField, kEnd,
};

struct Tok {
  TokKind kind = TokKind::kEnd;
  std::size_t column = 1;
  std::size_t offset = 0;  // byte offset of `text` in the query
  std::string text;        // word, wildcard (without '*'), phrase, operator
  unsigned distance = 0;   // kNear, kAdj
  QueryField field = QueryField::kTitle;  // kField
};

Tok make_tok(TokKind kind, std::size_t column, std::size_t offset,
             std::string text) {
  Tok t;
  t.kind = kind;
  t.column = column;
  t.offset = offset;
  t.text = std::move(text);
  return t;
}

class Lexer {
  // What came right before, without a space: a field name or '='.
  enum class After { kNothing, kField, kExact };

 public:
  Lexer(std::string_view text, const std::vector<std::string>& user_fields)
      : text_(text), user_fields_(user_fields) {
    // column_[i]: the column of the character that starts at byte i.
    column_.resize(text.size() + 1);
    std::size_t col = 1;
    for (std::size_t i = 0; i < text.size();) {
      const std::size_t len = code_point_at(text, i).second;
      for (std::size_t k = 0; k < len; ++k) column_[i + k] = col;
      i += len;
      ++col;
    }
    column_[text.size()] = col;
  }

  std::vector<Tok> run() {
    std::vector<Tok> out;
    After after = After::kNothing;
    std::size_t i = 0;
    for (;;) {
      if (after == After::kNothing) {
        while (i < text_.size() && is_space(at(i).first)) i += at(i).second;
      }
      if (i >= text_.size()) {
        out.push_back(make_tok(TokKind::kEnd, column_[i], i, ""));
        return out;
      }
      const auto [cp, len] = at(i);
      const std::size_t col = column_[i];
      if (cp == '(' || cp == ')') {
        out.push_back(make_tok(cp == '(' ? TokKind::kLParen
                                         : TokKind::kRParen,
                               col, i, std::string(1, static_cast<char>(cp))));
        i += 1;
        after = After::kNothing;
        continue;
      }
      if (is_open_quote(cp)) {
        std::size_t j = i + len;
        while (j < text_.size() && !closes(cp, at(j).first)) {
          j += at(j).second;
        }
        if (j >= text_.size()) fail("unbalanced quote: no closing quote", col);
        out.push_back(
            make_tok(TokKind::kPhrase, col, i + len,
                     std::string(text_.substr(i + len, j - i - len))));
        i = j + at(j).second;
        after = After::kNothing;
        continue;
      }
      if (cp == kRightDouble) {
        fail("unbalanced quote: no opening quote", col);
      }
      const char32_t next = i + 1 < text_.size() ? at(i + 1).first : ' ';
      const bool next_starts_term = !is_space(next) && next != ')';
      if ((cp == '-' || cp == '+') && next_starts_term && next != '-' &&
          next != '+') {
        if (after == After::kField && is_date_field(out.back().field)) {
          // date:-5000: a negative year, not a misplaced exclusion.
          std::size_t j = i;
          while (j < text_.size() && !is_delimiter(at(j).first)) {
            j += at(j).second;
          }
          fail("malformed date '" + std::string(text_.substr(i, j - i)) +
                   "' (expected YYYY, YYYY-MM or YYYY-MM-DD; years run from "
                   "0001 to 9999)",
               col);
        }
        if (after == After::kField) {
          fail("put '" + std::string(1, static_cast<char>(cp)) +
                   "' before the field, as in " +
                   std::string(1, static_cast<char>(cp)) + "title:word",
               col);
        }
        if (after == After::kNothing) {
          const TokKind kind = cp == '-' ? TokKind::kMinus : TokKind::kPlus;
          out.push_back(
              make_tok(kind, col, i, std::string(1, static_cast<char>(cp))));
          i += 1;
          continue;
        }
      }
      if (cp == '=' && next_starts_term && after != After::kExact) {
        out.push_back(make_tok(TokKind::kExact, col, i, "="));
        i += 1;
        after = After::kExact;
        continue;
      }
      if (after != After::kField && lex_field(i, after, &out)) {
        after = After::kField;
        continue;
      }
      // A bare word: everything up to the next delimiter.
      std::size_t j = i;
      while (j < text_.size() && !is_delimiter(at(j).first)) {
        j += at(j).second;
      }
      out.push_back(word_token(i, j, after == After::kNothing));
      i = j;
      after = After::kNothing;
    }
  }

 private:
  [[noreturn]] void fail(const std::string& message, std::size_t column) {
    throw QuerySyntaxError(message, std::string(text_), column);
  }

  std::pair<char32_t, std::size_t> at(std::size_t i) const {
    return code_point_at(text_, i);
  }

  // At text_[i]: `letters:` followed by something other than a space, '/'
  // or ':' is a field. Appends the field token and returns true; throws for
  // an unknown field name and for a known one with nothing after the
  // colon; returns false for text that only looks a bit like a field.
  bool lex_field(std::size_t& i, After after, std::vector<Tok>* out) {
    std::size_t j = i;
    while (j < text_.size() && is_ascii_letter(text_[j])) ++j;
    if (j == i || j >= text_.size() || text_[j] != ':') return false;
    const std::string_view name = text_.substr(i, j - i);
    const std::optional<QueryField> field = field_named(name, user_fields_);
    const std::size_t col = column_[i];
    if (j + 1 >= text_.size() || is_space(at(j + 1).first)) {
      if (!field) return false;  // "Update: ..." is text
      fail("field '" + std::string(name) +
               ":' needs a value right after the colon",
           col);
    }
    const char c = text_[j + 1];
    if (c == '/' || c == ':') return false;  // "https://...", "std::string"
    if (!field) {
      fail("unknown field '" + std::string(name) + ":' (fields: " +
               field_list(user_fields_) + "; put text with a colon in quotes)",
           col);
    }
    if (after == After::kExact) {
      fail("'=' goes after the field name, as in " + lower_ascii(name) +
               ":=word",
           column_[i - 1]);
    }
    Tok tok = make_tok(TokKind::kField, col, i, std::string(name));
    tok.field = *field;
    out->push_back(std::move(tok));
    i = j + 1;
    return true;
  }

  Tok word_token(std::size_t begin, std::size_t end, bool operators) {
    const std::string_view w = text_.substr(begin, end - begin);
    const std::size_t col = column_[begin];
    Tok tok = make_tok(TokKind::kWord, col, begin, std::string(w));
    if (operators) {
      if (w == "AND" || w == "OR" || w == "NOT") {
        tok.kind = w == "AND"  ? TokKind::kAnd
                   : w == "OR" ? TokKind::kOr
                               : TokKind::kNot;
        return tok;
      }
      for (const auto& [name, kind] :
           {std::pair{std::string_view("NEAR"), TokKind::kNear},
            std::pair{std::string_view("ADJ"), TokKind::kAdj}}) {
        if (!w.starts_with(name)) continue;
        if (w.size() == name.size()) {
          tok.kind = kind;
          tok.distance = kDefaultNearDistance;
          return tok;
        }
        if (w[name.size()] != '/') continue;  // "NEARBY" is a word
        const std::string_view n = w.substr(name.size() + 1);
        unsigned value = 0;
        bool ok = !n.empty() && n.size() <= 4;
        for (char c : n) {
          ok = ok && is_digit(c);
          if (ok) value = value * 10 + static_cast<unsigned>(c - '0');
        }
        if (!ok || value < 1 || value > kMaxNearDistance) {
          fail("bad distance in '" + std::string(w) + "': use " +
                   std::string(name) + "/n with n from 1 to " +
                   std::to_string(kMaxNearDistance),
               col);
        }
        tok.kind = kind;
        tok.distance = value;
        return tok;
      }
    }
    const std::size_t star = w.find('*');
    if (star == std::string_view::npos) return tok;
    if (star + 1 != w.size()) {
      fail("'*' can only end a word, as in pat*", column_[begin + star]);
    }
    if (star == 0) fail("'*' needs a word before it, as in pat*", col);
    tok.kind = TokKind::kWildcard;
    tok.text.pop_back();
    return tok;
  }

  std::string_view text_;
  const std::vector<std::string>& user_fields_;
  std::vector<std::size_t> column_;
};

// ---------------------------------------------------------------- dates

// ---------------------------------------------------------------- parser

class Parser {
 public:
  Parser(std::string_view text, std::vector<Tok> tokens)
      : text_(text), toks_(std::move(tokens)) {}

  QueryNode parse() {
    if (peek().kind == TokKind::kEnd) fail("empty query", 1);
    QueryNode node = parse_sequence();
    if (peek().kind == TokKind::kRParen) {
      fail("unbalanced parenthesis: no '(' before this ')'", peek().column);
    }
    return node;
  }

 private:
  [[noreturn]] void fail(const std::string& message, std::size_t column) {
    throw QuerySyntaxError(message, std::string(text_), column);
  }

  // Counts nesting (parentheses, NOT, -, +) so that a hostile query
  // cannot overflow the stack of this recursive parser (or of the
  // builder and printer, which recurse over the tree it returns).
  struct Nest {
    Nest(Parser* p, std::size_t column) : parser(p) {
      if (++parser->depth_ > kMaxQueryDepth) {
        parser->fail("query nested more than " +
                         std::to_string(kMaxQueryDepth) + " levels deep",
                     column);
      }
    }
    ~Nest() { --parser->depth_; }
    Nest(const Nest&) = delete;
    Nest& operator=(const Nest&) = delete;
    Parser* parser;
  };

  const Tok& peek() const { return toks_[pos_]; }
  Tok take() { return toks_[pos_++]; }

  static bool starts_term(TokKind k) {
    switch (k) {
      case TokKind::kWord: case TokKind::kWildcard: case TokKind::kPhrase:
      case TokKind::kLParen: case TokKind::kMinus: case TokKind::kPlus:
      case TokKind::kNot: case TokKind::kExact: case TokKind::kField:
        return true;
      default:
        return false;
    }
  }

  static QueryNode list(NodeKind kind, std::size_t column,
                        std::size_t offset = 0) {
    QueryNode n;
    n.kind = kind;
    n.column = column;
    n.offset = offset;
    return n;
  }

  // Terms side by side until ')' or the end. REQUIRES: at least one.
  QueryNode parse_sequence() {
    std::vector<QueryNode> items;
    while (peek().kind != TokKind::kEnd && peek().kind != TokKind::kRParen) {
      items.push_back(parse_or());
    }
    if (items.empty()) {
      // Callers check for '(' ')' and the end; this keeps a sequence that
      // starts at a stray ')' from being an empty list.
      if (peek().kind == TokKind::kRParen) {
        fail("unbalanced parenthesis: no '(' before this ')'", peek().column);
      }
      fail("empty query", peek().column);
    }
    if (items.size() == 1) return std::move(items.front());
    QueryNode n = list(NodeKind::kImplicit, items.front().column);
    n.children = std::move(items);
    return n;
  }

  // Checks that the operator just taken has a term after it.
  void need_right(const Tok& op) {
    if (!starts_term(peek().kind)) {
      fail(op.text + " needs a term on each side", op.column);
    }
  }

  QueryNode parse_or() {
    QueryNode left = parse_and();
    if (peek().kind != TokKind::kOr) return left;
    QueryNode n = list(NodeKind::kOr, left.column);
    n.children.push_back(std::move(left));
    while (peek().kind == TokKind::kOr) {
      need_right(take());
      n.children.push_back(parse_and());
    }
    return n;
  }

  QueryNode parse_and() {
    QueryNode left = parse_unary();
    if (peek().kind != TokKind::kAnd) return left;
    QueryNode n = list(NodeKind::kAnd, left.column);
    n.children.push_back(std::move(left));
    while (peek().kind == TokKind::kAnd) {
      need_right(take());
      n.children.push_back(parse_unary());
    }
    return n;
  }

  QueryNode parse_unary() {
    const TokKind k = peek().kind;
    if (k != TokKind::kNot && k != TokKind::kMinus && k != TokKind::kPlus) {
      return parse_near();
    }
    const Tok op = take();
    if (!starts_term(peek().kind)) {
      fail("'" + op.text + "' needs a term after it", op.column);
    }
    const Nest nest(this, op.column);
    QueryNode n = list(k == TokKind::kPlus ? NodeKind::kRequired
                                           : NodeKind::kNot,
                       op.column);
    n.children.push_back(parse_unary());
    return n;
  }

  // `start` is the first token of the operand that is wrong (or the end).
  [[noreturn]] void need_near_operand(const Tok& op, const Tok& start) {
    fail(op.text + " needs a word, phrase or wildcard on each side" +
             (start.kind == TokKind::kLParen ? ", not a group" : ""),
         start.kind == TokKind::kEnd ? op.column : start.column);
  }

  // Whether a node can stand beside NEAR/ADJ: a literal, or a text field
  // with a literal.
  static bool is_near_operand(const QueryNode& n) {
    switch (n.kind) {
      case NodeKind::kWord: case NodeKind::kPhrase: case NodeKind::kWildcard:
        return true;
      case NodeKind::kField:
        return is_text_field(n.field) && is_near_operand(n.children.front());
      default:
        return false;
    }
  }

  // Words beside NEAR/ADJ match as written: only unstemmed terms have
  // positions. Marking them exact keeps the printed tree honest.
  static void make_exact(QueryNode* n) {
    if (n->kind == NodeKind::kField) n = &n->children.front();
    if (n->kind == NodeKind::kWord) n->exact = true;
  }

  QueryNode parse_near() {
    const Tok left_start = peek();
    QueryNode left = parse_primary();
    const TokKind k = peek().kind;
    if (k != TokKind::kNear && k != TokKind::kAdj) return left;
    const Tok first = peek();
    if (!is_near_operand(left)) need_near_operand(first, left_start);
    QueryNode n =
        list(k == TokKind::kNear ? NodeKind::kNear : NodeKind::kAdj,
             left.column);
    n.distance = first.distance;
    make_exact(&left);
    n.children.push_back(std::move(left));
    while (peek().kind == TokKind::kNear || peek().kind == TokKind::kAdj) {
      const Tok op = take();
      if (op.kind != first.kind || op.distance != first.distance) {
        fail("'" + op.text + "' cannot follow '" + first.text +
                 "' in one chain: use one operator and distance",
             op.column);
      }
      const Tok right_start = peek();
      const TokKind next = right_start.kind;
      if (next != TokKind::kWord && next != TokKind::kWildcard &&
          next != TokKind::kPhrase && next != TokKind::kExact &&
          next != TokKind::kField) {
        need_near_operand(op, right_start);
      }
      QueryNode right = parse_primary();
      if (!is_near_operand(right)) need_near_operand(op, right_start);
      make_exact(&right);
      n.children.push_back(std::move(right));
    }
    return n;
  }

  QueryNode literal(const Tok& t, bool exact) {
    QueryNode n;
    n.column = t.column;
    n.offset = t.offset;
    n.text = t.text;
    switch (t.kind) {
      case TokKind::kWord:
        n.kind = NodeKind::kWord;
        n.exact = exact;
        break;
      case TokKind::kWildcard:
        n.kind = NodeKind::kWildcard;
        break;
      case TokKind::kPhrase: {
        n.kind = NodeKind::kPhrase;
        bool blank = true;
        for (std::size_t i = 0; i < t.text.size() && blank;) {
          const auto [cp, len] = code_point_at(t.text, i);
          blank = is_space(cp);
          i += len;
        }
        if (blank) fail("empty quotes", t.column);
        break;
      }
      default:
        break;  // callers pass literal tokens only
    }
    return n;
  }

  bool is_literal(TokKind k) const {
    return k == TokKind::kWord || k == TokKind::kWildcard ||
           k == TokKind::kPhrase;
  }

  // After '=': the word (or phrase, or wildcard: already unstemmed).
  QueryNode parse_exact(const Tok& eq) {
    if (!is_literal(peek().kind)) {
      fail("'=' needs a word right after it, as in =word", eq.column);
    }
    return literal(take(), true);
  }

  // '(' sequence ')', after '(' was taken.
  QueryNode parse_group(const Tok& open) {
    if (peek().kind == TokKind::kRParen) fail("empty parentheses", open.column);
    if (peek().kind == TokKind::kEnd) {
      fail("unbalanced parenthesis: no ')' after this '('", open.column);
    }
    const Nest nest(this, open.column);
    QueryNode inner = parse_sequence();
    if (peek().kind != TokKind::kRParen) {
      fail("unbalanced parenthesis: no ')' after this '('", open.column);
    }
    take();
    return inner;
  }

  QueryNode parse_primary() {
    const Tok t = take();
    switch (t.kind) {
      case TokKind::kWord: case TokKind::kWildcard: case TokKind::kPhrase:
        return literal(t, false);
      case TokKind::kExact:
        return parse_exact(t);
      case TokKind::kLParen:
        return parse_group(t);
      case TokKind::kField:
        return parse_field(t);
      case TokKind::kAnd: case TokKind::kOr:
        fail(t.text + " needs a term on each side", t.column);
      case TokKind::kNear: case TokKind::kAdj:
        need_near_operand(t, t);
      case TokKind::kRParen:
        fail("unbalanced parenthesis: no '(' before this ')'", t.column);
      default:
        // NOT, -, + (parse_unary handles them) and the end: callers check.
        fail("'" + t.text + "' is not allowed here", t.column);
    }
  }

  QueryNode parse_field(const Tok& f) {
    if (field_depth_ > 0) {
      fail("fields cannot be nested: '" + f.text + ":' inside another field",
           f.column);
    }
    const std::string name = f.field == QueryField::kUser
                                 ? lower_ascii(f.text)
                                 : std::string(query_field_name(f.field));
    if (is_date_field(f.field)) {
      return parse_dates(f);
    }
    QueryNode n = list(NodeKind::kField, f.column, f.offset);
    n.field = f.field;
    if (f.field == QueryField::kUser) n.field_name = name;
    const Tok v = take();
    if (v.kind == TokKind::kExact) {
      n.children.push_back(parse_exact(v));
    } else if (is_literal(v.kind)) {
      n.children.push_back(literal(v, false));
    } else if (v.kind == TokKind::kLParen && is_text_field(f.field)) {
      ++field_depth_;
      n.children.push_back(parse_group(v));
      --field_depth_;
    } else if (v.kind == TokKind::kLParen) {
      fail("'" + name + ":' takes one value, not a group", v.column);
    } else {
      fail("field '" + name + ":' needs a word, phrase or wildcard after it",
           v.column);
    }
    return n;
  }

  // One date of a `date:` value; `column` is where `s` starts.
  QueryDate parse_date(std::string_view s, std::size_t column) {
    const auto digits = [&](std::size_t at, std::size_t n) {
      for (std::size_t i = at; i < at + n; ++i) {
        if (!is_digit(s[i])) return false;
      }
      return true;
    };
    const auto number = [&](std::size_t at, std::size_t n) {
      int v = 0;
      for (std::size_t i = at; i < at + n; ++i) v = v * 10 + (s[i] - '0');
      return v;
    };
    const bool shape =
        (s.size() == 4 && digits(0, 4)) ||
        (s.size() == 7 && digits(0, 4) && s[4] == '-' && digits(5, 2)) ||
        (s.size() == 10 && digits(0, 4) && s[4] == '-' && digits(5, 2) &&
         s[7] == '-' && digits(8, 2));
    std::string quoted = "'";  // (not "'" + ...: GCC 12's bogus -Wrestrict)
    quoted.append(s).append("'");
    if (!shape) {
      fail("malformed date " + quoted +
               " (expected YYYY, YYYY-MM or YYYY-MM-DD)",
           column);
    }
    QueryDate d;
    d.year = number(0, 4);
    if (d.year == 0) fail("invalid date " + quoted + ": there is no year 0",
                          column);
    if (s.size() >= 7) {
      d.month = number(5, 2);
      if (d.month < 1 || d.month > 12) {
        fail("invalid date " + quoted + ": months run from 01 to 12", column);
      }
    }
    if (s.size() == 10) {
      d.day = number(8, 2);
      const int last = days_in_month(d.year, d.month);
      if (d.day < 1 || d.day > last) {
        fail("invalid date " + quoted + ": " + std::string(s.substr(0, 7)) +
                 " has " + std::to_string(last) + " days",
             column);
      }
    }
    return d;
  }

  QueryNode parse_dates(const Tok& f) {
    const std::string name(query_field_name(f.field));
    const Tok v = take();
    if (v.kind == TokKind::kLParen) {
      fail("'" + name + ":' takes one date or range, not a group", v.column);
    }
    if (v.kind == TokKind::kExact) {
      fail("'" + name + ":' takes a date, as in " + name + ":2024-03",
           v.column);
    }
    std::string value = v.text;
    if (v.kind == TokKind::kWildcard) value += '*';
    QueryNode n = list(NodeKind::kDate, f.column, v.offset);
    n.field = f.field;
    const std::size_t dots = value.find("..");
    if (dots == std::string::npos) {
      const QueryDate d = parse_date(
          value, v.column + (v.kind == TokKind::kPhrase ? 1 : 0));
      if (f.field == QueryField::kBefore) {
        n.to = d;
      } else {
        n.from = d;
        if (f.field == QueryField::kDate) n.to = d;
      }
      return n;
    }
    if (f.field != QueryField::kDate) {
      fail("'" + name + ":' takes one date, not a range (use date:A..B)",
           v.column);
    }
    const std::string_view lo = std::string_view(value).substr(0, dots);
    const std::string_view hi = std::string_view(value).substr(dots + 2);
    if (lo.empty() && hi.empty()) {
      fail("malformed date range '..': give a date on at least one side",
           v.column);
    }
    // Dates are ASCII when well formed, so byte offsets are columns; a
    // side after non-ASCII text is reported at the value's start.
    const std::size_t base =
        v.column + (v.kind == TokKind::kPhrase ? 1 : 0);
    if (!lo.empty()) n.from = parse_date(lo, base);
    if (!hi.empty()) {
      const bool ascii_lo =
          std::all_of(lo.begin(), lo.end(),
                      [](char c) { return (c & 0x80) == 0; });
      n.to = parse_date(hi, ascii_lo ? base + dots + 2 : base);
    }
    if (n.from && n.to) {
      const QueryDate a = n.from->first_day();
      const QueryDate b = n.to->last_day();
      if (std::array{a.year, a.month, a.day} >
          std::array{b.year, b.month, b.day}) {
        fail("date range ends before it starts", v.column);
      }
    }
    return n;
  }

  std::string_view text_;
  std::vector<Tok> toks_;
  std::size_t pos_ = 0;
  int field_depth_ = 0;  // inside title:( ... )
  std::size_t depth_ = 0;  // see Nest
};

// ---------------------------------------------------------------- printing

void quote(std::string_view s, std::string* out) {
  *out += '"';
  for (char c : s) {
    if (c == '"' || c == '\\') *out += '\\';
    *out += c;
  }
  *out += '"';
}

void print(const QueryNode& n, bool implicit_or, std::string* out) {
  const auto children = [&](std::string_view label) {
    *out += '(';
    *out += label;
    for (const QueryNode& c : n.children) {
      *out += ' ';
      print(c, implicit_or, out);
    }
    *out += ')';
  };
  switch (n.kind) {
    case NodeKind::kWord:
      *out += "(word ";
      quote(n.text, out);
      *out += n.exact ? " exact)" : " stem)";
      return;
    case NodeKind::kPhrase:
      *out += "(phrase ";
      quote(n.text, out);
      *out += ')';
      return;
    case NodeKind::kWildcard:
      *out += "(wildcard ";
      quote(n.text + "*", out);
      *out += ')';
      return;
    case NodeKind::kField:
      *out += "(field ";
      *out += n.field == QueryField::kUser ? std::string_view(n.field_name)
                                          : query_field_name(n.field);
      *out += ' ';
      if (!is_text_field(n.field) &&
          n.children.front().kind != NodeKind::kWildcard) {
        quote(n.children.front().text, out);  // a host or id, as typed
      } else {
        print(n.children.front(), implicit_or, out);
      }
      *out += ')';
      return;
    case NodeKind::kDate:
      *out += '(';
      *out += query_field_name(n.field);
      *out += ' ';
      if (n.field == QueryField::kDate && n.from && n.to && *n.from == *n.to) {
        *out += n.from->to_string();
      } else if (n.field == QueryField::kDate) {
        if (n.from) *out += n.from->to_string();
        *out += "..";
        if (n.to) *out += n.to->to_string();
      } else {
        *out += (n.from ? n.from : n.to)->to_string();
      }
      *out += ')';
      return;
    case NodeKind::kAnd: return children("AND");
    case NodeKind::kOr: return children("OR");
    case NodeKind::kImplicit: return children(implicit_or ? "OR" : "AND");
    case NodeKind::kNot: return children("NOT");
    case NodeKind::kRequired: return children("+");
    case NodeKind::kNear:
    case NodeKind::kAdj:
      return children((n.kind == NodeKind::kNear ? "NEAR/" : "ADJ/") +
                      std::to_string(n.distance));
  }
}

}  // namespace

std::string_view query_field_name(QueryField field) {
  switch (field) {
    case QueryField::kTitle: return "title";
    case QueryField::kAuthor: return "author";
    case QueryField::kSource: return "source";
    case QueryField::kTag: return "tag";
    case QueryField::kSite: return "site";
    case QueryField::kId: return "id";
    case QueryField::kDate: return "date";
    case QueryField::kAfter: return "after";
    case QueryField::kBefore: return "before";
    case QueryField::kUser: return "field";
  }
  return "";
}

bool is_text_field(QueryField field) {
  return field == QueryField::kTitle || field == QueryField::kAuthor ||
         field == QueryField::kSource || field == QueryField::kTag;
}

int days_in_month(int year, int month) {
  static constexpr int kDays[] = {31, 28, 31, 30, 31, 30,
                                  31, 31, 30, 31, 30, 31};
  const bool leap = (year % 4 == 0 && year % 100 != 0) || year % 400 == 0;
  return month == 2 && leap ? 29 : kDays[month - 1];
}

QueryDate QueryDate::first_day() const {
  return {year, month == 0 ? 1 : month, day == 0 ? 1 : day};
}

QueryDate QueryDate::last_day() const {
  const int m = month == 0 ? 12 : month;
  return {year, m, day == 0 ? days_in_month(year, m) : day};
}

std::optional<QueryDate> QueryDate::day_before() const {
  const QueryDate d = first_day();
  if (d.day > 1) return QueryDate{d.year, d.month, d.day - 1};
  if (d.month > 1) {
    return QueryDate{d.year, d.month - 1, days_in_month(d.year, d.month - 1)};
  }
  if (d.year > 1) return QueryDate{d.year - 1, 12, 31};
  return std::nullopt;
}

std::string QueryDate::to_string() const {
  char buf[16];
  if (month == 0) {
    std::snprintf(buf, sizeof buf, "%04d", year);
  } else if (day == 0) {
    std::snprintf(buf, sizeof buf, "%04d-%02d", year, month);
  } else {
    std::snprintf(buf, sizeof buf, "%04d-%02d-%02d", year, month, day);
  }
  return buf;
}

std::string to_sexpr(const QueryNode& node, bool implicit_or) {
  std::string out;
  print(node, implicit_or, &out);
  return out;
}

std::string QuerySyntaxError::render(std::string_view program) const {
  std::string echo;
  std::string pad;
  std::size_t col = 1;
  for (std::size_t i = 0; i < query_.size();) {
    auto [cp, len] = code_point_at(query_, i);
    if (is_unsafe_code_point(cp) && cp != '\t') {
      cp = ' ';
      echo += ' ';
    } else if (cp == kReplacement && len == 1) {
      echo += "\xEF\xBF\xBD";  // an ill-formed byte
    } else {
      echo.append(query_, i, len);
    }
    if (col < column_) {
      if (cp == '\t') {
        pad += '\t';
      } else {
        pad.append(static_cast<std::size_t>(display_width(cp)), ' ');
      }
    }
    i += len;
    ++col;
  }
  std::string out(program);
  out += ": ";
  out += escaped(what());
  out += " at column " + std::to_string(column_) + "\n  " + echo + "\n  " +
         pad + "^\n";
  return out;
}

QueryNode parse_query(std::string_view text,
                      const std::vector<std::string>& user_fields) {
  return Parser(text, Lexer(text, user_fields).run()).parse();
}

QueryNode parse_plain(std::string_view text) {
  QueryNode all;
  all.kind = NodeKind::kImplicit;
  std::size_t col = 1;
  std::size_t i = 0;
  while (i < text.size()) {
    const auto [cp, len] = code_point_at(text, i);
    if (is_space(cp)) {
      i += len;
      ++col;
      continue;
    }
    QueryNode w;
    w.kind = NodeKind::kWord;
    w.plain = true;
    w.column = col;
    const std::size_t begin = i;
    while (i < text.size()) {
      const auto [c, l] = code_point_at(text, i);
      if (is_space(c)) break;
      i += l;
      ++col;
    }
    w.text = std::string(text.substr(begin, i - begin));
    w.offset = begin;
    all.children.push_back(std::move(w));
  }
  if (all.children.empty()) {
    throw UsageError("query '" + std::string(text) +
                     "' has no searchable words");
  }
  if (all.children.size() == 1) return std::move(all.children.front());
  all.column = all.children.front().column;
  return all;
}

}  // namespace lede
