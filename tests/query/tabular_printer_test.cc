// --format tsv, paths, trec, --count and --stats: one record per line,
// fields that cannot break the line, query ids in --batch.
#include <gtest/gtest.h>
#include <nlohmann/json.hpp>

#include "tests/query/printer_fixtures.h"

namespace lede::query {
namespace {

using testing::bare_hit;
using testing::full_hit;
using testing::print;
using testing::summary;

TEST(TsvPrinter, SevenColumnsEmptyWhenAbsent) {
  EXPECT_EQ(print(make_tsv_printer, {}, summary(), {full_hit(), bare_hit()}),
            "1\t7.1235\thtw-2020-1130\t2020-11-30T09:30:00Z\tHealthTech Wire\t"
            "Insurer-backed data exchange\tfeeds/newswire.jsonl:2\n"
            "2\t1.5000\tnotes/plain.txt\t\t\t\tnotes/plain.txt\n");
}

TEST(TsvPrinter, TabsAndNewlinesInFieldsCannotSplitTheRecord) {
  Hit h = bare_hit();
  h.article.title = "a\tb\nc\r\nd\x1b[0m";
  EXPECT_EQ(print(make_tsv_printer, {}, summary(), {h}),
            "2\t1.5000\tnotes/plain.txt\t\t\ta b c  d[0m\tnotes/plain.txt\n");
}

TEST(TsvPrinter, BatchStartsWithTheQueryId) {
  PrintOptions o;
  o.batch = true;
  SearchSummary s = summary();
  s.qid = "q9";
  EXPECT_TRUE(print(make_tsv_printer, o, s, {bare_hit()}).starts_with("q9\t2\t"));
}

TEST(PathsPrinter, OneLocationPerLine) {
  EXPECT_EQ(print(make_paths_printer, {}, summary(), {full_hit(), bare_hit()}),
            "feeds/newswire.jsonl:2\nnotes/plain.txt\n");
  PrintOptions o;
  o.batch = true;
  EXPECT_EQ(print(make_paths_printer, o, summary(), {bare_hit()}),
            "1\tnotes/plain.txt\n");
}

// Issue 14 item 1: a name is never changed silently. paths and tsv show
// it escaped (and count it, for lede-query's note); paths0 gives the bytes.
TEST(PathsPrinter, NamesWithControlsAreEscapedAndCounted) {
  Hit h = bare_hit();
  h.article.path = "d/x\x1b]0;PWNED\x07.txt";
  std::ostringstream out;
  auto printer = make_paths_printer(out, {});
  printer->begin(summary());
  printer->hit(h);
  printer->hit(bare_hit());
  printer->end(summary());
  EXPECT_EQ(out.str(), "d/x\\x1b]0;PWNED\\x07.txt\nnotes/plain.txt\n");
  EXPECT_EQ(printer->escaped_names(), 1u);
}

TEST(PathsPrinter, Paths0GivesTheBytesEndedByNul) {
  Hit h = bare_hit();
  h.article.path = "d/a\tb\nc\x1b.txt";
  EXPECT_EQ(print(make_paths0_printer, {}, summary(), {h, bare_hit()}),
            std::string("d/a\tb\nc\x1b.txt\0notes/plain.txt\0", 29));
  PrintOptions o;
  o.batch = true;
  EXPECT_EQ(print(make_paths0_printer, o, summary(), {bare_hit()}),
            std::string("1\tnotes/plain.txt\0", 18));
}

TEST(TsvPrinter, IdsAndPathsAreEscapedNotDropped) {
  Hit h = bare_hit();
  h.article.id = "a\tb";
  h.article.path = "x\xC2\x9B.txt";
  std::ostringstream out;
  auto printer = make_tsv_printer(out, {});
  printer->begin(summary());
  printer->hit(h);
  EXPECT_EQ(out.str(), "2\t1.5000\ta\\tb\t\t\t\tx\\u009b.txt\n");
  EXPECT_EQ(printer->escaped_names(), 2u);
}

// A query id of --batch is a name too: escaped and counted, not dropped.
TEST(TsvPrinter, BatchQueryIdsAreEscapedAndCounted) {
  PrintOptions o;
  o.batch = true;
  SearchSummary s = summary(1);
  s.qid = "q\x1b]0;T\x07";
  for (auto make : {make_tsv_printer, make_paths_printer, make_count_printer}) {
    std::ostringstream out;
    auto printer = make(out, o);
    printer->begin(s);
    printer->hit(bare_hit());
    printer->end(s);
    EXPECT_TRUE(out.str().starts_with("q\\x1b]0;T\\x07\t")) << out.str();
    EXPECT_EQ(printer->escaped_names(), 1u) << out.str();
  }
}

TEST(TrecPrinter, RunFormatWithOneWordIds) {
  Hit spaced = bare_hit();
  spaced.article.id = "my notes/plain file.txt";
  SearchSummary s = summary();
  s.qid = "301";
  EXPECT_EQ(print(make_trec_printer, {}, s, {full_hit(), spaced}),
            "301 Q0 htw-2020-1130 1 7.123456 lede\n"
            "301 Q0 my_notes/plain_file.txt 2 1.500000 lede\n");
}

TEST(CountPrinter, TheNumberOnly) {
  EXPECT_EQ(print(make_count_printer, {}, summary(42), {}), "42\n");
  PrintOptions o;
  o.batch = true;
  SearchSummary s = summary(0);
  s.qid = "q";
  EXPECT_EQ(print(make_count_printer, o, s, {}), "q\t0\n");
}

TEST(MakePrinter, OnePrinterPerFormat) {
  const std::pair<Format, std::string> table[] = {
      {Format::kText, "2 matches\n\n2. notes/plain.txt\n"},
      {Format::kTsv, "2\t1.5000\tnotes/plain.txt\t\t\t\tnotes/plain.txt\n"},
      {Format::kPaths, "notes/plain.txt\n"},
      {Format::kTrec, "1 Q0 notes/plain.txt 2 1.500000 lede\n"},
  };
  for (const auto& [format, want] : table) {
    std::ostringstream out;
    auto p = make_printer(format, out, {});
    p->begin(summary());
    p->hit(bare_hit());
    p->end(summary());
    EXPECT_EQ(out.str(), want);
  }
}

DatabaseStats sample_stats() {
  DatabaseStats s;
  s.path = "news.db";
  s.documents = 29;
  s.terms = 4321;
  s.average_length = 412.125;
  s.first_date = "2019-06-03";
  s.last_date = "2025-04-15";
  s.dated = 26;
  s.sources = {{"HealthTech Wire", 6}, {"Imaging Ledger", 3}};
  s.schema_version = 1;
  s.language = "english";
  s.analyzer_version = 1;
  s.title_weight = 3;
  s.fields = {{"place", "places"}, {"org", "/meta/org"}};
  s.written_by = "0.1.0";
  s.spelling_words = 2500;
  s.size_bytes = 1234567;
  return s;
}

TEST(StatsPrinter, Text) {
  std::ostringstream out;
  print_stats(sample_stats(), Format::kText, out);
  EXPECT_EQ(out.str(),
            "database        news.db\n"
            "documents       29\n"
            "terms           4321\n"
            "average length  412.1 words\n"
            "dated           26 (2019-06-03 to 2025-04-15)\n"
            "sources         2\n"
            "                6  HealthTech Wire\n"
            "                3  Imaging Ledger\n"
            "schema version  1\n"
            "analyzer        version 1, stemming english\n"
            "title weight    3\n"
            "fields          place (key places), org (key /meta/org)\n"
            "spelling        2500 words\n"
            "written by      lede 0.1.0\n"
            "size on disk    1.2 MB\n");
}

TEST(StatsPrinter, Json) {
  std::ostringstream out;
  DatabaseStats s = sample_stats();
  s.first_date.clear();
  s.last_date.clear();
  s.written_by.clear();
  s.fields.clear();
  s.parts.push_back(s);  // one database: its own figures, once
  print_stats(s, Format::kJson, out);
  const std::string object =
      R"("documents":29,"terms":4321,)"
      R"("average_length":412.13,)"
      R"("dates":{"first":null,"last":null,"dated":26},)"
      R"("sources":[{"value":"HealthTech Wire","count":6},)"
      R"({"value":"Imaging Ledger","count":3}],"schema_version":1,)"
      R"("analyzer":{"version":1,"language":"english"},)"
      R"("title_weight":3,"fields":{},"spelling_words":2500,)"
      R"("written_by":null,)"
      R"("size_bytes":1234567)";
  EXPECT_EQ(out.str(), R"({"database":"news.db",)" + object +
                           R"(,"parts":[{"database":"news.db",)" + object +
                           "}]}\n");
}

TEST(StatsPrinter, TextShowsTheWholeThenEachDatabase) {
  DatabaseStats a = sample_stats();
  a.path = "a.db";
  a.documents = 20;
  DatabaseStats b = sample_stats();
  b.path = "b.db";
  b.documents = 9;
  DatabaseStats whole = sample_stats();
  whole.path = "a.db + b.db";
  whole.parts = {a, b};
  std::ostringstream out;
  print_stats(whole, Format::kText, out);
  const std::string text = out.str();
  const auto first = text.find("database        a.db + b.db\ndocuments       29\n");
  const auto second = text.find("\n\ndatabase        a.db\ndocuments       20\n");
  const auto third = text.find("\n\ndatabase        b.db\ndocuments       9\n");
  EXPECT_EQ(first, 0u) << text;
  ASSERT_NE(second, std::string::npos) << text;
  ASSERT_NE(third, std::string::npos) << text;
  EXPECT_LT(second, third);
}

}  // namespace
}  // namespace lede::query
