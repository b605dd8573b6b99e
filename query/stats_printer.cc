// --stats, for people (aligned "name  value" lines) or as one JSON object:
//   {"database", "documents", "terms", "average_length",
//    "dates": {"first", "last", "dated"}, "sources": [{"value", "count"}],
//    "schema_version", "analyzer": {"version", "language"},
//    "title_weight", "fields": {NAME: KEY}, "spelling_words", "written_by",
//    "size_bytes", "parts": [one object with these keys but "parts" per
//    database]}
// Absent values ("first"/"last" without dates, "written_by") are null.
// Several databases searched as one: the whole first, then each database
// (text: a block each after a blank line; json: "parts"). One database: its
// block alone (json: "parts" holds the same object once).
#include <nlohmann/json.hpp>

#include <cmath>
#include <cstdio>
#include <ostream>

#include "query/printer.h"

namespace lede::query {

namespace {

std::string human_size(std::uint64_t bytes) {
  char buf[64];
  const double b = static_cast<double>(bytes);
  if (bytes < 1000) {
    std::snprintf(buf, sizeof buf, "%llu bytes",
                  static_cast<unsigned long long>(bytes));
  } else if (bytes < 1000 * 1000) {
    std::snprintf(buf, sizeof buf, "%.1f kB", b / 1e3);
  } else if (bytes < 1000ull * 1000 * 1000) {
    std::snprintf(buf, sizeof buf, "%.1f MB", b / 1e6);
  } else {
    std::snprintf(buf, sizeof buf, "%.2f GB", b / 1e9);
  }
  return buf;
}

void print_block(const DatabaseStats& s, std::ostream& out) {
  auto line = [&](const char* name, const std::string& value) {
    char buf[32];
    std::snprintf(buf, sizeof buf, "%-16s", name);
    out << buf << value << "\n";
  };
  char avg[32];
  std::snprintf(avg, sizeof avg, "%.1f", s.average_length);
  line("database", escaped(s.path));
  line("documents", std::to_string(s.documents));
  line("terms", std::to_string(s.terms));
  line("average length", std::string(avg) + " words");
  line("dated", std::to_string(s.dated) +
                    (s.dated > 0 ? " (" + s.first_date + " to " +
                                       s.last_date + ")"
                                 : ""));
  line("sources", std::to_string(s.sources.size()));
  std::size_t width = 1;
  for (const FacetValue& v : s.sources) {
    width = std::max(width, std::to_string(v.count).size());
  }
  for (const FacetValue& v : s.sources) {
    const std::string n = std::to_string(v.count);
    out << std::string(16 + width - n.size(), ' ') << n << "  "
        << terminal_safe(v.value) << "\n";
  }
  line("schema version", std::to_string(s.schema_version));
  line("analyzer", "version " + std::to_string(s.analyzer_version) +
                       ", stemming " + terminal_safe(s.language));
  line("title weight", std::to_string(s.title_weight));
  std::string fields;
  for (const auto& [name, key] : s.fields) {
    if (!fields.empty()) fields += ", ";
    fields += name + " (key " + key + ")";
  }
  line("fields", fields.empty() ? "none of its own" : terminal_safe(fields));
  line("spelling", std::to_string(s.spelling_words) + " words");
  line("written by",
       s.written_by.empty() ? "unknown" : "lede " + terminal_safe(s.written_by));
  line("size on disk", human_size(s.size_bytes));
}

void print_text(const DatabaseStats& s, std::ostream& out) {
  print_block(s, out);
  if (s.parts.size() < 2) return;
  for (const DatabaseStats& part : s.parts) {
    out << "\n";
    print_block(part, out);
  }
}

using Json = nlohmann::ordered_json;

Json to_json(const DatabaseStats& s) {
  auto or_null = [](const std::string& v) {
    return v.empty() ? Json(nullptr) : Json(v);
  };
  Json j = Json::object();
  j["database"] = s.path;
  j["documents"] = s.documents;
  j["terms"] = s.terms;
  j["average_length"] = std::round(s.average_length * 100) / 100;
  Json dates = Json::object();
  dates["first"] = or_null(s.first_date);
  dates["last"] = or_null(s.last_date);
  dates["dated"] = s.dated;
  j["dates"] = std::move(dates);
  Json sources = Json::array();
  for (const FacetValue& v : s.sources) {
    Json o = Json::object();
    o["value"] = v.value;
    o["count"] = v.count;
    sources.push_back(std::move(o));
  }
  j["sources"] = std::move(sources);
  j["schema_version"] = s.schema_version;
  Json analyzer = Json::object();
  analyzer["version"] = s.analyzer_version;
  analyzer["language"] = s.language;
  j["analyzer"] = std::move(analyzer);
  j["title_weight"] = s.title_weight;
  Json fields = Json::object();
  for (const auto& [name, key] : s.fields) fields[name] = key;
  j["fields"] = std::move(fields);
  j["spelling_words"] = s.spelling_words;
  j["written_by"] = or_null(s.written_by);
  j["size_bytes"] = s.size_bytes;
  return j;
}

void print_json(const DatabaseStats& s, std::ostream& out) {
  Json j = to_json(s);
  Json parts = Json::array();
  for (const DatabaseStats& part : s.parts) parts.push_back(to_json(part));
  j["parts"] = std::move(parts);
  out << json_escape_controls(
             j.dump(-1, ' ', false, nlohmann::json::error_handler_t::replace))
      << "\n";
}

}  // namespace

void print_stats(const DatabaseStats& stats, Format format, std::ostream& out) {
  if (format == Format::kJson) {
    print_json(stats, out);
  } else {
    print_text(stats, out);
  }
}

}  // namespace lede::query
