#include "common/schema.h"

#include <nlohmann/json.hpp>

#include <cstdint>
#include <string>

#include "common/error.h"

namespace lede {

namespace {

void put(nlohmann::json& j, const char* key, const std::string& value) {
  if (!value.empty()) j[key] = value;
}

std::string get(const nlohmann::json& j, const char* key) {
  auto it = j.find(key);
  if (it == j.end() || !it->is_string()) return {};
  return it->get<std::string>();
}

}  // namespace

std::string encode_document_data(const Article& a) {
  nlohmann::json j = nlohmann::json::object();
  put(j, "id", a.id);
  put(j, "title", a.title);
  put(j, "text", a.body);
  put(j, "author", a.author);
  put(j, "source", a.source);
  put(j, "url", a.url);
  put(j, "date", a.date);
  put(j, "date_raw", a.date_raw);
  if (!a.tags.empty()) j["tags"] = a.tags;
  put(j, "path", a.path);
  if (a.line != 0) j["line"] = a.line;
  // Replace, not throw: the parsers already made text valid UTF-8, and a
  // stray bad byte must not lose a document.
  return j.dump(-1, ' ', false, nlohmann::json::error_handler_t::replace);
}

namespace {

// A reader for exactly what encode_document_data() writes: one flat object
// whose values are strings, one array of strings ("tags") and one unsigned
// integer ("line"). lede-query decodes the data of every hit it shows, and
// this is several times cheaper than building a general JSON tree. Anything
// else makes it give up (return false), and the general parser decides.
class DataReader {
 public:
  explicit DataReader(std::string_view s) : s_(s) {}

  bool read(Article* a) {
    skip_space();
    if (!eat('{')) return false;
    skip_space();
    if (eat('}')) return at_end();
    std::string key;
    for (;;) {
      skip_space();
      if (!string(&key)) return false;
      skip_space();
      if (!eat(':')) return false;
      skip_space();
      if (key == "tags") {
        if (!tags(&a->tags)) return false;
      } else if (key == "line") {
        if (!number(&a->line)) return false;
      } else if (std::string* field = field_of(a, key)) {
        if (!string(field)) return false;
      } else {
        return false;  // a key this reader does not know: let nlohmann see
      }
      skip_space();
      if (eat('}')) return at_end();
      if (!eat(',')) return false;
    }
  }

 private:
  static std::string* field_of(Article* a, const std::string& key) {
    if (key == "id") return &a->id;
    if (key == "title") return &a->title;
    if (key == "text") return &a->body;
    if (key == "author") return &a->author;
    if (key == "source") return &a->source;
    if (key == "url") return &a->url;
    if (key == "date") return &a->date;
    if (key == "date_raw") return &a->date_raw;
    if (key == "path") return &a->path;
    return nullptr;
  }

  bool at_end() {
    skip_space();
    return i_ == s_.size();
  }
  void skip_space() {
    while (i_ < s_.size() &&
           (s_[i_] == ' ' || s_[i_] == '\n' || s_[i_] == '\t' || s_[i_] == '\r')) {
      ++i_;
    }
  }
  bool eat(char c) {
    if (i_ < s_.size() && s_[i_] == c) {
      ++i_;
      return true;
    }
    return false;
  }
  static int hex(char c) {
    if (c >= '0' && c <= '9') return c - '0';
    if (c >= 'a' && c <= 'f') return c - 'a' + 10;
    if (c >= 'A' && c <= 'F') return c - 'A' + 10;
    return -1;
  }
  bool hex4(std::uint32_t* v) {
    if (i_ + 4 > s_.size()) return false;
    *v = 0;
    for (int k = 0; k < 4; ++k) {
      const int h = hex(s_[i_++]);
      if (h < 0) return false;
      *v = *v << 4 | static_cast<std::uint32_t>(h);
    }
    return true;
  }
  static void append_utf8(std::string* out, std::uint32_t cp) {
    if (cp < 0x80) {
      out->push_back(static_cast<char>(cp));
    } else if (cp < 0x800) {
      out->push_back(static_cast<char>(0xC0 | cp >> 6));
      out->push_back(static_cast<char>(0x80 | (cp & 0x3F)));
    } else if (cp < 0x10000) {
      out->push_back(static_cast<char>(0xE0 | cp >> 12));
      out->push_back(static_cast<char>(0x80 | (cp >> 6 & 0x3F)));
      out->push_back(static_cast<char>(0x80 | (cp & 0x3F)));
    } else {
      out->push_back(static_cast<char>(0xF0 | cp >> 18));
      out->push_back(static_cast<char>(0x80 | (cp >> 12 & 0x3F)));
      out->push_back(static_cast<char>(0x80 | (cp >> 6 & 0x3F)));
      out->push_back(static_cast<char>(0x80 | (cp & 0x3F)));
    }
  }
  // A JSON string into *out (replacing it). Raw bytes are copied as they
  // are: the writer made them valid UTF-8.
  bool string(std::string* out) {
    if (!eat('"')) return false;
    out->clear();
    for (;;) {
      std::size_t run = i_;
      while (run < s_.size() && s_[run] != '"' && s_[run] != '\\') ++run;
      if (run == s_.size()) return false;
      out->append(s_.substr(i_, run - i_));
      i_ = run + 1;
      if (s_[run] == '"') return true;
      if (i_ >= s_.size()) return false;
      const char e = s_[i_++];
      switch (e) {
        case '"': out->push_back('"'); break;
        case '\\': out->push_back('\\'); break;
        case '/': out->push_back('/'); break;
        case 'b': out->push_back('\b'); break;
        case 'f': out->push_back('\f'); break;
        case 'n': out->push_back('\n'); break;
        case 'r': out->push_back('\r'); break;
        case 't': out->push_back('\t'); break;
        case 'u': {
          std::uint32_t cp = 0;
          if (!hex4(&cp)) return false;
          if (cp >= 0xD800 && cp < 0xDC00) {  // a surrogate pair
            std::uint32_t lo = 0;
            if (!eat('\\') || !eat('u') || !hex4(&lo) || lo < 0xDC00 ||
                lo >= 0xE000) {
              return false;
            }
            cp = 0x10000 + ((cp - 0xD800) << 10) + (lo - 0xDC00);
          } else if (cp >= 0xDC00 && cp < 0xE000) {
            return false;
          }
          append_utf8(out, cp);
          break;
        }
        default:
          return false;
      }
    }
  }
  bool tags(std::vector<std::string>* out) {
    out->clear();
    if (!eat('[')) return false;
    skip_space();
    if (eat(']')) return true;
    for (;;) {
      skip_space();
      out->emplace_back();
      if (!string(&out->back())) return false;
      skip_space();
      if (eat(']')) return true;
      if (!eat(',')) return false;
    }
  }
  bool number(std::uint64_t* out) {
    const std::size_t start = i_;
    std::uint64_t v = 0;
    while (i_ < s_.size() && s_[i_] >= '0' && s_[i_] <= '9') {
      if (v > (UINT64_MAX - 9) / 10) return false;
      v = v * 10 + static_cast<std::uint64_t>(s_[i_++] - '0');
    }
    if (i_ == start || (i_ - start > 1 && s_[start] == '0')) return false;
    if (i_ < s_.size() && (s_[i_] == '.' || s_[i_] == 'e' || s_[i_] == 'E')) {
      return false;
    }
    *out = v;
    return true;
  }

  std::string_view s_;
  std::size_t i_ = 0;
};

}  // namespace

Article decode_document_data(std::string_view data) {
  {
    Article a;
    if (DataReader(data).read(&a)) return a;
  }
  nlohmann::json j = nlohmann::json::parse(data, nullptr, false);
  if (j.is_discarded() || !j.is_object()) {
    throw Error("document data is not a lede document");
  }
  Article a;
  a.id = get(j, "id");
  a.title = get(j, "title");
  a.body = get(j, "text");
  a.author = get(j, "author");
  a.source = get(j, "source");
  a.url = get(j, "url");
  a.date = get(j, "date");
  a.date_raw = get(j, "date_raw");
  if (auto it = j.find("tags"); it != j.end() && it->is_array()) {
    for (const auto& t : *it) {
      if (t.is_string()) a.tags.push_back(t.get<std::string>());
    }
  }
  a.path = get(j, "path");
  if (auto it = j.find("line"); it != j.end() && it->is_number_unsigned()) {
    a.line = it->get<std::uint64_t>();
  }
  return a;
}

std::string date_value(std::string_view iso) {
  auto digits = [&](std::size_t at, std::size_t n) {
    if (iso.size() < at + n) return false;
    for (std::size_t i = at; i < at + n; ++i) {
      if (iso[i] < '0' || iso[i] > '9') return false;
    }
    return true;
  };
  if (!digits(0, 4) || iso.size() < 10 || iso[4] != '-' || !digits(5, 2) ||
      iso[7] != '-' || !digits(8, 2)) {
    return {};
  }
  std::string v;
  v.reserve(14);
  v.append(iso.substr(0, 4)).append(iso.substr(5, 2)).append(iso.substr(8, 2));
  if (iso.size() >= 19 && iso[10] == 'T' && digits(11, 2) && iso[13] == ':' &&
      digits(14, 2) && iso[16] == ':' && digits(17, 2)) {
    v.append(iso.substr(11, 2)).append(iso.substr(14, 2)).append(
        iso.substr(17, 2));
  } else {
    v.append("000000");
  }
  return v;
}

std::string url_host(std::string_view url) {
  const auto scheme = url.find("://");
  if (scheme == std::string_view::npos) return {};
  std::string_view rest = url.substr(scheme + 3);
  rest = rest.substr(0, rest.find_first_of("/?#"));
  if (const auto at = rest.rfind('@'); at != std::string_view::npos) {
    rest = rest.substr(at + 1);
  }
  if (!rest.empty() && rest.front() != '[') {
    rest = rest.substr(0, rest.find(':'));
  }
  std::string host(rest);
  for (char& c : host) {
    if (c >= 'A' && c <= 'Z') c = static_cast<char>(c - 'A' + 'a');
  }
  if (host.starts_with("www.")) host.erase(0, 4);
  while (!host.empty() && host.back() == '.') host.pop_back();
  return host;
}

}  // namespace lede
