#pragma once
// HTML pages -> an article's metadata and readable body text, through
// gumbo, an HTML5 parser (the WHATWG algorithm browsers use, so broken
// markup is repaired the way a browser would, and entities are decoded).
// Pure functions over UTF-8 text: no I/O, no charset guessing beyond
// reading what a page declares (the caller transcodes). Also home of
// TextBuilder, the plain-text assembler shared with the Markdown reader.
#include <string>
#include <string_view>
#include <vector>

namespace lede::indexer {

// What one HTML page says about itself. Empty strings when absent.
//
// Each field takes the first source that has a value, in this order:
//   title   <meta property="og:title">, JSON-LD headline (or name),
//           <title> (without a " | Site", " - Site", " — Site" ... part
//           when Site is the source below, or when the rest is the <h1>),
//           then the <h1>: the first in the body's element (see body),
//           else the first in the page
//   author  <meta name="author">, <meta property="article:author"> (when
//           not a URL), <meta name="dc.creator">, JSON-LD author (a
//           string, an object's name, or a list of them, joined ", ");
//           a leading "By " is dropped
//   date    <meta property="article:published_time">, <meta name=
//           "date" | "pubdate" | "publishdate" | "dc.date" |
//           "dc.date.issued">, <meta itemprop="datePublished">, JSON-LD
//           datePublished (then dateCreated), the first
//           <time datetime="..."> in the body text's element, then anywhere
//   source  <meta property="og:site_name">, JSON-LD publisher (name)
//   url     <meta property="og:url">, <link rel="canonical">, JSON-LD url
//   tags    every <meta property="article:tag">, <meta name="keywords"> and
//           <meta name="news_keywords"> (comma lists), JSON-LD keywords
//           (a comma list or an array) — all of them, in that order,
//           without repeats (compared case-insensitively)
// JSON-LD is any <script type="application/ld+json"> holding an object, an
// array or an "@graph" with an item whose @type (a string or a list) is
// one ending in "Article" (NewsArticle, ReportageNewsArticle ...) or
// "BlogPosting"; the first such item is used. Malformed JSON-LD is
// ignored.
//
// body is the text of the longest top-level <article>; else of <main> (or
// the element with role="main"); else of <body>; else of the whole page.
// It leaves out script, style, noscript, template, nav, aside, form, svg,
// iframe, button, select, canvas, object, embed, head and title elements,
// footer elements, header elements that are not inside an <article> or
// <section> (a site banner, not an article's headline block), elements
// with the hidden attribute or aria-hidden="true", and role="navigation",
// "banner", "contentinfo" or "complementary". Block elements (p, div, h1-h6,
// li, tr, blockquote, section ...) and <br> break lines; paragraphs are
// separated by a blank line; other white space collapses to one blank
// except inside <pre>. Images contribute nothing.
struct HtmlPage {
  std::string title;
  std::string author;
  std::string date_raw;
  std::string source;
  std::string url;
  std::vector<std::string> tags;
  std::string body;
  // Tags of elements nested deeper than kMaxHtmlDepth, left out before
  // parsing (html_depth.h): their text is in body, their markup ignored.
  std::size_t dropped_tags = 0;
};

// Extracts the above from `html`, which must be UTF-8 (ill-formed bytes
// become U+FFFD). Never fails: any input gives a page, possibly empty.
[[nodiscard]] HtmlPage parse_html(std::string_view html);

// The text of an HTML fragment (as the raw HTML blocks of Markdown), with
// the body rules above; no metadata.
[[nodiscard]] std::string html_fragment_text(std::string_view html);

// The character encoding an HTML page declares: <meta charset="...">, or
// <meta http-equiv="Content-Type" content="...; charset=..."> within its
// first 1024 bytes, lower-cased, with the WHATWG equivalences applied
// ("iso-8859-1", "latin1", "us-ascii" -> "windows-1252"; "utf8",
// "utf-16..." -> "utf-8"). "" when it declares none.
[[nodiscard]] std::string declared_html_charset(std::string_view html);

// Assembles readable plain text from a tree walk: text runs with white
// space collapsed, and requests for line or paragraph breaks that are
// honoured only between pieces of text (never leading, trailing or
// doubled). Thread-compatible; owns its text.
class TextBuilder {
 public:
  // Appends `text`, collapsing each run of white space to one blank
  // (`preformatted` keeps it as it is).
  void text(std::string_view text, bool preformatted = false);
  // Asks for `newlines` (1: a line break, 2: a blank line) before the next
  // text; the largest request since the last text wins.
  void request_break(int newlines);
  // A <br>: one line break more than already requested (at most 2).
  void line_break();
  // Asks for a blank between the previous and next text (a table cell).
  void request_space();
  [[nodiscard]] const std::string& str() const { return out_; }
  [[nodiscard]] std::string take() { return std::move(out_); }

 private:
  void flush_pending();
  std::string out_;
  int breaks_ = 0;
  bool space_ = false;
};

}  // namespace lede::indexer
