// --format json and --format jsonl: the one definition of lede-query's
// JSON output (man/lede-query.1, JSON OUTPUT, repeats it for users).
//
// A hit object, keys always in this order and always present (absent
// values are null, never missing keys):
//   "qid"              --batch only: the query's id (string)
//   "rank"             1-based, counting --offset
//   "score"            BM25 score, rounded to 4 decimals
//   "id"               the article's unique id (string)
//   "title" "source" "author" "url" "path"   strings or null
//   "date"             ISO 8601 ("2024-03-05" or "2024-03-05T14:30:00Z")
//                      or null
//   "line"             line in `path` for a story from JSON Lines, or null
//   "tags"             array of strings (empty when none)
//   "collapsed"        how many other copies --collapse folded into it
//                      (0 without --collapse)
//   "title_highlights" [[start, end], ...]: byte offsets into "title"
//   "snippets"         [{"text": "...", "highlights": [[start, end], ...]}]
//                      with byte offsets into "text" (end exclusive)
//   "explain"          null, or with --explain a list of
//                      {"term", "weight", "wdf", "termfreq", "idf",
//                       "factor"}; the weights add up to "score"
//
// --format json: one object per query (one line each with --batch):
//   {"qid" (--batch only), "query", "total": {"value": N, "exact": bool},
//    "hits": [hit...], "suggestion": string or null,
//    "facets": {"source": [{"value": "...", "count": N}, ...], ...}
//              (an empty object without --facet),
//    "parsed": null, or with --show-query {"query": tree,
//              "xapian": Xapian's description},
//    "error": null}
// A --batch query that cannot be run gives the object with "total" null,
// no hits, no facets and "error" the message (one object per query).
//
// --format jsonl: one hit object per line; a --batch query that cannot be
// run gives a line {"qid", "error"}.
//
// --show --format json: one object a line for each article shown:
//   "id" "title" "source" "author" "date" "url" "path" "line" "tags"
//                      as in a hit
//   "fields"           {"name": [items...], ...}: the database's own fields
//                      the article has (an empty object when none)
//   "database"         the database it is in when several are searched,
//                      else null
//   "title_highlights" [[start, end], ...] into "title"
//   "paragraph_count"  paragraphs in its text
//   "paragraphs"       [{"number": N (1-based), "text": "...",
//                        "highlights": [[start, end], ...]}]: all of them,
//                      or with --context those near a match
//
// Strings are UTF-8; bytes that are not are replaced with U+FFFD. Control
// characters (C0 and C1), U+2028, U+2029 and the bidirectional controls are
// written as \uHHHH escapes, never raw. Numbers never depend on the locale.
#include <nlohmann/json.hpp>

#include <cmath>
#include <ostream>

#include "query/printer.h"

namespace lede::query {

namespace {

using Json = nlohmann::ordered_json;

Json or_null(const std::string& s) {
  return s.empty() ? Json(nullptr) : Json(s);
}

double rounded(double v, double scale = 1e4) {
  return std::round(v * scale) / scale;
}

Json ranges_json(const std::vector<ByteRange>& ranges) {
  Json out = Json::array();
  for (const ByteRange& r : ranges) out.push_back({r.begin, r.end});
  return out;
}

// The keys of an article, hit or story: "id" to "tags".
void add_article(const Article& a, const Snippet& title, Json* j) {
  (*j)["id"] = a.id;
  // The title as highlighted (whitespace collapsed, control characters
  // dropped), so that "title_highlights" are offsets into it.
  (*j)["title"] = or_null(title.text.empty() ? a.title : title.text);
  (*j)["source"] = or_null(a.source);
  (*j)["author"] = or_null(a.author);
  (*j)["date"] = or_null(a.date);
  (*j)["url"] = or_null(a.url);
  (*j)["path"] = or_null(a.path);
  (*j)["line"] = a.line == 0 ? Json(nullptr) : Json(a.line);
  (*j)["tags"] = a.tags;
}

Json text_json(const Snippet& s) {
  Json o = Json::object();
  o["text"] = s.text;
  o["highlights"] = ranges_json(s.highlights);
  return o;
}

Json hit_json(const Hit& h, const std::string* qid, bool explain) {
  Json j = Json::object();
  if (qid != nullptr) j["qid"] = *qid;
  j["rank"] = h.rank;
  j["score"] = rounded(h.score);
  add_article(h.article, h.title, &j);
  j["collapsed"] = h.collapsed;
  j["title_highlights"] = ranges_json(h.title.highlights);
  Json snippets = Json::array();
  for (const Snippet& s : h.snippets) snippets.push_back(text_json(s));
  j["snippets"] = std::move(snippets);
  if (explain) {
    Json parts = Json::array();
    for (const TermContribution& c : h.explain) {
      Json o = Json::object();
      o["term"] = c.term;
      o["weight"] = rounded(c.weight, 1e6);
      o["wdf"] = c.wdf;
      o["termfreq"] = c.termfreq;
      o["idf"] = rounded(c.idf, 1e6);
      o["factor"] = rounded(c.factor, 1e6);
      parts.push_back(std::move(o));
    }
    j["explain"] = std::move(parts);
  } else {
    j["explain"] = nullptr;
  }
  return j;
}

// Compact JSON; C1 controls, U+2028/2029 and bidi controls escaped like
// the C0 controls are (common/safe_text.h), so that no string can drive a
// terminal that shows the JSON.
std::string dump(const Json& j) {
  return json_escape_controls(
      j.dump(-1, ' ', false, nlohmann::json::error_handler_t::replace));
}

class JsonPrinter : public Printer {
 public:
  JsonPrinter(std::ostream& out, const PrintOptions& options)
      : out_(out), o_(options) {}

  void begin(const SearchSummary& s) override {
    doc_ = Json::object();
    if (o_.batch) doc_["qid"] = s.qid;
    doc_["query"] = s.query;
    Json total = Json::object();
    total["value"] = s.total;
    total["exact"] = s.total_exact;
    doc_["total"] = std::move(total);
    doc_["hits"] = Json::array();
  }

  void hit(const Hit& h) override {
    doc_["hits"].push_back(hit_json(h, nullptr, o_.explain));
  }

  void end(const SearchSummary& s) override {
    doc_["suggestion"] = or_null(s.suggestion);
    Json facets = Json::object();
    for (const Facet& f : s.facets) {
      Json values = Json::array();
      for (const FacetValue& v : f.values) {
        Json o = Json::object();
        o["value"] = v.value;
        o["count"] = v.count;
        values.push_back(std::move(o));
      }
      facets[f.name] = std::move(values);
    }
    doc_["facets"] = std::move(facets);
    if (o_.show_query) {
      Json parsed = Json::object();
      parsed["query"] = s.parsed;
      parsed["xapian"] = s.xapian_query;
      doc_["parsed"] = std::move(parsed);
    } else {
      doc_["parsed"] = nullptr;
    }
    doc_["error"] = nullptr;
    out_ << dump(doc_) << "\n";
  }

  void failed(const std::string& qid, const std::string& query,
              const std::string& message) override {
    Json j = Json::object();
    j["qid"] = qid;
    j["query"] = query;
    j["total"] = nullptr;
    j["hits"] = Json::array();
    j["suggestion"] = nullptr;
    j["facets"] = Json::object();
    j["parsed"] = nullptr;
    j["error"] = message;
    out_ << dump(j) << "\n";
  }

 private:
  std::ostream& out_;
  PrintOptions o_;
  Json doc_;
};

class JsonlPrinter : public Printer {
 public:
  JsonlPrinter(std::ostream& out, const PrintOptions& options)
      : out_(out), o_(options) {}
  void begin(const SearchSummary& s) override { qid_ = s.qid; }
  void hit(const Hit& h) override {
    out_ << dump(hit_json(h, o_.batch ? &qid_ : nullptr, o_.explain)) << "\n";
  }
  void end(const SearchSummary&) override {}
  void failed(const std::string& qid, const std::string&,
              const std::string& message) override {
    Json j = Json::object();
    j["qid"] = qid;
    j["error"] = message;
    out_ << dump(j) << "\n";
  }

 private:
  std::ostream& out_;
  PrintOptions o_;
  std::string qid_;
};

}  // namespace

void print_story_json(const Story& story, std::ostream& out) {
  Json j = Json::object();
  add_article(story.article, story.title, &j);
  Json fields = Json::object();
  for (const auto& [name, items] : story.article.fields) fields[name] = items;
  j["fields"] = std::move(fields);
  j["database"] = or_null(story.database);
  j["title_highlights"] = ranges_json(story.title.highlights);
  j["paragraph_count"] = story.paragraph_count;
  Json paragraphs = Json::array();
  for (const Paragraph& p : story.paragraphs) {
    Json o = Json::object();
    o["number"] = p.number;
    o["text"] = p.text.text;
    o["highlights"] = ranges_json(p.text.highlights);
    paragraphs.push_back(std::move(o));
  }
  j["paragraphs"] = std::move(paragraphs);
  out << dump(j) << "\n";
}

std::unique_ptr<Printer> make_json_printer(std::ostream& out,
                                           const PrintOptions& options) {
  return std::make_unique<JsonPrinter>(out, options);
}

std::unique_ptr<Printer> make_jsonl_printer(std::ostream& out,
                                            const PrintOptions& options) {
  return std::make_unique<JsonlPrinter>(out, options);
}

}  // namespace lede::query
