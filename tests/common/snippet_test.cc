// Snippets: text + what matched -> fragments and highlight ranges.
#include "common/snippet.h"

#include <gtest/gtest.h>

namespace lede {
namespace {

// Renders highlights as [brackets] for readable expectations.
std::string show(const Snippet& s) {
  std::string out;
  std::size_t at = 0;
  for (const ByteRange& r : s.highlights) {
    out += s.text.substr(at, r.begin - at) + "[" +
           s.text.substr(r.begin, r.end - r.begin) + "]";
    at = r.end;
  }
  return out + s.text.substr(at);
}

HighlightTerm word(const std::string& w, bool stemmed = true) {
  return {{w}, stemmed};
}
HighlightTerm phrase(std::vector<std::string> words) {
  return {std::move(words), false};
}

TEST(HighlightAll, PhraseIsOneSpanAndLoneWordsAreNot) {
  Analyzer a;
  const Snippet s = highlight_all(
      "Big providers have the data; patient data is what they sell.",
      {phrase({"patient", "data"})}, &a);
  EXPECT_EQ(show(s),
            "Big providers have the data; [patient data] is what they sell.");
}

TEST(HighlightAll, StemmedWordMarksEveryInflection) {
  Analyzer a;
  EXPECT_EQ(show(highlight_all("partner, partners and partnering",
                               {word("partner")}, &a)),
            "[partner], [partners] and [partnering]");
}

TEST(HighlightAll, ExactWordMarksOnlyThatWord) {
  Analyzer a;
  EXPECT_EQ(show(highlight_all("partner, partners", {word("partners", false)},
                               &a)),
            "partner, [partners]");
}

TEST(HighlightAll, AccentsAndApostrophesAsTheAnalyzerSeesThem) {
  Analyzer a;
  EXPECT_EQ(show(highlight_all("Un café en Zürich; Mayo Clinic’s data",
                               {word("cafe"), word("zurich"), word("clinic")},
                               &a)),
            "Un [café] en [Zürich]; Mayo [Clinic’s] data");
}

TEST(HighlightAll, ChineseWordNotSingleCharacters) {
  Analyzer a;
  EXPECT_EQ(show(highlight_all("患者数据和医疗数据", {word("数据")}, &a)),
            "患者[数据]和医疗[数据]");
}

TEST(HighlightAll, CompoundHighlightsTheWholeHyphenatedWord) {
  Analyzer a;
  EXPECT_EQ(show(highlight_all("send an e-mail", {word("email")}, &a)),
            "send an [e-mail]");
}

TEST(HighlightAll, CollapsesWhitespaceAndDropsControlCharacters) {
  Analyzer a;
  EXPECT_EQ(show(highlight_all("  a\n\n\tb \x1b[31mred\x07  ", {word("b")}, &a)),
            "a [b] [31mred");
}

TEST(MakeSnippets, PicksTheDensestFragmentAndCutsAtWords) {
  Analyzer a;
  std::string text;
  for (int i = 0; i < 30; ++i) text += "filler words about nothing much. ";
  text += "Mayo protects patient data and sells no patient data at all. ";
  for (int i = 0; i < 30; ++i) text += "more filler text follows here. ";
  SnippetOptions o;
  o.count = 1;
  o.length = 80;
  const auto snippets =
      make_snippets(text, {phrase({"patient", "data"})}, o, &a);
  ASSERT_EQ(snippets.size(), 1u);
  const std::string shown = show(snippets[0]);
  EXPECT_NE(shown.find("[patient data] and sells no [patient data]"),
            std::string::npos)
      << shown;
  EXPECT_TRUE(shown.starts_with("\xE2\x80\xA6")) << shown;
  EXPECT_TRUE(shown.ends_with("\xE2\x80\xA6")) << shown;
  // No word is cut: the fragment starts and ends with whole words.
  const std::string inner = shown.substr(3, shown.size() - 6);
  EXPECT_NE(inner.front(), ' ');
  EXPECT_LE(snippets[0].text.size(), 80u + 40u);
}

TEST(MakeSnippets, TwoFragmentsInTextOrder) {
  Analyzer a;
  std::string text = "alpha begins here. ";
  for (int i = 0; i < 40; ++i) text += "nothing to see. ";
  text += "then beta appears.";
  SnippetOptions o;
  o.count = 2;
  o.length = 40;
  const auto snippets = make_snippets(text, {word("beta"), word("alpha")}, o, &a);
  ASSERT_EQ(snippets.size(), 2u);
  EXPECT_NE(show(snippets[0]).find("[alpha]"), std::string::npos);
  EXPECT_NE(show(snippets[1]).find("[beta]"), std::string::npos);
}

TEST(MakeSnippets, NoMatchGivesTheStart) {
  Analyzer a;
  SnippetOptions o;
  o.count = 2;
  o.length = 20;
  const auto snippets = make_snippets(
      "The opening words of a long story that goes on and on.", {word("zzz")},
      o, &a);
  ASSERT_EQ(snippets.size(), 1u);
  EXPECT_EQ(show(snippets[0]), "The opening words of…");
}

TEST(MakeSnippets, ShortTextIsWholeWithoutEllipsis) {
  Analyzer a;
  const auto snippets =
      make_snippets("Short text.", {word("text")}, SnippetOptions{}, &a);
  ASSERT_EQ(snippets.size(), 1u);
  EXPECT_EQ(show(snippets[0]), "Short [text].");
}

TEST(MakeSnippets, EmptyTextGivesNone) {
  Analyzer a;
  EXPECT_TRUE(make_snippets("  \n", {word("x")}, SnippetOptions{}, &a).empty());
}

}  // namespace
}  // namespace lede
