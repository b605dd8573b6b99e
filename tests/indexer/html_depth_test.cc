// Issue 14 item 6: elements nested deeper than kMaxHtmlDepth lose their
// markup, not their text, and a page nested less deeply is untouched.
#include "indexer/html_depth.h"

#include <gtest/gtest.h>

#include <filesystem>
#include <string>

#include "indexer/html.h"
#include "tests/testutil/testutil.h"

namespace lede::indexer {
namespace {

namespace fs = std::filesystem;

std::string repeat(const std::string& s, std::size_t n) {
  std::string out;
  out.reserve(s.size() * n);
  for (std::size_t i = 0; i < n; ++i) out += s;
  return out;
}

std::string nested(const std::string& tag, std::size_t n,
                   const std::string& inside) {
  return repeat("<" + tag + ">", n) + inside + repeat("</" + tag + ">", n);
}

TEST(FlattenDeepHtml, SamplePagesAreUntouched) {
  int pages = 0;
  for (const auto& e :
       fs::recursive_directory_iterator(lede::testing::sample_corpus())) {
    if (e.path().extension() != ".html") continue;
    ++pages;
    EXPECT_EQ(flatten_deep_html(lede::testing::read_file(e.path())).dropped_tags,
              0u)
        << e.path();
  }
  EXPECT_GT(pages, 3);
}

// What HTML leaves open without it being nesting: implied end tags, void
// elements, end tags that close what the start tags opened, raw text.
TEST(FlattenDeepHtml, ImpliedEndTagsAreNotNesting) {
  const std::size_t n = 2 * kMaxHtmlDepth;
  for (const std::string& page : {
           "<body>" + repeat("<p>para", n),
           "<ul>" + repeat("<li>item", n) + "</ul>",
           "<dl>" + repeat("<dt>term<dd>definition", n) + "</dl>",
           "<table>" + repeat("<tr><td>a<td>b<th>c", n) + "</table>",
           "<table><tbody>" + repeat("<tr><td>a</tbody><tbody>", n) +
               "</table>",
           "<select>" + repeat("<option>one<optgroup><option>two", n) +
               "</select>",
           repeat("<h2>heading<h3>sub", n),
           repeat("<a href='x'>link", n),
           repeat("<div><br><img src=x><input><hr/></div>", n),
           repeat("<div title='a > b' data-x=\"</div>\">x</div>", n),
           repeat("<p><span><b>bold</b></span></p>", n),
           repeat("<svg><path d='M0'/><circle/></svg>", n),
           repeat("<div>", 10) + "<script>" + repeat("<div>", n) +
               "</script><style>" + repeat("<b>", n) + "</style>" +
               "<textarea>" + repeat("<i>", n) + "</textarea>" +
               repeat("</div>", 10),
           "<!--" + repeat("<div>", n) + "-->",
           repeat("<div>", 100) + "<plaintext>" + repeat("<div>", n),
       }) {
    EXPECT_EQ(flatten_deep_html(page).dropped_tags, 0u) << page.substr(0, 80);
  }
}

TEST(FlattenDeepHtml, DeepElementsKeepTheirTextWithoutTheirMarkup) {
  const std::string page =
      "<html><body>" +
      nested("div", 100000, "deep <b>bold</b> text") + "</body></html>";
  const FlatHtml flat = flatten_deep_html(page);
  // The divs from kMaxHtmlDepth on, start and end, and the <b> inside.
  EXPECT_EQ(flat.dropped_tags, 2 * (100000 - kMaxHtmlDepth + 1));
  EXPECT_EQ(parse_html(page).body, "deep bold text");
  EXPECT_EQ(parse_html(page).dropped_tags, flat.dropped_tags);
  // At the bound exactly, nothing is left out.
  EXPECT_EQ(flatten_deep_html(nested("div", kMaxHtmlDepth, "x")).dropped_tags,
            0u);
  EXPECT_EQ(
      flatten_deep_html(nested("div", kMaxHtmlDepth + 1, "x")).dropped_tags,
      2u);
}

// Nesting that end tags do not undo: </span> never closes past a <div>,
// and </div> never closes past a <table>.
TEST(FlattenDeepHtml, EndTagsThatCloseNothingDoNotUndoNesting) {
  for (const std::string& page :
       {repeat("<span><div>text</span>", 5000),
        repeat("<div><table><td>cell</div>", 5000),
        repeat("<b><div>text</b>", 5000),
        repeat("<x-card><x-body>text</x-card-body>", 5000),
        repeat("<svg><g>text</svg-g>", 5000)}) {
    const FlatHtml flat = flatten_deep_html(page);
    EXPECT_GT(flat.dropped_tags, 0u) << page.substr(0, 40);
    const HtmlPage p = parse_html(page);
    EXPECT_EQ(p.dropped_tags, flat.dropped_tags);
    // The text of every level is still there.
    std::size_t words = 0;
    for (std::size_t at = p.body.find("text"); at != std::string::npos;
         at = p.body.find("text", at + 1)) {
      ++words;
    }
    for (std::size_t at = p.body.find("cell"); at != std::string::npos;
         at = p.body.find("cell", at + 1)) {
      ++words;
    }
    if (!page.starts_with("<svg>")) {  // (SVG text is not body text)
      EXPECT_EQ(words, 5000u) << page.substr(0, 40);
    }
  }
}

}  // namespace
}  // namespace lede::indexer
