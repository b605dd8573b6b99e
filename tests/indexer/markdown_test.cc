#include "indexer/markdown.h"

#include <gtest/gtest.h>

#include <string>
#include <vector>

namespace lede::indexer {
namespace {

using Strings = std::vector<std::string>;

// The entry for `key`, or a failure.
const FrontMatterEntry& entry(const FrontMatter& fm, const std::string& key) {
  for (const FrontMatterEntry& e : fm.entries) {
    if (e.key == key) return e;
  }
  ADD_FAILURE() << "no key " << key;
  static const FrontMatterEntry kNone;
  return kNone;
}

TEST(FrontMatter, ScalarsQuotedAndPlain) {
  const std::string text =
      "---\n"
      "title: \"AI: a year on\"\n"
      "author: 'O''Brien, Pat'\n"
      "date: 2024-03-05   # a comment\n"
      "source: Imaging Ledger\n"
      "url: https://x.example/a#frag\n"
      "empty:\n"
      "nothing: ~\n"
      "escaped: \"tab\\there \\\"quoted\\\" \\u00e9\"\n"
      "---\n"
      "Body.\n";
  const FrontMatter fm = parse_front_matter(text);
  ASSERT_TRUE(fm.present);
  EXPECT_EQ(text.substr(fm.body_offset), "Body.\n");
  EXPECT_EQ(entry(fm, "title").values, Strings{"AI: a year on"});
  EXPECT_EQ(entry(fm, "author").values, Strings{"O'Brien, Pat"});
  EXPECT_EQ(entry(fm, "date").values, Strings{"2024-03-05"});
  EXPECT_EQ(entry(fm, "source").values, Strings{"Imaging Ledger"});
  // '#' starts a comment only after a blank.
  EXPECT_EQ(entry(fm, "url").values, Strings{"https://x.example/a#frag"});
  EXPECT_EQ(entry(fm, "empty").values, Strings{});
  EXPECT_EQ(entry(fm, "nothing").values, Strings{});
  EXPECT_EQ(entry(fm, "escaped").values,
            Strings{"tab\there \"quoted\" \u00e9"});
  EXPECT_FALSE(entry(fm, "title").is_list);
}

TEST(FrontMatter, FlowAndBlockLists) {
  const FrontMatter fm = parse_front_matter(
      "---\n"
      "tags: [ai, \"online tracking\", 'a, b',  , radiology]\n"
      "keywords:\n"
      "  - ehr\n"
      "  - \"cures act\"\n"
      "-  unindented item\n"
      "authors:\n"
      "- One\n"
      "- Two\n"
      "nested:\n"
      "  name: skipped\n"
      "title: After\n"
      "...\n");
  ASSERT_TRUE(fm.present);
  EXPECT_EQ(entry(fm, "tags").values,
            (Strings{"ai", "online tracking", "a, b", "radiology"}));
  EXPECT_TRUE(entry(fm, "tags").is_list);
  EXPECT_EQ(entry(fm, "keywords").values,
            (Strings{"ehr", "cures act", "unindented item"}));
  EXPECT_TRUE(entry(fm, "keywords").is_list);
  EXPECT_EQ(entry(fm, "authors").values, (Strings{"One", "Two"}));
  EXPECT_EQ(entry(fm, "nested").values, Strings{});
  EXPECT_EQ(entry(fm, "title").values, Strings{"After"});
}

TEST(FrontMatter, BlockScalars) {
  const FrontMatter fm = parse_front_matter(
      "---\n"
      "title: >\n"
      "  A folded\n"
      "  title\n"
      "summary: |\n"
      "  line one\n"
      "  line two\n"
      "date: 2020-01-01\n"
      "---\n");
  ASSERT_TRUE(fm.present);
  EXPECT_EQ(entry(fm, "title").values, Strings{"A folded title"});
  EXPECT_EQ(entry(fm, "summary").values, Strings{"line one\nline two"});
  EXPECT_EQ(entry(fm, "date").values, Strings{"2020-01-01"});
}

TEST(FrontMatter, AbsentUnclosedOrAfterABom) {
  EXPECT_FALSE(parse_front_matter("# Just Markdown\n").present);
  EXPECT_EQ(parse_front_matter("# Just Markdown\n").body_offset, 0u);
  const FrontMatter unclosed = parse_front_matter("---\ntitle: x\nBody\n");
  EXPECT_FALSE(unclosed.present);
  EXPECT_EQ(unclosed.body_offset, 0u);
  EXPECT_TRUE(unclosed.entries.empty());
  const std::string bom = "\xEF\xBB\xBF---\r\ntitle: Win\r\n---\r\nBody";
  const FrontMatter fm = parse_front_matter(bom);
  EXPECT_TRUE(fm.present);
  EXPECT_EQ(entry(fm, "title").values, Strings{"Win"});
  EXPECT_EQ(bom.substr(fm.body_offset), "Body");
  EXPECT_EQ(parse_front_matter("\xEF\xBB\xBFPlain").body_offset, 3u);
}

struct TextCase {
  const char* name;
  const char* markdown;
  const char* text;
};

TEST(MarkdownToText, Rendering) {
  const TextCase cases[] = {
      {"emphasis and code marks go", "Some **bold**, _italic_ and `code` text.",
       "Some bold, italic and code "
       "text."},
      {"links and images give their text",
       "See [the ONC overview](https://healthit.gov/x) and ![a chart](c.png).",
       "See the ONC overview and a chart."},
      {"autolinks keep the address", "Mail <https://x.example>.",
       "Mail https://x.example."},
      {"headings become paragraphs", "# Title\n\n## Sub *head*\nText",
       "Title\n\nSub head\n\nText"},
      {"soft breaks join lines", "one\ntwo\nthree", "one two three"},
      {"hard breaks stay", "one  \ntwo\\\nthree", "one\ntwo\nthree"},
      {"list items one per line",
       "Intro:\n\n- first\n- **second**\n  continued\n\n1. one\n2. two\n\nEnd.",
       "Intro:\n\nfirst\nsecond continued\n\none\ntwo\n\nEnd."},
      {"loose lists too", "- a\n\n- b\n", "a\nb"},
      {"nested lists", "- a\n  - b\n- c", "a\nb\nc"},
      {"block quotes and rules", "> quoted\n> text\n\n---\n\nafter",
       "quoted text\n\nafter"},
      {"code blocks verbatim", "```\nx = 1\n  y = 2\n```\nafter",
       "x = 1\n  y = 2\n\nafter"},
      {"raw HTML blocks give their text",
       "<div class=\"note\">\n<b>Note</b> this\n</div>\n\nNext",
       "Note this\n\nNext"},
      {"inline HTML tags go", "a <span class=x>b</span> c", "a b c"},
      {"HTML comments go", "<!-- hidden -->\n\nShown", "Shown"},
      {"entities decoded", "caf&eacute; &amp; &#x4E2D;", "caf\u00e9 & \u4e2d"},
      {"backslash escapes", "\\*not emphasis\\*", "*not emphasis*"},
      {"empty", "", ""},
  };
  for (const TextCase& c : cases) {
    std::string heading;
    EXPECT_EQ(markdown_to_text(c.markdown, &heading), c.text) << c.name;
  }
}

TEST(MarkdownToText, FirstHeading) {
  std::string h;
  (void)markdown_to_text("Intro\n\n## Second level\n\n# The *Title*\n", &h);
  EXPECT_EQ(h, "The Title");
  (void)markdown_to_text("Setext Title\n============\n\nText", &h);
  EXPECT_EQ(h, "Setext Title");
  (void)markdown_to_text("### Only a small one\n", &h);
  EXPECT_EQ(h, "Only a small one");
  (void)markdown_to_text("No heading at all", &h);
  EXPECT_EQ(h, "");
  EXPECT_EQ(markdown_to_text("text", nullptr), "text");
}

}  // namespace
}  // namespace lede::indexer
