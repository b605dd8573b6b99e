// The query grammar: query strings -> parsed trees, and every syntax error
// with its message and column. No Xapian and no analyzer involved.
#include "common/query_parse.h"

#include <gtest/gtest.h>

namespace lede {
namespace {

struct TreeRow {
  const char* query;
  const char* tree;
};

// Words, phrases, prefixes and wildcards.
const TreeRow kLiterals[] = {
    {"patient", R"((word "patient" stem))"},
    {"patient data", R"((AND (word "patient" stem) (word "data" stem)))"},
    {"  patient\tdata  ", R"((AND (word "patient" stem) (word "data" stem)))"},
    {"=Running", R"((word "Running" exact))"},
    {R"("patient data")", R"((phrase "patient data"))"},
    {"“patient data”", R"((phrase "patient data"))"},
    {"„Patienten Daten“", R"((phrase "Patienten Daten"))"},
    {"“typed on two keyboards\"", R"((phrase "typed on two keyboards"))"},
    {R"("a (b) OR c:d -e")", R"((phrase "a (b) OR c:d -e"))"},
    {R"(="patient data")", R"((phrase "patient data"))"},
    {"pat*", R"((wildcard "pat*"))"},
    {"Zür*", R"((wildcard "Zür*"))"},
    {"患者数据", R"((word "患者数据" stem))"},
    {"Clinic’s", R"((word "Clinic’s" stem))"},
    {"e-mail", R"((word "e-mail" stem))"},
    {"COVID-19", R"((word "COVID-19" stem))"},
    {R"(say "hi")", R"((AND (word "say" stem) (phrase "hi")))"},
    // Lower case operators are words; so are words that start like one.
    {"cats and dogs",
     R"((AND (word "cats" stem) (word "and" stem) (word "dogs" stem)))"},
    {"or not near",
     R"((AND (word "or" stem) (word "not" stem) (word "near" stem)))"},
    {"NEARBY ADJUST", R"((AND (word "NEARBY" stem) (word "ADJUST" stem)))"},
    // '-', '+' and '=' are operators only right before a term.
    {"covid - vaccine",
     R"((AND (word "covid" stem) (word "-" stem) (word "vaccine" stem)))"},
    {"a -- b", R"((AND (word "a" stem) (word "--" stem) (word "b" stem)))"},
    {"1+1 = 2", R"((AND (word "1+1" stem) (word "=" stem) (word "2" stem)))"},
    // Colons that are not fields.
    {"10:30", R"((word "10:30" stem))"},
    {"https://www.statnews.com/x",
     R"((word "https://www.statnews.com/x" stem))"},
    {"std::string", R"((word "std::string" stem))"},
    {"Update: rules", R"((AND (word "Update:" stem) (word "rules" stem)))"},
};

// Fields and dates.
const TreeRow kFields[] = {
    {"title:mayo", R"((field title (word "mayo" stem)))"},
    {"Title:Mayo", R"((field title (word "Mayo" stem)))"},
    {"author:=Pearson", R"((field author (word "Pearson" exact)))"},
    {R"(source:"stat news")", R"((field source (phrase "stat news")))"},
    {"tag:radio*", R"((field tag (wildcard "radio*")))"},
    {"title:(mayo OR clinic)",
     R"((field title (OR (word "mayo" stem) (word "clinic" stem))))"},
    {"title:AND", R"((field title (word "AND" stem)))"},
    {"site:www.StatNews.com", R"((field site "www.StatNews.com"))"},
    {"site:https://statnews.com/a", R"((field site "https://statnews.com/a"))"},
    {"site:stat*", R"((field site (wildcard "stat*")))"},
    {"id:Reuters-42", R"((field id "Reuters-42"))"},
    {R"(id:"my file.txt")", R"((field id "my file.txt"))"},
    {"date:2024-03-05", "(date 2024-03-05)"},
    {"date:2024", "(date 2024)"},
    {"date:2024-03", "(date 2024-03)"},
    {"date:2024-01-01..2024-06-30", "(date 2024-01-01..2024-06-30)"},
    {"date:..2024-06", "(date ..2024-06)"},
    {"date:2024-01..", "(date 2024-01..)"},
    {"date:2024-02-29", "(date 2024-02-29)"},
    {"date:2000-02-29", "(date 2000-02-29)"},
    {R"(date:"2024")", "(date 2024)"},
    {"after:2024-03", "(after 2024-03)"},
    {"before:2024", "(before 2024)"},
    {"(site:a.com OR site:b.com) date:2024",
     R"((AND (OR (field site "a.com") (field site "b.com")) (date 2024)))"},
};

// Operators and precedence: NEAR/ADJ tightest, then NOT - +, AND, OR, and
// words side by side loosest.
const TreeRow kOperators[] = {
    {"a AND b", R"((AND (word "a" stem) (word "b" stem)))"},
    {"a OR b OR c", R"((OR (word "a" stem) (word "b" stem) (word "c" stem)))"},
    {"a b OR c",
     R"((AND (word "a" stem) (OR (word "b" stem) (word "c" stem))))"},
    {"a OR b c",
     R"((AND (OR (word "a" stem) (word "b" stem)) (word "c" stem)))"},
    {"a AND b OR c",
     R"((OR (AND (word "a" stem) (word "b" stem)) (word "c" stem)))"},
    {"a OR b AND c",
     R"((OR (word "a" stem) (AND (word "b" stem) (word "c" stem))))"},
    {"a b AND c",
     R"((AND (word "a" stem) (AND (word "b" stem) (word "c" stem))))"},
    {"(a b) OR c",
     R"((OR (AND (word "a" stem) (word "b" stem)) (word "c" stem)))"},
    {"a NOT b", R"((AND (word "a" stem) (NOT (word "b" stem))))"},
    {"a AND NOT b", R"((AND (word "a" stem) (NOT (word "b" stem))))"},
    {"NOT a AND b", R"((AND (NOT (word "a" stem)) (word "b" stem)))"},
    {"a -b +c",
     R"((AND (word "a" stem) (NOT (word "b" stem)) (+ (word "c" stem))))"},
    {"-\"a b\"", R"((NOT (phrase "a b")))"},
    {"-(a OR b) c",
     R"((AND (NOT (OR (word "a" stem) (word "b" stem))) (word "c" stem)))"},
    {"-title:x", R"((NOT (field title (word "x" stem))))"},
    {"NOT NOT a", R"((NOT (NOT (word "a" stem))))"},
    {"-data", R"((NOT (word "data" stem)))"},
    {"((a))", R"((word "a" stem))"},
    {"a NEAR b", R"((NEAR/10 (word "a" exact) (word "b" exact)))"},
    {"a NEAR/3 b NEAR/3 c",
     R"((NEAR/3 (word "a" exact) (word "b" exact) (word "c" exact)))"},
    {"a ADJ/2 \"b c\"", R"((ADJ/2 (word "a" exact) (phrase "b c")))"},
    {"title:a NEAR pat*",
     R"((NEAR/10 (field title (word "a" exact)) (wildcard "pat*")))"},
    {"-a NEAR b c",
     R"((AND (NOT (NEAR/10 (word "a" exact) (word "b" exact))) )"
     R"((word "c" stem)))"},
    {"a NEAR b OR c",
     R"((OR (NEAR/10 (word "a" exact) (word "b" exact)) (word "c" stem)))"},
    {"x NEAR/1000 y", R"((NEAR/1000 (word "x" exact) (word "y" exact)))"},
};

void expect_trees(const TreeRow* rows, std::size_t n) {
  for (std::size_t i = 0; i < n; ++i) {
    SCOPED_TRACE(rows[i].query);
    try {
      EXPECT_EQ(to_sexpr(parse_query(rows[i].query)), rows[i].tree);
    } catch (const QuerySyntaxError& e) {
      ADD_FAILURE() << e.render("test");
    }
  }
}

TEST(ParseQuery, Literals) { expect_trees(kLiterals, std::size(kLiterals)); }
TEST(ParseQuery, FieldsAndDates) { expect_trees(kFields, std::size(kFields)); }
TEST(ParseQuery, OperatorsAndPrecedence) {
  expect_trees(kOperators, std::size(kOperators));
}

// Fields the database defines (issue 13 item 13): known only when given,
// a word, =word or a phrase, no group.
TEST(ParseQuery, FieldsTheDatabaseDefines) {
  const std::vector<std::string> fields = {"place", "people"};
  EXPECT_EQ(to_sexpr(parse_query("place:usa Place:\"el salvador\"", fields)),
            R"((AND (field place "usa") (field place "el salvador")))");
  const QueryNode n = parse_query("people:volcker", fields);
  EXPECT_EQ(n.field, QueryField::kUser);
  EXPECT_EQ(n.field_name, "people");
  try {
    (void)parse_query("place:usa");
    ADD_FAILURE() << "no error";
  } catch (const QuerySyntaxError& e) {
    EXPECT_NE(std::string(e.what()).find("unknown field 'place:'"),
              std::string::npos);
  }
  try {
    (void)parse_query("region:x", fields);
    ADD_FAILURE() << "no error";
  } catch (const QuerySyntaxError& e) {
    EXPECT_NE(std::string(e.what()).find("before place people;"),
              std::string::npos) << e.what();
  }
  EXPECT_THROW((void)parse_query("place:(usa OR uk)", fields),
               QuerySyntaxError);
}

TEST(ParseQuery, ImplicitOperatorIsOrWithMatchAny) {
  EXPECT_EQ(to_sexpr(parse_query("a b AND c"), /*implicit_or=*/true),
            R"((OR (word "a" stem) (AND (word "b" stem) (word "c" stem))))");
}

TEST(ParseQuery, ColumnsAndOffsetsCountCharacters) {
  const QueryNode n = parse_query("Zürich  title:\"数据 x\" =Öl");
  ASSERT_EQ(n.kind, NodeKind::kImplicit);
  ASSERT_EQ(n.children.size(), 3u);
  EXPECT_EQ(n.children[0].column, 1u);
  EXPECT_EQ(n.children[1].column, 9u);  // "title:" after 6 letters, 2 spaces
  EXPECT_EQ(n.children[1].children[0].column, 15u);  // the quote
  EXPECT_EQ(n.children[1].children[0].offset, 16u);  // bytes, after '"'
  EXPECT_EQ(n.children[2].column, 23u);               // "Öl" after '='
  EXPECT_EQ(n.children[2].offset, 27u);               // "Öl" after '='
}

TEST(ParseQuery, DateBounds) {
  const QueryNode range = parse_query("date:2024-02..2024-03-05");
  EXPECT_EQ(range.from, (QueryDate{2024, 2, 0}));
  EXPECT_EQ(range.to, (QueryDate{2024, 3, 5}));
  const QueryNode after = parse_query("after:2024");
  EXPECT_EQ(after.from, (QueryDate{2024, 0, 0}));
  EXPECT_FALSE(after.to.has_value());
  const QueryNode before = parse_query("before:2024-01-01");
  EXPECT_FALSE(before.from.has_value());
  EXPECT_EQ(before.to, (QueryDate{2024, 1, 1}));
}

TEST(QueryDate, DaysCovered) {
  EXPECT_EQ((QueryDate{2024, 2, 0}).last_day(), (QueryDate{2024, 2, 29}));
  EXPECT_EQ((QueryDate{2023, 2, 0}).last_day(), (QueryDate{2023, 2, 28}));
  EXPECT_EQ((QueryDate{1900, 2, 0}).last_day(), (QueryDate{1900, 2, 28}));
  EXPECT_EQ((QueryDate{2024, 0, 0}).first_day(), (QueryDate{2024, 1, 1}));
  EXPECT_EQ((QueryDate{2024, 0, 0}).last_day(), (QueryDate{2024, 12, 31}));
  EXPECT_EQ((QueryDate{2024, 3, 0}).day_before(), (QueryDate{2024, 2, 29}));
  EXPECT_EQ((QueryDate{2024, 0, 0}).day_before(), (QueryDate{2023, 12, 31}));
  EXPECT_EQ((QueryDate{2024, 3, 5}).day_before(), (QueryDate{2024, 3, 4}));
  EXPECT_FALSE((QueryDate{1, 1, 1}).day_before().has_value());
}

struct ErrorRow {
  const char* query;
  const char* message;
  std::size_t column;
};

const ErrorRow kErrors[] = {
    {"", "empty query", 1},
    {"   ", "empty query", 1},
    {R"(patient "data)", "unbalanced quote: no closing quote", 9},
    {"“patient data", "unbalanced quote: no closing quote", 1},
    {"a „b“ „c", "unbalanced quote: no closing quote", 7},
    {"patient data”", "unbalanced quote: no opening quote", 13},
    {"(patient data", "unbalanced parenthesis: no ')' after this '('", 1},
    {"((a) b", "unbalanced parenthesis: no ')' after this '('", 1},
    {"a (b (c) d", "unbalanced parenthesis: no ')' after this '('", 3},
    // A '(' with nothing after it at all (once a crash).
    {"(", "unbalanced parenthesis: no ')' after this '('", 1},
    {")", "unbalanced parenthesis: no '(' before this ')'", 1},
    {") a", "unbalanced parenthesis: no '(' before this ')'", 1},
    {"a (", "unbalanced parenthesis: no ')' after this '('", 3},
    {"((", "unbalanced parenthesis: no ')' after this '('", 2},
    {"NOT (", "unbalanced parenthesis: no ')' after this '('", 5},
    {"title:(", "unbalanced parenthesis: no ')' after this '('", 7},
    {"patient data)", "unbalanced parenthesis: no '(' before this ')'", 13},
    {"a) (b", "unbalanced parenthesis: no '(' before this ')'", 2},
    {"()", "empty parentheses", 1},
    {"a ( ) b", "empty parentheses", 3},
    {R"(a "" b)", "empty quotes", 3},
    {R"(" ")", "empty quotes", 1},
    {"foo:bar",
     "unknown field 'foo:' (fields: title author source tag site id date "
     "after before; put text with a colon in quotes)",
     1},
    {"a Author:x titles:y", "unknown field 'titles:' (fields: title author "
     "source tag site id date after before; put text with a colon in quotes)",
     12},
    {"title: mayo", "field 'title:' needs a value right after the colon", 1},
    {"mayo title:", "field 'title:' needs a value right after the colon", 6},
    {"title:)", "field 'title:' needs a word, phrase or wildcard after it", 7},
    {"title:-x", "put '-' before the field, as in -title:word", 7},
    {"title:+x", "put '+' before the field, as in +title:word", 7},
    {"=title:x", "'=' goes after the field name, as in title:=word", 1},
    {"= x =(a)", "'=' needs a word right after it, as in =word", 5},
    {"title:(author:x)",
     "fields cannot be nested: 'author:' inside another field", 8},
    {"title:(a date:2024)",
     "fields cannot be nested: 'date:' inside another field", 10},
    {"site:(a OR b)", "'site:' takes one value, not a group", 6},
    {"id:(x)", "'id:' takes one value, not a group", 4},
    {"date:(2024)", "'date:' takes one date or range, not a group", 6},
    {"date:=2024", "'date:' takes a date, as in date:2024-03", 6},
    {"date:2024-13", "invalid date '2024-13': months run from 01 to 12", 6},
    {"date:2024-00", "invalid date '2024-00': months run from 01 to 12", 6},
    {"date:2024-02-30", "invalid date '2024-02-30': 2024-02 has 29 days", 6},
    {"date:2023-02-29", "invalid date '2023-02-29': 2023-02 has 28 days", 6},
    {"date:2024-04-31", "invalid date '2024-04-31': 2024-04 has 30 days", 6},
    {"date:0000", "invalid date '0000': there is no year 0", 6},
    // Issue 14 item 9: not "put '-' before the field".
    {"date:-5000..2024",
     "malformed date '-5000..2024' (expected YYYY, YYYY-MM or YYYY-MM-DD; "
     "years run from 0001 to 9999)",
     6},
    {"before:-44", "malformed date '-44' (expected YYYY, YYYY-MM or "
     "YYYY-MM-DD; years run from 0001 to 9999)", 8},
    {"date:yesterday",
     "malformed date 'yesterday' (expected YYYY, YYYY-MM or YYYY-MM-DD)", 6},
    {"date:2024-3-5",
     "malformed date '2024-3-5' (expected YYYY, YYYY-MM or YYYY-MM-DD)", 6},
    {"date:24", "malformed date '24' (expected YYYY, YYYY-MM or YYYY-MM-DD)",
     6},
    {"date:2024*",
     "malformed date '2024*' (expected YYYY, YYYY-MM or YYYY-MM-DD)", 6},
    {"date:2024-01..2024-13",
     "invalid date '2024-13': months run from 01 to 12", 15},
    {"date:2024..2024..2025",
     "malformed date '2024..2025' (expected YYYY, YYYY-MM or YYYY-MM-DD)",
     12},
    {"date:..", "malformed date range '..': give a date on at least one side",
     6},
    {"date:2024-07..2024-06", "date range ends before it starts", 6},
    {"after:2024..", "'after:' takes one date, not a range (use date:A..B)",
     7},
    {"before:..2024", "'before:' takes one date, not a range (use date:A..B)",
     8},
    {"patient AND", "AND needs a term on each side", 9},
    {"AND patient", "AND needs a term on each side", 1},
    {"OR data", "OR needs a term on each side", 1},
    {"a OR OR b", "OR needs a term on each side", 3},
    {"(a AND) b", "AND needs a term on each side", 4},
    {"a OR", "OR needs a term on each side", 3},
    {"NOT", "'NOT' needs a term after it", 1},
    {"a NOT", "'NOT' needs a term after it", 3},
    {"a (NOT) b", "'NOT' needs a term after it", 4},
    {"-AND", "'-' needs a term after it", 1},
    {"NEAR b", "NEAR needs a word, phrase or wildcard on each side", 1},
    {"a NEAR", "NEAR needs a word, phrase or wildcard on each side", 3},
    {"a NEAR/0 b", "bad distance in 'NEAR/0': use NEAR/n with n from 1 to 1000",
     3},
    {"a NEAR/1001 b",
     "bad distance in 'NEAR/1001': use NEAR/n with n from 1 to 1000", 3},
    {"a ADJ/x b", "bad distance in 'ADJ/x': use ADJ/n with n from 1 to 1000",
     3},
    {"a ADJ/ b", "bad distance in 'ADJ/': use ADJ/n with n from 1 to 1000", 3},
    {"a NEAR/-3 b",
     "bad distance in 'NEAR/-3': use NEAR/n with n from 1 to 1000", 3},
    // Issue 14 item 9: the caret under the group's '(' (it was at column
    // 2, inside the group).
    {"(a b) NEAR c",
     "NEAR needs a word, phrase or wildcard on each side, not a group", 1},
    {"(a NEAR b) NEAR (c NEAR d)",
     "NEAR needs a word, phrase or wildcard on each side, not a group", 1},
    {"a NEAR (b c)",
     "NEAR needs a word, phrase or wildcard on each side, not a group", 8},
    {"a NEAR -b", "NEAR needs a word, phrase or wildcard on each side", 8},
    {"a ADJ site:x.com", "ADJ needs a word, phrase or wildcard on each side",
     7},
    {"date:2024 NEAR a", "NEAR needs a word, phrase or wildcard on each side",
     1},
    {"a NEAR b ADJ c",
     "'ADJ' cannot follow 'NEAR' in one chain: use one operator and distance",
     10},
    {"a NEAR/2 b NEAR/3 c",
     "'NEAR/3' cannot follow 'NEAR/2' in one chain: use one operator and "
     "distance",
     12},
    {"*", "'*' needs a word before it, as in pat*", 1},
    {"a * b", "'*' needs a word before it, as in pat*", 3},
    {"pa*nt", "'*' can only end a word, as in pat*", 3},
    {"pat**", "'*' can only end a word, as in pat*", 4},
    {"*pat", "'*' can only end a word, as in pat*", 1},
    // Columns count characters, not bytes.
    {"Zürich \"abc", "unbalanced quote: no closing quote", 8},
    {"患者 (数据", "unbalanced parenthesis: no ')' after this '('", 4},
    {"数据 AND", "AND needs a term on each side", 4},
};

TEST(ParseQuery, DeepNestingIsAnErrorNotACrash) {
  const std::string ok = std::string(kMaxQueryDepth, '(') + "a" +
                         std::string(kMaxQueryDepth, ')');
  EXPECT_EQ(to_sexpr(parse_query(ok)), R"((word "a" stem))");
  for (const std::string& deep :
       {std::string(100000, '(') + "a", std::string(kMaxQueryDepth, '(') +
                                            "-a" +
                                            std::string(kMaxQueryDepth, ')')}) {
    try {
      (void)parse_query(deep);
      ADD_FAILURE() << "no error";
    } catch (const QuerySyntaxError& e) {
      EXPECT_EQ(std::string(e.what()),
                "query nested more than 100 levels deep");
      EXPECT_EQ(e.column(), kMaxQueryDepth + 1);
    }
  }
}

TEST(ParseQuery, ErrorsSayWhatAndWhere) {
  for (const ErrorRow& row : kErrors) {
    SCOPED_TRACE(row.query);
    try {
      const QueryNode n = parse_query(row.query);
      ADD_FAILURE() << "parsed as " << to_sexpr(n);
    } catch (const QuerySyntaxError& e) {
      EXPECT_EQ(std::string(e.what()), row.message);
      EXPECT_EQ(e.column(), row.column);
      EXPECT_EQ(e.query(), row.query);
    }
  }
}

std::string render_error(const std::string& query) {
  try {
    (void)parse_query(query);
  } catch (const QuerySyntaxError& e) {
    return e.render("lede-query");
  }
  return "no error";
}

TEST(QuerySyntaxError, RenderPutsACaretUnderTheColumn) {
  EXPECT_EQ(render_error("patient AND"),
            "lede-query: AND needs a term on each side at column 9\n"
            "  patient AND\n"
            "          ^\n");
  EXPECT_EQ(render_error("Zürich foo:bar"),
            "lede-query: unknown field 'foo:' (fields: title author source "
            "tag site id date after before; put text with a colon in quotes) "
            "at column 8\n"
            "  Zürich foo:bar\n"
            "         ^\n");
}

TEST(QuerySyntaxError, RenderPadsWideCharactersAndKeepsTabs) {
  // Column 4 counts characters; on a terminal 患 and 者 take two cells
  // each, so the caret needs five spaces to sit under '('.
  EXPECT_EQ(render_error("患者 (数据"),
            "lede-query: unbalanced parenthesis: no ')' after this '(' at "
            "column 4\n"
            "  患者 (数据\n"
            "       ^\n");
  EXPECT_EQ(render_error("a\t\"b"),
            "lede-query: unbalanced quote: no closing quote at column 3\n"
            "  a\t\"b\n"
            "   \t^\n");
  // A combining accent takes no cell.
  EXPECT_EQ(render_error("Zu\xCC\x88rich )"),
            "lede-query: unbalanced parenthesis: no '(' before this ')' at "
            "column 9\n"
            "  Zu\xCC\x88rich )\n"
            "         ^\n");
}

TEST(ParsePlain, EverythingIsAWord) {
  EXPECT_EQ(to_sexpr(parse_plain("What is \"COVID-19\"? title:x (a OR -b*)")),
            R"((AND (word "What" stem) (word "is" stem) )"
            R"((word "\"COVID-19\"?" stem) (word "title:x" stem) )"
            R"x((word "(a" stem) (word "OR" stem) (word "-b*)" stem)))x");
  EXPECT_EQ(to_sexpr(parse_plain("  one  ")), R"((word "one" stem))");
  const QueryNode n = parse_plain("a ü b");
  EXPECT_EQ(n.children[2].column, 5u);
  EXPECT_EQ(n.children[2].offset, 5u);
  EXPECT_TRUE(n.children[2].plain);
}

TEST(ParsePlain, OnlySpacesHasNoSearchableWords) {
  try {
    (void)parse_plain(" \t ");
    ADD_FAILURE() << "no error";
  } catch (const QuerySyntaxError&) {
    ADD_FAILURE() << "--plain has no syntax errors";
  } catch (const UsageError& e) {
    EXPECT_EQ(std::string(e.what()), "query ' \t ' has no searchable words");
  }
}

}  // namespace
}  // namespace lede
