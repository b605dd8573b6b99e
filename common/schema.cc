#include "common/schema.h"

#include <string>

namespace lede {

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
