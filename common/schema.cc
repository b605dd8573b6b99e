#include "common/schema.h"

#include <nlohmann/json.hpp>

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

Article decode_document_data(std::string_view data) {
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
