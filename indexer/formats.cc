#include "indexer/formats.h"

#include <algorithm>
#include <nlohmann/json.hpp>
#include <optional>

#include "common/error.h"
#include "common/utf8.h"
#include "indexer/dates.h"
#include "indexer/html.h"
#include "indexer/html_depth.h"
#include "indexer/input_reader.h"
#include "indexer/markdown.h"
#include "indexer/sgml.h"
#include "indexer/text_util.h"

namespace lede::indexer {

namespace {

using nlohmann::json;

bool ends_with_ci(std::string_view s, std::string_view suffix) {
  return s.size() >= suffix.size() &&
         lower(s.substr(s.size() - suffix.size())) == suffix;
}

// Splits "a, b ,c" into trimmed, non-empty items.
std::vector<std::string> split_list(std::string_view s) {
  std::vector<std::string> out;
  while (!s.empty()) {
    const auto comma = s.find(',');
    std::string item = collapse_space(s.substr(0, comma));
    if (!item.empty()) out.push_back(std::move(item));
    if (comma == std::string_view::npos) break;
    s.remove_prefix(comma + 1);
  }
  return out;
}

// Number of bytes utf8::make_valid would replace.
std::size_t count_invalid_utf8(std::string_view s) {
  std::size_t bad = 0;
  const auto* p = reinterpret_cast<const unsigned char*>(s.data());
  std::size_t i = 0;
  const std::size_t n = s.size();
  while (i < n) {
    if (p[i] < 0x80) {
      ++i;
      continue;
    }
    char32_t cp;
    const std::size_t len = utf8::decode(p + i, n - i, &cp);
    if (len == 0) {
      ++bad;
      ++i;
    } else {
      i += len;
    }
  }
  return bad;
}

Problem utf8_warning(std::uint64_t line, std::size_t bad) {
  Problem p;
  p.line = line;
  p.message = "not valid UTF-8: " + std::to_string(bad) +
              (bad == 1 ? " byte" : " bytes") +
              " replaced with U+FFFD (indexed anyway)";
  p.warning = true;
  p.invalid_utf8 = bad;
  return p;
}

constexpr const char* kFieldNames[] = {"id",     "title",  "text", "date",
                                       "source", "author", "url",  "tags"};

bool is_builtin_field(const std::string& name) {
  return std::find(std::begin(kFieldNames), std::end(kFieldNames), name) !=
         std::end(kFieldNames);
}

// --- Header blocks and front matter -------------------------------------

enum class Field { kNone, kTitle, kAuthor, kDate, kSource, kUrl, kTags, kId };

Field field_of_key(std::string_view key) {
  const std::string k = lower(trim(key));
  if (k == "title" || k == "headline") return Field::kTitle;
  if (k == "author" || k == "authors" || k == "by" || k == "byline") {
    return Field::kAuthor;
  }
  if (k == "date" || k == "published") return Field::kDate;
  if (k == "source" || k == "site") return Field::kSource;
  if (k == "url" || k == "link") return Field::kUrl;
  if (k == "tags" || k == "keywords") return Field::kTags;
  if (k == "id") return Field::kId;
  return Field::kNone;
}

// The user fields read from the header or front-matter key `key`: the
// NAMEs of --field NAME=KEY not built in, KEY compared without case (as
// header keys are). A JSON pointer KEY names no such key, and a built-in
// NAME keeps the header's own keys (see field_of_key).
std::vector<std::string> user_fields_of_key(const FieldMap& fields,
                                            std::string_view key) {
  std::vector<std::string> names;
  const std::string k = lower(trim(key));
  for (const auto& [name, field_key] : fields) {
    if (!is_builtin_field(name) && !field_key.starts_with('/') &&
        lower(field_key) == k) {
      names.push_back(name);
    }
  }
  return names;
}

// Gives those fields the non-empty ones of `items`.
void set_user_fields(Article* a, const FieldMap& fields, std::string_view key,
                     const std::vector<std::string>& items) {
  for (const std::string& name : user_fields_of_key(fields, key)) {
    std::vector<std::string>& out = a->fields[name];
    out.clear();
    for (const std::string& item : items) {
      std::string t = collapse_space(item);
      if (!t.empty()) out.push_back(std::move(t));
    }
  }
}

void join_into(std::string* out, const std::vector<std::string>& values,
               std::string_view sep) {
  out->clear();
  for (const std::string& v : values) {
    const std::string t = collapse_space(v);
    if (t.empty()) continue;
    if (!out->empty()) *out += sep;
    *out += t;
  }
}

// Sets the article field named by a header or front-matter key. Returns
// false for a key lede does not know.
bool set_field(Article* a, std::string_view key,
               const std::vector<std::string>& values, bool is_list) {
  switch (field_of_key(key)) {
    case Field::kNone:
      return false;
    case Field::kTitle:
      join_into(&a->title, values, " ");
      break;
    case Field::kAuthor:
      join_into(&a->author, values, ", ");
      a->authors.clear();
      if (is_list) {
        for (const std::string& v : values) {
          std::string t = collapse_space(v);
          if (!t.empty()) a->authors.push_back(std::move(t));
        }
      }
      break;
    case Field::kDate:
      join_into(&a->date_raw, values, " ");
      break;
    case Field::kSource:
      join_into(&a->source, values, ", ");
      break;
    case Field::kUrl:
      a->url = values.empty() ? "" : collapse_space(values.front());
      break;
    case Field::kId:
      a->id = values.empty() ? "" : collapse_space(values.front());
      break;
    case Field::kTags:
      a->tags.clear();
      for (const std::string& v : values) {
        if (is_list) {
          std::string t = collapse_space(v);
          if (!t.empty()) a->tags.push_back(std::move(t));
        } else {
          for (std::string& t : split_list(v)) a->tags.push_back(std::move(t));
        }
      }
      break;
  }
  return true;
}

// "Key: value" with a key the text header knows (at most 20 bytes), or
// one a user field is read from (any length).
bool header_line(std::string_view line, const FieldMap& fields,
                 std::string_view* key, std::string_view* value) {
  const auto colon = line.find(':');
  if (colon == std::string_view::npos || colon == 0) return false;
  const std::string_view k = line.substr(0, colon);
  if ((colon > 20 || field_of_key(k) == Field::kNone) &&
      user_fields_of_key(fields, k).empty()) {
    return false;
  }
  *key = line.substr(0, colon);
  *value = line.substr(colon + 1);
  return true;
}

// Plain text: an optional block of "Key: value" lines, then a blank line.
// Without one, a short first line followed by a blank line is the title.
// A user field's header line is a comma list (a line has no other).
Article parse_text(std::string_view text, const FieldMap& fields) {
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
    if (!header_line(line, fields, &key, &value)) {
      if (header) {  // a block that does not end with a blank line
        header = false;
        a = Article{};
      }
      break;
    }
    header = true;
    body_from = pos;
    set_field(&a, key, {std::string(trim(value))}, false);
    set_user_fields(&a, fields, key, split_list(value));
  }
  if (!header) {
    body_from = 0;
    pos = 0;
    std::string_view first, second;
    if (next_line(text, &pos, &first) && next_line(text, &pos, &second) &&
        trim(second).empty() && !trim(first).empty() && first.size() <= 200) {
      a.title = collapse_space(first);
      body_from = pos;
    }
  }
  a.body = std::string(trim(text.substr(std::min(body_from, text.size()))));
  return a;
}

// A user field's front-matter value is one item, a list its items (as a
// JSON string or array).
Article parse_markdown(std::string_view text, const FieldMap& fields) {
  Article a;
  const FrontMatter fm = parse_front_matter(text);
  for (const FrontMatterEntry& e : fm.entries) {
    set_field(&a, e.key, e.values, e.is_list);
    set_user_fields(&a, fields, e.key, e.values);
  }
  std::string heading;
  a.body = markdown_to_text(text.substr(fm.body_offset), &heading);
  if (a.title.empty()) a.title = collapse_space(heading);
  return a;
}

Article parse_html_article(std::string_view text,
                           const std::function<void(Problem&&)>& on_problem) {
  HtmlPage page = parse_html(text);
  if (page.dropped_tags > 0) {
    Problem p;
    p.message = "elements nested more than " + std::to_string(kMaxHtmlDepth) +
                " deep: " + std::to_string(page.dropped_tags) +
                " tags below that depth ignored, their text kept";
    p.warning = true;
    on_problem(std::move(p));
  }
  Article a;
  a.title = std::move(page.title);
  a.author = std::move(page.author);
  a.date_raw = std::move(page.date_raw);
  a.source = std::move(page.source);
  a.url = std::move(page.url);
  a.tags = std::move(page.tags);
  a.body = std::move(page.body);
  return a;
}

// --- JSON -----------------------------------------------------------------

const json* lookup(const json& obj, const std::string& key) {
  if (!key.empty() && key.front() == '/') {
    try {
      const json::json_pointer ptr(key);
      return obj.contains(ptr) ? &obj.at(ptr) : nullptr;
    } catch (const json::exception&) {
      return nullptr;
    }
  }
  const auto it = obj.find(key);
  return it == obj.end() ? nullptr : &*it;
}

// A JSON value as text: a string, a number, an object's "name", the items
// of a list joined by `sep` (or only the first when sep is null).
std::string value_text(const json& v, const char* sep, int depth = 0) {
  if (v.is_string()) return v.get<std::string>();
  if (v.is_number()) return v.dump();
  if (depth > 4) return {};
  if (v.is_object()) {
    const auto it = v.find("name");
    return it == v.end() ? std::string() : value_text(*it, sep, depth + 1);
  }
  if (v.is_array()) {
    std::string out;
    for (const json& item : v) {
      std::string t = value_text(item, sep, depth + 1);
      if (trim(t).empty()) continue;
      if (sep == nullptr) return t;
      if (!out.empty()) out += sep;
      out += t;
    }
    return out;
  }
  return {};
}

class JsonReader {
 public:
  JsonReader(const FieldMap& fields,
             const std::function<void(Article&&)>& on_article,
             const std::function<void(Problem&&)>& on_problem)
      : fields_(fields), on_article_(on_article), on_problem_(on_problem) {}

  void problem(std::uint64_t line, std::string message, bool empty = false) {
    Problem p;
    p.line = line;
    p.message = std::move(message);
    p.empty = empty;
    on_problem_(std::move(p));
  }

  // One parsed JSON value standing for an article; `id` is the id to use
  // when the object has none.
  void article(const json& v, std::uint64_t line, std::string default_id) {
    if (!v.is_object()) {
      problem(line,
              std::string("not a JSON object (found ") + v.type_name() + ")");
      return;
    }
    Article a;
    a.line = line;
    a.id = collapse_space(text(v, "id", {"id", "_id", "guid"}, nullptr));
    a.title = collapse_space(text(v, "title", {"title", "headline"}, " "));
    a.body =
        std::string(trim(text(v, "text", {"text", "body", "content"}, "\n\n")));
    a.date_raw = collapse_space(text(v, "date",
                               {"date", "published", "published_at",
                                "publishedAt", "pubDate", "datePublished"},
                               nullptr));
    a.source =
        collapse_space(text(v, "source", {"source", "site", "publisher"}, ", "));
    a.author =
        collapse_space(text(v, "author", {"author", "authors", "byline"}, ", "));
    a.authors = authors(v);
    a.url = collapse_space(text(v, "url", {"url", "link", "urls"}, nullptr));
    a.tags = tags(v);
    for (const auto& [name, key] : fields_) {
      if (is_builtin_field(name)) continue;
      std::vector<std::string>& items = a.fields[name];
      const json* f = lookup(v, key);
      if (f == nullptr) continue;
      if (f->is_array()) {
        for (const json& item : *f) {
          std::string t = collapse_space(value_text(item, nullptr));
          if (!t.empty()) items.push_back(std::move(t));
        }
      } else if (std::string t = collapse_space(value_text(*f, nullptr));
                 !t.empty()) {
        items.push_back(std::move(t));
      }
    }
    if (a.title.empty() && a.body.empty()) {
      if (has_any(v, "title", {"title", "headline"}) ||
          has_any(v, "text", {"text", "body", "content"})) {
        problem(line, "no title or text", /*empty=*/true);
      } else if (fields_.count("title") + fields_.count("text") > 0) {
        problem(line, "no title or text (no key " + keys_tried() + ")");
      } else {
        problem(line,
                "no title or text (no key title, headline, text, body or "
                "content; see --field)");
      }
      return;
    }
    if (a.id.empty()) a.id = std::move(default_id);
    on_article_(std::move(a));
  }

  // "not valid JSON ..." from nlohmann's message "[json.exception...]
  // parse error at line L, column C: syntax error while parsing value -
  // invalid literal; last read: '...'", keeping "invalid literal".
  static std::string reason(const json::parse_error& e, std::uint64_t* line,
                            std::uint64_t* column) {
    const std::string what = e.what();
    std::string detail = what;
    *line = 1;
    *column = 0;
    if (const auto at = what.find(" at line "); at != std::string::npos) {
      *line = std::strtoull(what.c_str() + at + 9, nullptr, 10);
      if (const auto col = what.find("column ", at); col != std::string::npos) {
        *column = std::strtoull(what.c_str() + col + 7, nullptr, 10);
      }
    }
    if (const auto colon = what.find(": "); colon != std::string::npos) {
      detail = what.substr(colon + 2);
    }
    if (const auto dash = detail.rfind(" - "); dash != std::string::npos) {
      detail = detail.substr(dash + 3);
    }
    if (const auto last = detail.find("; last read");
        last != std::string::npos) {
      detail.resize(last);
    }
    return detail;
  }

 private:
  std::string text(const json& obj, const char* name,
                   std::initializer_list<const char*> defaults,
                   const char* sep) const {
    if (const auto m = fields_.find(name); m != fields_.end()) {
      const json* v = lookup(obj, m->second);
      return v == nullptr ? std::string() : value_text(*v, sep);
    }
    for (const char* key : defaults) {
      const auto it = obj.find(key);
      if (it == obj.end()) continue;
      std::string t = value_text(*it, sep);
      if (!trim(t).empty()) return t;
    }
    return {};
  }

  // Whether `obj` has the key(s) a field is read from, whatever the value.
  bool has_any(const json& obj, const char* name,
               std::initializer_list<const char*> defaults) const {
    if (const auto m = fields_.find(name); m != fields_.end()) {
      return lookup(obj, m->second) != nullptr;
    }
    return std::any_of(defaults.begin(), defaults.end(),
                       [&](const char* k) { return obj.contains(k); });
  }

  // "title, headline, text, body or content" with --field's replacements.
  std::string keys_tried() const {
    std::vector<std::string> keys;
    for (const auto& [name, defaults] :
         {std::pair<const char*, std::vector<const char*>>{
              "title", {"title", "headline"}},
          {"text", {"text", "body", "content"}}}) {
      if (const auto m = fields_.find(name); m != fields_.end()) {
        keys.push_back(m->second);
      } else {
        keys.insert(keys.end(), defaults.begin(), defaults.end());
      }
    }
    std::string out;
    for (std::size_t i = 0; i < keys.size(); ++i) {
      if (i > 0) out += i + 1 == keys.size() ? " or " : ", ";
      out += keys[i];
    }
    return out;
  }

  // The items of the author key when it is an array of several (the key
  // text() read a.author from).
  std::vector<std::string> authors(const json& obj) const {
    const json* v = nullptr;
    if (const auto m = fields_.find("author"); m != fields_.end()) {
      v = lookup(obj, m->second);
    } else {
      for (const char* key : {"author", "authors", "byline"}) {
        const auto it = obj.find(key);
        if (it == obj.end()) continue;
        if (!trim(value_text(*it, ", ")).empty()) {
          v = &*it;
          break;
        }
      }
    }
    std::vector<std::string> out;
    if (v == nullptr || !v->is_array()) return out;
    for (const json& item : *v) {
      std::string t = collapse_space(value_text(item, nullptr));
      if (!t.empty()) out.push_back(std::move(t));
    }
    return out;
  }

  std::vector<std::string> tags(const json& obj) const {
    std::vector<const json*> candidates;
    if (const auto m = fields_.find("tags"); m != fields_.end()) {
      candidates.push_back(lookup(obj, m->second));
    } else {
      for (const char* key : {"tags", "topics", "keywords"}) {
        candidates.push_back(lookup(obj, key));
      }
    }
    std::vector<std::string> out;
    for (const json* v : candidates) {
      if (v == nullptr) continue;
      if (v->is_array()) {
        for (const json& item : *v) {
          std::string t = collapse_space(value_text(item, nullptr));
          if (!t.empty()) out.push_back(std::move(t));
        }
      } else if (v->is_string()) {
        out = split_list(v->get<std::string>());
      }
      if (!out.empty()) break;
    }
    return out;
  }

  const FieldMap& fields_;
  const std::function<void(Article&&)>& on_article_;
  const std::function<void(Problem&&)>& on_problem_;
};

// Parses one line's (or element's) JSON, repairing its UTF-8 first.
std::optional<json> parse_json_value(
    std::string_view text, std::uint64_t line,
    const std::function<void(Problem&&)>& on_problem, std::uint64_t* bad_line,
    std::uint64_t* bad_column, std::string* error) {
  std::string fixed;
  if (const std::size_t bad = count_invalid_utf8(text); bad > 0) {
    fixed.assign(text);
    utf8::make_valid(&fixed);
    text = fixed;
    on_problem(utf8_warning(line, bad));
  }
  try {
    return json::parse(text);
  } catch (const json::parse_error& e) {
    *error = JsonReader::reason(e, bad_line, bad_column);
    return std::nullopt;
  } catch (const json::exception& e) {
    // Valid syntax nlohmann cannot hold, e.g. a number out of range
    // ("8E99999", found by tests/fuzz/fuzz_formats.cc): a bad record, not
    // a fatal error of the whole run.
    *bad_line = 1;
    *bad_column = 0;
    std::string what = e.what();
    if (const auto close = what.find("] "); close != std::string::npos) {
      what.erase(0, close + 2);
    }
    *error = what;
    return std::nullopt;
  }
}

// Calls `element(line, text)` for each element of the top-level JSON
// array `text`, with the line it starts on. Returns "" or what is wrong
// with the array's own syntax, with its line in *err_line.
std::string scan_array(
    std::string_view text,
    const std::function<void(std::uint64_t, std::string_view)>& element,
    std::uint64_t* err_line) {
  std::size_t i = 0;
  std::uint64_t line = 1;
  const std::size_t n = text.size();
  auto skip_space = [&]() {
    while (i < n && is_ascii_space(text[i])) {
      if (text[i] == '\n') ++line;
      ++i;
    }
  };
  skip_space();
  // The caller checked that text[i] == '['.
  ++i;
  skip_space();
  if (i < n && text[i] == ']') {
    ++i;
  } else {
    for (;;) {
      skip_space();
      const std::size_t start = i;
      const std::uint64_t start_line = line;
      int depth = 0;
      bool in_string = false;
      for (; i < n; ++i) {
        const char c = text[i];
        if (c == '\n') ++line;
        if (in_string) {
          if (c == '\\') {
            ++i;
            if (i < n && text[i] == '\n') ++line;
          } else if (c == '"') {
            in_string = false;
          }
          continue;
        }
        if (c == '"') {
          in_string = true;
        } else if (c == '{' || c == '[') {
          ++depth;
        } else if (c == '}' || c == ']') {
          if (depth == 0) break;
          --depth;
        } else if (c == ',' && depth == 0) {
          break;
        }
      }
      const std::string_view item = trim(text.substr(start, i - start));
      if (i >= n) {
        *err_line = start_line;
        return "unexpected end of input (the array is not closed)";
      }
      if (item.empty()) {
        *err_line = line;
        return "missing value in the array";
      }
      element(start_line, item);
      if (text[i] == ',') {
        ++i;
        continue;
      }
      if (text[i] == ']') {
        ++i;
        break;
      }
      *err_line = line;
      return "unexpected '}' in the array";
    }
  }
  skip_space();
  if (i < n) {
    *err_line = line;
    return "unexpected text after the array";
  }
  return {};
}

void parse_json_array(std::string_view text, const std::string& id_base,
                      JsonReader* reader,
                      const std::function<void(Problem&&)>& on_problem) {
  std::uint64_t index = 0;
  std::uint64_t err_line = 0;
  const std::string err = scan_array(
      text,
      [&](std::uint64_t line, std::string_view item) {
        ++index;
        std::uint64_t bad_line = 0, bad_column = 0;
        std::string error;
        const std::optional<json> v = parse_json_value(
            item, line, on_problem, &bad_line, &bad_column, &error);
        if (!v) {
          reader->problem(line + bad_line - 1, "not valid JSON: " + error);
          return;
        }
        reader->article(*v, line, id_base + "#" + std::to_string(index));
      },
      &err_line);
  if (!err.empty()) {
    reader->problem(err_line, "not valid JSON: " + err);
  } else if (index == 0) {
    reader->problem(0, "empty JSON array");
  }
}

// JSON Lines, or (format json, or a first line that is not JSON) a JSON
// array or a single object.
void parse_json_any(std::string_view text, Format format,
                    const std::string& id_base, JsonReader* reader,
                    const std::function<void(Problem&&)>& on_problem) {
  const std::string_view t = trim(text);
  if (format == Format::kJson && t.starts_with('[')) {
    parse_json_array(text, id_base, reader, on_problem);
    return;
  }
  std::size_t pos = 0;
  std::string_view line;
  std::uint64_t lineno = 0;
  bool first = true;
  while (next_line(text, &pos, &line)) {
    ++lineno;
    if (trim(line).empty()) continue;
    if (first && trim(line) != t) {
      // The first line is not JSON, but the whole input may be one object
      // spread over lines: then it is one article.
      const std::function<void(Problem &&)> quiet = [](Problem&&) {};
      std::uint64_t l = 0, c = 0;
      std::string ignored;
      if (!parse_json_value(line, lineno, quiet, &l, &c, &ignored)) {
        // Only when the whole input is valid JSON: a JSON Lines file whose
        // first line is a broken "[..." stays JSON Lines.
        if (t.starts_with('[') && json::accept(text)) {
          parse_json_array(text, id_base, reader, on_problem);
          return;
        }
        const std::optional<json> whole =
            parse_json_value(text, 0, on_problem, &l, &c, &ignored);
        if (whole) {
          reader->article(*whole, 0, id_base);
          return;
        }
      }
    }
    first = false;
    std::uint64_t bad_line = 0, bad_column = 0;
    std::string error;
    const std::optional<json> v = parse_json_value(
        line, lineno, on_problem, &bad_line, &bad_column, &error);
    if (!v) {
      reader->problem(lineno, "not valid JSON at column " +
                                  std::to_string(bad_column) + ": " + error);
      continue;
    }
    reader->article(*v, lineno, id_base + ":" + std::to_string(lineno));
  }
}

// Reuters-21578 SGML: each story becomes the JSON object the collection's
// converter to JSON Lines writes (same keys), read as a JSON record is, so
// that the defaults and --field map it as they map the JSON Lines copy.
void parse_reuters_sgml(std::string_view bytes, const std::string& id_base,
                        JsonReader* reader) {
  // The collection is Latin-1 (one stray high byte, in reut2-017.sgm); a
  // copy already in UTF-8 is read as it is.
  std::string text;
  if (count_invalid_utf8(bytes) == 0 ||
      !transcode_to_utf8(bytes, "ISO-8859-1", &text)) {
    text.assign(bytes);
  }
  std::uint64_t n = 0;
  read_reuters_sgml(
      text,
      [&](SgmlStory&& st) {
        ++n;
        json obj = {{"id", st.attributes["NEWID"]},
                    {"date", st.date},
                    {"title", st.title},
                    {"dateline", st.dateline},
                    {"author", st.author},
                    {"text", st.body},
                    {"text_type", st.text_type},
                    {"topics_attr", st.attributes["TOPICS"]},
                    {"lewissplit", st.attributes["LEWISSPLIT"]},
                    {"cgisplit", st.attributes["CGISPLIT"]},
                    {"oldid", st.attributes["OLDID"]},
                    {"source", "Reuters"}};
        for (auto& [name, items] : st.lists) obj[name] = std::move(items);
        reader->article(obj, st.line, id_base + "#" + std::to_string(n));
      },
      [&](std::uint64_t line, std::string message) {
        reader->problem(line, std::move(message));
      });
}

// The charset an HTML page declares, when it is not UTF-8: the text
// transcoded, or a warning.
std::string html_to_utf8(std::string_view bytes,
                         const std::function<void(Problem&&)>& on_problem) {
  const std::string charset = declared_html_charset(bytes);
  if (charset.empty() || charset == "utf-8") return std::string(bytes);
  std::string out;
  if (transcode_to_utf8(bytes, charset, &out)) return out;
  Problem p;
  p.message = "unknown charset '" + charset + "' (read as UTF-8)";
  p.warning = true;
  on_problem(std::move(p));
  return std::string(bytes);
}

}  // namespace

Format parse_format_name(std::string_view name) {
  if (name == "auto") return Format::kAuto;
  if (name == "text" || name == "txt") return Format::kText;
  if (name == "markdown" || name == "md") return Format::kMarkdown;
  if (name == "html") return Format::kHtml;
  if (name == "jsonl" || name == "ndjson") return Format::kJsonl;
  if (name == "json") return Format::kJson;
  if (name == "sgml") return Format::kSgml;
  throw UsageError("unknown format '" + std::string(name) +
                   "' (known: auto, text, markdown, html, jsonl, json, sgml)");
}

std::string_view format_name(Format format) {
  switch (format) {
    case Format::kAuto:
      return "auto";
    case Format::kText:
      return "text";
    case Format::kMarkdown:
      return "markdown";
    case Format::kHtml:
      return "html";
    case Format::kJsonl:
      return "jsonl";
    case Format::kJson:
      return "json";
    case Format::kSgml:
      return "sgml";
  }
  return "auto";
}

Format detect_format(std::string_view path, std::string_view head) {
  std::string_view name = path;
  if (ends_with_ci(name, ".gz")) name.remove_suffix(3);
  if (const auto slash = name.rfind('/'); slash != std::string_view::npos) {
    name.remove_prefix(slash + 1);
  }
  head = head.substr(0, 1024);
  if (head.starts_with("\xEF\xBB\xBF")) head.remove_prefix(3);
  const std::string_view t = trim(head);
  for (const char* ext : {".md", ".markdown", ".mdown", ".mkd"}) {
    if (ends_with_ci(name, ext)) return Format::kMarkdown;
  }
  for (const char* ext : {".html", ".htm", ".xhtml", ".shtml"}) {
    if (ends_with_ci(name, ext)) return Format::kHtml;
  }
  for (const char* ext : {".jsonl", ".ndjson", ".jsonlines"}) {
    if (ends_with_ci(name, ext)) return Format::kJsonl;
  }
  if (ends_with_ci(name, ".json")) {
    return t.starts_with('[') ? Format::kJson : Format::kJsonl;
  }
  if (ends_with_ci(name, ".txt") || ends_with_ci(name, ".text")) {
    return Format::kText;
  }
  if (ends_with_ci(name, ".sgm") || ends_with_ci(name, ".sgml")) {
    return Format::kSgml;
  }
  if (t.starts_with('{')) return Format::kJsonl;
  if (looks_like_reuters_sgml(t)) return Format::kSgml;
  if (t.starts_with('[')) {
    const std::string_view rest = trim(t.substr(1));
    if (rest.starts_with('{') || rest.starts_with(']')) return Format::kJson;
  }
  std::size_t pos = 0;
  std::string_view first;
  if (next_line(t, &pos, &first) && trim(first) == "---") {
    return Format::kMarkdown;
  }
  const std::string l = lower(t);
  for (const char* tag :
       {"<!doctype html", "<html", "<head", "<body", "<meta", "<title"}) {
    if (l.starts_with(tag)) return Format::kHtml;
  }
  if (l.starts_with("<?xml") && l.find("<html") != std::string::npos) {
    return Format::kHtml;
  }
  if (first.starts_with("# ")) return Format::kMarkdown;
  return Format::kText;
}

FieldMap parse_field_map(const std::vector<std::string>& specs) {
  FieldMap map;
  for (const std::string& spec : specs) {
    const auto eq = spec.find('=');
    if (eq == std::string::npos) {
      throw UsageError("--field '" + spec + "': expected NAME=KEY");
    }
    const std::string name = spec.substr(0, eq);
    const std::string key = spec.substr(eq + 1);
    // A key lede reads for a built-in field is a NAME=KEY turned around
    // more likely than a field of its own.
    static constexpr std::pair<const char*, const char*> kDefaultKeys[] = {
        {"headline", "title"},  {"body", "text"},      {"content", "text"},
        {"published", "date"},  {"site", "source"},    {"publisher", "source"},
        {"authors", "author"},  {"byline", "author"},  {"link", "url"},
        {"urls", "url"},        {"topics", "tags"},    {"keywords", "tags"},
        {"guid", "id"}};
    for (const auto& [alias, field] : kDefaultKeys) {
      if (name == alias) {
        throw UsageError("--field '" + spec + "': '" + name +
                         "' is a key lede reads as " + field +
                         "; the field comes first, as in --field " + field +
                         "=" + name);
      }
    }
    if (!is_builtin_field(name)) {
      if (const std::string why = user_field_name_problem(name);
          !why.empty()) {
        throw UsageError("--field '" + spec + "': " + why +
                         " (the built-in fields: id, title, text, date, "
                         "source, author, url, tags; another name defines a "
                         "field of its own)");
      }
    }
    if (key.empty()) {
      throw UsageError("--field '" + spec + "': the key is empty");
    }
    if (key.find('\n') != std::string::npos) {
      throw UsageError("--field '" + spec + "': the key has a line break");
    }
    if (key.front() == '/') {
      try {
        const json::json_pointer ptr(key);
      } catch (const json::exception&) {
        throw UsageError("--field '" + spec + "': '" + key +
                         "' is not a valid JSON pointer");
      }
    }
    map[name] = key;
  }
  return map;
}

std::vector<UserField> user_fields_of(const FieldMap& fields) {
  std::vector<UserField> out;
  for (const auto& [name, key] : fields) {
    if (!is_builtin_field(name)) out.push_back({name, key});
  }
  return out;
}

void parse(std::string_view bytes, Format format, const std::string& path,
           const std::string& id_base, const FieldMap& fields,
           const std::function<void(Article&&)>& on_article,
           const std::function<void(Problem&&)>& on_problem) {
  if (format == Format::kAuto) format = detect_format(path, bytes);
  // A byte-order mark says UTF-8 louder than any <meta charset>.
  const bool bom = bytes.starts_with("\xEF\xBB\xBF");
  if (bom) bytes.remove_prefix(3);
  if (trim(bytes).empty()) {
    Problem p;
    p.message = "empty file";
    p.empty = true;
    on_problem(std::move(p));
    return;
  }
  const std::function<void(Article &&)> finish = [&](Article&& a) {
    a.path = path;
    a.tags.erase(std::remove_if(a.tags.begin(), a.tags.end(),
                                [](const std::string& t) { return t.empty(); }),
                 a.tags.end());
    a.date = normalize_date(a.date_raw);
    on_article(std::move(a));
  };
  if (format == Format::kJson || format == Format::kJsonl) {
    JsonReader reader(fields, finish, on_problem);
    parse_json_any(bytes, format, id_base, &reader, on_problem);
    return;
  }
  if (format == Format::kSgml) {
    JsonReader reader(fields, finish, on_problem);
    parse_reuters_sgml(bytes, id_base, &reader);
    return;
  }
  std::string text = format == Format::kHtml && !bom
                         ? html_to_utf8(bytes, on_problem)
                         : std::string(bytes);
  if (const std::size_t bad = utf8::make_valid(&text); bad > 0) {
    on_problem(utf8_warning(0, bad));
  }
  Article a;
  switch (format) {
    case Format::kMarkdown:
      a = parse_markdown(text, fields);
      break;
    case Format::kHtml:
      a = parse_html_article(text, on_problem);
      break;
    default:
      a = parse_text(text, fields);
      break;
  }
  if (a.title.empty() && a.body.empty()) {
    Problem p;
    p.message = "no title or text";
    p.empty = true;
    on_problem(std::move(p));
    return;
  }
  a.title = collapse_space(a.title);
  a.author = collapse_space(a.author);
  a.source = collapse_space(a.source);
  a.url = collapse_space(a.url);
  a.date_raw = collapse_space(a.date_raw);
  if (a.id.empty()) a.id = id_base;
  finish(std::move(a));
}

Parsed parse(std::string_view bytes, Format format, const std::string& path,
             const std::string& id_base, const FieldMap& fields) {
  Parsed out;
  parse(
      bytes, format, path, id_base, fields,
      [&](Article&& a) { out.articles.push_back(std::move(a)); },
      [&](Problem&& p) {
        out.invalid_utf8 += p.invalid_utf8;
        out.problems.push_back(std::move(p));
      });
  return out;
}

}  // namespace lede::indexer
