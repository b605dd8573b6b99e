#include "indexer/sgml.h"

#include <cstdlib>

#include "common/utf8.h"
#include "indexer/text_util.h"

namespace lede::indexer {

namespace {

constexpr const char* kLists[] = {"topics", "places",    "people",
                                  "orgs",   "exchanges", "companies"};

// A control character other than tab, LF and CR, or DEL.
bool is_marker(char32_t c) {
  return (c < 0x20 && c != '\t' && c != '\n' && c != '\r') || c == 0x7F;
}

// `s` with character references decoded and wire-service markers dropped,
// trimmed.
std::string clean(std::string_view s) {
  std::string out;
  out.reserve(s.size());
  for (std::size_t i = 0; i < s.size(); ++i) {
    const char c = s[i];
    if (c == '&') {
      const std::size_t semi = s.find(';', i + 1);
      if (semi != std::string_view::npos && semi - i <= 10) {
        const std::string_view name = s.substr(i + 1, semi - i - 1);
        char32_t cp = 0;
        bool known = true;
        if (name.size() > 1 && name[0] == '#') {
          const bool hex = name[1] == 'x' || name[1] == 'X';
          const std::string digits(name.substr(hex ? 2 : 1));
          char* end = nullptr;
          const unsigned long v = std::strtoul(digits.c_str(), &end, hex ? 16 : 10);
          known = !digits.empty() && *end == '\0' && v <= 0x10FFFF &&
                  !(v >= 0xD800 && v < 0xE000);
          cp = static_cast<char32_t>(v);
        } else if (name == "lt") {
          cp = '<';
        } else if (name == "gt") {
          cp = '>';
        } else if (name == "amp") {
          cp = '&';
        } else if (name == "quot") {
          cp = '"';
        } else if (name == "apos") {
          cp = '\'';
        } else {
          known = false;
        }
        if (known) {
          if (!is_marker(cp)) utf8::append(&out, cp);
          i = semi;
          continue;
        }
      }
    }
    if (!is_marker(static_cast<unsigned char>(c))) out.push_back(c);
  }
  return std::string(trim(out));
}

// Where "<TAG" opens at `from` or after (followed by '>' or a blank).
std::size_t find_open(std::string_view s, std::string_view tag,
                      std::size_t from) {
  for (std::size_t at = s.find(tag, from); at != std::string_view::npos;
       at = s.find(tag, at + 1)) {
    if (at == 0 || s[at - 1] != '<') continue;
    const std::size_t after = at + tag.size();
    if (after < s.size() && (s[after] == '>' || is_ascii_space(s[after]))) {
      return at - 1;
    }
  }
  return std::string_view::npos;
}

struct Element {
  bool found = false;
  std::string_view attributes;  // inside the opening tag, after the name
  std::string_view inner;
};

// The first <TAG ...>...</TAG> in `s`.
Element element(std::string_view s, std::string_view tag) {
  Element e;
  const std::size_t open = find_open(s, tag, 0);
  if (open == std::string_view::npos) return e;
  const std::size_t gt = s.find('>', open);
  if (gt == std::string_view::npos) return e;
  const std::string close = "</" + std::string(tag) + ">";
  const std::size_t end = s.find(close, gt + 1);
  if (end == std::string_view::npos) return e;
  e.found = true;
  e.attributes = s.substr(open + 1 + tag.size(), gt - open - 1 - tag.size());
  e.inner = s.substr(gt + 1, end - gt - 1);
  return e;
}

// NAME="value" pairs.
std::map<std::string, std::string> attributes_of(std::string_view s) {
  std::map<std::string, std::string> out;
  std::size_t i = 0;
  while (i < s.size()) {
    while (i < s.size() && is_ascii_space(s[i])) ++i;
    const std::size_t name = i;
    while (i < s.size() && s[i] != '=' && !is_ascii_space(s[i])) ++i;
    if (i >= s.size() || s[i] != '=' || i + 1 >= s.size() || s[i + 1] != '"') {
      while (i < s.size() && !is_ascii_space(s[i])) ++i;
      continue;
    }
    const std::size_t value = i + 2;
    const std::size_t quote = s.find('"', value);
    if (quote == std::string_view::npos) break;
    out[std::string(s.substr(name, i - name))] =
        clean(s.substr(value, quote - value));
    i = quote + 1;
  }
  return out;
}

std::vector<std::string> d_items(std::string_view s) {
  std::vector<std::string> out;
  std::size_t at = 0;
  while ((at = s.find("<D>", at)) != std::string_view::npos) {
    const std::size_t end = s.find("</D>", at + 3);
    if (end == std::string_view::npos) break;
    out.push_back(clean(s.substr(at + 3, end - at - 3)));
    at = end + 4;
  }
  return out;
}

SgmlStory story_of(std::string_view attributes, std::string_view block) {
  SgmlStory st;
  st.attributes = attributes_of(attributes);
  // Some dates run into wire-service codes ("02:17:09.88&#5;&#5;&#5;T C")
  // or a note ("00:00:00.00    # date added by S Finch as guesswork"): the
  // date is what comes before them.
  std::string_view date = element(block, "DATE").inner;
  date = date.substr(0, date.find("&#"));
  date = date.substr(0, date.find(" #"));
  st.date = clean(date);
  for (const char* name : kLists) {
    std::string tag(name);
    for (char& c : tag) c = static_cast<char>(c - 'a' + 'A');
    st.lists[name] = d_items(element(block, tag).inner);
  }
  const Element text = element(block, "TEXT");
  st.text_type = attributes_of(text.attributes)["TYPE"];
  if (st.text_type.empty()) st.text_type = "NORM";
  if (!text.found) return st;
  st.title = clean(element(text.inner, "TITLE").inner);
  st.dateline = clean(element(text.inner, "DATELINE").inner);
  st.author = clean(element(text.inner, "AUTHOR").inner);
  const Element body = element(text.inner, "BODY");
  if (body.found) {
    st.body = clean(body.inner);
  } else if (st.text_type == "UNPROC") {
    st.body = clean(text.inner);
  }
  return st;
}

}  // namespace

bool looks_like_reuters_sgml(std::string_view head) {
  const std::string_view t = trim(head.substr(0, 1024));
  return lower(t.substr(0, 15)) == "<!doctype lewis" ||
         t.starts_with("<REUTERS ") || t.starts_with("<REUTERS>");
}

void read_reuters_sgml(
    std::string_view text,
    const std::function<void(SgmlStory&&)>& on_story,
    const std::function<void(std::uint64_t, std::string)>& on_problem) {
  static constexpr std::string_view kClose = "</REUTERS>";
  std::uint64_t line = 1;
  std::size_t counted = 0;  // text[0, counted) has `line - 1` newlines
  auto line_at = [&](std::size_t at) {
    for (; counted < at; ++counted) line += text[counted] == '\n';
    return line;
  };
  std::size_t at = 0;
  bool any = false;
  while ((at = find_open(text, "REUTERS", at)) != std::string_view::npos) {
    any = true;
    const std::uint64_t start = line_at(at);
    const std::size_t gt = text.find('>', at);
    const std::size_t end =
        gt == std::string_view::npos ? gt : text.find(kClose, gt + 1);
    if (end == std::string_view::npos) {
      on_problem(start, "<REUTERS> not closed before the end of the file");
      return;
    }
    const std::string_view name = "<REUTERS";
    SgmlStory st = story_of(text.substr(at + name.size(), gt - at - name.size()),
                            text.substr(gt + 1, end - gt - 1));
    st.line = start;
    on_story(std::move(st));
    at = end + kClose.size();
  }
  if (!any) {
    on_problem(0,
               "no <REUTERS> elements: lede reads the SGML of Reuters-21578 "
               "only");
  }
}

}  // namespace lede::indexer
