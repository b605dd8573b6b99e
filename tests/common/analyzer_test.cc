// Golden tables for the analyzer: input -> tokens with their byte offsets
// and positions, written as "term@position[begin,end)" with a "+" after the
// term of a compound token.
#include "common/analyzer.h"

#include <gtest/gtest.h>
#include <nlohmann/json.hpp>
#include <xapian.h>

#include <chrono>
#include <filesystem>
#include <fstream>
#include <sstream>

#include "common/error.h"
#include "tests/testutil/testutil.h"

namespace lede {
namespace {

std::string describe(const std::vector<Token>& tokens) {
  std::string out;
  for (const Token& t : tokens) {
    if (!out.empty()) out += ' ';
    out += t.term;
    if (t.is_compound()) out += '+';
    out += '@' + std::to_string(t.position) + '[' + std::to_string(t.begin) +
           ',' + std::to_string(t.end) + ')';
  }
  return out;
}

std::string analyze(const std::string& text) {
  Analyzer a;
  std::vector<Token> tokens;
  a.analyze(text, &tokens);
  return describe(tokens);
}

struct Case {
  const char* name;
  std::string input;
  std::string expected;
};

class AnalyzerGolden : public ::testing::TestWithParam<Case> {};

TEST_P(AnalyzerGolden, Tokens) {
  const Case& c = GetParam();
  EXPECT_EQ(analyze(c.input), c.expected) << "input: " << c.input;
}

// Sentences of the seed article (../shared/seeds), then the edge cases.
const Case kCases[] = {
    {"seed_title",
     "Not going unnoticed: Mayo Clinic’s interest in tapping patient data",
     "not@0[0,3) going@1[4,9) unnoticed@2[10,19) mayo@3[21,25) "
     "clinic@4[26,36) interest@5[37,45) in@6[46,48) tapping@7[49,56) "
     "patient@8[57,64) data@9[65,69)"},
    {"seed_money",
     "The strategy has scared up less than $5 million—a token amount",
     "the@0[0,3) strategy@1[4,12) has@2[13,16) scared@3[17,23) up@4[24,26) "
     "less@5[27,31) than@6[32,36) 5@7[38,39) million@8[40,47) a@9[50,51) "
     "token@10[52,57) amount@11[58,64)"},
    {"seed_decade", "launched in the 1980s as a modest tech-transfer office",
     "launched@0[0,8) in@1[9,11) the@2[12,15) 1980s@3[16,21) as@4[22,24) "
     "a@5[25,26) modest@6[27,33) tech@7[34,38) transfer@8[39,47) "
     "techtransfer+@7[34,47) office@9[48,54)"},
    {"seed_number", "MCV has made 321 licensing deals",
     "mcv@0[0,3) has@1[4,7) made@2[8,12) 321@3[13,16) licensing@4[17,26) "
     "deals@5[27,32)"},
    {"seed_possessive_curly", "Taking Ross’s questions, Mayo’s size",
     "taking@0[0,6) ross@1[7,15) questions@2[16,25) mayo@3[27,35) "
     "size@4[36,40)"},
    {"seed_quotes", "“spread over a longer time horizon,” Ross writes.",
     "spread@0[3,9) over@1[10,14) a@2[15,16) longer@3[17,23) time@4[24,28) "
     "horizon@5[29,36) ross@6[41,45) writes@7[46,52)"},
    {"seed_inari", "The company says Inari’s peripheral vascular portfolio",
     "the@0[0,3) company@1[4,11) says@2[12,16) inari@3[17,26) "
     "peripheral@4[27,37) vascular@5[38,46) portfolio@6[47,56)"},
    {"straight_apostrophe", "Mayo Clinic's", "mayo@0[0,4) clinic@1[5,13)"},
    {"inner_apostrophe_kept", "don't they’re",
     "don't@0[0,5) they're@1[6,15)"},
    {"hyphen_number", "COVID-19 cases",
     "covid@0[0,5) 19@1[6,8) covid19+@0[0,8) cases@2[9,14)"},
    {"hyphen_words", "send e-mail now",
     "send@0[0,4) e@1[5,6) mail@2[7,11) email+@1[5,11) now@3[12,15)"},
    {"numbers_only_hyphen_no_compound", "2024-03-05",
     "2024@0[0,4) 03@1[5,7) 05@2[8,10)"},
    {"acronym", "U.S. policy", "us@0[0,3) policy@1[5,11)"},
    {"acronym_lower", "e.g. this", "eg@0[0,3) this@1[5,9)"},
    {"digit_groups", "155,221 bags of 13.5 billion",
     "155221@0[0,7) bags@1[8,12) of@2[13,15) 13.5@3[16,20) "
     "billion@4[21,28)"},
    {"accents", "Café CAFE café", "cafe@0[0,5) cafe@1[6,10) cafe@2[11,16)"},
    {"zurich", "Zürich ZÜRICH", "zurich@0[0,7) zurich@1[8,15)"},
    {"sharp_s", "Straße STRASSE", "strasse@0[0,7) strasse@1[8,15)"},
    {"letters_without_decomposition", "Łódź Øresund Æther œuvre Đorđe",
     "lodz@0[0,7) oresund@1[8,16) aether@2[17,23) oeuvre@3[24,30) "
     "dorde@4[31,38)"},
    {"ligature", "ﬁnancial ﬂow", "financial@0[0,10) flow@1[11,16)"},
    {"fullwidth", "ＡＩ２０２４", "ai2024@0[0,18)"},
    {"greek_tonos", "Αθήνα", "αθηνα@0[0,10)"},
    // CJK runs: bigrams, and the dictionary words that are not bigrams
    // beside them ("+"), at the position of their first bigram.
    {"chinese_bigrams", "北京市政府",
     "北京@0[0,6) 京市@1[3,9) 北京市+@0[0,9) 市政@2[6,12) 政府@3[9,15)"},
    {"chinese_one_character_word", "患者数据和医疗数据",
     "患者@0[0,6) 者数@1[3,9) 数据@2[6,12) 据和@3[9,15) 和+@4[12,15) "
     "和医@4[12,18) 医疗@5[15,21) 疗数@6[18,24) 数据@7[21,27)"},
    {"chinese_runs_end_at_punctuation", "北京，上海-天津",
     "北京@0[0,6) 上海@1[9,15) 天津@2[16,22)"},
    {"chinese_one_character", "人", "人@0[0,3)"},
    {"chinese_beside_latin", "iPhone手机 e-mail",
     "iphone@0[0,6) 手机@1[6,12) e@2[13,14) mail@3[15,19) email+@2[13,19)"},
    {"japanese", "AIによる画像診断",
     "ai@0[0,2) によ@1[2,8) よる@2[5,11) による+@1[2,11) る画@3[8,14) "
     "画像@4[11,17) 像診@5[14,20) 診断@6[17,23)"},
    {"japanese_voicing_kept", "データ",
     "デー@0[0,6) ータ@1[3,9) データ+@0[0,9)"},
    {"halfwidth_katakana_is_fullwidth", "ｶﾞｷﾞｸﾞ",
     "ガギ@0[0,12) ギグ@1[6,18) ガギグ+@0[0,18)"},
    {"korean_words_between_spaces", "서울시청에서 회의",
     "서울@0[0,6) 울시@1[3,9) 시청@2[6,12) 청에@3[9,15) 에서@4[12,18) "
     "서울시청에서+@0[0,18) 회의@5[19,25)"},
    {"thai", "ภาษาไทย", "ภาษา@0[0,12) ไทย@1[12,21)"},
    {"emoji_not_terms", "hello 😀 👍🏽 world", "hello@0[0,5) world@1[20,25)"},
    {"dollar_percent", "$12 million, 3.5%",
     "12@0[1,3) million@1[4,11) 3.5@2[13,16)"},
    {"url_like", "see example.com today",
     "see@0[0,3) example.com@1[4,15) today@2[16,21)"},
    {"email_kept_lone_symbols_dropped", "mail x@y.com @ _ a@b",
     "mail@0[0,4) x@y.com@1[5,12) a@b@2[17,20)"},
    {"empty", "", ""},
    {"only_punctuation", " -- ... !!! ", ""},
    {"control_characters", std::string("a\x01" "b\x00" "c\x1b[31mred", 13),
     "a@0[0,1) b@1[2,3) c@2[4,5) 31mred@3[7,13)"},
    {"invalid_utf8", "ab\xff" "cd caf\xc3",
     "ab@0[0,2) cd@1[3,5) caf@2[6,9)"},
    {"overlong_nul", "x\xc0\x80y", "x@0[0,1) y@1[3,4)"},
    {"soft_hyphen_removed", "inter\xc2\xadnational",
     "international@0[0,15)"},
};

INSTANTIATE_TEST_SUITE_P(Cases, AnalyzerGolden, ::testing::ValuesIn(kCases),
                         [](const auto& info) { return info.param.name; });

TEST(Analyzer, PositionsContinueFromFirstPosition) {
  Analyzer a;
  std::vector<Token> tokens;
  EXPECT_EQ(a.analyze("one two", &tokens, 10), 12u);
  EXPECT_EQ(describe(tokens), "one@10[0,3) two@11[4,7)");
}

TEST(Analyzer, CountsInvalidUtf8Bytes) {
  Analyzer a;
  std::vector<Token> tokens;
  AnalysisStats stats;
  a.analyze("a\xff\xfe b \xe2\x82", &tokens, 0, &stats);
  EXPECT_EQ(stats.invalid_utf8, 4u);
}

TEST(Analyzer, DropsOverlongTokens) {
  Analyzer a;
  std::vector<Token> tokens;
  AnalysisStats stats;
  a.analyze("short " + std::string(200, 'x') + " end", &tokens, 0, &stats);
  EXPECT_EQ(describe(tokens), "short@0[0,5) end@2[207,210)");
  EXPECT_EQ(stats.dropped_long, 1u);
}

TEST(Analyzer, StemsEnglishByDefault) {
  Analyzer a;
  EXPECT_EQ(a.stem("partnering"), "partner");
  EXPECT_EQ(a.stem("partners"), "partner");
  EXPECT_EQ(a.stem("licensing"), "licens");
  EXPECT_EQ(a.stem("license"), "licens");
}

// The cache gives what the stemmer gives, however many words it holds
// (it grows, and empties itself past 200,000 words).
TEST(Analyzer, CachedStemsAreTheStemmersStems) {
  Analyzer a;
  Xapian::Stem english("english");
  const char* endings[] = {"", "s", "ing", "ed", "ly", "ation"};
  for (int round = 0; round < 2; ++round) {
    for (int i = 0; i < 210'000; i += 7) {
      std::string word = std::to_string(i * 7919 % 100'003);
      word.insert(0, 1, 'w');
      word += 'x';
      word += endings[i % 6];
      ASSERT_EQ(a.stem(word), english(word)) << word;
    }
  }
  EXPECT_EQ(a.stem("partnering"), "partner");
}

TEST(Analyzer, StemmingCanBeOff) {
  AnalyzerConfig config;
  config.language = "none";
  Analyzer a(config);
  EXPECT_FALSE(a.stems());
  EXPECT_EQ(a.stem("partnering"), "partnering");
}

TEST(Analyzer, UnknownLanguageIsAUsageError) {
  AnalyzerConfig config;
  config.language = "klingon";
  EXPECT_THROW(Analyzer{config}, UsageError);
}

TEST(AnalyzerConfig, RoundTripsThroughItsSerialisation) {
  AnalyzerConfig config;
  config.language = "german";
  EXPECT_EQ(AnalyzerConfig::parse(config.serialize()), config);
  EXPECT_EQ(config.serialize(), "analyzer=2;language=german");
}

TEST(AnalyzerConfig, RefusesAnotherAnalyzerVersion) {
  EXPECT_THROW(AnalyzerConfig::parse("analyzer=999;language=english"), Error);
  EXPECT_THROW(AnalyzerConfig::parse("garbage"), Error);
}

// A 10 MB single line must neither crash nor lose tokens; offsets at the
// far end must still be exact.
TEST(Analyzer, TenMegabyteSingleLine) {
  std::string text;
  const std::string unit = "Mayo Clinic’s patient-data deals, 321 of them. ";
  while (text.size() < 10 * 1024 * 1024) text += unit;
  Analyzer a;
  std::vector<Token> tokens;
  a.analyze(text, &tokens);
  // Per unit: mayo clinic patient data patientdata+ deals 321 of them.
  const std::size_t units = text.size() / unit.size();
  ASSERT_EQ(tokens.size(), units * 9);
  const Token& last = tokens.back();
  EXPECT_EQ(last.term, "them");
  EXPECT_EQ(text.substr(last.begin, last.end - last.begin), "them");
  EXPECT_EQ(last.position, units * 8 - 1);
}

// Every token's offsets point at text whose own analysis gives that token:
// the highlighter relies on this.
TEST(Analyzer, OffsetsCoverTheSurfaceFormOfEverySampleToken) {
  namespace fs = std::filesystem;
  Analyzer a;
  Analyzer b;
  std::size_t checked = 0;
  for (const auto& entry :
       fs::recursive_directory_iterator(testing::sample_corpus())) {
    if (!entry.is_regular_file()) continue;
    const std::string text = testing::read_file(entry.path());
    std::vector<Token> tokens;
    a.analyze(text, &tokens);
    for (const Token& t : tokens) {
      std::vector<Token> again;
      b.analyze(text.substr(t.begin, t.end - t.begin), &again);
      // The bigram 京市 of 北京市 may be the two words 京 and 市 beside it.
      std::erase_if(again, [](const Token& x) { return x.is_compound(); });
      if (t.is_compound()) {
        // A compound is found again as the tokens it spans.
        EXPECT_FALSE(again.empty()) << entry.path() << " at " << t.begin;
        continue;
      }
      ASSERT_EQ(again.size(), 1u) << entry.path() << " at " << t.begin;
      EXPECT_EQ(again[0].term, t.term) << entry.path() << " at " << t.begin;
      ++checked;
    }
  }
  EXPECT_GT(checked, 1000u);
}

TEST(TermsOf, JoinsTerms) {
  Analyzer a;
  EXPECT_EQ(terms_of(a, "Mayo Clinic’s AI"), "mayo clinic ai");
}

// analyze() must give exactly the tokens of analyze_icu() (terms, offsets,
// positions, kinds, compounds in their place, and the counters), whatever
// the text.
void expect_same_tokens(Analyzer& a, std::string_view text,
                        const std::string& what) {
  std::vector<Token> want, got;
  AnalysisStats want_stats, got_stats;
  const std::uint32_t want_end = a.analyze_icu(text, &want, 7, &want_stats);
  const std::uint32_t got_end = a.analyze(text, &got, 7, &got_stats);
  ASSERT_EQ(got_end, want_end) << what;
  EXPECT_EQ(got_stats.invalid_utf8, want_stats.invalid_utf8) << what;
  EXPECT_EQ(got_stats.dropped_long, want_stats.dropped_long) << what;
  ASSERT_EQ(got.size(), want.size()) << what;
  for (std::size_t i = 0; i < want.size(); ++i) {
    ASSERT_EQ(got[i], want[i])
        << what << ": token " << i << " '" << want[i].term << "' at "
        << want[i].begin;
  }
}

TEST(FastPath, SameTokensAsIcu) {
  Analyzer a;
  const std::vector<std::string> texts = {
      "", "   ", "Oil", "oil, gas; coal: (wood) [peat] {tar} \"x\" 'y' $5 50%",
      "U.S. a.m. e.g. 3.5% 155,221 1,000. 1980s 22, 5. 2.", "don't clinic's "
      "ross' 'tis ''quoted''", "e-mail COVID-19 de-identified - -- x- -y",
      "snake_case __init__ a_1", "http://x.test/a?b=c user@example.com",
      "Zürich café naïve Straße ﬁnancial", "患者数据和医疗数据 データ",
      "tab\tnew\nline\r\nform\fvert\v", "ctl\x01\x1b[31m x\x7f", "bad \xFF\xFE utf",
      std::string(70, 'a') + " " + std::string(70, '7') + " tail",
      "a:b x:1 ... ,,, ;; !! ?? :: '' \"\" ()", "Mc'Donald O'Neil rock'n'roll",
      "emoji 📈 🩺 👍🏽 flags 🇺🇸 zwj 👩‍💻 end", "nbsp\xC2\xA0here em\xE2\x80\x94" "dash",
      // Letters, digits and the separators inside a word (the fast path's
      // cores): mixed, repeated, at the edges, with possessives.
      "a1b2 1a2b a1.5 1.5a x1,000 1,000x U.S2 e.g.5 a'b'c 1'000 1.2.3",
      "b.2 2.b a..b 1,,2 1.,2 a.,b m3's O'Neil's rock'n'roll's '87 5's A1's",
      "18.75N (48,200), 139,800. $1.5 1.5% 3.47-dlr U.S.-Japan Inc.'s",
      "E.G. U.S.A. a.b.c.d ab.cd 'U.S.' (U.K.), x.y.z's 0xe9 m3 eh101",
  };
  for (const std::string& t : texts) expect_same_tokens(a, t, "'" + t + "'");
}

TEST(FastPath, SameTokensOverTheSampleCorpus) {
  Analyzer a;
  int files = 0;
  for (const auto& e : std::filesystem::recursive_directory_iterator(
           lede::testing::sample_corpus())) {
    if (!e.is_regular_file()) continue;
    expect_same_tokens(a, lede::testing::read_file(e.path()),
                       e.path().string());
    ++files;
  }
  EXPECT_GT(files, 20);
}

TEST(FastPath, SameTokensOverReuters) {
  const std::string corpora = lede::testing::shared_corpora_dir();
  if (corpora.empty()) GTEST_SKIP() << "../shared/corpora is not here";
  std::ifstream in(corpora + "/reuters21578/reuters21578.jsonl");
  if (!in) GTEST_SKIP() << "no Reuters JSONL in " << corpora;
  Analyzer a;
  std::string line;
  while (std::getline(in, line)) {
    if (line.empty()) continue;
    const auto j = nlohmann::json::parse(line);
    for (const char* key : {"title", "text"}) {
      if (j.contains(key) && j[key].is_string()) {
        expect_same_tokens(a, j[key].get<std::string>(),
                           "story " + j["id"].get<std::string>());
      }
    }
  }
}

}  // namespace
}  // namespace lede
