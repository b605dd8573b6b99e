#include "indexer/html_depth.h"

#include <gumbo.h>

#include <cstdint>
#include <functional>
#include <vector>

#include "indexer/text_util.h"

namespace lede::indexer {

namespace {

// How far down the open elements the model looks for an element to close
// (the HTML5 rules look until a scope boundary, which real pages reach
// within a few levels). Bounds the work per tag, so that the whole pass is
// linear however deep a hostile page nests.
constexpr std::size_t kSearch = 128;

bool in(GumboTag t, std::initializer_list<GumboTag> set) {
  for (GumboTag s : set) {
    if (s == t) return true;
  }
  return false;
}

// Void elements: never opened.
bool is_void(GumboTag t) {
  return in(t, {GUMBO_TAG_AREA, GUMBO_TAG_BASE, GUMBO_TAG_BASEFONT,
                GUMBO_TAG_BGSOUND, GUMBO_TAG_BR, GUMBO_TAG_COL, GUMBO_TAG_EMBED,
                GUMBO_TAG_FRAME, GUMBO_TAG_HR, GUMBO_TAG_IMG, GUMBO_TAG_IMAGE,
                GUMBO_TAG_INPUT, GUMBO_TAG_KEYGEN, GUMBO_TAG_LINK,
                GUMBO_TAG_META, GUMBO_TAG_PARAM, GUMBO_TAG_SOURCE,
                GUMBO_TAG_TRACK, GUMBO_TAG_WBR, GUMBO_TAG_ISINDEX,
                GUMBO_TAG_MENUITEM});
}

// Elements whose content is text up to their end tag (RAWTEXT, RCDATA
// and script data in gumbo's tokenizer).
bool is_raw_text(GumboTag t) {
  return in(t, {GUMBO_TAG_SCRIPT, GUMBO_TAG_STYLE, GUMBO_TAG_XMP,
                GUMBO_TAG_IFRAME, GUMBO_TAG_NOEMBED, GUMBO_TAG_NOFRAMES,
                GUMBO_TAG_TEXTAREA, GUMBO_TAG_TITLE});
}

bool is_heading(GumboTag t) {
  return in(t, {GUMBO_TAG_H1, GUMBO_TAG_H2, GUMBO_TAG_H3, GUMBO_TAG_H4,
                GUMBO_TAG_H5, GUMBO_TAG_H6});
}

// The boundaries of "has an element in scope".
bool is_scope_boundary(GumboTag t) {
  return in(t, {GUMBO_TAG_APPLET, GUMBO_TAG_CAPTION, GUMBO_TAG_HTML,
                GUMBO_TAG_TABLE, GUMBO_TAG_TD, GUMBO_TAG_TH, GUMBO_TAG_MARQUEE,
                GUMBO_TAG_OBJECT, GUMBO_TAG_TEMPLATE});
}

bool is_table_scope_boundary(GumboTag t) {
  return t == GUMBO_TAG_TABLE || t == GUMBO_TAG_HTML || t == GUMBO_TAG_TEMPLATE;
}

bool is_table_part(GumboTag t) {
  return in(t, {GUMBO_TAG_TABLE, GUMBO_TAG_TBODY, GUMBO_TAG_THEAD,
                GUMBO_TAG_TFOOT, GUMBO_TAG_TR, GUMBO_TAG_TD, GUMBO_TAG_TH,
                GUMBO_TAG_CAPTION, GUMBO_TAG_COLGROUP});
}

// Start tags that close an open <p> ("close a p element").
bool closes_p(GumboTag t) {
  return is_heading(t) ||
         in(t, {GUMBO_TAG_ADDRESS, GUMBO_TAG_ARTICLE, GUMBO_TAG_ASIDE,
                GUMBO_TAG_BLOCKQUOTE, GUMBO_TAG_CENTER, GUMBO_TAG_DETAILS,
                GUMBO_TAG_DIR, GUMBO_TAG_DIV, GUMBO_TAG_DL, GUMBO_TAG_FIELDSET,
                GUMBO_TAG_FIGCAPTION, GUMBO_TAG_FIGURE, GUMBO_TAG_FOOTER,
                GUMBO_TAG_HEADER, GUMBO_TAG_HGROUP, GUMBO_TAG_MAIN,
                GUMBO_TAG_MENU, GUMBO_TAG_NAV, GUMBO_TAG_OL, GUMBO_TAG_P,
                GUMBO_TAG_SECTION, GUMBO_TAG_SUMMARY, GUMBO_TAG_UL,
                GUMBO_TAG_PRE, GUMBO_TAG_LISTING, GUMBO_TAG_FORM,
                GUMBO_TAG_TABLE, GUMBO_TAG_LI, GUMBO_TAG_DD, GUMBO_TAG_DT});
}

// The "special" category: an end tag of another element never closes
// past one of these.
bool is_special(GumboTag t) {
  return closes_p(t) || is_scope_boundary(t) || is_void(t) ||
         is_raw_text(t) ||
         in(t, {GUMBO_TAG_BODY, GUMBO_TAG_BUTTON, GUMBO_TAG_COLGROUP,
                GUMBO_TAG_FRAMESET, GUMBO_TAG_HEAD, GUMBO_TAG_NOSCRIPT,
                GUMBO_TAG_SELECT, GUMBO_TAG_TBODY, GUMBO_TAG_TFOOT,
                GUMBO_TAG_THEAD, GUMBO_TAG_TR, GUMBO_TAG_PLAINTEXT});
}

bool ascii_alpha(char c) {
  const char l = ascii_lower(c);
  return l >= 'a' && l <= 'z';
}

// An element the model holds open: a known tag, or the hash of an unknown
// name (with the top bit set).
struct Open {
  std::uint32_t name;
  bool dropped;  // its start tag was left out
  bool foreign;  // in SVG or MathML
};

class Flattener {
 public:
  Flattener(std::string_view html, std::size_t max_depth)
      : html_(html), max_depth_(max_depth) {}

  FlatHtml run() {
    std::size_t pos = 0;
    while (pos < html_.size()) {
      const std::size_t lt = html_.find('<', pos);
      if (lt == std::string_view::npos) break;
      pos = tag(lt);
    }
    if (out_.dropped_tags > 0) out_.html.append(html_.substr(copied_));
    return std::move(out_);
  }

 private:
  // Handles the markup at html_[lt] == '<'; returns where text resumes.
  std::size_t tag(std::size_t lt) {
    const std::size_t n = html_.size();
    if (html_.compare(lt, 4, "<!--") == 0) {
      // "<!-->" and "<!--->" end at once, as in HTML5.
      const std::size_t end = html_.find("-->", lt + 2);
      return end == std::string_view::npos ? n : end + 3;
    }
    if (lt + 1 < n && (html_[lt + 1] == '!' || html_[lt + 1] == '?')) {
      const std::size_t end = html_.find('>', lt + 2);  // doctype, bogus comment
      return end == std::string_view::npos ? n : end + 1;
    }
    const bool end_tag = lt + 1 < n && html_[lt + 1] == '/';
    const std::size_t name_at = lt + (end_tag ? 2 : 1);
    if (name_at >= n || !ascii_alpha(html_[name_at])) return lt + 1;  // text
    std::size_t i = name_at;
    while (i < n && !is_ascii_space(html_[i]) && html_[i] != '/' &&
           html_[i] != '>') {
      ++i;
    }
    const std::string_view raw_name = html_.substr(name_at, i - name_at);
    // Attributes: a quoted value may hold '>'.
    bool self_closing = false;
    while (i < n && html_[i] != '>') {
      if (html_[i] == '=') {
        ++i;
        while (i < n && is_ascii_space(html_[i])) ++i;
        if (i < n && (html_[i] == '"' || html_[i] == '\'')) {
          const std::size_t close = html_.find(html_[i], i + 1);
          i = close == std::string_view::npos ? n : close + 1;
        }
        self_closing = false;
        continue;
      }
      self_closing = html_[i] == '/';
      ++i;
    }
    if (i >= n) return n;  // a tag cut off by the end is no tag
    const std::size_t end = i + 1;
    const std::uint32_t name = name_of(raw_name);
    if (end_tag) {
      close(name, lt, end);
      return end;
    }
    return open(name, self_closing, raw_name, lt, end);
  }

  static std::uint32_t name_of(std::string_view raw) {
    char buf[32];
    GumboTag tag = GUMBO_TAG_UNKNOWN;
    if (raw.size() < sizeof buf) {
      for (std::size_t i = 0; i < raw.size(); ++i) buf[i] = ascii_lower(raw[i]);
      tag = gumbo_tagn_enum(buf, static_cast<unsigned>(raw.size()));
    }
    if (tag != GUMBO_TAG_UNKNOWN) return static_cast<std::uint32_t>(tag);
    return static_cast<std::uint32_t>(std::hash<std::string>{}(lower(raw))) |
           0x80000000u;
  }

  static GumboTag tag_of(std::uint32_t name) {
    return (name & 0x80000000u) != 0 ? GUMBO_TAG_UNKNOWN
                                     : static_cast<GumboTag>(name);
  }

  // The index of the nearest open element for which `match` holds, looking
  // down from the top until `stop` holds (or kSearch elements); npos when
  // none.
  template <typename Match, typename Stop>
  std::size_t find(Match match, Stop stop) const {
    for (std::size_t k = 0; k < stack_.size() && k < kSearch; ++k) {
      const Open& e = stack_[stack_.size() - 1 - k];
      if (match(e)) return stack_.size() - 1 - k;
      if (stop(e)) break;
    }
    return std::string_view::npos;
  }

  // Closes the element at `at` and everything above it; whether it was
  // left out (then so is its end tag).
  bool pop_through(std::size_t at) {
    const bool dropped = stack_[at].dropped;
    stack_.resize(at);
    return dropped;
  }

  bool is_tag(const Open& e, GumboTag t) const {
    return !e.foreign && e.name == static_cast<std::uint32_t>(t);
  }

  void close_in_scope(std::initializer_list<GumboTag> tags,
                      std::initializer_list<GumboTag> extra_stops = {}) {
    const std::size_t at = find(
        [&](const Open& e) { return !e.foreign && in(tag_of(e.name), tags); },
        [&](const Open& e) {
          return e.foreign || is_scope_boundary(tag_of(e.name)) ||
                 in(tag_of(e.name), extra_stops);
        });
    if (at != std::string_view::npos) pop_through(at);
  }

  // Closes the nearest of `tags` in table scope (the cells and rows above
  // it too), unless one of `extra_stops` comes first.
  void close_in_table(std::initializer_list<GumboTag> tags,
                      std::initializer_list<GumboTag> extra_stops = {}) {
    const std::size_t at = find(
        [&](const Open& e) { return !e.foreign && in(tag_of(e.name), tags); },
        [&](const Open& e) {
          return e.foreign || is_table_scope_boundary(tag_of(e.name)) ||
                 in(tag_of(e.name), extra_stops);
        });
    if (at != std::string_view::npos) pop_through(at);
  }

  // The end tags a start tag implies (HTML5 "in body" and "in table").
  void implied_ends(GumboTag t) {
    if (closes_p(t)) close_in_scope({GUMBO_TAG_P}, {GUMBO_TAG_BUTTON});
    if (is_heading(t) && !stack_.empty() &&
        !stack_.back().foreign && is_heading(tag_of(stack_.back().name))) {
      stack_.pop_back();
    }
    auto close_item = [&](std::initializer_list<GumboTag> items) {
      const std::size_t at = find(
          [&](const Open& e) { return !e.foreign && in(tag_of(e.name), items); },
          [&](const Open& e) {
            const GumboTag s = tag_of(e.name);
            return e.foreign || (is_special(s) && s != GUMBO_TAG_ADDRESS &&
                                 s != GUMBO_TAG_DIV && s != GUMBO_TAG_P);
          });
      if (at != std::string_view::npos) pop_through(at);
    };
    switch (t) {
      case GUMBO_TAG_LI:
        close_item({GUMBO_TAG_LI});
        break;
      case GUMBO_TAG_DD:
      case GUMBO_TAG_DT:
        close_item({GUMBO_TAG_DD, GUMBO_TAG_DT});
        break;
      case GUMBO_TAG_A:
      case GUMBO_TAG_NOBR:
      case GUMBO_TAG_BUTTON:
      case GUMBO_TAG_SELECT:
        close_in_scope({t});
        break;
      case GUMBO_TAG_OPTION:
      case GUMBO_TAG_OPTGROUP:
        if (!stack_.empty() && is_tag(stack_.back(), GUMBO_TAG_OPTION)) {
          stack_.pop_back();
        }
        if (t == GUMBO_TAG_OPTGROUP && !stack_.empty() &&
            is_tag(stack_.back(), GUMBO_TAG_OPTGROUP)) {
          stack_.pop_back();
        }
        break;
      case GUMBO_TAG_TR:
        close_in_table({GUMBO_TAG_TR},
                       {GUMBO_TAG_TBODY, GUMBO_TAG_THEAD, GUMBO_TAG_TFOOT});
        break;
      case GUMBO_TAG_TD:
      case GUMBO_TAG_TH:
        close_in_table({GUMBO_TAG_TD, GUMBO_TAG_TH}, {GUMBO_TAG_TR});
        break;
      case GUMBO_TAG_TBODY:
      case GUMBO_TAG_THEAD:
      case GUMBO_TAG_TFOOT:
        close_in_table({GUMBO_TAG_TBODY, GUMBO_TAG_THEAD, GUMBO_TAG_TFOOT});
        break;
      case GUMBO_TAG_TABLE:  // a table straight in a table ends it
        if (!stack_.empty() && is_tag(stack_.back(), GUMBO_TAG_TABLE)) {
          stack_.pop_back();
        }
        break;
      default:
        break;
    }
  }

  std::size_t open(std::uint32_t name, bool self_closing,
                   std::string_view raw_name, std::size_t lt, std::size_t end) {
    const GumboTag t = tag_of(name);
    const bool in_foreign = !stack_.empty() && stack_.back().foreign;
    const bool foreign =
        in_foreign || t == GUMBO_TAG_SVG || t == GUMBO_TAG_MATH;
    if (foreign) {
      if (!self_closing) push(name, true, lt, end);
      return end;
    }
    if (t == GUMBO_TAG_HTML || t == GUMBO_TAG_HEAD || t == GUMBO_TAG_BODY ||
        t == GUMBO_TAG_FRAMESET || is_void(t)) {
      return end;  // merged into the page's own, or never opened
    }
    if (t == GUMBO_TAG_PLAINTEXT) return html_.size();  // the rest is text
    if (is_raw_text(t)) return end_of_raw_text(raw_name, end);
    implied_ends(t);
    push(name, false, lt, end);
    return end;
  }

  void push(std::uint32_t name, bool foreign, std::size_t lt, std::size_t end) {
    const bool dropped = stack_.size() >= max_depth_;
    stack_.push_back({name, dropped, foreign});
    if (dropped) drop(lt, end);
  }

  // After a raw text element's start tag at `from`: past its end tag.
  std::size_t end_of_raw_text(std::string_view name, std::size_t from) const {
    for (std::size_t at = html_.find("</", from);
         at != std::string_view::npos; at = html_.find("</", at + 2)) {
      const std::size_t after = at + 2 + name.size();
      if (after <= html_.size() &&
          equals_ci(html_.substr(at + 2, name.size()), name) &&
          (after == html_.size() || is_ascii_space(html_[after]) ||
           html_[after] == '/' || html_[after] == '>')) {
        const std::size_t gt = html_.find('>', after);
        return gt == std::string_view::npos ? html_.size() : gt + 1;
      }
    }
    return html_.size();
  }

  void close(std::uint32_t name, std::size_t lt, std::size_t end) {
    const GumboTag t = tag_of(name);
    if (t == GUMBO_TAG_HTML || t == GUMBO_TAG_BODY || t == GUMBO_TAG_HEAD) {
      return;
    }
    std::size_t at = std::string_view::npos;
    if (!stack_.empty() && stack_.back().foreign) {
      // Foreign content: the nearest foreign element of that name.
      at = find([&](const Open& e) { return e.foreign && e.name == name; },
                [](const Open& e) { return !e.foreign; });
    }
    if (at == std::string_view::npos) {
      const bool special = is_special(t) || is_heading(t);
      at = find(
          [&](const Open& e) {
            if (e.foreign) return false;
            if (is_heading(t)) return is_heading(tag_of(e.name));
            return e.name == name;
          },
          [&](const Open& e) {
            const GumboTag s = tag_of(e.name);
            if (is_table_part(t)) {  // the table closes what it holds
              return e.foreign || (s != t && is_table_scope_boundary(s));
            }
            if (special) {
              return e.foreign || is_scope_boundary(s) ||
                     (t == GUMBO_TAG_P && s == GUMBO_TAG_BUTTON) ||
                     (t == GUMBO_TAG_LI &&
                      (s == GUMBO_TAG_OL || s == GUMBO_TAG_UL));
            }
            // Another end tag stops at a special element; a formatting
            // element's (the adoption agency) then leaves the depth as
            // it was.
            return is_special(s);
          });
    }
    if (at != std::string_view::npos && pop_through(at)) drop(lt, end);
  }

  // Leaves out html_[lt, end), in its place a space.
  void drop(std::size_t lt, std::size_t end) {
    out_.html.append(html_.substr(copied_, lt - copied_));
    out_.html += ' ';
    copied_ = end;
    ++out_.dropped_tags;
  }

  std::string_view html_;
  std::size_t max_depth_;
  std::vector<Open> stack_;
  std::size_t copied_ = 0;  // html_ before this is in out_.html
  FlatHtml out_;
};

}  // namespace

FlatHtml flatten_deep_html(std::string_view html, std::size_t max_depth) {
  return Flattener(html, max_depth).run();
}

}  // namespace lede::indexer
