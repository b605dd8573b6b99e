#include "common/schema.h"

#include <xxhash.h>

#include <algorithm>
#include <cstdint>
#include <cstdio>
#include <filesystem>
#include <string>

namespace lede {

std::string user_field_prefix(std::string_view name) {
  std::string p = "X";
  for (const char c : name) {
    p.push_back(c >= 'a' && c <= 'z' ? static_cast<char>(c - 'a' + 'A') : c);
  }
  return p;
}

std::string user_field_name_problem(std::string_view name) {
  if (name.empty() || name.size() > 20 ||
      !std::all_of(name.begin(), name.end(),
                   [](char c) { return c >= 'a' && c <= 'z'; })) {
    return "a field name is 1 to 20 lower-case letters a-z";
  }
  static constexpr std::string_view kTaken[] = {
      "id",    "title", "text", "date",  "source", "author", "url",
      "tags",  "tag",   "site", "after", "before", "year",   "month",
      "body",  "src",   "file", "tpos"};
  for (const std::string_view t : kTaken) {
    if (name == t) return "'" + std::string(name) + "' is a name lede uses";
  }
  return {};
}

std::string serialize_user_fields(const std::vector<UserField>& fields) {
  std::string out;
  for (const UserField& f : fields) out += f.name + "=" + f.key + "\n";
  return out;
}

bool parse_user_fields(std::string_view text, std::vector<UserField>* fields) {
  fields->clear();
  while (!text.empty()) {
    const std::size_t nl = text.find('\n');
    if (nl == std::string_view::npos) return false;
    const std::string_view line = text.substr(0, nl);
    text.remove_prefix(nl + 1);
    const std::size_t eq = line.find('=');
    if (eq == std::string_view::npos ||
        !user_field_name_problem(line.substr(0, eq)).empty() ||
        eq + 1 == line.size()) {
      return false;
    }
    fields->push_back(
        {std::string(line.substr(0, eq)), std::string(line.substr(eq + 1))});
  }
  return true;
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

std::string hash_hex(std::string_view text) {
  char buf[17];
  std::snprintf(
      buf, sizeof buf, "%016llx",
      static_cast<unsigned long long>(XXH64(text.data(), text.size(), 0)));
  return buf;
}

std::string bounded_term(std::string_view prefix, std::string_view value) {
  // Xapian refuses terms over 245 bytes.
  constexpr std::size_t kMaxRawTerm = 240;
  std::string t(prefix);
  if (prefix.size() + value.size() <= kMaxRawTerm) {
    t += value;
  } else {
    t += value.substr(0, kMaxRawTerm - prefix.size() - 17);
    t += '#';
    t += hash_hex(value);
  }
  return t;
}

std::string id_term(std::string_view id) {
  return bounded_term(prefix::kId, id);
}

std::string file_key(const std::string& path) {
  if (path == "-") return path;
  namespace fs = std::filesystem;
  std::error_code ec;
  fs::path key = fs::absolute(path, ec);
  if (ec) return fs::path(path).lexically_normal().string();
  // The real path: the same file reached through another folder, a
  // symbolic link or from another working directory has one key.
  if (fs::path real = fs::weakly_canonical(key, ec); !ec) key = real;
  return key.lexically_normal().string();
}

std::uint64_t split_record_line(std::string_view name, std::string_view* path) {
  const std::size_t colon = name.rfind(':');
  *path = name;
  if (colon == std::string_view::npos || colon + 1 == name.size() ||
      colon + 1 + 19 < name.size() ||
      name.find_first_not_of("0123456789", colon + 1) != std::string_view::npos) {
    return 0;
  }
  *path = name.substr(0, colon);
  return std::stoull(std::string(name.substr(colon + 1)));
}

std::string file_term(std::string_view key) {
  return std::string(prefix::kFile) + hash_hex(key);
}

}  // namespace lede
