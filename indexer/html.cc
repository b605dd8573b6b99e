#include "indexer/html.h"

#include <gumbo.h>

#include <algorithm>
#include <cstdint>
#include <cstring>
#include <nlohmann/json.hpp>
#include "indexer/html_depth.h"
#include "indexer/text_util.h"

namespace lede::indexer {

namespace {

using nlohmann::json;

// Deeper elements than this are not walked: the text of absurdly nested
// markup is dropped rather than risking the stack. gumbo sees no element
// deeper than kMaxHtmlDepth (html_depth.h), so this is only a backstop for
// where its tree and the depth guard's model of it differ.
constexpr int kMaxDepth = 1000;

bool is_element(const GumboNode* n) {
  return n->type == GUMBO_NODE_ELEMENT || n->type == GUMBO_NODE_TEMPLATE;
}

GumboTag tag_of(const GumboNode* n) {
  return is_element(n) ? n->v.element.tag : GUMBO_TAG_UNKNOWN;
}

bool is_html(const GumboNode* n, GumboTag tag) {
  return is_element(n) && n->v.element.tag == tag &&
         n->v.element.tag_namespace == GUMBO_NAMESPACE_HTML;
}

std::string_view attr(const GumboNode* n, const char* name) {
  if (!is_element(n)) return {};
  const GumboAttribute* a = gumbo_get_attribute(&n->v.element.attributes, name);
  return a == nullptr || a->value == nullptr ? std::string_view()
                                             : std::string_view(a->value);
}

bool has_attr(const GumboNode* n, const char* name) {
  return is_element(n) &&
         gumbo_get_attribute(&n->v.element.attributes, name) != nullptr;
}

const GumboVector* children_of(const GumboNode* n) {
  if (n->type == GUMBO_NODE_DOCUMENT) return &n->v.document.children;
  if (is_element(n)) return &n->v.element.children;
  return nullptr;
}

// Elements whose content is never article text.
bool skipped(const GumboNode* n, bool in_section) {
  if (!is_element(n)) return false;
  if (n->v.element.tag_namespace == GUMBO_NAMESPACE_SVG) return true;
  switch (n->v.element.tag) {
    case GUMBO_TAG_SCRIPT:
    case GUMBO_TAG_STYLE:
    case GUMBO_TAG_NOSCRIPT:
    case GUMBO_TAG_TEMPLATE:
    case GUMBO_TAG_NAV:
    case GUMBO_TAG_ASIDE:
    case GUMBO_TAG_FORM:
    case GUMBO_TAG_SVG:
    case GUMBO_TAG_IFRAME:
    case GUMBO_TAG_BUTTON:
    case GUMBO_TAG_SELECT:
    case GUMBO_TAG_CANVAS:
    case GUMBO_TAG_OBJECT:
    case GUMBO_TAG_EMBED:
    case GUMBO_TAG_HEAD:
    case GUMBO_TAG_TITLE:
    case GUMBO_TAG_FOOTER:
      return true;
    case GUMBO_TAG_HEADER:
      if (!in_section) return true;
      break;
    default:
      break;
  }
  if (has_attr(n, "hidden")) return true;
  if (equals_ci(attr(n, "aria-hidden"), "true")) return true;
  const std::string_view role = attr(n, "role");
  return equals_ci(role, "navigation") || equals_ci(role, "banner") ||
         equals_ci(role, "contentinfo") || equals_ci(role, "complementary");
}

// Line breaks an element asks for around itself: 2 for paragraphs, 1 for
// lines, 0 for inline content.
int block_breaks(GumboTag tag) {
  switch (tag) {
    case GUMBO_TAG_P:
    case GUMBO_TAG_H1:
    case GUMBO_TAG_H2:
    case GUMBO_TAG_H3:
    case GUMBO_TAG_H4:
    case GUMBO_TAG_H5:
    case GUMBO_TAG_H6:
    case GUMBO_TAG_BLOCKQUOTE:
    case GUMBO_TAG_PRE:
    case GUMBO_TAG_TABLE:
    case GUMBO_TAG_UL:
    case GUMBO_TAG_OL:
    case GUMBO_TAG_DL:
    case GUMBO_TAG_FIGURE:
    case GUMBO_TAG_HR:
    case GUMBO_TAG_SECTION:
    case GUMBO_TAG_ARTICLE:
    case GUMBO_TAG_HEADER:
    case GUMBO_TAG_ADDRESS:
    case GUMBO_TAG_DETAILS:
    case GUMBO_TAG_FIELDSET:
    case GUMBO_TAG_MAIN:
      return 2;
    case GUMBO_TAG_DIV:
    case GUMBO_TAG_LI:
    case GUMBO_TAG_TR:
    case GUMBO_TAG_DT:
    case GUMBO_TAG_DD:
    case GUMBO_TAG_FIGCAPTION:
    case GUMBO_TAG_SUMMARY:
    case GUMBO_TAG_CAPTION:
    case GUMBO_TAG_CENTER:
    case GUMBO_TAG_LEGEND:
    case GUMBO_TAG_BODY:
      return 1;
    default:
      return 0;
  }
}

void collect_text(const GumboNode* n, TextBuilder* out, bool pre,
                  bool in_section, int depth) {
  switch (n->type) {
    case GUMBO_NODE_TEXT:
    case GUMBO_NODE_CDATA:
    case GUMBO_NODE_WHITESPACE:
      out->text(n->v.text.text, pre);
      return;
    case GUMBO_NODE_COMMENT:
      return;
    default:
      break;
  }
  if (depth > kMaxDepth) return;
  if (skipped(n, in_section)) return;
  const GumboTag tag = tag_of(n);
  if (tag == GUMBO_TAG_BR) {
    out->line_break();
    return;
  }
  const int breaks = block_breaks(tag);
  const bool cell = tag == GUMBO_TAG_TD || tag == GUMBO_TAG_TH;
  if (breaks > 0) out->request_break(breaks);
  if (cell) out->request_space();
  const bool child_pre = pre || tag == GUMBO_TAG_PRE ||
                         tag == GUMBO_TAG_TEXTAREA || tag == GUMBO_TAG_LISTING;
  const bool child_section =
      in_section || tag == GUMBO_TAG_ARTICLE || tag == GUMBO_TAG_SECTION;
  if (const GumboVector* kids = children_of(n)) {
    for (unsigned i = 0; i < kids->length; ++i) {
      collect_text(static_cast<const GumboNode*>(kids->data[i]), out, child_pre,
                   child_section, depth + 1);
    }
  }
  if (breaks > 0) out->request_break(breaks);
  if (cell) out->request_space();
}

std::string text_of(const GumboNode* n, bool in_section) {
  TextBuilder b;
  collect_text(n, &b, false, in_section, 0);
  return b.take();
}

// The raw text children of an element (<title>, <script>).
std::string raw_text(const GumboNode* n) {
  std::string out;
  if (const GumboVector* kids = children_of(n)) {
    for (unsigned i = 0; i < kids->length; ++i) {
      const auto* k = static_cast<const GumboNode*>(kids->data[i]);
      if (k->type == GUMBO_NODE_TEXT || k->type == GUMBO_NODE_WHITESPACE ||
          k->type == GUMBO_NODE_CDATA) {
        out += k->v.text.text;
      }
    }
  }
  return out;
}

// Everything found in one pass over the tree.
struct Scan {
  const GumboNode* title = nullptr;
  const GumboNode* first_h1 = nullptr;
  const GumboNode* first_time = nullptr;
  const GumboNode* main = nullptr;
  const GumboNode* role_main = nullptr;
  const GumboNode* body = nullptr;
  std::vector<const GumboNode*> articles;  // not inside another article
  std::vector<std::pair<std::string, std::string>> metas;  // key, content
  std::string canonical;
  std::vector<std::string> json_ld;
};

void scan(const GumboNode* n, Scan* s, bool in_article, bool in_svg,
          int depth) {
  if (!is_element(n) && n->type != GUMBO_NODE_DOCUMENT) return;
  if (depth > kMaxDepth) return;
  bool child_in_article = in_article;
  const bool svg = in_svg || (is_element(n) && n->v.element.tag_namespace !=
                                                   GUMBO_NAMESPACE_HTML);
  if (is_element(n) && !svg) {
    switch (n->v.element.tag) {
      case GUMBO_TAG_TITLE:
        if (s->title == nullptr) s->title = n;
        break;
      case GUMBO_TAG_H1:
        if (s->first_h1 == nullptr) s->first_h1 = n;
        break;
      case GUMBO_TAG_TIME:
        if (s->first_time == nullptr && !attr(n, "datetime").empty()) {
          s->first_time = n;
        }
        break;
      case GUMBO_TAG_MAIN:
        if (s->main == nullptr) s->main = n;
        break;
      case GUMBO_TAG_BODY:
        if (s->body == nullptr) s->body = n;
        break;
      case GUMBO_TAG_ARTICLE:
        if (!in_article) s->articles.push_back(n);
        child_in_article = true;
        break;
      case GUMBO_TAG_META: {
        const std::string_view content = attr(n, "content");
        for (const char* key : {"property", "name", "itemprop"}) {
          const std::string_view k = attr(n, key);
          if (!k.empty()) {
            s->metas.emplace_back(lower(trim(k)), std::string(content));
            break;
          }
        }
        break;
      }
      case GUMBO_TAG_LINK:
        if (s->canonical.empty()) {
          // rel is a list of blank-separated tokens.
          std::string_view rel = attr(n, "rel");
          while (!rel.empty()) {
            rel = trim(rel);
            const std::size_t end =
                std::min(rel.find_first_of(" \t\n\r\f"), rel.size());
            if (equals_ci(rel.substr(0, end), "canonical")) {
              s->canonical = std::string(trim(attr(n, "href")));
              break;
            }
            rel.remove_prefix(end);
          }
        }
        break;
      case GUMBO_TAG_SCRIPT:
        if (equals_ci(trim(attr(n, "type")), "application/ld+json")) {
          s->json_ld.push_back(raw_text(n));
        }
        break;
      default:
        break;
    }
    if (s->role_main == nullptr && equals_ci(attr(n, "role"), "main")) {
      s->role_main = n;
    }
  }
  if (const GumboVector* kids = children_of(n)) {
    for (unsigned i = 0; i < kids->length; ++i) {
      scan(static_cast<const GumboNode*>(kids->data[i]), s, child_in_article,
           svg, depth + 1);
    }
  }
}

// The first <tag> under n (n included), in document order; for <time>,
// the first with a datetime attribute.
const GumboNode* find_first(const GumboNode* n, GumboTag tag, int depth) {
  if ((!is_element(n) && n->type != GUMBO_NODE_DOCUMENT) || depth > kMaxDepth) {
    return nullptr;
  }
  if (is_html(n, tag) &&
      (tag != GUMBO_TAG_TIME || !attr(n, "datetime").empty())) {
    return n;
  }
  const GumboVector* kids = children_of(n);
  for (unsigned i = 0; kids != nullptr && i < kids->length; ++i) {
    if (const GumboNode* t = find_first(
            static_cast<const GumboNode*>(kids->data[i]), tag, depth + 1)) {
      return t;
    }
  }
  return nullptr;
}

// --- JSON-LD -----------------------------------------------------------

bool is_article_type(const json& type) {
  auto one = [](const json& t) {
    if (!t.is_string()) return false;
    const std::string& s = t.get_ref<const std::string&>();
    return s.ends_with("Article") || s.ends_with("BlogPosting");
  };
  if (type.is_array()) return std::any_of(type.begin(), type.end(), one);
  return one(type);
}

const json* find_article(const json& j, int depth) {
  if (depth > 8) return nullptr;
  if (j.is_array()) {
    for (const json& item : j) {
      if (const json* a = find_article(item, depth + 1)) return a;
    }
    return nullptr;
  }
  if (!j.is_object()) return nullptr;
  if (auto t = j.find("@type"); t != j.end() && is_article_type(*t)) {
    return &j;
  }
  if (auto g = j.find("@graph"); g != j.end()) {
    return find_article(*g, depth + 1);
  }
  return nullptr;
}

// A JSON-LD value as text: a string, an object's name, a list joined.
std::string ld_text(const json& v, int depth = 0) {
  if (v.is_string()) return collapse_space(v.get_ref<const std::string&>());
  if (v.is_number()) return v.dump();
  if (depth > 4) return {};
  if (v.is_object()) {
    for (const char* k : {"name", "@value"}) {
      if (auto it = v.find(k); it != v.end()) return ld_text(*it, depth + 1);
    }
    return {};
  }
  if (v.is_array()) {
    std::string out;
    for (const json& item : v) {
      const std::string t = ld_text(item, depth + 1);
      if (t.empty()) continue;
      if (!out.empty()) out += ", ";
      out += t;
    }
    return out;
  }
  return {};
}

std::string ld_field(const json& obj, std::initializer_list<const char*> keys) {
  for (const char* k : keys) {
    if (auto it = obj.find(k); it != obj.end()) {
      std::string t = ld_text(*it);
      if (!t.empty()) return t;
    }
  }
  return {};
}

void split_commas(std::string_view s, std::vector<std::string>* out) {
  while (!s.empty()) {
    const auto comma = s.find(',');
    const std::string item = collapse_space(s.substr(0, comma));
    if (!item.empty()) out->push_back(item);
    if (comma == std::string_view::npos) break;
    s.remove_prefix(comma + 1);
  }
}

void add_tags(std::vector<std::string> found, std::vector<std::string>* tags) {
  for (std::string& t : found) {
    const bool dup = std::any_of(
        tags->begin(), tags->end(),
        [&](const std::string& have) { return equals_ci(have, t); });
    if (!dup && !t.empty()) tags->push_back(std::move(t));
  }
}

std::string clean_author(std::string a) {
  a = collapse_space(a);
  if (a.size() > 3 && equals_ci(std::string_view(a).substr(0, 3), "by ")) {
    a = std::string(trim(std::string_view(a).substr(3)));
  }
  return a;
}

bool is_url(std::string_view s) {
  return s.starts_with("http://") || s.starts_with("https://") ||
         s.starts_with("//");
}

// <title> without a separator and the site's name (or with only the
// headline when it repeats the first <h1>).
std::string clean_title(const std::string& title, const std::string& source,
                        const std::string& h1) {
  static constexpr std::string_view kSeps[] = {
      " | ",  " - ",      " \u2013 ", " \u2014 ", " \u00B7 ",
      " :: ", " \u00BB ", " \u00AB ", " || "};
  if (!source.empty()) {
    for (std::string_view sep : kSeps) {
      const auto last = title.rfind(sep);
      if (last != std::string::npos &&
          equals_ci(trim(std::string_view(title).substr(last + sep.size())),
                    source)) {
        return std::string(trim(std::string_view(title).substr(0, last)));
      }
      const auto first = title.find(sep);
      if (first != std::string::npos &&
          equals_ci(trim(std::string_view(title).substr(0, first)), source)) {
        return std::string(
            trim(std::string_view(title).substr(first + sep.size())));
      }
    }
  }
  if (!h1.empty() && title.size() > h1.size() && title.starts_with(h1)) {
    const std::string_view rest = std::string_view(title).substr(h1.size());
    for (std::string_view sep : kSeps) {
      if (rest.starts_with(sep)) return h1;
    }
  }
  return title;
}

// gumbo 0.10 adds up the digits of a numeric character reference in an
// int that overflows: "&#2147483648;" comes out as a stray byte that is not
// UTF-8 or as a NUL that ends its text (google/gumbo-parser#356, found by
// tests/fuzz). HTML5 reads every reference over U+10FFFF as U+FFFD: give
// gumbo those as "&#xFFFD" instead. Returns `html` itself when it has none,
// else the rewritten text, kept in *buf.
std::string_view without_huge_char_refs(std::string_view html,
                                        std::string* buf) {
  std::size_t done = 0;  // html[0, done) is in *buf when *buf is used
  for (std::size_t at = html.find("&#"); at != std::string_view::npos;
       at = html.find("&#", at + 2)) {
    std::size_t i = at + 2;
    const bool hex = i < html.size() && (html[i] == 'x' || html[i] == 'X');
    if (hex) ++i;
    std::uint32_t value = 0;
    const std::size_t digits = i;
    for (; i < html.size(); ++i) {
      const char c = html[i];
      int d = -1;
      if (c >= '0' && c <= '9') d = c - '0';
      if (hex && c >= 'a' && c <= 'f') d = c - 'a' + 10;
      if (hex && c >= 'A' && c <= 'F') d = c - 'A' + 10;
      if (d < 0) break;
      value = std::min<std::uint32_t>(value * (hex ? 16 : 10) + d, 0x110000);
    }
    if (i == digits || value <= 0x10FFFF) continue;
    buf->append(html.substr(done, at - done));
    buf->append("&#xFFFD");
    done = i;
  }
  if (done == 0) return html;
  buf->append(html.substr(done));
  return *buf;
}

class GumboDoc {
 public:
  explicit GumboDoc(std::string_view html) {
    FlatHtml flat = flatten_deep_html(html);
    dropped_tags_ = flat.dropped_tags;
    if (dropped_tags_ > 0) {
      flat_ = std::move(flat.html);
      html = flat_;
    }
    options_ = kGumboDefaultOptions;
    options_.max_errors = 0;  // we do not report them: do not keep them
    // gumbo points into the text it parses: it lives as long as we do.
    html = without_huge_char_refs(html, &text_);
    output_ = gumbo_parse_with_options(&options_, html.data(), html.size());
  }
  ~GumboDoc() { gumbo_destroy_output(&options_, output_); }
  GumboDoc(const GumboDoc&) = delete;
  GumboDoc& operator=(const GumboDoc&) = delete;
  [[nodiscard]] const GumboNode* document() const { return output_->document; }
  [[nodiscard]] std::size_t dropped_tags() const { return dropped_tags_; }

 private:
  std::string flat_;  // the page without its too deep tags, when it had any
  std::size_t dropped_tags_ = 0;
  std::string text_;  // the text given to gumbo, when rewritten
  GumboOptions options_;
  GumboOutput* output_;
};

}  // namespace

// --- TextBuilder --------------------------------------------------------

void TextBuilder::flush_pending() {
  if (out_.empty()) {
    breaks_ = 0;
    space_ = false;
    return;
  }
  if (breaks_ > 0) {
    while (!out_.empty() && (out_.back() == ' ' || out_.back() == '\t')) {
      out_.pop_back();
    }
    int have = 0;
    for (auto it = out_.rbegin(); it != out_.rend() && *it == '\n'; ++it) {
      ++have;
    }
    for (int i = have; i < breaks_; ++i) out_ += '\n';
  } else if (space_ && !is_ascii_space(out_.back())) {
    out_ += ' ';
  }
  breaks_ = 0;
  space_ = false;
}

void TextBuilder::text(std::string_view text, bool preformatted) {
  for (char c : text) {
    if (!preformatted && is_ascii_space(c)) {
      space_ = true;
      continue;
    }
    if (preformatted && c == '\r') continue;
    if (preformatted && c == '\n' && out_.empty()) continue;
    flush_pending();
    out_ += c;
  }
}

void TextBuilder::request_break(int newlines) {
  breaks_ = std::max(breaks_, std::min(newlines, 2));
}

void TextBuilder::line_break() { breaks_ = std::min(breaks_ + 1, 2); }

void TextBuilder::request_space() { space_ = true; }

// --- Pages ----------------------------------------------------------------

HtmlPage parse_html(std::string_view html) {
  GumboDoc doc(html);
  Scan s;
  scan(doc.document(), &s, false, false, 0);
  HtmlPage page;

  auto meta = [&](std::initializer_list<const char*> keys) -> std::string {
    for (const char* key : keys) {
      for (const auto& [k, v] : s.metas) {
        if (k == key) {
          std::string c = collapse_space(v);
          if (!c.empty()) return c;
        }
      }
    }
    return {};
  };

  const json* ld = nullptr;
  json ld_holder;  // keeps the JSON-LD item `ld` points into alive
  for (const std::string& text : s.json_ld) {
    json j = json::parse(text, nullptr, /*allow_exceptions=*/false);
    if (j.is_discarded()) continue;
    if (find_article(j, 0) != nullptr) {
      ld_holder = std::move(j);
      ld = find_article(ld_holder, 0);
      break;
    }
  }
  const json empty = json::object();
  const json& article_ld = ld != nullptr ? *ld : empty;

  // The element whose text is the body.
  const GumboNode* root = nullptr;
  std::string body;
  if (!s.articles.empty()) {
    for (const GumboNode* a : s.articles) {
      std::string t = text_of(a, false);
      if (root == nullptr || t.size() > body.size()) {
        root = a;
        body = std::move(t);
      }
    }
  }
  for (const GumboNode* candidate :
       {s.main, s.role_main, s.body, doc.document()}) {
    if (!trim(body).empty()) break;
    if (candidate == nullptr) continue;
    root = candidate;
    body = text_of(candidate, false);
  }
  page.body = std::string(trim(body));
  page.dropped_tags = doc.dropped_tags();

  page.source = meta({"og:site_name"});
  if (page.source.empty()) page.source = ld_field(article_ld, {"publisher"});

  // The first <h1> of the body's element: a site's banner may have one.
  const GumboNode* h1_node =
      root != nullptr ? find_first(root, GUMBO_TAG_H1, 0) : nullptr;
  if (h1_node == nullptr) h1_node = s.first_h1;
  const std::string h1 =
      h1_node != nullptr ? collapse_space(text_of(h1_node, true)) : "";
  page.title = meta({"og:title"});
  if (page.title.empty())
    page.title = ld_field(article_ld, {"headline", "name"});
  if (page.title.empty() && s.title != nullptr) {
    page.title = clean_title(collapse_space(raw_text(s.title)), page.source, h1);
  }
  if (page.title.empty()) page.title = h1;

  page.author = meta({"author"});
  if (page.author.empty()) {
    const std::string a = meta({"article:author"});
    if (!is_url(a)) page.author = a;
  }
  if (page.author.empty()) page.author = meta({"dc.creator"});
  if (page.author.empty()) page.author = ld_field(article_ld, {"author"});
  page.author = clean_author(page.author);

  page.url = meta({"og:url"});
  if (page.url.empty()) page.url = s.canonical;
  if (page.url.empty()) page.url = ld_field(article_ld, {"url"});

  page.date_raw =
      meta({"article:published_time", "date", "pubdate", "publishdate",
            "dc.date", "dc.date.issued", "datepublished"});
  if (page.date_raw.empty()) {
    page.date_raw = ld_field(article_ld, {"datePublished", "dateCreated"});
  }
  if (page.date_raw.empty()) {
    const GumboNode* t =
        root != nullptr ? find_first(root, GUMBO_TAG_TIME, 0) : nullptr;
    if (t == nullptr) t = s.first_time;
    if (t != nullptr) page.date_raw = collapse_space(attr(t, "datetime"));
  }

  std::vector<std::string> tags;
  for (const auto& [k, v] : s.metas) {
    if (k == "article:tag") tags.push_back(collapse_space(v));
  }
  add_tags(std::move(tags), &page.tags);
  for (const char* key : {"keywords", "news_keywords"}) {
    for (const auto& [k, v] : s.metas) {
      if (k != key) continue;
      std::vector<std::string> found;
      split_commas(v, &found);
      add_tags(std::move(found), &page.tags);
    }
  }
  if (auto kw = article_ld.find("keywords"); kw != article_ld.end()) {
    std::vector<std::string> found;
    if (kw->is_string()) {
      split_commas(kw->get_ref<const std::string&>(), &found);
    } else if (kw->is_array()) {
      for (const json& k : *kw) {
        std::string t = ld_text(k);
        if (!t.empty()) found.push_back(std::move(t));
      }
    }
    add_tags(std::move(found), &page.tags);
  }
  return page;
}

std::string html_fragment_text(std::string_view html) {
  GumboDoc doc(html);
  return std::string(trim(text_of(doc.document(), false)));
}

std::string declared_html_charset(std::string_view html) {
  const std::string head = lower(html.substr(0, 1024));
  std::string label;
  for (std::size_t at = head.find("<meta"); at != std::string::npos;
       at = head.find("<meta", at + 5)) {
    const std::size_t end = std::min(head.find('>', at), head.size());
    const std::string_view tag = std::string_view(head).substr(at, end - at);
    const auto cs = tag.find("charset");
    if (cs == std::string_view::npos) continue;
    std::string_view rest = trim(tag.substr(cs + 7));
    if (!rest.starts_with('=')) continue;
    rest = trim(rest.substr(1));
    if (!rest.empty() && (rest.front() == '"' || rest.front() == '\'')) {
      rest.remove_prefix(1);
    }
    const auto stop = rest.find_first_of("\"'; \t\n\r/>");
    label = std::string(rest.substr(0, stop));
    if (!label.empty()) break;
  }
  if (label.empty()) return {};
  if (label == "utf8" || label == "unicode-1-1-utf-8" ||
      label.starts_with("utf-16")) {
    return "utf-8";
  }
  static constexpr std::string_view kLatin1[] = {
      "iso-8859-1", "iso8859-1",  "iso_8859-1",  "latin1",         "l1",
      "us-ascii",   "ascii",      "cp1252",      "x-cp1252",       "cp819",
      "ibm819",     "iso-ir-100", "csisolatin1", "iso_8859-1:1987"};
  for (std::string_view l : kLatin1) {
    if (label == l) return "windows-1252";
  }
  return label;
}

}  // namespace lede::indexer
