// Snippets: text + what matched -> fragments and highlight ranges.
#include "common/snippet.h"

#include <gtest/gtest.h>
#include <nlohmann/json.hpp>

#include <filesystem>
#include <fstream>

#include "common/query_build.h"
#include "tests/testutil/testutil.h"

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

// Highlights made the way lede-query makes them: from the query's own
// tokens (build_query) against the text's, one analyzer for both.
std::string highlight_query(const std::string& text, const std::string& q) {
  Analyzer a;
  return show(
      highlight_all(text, build_query(q, {}, &a, nullptr).highlights, &a));
}

TEST(HighlightAll, ChineseWordsInsideLongerWordsAsTheQueryFindsThem) {
  const std::string text = "北京市政府今天发布";  // ICU: 北京市 政府 今天 发布
  EXPECT_EQ(highlight_query(text, "北京"), "[北京]市政府今天发布");
  EXPECT_EQ(highlight_query(text, "市政府"), "北京[市政府]今天发布");
  EXPECT_EQ(highlight_query(text, "北京市政府"), "[北京市政府]今天发布");
  EXPECT_EQ(highlight_query(text, "政府今天"), "北京市[政府今天]发布");
  EXPECT_EQ(highlight_query(text, "市府"), text);
  // The dictionary word 北京市 of the query 北京市政府 is not asked for on
  // its own, so it is not marked on its own either.
  EXPECT_EQ(highlight_query("北京市场", "北京市政府"), "北京市场");
  EXPECT_EQ(highlight_query("서울시청에서 회의", "시청"),
            "서울[시청]에서 회의");
  EXPECT_EQ(highlight_query("東京都庁に行きました", "都庁"),
            "東京[都庁]に行きました");
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

// Table: text + what the query looks for + options -> the fragments, with
// highlights shown as [brackets]. Each row names the rule it pins down.
struct SnippetCase {
  const char* rule;
  std::string text;
  std::vector<HighlightTerm> terms;
  std::size_t count;
  std::size_t length;
  std::vector<std::string> want;
};

TEST(MakeSnippets, Table) {
  std::string filler;
  for (int i = 0; i < 12; ++i) filler += "Nothing to report on this day. ";
  const std::vector<SnippetCase> table = {
      {"short text whole, no ellipsis", "Oil rose.", {word("oil")}, 2, 160,
       {"[Oil] rose."}},
      {"stemmed word marks inflections", "Prices rose as the price of oil "
       "kept pricing in risk.", {word("price")}, 1, 160,
       {"[Prices] rose as the [price] of oil kept [pricing] in risk."}},
      {"exact word only itself", "Prices rose as the price fell.",
       {word("price", false)}, 1, 160, {"Prices rose as the [price] fell."}},
      {"phrase is one span, lone words are not",
       "Data is data; patient data is what the patient wants.",
       {phrase({"patient", "data"})}, 1, 160,
       {"Data is data; [patient data] is what the patient wants."}},
      {"words side by side read as one span; apart, or across punctuation, "
       "they do not", "Crude oil prices rose; oil, prices and oil\n prices.",
       {word("oil"), word("price")}, 1, 160,
       {"Crude [oil prices] rose; [oil], [prices] and [oil prices]."}},
      {"phrase across a line break still one span",
       "They sold patient\n   data to a broker.",
       {phrase({"patient", "data"})}, 1, 160,
       {"They sold [patient data] to a broker."}},
      {"whitespace collapsed, ends trimmed", "  a\t\tb\n\n\nc  ",
       {word("b")}, 1, 160, {"a [b] c"}},
      {"accent-folded match keeps the original letters",
       "Ein Projekt in Zürich.", {word("zurich")}, 1, 160,
       {"Ein Projekt in [Zürich]."}},
      {"CJK word, not its characters", "患者数据和医疗数据", {word("数据")},
       1, 160, {"患者[数据]和医疗[数据]"}},
      {"hyphenated compound as one span", "Send an e-mail today.",
       {word("email")}, 1, 160, {"Send an [e-mail] today."}},
      {"cut at word boundaries with ellipses on both sides",
       filler + "The tanker spill hit the coast. " + filler, {word("spill")},
       1, 60, {"…The tanker [spill] hit the coast. Nothing to report on this…"}},
      {"fragment starts at a sentence shortly before the match",
       filler + "Crude rose. Brent oil gained two dollars on the day. " +
           filler,
       {word("oil")}, 1, 80,
       {"…Brent [oil] gained two dollars on the day. Nothing to report on "
        "this day. Nothing…"}},
      {"the densest region wins over an early lone match",
       "oil " + filler + "gas and oil and more gas near oil. " + filler,
       {word("oil"), word("gas")}, 1, 60,
       {"…[gas] and [oil] and more [gas] near [oil]. Nothing to report on "
        "this…"}},
      {"two fragments in text order, not overlapping",
       "Alpha starts here. " + filler + "Beta ends it.",
       {word("beta"), word("alpha")}, 2, 40,
       {"[Alpha] starts here. Nothing to report on…",
        "…to report on this day. [Beta] ends it."}},
      {"fewer fragments than asked when matches are together",
       "Wheat and corn. " + filler, {word("wheat"), word("corn")}, 3, 40,
       {"[Wheat] and [corn]. Nothing to report on…"}},
      {"no match: the start of the text", filler, {word("zzz")}, 2, 30,
       {"Nothing to report on this day.…"}},
      {"control characters dropped, never cut mid-character",
       "bell\x07 and \x1b[31mred\x1b[0m oil \xC3\xA9t\xC3\xA9", {word("oil")},
       1, 160, {"bell and [31mred[0m [oil] \xC3\xA9t\xC3\xA9"}},
      {"zero fragments asked", "oil", {word("oil")}, 0, 160, {}},
  };
  Analyzer a;
  for (const SnippetCase& c : table) {
    SnippetOptions o;
    o.count = c.count;
    o.length = c.length;
    std::vector<std::string> got;
    for (const Snippet& s : make_snippets(c.text, c.terms, o, &a)) {
      got.push_back(show(s));
      // Highlights are sorted, disjoint, inside the text, on characters.
      std::uint32_t last = 0;
      for (const ByteRange& r : s.highlights) {
        EXPECT_LE(last, r.begin) << c.rule;
        EXPECT_LT(r.begin, r.end) << c.rule;
        EXPECT_LE(r.end, s.text.size()) << c.rule;
        EXPECT_NE(static_cast<unsigned char>(s.text[r.begin]) & 0xC0, 0x80)
            << c.rule;
        last = r.end;
      }
    }
    EXPECT_EQ(got, c.want) << c.rule;
  }
}

TEST(FindMatches, ByteRangesIntoTheOriginalText) {
  Analyzer a;
  const std::string text = "Zürich:  patient\n data, patients.";
  const auto m = find_matches(
      text, {phrase({"patient", "data"}), word("zurich")}, &a);
  ASSERT_EQ(m.size(), 2u);
  EXPECT_EQ(text.substr(m[0].begin, m[0].end - m[0].begin), "Zürich");
  EXPECT_EQ(text.substr(m[1].begin, m[1].end - m[1].begin), "patient\n data");
}

TEST(MakeSnippets, LongDocumentsStayFast) {
  // Not a timing assertion: a text of 200,000 words with a match in every
  // sentence must still give two fragments of the asked length.
  std::string text;
  for (int i = 0; i < 20000; ++i) text += "The oil price moved again today. ";
  Analyzer a;
  SnippetOptions o;
  const auto s = make_snippets(text, {word("oil"), word("price")}, o, &a);
  ASSERT_EQ(s.size(), 2u);
  for (const Snippet& f : s) EXPECT_LE(f.text.size(), 200u);
}

// Found by tests/fuzz/fuzz_text.cc: ill-formed bytes were copied into the
// snippet as they were, so snippet text was not UTF-8.
TEST(MakeSnippets, IllFormedBytesBecomeReplacementCharacters) {
  Analyzer a;
  const auto snippets = make_snippets(std::string("\n\x87" "data\x87", 7),
                                      {word("data")}, SnippetOptions{}, &a);
  ASSERT_EQ(snippets.size(), 1u);
  EXPECT_EQ(show(snippets[0]), "\xEF\xBF\xBD[data]\xEF\xBF\xBD");
}

// SnippetOptions::skim analyses only the stretches that may hold a match
// and the words around the fragments: the snippets must be the ones that
// analysing all of the text gives.
void expect_same_when_skimmed(Analyzer* a, const std::string& text,
                              const std::string& what) {
  const std::vector<std::vector<HighlightTerm>> queries = {
      {word("oil")},
      {word("price")},
      {word("us")},
      {word("said", false)},
      {word("email")},
      {word("mail")},
      {word("oneil")},
      {word("cafe"), word("zurich")},
      {word("1980s")},
      {word("5")},
      {word("init")},
      {word("数据")},
      {word("oil"), word("price"), word("crude")},
      {word("oil"), word("gas"), word("crude"), word("barrel"), word("opec"),
       word("price")},
      {phrase({"crude", "oil"})},  // not skimmed: the same path either way
  };
  for (const auto& terms : queries) {
    for (const auto [count, length] :
         {std::pair<std::size_t, std::size_t>{2, 160}, {1, 20}, {3, 60}}) {
      SnippetOptions skim;
      skim.count = count;
      skim.length = length;
      SnippetOptions all = skim;
      all.skim = false;
      EXPECT_EQ(make_snippets(text, terms, skim, a),
                make_snippets(text, terms, all, a))
          << what << ", " << terms.front().words.front() << ", " << count
          << " x " << length;
    }
  }
}

TEST(MakeSnippets, SkimmedAsWhenAllIsAnalysed) {
  Analyzer a;
  const std::vector<std::string> texts = {
      "Oil", "oil, gas; coal: (OIL) [oils] {oiled} \"x\" 'y' $5 50% 5's",
      "U.S. a.m. e.g. US us. 3.5% 155,221 1980s 1980S", "O'Neil's e-mail "
      "E-Mail mail-order COVID-19 snake_case __init__ _init init_",
      "Zürich café CAFE naïve ＯＩＬ ﬁnancial 患者数据和医疗数据",
      "tab\toil\nline\r\nform\foil\vvert", "ctl\x01oil\x1b[31m x\x7f",
      "bad \xFF\xFEoil utf oil\xC2\xA0oil",
      std::string(300, 'x') + " oil " + std::string(500, 'y') + " oil",
  };
  for (const std::string& t : texts) {
    expect_same_when_skimmed(&a, t, "'" + t + "'");
    // The same text far into a story of filler, and with filler after.
    std::string story;
    for (int i = 0; i < 40; ++i) story += "Nothing much happened today. ";
    story += t;
    for (int i = 0; i < 40; ++i) story += " More of the same, again.";
    expect_same_when_skimmed(&a, story, "'" + t + "' in a story");
  }
  // A stemmer that may change a word's first byte: never skimmed.
  AnalyzerConfig german;
  german.language = "german";
  Analyzer g(german);
  expect_same_when_skimmed(&g, texts[1], "german");
}

TEST(MakeSnippets, SkimmedAsWhenAllIsAnalysedOverReuters) {
  const std::string corpora = lede::testing::shared_corpora_dir();
  if (corpora.empty()) GTEST_SKIP() << "../shared/corpora is not here";
  std::ifstream in(corpora + "/reuters21578/reuters21578.jsonl");
  if (!in) GTEST_SKIP() << "no Reuters JSONL in " << corpora;
  Analyzer a;
  std::string line;
  // Every 20th story: about a thousand, long and short.
  for (int n = 0; std::getline(in, line); ++n) {
    if (line.empty() || n % 20 != 0) continue;
    const auto j = nlohmann::json::parse(line);
    if (j.contains("text") && j["text"].is_string()) {
      expect_same_when_skimmed(&a, j["text"].get<std::string>(),
                               "story " + j["id"].get<std::string>());
    }
  }
}

}  // namespace
}  // namespace lede
