// The line-per-result formats for scripts: tsv, paths, paths0, trec and
// --count. Fields never contain a tab, newline or control character, so
// that cut, sort and awk see exactly one record per line: document text
// (title, source, date) goes through tsv_field(), names (ids, paths) through
// escaped(), which never changes a name silently (the printer counts what
// it escaped and lede-query says so). With --batch, tsv, paths, paths0 and
// --count lines start with the query id and a tab (a name too: escaped,
// except in paths0); trec lines always carry it.
//
//   tsv    RANK SCORE ID DATE SOURCE TITLE PATH   (tab-separated, empty
//          fields for absent values, score with 4 decimals, PATH with
//          ":LINE" for a record of JSON Lines: path_line)
//   paths  one absolute path per line (file_location: "FILE:LINE" for a
//          record of JSON Lines), like grep -l
//   paths0 the same bytes exactly as stored, each ended by a NUL instead of
//          a newline (find -print0, xargs -0), never escaped
//   trec   QID Q0 DOCID RANK SCORE lede   (trec_eval's run format; spaces
//          in ids become _, score with 6 decimals)
//   count  the number of matching documents
#include <cstdio>
#include <ostream>

#include "query/printer.h"

namespace lede::query {

namespace {

std::string fixed(double v, int decimals) {
  char buf[64];
  std::snprintf(buf, sizeof buf, "%.*f", decimals, v);
  return buf;
}

// trec_eval splits on whitespace: an id must be one word.
std::string trec_word(std::string_view text) {
  std::string out = tsv_field(text);
  for (char& c : out) {
    if (c == ' ') c = '_';
  }
  return out.empty() ? "-" : out;
}

// A name (id, path) for a line-per-record format: escaped(), counted.
class Names {
 public:
  std::string field(std::string_view name) {
    if (!needs_escaping(name)) return std::string(name);
    ++escaped_;
    return escaped(name);
  }
  [[nodiscard]] std::size_t escaped_count() const { return escaped_; }

 private:
  std::size_t escaped_ = 0;
};

class TsvPrinter : public Printer {
 public:
  TsvPrinter(std::ostream& out, const PrintOptions& o) : out_(out), o_(o) {}
  void begin(const SearchSummary& s) override {
    if (o_.batch) qid_ = names_.field(s.qid);
  }
  void hit(const Hit& h) override {
    const Article& a = h.article;
    if (o_.batch) out_ << qid_ << '\t';
    out_ << h.rank << '\t' << fixed(h.score, 4) << '\t' << names_.field(a.id)
         << '\t' << tsv_field(a.date) << '\t' << tsv_field(a.source) << '\t'
         << tsv_field(a.title) << '\t' << names_.field(path_line(a))
         << '\n';
  }
  void end(const SearchSummary&) override {}
  [[nodiscard]] std::size_t escaped_names() const override {
    return names_.escaped_count();
  }

 private:
  std::ostream& out_;
  PrintOptions o_;
  std::string qid_;
  Names names_;
};

class PathsPrinter : public Printer {
 public:
  PathsPrinter(std::ostream& out, const PrintOptions& o, bool nul)
      : out_(out), o_(o), nul_(nul) {}
  void begin(const SearchSummary& s) override {
    if (o_.batch) qid_ = nul_ ? s.qid : names_.field(s.qid);
  }
  void hit(const Hit& h) override {
    if (o_.batch) out_ << qid_ << '\t';
    const std::string path = file_location(h.article);
    if (nul_) {
      out_ << path << '\0';
    } else {
      out_ << names_.field(path) << '\n';
    }
  }
  void end(const SearchSummary&) override {}
  [[nodiscard]] std::size_t escaped_names() const override {
    return names_.escaped_count();
  }

 private:
  std::ostream& out_;
  PrintOptions o_;
  bool nul_;
  std::string qid_;
  Names names_;
};

class TrecPrinter : public Printer {
 public:
  explicit TrecPrinter(std::ostream& out) : out_(out) {}
  void begin(const SearchSummary& s) override { qid_ = trec_word(s.qid); }
  void hit(const Hit& h) override {
    out_ << qid_ << " Q0 " << trec_word(h.article.id) << ' ' << h.rank << ' '
         << fixed(h.score, 6) << " lede\n";
  }
  void end(const SearchSummary&) override {}

 private:
  std::ostream& out_;
  std::string qid_;
};

class CountPrinter : public Printer {
 public:
  CountPrinter(std::ostream& out, const PrintOptions& o) : out_(out), o_(o) {}
  void begin(const SearchSummary&) override {}
  void hit(const Hit&) override {}
  void end(const SearchSummary& s) override {
    if (o_.batch) out_ << names_.field(s.qid) << '\t';
    out_ << s.total << '\n';
  }
  [[nodiscard]] std::size_t escaped_names() const override {
    return names_.escaped_count();
  }

 private:
  std::ostream& out_;
  PrintOptions o_;
  Names names_;
};

}  // namespace

std::string tsv_field(std::string_view text) {
  // terminal_safe() already turns tab, CR and LF into spaces and drops
  // every other control character.
  return terminal_safe(text);
}

std::unique_ptr<Printer> make_tsv_printer(std::ostream& out,
                                          const PrintOptions& options) {
  return std::make_unique<TsvPrinter>(out, options);
}

std::unique_ptr<Printer> make_paths_printer(std::ostream& out,
                                            const PrintOptions& options) {
  return std::make_unique<PathsPrinter>(out, options, false);
}

std::unique_ptr<Printer> make_paths0_printer(std::ostream& out,
                                             const PrintOptions& options) {
  return std::make_unique<PathsPrinter>(out, options, true);
}

std::unique_ptr<Printer> make_trec_printer(std::ostream& out,
                                           const PrintOptions&) {
  return std::make_unique<TrecPrinter>(out);
}

std::unique_ptr<Printer> make_count_printer(std::ostream& out,
                                            const PrintOptions& options) {
  return std::make_unique<CountPrinter>(out, options);
}

std::unique_ptr<Printer> make_printer(Format format, std::ostream& out,
                                      PrintOptions options) {
  // A printer is told to show only what its format shows (query/request.h).
  const FormatInfo& shows = format_info(format);
  options.explain = options.explain && shows.explain;
  options.show_query = options.show_query && shows.query_echo;
  switch (format) {
    case Format::kText: return make_text_printer(out, options);
    case Format::kJson: return make_json_printer(out, options);
    case Format::kJsonl: return make_jsonl_printer(out, options);
    case Format::kTsv: return make_tsv_printer(out, options);
    case Format::kPaths: return make_paths_printer(out, options);
    case Format::kPaths0: return make_paths0_printer(out, options);
    case Format::kTrec: return make_trec_printer(out, options);
  }
  return make_text_printer(out, options);
}

}  // namespace lede::query
