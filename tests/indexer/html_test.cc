#include "indexer/html.h"

#include <gtest/gtest.h>

#include <filesystem>
#include <string>
#include <vector>

#include "tests/testutil/testutil.h"

namespace lede::indexer {
namespace {

namespace fs = std::filesystem;
using Strings = std::vector<std::string>;

HtmlPage sample(const std::string& rel) {
  return parse_html(
      lede::testing::read_file(fs::path(lede::testing::sample_corpus()) / rel));
}

bool contains(const std::string& haystack, const std::string& needle) {
  return haystack.find(needle) != std::string::npos;
}

// --- The sample corpus's pages ------------------------------------------

TEST(ParseHtml, EverySamplePageKeepsJunkOutOfTheBody) {
  // Each page hides a sentinel word in its script, style, nav, header or
  // footer; none may reach the indexed text.
  int pages = 0;
  for (const auto& e :
       fs::recursive_directory_iterator(lede::testing::sample_corpus())) {
    if (e.path().extension() != ".html") continue;
    ++pages;
    const HtmlPage p = parse_html(lede::testing::read_file(e.path()));
    EXPECT_FALSE(p.body.empty()) << e.path();
    for (const char* junk : {"navjunkword", "scriptjunkword", "stylejunkword",
                             "headerjunkword", "footerjunkword"}) {
      EXPECT_FALSE(contains(p.body, junk)) << e.path() << ": " << junk;
      EXPECT_FALSE(contains(p.title, junk)) << e.path() << ": " << junk;
    }
  }
  EXPECT_EQ(pages, 7);
}

TEST(ParseHtml, FullPageWithOpenGraphAndArticleMeta) {
  const HtmlPage p = sample("2024/ccta-medicare-payment-increase.html");
  // og:title wins over "<title>... | Cardiac Imaging Today".
  EXPECT_EQ(p.title, "CMS nearly doubles hospital payment for CCTA exams");
  EXPECT_EQ(p.author, "Renata Okafor");
  EXPECT_EQ(p.date_raw, "2024-11-05T09:30:00-05:00");
  EXPECT_EQ(p.source, "Cardiac Imaging Today");
  EXPECT_EQ(p.url,
            "https://www.cardiacimagingtoday.example/policy/2024/11/"
            "ccta-payment-increase");
  EXPECT_EQ(p.tags, (Strings{"CCTA", "reimbursement", "cardiology"}));
  // Entities decoded: &amp; &eacute; &rsquo; &ldquo; &#8212; &middot;
  EXPECT_TRUE(contains(p.body, "Centers for Medicare & Medicaid Services"));
  EXPECT_TRUE(contains(p.body, "Dr. Ren\u00e9e Castillo"));
  EXPECT_TRUE(contains(p.body, "Castillo\u2019s department"));
  EXPECT_TRUE(contains(p.body, "\u201cIt\u2019s not a windfall,\u201d"));
  EXPECT_TRUE(contains(p.body, "the old rate \u2014 a mismatch"));
  EXPECT_TRUE(contains(p.body, "By Renata Okafor \u00b7 November 5, 2024"));
  // Paragraphs apart, list items one per line.
  EXPECT_TRUE(contains(p.body,
                       "category.\nUpdate internal cost reports and "
                       "service-line forecasts.\nCheck whether"));
  EXPECT_TRUE(contains(p.body, "roughly double.\n\nCardiologists"));
  EXPECT_TRUE(p.body.starts_with(
      "CMS nearly doubles hospital payment for CCTA exams\n\nBy Renata"));
}

TEST(ParseHtml, JsonLdOnlyPage) {
  const HtmlPage p = sample("2023/quillfeather-breach-jsonld.html");
  EXPECT_EQ(p.title,
            "EHR hosting firm Quillfeather confirms breach affecting 1.1 "
            "million people");
  EXPECT_EQ(p.author, "Hannah Wexley");
  EXPECT_EQ(p.date_raw, "2023-07-19T14:00:00Z");
  EXPECT_EQ(p.source, "Records & Privacy Review");
  EXPECT_EQ(p.tags,
            (Strings{"data breach", "ransomware", "EHR hosting", "HIPAA"}));
  EXPECT_EQ(
      p.url,
      "https://www.recordsprivacy.example/2023/07/19/quillfeather-breach");
  EXPECT_TRUE(contains(p.body, "executives & demanded payment"));
}

TEST(ParseHtml, BrokenMarkupStillYieldsAllItsText) {
  const HtmlPage p = sample("2022/broken-markup-ehr-outage.html");
  EXPECT_EQ(p.title, "Clinic network back on paper charts after EHR outage");
  EXPECT_EQ(p.author, "Theo Vance");
  EXPECT_EQ(p.source, "Northfield Health Daily");
  EXPECT_EQ(p.tags, (Strings{"ehr", "outage"}));
  for (const char* text :
       {"Red Fern Clinics, a network of 31 primary-care",
        "Appointments have been cut by about a quarter",
        "the vendor's R&D team is rebuilding indexes",
        "\"Our nurses have been heroic.\"", "Read our downtime checklist",
        "scanning and reconciling paper documentation."}) {
    EXPECT_TRUE(contains(p.body, text)) << text;
  }
}

TEST(ParseHtml, TitleSuffixNamingTheSiteIsDropped) {
  // cedar-valley has no og:title and a clean <title>; fda-clears has a
  // " - site" suffix on <title> but an og:title.
  EXPECT_EQ(sample("2021/cedar-valley-digital-pathology-round.html").title,
            "Cedar Valley Health Ventures leads $12 million round for digital "
            "pathology startup");
  EXPECT_EQ(sample("2025/fda-clears-ai-echo-tool.html").title,
            "FDA clears AI tool that automates echocardiogram measurements");
}

// --- Field rules, one page at a time ------------------------------------

struct TitleCase {
  const char* name;
  const char* html;
  const char* title;
};

TEST(ParseHtml, TitlePriority) {
  const TitleCase cases[] = {
      {"og:title first",
       "<title>T | S</title><meta property='og:title' content='OG'>"
       "<script type='application/ld+json'>{\"@type\":\"NewsArticle\","
       "\"headline\":\"LD\"}</script><h1>H</h1>",
       "OG"},
      {"then JSON-LD headline",
       "<title>T</title><script type='application/ld+json'>"
       "{\"@type\":\"NewsArticle\",\"headline\":\"LD\"}</script><h1>H</h1>",
       "LD"},
      {"then <title>", "<title> The  title </title><h1>H</h1>", "The title"},
      {"without ' | site'",
       "<title>Story | The Site</title>"
       "<meta property='og:site_name' content='The Site'>",
       "Story"},
      {"without ' - site'",
       "<title>Story - A - The Site</title>"
       "<meta property='og:site_name' content='the site'>",
       "Story - A"},
      {"without 'site | '",
       "<title>The Site | Story</title>"
       "<meta property='og:site_name' content='The Site'>",
       "Story"},
      {"without an em-dash suffix",
       "<title>Story \u2014 The Site</title>"
       "<meta property='og:site_name' content='The Site'>",
       "Story"},
      {"or what follows the first h1",
       "<title>Headline | Some Paper</title><body><h1>Headline</h1>",
       "Headline"},
      {"a separator alone is kept", "<title>Q&amp;A | Part 2</title>",
       "Q&A | Part 2"},
      {"then the first h1", "<body><h1>Only <em>the</em> h1</h1><p>x",
       "Only the h1"},
      {"the article's h1, not the banner's",
       "<body><header><h1>Site</h1></header><article><h1>Story</h1>"
       "<p>x</article>",
       "Story"},
      {"none", "<p>just text", ""},
  };
  for (const TitleCase& c : cases) {
    EXPECT_EQ(parse_html(c.html).title, c.title) << c.name;
  }
}

TEST(ParseHtml, Authors) {
  EXPECT_EQ(parse_html("<meta name='author' content='By Jane Doe'>").author,
            "Jane Doe");
  EXPECT_EQ(parse_html("<meta property='article:author' "
                       "content='https://facebook.example/jane'>"
                       "<meta name='dc.creator' content='J. Doe'>")
                .author,
            "J. Doe");
  EXPECT_EQ(
      parse_html("<meta property='article:author' content='Jane Doe'>").author,
      "Jane Doe");
  EXPECT_EQ(parse_html("<script type='application/ld+json'>"
                       "{\"@type\":\"NewsArticle\",\"author\":["
                       "{\"@type\":\"Person\",\"name\":\"A One\"},"
                       "\"B Two\"]}</script>")
                .author,
            "A One, B Two");
}

TEST(ParseHtml, Dates) {
  EXPECT_EQ(parse_html("<meta name='date' content='2020-01-02'>").date_raw,
            "2020-01-02");
  EXPECT_EQ(
      parse_html("<meta name='DC.date.issued' content='2020-01-03'>").date_raw,
      "2020-01-03");
  EXPECT_EQ(parse_html("<script type='application/ld+json'>"
                       "{\"@type\":\"BlogPosting\",\"dateCreated\":\"x\","
                       "\"datePublished\":\"2020-01-04\"}</script>")
                .date_raw,
            "2020-01-04");
  EXPECT_EQ(parse_html("<body><nav><time datetime='1999-01-01'>old</time>"
                       "</nav><article><p>Posted <time datetime="
                       "'2020-01-05T10:00Z'>Jan 5</time></article>")
                .date_raw,
            "2020-01-05T10:00Z");
  EXPECT_EQ(parse_html("<body><p>no date <time>today</time>").date_raw, "");
}

TEST(ParseHtml, TagsFromEverySourceWithoutRepeats) {
  const HtmlPage p = parse_html(
      "<meta property='article:tag' content='AI'>"
      "<meta property='article:tag' content='radiology'>"
      "<meta name='keywords' content='ai, imaging ,,radiology'>"
      "<meta name='news_keywords' content='cms'>"
      "<script type='application/ld+json'>{\"@type\":\"NewsArticle\","
      "\"keywords\":[\"CMS\",\"policy\"]}</script>");
  EXPECT_EQ(p.tags, (Strings{"AI", "radiology", "imaging", "cms", "policy"}));
}

TEST(ParseHtml, UrlSources) {
  EXPECT_EQ(parse_html("<link rel='canonical' href=' https://a.example/x '>"
                       "<script type='application/ld+json'>{\"@type\":"
                       "\"NewsArticle\",\"url\":\"https://b.example\"}"
                       "</script>")
                .url,
            "https://a.example/x");
  EXPECT_EQ(
      parse_html("<link rel='alternate canonical' href='https://c.example'>")
          .url,
      "https://c.example");
}

TEST(ParseHtml, JsonLdShapes) {
  // An @graph, an @type list, a non-article item first, a publisher
  // given as a string.
  const HtmlPage graph = parse_html(
      "<script type='application/ld+json'>{\"@context\":\"https://schema.org"
      "\",\"@graph\":[{\"@type\":\"WebSite\",\"name\":\"Site\"},"
      "{\"@type\":[\"ReportageNewsArticle\"],\"headline\":\"Graph\","
      "\"publisher\":\"Pub\"}]}</script>");
  EXPECT_EQ(graph.title, "Graph");
  EXPECT_EQ(graph.source, "Pub");
  // An array of items; the first script is malformed and ignored.
  const HtmlPage list = parse_html(
      "<script type='application/ld+json'>{\"@type\": \"NewsArticle\", "
      "headline: oops}</script>"
      "<script type='application/ld+json'>[{\"@type\":\"Organization\"},"
      "{\"@type\":\"NewsArticle\",\"name\":\"Listed\"}]</script>");
  EXPECT_EQ(list.title, "Listed");
  // A type that is not an article is not used.
  EXPECT_EQ(parse_html("<script type='application/ld+json'>{\"@type\":"
                       "\"Product\",\"name\":\"Widget\"}</script>")
                .title,
            "");
}

TEST(ParseHtml, BodyComesFromTheLongestArticle) {
  const HtmlPage p = parse_html(
      "<body><article><p>Teaser.</p></article>"
      "<article><header><h2>Story head</h2><p>By A</p></header>"
      "<p>The long story text.</p><footer>Related links</footer>"
      "<aside>Pull quote</aside></article><p>Outside</p>");
  EXPECT_EQ(p.body, "Story head\n\nBy A\n\nThe long story text.");
}

TEST(ParseHtml, BodyFallsBackToMainThenRoleMainThenBody) {
  EXPECT_EQ(parse_html("<body><p>Out</p><main><p>In main</p></main>").body,
            "In main");
  EXPECT_EQ(
      parse_html("<body><p>Out</p><div role='main'><p>In role</p></div>").body,
      "In role");
  EXPECT_EQ(parse_html("<body><header>Banner</header><p>Body text</p>"
                       "<footer>Foot</footer>")
                .body,
            "Body text");
  EXPECT_EQ(parse_html("Just some text").body, "Just some text");
  EXPECT_EQ(parse_html("").body, "");
  // An empty <article> does not hide the rest of the page.
  EXPECT_EQ(parse_html("<body><article></article><p>Real text</p>").body,
            "Real text");
}

TEST(ParseHtml, SkippedElements) {
  const HtmlPage p = parse_html(
      "<body><p>Keep</p><script>s</script><style>s</style>"
      "<noscript>n</noscript><template>t</template><nav>n</nav>"
      // (gumbo 0.10 puts text written straight inside <form> after it,
      // so the form's text here sits in an element, as it usually does.)
      "<form><label>f</label><input value='x'></form>"
      "<svg><text>v</text></svg>"
      "<iframe>i</iframe><button>b</button><select><option>o</select>"
      "<div hidden>h</div><div aria-hidden='true'>a</div>"
      "<div role='navigation'>r</div><div role='complementary'>c</div>"
      "<p>Also kept</p>");
  EXPECT_EQ(p.body, "Keep\n\nAlso kept");
}

TEST(ParseHtml, WhiteSpaceAndBreaks) {
  EXPECT_EQ(parse_html("<p>one\n   two\t three</p><p>four<br>five<br><br>six"
                       "</p>")
                .body,
            "one two three\n\nfour\nfive\n\nsix");
  EXPECT_EQ(parse_html("<p>a<b>b</b> <i>c</i>d</p>").body, "ab cd");
  EXPECT_EQ(parse_html("<pre>  x = 1\n  y = 2</pre><p>after</p>").body,
            "x = 1\n  y = 2\n\nafter");
  EXPECT_EQ(parse_html("<table><tr><th>A</th><th>B</th></tr>"
                       "<tr><td>1</td><td>2</td></tr></table>")
                .body,
            "A B\n1 2");
  EXPECT_EQ(parse_html("<ul><li>one<li>two</ul><p>x<img alt='pic'>y").body,
            "one\ntwo\n\nxy");
  EXPECT_EQ(parse_html("<p>caf&eacute; &amp; &#x4E2D;&#25991; &nbsp;!").body,
            "caf\u00e9 & \u4e2d\u6587 \u00a0!");
}

TEST(ParseHtml, AbsurdNestingDoesNotCrash) {
  std::string html = "<p>top</p>";
  for (int i = 0; i < 5000; ++i) html += "<div>";
  html += "deep";
  const HtmlPage p = parse_html(html);
  EXPECT_TRUE(p.body.starts_with("top"));
}

// Found by tests/fuzz (lede-fuzz-html): gumbo's int overflowed on huge
// numeric references, which gave bytes that are not UTF-8 or cut the text
// short. Each is one U+FFFD, as HTML5 says, and the text goes on.
TEST(ParseHtml, HugeNumericCharacterReferencesAreOneReplacementCharacter) {
  const HtmlPage p = parse_html(
      "<title>Bad &#2147483648; ref &#x100000041; end</title><body><p>a "
      "&#99999999999999999999 b &#4294967295; c &#1114111; d &#65;</p>");
  EXPECT_EQ(p.title, "Bad \uFFFD ref \uFFFD end");
  EXPECT_EQ(p.body, "a \uFFFD b \uFFFD c \U0010FFFF d A");
  EXPECT_EQ(html_fragment_text("<p>&#x80000000;&#x10FFFF;</p>"),
            "\uFFFD\U0010FFFF");
}

TEST(HtmlFragmentText, MarkdownsRawHtml) {
  EXPECT_EQ(html_fragment_text("<div class='x'>Some <b>bold</b> text</div>"
                               "<p>Next</p><!-- note --><script>x</script>"),
            "Some bold text\n\nNext");
  EXPECT_EQ(html_fragment_text("<!-- only a comment -->"), "");
}

TEST(DeclaredHtmlCharset, Forms) {
  struct Row {
    const char* html;
    const char* charset;
  };
  const Row rows[] = {
      {"<meta charset=\"utf-8\">", "utf-8"},
      {"<META CHARSET=UTF8>", "utf-8"},
      {"<meta charset='ISO-8859-1'>", "windows-1252"},
      {"<meta charset=latin1>", "windows-1252"},
      {"<meta charset=us-ascii>", "windows-1252"},
      {"<meta charset=\"windows-1251\">", "windows-1251"},
      {"<meta charset=\"utf-16le\">", "utf-8"},
      {"<meta http-equiv=\"Content-Type\" content=\"text/html; "
       "charset=Shift_JIS\">",
       "shift_jis"},
      {"<meta name=x content=y><meta charset = 'koi8-r' />", "koi8-r"},
      {"<html><body>no meta", ""},
      {"<meta name='description' content='charset'>", ""},
  };
  for (const Row& r : rows) {
    EXPECT_EQ(declared_html_charset(r.html), r.charset) << r.html;
  }
  // Only the first 1024 bytes are looked at.
  EXPECT_EQ(
      declared_html_charset(std::string(1100, ' ') + "<meta charset=latin1>"),
      "");
}

TEST(TextBuilder, BreaksOnlyBetweenText) {
  TextBuilder b;
  b.request_break(2);
  b.text("  a  b ");
  b.request_break(1);
  b.request_break(2);
  b.request_break(1);
  b.text("c");
  b.line_break();
  b.text("\n d");
  b.request_space();
  b.text("e");
  b.request_break(2);
  EXPECT_EQ(b.str(), "a b\n\nc\nd e");
}

}  // namespace
}  // namespace lede::indexer
