#pragma once
// The printers: results in, bytes on a stream out, one printer per
// --format. They never call Xapian and never decide what matched; the
// searcher hands them plain structs (query/hit.h). Each takes a
// std::ostream& so tests can capture what it writes.
//
// The formats are documented in man/lede-query.1 (OUTPUT FORMATS, JSON
// OUTPUT); json_printer.cc holds the one definition of the JSON keys.
#include <iosfwd>
#include <memory>
#include <string>
#include <string_view>

#include "common/safe_text.h"
#include "query/hit.h"
#include "query/request.h"

namespace lede::query {

// A push interface in the manner of ripgrep's Sink. For each query:
// begin(summary), hit() for each result in rank order, end(summary) with
// the same summary; after the last query, finish(). --batch runs many
// queries through one printer.
class Printer {
 public:
  virtual ~Printer() = default;
  virtual void begin(const SearchSummary& summary) = 0;
  virtual void hit(const Hit& hit) = 0;
  virtual void end(const SearchSummary& summary) = 0;
  virtual void finish() {}
  // --batch: the query `qid` (`query`) could not be run, for `message`
  // (also said on standard error). JSON output gives it an object of its
  // own so that the output has one per query; the others show nothing.
  virtual void failed(const std::string& /*qid*/, const std::string& /*query*/,
                      const std::string& /*message*/) {}
  // How many names (ids, paths) were written escaped (escaped()) because
  // they hold control characters or bytes that are not UTF-8: lede-query
  // says so on standard error, so that no name changes silently.
  [[nodiscard]] virtual std::size_t escaped_names() const { return 0; }
};

struct PrintOptions {
  bool color = false;       // text: ANSI bold + colour for matches
  bool show_time = false;   // text: the time taken, in the header line
  bool batch = false;       // results carry their query id
  bool explain = false;     // show TermContribution lists
  bool show_query = false;  // text/json: how the query was understood
  std::size_t width = 0;    // text: wrap snippets to this many cells (0: no)
};

// The printer for --format `format` (--count is its own printer), told to
// show what `options` ask for as far as the format shows it (kFormats).
std::unique_ptr<Printer> make_printer(Format format, std::ostream& out,
                                      PrintOptions options);

std::unique_ptr<Printer> make_text_printer(std::ostream& out,
                                           const PrintOptions& options);
std::unique_ptr<Printer> make_json_printer(std::ostream& out,
                                           const PrintOptions& options);
std::unique_ptr<Printer> make_jsonl_printer(std::ostream& out,
                                            const PrintOptions& options);
std::unique_ptr<Printer> make_tsv_printer(std::ostream& out,
                                          const PrintOptions& options);
std::unique_ptr<Printer> make_paths_printer(std::ostream& out,
                                            const PrintOptions& options);
std::unique_ptr<Printer> make_paths0_printer(std::ostream& out,
                                             const PrintOptions& options);
std::unique_ptr<Printer> make_trec_printer(std::ostream& out,
                                           const PrintOptions& options);
std::unique_ptr<Printer> make_count_printer(std::ostream& out,
                                            const PrintOptions& options);

// --show: one stored article. Text: "Label: value" lines of its metadata
// (title, source, author, date, URL, path, id, tags, the database's
// fields, the database when several), then its paragraphs, wrapped to
// options.width, matches highlighted as in results, "…" where --context
// left paragraphs out. JSON: one object a line (json_printer.cc).
void print_story_text(const Story& story, const PrintOptions& options,
                      std::ostream& out);
void print_story_json(const Story& story, std::ostream& out);

// --stats, as text or as one JSON object.
void print_stats(const DatabaseStats& stats, Format format, std::ostream& out);

// One field of a tab-separated line: terminal_safe() with every tab and
// newline already a space, so it cannot split the line.
std::string tsv_field(std::string_view text);

// Where to find an article, for people: its URL when it has one, else its
// path (with ":LINE" for a story from JSON Lines), else its id.
std::string location(const Article& article);

// The article's file (its real absolute path, "-" for standard input),
// with ":LINE" for a record of JSON Lines: tsv's PATH column.
std::string path_line(const Article& article);

// For --format paths: where a script finds the article: path_line() when
// it came from a file; an article read from standard input has its URL,
// else its id.
std::string file_location(const Article& article);

}  // namespace lede::query
