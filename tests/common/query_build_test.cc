// Building Xapian queries from parsed queries: the Xapian description of
// each feature (through the real analyzer), highlights, errors found while
// building, and, over a small in-memory database indexed the way
// lede-index does, which documents each query finds.
#include "common/query_build.h"

#include <gtest/gtest.h>

#include <algorithm>
#include <map>
#include <regex>

#include "common/schema.h"
#include "common/terms.h"

namespace lede {
namespace {

struct DescRow {
  const char* query;
  const char* description;
};

// A stemmed bare word is its stem term, a stemmed title word the synonym of
// its stem term and the stem's own term (common/terms.h); "~partner@1" is
// short here for "Zpartner@1", and "~Spartner@1" for
// "(ZSpartner@1 SYNONYM Spartner@1)". Anything else stays as Xapian wrote it.
std::string shorten(const std::string& description) {
  static const std::regex kStemmedTitle(
      R"(\(ZS([^ @()]+)@([0-9]+) SYNONYM S\1@\2\))");
  static const std::regex kStemmed(R"(\bZ([^A-Z @()][^ @()]*)@([0-9]+))");
  return std::regex_replace(
      std::regex_replace(description, kStemmedTitle, "~S$1@$2"), kStemmed,
      "~$1@$2");
}

std::string describe(const std::string& query, const BuildOptions& options,
                     const Xapian::Database* db = nullptr) {
  Analyzer analyzer;
  try {
    return shorten(
        build_query(query, options, &analyzer, db).query.get_description());
  } catch (const QuerySyntaxError& e) {
    return "error: " + e.render("test");
  } catch (const UsageError& e) {
    return std::string("usage error: ") + e.what();
  }
}

void expect_descriptions(const DescRow* rows, std::size_t n,
                         const BuildOptions& options = {}) {
  for (std::size_t i = 0; i < n; ++i) {
    SCOPED_TRACE(rows[i].query);
    EXPECT_EQ(describe(rows[i].query, options), rows[i].description);
  }
}

// Literals go through the analyzer exactly as document text does.
const DescRow kLiterals[] = {
    {"patients", "Query(~patient@1)"},
    {"PATIENTS", "Query(~patient@1)"},
    {"=patients", "Query(patients@1)"},
    {"Zürich", "Query(~zurich@1)"},
    {"Straße", "Query(~strass@1)"},
    {"ﬁnancial", "Query(~financi@1)"},
    {"partnering", "Query(~partner@1)"},
    {"Clinic’s", "Query(~clinic@1)"},
    {"don't", "Query(~don't@1)"},
    {"U.S.", "Query(~us@1)"},
    {"155,221", "Query(155221@1)"},
    {"13.5%", "Query(13.5@1)"},
    {"1980s", "Query(~1980s@1)"},
    {"患者数据", "Query((患者@1 PHRASE 3 者数@2 PHRASE 3 数据@3))"},
    {"COVID-19", "Query(((covid@1 PHRASE 2 19@2) OR covid19@1))"},
    {R"("Patient Data")", "Query((patient@1 PHRASE 2 data@2))"},
    {R"("patients")", "Query(patients@1)"},
    {"“patient data”", "Query((patient@1 PHRASE 2 data@2))"},
    {"patient data", "Query((~patient@1 AND ~data@2))"},
    {"patient — data", "Query((~patient@1 AND ~data@2))"},
    {"pat*", "Query(WILDCARD SYNONYM pat)"},
    {"Zür*", "Query(WILDCARD SYNONYM zur)"},
    {"10:30", "Query((10@1 PHRASE 2 30@2))"},
};

TEST(BuildQuery, LiteralsGoThroughTheAnalyzer) {
  expect_descriptions(kLiterals, std::size(kLiterals));
}

const DescRow kFields[] = {
    {"title:partners", "Query(~Spartner@1)"},
    {"title:=partners", "Query(Spartners@1)"},
    // Title words have positions of their own only in some documents
    // (XTPOS); in the others the title+body positions answer.
    {R"(title:"Mayo Clinic")",
     "Query(((Smayo@1 AND Sclinic@2) FILTER ((Smayo@1 PHRASE 2 Sclinic@2) OR "
     "((mayo@1 PHRASE 2 clinic@2) AND_NOT XTPOS))))"},
    {"title:(mayo OR clinic)", "Query((~Smayo@1 OR ~Sclinic@2))"},
    {"title:pat*", "Query(WILDCARD SYNONYM Spat)"},
    {"author:Pearson", "Query(Apearson@1)"},
    {"author:Pearsons", "Query(Apearsons@1)"},  // no stems in author
    {"source:STAT", "Query(XSRCstat@1)"},
    {"tag:AI", "Query(Kai@1)"},
    {"site:statnews.com", "Query(Hstatnews.com)"},
    {"site:www.StatNews.COM.", "Query(Hstatnews.com)"},
    {"site:https://www.statnews.com/2024/x", "Query(Hstatnews.com)"},
    {"site:stat*", "Query(WILDCARD SYNONYM Hstat)"},
    {"id:Reuters-42", "Query(QReuters-42)"},
    {R"(id:"a b.txt")", "Query(Qa b.txt)"},
    // Filters never add weight: FILTER beside the words.
    {"mayo site:statnews.com", "Query((~mayo@1 FILTER Hstatnews.com))"},
    {"mayo site:a.com id:x", "Query((~mayo@1 FILTER (Ha.com AND Qx)))"},
    {"mayo (site:a.com OR site:b.com)",
     "Query((~mayo@1 FILTER (Ha.com OR Hb.com)))"},
};

TEST(BuildQuery, Fields) { expect_descriptions(kFields, std::size(kFields)); }

const DescRow kDates[] = {
    {"date:2024", "Query(Y2024)"},
    {"date:2024-03", "Query(M202403)"},
    {"date:2024-03-05", "Query(D20240305)"},
    {"date:2024-01-01..2024-06-30",
     "Query(VALUE_RANGE 0 20240101000000 20240630235959)"},
    {"date:2024..2025", "Query(VALUE_RANGE 0 20240101000000 20251231235959)"},
    {"date:2024-02..2024-02", "Query(M202402)"},
    {"date:2024-02-29..2024-03",
     "Query(VALUE_RANGE 0 20240229000000 20240331235959)"},
    {"date:..2024-06", "Query(VALUE_LE 0 20240630235959)"},
    {"date:2024-01..", "Query(VALUE_GE 0 20240101000000)"},
    {"after:2024-03", "Query(VALUE_GE 0 20240301000000)"},
    {"before:2024", "Query(VALUE_LE 0 20231231235959)"},
    {"before:2024-03", "Query(VALUE_LE 0 20240229235959)"},
    {"before:2024-03-01", "Query(VALUE_LE 0 20240229235959)"},
    {"before:0001", "Query()"},
    {"covid after:2024 before:2025",
     "Query((~covid@1 FILTER (VALUE_GE 0 20240101000000 AND VALUE_LE 0 "
     "20241231235959)))"},
};

TEST(BuildQuery, Dates) { expect_descriptions(kDates, std::size(kDates)); }

const DescRow kOperators[] = {
    {"a b OR c", "Query((~a@1 AND (~b@2 OR ~c@3)))"},
    {"a AND b OR c", "Query(((~a@1 AND ~b@2) OR ~c@3))"},
    {"a OR b AND c", "Query((~a@1 OR (~b@2 AND ~c@3)))"},
    {"patient -data", "Query((~patient@1 AND_NOT ~data@2))"},
    {"patient NOT data", "Query((~patient@1 AND_NOT ~data@2))"},
    {"patient AND NOT data", "Query((~patient@1 AND_NOT ~data@2))"},
    {"a -b -c", "Query((~a@1 AND_NOT (~b@2 OR ~c@3)))"},
    {"+a b", "Query((~a@1 AND ~b@2))"},
    {"-data", "Query((0 * <alldocuments> AND_NOT ~data@1))"},
    {"a OR -b", "Query((~a@1 OR (0 * <alldocuments> AND_NOT ~b@2)))"},
    {"-site:a.com", "Query((0 * <alldocuments> AND_NOT Ha.com))"},
    {"a NEAR b", "Query((a@1 NEAR 11 b@2))"},
    {"Running NEAR/3 data", "Query((running@1 NEAR 4 data@2))"},
    {"a ADJ/1 b", "Query((a@1 PHRASE 2 b@2))"},
    {"a ADJ b ADJ c", "Query((a@1 PHRASE 12 b@2 PHRASE 12 c@3))"},
    {R"("patient data" NEAR/5 privacy)",
     "Query(((patient@1 NEAR 7 data@2 NEAR 7 privacy@3) FILTER "
     "(patient@1 PHRASE 2 data@2)))"},
    {"title:mayo NEAR/2 title:clinic",
     "Query(((Smayo@1 AND Sclinic@2) FILTER ((Smayo@1 NEAR 3 Sclinic@2) OR "
     "((mayo@1 NEAR 3 clinic@2) AND_NOT XTPOS))))"},
    {"title:mayo NEAR/2 clinic",
     "Query(((Smayo@1 AND clinic@2) FILTER ((Smayo@1 NEAR 3 clinic@2) OR "
     "((mayo@1 NEAR 3 clinic@2) AND_NOT XTPOS))))"},
    {"-a NEAR b c", "Query((~c@3 AND_NOT (a@1 NEAR 11 b@2)))"},
    // Punctuation-only words are ignored, as in document text.
    {"patient & data", "Query((~patient@1 AND ~data@2))"},
    {"& -data", "Query((0 * <alldocuments> AND_NOT ~data@1))"},
};

TEST(BuildQuery, Operators) {
  expect_descriptions(kOperators, std::size(kOperators));
}

const DescRow kMatchAny[] = {
    {"a b", "Query((~a@1 OR ~b@2))"},
    {"a b AND c", "Query((~a@1 OR (~b@2 AND ~c@3)))"},
    {"+a b c", "Query((~a@1 AND_MAYBE (~b@2 OR ~c@3)))"},
    {"a b -c", "Query(((~a@1 OR ~b@2) AND_NOT ~c@3))"},
    {"a b site:x.com", "Query(((~a@1 OR ~b@2) FILTER Hx.com))"},
    {"a AND b", "Query((~a@1 AND ~b@2))"},
};

TEST(BuildQuery, MatchAnyMakesWordsSideBySideOptional) {
  BuildOptions any;
  any.match_any = true;
  expect_descriptions(kMatchAny, std::size(kMatchAny), any);
}

const DescRow kPlain[] = {
    {R"(What "is" title:x?)",
     "Query((~what@1 AND ~is@2 AND ~titl@3 AND ~x@4))"},
    {"a OR -b (c)", "Query((~a@1 AND ~or@2 AND ~b@3 AND ~c@4))"},
    // A hyphenated run is its parts, stemmed, like running text.
    {"COVID-19 patients", "Query((~covid@1 AND 19@2 AND ~patient@3))"},
    {"Rad53-dependent", "Query((rad53@1 AND ~depend@2))"},
    // A word said again is asked for once, its wqf the times it was said.
    {"data, patient data DATA", "Query((~data#3@1 AND ~patient@2))"},
    {"COVID-19 covid patients", "Query((~covid#2@1 AND 19@2 AND ~patient@3))"},
    // CJK: a bag of bigrams, the usual model for CJK retrieval.
    {"患者数据", "Query((患者@1 AND 者数@2 AND 数据@3))"},
    {"10:30 pat*", "Query((10@1 AND 30@2 AND ~pat@3))"},
    {"\"unbalanced (", "Query(~unbalanc@1)"},
    {"... !!!", "usage error: query '... !!!' has no searchable words"},
};

TEST(BuildQuery, PlainHasNoSyntax) {
  BuildOptions plain;
  plain.plain = true;
  expect_descriptions(kPlain, std::size(kPlain), plain);
  plain.match_any = true;
  EXPECT_EQ(describe("the patient's data", plain),
            "Query((~the@1 OR ~patient@2 OR ~data@3))");
}

// Words and phrases said again beside themselves are one literal with a
// within-query frequency: BM25 then weighs "oil" said twice 4/3 of once
// (k3 = 1), where two separate literals would weigh it twice.
const DescRow kRepeats[] = {
    {"oil prices oil", "Query((~oil#2@1 AND ~price@2))"},
    // The same stem is the same term.
    {"Prices price pricing", "Query(~price#3@1)"},
    // Exact and stemmed forms are different terms; so are fields.
    {"=oil oil title:oil", "Query((oil@1 AND ~oil@2 AND ~Soil@3))"},
    {R"("crude oil" crude "crude oil")",
     "Query(((crude#2@1 PHRASE 2 oil#2@2) AND ~crude@3))"},
    // Only side by side: under OR, NOT, + or in a group each stays itself.
    {"oil OR oil", "Query((~oil@1 OR ~oil@2))"},
    {"+oil oil", "Query((~oil@1 AND ~oil@2))"},
    {"oil (oil gas)", "Query((~oil@1 AND (~oil@2 AND ~gas@3)))"},
};

TEST(BuildQuery, RepeatedLiteralsAreOneWithAWithinQueryFrequency) {
  expect_descriptions(kRepeats, std::size(kRepeats));
  BuildOptions plain;
  plain.plain = true;
  plain.match_any = true;
  EXPECT_EQ(describe("Deltex regulates Notch; Deltex binds", plain),
            "Query((~deltex#2@1 OR ~regul@2 OR ~notch@3 OR ~bind@4))");
}

TEST(BuildQuery, TitleBoostOrsEachWordWithItsTitleForm) {
  BuildOptions boost;
  boost.title_boost = 2.5;
  EXPECT_EQ(describe(R"(patients "data set" author:x -y)", boost),
            "Query((((~patient@1 OR 2.5 * ~Spatient@1) AND ((data@2 PHRASE 2 "
            "set@3) OR 2.5 * ((Sdata@2 AND Sset@3) FILTER ((Sdata@2 PHRASE 2 "
            "Sset@3) OR ((data@2 PHRASE 2 set@3) AND_NOT XTPOS)))) AND Ax@4) "
            "AND_NOT ~y@5))");
}

TEST(BuildQuery, Tree) {
  Analyzer analyzer;
  BuildOptions options;
  EXPECT_EQ(build_query(R"(patient "patient data" title:mayo )"
                        "date:2024-01-01..2024-06-30",
                        options, &analyzer, nullptr)
                .tree,
            R"((AND (word "patient" stem) (phrase "patient data") )"
            R"((field title (word "mayo" stem)) )"
            R"((date 2024-01-01..2024-06-30)))");
  options.match_any = true;
  EXPECT_EQ(build_query("a b", options, &analyzer, nullptr).tree,
            R"((OR (word "a" stem) (word "b" stem)))");
  options.plain = true;
  EXPECT_EQ(build_query("患者数据 x:y", options, &analyzer, nullptr).tree,
            R"((OR (word "患者" stem) (word "者数" stem) (word "数据" stem) )"
            R"((word "x" stem) )"
            R"((word "y" stem)))");
}

TEST(BuildQuery, HighlightsArePositiveLiterals) {
  Analyzer analyzer;
  const BuiltQuery b = build_query(
      R"(Patients "Mayo Clinic" =Running e-mail -privacy NOT title:secret )"
      R"(author:Pearson 数据 a NEAR b site:x.com date:2024 patients)",
      {}, &analyzer, nullptr);
  const std::vector<HighlightTerm> expected = {
      {{"patients"}, true},   {{"mayo", "clinic"}, false},
      {{"running"}, false},   {{"email"}, false},
      {{"e", "mail"}, false}, {{"pearson"}, false},
      {{"数据"}, false},      {{"a"}, false},
      {{"b"}, false},
  };
  EXPECT_EQ(b.highlights, expected);
}

TEST(BuildQuery, WordsForSpellingSuggestions) {
  Analyzer analyzer;
  const std::string q =
      "Zürich \"x y\" -nope title:t pacient a NEAR z author:\"Öl\" e-mail";
  const BuiltQuery b = build_query(q, {}, &analyzer, nullptr);
  // Words of phrases and fields too; not excluded ones, not beside NEAR.
  std::vector<std::string> terms;
  for (const QueryWord& w : b.words) {
    terms.push_back(w.term);
    EXPECT_EQ(terms_of(analyzer, q.substr(w.begin, w.end - w.begin)), w.term);
  }
  EXPECT_EQ(terms, (std::vector<std::string>{"zurich", "x", "y", "t",
                                             "pacient", "ol", "e", "mail"}));
  ASSERT_EQ(b.words.size(), 8u);
  EXPECT_EQ(b.words[0], (QueryWord{"zurich", 0, 7, Field::kAll}));
  EXPECT_EQ(b.words[3].field, Field::kTitle);
  EXPECT_EQ(b.words[5].field, Field::kAuthor);
  EXPECT_EQ(q.substr(b.words[5].begin, b.words[5].end - b.words[5].begin),
            "Öl");
}

struct BuildErrorRow {
  const char* query;
  const char* message;
  std::size_t column;
};

const BuildErrorRow kBuildErrors[] = {
    {"a*", "wildcard 'a*' is too short: give at least 2 characters before '*'",
     1},
    {"x Ü*", "wildcard 'Ü*' is too short: give at least 2 characters before "
     "'*'", 3},
    {"&&*", "wildcard '&&*' has no letters or digits before '*'", 1},
    {"covid-1*", "wildcard 'covid-1*' must be one word before '*'", 1},
    {"site:s*", "wildcard 's*' is too short: give at least 2 characters "
     "before '*'", 6},
    {"title:&", "nothing to search for in '&'", 7},
    {R"(author:"--")", "nothing to search for in '--'", 8},
    {"a NEAR/2 &", "nothing to search for in '&' beside NEAR/2", 10},
    {"site:...", "site: needs a host name, as in site:reuters.com", 6},
};

TEST(BuildQuery, ErrorsFoundWhileBuilding) {
  Analyzer analyzer;
  for (const BuildErrorRow& row : kBuildErrors) {
    SCOPED_TRACE(row.query);
    try {
      const BuiltQuery b = build_query(row.query, {}, &analyzer, nullptr);
      ADD_FAILURE() << "built " << b.query.get_description();
    } catch (const QuerySyntaxError& e) {
      EXPECT_EQ(std::string(e.what()), row.message);
      EXPECT_EQ(e.column(), row.column);
    }
  }
}

// kMaxQueryWords words are searched; the word after them is refused, with
// the caret under it, whether words, a phrase or NEAR operands pass it.
TEST(BuildQuery, MoreThanTheMostWordsIsRefusedAtTheWordPastIt) {
  Analyzer analyzer;
  std::string words;
  for (std::size_t i = 0; i < kMaxQueryWords; ++i) {
    words += "w" + std::to_string(i) + " ";
  }
  const std::string message = "query has more than " +
                              std::to_string(kMaxQueryWords) +
                              " words, the most lede searches at once";
  for (const bool plain : {false, true}) {
    BuildOptions options;
    options.plain = plain;
    EXPECT_NO_THROW((void)build_query(words, options, &analyzer, nullptr));
    try {
      (void)build_query(words + "last", options, &analyzer, nullptr);
      ADD_FAILURE() << "no error, plain " << plain;
    } catch (const QuerySyntaxError& e) {
      EXPECT_EQ(std::string(e.what()), message);
      EXPECT_EQ(e.column(), words.size() + 1);
    }
  }
  // A phrase, NEAR operands and a wildcard count as well.
  std::string near = "last";
  for (std::size_t i = 0; i < kMaxQueryWords; ++i) {
    near += " NEAR w" + std::to_string(i);
  }
  for (const std::string& q :
       {"last \"" + words + "\"", near, "(" + words + ") OR last*"}) {
    SCOPED_TRACE(q.substr(0, 20));
    try {
      (void)build_query(q, {}, &analyzer, nullptr);
      ADD_FAILURE() << "no error";
    } catch (const QuerySyntaxError& e) {
      EXPECT_EQ(std::string(e.what()), message);
    }
  }
}

TEST(BuildQuery, NothingSearchableIsAUsageErrorWithoutColumn) {
  Analyzer analyzer;
  for (const char* q : {"...", "& ---", "(&) OR ?"}) {
    SCOPED_TRACE(q);
    try {
      (void)build_query(q, {}, &analyzer, nullptr);
      ADD_FAILURE() << "no error";
    } catch (const QuerySyntaxError& e) {
      ADD_FAILURE() << e.what();
    } catch (const UsageError& e) {
      EXPECT_EQ(std::string(e.what()),
                "query '" + std::string(q) + "' has no searchable words");
    }
  }
}

// ------------------------------------------------------ behaviour over a DB

struct Doc {
  std::string id;
  std::string title;
  std::string body;
  std::string date;  // ISO, as lede-index normalises it
  std::string url;
};

// A small database indexed as lede-index indexes (title and body through
// index_title_and_body with the body after a position gap, host terms for the host
// and its parents, the id term, date value and terms), with verbs to add
// documents and to run queries.
class QueryDbTest : public ::testing::Test {
 protected:
  QueryDbTest() : db_("", Xapian::DB_BACKEND_INMEMORY) {}

  void add(const Doc& d) {
    Xapian::Document doc;
    std::vector<Token> title;
    std::vector<Token> body;
    std::uint32_t next = 0;
    if (!d.title.empty()) {
      next = analyzer_.analyze(d.title, &title) + kBodyPositionGap;
    }
    analyzer_.analyze(d.body, &body, next);
    index_title_and_body(&doc, title, body, &analyzer_, 1);
    std::string host = url_host(d.url);
    while (!host.empty()) {
      doc.add_boolean_term(std::string(prefix::kHost) + host);
      const auto dot = host.find('.');
      if (dot == std::string::npos ||
          host.find('.', dot + 1) == std::string::npos) {
        break;
      }
      host.erase(0, dot + 1);
    }
    doc.add_boolean_term(std::string(prefix::kId) + d.id);
    const std::string date = date_value(d.date);
    if (!date.empty()) {
      doc.add_value(kSlotDate, date);
      doc.add_boolean_term(std::string(prefix::kDay) + date.substr(0, 8));
      doc.add_boolean_term(std::string(prefix::kMonth) + date.substr(0, 6));
      doc.add_boolean_term(std::string(prefix::kYear) + date.substr(0, 4));
    }
    doc.set_data(d.id);
    db_.add_document(doc);
  }

  // The ids the query finds, best first (ties by docid).
  std::vector<std::string> search(const std::string& query,
                                  const BuildOptions& options = {}) {
    const BuiltQuery b = build_query(query, options, &analyzer_, &db_);
    Xapian::Enquire enquire(db_);
    enquire.set_query(b.query);
    enquire.set_docid_order(Xapian::Enquire::ASCENDING);
    const Xapian::MSet mset = enquire.get_mset(0, 100);
    std::vector<std::string> ids;
    for (auto it = mset.begin(); it != mset.end(); ++it) {
      ids.push_back(it.get_document().get_data());
    }
    return ids;
  }

  // The same, sorted, for queries where only the set matters.
  std::vector<std::string> found(const std::string& query,
                                 const BuildOptions& options = {}) {
    std::vector<std::string> ids = search(query, options);
    std::sort(ids.begin(), ids.end());
    return ids;
  }

  std::map<std::string, double> weights(const std::string& query,
                                        const BuildOptions& options = {}) {
    const BuiltQuery b = build_query(query, options, &analyzer_, &db_);
    Xapian::Enquire enquire(db_);
    enquire.set_query(b.query);
    const Xapian::MSet mset = enquire.get_mset(0, 100);
    std::map<std::string, double> out;
    for (auto it = mset.begin(); it != mset.end(); ++it) {
      out[it.get_document().get_data()] = it.get_weight();
    }
    return out;
  }

  using Ids = std::vector<std::string>;
  Analyzer analyzer_;
  Xapian::WritableDatabase db_;
};

TEST_F(QueryDbTest, WordsPhrasesAndStems) {
  add({"a", "Patients share data", "The clinic runs a privacy review.", "",
       ""});
  add({"b", "", "Patient data was running late; data privacy matters.", "",
       ""});
  add({"c", "", "Data about patients and their privacy.", "", ""});
  EXPECT_EQ(found("patient data"), (Ids{"a", "b", "c"}));
  EXPECT_EQ(found(R"("patient data")"), (Ids{"b"}));
  EXPECT_EQ(found(R"("patients share")"), (Ids{"a"}));
  EXPECT_EQ(found("run"), (Ids{"a", "b"}));     // runs, running
  EXPECT_EQ(found("=running"), (Ids{"b"}));
  EXPECT_EQ(found("=patients"), (Ids{"a", "c"}));
  EXPECT_EQ(found("patient -privacy"), (Ids{}));
  EXPECT_EQ(found("patients -clinic"), (Ids{"b", "c"}));
  EXPECT_EQ(found("-clinic"), (Ids{"b", "c"}));
  EXPECT_EQ(found("title:patient"), (Ids{"a"}));
  EXPECT_EQ(found("review OR late"), (Ids{"a", "b"}));
  BuildOptions any;
  any.match_any = true;
  EXPECT_EQ(found("review late", any), (Ids{"a", "b"}));
  EXPECT_EQ(found("review late"), (Ids{}));
}

TEST_F(QueryDbTest, PhrasesNeverSpanTitleAndBody) {
  add({"a", "Patient", "data first", "", ""});
  EXPECT_EQ(found(R"("patient data")"), (Ids{}));
  EXPECT_EQ(found("patient data"), (Ids{"a"}));
}

// A title phrase is a phrase in the title, whether or not the document's
// title terms have positions of their own (common/terms.h).
TEST_F(QueryDbTest, TitlePhrasesAreExact) {
  // The body's title words run as in the title: no title positions.
  add({"a", "Mayo Clinic partners", "The Mayo Clinic said so.", "", ""});
  // The body has "mayo clinic", the title has not: title positions.
  add({"b", "Clinic opens in Mayo county", "The Mayo Clinic said so.", "",
       ""});
  add({"c", "Partners of the clinic", "mayo", "", ""});
  EXPECT_EQ(found(R"(title:"mayo clinic")"), (Ids{"a"}));
  EXPECT_EQ(found(R"(title:"clinic opens")"), (Ids{"b"}));
  EXPECT_EQ(found(R"(title:"clinic partners")"), (Ids{"a"}));
  EXPECT_EQ(found(R"(title:"partners of")"), (Ids{"c"}));
  EXPECT_EQ(found(R"("mayo clinic")"), (Ids{"a", "b"}));
  EXPECT_EQ(found(R"(title:"the clinic")"), (Ids{"c"}));
  // NEAR with title words: exact where the title has positions (b); in
  // the others the words must be in the title and near in title or body
  // (d: near in the body only).
  add({"d", "Mayo trip to see the clinic", "mayo big clinic", "", ""});
  EXPECT_EQ(found("title:mayo NEAR/2 title:clinic"), (Ids{"a", "d"}));
  EXPECT_EQ(found("title:opens NEAR/2 title:mayo"), (Ids{"b"}));
  EXPECT_EQ(found("title:clinic NEAR/3 mayo"), (Ids{"a", "b", "d"}));
  // A title phrase weighs what its title words weigh.
  const auto phrase = weights(R"(title:"mayo clinic")");
  const auto words = weights("title:=mayo title:=clinic");
  EXPECT_DOUBLE_EQ(phrase.at("a"), words.at("a"));
}

TEST_F(QueryDbTest, AnalyzerAgreementOnBothSides) {
  add({"a", "", "In Zürich, the Mayo Clinic’s 155,221 records (COVID-19).",
       "", ""});
  add({"b", "", "患者数据的隐私 and ZURICH e-mail", "", ""});
  EXPECT_EQ(found("zurich"), (Ids{"a", "b"}));
  EXPECT_EQ(found("ZÜRICH"), (Ids{"a", "b"}));
  EXPECT_EQ(found("clinic's"), (Ids{"a"}));
  EXPECT_EQ(found("155221"), (Ids{"a"}));
  EXPECT_EQ(found("155,221"), (Ids{"a"}));
  EXPECT_EQ(found("covid19"), (Ids{"a"}));
  EXPECT_EQ(found("\"covid 19\""), (Ids{"a"}));
  EXPECT_EQ(found("患者数据"), (Ids{"b"}));
  EXPECT_EQ(found("数据"), (Ids{"b"}));
  EXPECT_EQ(found("email"), (Ids{"b"}));
  EXPECT_EQ(found("E-Mail"), (Ids{"b"}));
}

// Issue 13 item 11: any word inside a run of Chinese finds it, not only
// the words ICU's dictionary cut the run into (北京市 政府).
TEST_F(QueryDbTest, ChineseWordsInsideLongerWords) {
  add({"a", "北京市政府发布新规定", "北京市政府今天发布了新规定。", "", ""});
  add({"b", "", "上海市政府和北京大学", "", ""});
  add({"c", "", "北京 市场 政府", "", ""});
  EXPECT_EQ(found("北京"), (Ids{"a", "b", "c"}));
  EXPECT_EQ(found("市政府"), (Ids{"a", "b"}));
  EXPECT_EQ(found("北京市政府"), (Ids{"a"}));
  EXPECT_EQ(found("title:市政府"), (Ids{"a"}));
  EXPECT_EQ(found("\"政府 发布\""), (Ids{}));  // a space is not in the text
  EXPECT_EQ(found("政府发布"), (Ids{"a"}));
  EXPECT_EQ(found("大学"), (Ids{"b"}));
  // Characters of a word are not the word: 市场 is not 市政府.
  EXPECT_EQ(found("市府"), (Ids{}));
  // Beside NEAR and ADJ, distances count characters.
  EXPECT_EQ(found("北京 ADJ/3 政府"), (Ids{"a", "c"}));
  EXPECT_EQ(found("北京 NEAR/3 政府"), (Ids{"a", "b", "c"}));
  EXPECT_EQ(found("北京 ADJ/2 政府"), (Ids{"c"}));
  // Japanese and Korean likewise.
  add({"j", "", "東京都庁に行きました", "", ""});
  add({"k", "", "서울시청에서 회의가 열렸다", "", ""});
  EXPECT_EQ(found("東京"), (Ids{"j"}));
  EXPECT_EQ(found("都庁"), (Ids{"j"}));
  EXPECT_EQ(found("行きました"), (Ids{"j"}));
  EXPECT_EQ(found("서울"), (Ids{"k"}));
  EXPECT_EQ(found("시청"), (Ids{"k"}));
  EXPECT_EQ(found("서울시청에서"), (Ids{"k"}));
  EXPECT_EQ(found("청서"), (Ids{}));
}

TEST_F(QueryDbTest, NearAndAdj) {
  add({"1", "", "patient one two three data", "", ""});
  add({"2", "", "data one patient", "", ""});
  add({"3", "", "patient data privacy", "", ""});
  add({"4", "", "patient one two three four five six seven eight nine ten "
       "eleven data", "", ""});
  // "within n words": at most n positions apart, either order.
  EXPECT_EQ(found("patient NEAR/4 data"), (Ids{"1", "2", "3"}));
  EXPECT_EQ(found("patient NEAR/3 data"), (Ids{"2", "3"}));
  EXPECT_EQ(found("patient NEAR data"), (Ids{"1", "2", "3"}));
  EXPECT_EQ(found("patient NEAR/12 data"), (Ids{"1", "2", "3", "4"}));
  // ADJ: in order.
  EXPECT_EQ(found("patient ADJ/4 data"), (Ids{"1", "3"}));
  EXPECT_EQ(found("data ADJ/2 patient"), (Ids{"2"}));
  EXPECT_EQ(found("patient ADJ/1 data"), (Ids{"3"}));
  // Words beside NEAR/ADJ match as written (no stems have positions).
  EXPECT_EQ(found("patients NEAR data"), (Ids{}));
  // Phrases: their words within the widened window, and the phrase itself.
  EXPECT_EQ(found(R"("patient data" NEAR/1 privacy)"), (Ids{"3"}));
  EXPECT_EQ(found(R"("one patient" NEAR/1 data)"), (Ids{"2"}));
  EXPECT_EQ(found(R"("one two" ADJ/2 data)"), (Ids{"1"}));
  EXPECT_EQ(found(R"("one two" ADJ/1 data)"), (Ids{}));
  // Negated.
  EXPECT_EQ(found("data -patient NEAR/1 data"), (Ids{"1", "2", "4"}));
}

TEST_F(QueryDbTest, Wildcards) {
  add({"a", "Patients", "patient zürich", "", ""});
  add({"b", "", "patio pathology", "", ""});
  add({"c", "", "pattern", "", ""});
  EXPECT_EQ(found("patie*"), (Ids{"a"}));
  EXPECT_EQ(found("pat*"), (Ids{"a", "b", "c"}));
  EXPECT_EQ(found("Zür*"), (Ids{"a"}));
  EXPECT_EQ(found("ZUR*"), (Ids{"a"}));
  EXPECT_EQ(found("title:pat*"), (Ids{"a"}));
  EXPECT_EQ(found("zzz*"), (Ids{}));
  EXPECT_EQ(found("pat* -patio"), (Ids{"a", "c"}));
  EXPECT_EQ(found("pati* NEAR/1 zur*"), (Ids{"a"}));
  EXPECT_EQ(found("patio NEAR/1 path*"), (Ids{"b"}));
  EXPECT_EQ(found("patio NEAR zzz*"), (Ids{}));
  // pat*: patient patients patio pathology pattern = 5 words.
  BuildOptions limit;
  limit.max_wildcard_terms = 5;
  EXPECT_EQ(found("pat*", limit), (Ids{"a", "b", "c"}));
  limit.max_wildcard_terms = 4;
  try {
    (void)found("x OR pat*", limit);
    ADD_FAILURE() << "no error";
  } catch (const QuerySyntaxError& e) {
    EXPECT_EQ(std::string(e.what()),
              "wildcard 'pat*' matches more than 4 words; make it longer");
    EXPECT_EQ(e.column(), 6u);
  }
}

TEST_F(QueryDbTest, WildcardHighlightsAreTheMostFrequentExpansions) {
  add({"a", "", "patient patio", "", ""});
  add({"b", "", "patient", "", ""});
  const BuiltQuery b = build_query("pat* -patio*", {}, &analyzer_, &db_);
  const std::vector<HighlightTerm> expected = {{{"patient"}, false},
                                               {{"patio"}, false}};
  EXPECT_EQ(b.highlights, expected);
}

TEST_F(QueryDbTest, SiteAndId) {
  add({"r-1", "", "x", "", "https://www.Reuters.com/a"});
  add({"r-2", "", "x", "", "https://uk.reuters.com/b"});
  add({"s", "", "x", "", "https://www.statnews.com/c"});
  EXPECT_EQ(found("site:reuters.com"), (Ids{"r-1", "r-2"}));
  EXPECT_EQ(found("site:www.reuters.com"), (Ids{"r-1", "r-2"}));
  EXPECT_EQ(found("site:uk.reuters.com"), (Ids{"r-2"}));
  EXPECT_EQ(found("site:https://uk.reuters.com/zzz"), (Ids{"r-2"}));
  EXPECT_EQ(found("x -site:reuters.com"), (Ids{"s"}));
  EXPECT_EQ(found("site:reu*"), (Ids{"r-1", "r-2"}));
  EXPECT_EQ(found("id:r-1"), (Ids{"r-1"}));
  EXPECT_EQ(found("id:R-1"), (Ids{}));
  EXPECT_EQ(found("id:r-*"), (Ids{"r-1", "r-2"}));
}

TEST_F(QueryDbTest, DatesIncludeWholeDaysAndBeforeExcludesItsDate) {
  add({"2023-12-31", "", "x", "2023-12-31T23:59:59Z", ""});
  add({"2024-01-01", "", "x", "2024-01-01T00:00:00Z", ""});
  add({"2024-02-29", "", "x", "2024-02-29T23:59:59Z", ""});
  add({"2024-03-01", "", "x", "2024-03-01", ""});
  add({"2024-06-30", "", "x", "2024-06-30T23:59:59Z", ""});
  add({"2024-07-01", "", "x", "2024-07-01T00:00:00Z", ""});
  add({"undated", "", "x", "", ""});
  EXPECT_EQ(found("date:2024"), (Ids{"2024-01-01", "2024-02-29",
                                     "2024-03-01", "2024-06-30",
                                     "2024-07-01"}));
  EXPECT_EQ(found("date:2024-02"), (Ids{"2024-02-29"}));
  EXPECT_EQ(found("date:2024-03-01"), (Ids{"2024-03-01"}));
  EXPECT_EQ(found("date:2024-01-01..2024-06-30"),
            (Ids{"2024-01-01", "2024-02-29", "2024-03-01", "2024-06-30"}));
  EXPECT_EQ(found("date:..2024-02"), (Ids{"2023-12-31", "2024-01-01",
                                          "2024-02-29"}));
  EXPECT_EQ(found("date:2024-06.."), (Ids{"2024-06-30", "2024-07-01"}));
  EXPECT_EQ(found("after:2024-06-30"), (Ids{"2024-06-30", "2024-07-01"}));
  EXPECT_EQ(found("before:2024"), (Ids{"2023-12-31"}));
  EXPECT_EQ(found("before:2024-03"), (Ids{"2023-12-31", "2024-01-01",
                                          "2024-02-29"}));
  EXPECT_EQ(found("after:2024-02 before:2024-03"), (Ids{"2024-02-29"}));
  EXPECT_EQ(found("x -date:2024"), (Ids{"2023-12-31", "undated"}));
}

TEST_F(QueryDbTest, FiltersDoNotChangeScores) {
  add({"a", "", "mayo clinic mayo", "2024-01-05", "https://statnews.com/a"});
  add({"b", "", "mayo news", "2024-02-05", "https://statnews.com/b"});
  add({"c", "", "mayo", "2023-02-05", "https://other.org/c"});
  const auto plain = weights("mayo");
  const auto filtered = weights("mayo site:statnews.com date:2024");
  ASSERT_EQ(filtered.size(), 2u);
  EXPECT_DOUBLE_EQ(filtered.at("a"), plain.at("a"));
  EXPECT_DOUBLE_EQ(filtered.at("b"), plain.at("b"));
  for (const auto& [id, w] : weights("site:statnews.com")) {
    EXPECT_EQ(w, 0.0) << id;
  }
}

TEST_F(QueryDbTest, TitleBoostRaisesTitleMatchesOnly) {
  add({"title", "Vaccine trial", "results were published", "", ""});
  add({"body", "", "vaccine trial", "", ""});
  BuildOptions boost;
  boost.title_boost = 3;
  const auto before = weights("vaccine");
  const auto after = weights("vaccine", boost);
  ASSERT_EQ(after.size(), 2u);
  EXPECT_GT(after.at("title"), before.at("title"));
  EXPECT_DOUBLE_EQ(after.at("body"), before.at("body"));
  EXPECT_EQ(search("vaccine trial").front(), "body");  // the shorter one
  EXPECT_EQ(search("vaccine trial", boost).front(), "title");
}

}  // namespace
}  // namespace lede
