#include "indexer/formats.h"

#include <nlohmann/json.hpp>

#include <algorithm>
#include <cctype>

#include "common/error.h"
#include "common/utf8.h"

namespace lede::indexer {

namespace {

std::string lower(std::string_view s) {
  std::string out(s);
  for (char& c : out) {
    c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  }
  return out;
}

std::string_view trim(std::string_view s) {
  const auto first = s.find_first_not_of(" \t\r\n");
  if (first == std::string_view::npos) return {};
  const auto last = s.find_last_not_of(" \t\r\n");
  return s.substr(first, last - first + 1);
}

bool ends_with_ci(std::string_view s, std::string_view suffix) {
  return s.size() >= suffix.size() &&
         lower(s.substr(s.size() - suffix.size())) == suffix;
}

// Splits "a, b ,c" (or a YAML flow list "[a, b]") into trimmed items.
std::vector<std::string> split_list(std::string_view s) {
  s = trim(s);
  if (s.size() >= 2 && s.front() == '[' && s.back() == ']') {
    s = s.substr(1, s.size() - 2);
  }
  std::vector<std::string> out;
  while (!s.empty()) {
    const auto comma = s.find(',');
    std::string_view item = trim(s.substr(0, comma));
    if (item.size() >= 2 && (item.front() == '"' || item.front() == '\'') &&
        item.back() == item.front()) {
      item = item.substr(1, item.size() - 2);
    }
    if (!item.empty()) out.emplace_back(item);
    if (comma == std::string_view::npos) break;
    s = s.substr(comma + 1);
  }
  return out;
}

// Next line of `text` from *pos (without its \n or \r\n); false at the end.
bool next_line(std::string_view text, std::size_t* pos, std::string_view* line) {
  if (*pos >= text.size()) return false;
  const auto nl = text.find('\n', *pos);
  const std::size_t end = nl == std::string_view::npos ? text.size() : nl;
  *line = text.substr(*pos, end - *pos);
  if (!line->empty() && line->back() == '\r') line->remove_suffix(1);
  *pos = nl == std::string_view::npos ? text.size() : nl + 1;
  return true;
}

// Sets the article field for a metadata key of a header block or front
// matter. Returns false for a key lede does not know.
bool set_field(Article* a, std::string_view key, std::string_view value) {
  const std::string k = lower(trim(key));
  std::string v(trim(value));
  if (v.size() >= 2 && (v.front() == '"' || v.front() == '\'') &&
      v.back() == v.front()) {
    v = v.substr(1, v.size() - 2);
  }
  if (k == "title" || k == "headline") {
    a->title = v;
  } else if (k == "author" || k == "by" || k == "byline") {
    a->author = v;
  } else if (k == "date" || k == "published") {
    a->date_raw = v;
  } else if (k == "source" || k == "site") {
    a->source = v;
  } else if (k == "url" || k == "link") {
    a->url = v;
  } else if (k == "tags" || k == "keywords") {
    a->tags = split_list(v);
  } else if (k == "id") {
    a->id = v;
  } else {
    return false;
  }
  return true;
}

bool is_header_line(std::string_view line, std::string_view* key,
                    std::string_view* value) {
  const auto colon = line.find(':');
  if (colon == std::string_view::npos || colon == 0 || colon > 20) {
    return false;
  }
  const std::string k = lower(line.substr(0, colon));
  static const char* const kKeys[] = {"title",  "author", "date", "source",
                                      "url",    "tags",   "id",   "byline",
                                      "published", "link", "keywords"};
  if (std::find(std::begin(kKeys), std::end(kKeys), k) == std::end(kKeys)) {
    return false;
  }
  *key = line.substr(0, colon);
  *value = line.substr(colon + 1);
  return true;
}

// Plain text: an optional block of "Key: value" lines, then a blank line.
// Without one, a short first line followed by a blank line is the title.
Article parse_text(std::string_view text) {
  Article a;
  std::size_t pos = 0;
  std::string_view line, key, value;
  std::size_t body_from = 0;
  bool header = false;
  while (next_line(text, &pos, &line)) {
    if (trim(line).empty()) {
      if (header) body_from = pos;
      break;
    }
    if (!is_header_line(line, &key, &value)) {
      break;
    }
    header = true;
    set_field(&a, key, value);
  }
  if (!header) {
    pos = 0;
    std::string_view first, second;
    if (next_line(text, &pos, &first) && next_line(text, &pos, &second) &&
        trim(second).empty() && !trim(first).empty() && first.size() <= 200) {
      a.title = std::string(trim(first));
      body_from = pos;
    }
  }
  a.body = std::string(trim(text.substr(std::min(body_from, text.size()))));
  return a;
}

// Markdown: optional YAML-style front matter between "---" lines: scalar
// "key: value" pairs, flow lists "[a, b]" and block lists of "- item".
Article parse_markdown(std::string_view text) {
  Article a;
  std::size_t pos = 0;
  std::string_view line;
  if (text.starts_with("\xEF\xBB\xBF")) pos = 3;
  std::size_t save = pos;
  if (next_line(text, &pos, &line) && trim(line) == "---") {
    std::string list_key;
    std::vector<std::string> list;
    bool closed = false;
    while (next_line(text, &pos, &line)) {
      if (trim(line) == "---" || trim(line) == "...") {
        closed = true;
        break;
      }
      const std::string_view t = trim(line);
      if (t.starts_with("- ") && !list_key.empty()) {
        list.emplace_back(trim(t.substr(2)));
        continue;
      }
      if (!list_key.empty()) {
        if (lower(list_key) == "tags" || lower(list_key) == "keywords") {
          a.tags = list;
        }
        list_key.clear();
        list.clear();
      }
      const auto colon = line.find(':');
      if (colon == std::string_view::npos) continue;
      const std::string_view k = trim(line.substr(0, colon));
      const std::string_view v = trim(line.substr(colon + 1));
      if (v.empty()) {
        list_key = std::string(k);
      } else {
        set_field(&a, k, v);
      }
    }
    if (!list_key.empty() &&
        (lower(list_key) == "tags" || lower(list_key) == "keywords")) {
      a.tags = list;
    }
    if (!closed) {
      // Not front matter after all: the whole file is the body.
      a = Article{};
      pos = save;
    }
  } else {
    pos = save;
  }
  a.body = std::string(trim(text.substr(pos)));
  if (a.title.empty()) {
    // The first "# Heading" is the title.
    std::size_t p = 0;
    std::string_view body = a.body;
    while (next_line(body, &p, &line)) {
      if (line.starts_with("# ")) {
        a.title = std::string(trim(line.substr(2)));
        break;
      }
    }
  }
  return a;
}

// The first of `keys` that `obj` has as a string (or number, for ids).
std::string json_string(const nlohmann::json& obj,
                        std::initializer_list<const char*> keys) {
  for (const char* k : keys) {
    auto it = obj.find(k);
    if (it == obj.end() || it->is_null()) continue;
    if (it->is_string()) return it->get<std::string>();
    if (it->is_number_integer() || it->is_number_unsigned()) {
      return it->dump();
    }
  }
  return {};
}

std::string field_key(const FieldMap& fields, const char* name) {
  auto it = fields.find(name);
  return it == fields.end() ? std::string() : it->second;
}

std::string json_field(const nlohmann::json& obj, const FieldMap& fields,
                       const char* name,
                       std::initializer_list<const char*> defaults) {
  const std::string mapped = field_key(fields, name);
  if (!mapped.empty()) return json_string(obj, {mapped.c_str()});
  return json_string(obj, defaults);
}

void parse_jsonl(std::string_view text, const std::string& id_base,
                 const FieldMap& fields, Parsed* out) {
  std::size_t pos = 0;
  std::string_view line;
  std::uint64_t lineno = 0;
  while (next_line(text, &pos, &line)) {
    ++lineno;
    if (trim(line).empty()) continue;
    nlohmann::json obj = nlohmann::json::parse(line, nullptr, false);
    if (obj.is_discarded()) {
      out->problems.push_back({lineno, "not valid JSON"});
      continue;
    }
    if (!obj.is_object()) {
      out->problems.push_back({lineno, "not a JSON object"});
      continue;
    }
    Article a;
    a.line = lineno;
    a.id = json_field(obj, fields, "id", {"id", "_id", "guid"});
    a.title = json_field(obj, fields, "title", {"title", "headline"});
    a.body = json_field(obj, fields, "text", {"text", "body", "content"});
    a.date_raw = json_field(obj, fields, "date",
                            {"date", "published", "published_at"});
    a.source = json_field(obj, fields, "source", {"source"});
    a.author = json_field(obj, fields, "author", {"author"});
    a.url = json_field(obj, fields, "url", {"url", "link"});
    const std::string tags_key = field_key(fields, "tags");
    for (const char* k : {tags_key.empty() ? "tags" : tags_key.c_str(),
                          tags_key.empty() ? "topics" : ""}) {
      auto it = obj.find(k);
      if (*k == '\0' || it == obj.end()) continue;
      if (it->is_array()) {
        for (const auto& t : *it) {
          if (t.is_string()) a.tags.push_back(t.get<std::string>());
        }
      } else if (it->is_string()) {
        a.tags = split_list(it->get<std::string>());
      }
      if (!a.tags.empty()) break;
    }
    if (a.title.empty() && a.body.empty()) {
      out->problems.push_back({lineno, "no title or text"});
      continue;
    }
    if (a.id.empty()) a.id = id_base + ":" + std::to_string(lineno);
    out->articles.push_back(std::move(a));
  }
}

}  // namespace

Format parse_format_name(std::string_view name) {
  if (name == "auto") return Format::kAuto;
  if (name == "text" || name == "txt") return Format::kText;
  if (name == "markdown" || name == "md") return Format::kMarkdown;
  if (name == "html") return Format::kHtml;
  if (name == "jsonl" || name == "ndjson") return Format::kJsonl;
  throw UsageError("unknown format '" + std::string(name) +
                   "' (known: auto, text, markdown, html, jsonl)");
}

std::string_view format_name(Format format) {
  switch (format) {
    case Format::kAuto: return "auto";
    case Format::kText: return "text";
    case Format::kMarkdown: return "markdown";
    case Format::kHtml: return "html";
    case Format::kJsonl: return "jsonl";
  }
  return "auto";
}

Format detect_format(std::string_view path, std::string_view head) {
  std::string_view name = path;
  if (ends_with_ci(name, ".gz")) name.remove_suffix(3);
  if (ends_with_ci(name, ".md") || ends_with_ci(name, ".markdown")) {
    return Format::kMarkdown;
  }
  if (ends_with_ci(name, ".html") || ends_with_ci(name, ".htm") ||
      ends_with_ci(name, ".xhtml")) {
    return Format::kHtml;
  }
  if (ends_with_ci(name, ".jsonl") || ends_with_ci(name, ".ndjson") ||
      ends_with_ci(name, ".json")) {
    return Format::kJsonl;
  }
  if (ends_with_ci(name, ".txt") || ends_with_ci(name, ".text")) {
    return Format::kText;
  }
  const std::string_view t = trim(head.substr(0, 512));
  if (t.starts_with("{")) return Format::kJsonl;
  if (t.starts_with("---")) return Format::kMarkdown;
  const std::string l = lower(t.substr(0, 64));
  if (l.starts_with("<!doctype html") || l.starts_with("<html") ||
      l.starts_with("<?xml")) {
    return Format::kHtml;
  }
  return Format::kText;
}

Parsed parse(std::string_view bytes, Format format, const std::string& path,
             const std::string& id_base, const FieldMap& fields) {
  Parsed out;
  std::string text(bytes);
  const std::size_t bad = utf8::make_valid(&text);
  if (bad > 0) {
    out.problems.push_back(
        {0, "not valid UTF-8: " + std::to_string(bad) +
                " bytes replaced with U+FFFD (indexed anyway)"});
  }
  switch (format) {
    case Format::kJsonl:
      parse_jsonl(text, id_base, fields, &out);
      break;
    case Format::kText:
    case Format::kMarkdown:
    case Format::kAuto: {
      Article a = format == Format::kMarkdown ? parse_markdown(text)
                                              : parse_text(text);
      if (a.title.empty() && a.body.empty()) {
        out.problems.push_back({0, "empty: no title or text"});
        break;
      }
      if (a.id.empty()) a.id = id_base;
      out.articles.push_back(std::move(a));
      break;
    }
    case Format::kHtml:
      out.problems.push_back({0, "HTML input is not supported yet"});
      break;
  }
  for (Article& a : out.articles) a.path = path;
  return out;
}

}  // namespace lede::indexer
