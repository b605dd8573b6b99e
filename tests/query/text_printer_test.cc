// --format text: the layout people read, colour, and the guarantee that
// document text cannot put control characters on the terminal.
#include <gtest/gtest.h>

#include <sstream>

#include "tests/query/printer_fixtures.h"

namespace lede::query {
namespace {

using testing::bare_hit;
using testing::full_hit;
using testing::print;
using testing::summary;

std::string text(const PrintOptions& o, const SearchSummary& s,
                 const std::vector<Hit>& hits) {
  return print(make_text_printer, o, s, hits);
}

TEST(TextPrinter, HeaderHitsMetadataLocationSnippets) {
  EXPECT_EQ(text({}, summary(), {full_hit(), bare_hit()}),
            "2 matches\n"
            "\n"
            "1. Insurer-backed [data] exchange\n"
            "   HealthTech Wire · 2020-11-30 · Marta Elling\n"
            "   https://example.test/a · id htw-2020-1130\n"
            "   …said “[patient data]” here…\n"
            "\n"
            "2. notes/plain.txt\n");
}

// Issue 13 item 8: an untitled record is named by its first words, with
// its location and its id below; one without text by its location.
TEST(TextPrinter, UntitledRecordNamedByItsFirstWordsWithItsId) {
  Hit h = bare_hit();
  h.article.id = "w9";
  h.article.path = "/data/feed.jsonl";
  h.article.line = 4;
  h.article.body = "  a walrus\nstory with no title at all and more words here";
  h.snippets = {{"a walrus story with no title", {{2, 8}}}};
  EXPECT_EQ(text({}, summary(1), {h}),
            "1 match\n\n"
            "2. a walrus story with no title at all…\n"
            "   /data/feed.jsonl:4 · id w9\n"
            "   a [walrus] story with no title\n");
  h.article.body = "only four words here";
  h.snippets.clear();
  EXPECT_EQ(text({}, summary(1), {h}),
            "1 match\n\n2. only four words here\n"
            "   /data/feed.jsonl:4 · id w9\n");
  // No title, no text: the location names it; the id is still shown.
  h.article.body.clear();
  EXPECT_EQ(text({}, summary(1), {h}),
            "1 match\n\n2. /data/feed.jsonl:4\n   id w9\n");
  // A record whose id is its location shows it once.
  h.article.id = "/data/feed.jsonl:4";
  h.article.body = "text";
  EXPECT_EQ(text({}, summary(1), {h}),
            "1 match\n\n2. text\n   /data/feed.jsonl:4\n");
}

// Issue 13 item 8: every line fits the width; what follows the first line
// of a title, metadata or snippet is under the indentation.
TEST(TextPrinter, LinesWrapToTheWidthUnderTheirIndentation) {
  Hit h = full_hit();
  h.article.id = h.article.url;
  h.snippets = {{"the oil price collapse of 1986 put development of a vast "
                 "petroleum resource on hold",
                 {{4, 13}}}};
  PrintOptions o;
  o.width = 30;
  EXPECT_EQ(text(o, summary(1), {h}),
            "1 match\n\n"
            "1. Insurer-backed [data]\n"
            "   exchange\n"
            "   HealthTech Wire ·\n"
            "   2020-11-30 · Marta Elling\n"
            "   https://example.test/a\n"
            "   the [oil price] collapse of\n"
            "   1986 put development of a\n"
            "   vast petroleum resource on\n"
            "   hold\n");
  // The id goes on a line of its own when it does not fit beside the URL.
  h.article.id = "htw-2020-1130";
  EXPECT_NE(text(o, summary(1), {h})
                .find("   https://example.test/a\n   id htw-2020-1130\n"),
            std::string::npos);
  o.width = 80;
  EXPECT_NE(text(o, summary(1), {h})
                .find("   https://example.test/a · id htw-2020-1130\n"),
            std::string::npos);
  o.width = 0;  // not wrapped
  EXPECT_NE(text(o, summary(1), {h})
                .find("   the [oil price] collapse of 1986 put development of "
                      "a vast petroleum resource on hold\n"),
            std::string::npos);
}

TEST(TextPrinter, HeaderSaysAboutForEstimatesAndOneMatch) {
  EXPECT_EQ(text({}, summary(1200, false), {}), "about 1200 matches\n");
  EXPECT_EQ(text({}, summary(1), {}), "1 match\n");
}

TEST(TextPrinter, TimeOnlyWhenAsked) {
  PrintOptions o;
  o.show_time = true;
  SearchSummary s = summary(3);
  s.seconds = 0.00125;
  EXPECT_EQ(text(o, s, {}), "3 matches (1.2 ms)\n");
}

TEST(TextPrinter, NothingAtAllForNoMatch) {
  EXPECT_EQ(text({}, summary(0), {}), "");
}

TEST(TextPrinter, BatchMarksEachQuery) {
  PrintOptions o;
  o.batch = true;
  std::ostringstream out;
  auto p = make_text_printer(out, o);
  SearchSummary a = summary(0);
  a.qid = "q1";
  a.query = "zzz";
  SearchSummary b = summary(1);
  b.qid = "q2";
  p->begin(a);
  p->end(a);
  p->begin(b);
  p->hit(bare_hit());
  p->end(b);
  EXPECT_EQ(out.str(),
            "==> q1: zzz <==\n0 matches\n\n"
            "==> q2: patient data <==\n1 match\n\n"
            "2. notes/plain.txt\n");
}

TEST(TextPrinter, ShowQueryBeforeTheResults) {
  PrintOptions o;
  o.show_query = true;
  SearchSummary s = summary(0);
  s.parsed = "(patient AND data)";
  s.xapian_query = "Query((Zpatient@1 AND Zdata@2))";
  EXPECT_EQ(text(o, s, {}),
            "query: (patient AND data)\n"
            "xapian: Query((Zpatient@1 AND Zdata@2))\n"
            "0 matches\n");
}

TEST(TextPrinter, CollapsedCopiesAreCounted) {
  Hit h = bare_hit();
  h.collapsed = 2;
  EXPECT_NE(text({}, summary(), {h}).find("2. notes/plain.txt (+2 similar)\n"),
            std::string::npos);
}

TEST(TextPrinter, FacetsAfterTheHits) {
  SearchSummary s = summary(9);
  s.facets = {{"source", {{"HealthTech Wire", 6}, {"Imaging Ledger", 3}}},
              {"year", {{"2019", 1}, {"2024", 12}}},
              {"tag", {}}};
  EXPECT_EQ(text({}, s, {}),
            "9 matches\n"
            "\nsource:\n  6  HealthTech Wire\n  3  Imaging Ledger\n"
            "\nyear:\n   1  2019\n  12  2024\n");
}

TEST(TextPrinter, ExplainListsEachTerm) {
  PrintOptions o;
  o.explain = true;
  Hit h = bare_hit();
  h.score = 3.5;
  h.doc_length = 120;
  h.explain = {{"Zpatient", 2.25, 2, 14, 1.1, 1},
               {"Sdata", 1.25, 1, 30, 0.5, 2},
               {"(Zpati OR Zpatio)", 0, 0, 0, 0, 1}};
  EXPECT_EQ(text(o, summary(1), {h}),
            "1 match\n\n2. notes/plain.txt\n"
            "   score 3.5000, document length 120:\n"
            "     2.2500  Zpatient  (wdf 2, in 14 docs, idf 1.1000)\n"
            "     1.2500  Sdata  (wdf 1, in 30 docs, idf 0.5000, x2.00)\n"
            "     0.0000  (Zpati OR Zpatio)\n");
}

TEST(TextPrinter, ColourMarksMatchesTitlesAndLocations) {
  PrintOptions o;
  o.color = true;
  Hit h = full_hit();
  h.snippets.clear();
  EXPECT_EQ(text(o, summary(1), {h}),
            "1 match\n\n1. \x1b[1mInsurer-backed \x1b[1;31mdata\x1b[0m\x1b[1m"
            " exchange\x1b[0m\n"
            "   HealthTech Wire · 2020-11-30 · Marta Elling\n"
            "   \x1b[35mhttps://example.test/a\x1b[0m · id htw-2020-1130\n");
}

// Whatever a document holds, the only escape sequences in the output are
// the printer's own colour codes.
TEST(TextPrinter, DocumentTextNeverCarriesControlCharacters) {
  const std::string evil =
      "a\x1b]0;owned\x07 b\x1b[2J c\x9b" "31m d\r\x08 e\xE2\x80\xAE" "f\x7f";
  Hit h;
  h.rank = 1;
  h.article.id = evil;
  h.article.title = evil;
  h.article.source = evil;
  h.article.author = evil;
  h.article.date = evil;
  h.article.path = evil;
  h.title = {evil, {{0, 1}}};
  h.snippets = {{evil, {{2, 4}}}};
  SearchSummary s = summary(1);
  s.facets = {{"source", {{evil, 1}}}};
  for (bool color : {false, true}) {
    PrintOptions o;
    o.color = color;
    const std::string out = text(o, s, {h});
    for (std::size_t i = 0; i < out.size(); ++i) {
      const unsigned char c = static_cast<unsigned char>(out[i]);
      if (c == '\n') continue;
      ASSERT_FALSE(c < 0x20 && c != 0x1b) << "control byte " << int{c};
      ASSERT_NE(c, 0x7f);
      if (c == 0x1b) {
        ASSERT_TRUE(color);
        const std::string rest = out.substr(i, 7);
        EXPECT_TRUE(rest.starts_with("\x1b[0m") ||
                    rest.starts_with("\x1b[1m") ||
                    rest.starts_with("\x1b[1;31m") ||
                    rest.starts_with("\x1b[35m"))
            << rest;
      }
    }
    EXPECT_EQ(out.find("\xC2\x9B"), std::string::npos);      // C1 CSI
    EXPECT_EQ(out.find("\xE2\x80\xAE"), std::string::npos);  // RLO
  }
}

// Issue 14 item 1: the location line names a file; it is shown escaped,
// not with its control characters silently dropped.
TEST(TextPrinter, LocationIsEscapedNotChanged) {
  Hit h = bare_hit();
  h.article.title = "A title";
  h.article.path = "d/x\x1b]0;PWNED\x07.txt";
  h.article.id = h.article.path;
  EXPECT_EQ(text({}, summary(1), {h}),
            "1 match\n\n2. A title\n   d/x\\x1b]0;PWNED\\x07.txt\n");
}

// Issue 13 item 10: --show's text: labelled metadata, then the paragraphs
// wrapped to the width, "…" where --context left some out.
TEST(StoryText, MetadataThenParagraphsWithGaps) {
  Story s;
  s.article = full_hit().article;
  s.article.fields["place"] = {"usa", "uk"};
  s.title = {"Insurer-backed data exchange", {{15, 19}}};
  s.paragraph_count = 4;
  s.paragraphs = {{2, {"the patient data was shared with forty hospitals", {{4, 16}}}},
                  {3, {"Short one.", {}}}};
  PrintOptions o;
  o.width = 30;
  std::ostringstream out;
  print_story_text(s, o, out);
  EXPECT_EQ(out.str(),
            "Title:  Insurer-backed [data]\n"
            "        exchange\n"
            "Source: HealthTech Wire\n"
            "Author: Marta Elling\n"
            "Date:   2020-11-30T09:30:00Z\n"
            "URL:    https://example.test/a\n"
            "Path:   feeds/newswire.jsonl:2\n"
            "Id:     htw-2020-1130\n"
            "Tags:   payers, data sharing\n"
            "place:  usa, uk\n"
            "\n"
            "…\n"
            "\n"
            "the [patient data] was shared\n"
            "with forty hospitals\n"
            "\n"
            "Short one.\n"
            "\n"
            "…\n");
  // Every paragraph, in colour, not wrapped.
  s.paragraphs = {{1, {"one", {}}}, {2, {"two", {{0, 3}}}}};
  s.paragraph_count = 2;
  o.width = 0;
  o.color = true;
  std::ostringstream colour;
  print_story_text(s, o, colour);
  EXPECT_NE(colour.str().find("\n\none\n\n\x1b[1;31mtwo\x1b[0m\n"),
            std::string::npos)
      << colour.str();
  EXPECT_EQ(colour.str().find("…"), std::string::npos);
}

TEST(Location, UrlThenPathWithLineThenId) {
  Article a;
  a.id = "id-1";
  EXPECT_EQ(location(a), "id-1");
  a.path = "feed.jsonl";
  a.line = 7;
  EXPECT_EQ(location(a), "feed.jsonl:7");
  a.url = "https://x.test/";
  EXPECT_EQ(location(a), "https://x.test/");
}

// Issue 13 item 4: --format paths gives a place a script can open: the
// file, with its line for a record of JSON Lines, never the URL of a
// story that came from a file.
TEST(FileLocation, FileWithLineThenUrlThenId) {
  Article a;
  a.id = "id-1";
  EXPECT_EQ(file_location(a), "id-1");
  a.url = "https://x.test/";
  EXPECT_EQ(file_location(a), "https://x.test/");
  a.path = "/data/feed.jsonl";
  a.line = 7;
  EXPECT_EQ(file_location(a), "/data/feed.jsonl:7");
  a.line = 0;
  EXPECT_EQ(file_location(a), "/data/feed.jsonl");
  a.path = "-";  // standard input: no file to open
  a.line = 3;
  EXPECT_EQ(file_location(a), "https://x.test/");
  EXPECT_EQ(path_line(a), "-:3");
}

}  // namespace
}  // namespace lede::query
