// --format json and jsonl: key order, null for absent values, highlights as
// byte offsets into the text they belong to, escaping.
#include <gtest/gtest.h>
#include <nlohmann/json.hpp>

#include <sstream>

#include "tests/query/printer_fixtures.h"

namespace lede::query {
namespace {

using testing::bare_hit;
using testing::full_hit;
using testing::print;
using testing::summary;
using Json = nlohmann::ordered_json;

std::vector<std::string> keys(const Json& j) {
  std::vector<std::string> out;
  for (auto it = j.begin(); it != j.end(); ++it) out.push_back(it.key());
  return out;
}

const std::vector<std::string> kHitKeys = {
    "rank",  "score", "id",        "title",     "source",
    "author", "date", "url",       "path",      "line",
    "tags",  "collapsed", "title_highlights", "snippets", "explain"};

TEST(JsonlPrinter, OneHitObjectPerLineWithFixedKeys) {
  const std::string out =
      print(make_jsonl_printer, {}, summary(), {full_hit(), bare_hit()});
  EXPECT_EQ(out,
            R"({"rank":1,"score":7.1235,"id":"htw-2020-1130",)"
            R"("title":"Insurer-backed data exchange",)"
            R"("source":"HealthTech Wire","author":"Marta Elling",)"
            R"("date":"2020-11-30T09:30:00Z","url":"https://example.test/a",)"
            R"("path":"feeds/newswire.jsonl","line":2,)"
            R"("tags":["payers","data sharing"],"collapsed":0,)"
            R"("title_highlights":[[15,19]],)"
            R"("snippets":[{"text":"…said “patient data” here…",)"
            R"("highlights":[[11,23]]}],"explain":null})"
            "\n"
            R"({"rank":2,"score":1.5,"id":"notes/plain.txt","title":null,)"
            R"("source":null,"author":null,"date":null,"url":null,)"
            R"("path":"notes/plain.txt","line":null,"tags":[],"collapsed":0,)"
            R"("title_highlights":[],"snippets":[],"explain":null})"
            "\n");
}

// Issue 13 item 10: --show --format json, one object per article.
TEST(StoryJson, TheArticleItsFieldsAndItsParagraphs) {
  Story s;
  s.article = full_hit().article;
  s.article.fields["place"] = {"usa"};
  s.title = {"Insurer-backed data exchange", {{15, 19}}};
  s.paragraph_count = 3;
  s.paragraphs = {{2, {"the patient data", {{4, 16}}}}};
  std::ostringstream out;
  print_story_json(s, out);
  EXPECT_EQ(out.str(),
            R"({"id":"htw-2020-1130","title":"Insurer-backed data exchange",)"
            R"("source":"HealthTech Wire","author":"Marta Elling",)"
            R"("date":"2020-11-30T09:30:00Z","url":"https://example.test/a",)"
            R"("path":"feeds/newswire.jsonl","line":2,)"
            R"("tags":["payers","data sharing"],"fields":{"place":["usa"]},)"
            R"("database":null,"title_highlights":[[15,19]],)"
            R"("paragraph_count":3,"paragraphs":[{"number":2,)"
            R"("text":"the patient data","highlights":[[4,16]]}]})"
            "\n");
  s.database = "b.db";
  s.article.fields.clear();
  const Json j = Json::parse(
      [&] { std::ostringstream o; print_story_json(s, o); return o.str(); }());
  EXPECT_EQ(j["database"], "b.db");
  EXPECT_TRUE(j["fields"].is_object() && j["fields"].empty());
}

TEST(JsonlPrinter, HighlightsAreByteOffsetsIntoTheirText) {
  const Json j = Json::parse(
      print(make_jsonl_printer, {}, summary(), {full_hit()}));
  const std::string title = j["title"];
  const auto& th = j["title_highlights"][0];
  EXPECT_EQ(title.substr(th[0], th[1].get<std::size_t>() - th[0].get<std::size_t>()),
            "data");
  const std::string text = j["snippets"][0]["text"];
  const auto& h = j["snippets"][0]["highlights"][0];
  EXPECT_EQ(text.substr(h[0], h[1].get<std::size_t>() - h[0].get<std::size_t>()),
            "patient data");
}

TEST(JsonlPrinter, BatchPutsTheQueryIdFirst) {
  PrintOptions o;
  o.batch = true;
  SearchSummary s = summary();
  s.qid = "q-17";
  const Json j = Json::parse(print(make_jsonl_printer, o, s, {bare_hit()}));
  std::vector<std::string> want = {"qid"};
  want.insert(want.end(), kHitKeys.begin(), kHitKeys.end());
  EXPECT_EQ(keys(j), want);
  EXPECT_EQ(j["qid"], "q-17");
}

TEST(JsonlPrinter, NoMatchPrintsNothing) {
  EXPECT_EQ(print(make_jsonl_printer, {}, summary(0), {}), "");
}

TEST(JsonlPrinter, ExplainListsTermsWhenAsked) {
  PrintOptions o;
  o.explain = true;
  Hit h = bare_hit();
  h.explain = {{"Zpatient", 1.25, 2, 14, 1.1, 1}};
  const Json j = Json::parse(print(make_jsonl_printer, o, summary(), {h}));
  EXPECT_EQ(j["explain"].dump(),
            R"([{"term":"Zpatient","weight":1.25,"wdf":2,"termfreq":14,)"
            R"("idf":1.1,"factor":1.0}])");
}

TEST(JsonlPrinter, ControlCharactersAreEscapedAndBadUtf8Replaced) {
  Hit h = bare_hit();
  h.article.title = "esc\x1b[31m tab\t bad\xFF";
  const std::string out = print(make_jsonl_printer, {}, summary(), {h});
  EXPECT_NE(out.find(R"("title":"esc\u001b[31m tab\t bad)" "\xEF\xBF\xBD\""),
            std::string::npos)
      << out;
  EXPECT_EQ(out.find('\x1b'), std::string::npos);
}

// Issue 14 item 7: C1 controls and bidi overrides are escaped like ESC is,
// in every string (nlohmann writes them raw), and the value survives.
TEST(JsonlPrinter, C1AndBidiControlsAreEscapedToo) {
  Hit h = bare_hit();
  h.article.id = "id\xC2\x9B" "1";
  h.article.author = "auth\xC2\x9B" "2J\xE2\x80\xAE" "or";
  h.article.path = "dir/\xE2\x81\xA6" "x.txt";
  h.article.title = "rlo \xE2\x80\xAE" "gnp.exe";
  const std::string out = print(make_jsonl_printer, {}, summary(), {h});
  EXPECT_NE(out.find(R"("id":"id\u009b1")"), std::string::npos) << out;
  EXPECT_NE(out.find(R"("author":"auth\u009b2J\u202eor")"), std::string::npos)
      << out;
  EXPECT_NE(out.find(R"("path":"dir/\u2066x.txt")"), std::string::npos) << out;
  EXPECT_NE(out.find(R"("title":"rlo \u202egnp.exe")"), std::string::npos)
      << out;
  for (const char* raw : {"\xC2\x9B", "\xE2\x80\xAE", "\xE2\x81\xA6"}) {
    EXPECT_EQ(out.find(raw), std::string::npos) << out;
  }
  const auto j = nlohmann::json::parse(out);
  EXPECT_EQ(j["author"], h.article.author);
  EXPECT_EQ(j["path"], h.article.path);
}

TEST(JsonPrinter, OneObjectWithTotalHitsSuggestionFacetsParsed) {
  SearchSummary s = summary(1200, false);
  const std::string out = print(make_json_printer, {}, s, {bare_hit()});
  ASSERT_TRUE(out.ends_with("}\n"));
  EXPECT_EQ(std::count(out.begin(), out.end(), '\n'), 1);
  const Json j = Json::parse(out);
  EXPECT_EQ(keys(j), (std::vector<std::string>{"query", "total", "hits",
                                               "suggestion", "facets",
                                               "parsed", "error"}));
  EXPECT_EQ(j["query"], "patient data");
  EXPECT_EQ(j["total"].dump(), R"({"value":1200,"exact":false})");
  ASSERT_EQ(j["hits"].size(), 1u);
  EXPECT_EQ(keys(j["hits"][0]), kHitKeys);
  EXPECT_TRUE(j["suggestion"].is_null());
  EXPECT_EQ(j["facets"].dump(), "{}");
  EXPECT_TRUE(j["parsed"].is_null());
}

TEST(JsonPrinter, SuggestionFacetsAndParsedWhenPresent) {
  PrintOptions o;
  o.show_query = true;
  SearchSummary s = summary(0);
  s.suggestion = "patient data";
  s.facets = {{"source", {{"HealthTech Wire", 6}}}, {"year", {}}};
  s.parsed = "patient";
  s.xapian_query = "Query(Zpatient@1)";
  const Json j = Json::parse(print(make_json_printer, o, s, {}));
  EXPECT_EQ(j["hits"].dump(), "[]");
  EXPECT_EQ(j["suggestion"], "patient data");
  EXPECT_EQ(j["facets"].dump(),
            R"({"source":[{"value":"HealthTech Wire","count":6}],"year":[]})");
  EXPECT_EQ(j["parsed"].dump(),
            R"j({"query":"patient","xapian":"Query(Zpatient@1)"})j");
}

TEST(JsonPrinter, BatchGivesOneObjectPerQueryWithItsId) {
  PrintOptions o;
  o.batch = true;
  std::ostringstream out;
  auto p = make_json_printer(out, o);
  for (const char* id : {"a", "b"}) {
    SearchSummary s = summary(0);
    s.qid = id;
    p->begin(s);
    p->end(s);
  }
  std::istringstream lines(out.str());
  std::string line;
  std::vector<std::string> ids;
  while (std::getline(lines, line)) {
    const Json j = Json::parse(line);
    EXPECT_EQ(keys(j).front(), "qid");
    ids.push_back(j["qid"]);
  }
  EXPECT_EQ(ids, (std::vector<std::string>{"a", "b"}));
}

}  // namespace
}  // namespace lede::query
