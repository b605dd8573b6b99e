#include "indexer/formats.h"

#include <gtest/gtest.h>

#include <filesystem>
#include <string>
#include <vector>

#include "common/error.h"
#include "indexer/corpus_walker.h"
#include "indexer/input_reader.h"
#include "tests/testutil/testutil.h"

namespace lede::indexer {
namespace {

namespace fs = std::filesystem;
using Strings = std::vector<std::string>;

// Problems as "LINE: message" (+ " [warning]" / " [empty]"), for comparing.
Strings problems_of(const Parsed& p) {
  Strings out;
  for (const Problem& pr : p.problems) {
    out.push_back(std::to_string(pr.line) + ": " + pr.message +
                  (pr.warning ? " [warning]" : "") +
                  (pr.empty ? " [empty]" : ""));
  }
  return out;
}

// --- Format names and detection -----------------------------------------

TEST(FormatName, RoundTripAndErrors) {
  for (Format f : {Format::kAuto, Format::kText, Format::kMarkdown,
                   Format::kHtml, Format::kJsonl, Format::kJson, Format::kSgml}) {
    EXPECT_EQ(parse_format_name(format_name(f)), f);
  }
  EXPECT_EQ(parse_format_name("md"), Format::kMarkdown);
  EXPECT_EQ(parse_format_name("txt"), Format::kText);
  EXPECT_EQ(parse_format_name("ndjson"), Format::kJsonl);
  EXPECT_THROW((void)parse_format_name("pdf"), UsageError);
  EXPECT_THROW((void)parse_format_name("HTML"), UsageError);
}

TEST(DetectFormat, ByExtensionThenContent) {
  struct Row {
    const char* path;
    const char* head;
    Format format;
  };
  const Row rows[] = {
      {"a/b.md", "", Format::kMarkdown},
      {"a/b.markdown", "", Format::kMarkdown},
      {"a/b.HTML", "", Format::kHtml},
      {"a/b.htm", "", Format::kHtml},
      {"feed.jsonl.gz", "", Format::kJsonl},
      {"feed.ndjson", "[1]", Format::kJsonl},
      {"dump.json", "  [ {\"a\":1} ]", Format::kJson},
      {"dump.json", "{\"a\":1}\n{\"a\":2}", Format::kJsonl},
      {"dump.JSON.GZ", "[]", Format::kJson},
      {"story.txt", "{\"a\":1}", Format::kText},
      {"story.txt.gz", "<html>", Format::kText},
      {"noext", "{\"a\":1}", Format::kJsonl},
      {"noext", "\xEF\xBB\xBF\n [\n {\"a\":1}]", Format::kJson},
      {"noext", "[see below] words", Format::kText},
      {"noext", "<!DOCTYPE html><html>", Format::kHtml},
      {"noext", "  <html lang=en>", Format::kHtml},
      {"noext", "<meta charset=utf-8><title>x</title>", Format::kHtml},
      {"noext", "<?xml version=\"1.0\"?>\n<html xmlns=\"...\">", Format::kHtml},
      {"feed.xml", "<?xml version=\"1.0\"?>\n<rss>", Format::kText},
      {"noext", "---\ntitle: x\n---\n", Format::kMarkdown},
      {"noext", "# A heading\n\nText", Format::kMarkdown},
      {"noext", "#hashtag news", Format::kText},
      {"noext", "Just words.", Format::kText},
      {"dir.md/readme", "Just words.", Format::kText},
      {"", "", Format::kText},
  };
  for (const Row& r : rows) {
    EXPECT_EQ(format_name(detect_format(r.path, r.head)), format_name(r.format))
        << r.path << " / " << r.head;
  }
}

// --- Plain text -----------------------------------------------------------

TEST(ParseText, HeaderBlock) {
  const Parsed p = parse(
      "Title: Mayo’s deals\nAuthor: Dave Pearson\nTags: ai, data\n\nBody "
      "one.\n\nBody two.\n",
      Format::kText, "x.txt", "x.txt");
  ASSERT_EQ(p.articles.size(), 1u);
  const Article& a = p.articles[0];
  EXPECT_EQ(a.title, "Mayo’s deals");
  EXPECT_EQ(a.author, "Dave Pearson");
  EXPECT_EQ(a.tags, (std::vector<std::string>{"ai", "data"}));
  EXPECT_EQ(a.body, "Body one.\n\nBody two.");
  EXPECT_EQ(a.id, "x.txt");
  EXPECT_EQ(a.path, "x.txt");
  EXPECT_EQ(a.line, 0u);
  EXPECT_TRUE(p.problems.empty());
}

TEST(ParseText, HeaderKeysAreCaseInsensitiveAndAllKnown) {
  const Parsed p = parse(
      "TITLE:  A  spaced   title\r\nby: Ann\r\ndate: June 3, 2019\r\n"
      "SOURCE: Wire\r\nURL: https://a.example/x\r\nkeywords: x , y,\r\n"
      "Id: story-1\r\n\r\nText.\r\n",
      Format::kText, "x.txt", "x.txt");
  ASSERT_EQ(p.articles.size(), 1u);
  const Article& a = p.articles[0];
  EXPECT_EQ(a.title, "A spaced title");
  EXPECT_EQ(a.author, "Ann");
  EXPECT_EQ(a.date_raw, "June 3, 2019");
  EXPECT_EQ(a.date, "2019-06-03");
  EXPECT_EQ(a.source, "Wire");
  EXPECT_EQ(a.url, "https://a.example/x");
  EXPECT_EQ(a.tags, (Strings{"x", "y"}));
  EXPECT_EQ(a.id, "story-1");
  EXPECT_EQ(a.body, "Text.");
}

TEST(ParseText, NoHeaderFirstShortLineIsTitle) {
  const Parsed p = parse("A headline\n\nThe body.", Format::kText, "x", "x");
  ASSERT_EQ(p.articles.size(), 1u);
  EXPECT_EQ(p.articles[0].title, "A headline");
  EXPECT_EQ(p.articles[0].body, "The body.");
}

TEST(ParseText, NoTitleWhenNothingLooksLikeOne) {
  // A long first line is body text; so is one not followed by a blank
  // line, or a "Key: value" line whose key is not a header key.
  const std::string long_line(250, 'w');
  for (const std::string& text :
       {long_line + "\n\nMore.", std::string("Line one\nline two\n\nMore."),
        std::string("Note: this is text\nMore."),
        std::string("One line only")}) {
    const Parsed p = parse(text, Format::kText, "x", "x");
    ASSERT_EQ(p.articles.size(), 1u);
    EXPECT_EQ(p.articles[0].title, "");
    EXPECT_EQ(p.articles[0].body, text);
  }
}

TEST(ParseText, HeaderWithoutABodyIsAnArticle) {
  const Parsed p =
      parse("Title: Only a title\n", Format::kText, "t.txt", "t.txt");
  ASSERT_EQ(p.articles.size(), 1u);
  EXPECT_EQ(p.articles[0].title, "Only a title");
  EXPECT_EQ(p.articles[0].body, "");
}

TEST(ParseText, EmptyFileIsAProblem) {
  for (const char* text : {"", " \n\t\n", "\xEF\xBB\xBF\n"}) {
    const Parsed p = parse(text, Format::kText, "e.txt", "e.txt");
    EXPECT_TRUE(p.articles.empty());
    EXPECT_EQ(problems_of(p), Strings{"0: empty file [empty]"});
  }
}

TEST(ParseText, InvalidUtf8IsReplacedAndReported) {
  const Parsed p =
      parse("caf\xe9 au lait \xff\xfe", Format::kText, "l.txt", "l.txt");
  ASSERT_EQ(p.articles.size(), 1u);
  EXPECT_EQ(p.articles[0].body,
            "caf\xEF\xBF\xBD au lait \xEF\xBF\xBD\xEF\xBF\xBD");
  EXPECT_EQ(problems_of(p),
            Strings{"0: not valid UTF-8: 3 bytes replaced with U+FFFD "
                    "(indexed anyway) [warning]"});
  EXPECT_EQ(p.invalid_utf8, 3u);
  EXPECT_EQ(p.problems[0].invalid_utf8, 3u);
}

TEST(ParseText, UnparsableDateIsKeptRawWithoutAProblem) {
  const Parsed p = parse("Title: T\nDate: the other day\n\nBody", Format::kText,
                         "d.txt", "d.txt");
  ASSERT_EQ(p.articles.size(), 1u);
  EXPECT_EQ(p.articles[0].date_raw, "the other day");
  EXPECT_EQ(p.articles[0].date, "");
  EXPECT_TRUE(p.problems.empty());
}

// --- Markdown -------------------------------------------------------------

TEST(ParseMarkdown, FrontMatterWithBlockList) {
  const Parsed p = parse(
      "---\ntitle: \"AI: a year on\"\ndate: 2024-03-05\ntags:\n  - ai\n  - "
      "radiology\n---\n# Heading\nText.\n",
      Format::kMarkdown, "a.md", "a.md");
  ASSERT_EQ(p.articles.size(), 1u);
  EXPECT_EQ(p.articles[0].title, "AI: a year on");
  EXPECT_EQ(p.articles[0].date_raw, "2024-03-05");
  EXPECT_EQ(p.articles[0].date, "2024-03-05");
  EXPECT_EQ(p.articles[0].tags, (std::vector<std::string>{"ai", "radiology"}));
  EXPECT_EQ(p.articles[0].body, "Heading\n\nText.");
}

TEST(ParseMarkdown, EveryFrontMatterKey) {
  const Parsed p = parse(
      "---\nheadline: H\nauthors: [A One, B Two]\npublished: 3 Jun 2019\n"
      "site: S\nlink: https://l.example\nkeywords: x, y\nid: md-1\n"
      "layout: post\n---\nBody **bold** and [a link](https://x.example).\n",
      Format::kMarkdown, "a.md", "a.md");
  ASSERT_EQ(p.articles.size(), 1u);
  const Article& a = p.articles[0];
  EXPECT_EQ(a.title, "H");
  EXPECT_EQ(a.author, "A One, B Two");
  EXPECT_EQ(a.authors, (Strings{"A One", "B Two"}));
  EXPECT_EQ(a.date, "2019-06-03");
  EXPECT_EQ(a.source, "S");
  EXPECT_EQ(a.url, "https://l.example");
  EXPECT_EQ(a.tags, (Strings{"x", "y"}));
  EXPECT_EQ(a.id, "md-1");
  EXPECT_EQ(a.body, "Body bold and a link.");
}

// A list of authors is several authors; one name (even with a comma) is one
// (issue 13 item 13).
TEST(ParseMarkdown, AuthorListIsSeveralAuthors) {
  const Parsed list = parse("---\ntitle: T\nauthor:\n  - Ann Lee\n  - Bob Ray\n"
                            "---\nText.\n",
                            Format::kMarkdown, "a.md", "a.md");
  ASSERT_EQ(list.articles.size(), 1u);
  EXPECT_EQ(list.articles[0].author, "Ann Lee, Bob Ray");
  EXPECT_EQ(list.articles[0].authors, (Strings{"Ann Lee", "Bob Ray"}));
  const Parsed one = parse("---\ntitle: T\nauthor: Lee, Ann\n---\nText.\n",
                           Format::kMarkdown, "a.md", "a.md");
  ASSERT_EQ(one.articles.size(), 1u);
  EXPECT_EQ(one.articles[0].author, "Lee, Ann");
  EXPECT_TRUE(one.articles[0].authors.empty());
  const Parsed json = parse(
      "{\"title\":\"T\",\"authors\":[\"Ann Lee\",{\"name\":\"Bob Ray\"}]}\n"
      "{\"title\":\"U\",\"author\":\"Ann Lee\"}\n",
      Format::kJsonl, "a.jsonl", "a.jsonl");
  ASSERT_EQ(json.articles.size(), 2u);
  EXPECT_EQ(json.articles[0].author, "Ann Lee, Bob Ray");
  EXPECT_EQ(json.articles[0].authors, (Strings{"Ann Lee", "Bob Ray"}));
  EXPECT_TRUE(json.articles[1].authors.empty());
}

TEST(ParseMarkdown, TitleFromTheFirstHeadingWithoutFrontMatter) {
  const Parsed p = parse("Intro line\n\n# The Title\n\nText", Format::kMarkdown,
                         "r.md", "r.md");
  ASSERT_EQ(p.articles.size(), 1u);
  EXPECT_EQ(p.articles[0].title, "The Title");
  EXPECT_EQ(p.articles[0].body, "Intro line\n\nThe Title\n\nText");
}

TEST(ParseMarkdown, SampleFiles) {
  const fs::path root = lede::testing::sample_corpus();
  const Parsed p = parse(
      lede::testing::read_file(root / "2020/info-blocking-final-rules.md"),
      Format::kAuto, "info.md", "info.md");
  ASSERT_EQ(p.articles.size(), 1u);
  const Article& a = p.articles[0];
  EXPECT_EQ(a.title,
            "Info blocking rules arrive: what EHR vendors must change");
  EXPECT_EQ(a.tags, (Strings{"ehr", "interoperability", "cures act"}));
  EXPECT_EQ(a.body.find("**"), std::string::npos);
  EXPECT_EQ(a.body.find("]("), std::string::npos);
  EXPECT_EQ(a.body.find("\n- "), std::string::npos);
  EXPECT_NE(a.body.find("\nKey requirements\n\nCertified EHRs must support"),
            std::string::npos);
  EXPECT_NE(a.body.find("Read the ONC overview for details."),
            std::string::npos);

  const Parsed pixels = parse(
      lede::testing::read_file(root / "2022/hhs-tracking-pixels-guidance.md"),
      Format::kMarkdown, "p.md", "p.md");
  ASSERT_EQ(pixels.articles.size(), 1u);
  EXPECT_EQ(pixels.articles[0].date, "2022-12-16T16:20:00Z");
  EXPECT_EQ(pixels.articles[0].tags,
            (Strings{"hipaa", "privacy", "online tracking"}));
}

TEST(ParseMarkdown, OnlyFrontMatterIsEmpty) {
  const Parsed p =
      parse("---\nlayout: x\n---\n\n", Format::kMarkdown, "e.md", "e.md");
  EXPECT_TRUE(p.articles.empty());
  EXPECT_EQ(problems_of(p), Strings{"0: no title or text [empty]"});
}

// --- HTML -----------------------------------------------------------------

TEST(ParseHtmlFormat, SamplePageToArticle) {
  const fs::path page = fs::path(lede::testing::sample_corpus()) /
                        "intl/es-hospitales-datos-ia.html";
  const Parsed p = parse(lede::testing::read_file(page), Format::kAuto,
                         page.string(), "intl/es-hospitales-datos-ia.html");
  ASSERT_EQ(p.articles.size(), 1u);
  const Article& a = p.articles[0];
  EXPECT_EQ(a.id, "intl/es-hospitales-datos-ia.html");
  EXPECT_EQ(a.path, page.string());
  EXPECT_EQ(a.author, "Luc\u00eda Ferrer");
  EXPECT_EQ(a.date, "2024-06-11T06:00:00Z");
  EXPECT_NE(a.body.find("durante un caf\u00e9 entre"), std::string::npos);
  EXPECT_NE(a.body.find("\u00abToda la informaci\u00f3n"), std::string::npos);
}

TEST(ParseHtmlFormat, DeclaredLegacyCharsetIsTranscoded) {
  const Parsed p = parse(
      "<html><head><meta charset=\"iso-8859-1\"><title>Caf\xe9 \x93news\x94"
      "</title></head><body><p>Na\xefve r\xe9sum\xe9 \x80 5</p></body></html>",
      Format::kHtml, "l.html", "l.html");
  ASSERT_EQ(p.articles.size(), 1u);
  EXPECT_EQ(p.articles[0].title, "Caf\u00e9 \u201cnews\u201d");
  EXPECT_EQ(p.articles[0].body, "Na\u00efve r\u00e9sum\u00e9 \u20ac 5");
  EXPECT_TRUE(p.problems.empty());
}

TEST(ParseHtmlFormat, AByteOrderMarkOutranksMetaCharset) {
  const Parsed p =
      parse("\xEF\xBB\xBF<meta charset=\"iso-8859-1\"><p>Caf\xC3\xA9</p>",
            Format::kHtml, "b.html", "b.html");
  ASSERT_EQ(p.articles.size(), 1u);
  EXPECT_EQ(p.articles[0].body, "Caf\u00e9");
}

TEST(ParseHtmlFormat, UnknownCharsetIsReadAsUtf8WithAWarning) {
  const Parsed p = parse("<meta charset=\"x-klingon\"><p>Qapla\xe9</p>",
                         Format::kHtml, "k.html", "k.html");
  ASSERT_EQ(p.articles.size(), 1u);
  EXPECT_EQ(p.articles[0].body, "Qapla\xEF\xBF\xBD");
  EXPECT_EQ(problems_of(p),
            (Strings{"0: unknown charset 'x-klingon' (read as UTF-8) [warning]",
                     "0: not valid UTF-8: 1 byte replaced with U+FFFD "
                     "(indexed anyway) [warning]"}));
}

TEST(ParseHtmlFormat, PageWithoutTextIsEmpty) {
  const Parsed p = parse("<html><head><script>app()</script></head></html>",
                         Format::kHtml, "a.html", "a.html");
  EXPECT_TRUE(p.articles.empty());
  EXPECT_EQ(problems_of(p), Strings{"0: no title or text [empty]"});
}

// --- JSON Lines -------------------------------------------------------------

TEST(ParseJsonl, DefaultKeysAndBadLines) {
  const Parsed p = parse(
      "{\"id\":\"1\",\"headline\":\"H\",\"body\":\"B\",\"published_at\":\"2024-"
      "01-02\",\"tags\":[\"x\"]}\n"
      "not json\n"
      "{\"id\":\"3\",\"title\":\"\"}\n"
      "{\"title\":\"T\",\"text\":\"X\",\"author\":null}\n",
      Format::kJsonl, "f.jsonl", "f.jsonl");
  ASSERT_EQ(p.articles.size(), 2u);
  EXPECT_EQ(p.articles[0].id, "1");
  EXPECT_EQ(p.articles[0].title, "H");
  EXPECT_EQ(p.articles[0].body, "B");
  EXPECT_EQ(p.articles[0].date_raw, "2024-01-02");
  EXPECT_EQ(p.articles[0].line, 1u);
  EXPECT_EQ(p.articles[1].id, "f.jsonl:4");
  EXPECT_EQ(p.articles[1].line, 4u);
  EXPECT_EQ(p.articles[1].author, "");
  EXPECT_EQ(problems_of(p),
            (Strings{"2: not valid JSON at column 2: invalid literal",
                     "3: no title or text [empty]"}));
}

TEST(ParseJsonl, ProblemMessages) {
  const Parsed p = parse(
      "[1, 2]\n"
      "\"just a string\"\n"
      "{\"title\": \"unterminated}\n"
      "{\"headline\": \"ok\"} trailing\n"
      "{\"name\": \"no known keys\"}\n"
      "\n"
      "   \n"
      "{\"title\": \"fine\"}\n",
      Format::kJsonl, "f.jsonl", "f.jsonl");
  ASSERT_EQ(p.articles.size(), 1u);
  EXPECT_EQ(p.articles[0].line, 8u);
  EXPECT_EQ(
      problems_of(p),
      (Strings{"1: not a JSON object (found array)",
               "2: not a JSON object (found string)",
               // nlohmann's lexer's words, column of the last byte read.
               "3: not valid JSON at column 25: invalid string: missing "
               "closing quote",
               "4: not valid JSON at column 22: invalid literal",
               "5: no title or text (no key title, headline, text, body or "
               "content; see --field)"}));
}

// Found by tests/fuzz/fuzz_formats.cc: a number too large for a double
// threw nlohmann's out_of_range, which ended the whole run.
TEST(ParseJsonl, NumberOutOfRangeIsABadLineNotACrash) {
  const Parsed p = parse("{\"title\": \"a\", \"n\": 8E99999}\n{\"title\": \"b\"}\n",
                         Format::kJsonl, "f.jsonl", "f.jsonl");
  ASSERT_EQ(p.articles.size(), 1u);
  EXPECT_EQ(p.articles[0].title, "b");
  ASSERT_EQ(p.problems.size(), 1u);
  EXPECT_EQ(p.problems[0].line, 1u);
  EXPECT_NE(p.problems[0].message.find("number overflow"), std::string::npos)
      << p.problems[0].message;
}

TEST(ParseJsonl, ValueShapes) {
  const Parsed p = parse(
      "{\"id\": 42, \"title\": \"  Two\\n lines \", "
      "\"content\": [\"Para one.\", \"Para two.\"], "
      "\"date\": null, \"published\": \"3 Jun 2019\", "
      "\"source\": {\"id\": null, \"name\": \"BBC News\"}, "
      "\"author\": [{\"name\": \"A One\"}, \"B Two\"], "
      "\"urls\": [\"http://bbc.in/x\", \"http://y\"], "
      "\"topics\": \"earn, acq\", \"tags\": []}\n",
      Format::kJsonl, "f.jsonl", "f.jsonl");
  ASSERT_EQ(p.articles.size(), 1u);
  const Article& a = p.articles[0];
  EXPECT_EQ(a.id, "42");
  EXPECT_EQ(a.title, "Two lines");
  EXPECT_EQ(a.body, "Para one.\n\nPara two.");
  EXPECT_EQ(a.date_raw, "3 Jun 2019");
  EXPECT_EQ(a.date, "2019-06-03");
  EXPECT_EQ(a.source, "BBC News");
  EXPECT_EQ(a.author, "A One, B Two");
  EXPECT_EQ(a.url, "http://bbc.in/x");
  EXPECT_EQ(a.tags, (Strings{"earn", "acq"}));
}

TEST(ParseJsonl, TitleOnlyAndTextOnlyLinesAreArticles) {
  // Reuters: BRIEF stories have a title and no text, UNPROC ones text and
  // no title.
  const Parsed p = parse(
      "{\"id\":\"1\",\"title\":\"BRIEF ONE\",\"text\":\"\"}\n"
      "{\"id\":\"2\",\"title\":\"\",\"text\":\"unprocessed text\"}\n",
      Format::kJsonl, "r.jsonl", "r.jsonl");
  ASSERT_EQ(p.articles.size(), 2u);
  EXPECT_TRUE(p.problems.empty());
}

TEST(ParseJsonl, InvalidUtf8IsRepairedPerLine) {
  const Parsed p = parse("{\"title\":\"ok\"}\n{\"title\":\"caf\xe9\"}\n",
                         Format::kJsonl, "f.jsonl", "f.jsonl");
  ASSERT_EQ(p.articles.size(), 2u);
  EXPECT_EQ(p.articles[1].title, "caf\xEF\xBF\xBD");
  EXPECT_EQ(problems_of(p),
            Strings{"2: not valid UTF-8: 1 byte replaced with U+FFFD "
                    "(indexed anyway) [warning]"});
  EXPECT_EQ(p.invalid_utf8, 1u);
}

TEST(ParseJsonl, ByteOrderMarkAndCrLf) {
  const Parsed p =
      parse("\xEF\xBB\xBF{\"title\":\"a\"}\r\n{\"title\":\"b\"}\r\n",
            Format::kJsonl, "f.jsonl", "f.jsonl");
  ASSERT_EQ(p.articles.size(), 2u);
  EXPECT_TRUE(p.problems.empty());
}

TEST(ParseJsonl, FieldMapOverridesDefaults) {
  const Parsed p = parse("{\"hed\":\"H\",\"text\":\"B\"}\n", Format::kJsonl,
                         "f", "f", {{"title", "hed"}});
  ASSERT_EQ(p.articles.size(), 1u);
  EXPECT_EQ(p.articles[0].title, "H");
}

TEST(ParseJsonl, FieldMapReplacesTheDefaultsAndTakesPointers) {
  const FieldMap fields =
      parse_field_map({"title=hed", "author=/byline/name", "tags=/meta/labels",
                       "id=uid", "date=when", "text=/body/0"});
  const Parsed p = parse(
      "{\"title\":\"ignored\",\"hed\":\"H\",\"byline\":{\"name\":\"N\"},"
      "\"meta\":{\"labels\":[\"a\",\"b\"]},\"uid\":7,\"when\":\"2020-01-02\","
      "\"body\":[\"first\",\"second\"]}\n"
      "{\"title\":\"only the default key\"}\n",
      Format::kJsonl, "f", "f", fields);
  ASSERT_EQ(p.articles.size(), 1u);
  const Article& a = p.articles[0];
  EXPECT_EQ(a.title, "H");
  EXPECT_EQ(a.author, "N");
  EXPECT_EQ(a.tags, (Strings{"a", "b"}));
  EXPECT_EQ(a.id, "7");
  EXPECT_EQ(a.date, "2020-01-02");
  EXPECT_EQ(a.body, "first");
  EXPECT_EQ(problems_of(p),
            Strings{"2: no title or text (no key hed or /body/0)"});
}

TEST(ParseFieldMap, Errors) {
  EXPECT_EQ(parse_field_map({"title=a", "title=b"}).at("title"), "b");
  for (const char* bad :
       {"title", "headline=title", "=x", "title=", "author=/a~2b",
        "Place=places", "place2=x", "tag=x", "src=x", "topics=places"}) {
    EXPECT_THROW((void)parse_field_map({bad}), UsageError) << bad;
  }
}

// A NAME that is not built in defines a field of its own (issue 13 item
// 13): a string is one item, an array its items.
TEST(ParseJsonl, FieldsOfTheirOwn) {
  const FieldMap fields =
      parse_field_map({"place=places", "person=/meta/people", "title=hed"});
  EXPECT_EQ(user_fields_of(fields),
            (std::vector<UserField>{{"person", "/meta/people"},
                                    {"place", "places"}}));
  const Parsed p = parse(
      "{\"hed\":\"H\",\"places\":[\"usa\",\"el-salvador\",\"\"],"
      "\"meta\":{\"people\":\"Paul  Volcker\"}}\n"
      "{\"hed\":\"I\",\"places\":[]}\n",
      Format::kJsonl, "f", "f", fields);
  ASSERT_EQ(p.articles.size(), 2u);
  EXPECT_EQ(p.articles[0].fields.at("place"), (Strings{"usa", "el-salvador"}));
  EXPECT_EQ(p.articles[0].fields.at("person"), Strings{"Paul Volcker"});
  EXPECT_TRUE(p.articles[1].fields.at("place").empty());
  EXPECT_TRUE(p.articles[1].fields.at("person").empty());
}

TEST(ParseJsonl, StreamingMatchesCollecting) {
  const std::string text =
      "{\"title\":\"a\"}\nbad\n{\"title\":\"b\"}\n{\"x\":1}\n{\"title\":\"c\"}"
      "\n";
  Strings events;
  parse(
      text, Format::kJsonl, "f", "f", {},
      [&](Article&& a) { events.push_back("article " + a.title); },
      [&](Problem&& p) {
        events.push_back("problem " + std::to_string(p.line));
      });
  EXPECT_EQ(events, (Strings{"article a", "problem 2", "article b", "problem 4",
                             "article c"}));
  const Parsed p = parse(text, Format::kJsonl, "f", "f");
  EXPECT_EQ(p.articles.size(), 3u);
  EXPECT_EQ(p.problems.size(), 2u);
}

// --- JSON -------------------------------------------------------------------

TEST(ParseJson, ArrayOfObjects) {
  const Parsed p = parse(
      "[\n"
      "  {\"title\": \"one\", \"text\": \"with ] and } and \\\" inside\"},\n"
      "  {\"id\": \"x2\",\n"
      "   \"title\": \"two\"},\n"
      "  \"not an object\",\n"
      "  {\"title\": tru},\n"
      "  {\"title\": \"five\"}\n"
      "]\n",
      Format::kAuto, "dump.json", "dump.json");
  ASSERT_EQ(p.articles.size(), 3u);
  EXPECT_EQ(p.articles[0].id, "dump.json#1");
  EXPECT_EQ(p.articles[0].line, 2u);
  EXPECT_EQ(p.articles[0].body, "with ] and } and \" inside");
  EXPECT_EQ(p.articles[1].id, "x2");
  EXPECT_EQ(p.articles[1].line, 3u);
  EXPECT_EQ(p.articles[2].id, "dump.json#5");
  EXPECT_EQ(p.articles[2].line, 7u);
  EXPECT_EQ(problems_of(p), (Strings{"5: not a JSON object (found string)",
                                     "6: not valid JSON: invalid literal"}));
}

TEST(ParseJson, ArraySyntaxProblems) {
  EXPECT_EQ(problems_of(parse("[]", Format::kJson, "a.json", "a.json")),
            Strings{"0: empty JSON array"});
  const Parsed unclosed =
      parse("[{\"title\":\"a\"},\n{\"title\":\"b\"", Format::kJson, "a", "a");
  EXPECT_EQ(unclosed.articles.size(), 1u);
  EXPECT_EQ(problems_of(unclosed),
            Strings{"2: not valid JSON: unexpected end of input (the array "
                    "is not closed)"});
  const Parsed trailing =
      parse("[{\"title\":\"a\"}]\n[]", Format::kJson, "a", "a");
  EXPECT_EQ(trailing.articles.size(), 1u);
  EXPECT_EQ(problems_of(trailing),
            Strings{"2: not valid JSON: unexpected text after the array"});
  EXPECT_EQ(problems_of(parse("[{\"title\":\"a\"},,{\"title\":\"b\"}]",
                              Format::kJson, "a", "a")),
            Strings{"1: not valid JSON: missing value in the array"});
}

TEST(ParseJson, OneObjectOverSeveralLinesIsOneArticle) {
  for (Format f : {Format::kJson, Format::kJsonl}) {
    const Parsed p = parse("{\n  \"title\": \"Whole\",\n  \"text\": \"T\"\n}\n",
                           f, "one.json", "one.json");
    ASSERT_EQ(p.articles.size(), 1u) << format_name(f);
    EXPECT_EQ(p.articles[0].id, "one.json");
    EXPECT_EQ(p.articles[0].line, 0u);
    EXPECT_TRUE(p.problems.empty());
  }
}

TEST(ParseJson, PrettyArrayUnderTheJsonLinesFormat) {
  const Parsed p = parse("[\n  {\"title\": \"a\"},\n  {\"title\": \"b\"}\n]\n",
                         Format::kJsonl, "f.jsonl", "f.jsonl");
  ASSERT_EQ(p.articles.size(), 2u);
  EXPECT_EQ(p.articles[1].id, "f.jsonl#2");
  EXPECT_TRUE(p.problems.empty());
}

TEST(ParseJson, ABrokenFirstLineDoesNotTurnJsonLinesIntoAnArray) {
  const Parsed p = parse("[broken\n{\"title\": \"a\"}\n{\"title\": \"b\"}\n",
                         Format::kJsonl, "f.jsonl", "f.jsonl");
  ASSERT_EQ(p.articles.size(), 2u);
  EXPECT_EQ(p.articles[0].id, "f.jsonl:2");
  ASSERT_EQ(p.problems.size(), 1u);
  EXPECT_EQ(p.problems[0].line, 1u);
}

TEST(ParseJson, JsonLinesUnderTheJsonFormat) {
  const Parsed p = parse("{\"title\":\"a\"}\n{\"title\":\"b\"}\n",
                         Format::kJson, "f.json", "f.json");
  ASSERT_EQ(p.articles.size(), 2u);
  EXPECT_EQ(p.articles[1].id, "f.json:2");
}

// --- Whole inputs
// -------------------------------------------------------------

TEST(ParseInputs, GzipFixtureEndToEnd) {
  const std::string path =
      std::string(LEDE_SOURCE_DIR) + "/tests/indexer/fixtures/gz/story.txt.gz";
  const ReadOutcome r = read_input(path, kDefaultMaxFileSize);
  ASSERT_EQ(r.error, "");
  const Parsed p = parse(r.bytes, Format::kAuto, path, "story.txt.gz");
  ASSERT_EQ(p.articles.size(), 1u);
  EXPECT_EQ(p.articles[0].title, "Compressed story");
  EXPECT_EQ(p.articles[0].date, "2024-03-05");
}

TEST(ParseInputs, TheWholeSampleCorpus) {
  // 35 stories in 30 files (README.md aside): see sample_corpus/README.md.
  WalkOptions o;
  o.exclude = {"README.md"};
  std::size_t files = 0, articles = 0, with_date = 0;
  Strings problems;
  walk(
      {lede::testing::sample_corpus()}, o,
      [&](const InputFile& f) {
        ++files;
        const ReadOutcome r = read_input(f.path, kDefaultMaxFileSize);
        ASSERT_EQ(r.error, "") << f.path;
        const Parsed p = parse(r.bytes, Format::kAuto, f.path, f.id_base);
        for (const Article& a : p.articles) {
          ++articles;
          if (!a.date.empty()) ++with_date;
          EXPECT_FALSE(a.body.empty()) << a.id;
        }
        for (const std::string& pr : problems_of(p)) {
          problems.push_back(f.id_base + ":" + pr);
        }
      },
      [&](const WalkProblem& p) { ADD_FAILURE() << p.path << p.message; });
  EXPECT_EQ(files, 30u);
  EXPECT_EQ(articles, 35u);
  // All but the seed and the header-less file have a date.
  EXPECT_EQ(with_date, 33u);
  EXPECT_EQ(problems,
            (Strings{"empty.txt:0: empty file [empty]",
                     "latin1-not-utf8.txt:0: not valid UTF-8: 28 bytes "
                     "replaced with U+FFFD (indexed anyway) [warning]"}));
}

// The two shared corpora must index with no options. Each line is one
// story; every story gets an id and a parsed date.
void check_shared_corpus(const std::string& rel, std::size_t lines,
                         std::size_t articles, const Strings& problems) {
  const std::string dir = lede::testing::shared_corpora_dir();
  if (dir.empty()) GTEST_SKIP() << "../shared/corpora is not here";
  const std::string path = dir + "/" + rel;
  if (!fs::exists(path)) GTEST_SKIP() << path << " is not here";
  const ReadOutcome r = read_input(path, kDefaultMaxFileSize);
  ASSERT_EQ(r.error, "");
  EXPECT_EQ(detect_format(path, r.bytes), Format::kJsonl);
  std::size_t n = 0, no_id = 0, no_date = 0, last_line = 0;
  Strings seen;
  parse(
      r.bytes, Format::kAuto, path, rel, {},
      [&](Article&& a) {
        ++n;
        if (a.id.empty()) ++no_id;
        if (a.date.empty()) ++no_date;
        last_line = a.line;
      },
      [&](Problem&& p) {
        seen.push_back(std::to_string(p.line) + ": " + p.message +
                       (p.empty ? " [empty]" : ""));
      });
  EXPECT_EQ(n, articles);
  EXPECT_EQ(no_id, 0u);
  EXPECT_EQ(no_date, 0u);
  EXPECT_EQ(last_line, lines);
  EXPECT_EQ(seen, problems);
}

TEST(SharedCorpora, Reuters21578) {
  // 21,578 stories; NEWID 12793 (line 12793) is empty in the original SGML
  // (an UNPROC story whose <TEXT> holds only a control character), so it
  // is reported and skipped: 21,577 articles.
  check_shared_corpus("reuters21578/reuters21578.jsonl", 21578, 21577,
                      {"12793: no title or text [empty]"});
}

TEST(SharedCorpora, HealthNewsTweets) {
  check_shared_corpus("health-news-tweets/health_tweets.jsonl", 63326, 63326,
                      {});
}

}  // namespace
}  // namespace lede::indexer
