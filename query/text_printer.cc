// --format text: results for people. Every piece of document text goes
// through terminal_safe() before it is written, whatever the document holds;
// the location (URL, path or id) and a --batch query id through escaped(),
// so that a path with a control character in its name is shown, escaped,
// not silently changed.
//
//   29 matches (1.9 ms)                  header: "about N" when estimated;
//                                        the time only on a terminal
//   1. Title with [matches] (+2 similar)
//      Source · 2024-03-05 · Author
//      https://… (or path[:line], or id; without a title, this is the
//                 title line)
//      …snippet with [matches]…
//
// Without colour, matches are [bracketed] so they show in a pipe too.
#include <cstdio>
#include <ostream>

#include "query/printer.h"

namespace lede::query {

namespace {

constexpr const char* kMatchOn = "\x1b[1;31m";  // bold red
constexpr const char* kTitleOn = "\x1b[1m";     // bold
constexpr const char* kWhereOn = "\x1b[35m";    // magenta, as ripgrep's paths
constexpr const char* kOff = "\x1b[0m";
constexpr const char* kDot = " \xC2\xB7 ";      // " · "

std::string fixed(double v, int decimals) {
  char buf[64];
  std::snprintf(buf, sizeof buf, "%.*f", decimals, v);
  return buf;
}

class TextPrinter : public Printer {
 public:
  TextPrinter(std::ostream& out, const PrintOptions& options)
      : out_(out), o_(options) {}

  void begin(const SearchSummary& s) override {
    if (o_.batch) {
      if (queries_++ > 0) out_ << "\n";
      out_ << "==> " << escaped(s.qid) << ": " << terminal_safe(s.query)
           << " <==\n";
    }
    if (o_.show_query) {
      out_ << "query: " << terminal_safe(s.parsed) << "\n"
           << "xapian: " << terminal_safe(s.xapian_query) << "\n";
    }
    if (s.total == 0 && !o_.batch && !o_.show_query) return;
    out_ << (s.total_exact ? "" : "about ") << s.total
         << (s.total == 1 ? " match" : " matches");
    if (o_.show_time) out_ << " (" << fixed(s.seconds * 1000, 1) << " ms)";
    out_ << "\n";
  }

  void hit(const Hit& h) override {
    const Article& a = h.article;
    out_ << "\n" << h.rank << ". ";
    // An article without a title is named by its location, shown once.
    const std::string where = location(a);
    const bool untitled = h.title.text.empty() && a.title.empty();
    if (!h.title.text.empty()) {
      write_highlighted(h.title, true);
    } else if (!untitled) {
      write_plain(a.title, kTitleOn);
    } else {
      write_name(where, kTitleOn);
    }
    if (h.collapsed > 0) out_ << " (+" << h.collapsed << " similar)";
    out_ << "\n";
    std::string meta;
    const std::string day = a.date.substr(0, 10);
    for (const std::string* part : {&a.source, &day, &a.author}) {
      if (part->empty()) continue;
      if (!meta.empty()) meta += kDot;
      meta += terminal_safe(*part);
    }
    if (!meta.empty()) out_ << "   " << meta << "\n";
    if (!untitled) {
      out_ << "   ";
      write_name(where, kWhereOn);
      out_ << "\n";
    }
    for (const Snippet& s : h.snippets) {
      out_ << "   ";
      write_highlighted(s, false);
      out_ << "\n";
    }
    if (o_.explain) write_explain(h);
  }

  void end(const SearchSummary& s) override {
    for (const Facet& f : s.facets) {
      if (f.values.empty()) continue;
      out_ << "\n" << f.name << ":\n";
      std::size_t width = 1;
      for (const FacetValue& v : f.values) {
        width = std::max(width, std::to_string(v.count).size());
      }
      for (const FacetValue& v : f.values) {
        const std::string n = std::to_string(v.count);
        out_ << "  " << std::string(width - n.size(), ' ') << n << "  "
             << terminal_safe(v.value) << "\n";
      }
    }
  }

 private:
  void write_plain(const std::string& text, const char* on) {
    if (o_.color) out_ << on;
    out_ << terminal_safe(text);
    if (o_.color) out_ << kOff;
  }

  void write_name(const std::string& name, const char* on) {
    if (o_.color) out_ << on;
    out_ << escaped(name);
    if (o_.color) out_ << kOff;
  }

  // Highlights in colour, or with [brackets] when colour is off.
  void write_highlighted(const Snippet& s, bool title) {
    const std::string_view text(s.text);
    std::size_t at = 0;
    if (o_.color && title) out_ << kTitleOn;
    for (const ByteRange& r : s.highlights) {
      out_ << terminal_safe(text.substr(at, r.begin - at));
      const std::string word =
          terminal_safe(text.substr(r.begin, r.end - r.begin));
      if (o_.color) {
        out_ << kMatchOn << word << kOff;
        if (title) out_ << kTitleOn;
      } else {
        out_ << "[" << word << "]";
      }
      at = r.end;
    }
    out_ << terminal_safe(text.substr(at));
    if (o_.color && title) out_ << kOff;
  }

  void write_explain(const Hit& h) {
    out_ << "   score " << fixed(h.score, 4) << ", document length "
         << h.doc_length << ":\n";
    for (const TermContribution& c : h.explain) {
      out_ << "     " << fixed(c.weight, 4) << "  " << terminal_safe(c.term);
      std::string detail;
      if (c.wdf > 0) detail = "wdf " + std::to_string(c.wdf);
      if (c.termfreq > 0) {
        detail += ", in " + std::to_string(c.termfreq) +
                  (c.termfreq == 1 ? " doc, idf " : " docs, idf ") +
                  fixed(c.idf, 4);
      }
      if (c.factor != 1) {
        detail += (detail.empty() ? "x" : ", x") + fixed(c.factor, 2);
      }
      if (!detail.empty()) out_ << "  (" << detail << ")";
      out_ << "\n";
    }
  }

  std::ostream& out_;
  PrintOptions o_;
  std::size_t queries_ = 0;
};

}  // namespace

std::string path_line(const Article& a) {
  return a.line == 0 ? a.path : a.path + ":" + std::to_string(a.line);
}

std::string location(const Article& a) {
  if (!a.url.empty()) return a.url;
  if (!a.path.empty()) return path_line(a);
  return a.id;
}

std::string file_location(const Article& a) {
  if (!a.path.empty() && a.path != "-") return path_line(a);
  if (!a.url.empty()) return a.url;
  return a.id;
}

std::unique_ptr<Printer> make_text_printer(std::ostream& out,
                                           const PrintOptions& options) {
  return std::make_unique<TextPrinter>(out, options);
}

}  // namespace lede::query
