#include "indexer/markdown.h"

#include <cmark.h>

#include <memory>

#include "common/utf8.h"
#include "indexer/html.h"
#include "indexer/text_util.h"

namespace lede::indexer {

namespace {

constexpr bool is_blank(char c) { return c == ' ' || c == '\t'; }

unsigned hex_value(char c) {
  if (c >= '0' && c <= '9') return static_cast<unsigned>(c - '0');
  if (c >= 'a' && c <= 'f') return static_cast<unsigned>(c - 'a' + 10);
  if (c >= 'A' && c <= 'F') return static_cast<unsigned>(c - 'A' + 10);
  return 16;
}

// A double-quoted YAML scalar starting at s[0] == '"'; *used gets its
// length including the quotes (all of s when it is not closed).
std::string double_quoted(std::string_view s, std::size_t* used) {
  std::string out;
  std::size_t i = 1;
  for (; i < s.size() && s[i] != '"'; ++i) {
    if (s[i] != '\\' || i + 1 >= s.size()) {
      out += s[i];
      continue;
    }
    const char e = s[++i];
    switch (e) {
      case 'n':
        out += '\n';
        break;
      case 't':
        out += '\t';
        break;
      case 'r':
        out += '\r';
        break;
      case '0':
        break;
      case 'u':
      case 'U':
      case 'x': {
        const std::size_t digits = e == 'x' ? 2 : e == 'u' ? 4 : 8;
        char32_t cp = 0;
        std::size_t k = 0;
        for (; k < digits && i + 1 + k < s.size(); ++k) {
          const unsigned v = hex_value(s[i + 1 + k]);
          if (v > 15) break;
          cp = cp * 16 + v;
        }
        if (k == digits) {
          i += digits;
          if (cp > 0x10FFFF || (cp >= 0xD800 && cp <= 0xDFFF)) cp = 0xFFFD;
          utf8::append(&out, cp);
        } else {
          out += e;
        }
        break;
      }
      default:
        out += e;
        break;  // \" \\ \/ and the rest
    }
  }
  *used = i < s.size() ? i + 1 : s.size();
  return out;
}

std::string single_quoted(std::string_view s, std::size_t* used) {
  std::string out;
  std::size_t i = 1;
  for (; i < s.size(); ++i) {
    if (s[i] == '\'') {
      if (i + 1 < s.size() && s[i + 1] == '\'') {
        out += '\'';
        ++i;
        continue;
      }
      break;
    }
    out += s[i];
  }
  *used = i < s.size() ? i + 1 : s.size();
  return out;
}

bool is_null(std::string_view v) {
  return v == "~" || v == "null" || v == "Null" || v == "NULL";
}

// A scalar value: quoted, or plain up to a " #" comment.
std::string scalar(std::string_view v) {
  v = trim(v);
  std::size_t used = 0;
  if (!v.empty() && v.front() == '"') return double_quoted(v, &used);
  if (!v.empty() && v.front() == '\'') return single_quoted(v, &used);
  for (std::size_t i = 1; i < v.size(); ++i) {
    if (v[i] == '#' && is_blank(v[i - 1])) {
      v = trim(v.substr(0, i));
      break;
    }
  }
  if (is_null(v)) return {};
  return std::string(v);
}

// "[a, 'b, c', d]" -> items (the brackets already known to be there).
std::vector<std::string> flow_list(std::string_view v) {
  std::vector<std::string> out;
  v = trim(v);
  v.remove_prefix(1);  // '['
  std::size_t i = 0;
  while (i < v.size()) {
    while (i < v.size() && (is_blank(v[i]) || v[i] == ',')) ++i;
    if (i >= v.size() || v[i] == ']') break;
    std::string item;
    if (v[i] == '"' || v[i] == '\'') {
      std::size_t used = 0;
      item = v[i] == '"' ? double_quoted(v.substr(i), &used)
                         : single_quoted(v.substr(i), &used);
      i += used;
      while (i < v.size() && v[i] != ',' && v[i] != ']') ++i;
    } else {
      const std::size_t from = i;
      while (i < v.size() && v[i] != ',' && v[i] != ']') ++i;
      item = std::string(trim(v.substr(from, i - from)));
      if (is_null(item)) item.clear();
    }
    if (!item.empty()) out.push_back(std::move(item));
  }
  return out;
}

// The position of the ':' ending a mapping key on this line, or npos.
std::size_t key_colon(std::string_view line) {
  std::size_t i = 0;
  if (!line.empty() && (line[0] == '"' || line[0] == '\'')) {
    const char q = line[0];
    i = line.find(q, 1);
    if (i == std::string_view::npos) return i;
    ++i;
  }
  for (; i < line.size(); ++i) {
    if (line[i] == ':' && (i + 1 == line.size() || is_blank(line[i + 1]))) {
      return i;
    }
  }
  return std::string_view::npos;
}

}  // namespace

FrontMatter parse_front_matter(std::string_view text) {
  FrontMatter fm;
  std::size_t start = 0;
  if (text.starts_with("\xEF\xBB\xBF")) start = 3;
  fm.body_offset = start;
  std::size_t pos = start;
  std::string_view line;
  if (!next_line(text, &pos, &line) || trim(line) != "---" ||
      !line.starts_with("---")) {
    return fm;
  }
  enum class Block { kNone, kLiteral, kFolded };
  Block block = Block::kNone;
  std::string block_text;
  // The entry whose value is still coming (a list or a block scalar).
  constexpr std::size_t kNone = static_cast<std::size_t>(-1);
  std::size_t open = kNone;
  auto finish_block = [&]() {
    if (block != Block::kNone && open != kNone) {
      const std::string_view t = trim(block_text);
      if (!t.empty()) fm.entries[open].values.emplace_back(t);
    }
    block = Block::kNone;
    block_text.clear();
  };
  while (next_line(text, &pos, &line)) {
    if (line == "---" || line == "..." ||
        (line.starts_with("---") && trim(line) == "---")) {
      finish_block();
      fm.present = true;
      fm.body_offset = pos;
      return fm;
    }
    const bool indented = !line.empty() && is_blank(line.front());
    const std::string_view t = trim(line);
    if (block != Block::kNone) {
      if (indented || t.empty()) {
        if (!block_text.empty()) {
          block_text += block == Block::kLiteral || t.empty() ? '\n' : ' ';
        }
        block_text += t;
        continue;
      }
      finish_block();
      open = kNone;
    }
    if (t.empty() || t.front() == '#') continue;
    if (t == "-" || t.starts_with("- ")) {
      if (open != kNone) {
        fm.entries[open].is_list = true;
        std::string item = scalar(t.substr(1));
        if (!item.empty()) fm.entries[open].values.push_back(std::move(item));
      }
      continue;
    }
    if (indented) continue;  // a nested mapping: not supported, skipped
    open = kNone;
    const std::size_t colon = key_colon(t);
    if (colon == std::string_view::npos) continue;
    FrontMatterEntry entry;
    entry.key = scalar(t.substr(0, colon));
    const std::string_view value = trim(t.substr(colon + 1));
    fm.entries.push_back(std::move(entry));
    FrontMatterEntry& e = fm.entries.back();
    if (value.empty() || value.front() == '#') {
      open = fm.entries.size() - 1;
    } else if (value.front() == '|' || value.front() == '>') {
      open = fm.entries.size() - 1;
      block = value.front() == '|' ? Block::kLiteral : Block::kFolded;
    } else if (value.front() == '[') {
      e.is_list = true;
      e.values = flow_list(value);
    } else {
      std::string v = scalar(value);
      if (!v.empty()) e.values.push_back(std::move(v));
    }
  }
  // No closing line: not front matter after all.
  FrontMatter none;
  none.body_offset = start;
  return none;
}

std::string markdown_to_text(std::string_view markdown,
                             std::string* first_heading) {
  std::unique_ptr<cmark_node, decltype(&cmark_node_free)> doc(
      cmark_parse_document(markdown.data(), markdown.size(), CMARK_OPT_DEFAULT),
      &cmark_node_free);
  std::unique_ptr<cmark_iter, decltype(&cmark_iter_free)> it(
      cmark_iter_new(doc.get()), &cmark_iter_free);
  TextBuilder out;
  std::string heading, first_h1, first_any;
  bool in_heading = false;
  cmark_event_type ev;
  while ((ev = cmark_iter_next(it.get())) != CMARK_EVENT_DONE) {
    cmark_node* node = cmark_iter_get_node(it.get());
    const bool enter = ev == CMARK_EVENT_ENTER;
    const char* lit = cmark_node_get_literal(node);
    const std::string_view literal = lit != nullptr ? lit : "";
    switch (cmark_node_get_type(node)) {
      case CMARK_NODE_TEXT:
      case CMARK_NODE_CODE:
        out.text(literal);
        if (in_heading) heading += literal;
        break;
      case CMARK_NODE_SOFTBREAK:
        out.request_space();
        if (in_heading) heading += ' ';
        break;
      case CMARK_NODE_LINEBREAK:
        out.line_break();
        if (in_heading) heading += ' ';
        break;
      case CMARK_NODE_HTML_BLOCK:
        out.request_break(2);
        out.text(html_fragment_text(literal), /*preformatted=*/true);
        out.request_break(2);
        break;
      case CMARK_NODE_CODE_BLOCK:
        out.request_break(2);
        out.text(trim(literal), /*preformatted=*/true);
        out.request_break(2);
        break;
      case CMARK_NODE_PARAGRAPH: {
        cmark_node* parent = cmark_node_parent(node);
        const bool in_item =
            parent != nullptr && cmark_node_get_type(parent) == CMARK_NODE_ITEM;
        out.request_break(in_item ? 1 : 2);
        break;
      }
      case CMARK_NODE_HEADING:
        out.request_break(2);
        if (enter) {
          in_heading = true;
          heading.clear();
        } else {
          in_heading = false;
          std::string h(trim(heading));
          if (cmark_node_get_heading_level(node) == 1 && first_h1.empty()) {
            first_h1 = h;
          }
          if (first_any.empty()) first_any = std::move(h);
        }
        break;
      case CMARK_NODE_ITEM:
        out.request_break(1);
        break;
      case CMARK_NODE_LIST: {
        cmark_node* parent = cmark_node_parent(node);
        const bool nested =
            parent != nullptr && cmark_node_get_type(parent) == CMARK_NODE_ITEM;
        out.request_break(nested ? 1 : 2);
        break;
      }
      case CMARK_NODE_BLOCK_QUOTE:
      case CMARK_NODE_THEMATIC_BREAK:
        out.request_break(2);
        break;
      default:  // emphasis, links, images: their text comes as children
        break;
    }
  }
  if (first_heading != nullptr) {
    *first_heading = !first_h1.empty() ? first_h1 : first_any;
  }
  return std::string(trim(out.str()));
}

}  // namespace lede::indexer
