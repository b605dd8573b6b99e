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

// --- One input, what each format makes of it -----------------------------

// An article as "key=value" lines, empty fields left out, so that a
// failure shows which field differs.
std::string show(const Article& a) {
  std::string out;
  auto field = [&](const char* key, const std::string& value) {
    if (!value.empty()) out += std::string(key) + "=" + value + "\n";
  };
  field("id", a.id);
  field("title", a.title);
  field("body", a.body);
  field("author", a.author);
  std::string authors;
  for (const std::string& n : a.authors) {
    authors += (authors.empty() ? "" : "|") + n;
  }
  field("authors", authors);
  field("source", a.source);
  field("url", a.url);
  field("date", a.date);
  field("date_raw", a.date_raw);
  std::string tags;
  for (const std::string& t : a.tags) tags += (tags.empty() ? "" : "|") + t;
  field("tags", tags);
  field("path", a.path);
  if (a.line != 0) field("line", std::to_string(a.line));
  return out;
}

Strings show_all(const std::vector<Article>& articles) {
  Strings out;
  for (const Article& a : articles) out.push_back(show(a));
  return out;
}

// One input of one format, parsed whole: the articles it gives, field by
// field, and its problems.
struct ParseCase {
  const char* name;
  Format format;
  const char* file;  // its path and its id base
  std::string input;
  std::vector<Article> articles;
  Strings problems;  // as problems_of() shows them
  std::uint64_t invalid_utf8 = 0;
  FieldMap fields = {};
};

void PrintTo(const ParseCase& c, std::ostream* os) { *os << c.name; }

// One case a few lines: its name, format and file, the input, then the
// articles and problems (clang-format would give each a line of its own).
// The cases name only the Article fields they set; g++ 12 warns about the
// others (empty by design) even in designated initializers.
#pragma GCC diagnostic push
#pragma GCC diagnostic ignored "-Wmissing-field-initializers"
// clang-format off
const std::vector<ParseCase>& parse_cases() {
  static const std::vector<ParseCase> cases = {
      // Plain text.
      {"text_header_block", Format::kText, "x.txt",
       "Title: Mayo’s deals\nAuthor: Dave Pearson\nTags: ai, data\n\nBody "
       "one.\n\nBody two.\n",
       {{.id = "x.txt",
         .title = "Mayo’s deals",
         .body = "Body one.\n\nBody two.",
         .author = "Dave Pearson",
         .tags = {"ai", "data"},
         .path = "x.txt"}},
       {}},
      {"text_header_keys_any_case_all_known", Format::kText, "x.txt",
       "TITLE:  A  spaced   title\r\nby: Ann\r\ndate: June 3, 2019\r\n"
       "SOURCE: Wire\r\nURL: https://a.example/x\r\nkeywords: x , y,\r\n"
       "Id: story-1\r\n\r\nText.\r\n",
       {{.id = "story-1",
         .title = "A spaced title",
         .body = "Text.",
         .author = "Ann",
         .source = "Wire",
         .url = "https://a.example/x",
         .date = "2019-06-03",
         .date_raw = "June 3, 2019",
         .tags = {"x", "y"},
         .path = "x.txt"}},
       {}},
      {"text_no_header_first_short_line_is_title", Format::kText, "x",
       "A headline\n\nThe body.",
       {{.id = "x", .title = "A headline", .body = "The body.", .path = "x"}},
       {}},
      {"text_header_without_a_body", Format::kText, "t.txt",
       "Title: Only a title\n",
       {{.id = "t.txt", .title = "Only a title", .path = "t.txt"}},
       {}},
      {"text_unparsable_date_kept_raw", Format::kText, "d.txt",
       "Title: T\nDate: the other day\n\nBody",
       {{.id = "d.txt",
         .title = "T",
         .body = "Body",
         .date_raw = "the other day",
         .path = "d.txt"}},
       {}},
      {"text_invalid_utf8_replaced", Format::kText, "l.txt",
       "caf\xe9 au lait \xff\xfe",
       {{.id = "l.txt",
         .body = "caf\xEF\xBF\xBD au lait \xEF\xBF\xBD\xEF\xBF\xBD",
         .path = "l.txt"}},
       {"0: not valid UTF-8: 3 bytes replaced with U+FFFD (indexed anyway) "
        "[warning]"},
       3},
      // Issue 13 item 13: fields of the database's own were JSON only; a
      // "Place:" line ended the header block.
      {"text_header_user_fields", Format::kText, "p.txt",
       "Title: T\nPlace: usa, uk\nPEOPLE: Paul Volcker\n\nBody",
       {{.id = "p.txt",
         .title = "T",
         .body = "Body",
         .fields = {{"place", {"usa", "uk"}}, {"person", {"Paul Volcker"}}},
         .path = "p.txt"}},
       {},
       0,
       {{"place", "place"}, {"person", "people"}, {"title", "headline"}}},
      {"text_header_key_of_no_field_ends_the_block", Format::kText, "p.txt",
       "Title: T\nPlace: usa\n\nBody",
       {{.id = "p.txt",
         .body = "Title: T\nPlace: usa\n\nBody",
         .path = "p.txt"}},
       {},
       0,
       {{"person", "people"}}},
      // A user field's key may be longer than the built-in ones (at most
      // 20 bytes); a built-in key (Author) gives its value to both
      // fields.
      {"text_header_user_field_keys", Format::kText, "p.txt",
       "Title: T\nCountry Of The Dateline: uk\nAuthor: Ann Lee\n\nBody",
       {{.id = "p.txt",
         .title = "T",
         .body = "Body",
         .author = "Ann Lee",
         .fields = {{"dateline", {"uk"}}, {"writer", {"Ann Lee"}}},
         .path = "p.txt"}},
       {},
       0,
       {{"dateline", "country of the dateline"}, {"writer", "author"}}},
      {"text_empty", Format::kText, "e.txt", "", {},
       {"0: empty file [empty]"}},
      {"text_only_white_space", Format::kText, "e.txt", " \n\t\n", {},
       {"0: empty file [empty]"}},
      {"text_only_a_byte_order_mark", Format::kText, "e.txt",
       "\xEF\xBB\xBF\n", {}, {"0: empty file [empty]"}},

      // Markdown.
      {"markdown_front_matter_with_block_list", Format::kMarkdown, "a.md",
       "---\ntitle: \"AI: a year on\"\ndate: 2024-03-05\ntags:\n  - ai\n  - "
       "radiology\n---\n# Heading\nText.\n",
       {{.id = "a.md",
         .title = "AI: a year on",
         .body = "Heading\n\nText.",
         .date = "2024-03-05",
         .date_raw = "2024-03-05",
         .tags = {"ai", "radiology"},
         .path = "a.md"}},
       {}},
      {"markdown_every_front_matter_key", Format::kMarkdown, "a.md",
       "---\nheadline: H\nauthors: [A One, B Two]\npublished: 3 Jun 2019\n"
       "site: S\nlink: https://l.example\nkeywords: x, y\nid: md-1\n"
       "layout: post\n---\nBody **bold** and [a link](https://x.example).\n",
       {{.id = "md-1",
         .title = "H",
         .body = "Body bold and a link.",
         .author = "A One, B Two",
         .authors = {"A One", "B Two"},
         .source = "S",
         .url = "https://l.example",
         .date = "2019-06-03",
         .date_raw = "3 Jun 2019",
         .tags = {"x", "y"},
         .path = "a.md"}},
       {}},
      // A list of authors is several authors; one name (even with a comma)
      // is one (issue 13 item 13).
      {"markdown_author_list_is_several_authors", Format::kMarkdown, "a.md",
       "---\ntitle: T\nauthor:\n  - Ann Lee\n  - Bob Ray\n---\nText.\n",
       {{.id = "a.md",
         .title = "T",
         .body = "Text.",
         .author = "Ann Lee, Bob Ray",
         .authors = {"Ann Lee", "Bob Ray"},
         .path = "a.md"}},
       {}},
      {"markdown_one_author_with_a_comma_is_one", Format::kMarkdown, "a.md",
       "---\ntitle: T\nauthor: Lee, Ann\n---\nText.\n",
       {{.id = "a.md",
         .title = "T",
         .body = "Text.",
         .author = "Lee, Ann",
         .path = "a.md"}},
       {}},
      // A user field: a scalar is one item, a list its items, as in JSON.
      {"markdown_front_matter_user_fields", Format::kMarkdown, "p.md",
       "---\ntitle: T\nplace: [usa, uk]\nPeople: Lee, Ann\n---\nText.\n",
       {{.id = "p.md",
         .title = "T",
         .body = "Text.",
         .fields = {{"place", {"usa", "uk"}}, {"person", {"Lee, Ann"}}},
         .path = "p.md"}},
       {},
       0,
       {{"place", "place"}, {"person", "people"}}},
      // A scalar with commas is one item, as a JSON string is.
      {"markdown_front_matter_user_field_scalar", Format::kMarkdown, "p.md",
       "---\nplace: usa, uk\n---\nText.\n",
       {{.id = "p.md",
         .body = "Text.",
         .fields = {{"place", {"usa, uk"}}},
         .path = "p.md"}},
       {},
       0,
       {{"place", "place"}}},
      {"markdown_title_from_first_heading", Format::kMarkdown, "r.md",
       "Intro line\n\n# The Title\n\nText",
       {{.id = "r.md",
         .title = "The Title",
         .body = "Intro line\n\nThe Title\n\nText",
         .path = "r.md"}},
       {}},
      {"markdown_only_front_matter", Format::kMarkdown, "e.md",
       "---\nlayout: x\n---\n\n", {}, {"0: no title or text [empty]"}},

      // HTML.
      {"html_declared_legacy_charset_transcoded", Format::kHtml, "l.html",
       "<html><head><meta charset=\"iso-8859-1\"><title>Caf\xe9 \x93news\x94"
       "</title></head><body><p>Na\xefve r\xe9sum\xe9 \x80 5</p></body></html>",
       {{.id = "l.html",
         .title = "Caf\u00e9 \u201cnews\u201d",
         .body = "Na\u00efve r\u00e9sum\u00e9 \u20ac 5",
         .path = "l.html"}},
       {}},
      {"html_byte_order_mark_outranks_meta_charset", Format::kHtml, "b.html",
       "\xEF\xBB\xBF<meta charset=\"iso-8859-1\"><p>Caf\xC3\xA9</p>",
       {{.id = "b.html", .body = "Caf\u00e9", .path = "b.html"}},
       {}},
      {"html_unknown_charset_read_as_utf8", Format::kHtml, "k.html",
       "<meta charset=\"x-klingon\"><p>Qapla\xe9</p>",
       {{.id = "k.html", .body = "Qapla\xEF\xBF\xBD", .path = "k.html"}},
       {"0: unknown charset 'x-klingon' (read as UTF-8) [warning]",
        "0: not valid UTF-8: 1 byte replaced with U+FFFD (indexed anyway) "
        "[warning]"},
       1},
      {"html_page_without_text", Format::kHtml, "a.html",
       "<html><head><script>app()</script></head></html>", {},
       {"0: no title or text [empty]"}},

      // JSON Lines.
      {"jsonl_value_shapes", Format::kJsonl, "f.jsonl",
       "{\"id\": 42, \"title\": \"  Two\\n lines \", "
       "\"content\": [\"Para one.\", \"Para two.\"], "
       "\"date\": null, \"published\": \"3 Jun 2019\", "
       "\"source\": {\"id\": null, \"name\": \"BBC News\"}, "
       "\"author\": [{\"name\": \"A One\"}, \"B Two\"], "
       "\"urls\": [\"http://bbc.in/x\", \"http://y\"], "
       "\"topics\": \"earn, acq\", \"tags\": []}\n",
       {{.id = "42",
         .title = "Two lines",
         .body = "Para one.\n\nPara two.",
         .author = "A One, B Two",
         .authors = {"A One", "B Two"},
         .source = "BBC News",
         .url = "http://bbc.in/x",
         .date = "2019-06-03",
         .date_raw = "3 Jun 2019",
         .tags = {"earn", "acq"},
         .path = "f.jsonl",
         .line = 1}},
       {}},
      {"jsonl_author_array_is_several_authors", Format::kJsonl, "a.jsonl",
       "{\"title\":\"T\",\"authors\":[\"Ann Lee\",{\"name\":\"Bob Ray\"}]}\n"
       "{\"title\":\"U\",\"author\":\"Ann Lee\"}\n",
       {{.id = "a.jsonl:1",
         .title = "T",
         .author = "Ann Lee, Bob Ray",
         .authors = {"Ann Lee", "Bob Ray"},
         .path = "a.jsonl",
         .line = 1},
        {.id = "a.jsonl:2",
         .title = "U",
         .author = "Ann Lee",
         .path = "a.jsonl",
         .line = 2}},
       {}},
      // Reuters: BRIEF stories have a title and no text, UNPROC ones text
      // and no title.
      {"jsonl_title_only_and_text_only_lines", Format::kJsonl, "r.jsonl",
       "{\"id\":\"1\",\"title\":\"BRIEF ONE\",\"text\":\"\"}\n"
       "{\"id\":\"2\",\"title\":\"\",\"text\":\"unprocessed text\"}\n",
       {{.id = "1", .title = "BRIEF ONE", .path = "r.jsonl", .line = 1},
        {.id = "2", .body = "unprocessed text", .path = "r.jsonl", .line = 2}},
       {}},
      {"jsonl_invalid_utf8_repaired_per_line", Format::kJsonl, "f.jsonl",
       "{\"title\":\"ok\"}\n{\"title\":\"caf\xe9\"}\n",
       {{.id = "f.jsonl:1", .title = "ok", .path = "f.jsonl", .line = 1},
        {.id = "f.jsonl:2",
         .title = "caf\xEF\xBF\xBD",
         .path = "f.jsonl",
         .line = 2}},
       {"2: not valid UTF-8: 1 byte replaced with U+FFFD (indexed anyway) "
        "[warning]"},
       1},
      {"jsonl_byte_order_mark_and_crlf", Format::kJsonl, "f.jsonl",
       "\xEF\xBB\xBF{\"title\":\"a\"}\r\n{\"title\":\"b\"}\r\n",
       {{.id = "f.jsonl:1", .title = "a", .path = "f.jsonl", .line = 1},
        {.id = "f.jsonl:2", .title = "b", .path = "f.jsonl", .line = 2}},
       {}},
      {"jsonl_field_map_overrides_a_default", Format::kJsonl, "f",
       "{\"hed\":\"H\",\"text\":\"B\"}\n",
       {{.id = "f:1", .title = "H", .body = "B", .path = "f", .line = 1}},
       {},
       0,
       {{"title", "hed"}}},
      {"jsonl_field_map_replaces_the_defaults_and_takes_pointers",
       Format::kJsonl, "f",
       "{\"title\":\"ignored\",\"hed\":\"H\",\"byline\":{\"name\":\"N\"},"
       "\"meta\":{\"labels\":[\"a\",\"b\"]},\"uid\":7,\"when\":\"2020-01-02\","
       "\"body\":[\"first\",\"second\"]}\n"
       "{\"title\":\"only the default key\"}\n",
       {{.id = "7",
         .title = "H",
         .body = "first",
         .author = "N",
         .date = "2020-01-02",
         .date_raw = "2020-01-02",
         .tags = {"a", "b"},
         .path = "f",
         .line = 1}},
       {"2: no title or text (no key hed or /body/0)"},
       0,
       parse_field_map({"title=hed", "author=/byline/name", "tags=/meta/labels",
                        "id=uid", "date=when", "text=/body/0"})},

      // JSON, and each JSON shape under the other format's name.
      {"json_one_object_over_several_lines", Format::kJson, "one.json",
       "{\n  \"title\": \"Whole\",\n  \"text\": \"T\"\n}\n",
       {{.id = "one.json", .title = "Whole", .body = "T", .path = "one.json"}},
       {}},
      {"jsonl_one_object_over_several_lines", Format::kJsonl, "one.json",
       "{\n  \"title\": \"Whole\",\n  \"text\": \"T\"\n}\n",
       {{.id = "one.json", .title = "Whole", .body = "T", .path = "one.json"}},
       {}},
      {"jsonl_pretty_array", Format::kJsonl, "f.jsonl",
       "[\n  {\"title\": \"a\"},\n  {\"title\": \"b\"}\n]\n",
       {{.id = "f.jsonl#1", .title = "a", .path = "f.jsonl", .line = 2},
        {.id = "f.jsonl#2", .title = "b", .path = "f.jsonl", .line = 3}},
       {}},
      {"json_json_lines", Format::kJson, "f.json",
       "{\"title\":\"a\"}\n{\"title\":\"b\"}\n",
       {{.id = "f.json:1", .title = "a", .path = "f.json", .line = 1},
        {.id = "f.json:2", .title = "b", .path = "f.json", .line = 2}},
       {}},
  };
  // clang-format on
  return cases;
}
#pragma GCC diagnostic pop

class Parse : public ::testing::TestWithParam<ParseCase> {};

TEST_P(Parse, ArticlesFieldByFieldAndProblems) {
  const ParseCase& c = GetParam();
  const Parsed p = parse(c.input, c.format, c.file, c.file, c.fields);
  EXPECT_EQ(show_all(p.articles), show_all(c.articles));
  EXPECT_EQ(p.articles, c.articles);  // and nothing show() leaves out
  EXPECT_EQ(problems_of(p), c.problems);
  EXPECT_EQ(p.invalid_utf8, c.invalid_utf8);
  std::uint64_t replaced = 0;
  for (const Problem& pr : p.problems) replaced += pr.invalid_utf8;
  EXPECT_EQ(replaced, c.invalid_utf8);
}

INSTANTIATE_TEST_SUITE_P(Formats, Parse, ::testing::ValuesIn(parse_cases()),
                         [](const auto& info) {
                           return std::string(info.param.name);
                         });

// --- Plain text -----------------------------------------------------------

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

// --- Markdown -------------------------------------------------------------

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

TEST(ParseJson, ABrokenFirstLineDoesNotTurnJsonLinesIntoAnArray) {
  const Parsed p = parse("[broken\n{\"title\": \"a\"}\n{\"title\": \"b\"}\n",
                         Format::kJsonl, "f.jsonl", "f.jsonl");
  ASSERT_EQ(p.articles.size(), 2u);
  EXPECT_EQ(p.articles[0].id, "f.jsonl:2");
  ASSERT_EQ(p.problems.size(), 1u);
  EXPECT_EQ(p.problems[0].line, 1u);
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
