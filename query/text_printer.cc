// --format text: results for people. Every piece of document text goes
// through terminal_safe() before it is written, whatever the document holds;
// the location (URL, path or id) and a --batch query id through escaped(),
// so that a path with a control character in its name is shown, escaped,
// not silently changed.
//
//   29 matches (1.9 ms)                  header: "about N" when estimated;
//                                        the time only on a terminal
//   1. Title with [matches] (+2 similar)  (untitled: its first words…)
//      Source · 2024-03-05 · Author
//      https://… (or path[:line], or id) · id ID  (the id when it is
//                           neither the path nor the location; without a
//                           title or text the location is the title line)
//      …snippet with [matches], wrapped to PrintOptions.width under its
//      indentation…
//
// Without colour, matches are [bracketed] so they show in a pipe too.
#include <algorithm>
#include <cstdio>
#include <ostream>

#include "query/printer.h"

namespace lede::query {

namespace {

constexpr const char* kMatchOn = "\x1b[1;31m";  // bold red
constexpr const char* kTitleOn = "\x1b[1m";     // bold
constexpr const char* kWhereOn = "\x1b[35m";    // magenta, as ripgrep's paths
constexpr const char* kOff = "\x1b[0m";
constexpr std::string_view kDot = " \xC2\xB7 ";  // " · "
constexpr std::string_view kIndent = "   ";       // under "N. "
constexpr std::size_t kTitleWords = 8;          // of an untitled article

// Highlights in colour, or with [brackets] when colour is off.
std::string highlighted(const Snippet& s, bool color, bool title) {
  const std::string_view text(s.text);
  std::string out;
  std::size_t at = 0;
  if (color && title) out += kTitleOn;
  for (const ByteRange& r : s.highlights) {
    out += terminal_safe(text.substr(at, r.begin - at));
    const std::string word =
        terminal_safe(text.substr(r.begin, r.end - r.begin));
    if (color) {
      out += kMatchOn + word + kOff;
      if (title) out += kTitleOn;
    } else {
      out += "[" + word + "]";
    }
    at = r.end;
  }
  out += terminal_safe(text.substr(at));
  if (color && title) out += kOff;
  return out;
}

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
    const std::string number = std::to_string(h.rank) + ". ";
    out_ << "\n" << number;
    // An article without a title is named by its first words; one without
    // text either by its location, not shown again below.
    const std::string where = location(a);
    const bool untitled = h.title.text.empty() && a.title.empty();
    const std::string words = untitled ? first_words(a) : "";
    const bool named_by_where = untitled && words.empty();
    std::string title;
    if (!h.title.text.empty()) {
      title = highlighted(h.title, true);
    } else if (!a.title.empty()) {
      title = plain(a.title, kTitleOn);
    } else if (!words.empty()) {
      title = plain(words, kTitleOn);
    } else {
      title = name(where, kTitleOn);
    }
    if (h.collapsed > 0) title += " (+" + std::to_string(h.collapsed) + " similar)";
    out_ << wrapped(title, number.size()) << "\n";
    std::string meta;
    const std::string day = a.date.substr(0, 10);
    for (const std::string* part : {&a.source, &day, &a.author}) {
      if (part->empty()) continue;
      if (!meta.empty()) meta += kDot;
      meta += terminal_safe(*part);
    }
    if (!meta.empty()) out_ << kIndent << wrapped(meta) << "\n";
    // Where it is, and the story's id (what --show takes) when that is
    // neither its file's path nor already shown; the id on a line of its
    // own when both do not fit on one.
    const std::string id =
        a.id != a.path && a.id != where ? "id " + escaped(a.id) : "";
    if (!named_by_where) {
      out_ << kIndent << name(where, kWhereOn);
      if (!id.empty() &&
          (o_.width == 0 ||
           kIndent.size() + display_width(where + std::string(kDot) + id) <=
               o_.width)) {
        out_ << kDot << id;
      } else if (!id.empty()) {
        out_ << "\n" << kIndent << id;
      }
      out_ << "\n";
    } else if (!id.empty()) {
      out_ << kIndent << id << "\n";
    }
    for (const Snippet& s : h.snippets) {
      out_ << kIndent << wrapped(highlighted(s, false)) << "\n";
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
  std::string plain(const std::string& text, const char* on) const {
    return o_.color ? on + terminal_safe(text) + kOff : terminal_safe(text);
  }

  std::string name(const std::string& text, const char* on) const {
    return o_.color ? on + escaped(text) + kOff : escaped(text);
  }

  // `text` wrapped to the width under the indentation, after `start`
  // cells already on its first line.
  std::string wrapped(const std::string& text,
                      std::size_t start = kIndent.size()) const {
    return wrap_words(text, o_.width, kIndent, start);
  }

  std::string highlighted(const Snippet& s, bool title) const {
    return lede::query::highlighted(s, o_.color, title);
  }

  // The title of an untitled article: the first words of its text (none
  // when it has no text).
  static std::string first_words(const Article& a) {
    static constexpr std::string_view kSpace = " \t\n\r\f\v";
    const std::string_view text(a.body);
    std::string out;
    std::size_t words = 0;
    std::size_t i = text.find_first_not_of(kSpace);
    while (i != std::string_view::npos && words < kTitleWords) {
      const std::size_t end = std::min(text.find_first_of(kSpace, i), text.size());
      if (!out.empty()) out += ' ';
      out += text.substr(i, end - i);
      ++words;
      i = text.find_first_not_of(kSpace, end);
    }
    if (i != std::string_view::npos) out += "\xE2\x80\xA6";  // "…"
    return out;
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

void print_story_text(const Story& story, const PrintOptions& o,
                      std::ostream& out) {
  static constexpr std::string_view kGap = "\xE2\x80\xA6";  // "…"
  const Article& a = story.article;
  std::vector<std::pair<std::string, std::string>> meta;  // label, shown
  auto add = [&](std::string label, std::string shown) {
    if (!shown.empty()) meta.emplace_back(std::move(label), std::move(shown));
  };
  if (!story.title.text.empty()) {
    add("Title", highlighted(story.title, o.color, true));
  }
  add("Source", terminal_safe(a.source));
  add("Author", terminal_safe(a.author));
  add("Date", terminal_safe(a.date));
  add("URL", escaped(a.url));
  if (!a.path.empty()) add("Path", escaped(path_line(a)));
  add("Id", escaped(a.id));
  auto joined = [](const std::vector<std::string>& items) {
    std::string out;
    for (const std::string& item : items) {
      if (!out.empty()) out += ", ";
      out += terminal_safe(item);
    }
    return out;
  };
  add("Tags", joined(a.tags));
  for (const auto& [name, items] : a.fields) add(name, joined(items));
  add("Database", escaped(story.database));
  std::size_t column = 0;
  for (const auto& [label, shown] : meta) {
    column = std::max(column, label.size() + 2);
  }
  const std::string indent(column, ' ');
  for (const auto& [label, shown] : meta) {
    out << label << ":" << std::string(column - label.size() - 1, ' ')
        << wrap_words(shown, o.width, indent, column) << "\n";
  }
  std::size_t next = 1;  // the paragraph that follows the last one shown
  for (const Paragraph& p : story.paragraphs) {
    out << "\n";
    if (p.number != next) out << kGap << "\n\n";
    out << wrap_words(highlighted(p.text, o.color, false), o.width, "", 0)
        << "\n";
    next = p.number + 1;
  }
  if (next <= story.paragraph_count) out << "\n" << kGap << "\n";
}

std::unique_ptr<Printer> make_text_printer(std::ostream& out,
                                           const PrintOptions& options) {
  return std::make_unique<TextPrinter>(out, options);
}

}  // namespace lede::query
