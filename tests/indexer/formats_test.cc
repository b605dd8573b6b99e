#include "indexer/formats.h"

#include <gtest/gtest.h>

namespace lede::indexer {
namespace {

TEST(DetectFormat, ByExtensionThenContent) {
  EXPECT_EQ(detect_format("a/b.md", ""), Format::kMarkdown);
  EXPECT_EQ(detect_format("a/b.HTML", ""), Format::kHtml);
  EXPECT_EQ(detect_format("feed.jsonl.gz", ""), Format::kJsonl);
  EXPECT_EQ(detect_format("story.txt", "{\"a\":1}"), Format::kText);
  EXPECT_EQ(detect_format("noext", "{\"a\":1}"), Format::kJsonl);
  EXPECT_EQ(detect_format("noext", "<!DOCTYPE html><html>"), Format::kHtml);
  EXPECT_EQ(detect_format("noext", "---\ntitle: x\n---\n"), Format::kMarkdown);
  EXPECT_EQ(detect_format("noext", "Just words."), Format::kText);
}

TEST(ParseText, HeaderBlock) {
  const Parsed p = parse(
      "Title: Mayo’s deals\nAuthor: Dave Pearson\nTags: ai, data\n\nBody one.\n\nBody two.\n",
      Format::kText, "x.txt", "x.txt");
  ASSERT_EQ(p.articles.size(), 1u);
  const Article& a = p.articles[0];
  EXPECT_EQ(a.title, "Mayo’s deals");
  EXPECT_EQ(a.author, "Dave Pearson");
  EXPECT_EQ(a.tags, (std::vector<std::string>{"ai", "data"}));
  EXPECT_EQ(a.body, "Body one.\n\nBody two.");
  EXPECT_EQ(a.id, "x.txt");
  EXPECT_EQ(a.path, "x.txt");
}

TEST(ParseText, NoHeaderFirstShortLineIsTitle) {
  const Parsed p = parse("A headline\n\nThe body.", Format::kText, "x", "x");
  ASSERT_EQ(p.articles.size(), 1u);
  EXPECT_EQ(p.articles[0].title, "A headline");
  EXPECT_EQ(p.articles[0].body, "The body.");
}

TEST(ParseText, EmptyFileIsAProblem) {
  const Parsed p = parse("", Format::kText, "e.txt", "e.txt");
  EXPECT_TRUE(p.articles.empty());
  ASSERT_EQ(p.problems.size(), 1u);
}

TEST(ParseText, InvalidUtf8IsReplacedAndReported) {
  const Parsed p = parse("caf\xe9 au lait", Format::kText, "l.txt", "l.txt");
  ASSERT_EQ(p.articles.size(), 1u);
  EXPECT_EQ(p.articles[0].body, "caf\xEF\xBF\xBD au lait");
  ASSERT_EQ(p.problems.size(), 1u);
}

TEST(ParseMarkdown, FrontMatterWithBlockList) {
  const Parsed p = parse(
      "---\ntitle: \"AI: a year on\"\ndate: 2024-03-05\ntags:\n  - ai\n  - radiology\n---\n# Heading\nText.\n",
      Format::kMarkdown, "a.md", "a.md");
  ASSERT_EQ(p.articles.size(), 1u);
  EXPECT_EQ(p.articles[0].title, "AI: a year on");
  EXPECT_EQ(p.articles[0].date_raw, "2024-03-05");
  EXPECT_EQ(p.articles[0].tags, (std::vector<std::string>{"ai", "radiology"}));
}

TEST(ParseJsonl, DefaultKeysAndBadLines) {
  const Parsed p = parse(
      "{\"id\":\"1\",\"headline\":\"H\",\"body\":\"B\",\"published_at\":\"2024-01-02\",\"tags\":[\"x\"]}\n"
      "not json\n"
      "{\"id\":\"3\",\"title\":\"\"}\n"
      "{\"title\":\"T\",\"text\":\"X\",\"author\":null}\n",
      Format::kJsonl, "f.jsonl", "f.jsonl");
  ASSERT_EQ(p.articles.size(), 2u);
  EXPECT_EQ(p.articles[0].id, "1");
  EXPECT_EQ(p.articles[0].title, "H");
  EXPECT_EQ(p.articles[0].body, "B");
  EXPECT_EQ(p.articles[0].date_raw, "2024-01-02");
  EXPECT_EQ(p.articles[1].id, "f.jsonl:4");
  EXPECT_EQ(p.articles[1].line, 4u);
  ASSERT_EQ(p.problems.size(), 2u);
  EXPECT_EQ(p.problems[0].line, 2u);
  EXPECT_EQ(p.problems[1].line, 3u);
}

TEST(ParseJsonl, FieldMapOverridesDefaults) {
  const Parsed p = parse("{\"hed\":\"H\",\"text\":\"B\"}\n", Format::kJsonl,
                         "f", "f", {{"title", "hed"}});
  ASSERT_EQ(p.articles.size(), 1u);
  EXPECT_EQ(p.articles[0].title, "H");
}

}  // namespace
}  // namespace lede::indexer
