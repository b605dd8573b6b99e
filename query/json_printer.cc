#include <nlohmann/json.hpp>

#include <ostream>

#include "query/printer.h"

namespace lede::query {

namespace {

nlohmann::json or_null(const std::string& s) {
  return s.empty() ? nlohmann::json(nullptr) : nlohmann::json(s);
}

nlohmann::json snippet_json(const Snippet& s) {
  nlohmann::json ranges = nlohmann::json::array();
  for (const ByteRange& r : s.highlights) ranges.push_back({r.begin, r.end});
  return {{"text", s.text}, {"highlights", ranges}};
}

// One hit object per line. Key order is fixed (ordered_json).
class JsonlPrinter : public Printer {
 public:
  explicit JsonlPrinter(std::ostream& out) : out_(out) {}
  void begin(const SearchSummary&) override {}
  void hit(const Hit& h) override {
    const Article& a = h.article;
    nlohmann::ordered_json j;
    j["rank"] = h.rank;
    j["score"] = h.score;
    j["id"] = a.id;
    j["title"] = or_null(a.title);
    j["source"] = or_null(a.source);
    j["author"] = or_null(a.author);
    j["date"] = or_null(a.date);
    j["url"] = or_null(a.url);
    j["path"] = or_null(a.path);
    nlohmann::json snippets = nlohmann::json::array();
    for (const Snippet& s : h.snippets) snippets.push_back(snippet_json(s));
    j["snippets"] = snippets;
    out_ << j.dump(-1, ' ', false, nlohmann::json::error_handler_t::replace)
         << "\n";
  }
  void end(const SearchSummary&) override {}

 private:
  std::ostream& out_;
};

}  // namespace

std::unique_ptr<Printer> make_jsonl_printer(std::ostream& out) {
  return std::make_unique<JsonlPrinter>(out);
}

}  // namespace lede::query
