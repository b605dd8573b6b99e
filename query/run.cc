#include "query/run.h"

#include <sys/ioctl.h>
#include <unistd.h>

#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <istream>
#include <ostream>
#include <sstream>

#include "common/database_path.h"
#include "common/error.h"
#include "common/version.h"
#include "common/query_build.h"
#include "common/schema.h"
#include "query/pager.h"
#include "query/printer.h"
#include "query/searcher.h"

namespace lede::query {

namespace {

constexpr const char* kFooter =
    "Query syntax: see lede-query(1). Exit status: 0 something matched, 1 "
    "nothing matched, 2 error.\nEnvironment: LEDE_DB (database), NO_COLOR, "
    "COLUMNS (text width), PAGER (--show).";

// The search the options ask for; what the output shows decides what the
// searcher computes.
SearchRequest make_request(const QueryOptions& o) {
  SearchRequest r = o.search;
  r.count_only = o.count;
  r.want_text = !o.count && format_info(o.format).text;
  return r;
}

std::string ms(double seconds) {
  char buf[32];
  std::snprintf(buf, sizeof buf, "%.3f ms", seconds * 1000);
  return buf;
}

// Runs one query through the printer and reports what goes to stderr.
// Returns the number of matching documents.
std::size_t run_one(Searcher* searcher, const QueryOptions& o,
                    SearchRequest* req, Printer* printer, std::ostream& err) {
  const auto start = std::chrono::steady_clock::now();
  const SearchResult result = searcher->search(*req);
  const SearchSummary& s = result.summary;
  // What the output cannot show goes to stderr (--count prints only the
  // number, whatever its format shows).
  const FormatInfo& shows = format_info(o.format);
  const std::string who = o.batch ? "query " + escaped(s.qid) + ": " : "";
  if (req->show_query && (o.count || !shows.query_echo)) {
    err << "lede-query: " << who << "query: " << terminal_safe(s.parsed)
        << "\nlede-query: " << who << "xapian: "
        << terminal_safe(s.xapian_query) << "\n";
  }
  printer->begin(s);
  for (const Hit& h : result.hits) printer->hit(h);
  printer->end(s);
  // --timing: the search and the printing of its results.
  const double seconds = std::chrono::duration<double>(
                             std::chrono::steady_clock::now() - start)
                             .count();
  for (const std::string& note : s.notes) {
    err << "lede-query: " << who << "note: " << note << "\n";
  }
  if (s.time_limited) {
    err << "lede-query: " << who << "counting stopped at --time-limit ("
        << req->time_limit << " s): the total is an estimate"
        << (s.facets.empty() ? "" : " and the facet counts partial") << "\n";
  }
  if (!s.suggestion.empty() && !shows.suggestion) {
    err << (o.batch ? "lede-query: " + who : std::string()) << "Did you mean: "
        << terminal_safe(s.suggestion) << "?\n";
  }
  if (o.timing) {
    err << "lede-query: " << who << (s.total_exact ? "" : "about ") << s.total
        << (s.total == 1 ? " match in " : " matches in ") << ms(seconds)
        << "\n";
  }
  return s.total;
}

// Says when names were printed escaped: a script reading paths or TSV must
// know that a line is not the name as stored.
void note_escaped(const Printer& printer, std::ostream& err) {
  const std::size_t n = printer.escaped_names();
  if (n == 0) return;
  err << "lede-query: " << n << (n == 1 ? " name" : " names")
      << " shown escaped (control characters or bytes that are not UTF-8 in "
         "a path or id: \\xHH, \\uHHHH); --format paths0 gives them as "
         "stored\n";
}

// --batch: one query a line, "ID<TAB>QUERY" or just "QUERY" (the id is
// then the line number); blank lines are skipped. A query that cannot be
// run is reported with its line number and the others still run.
int run_batch(Searcher* searcher, const QueryOptions& o, Printer* printer,
              std::istream& in, std::ostream& out, std::ostream& err) {
  SearchRequest req = make_request(o);
  std::string line;
  std::size_t number = 0;
  bool matched = false;
  bool failed = false;
  while (std::getline(in, line)) {
    ++number;
    if (!line.empty() && line.back() == '\r') line.pop_back();
    if (line.find_first_not_of(" \t") == std::string::npos) continue;
    const std::string where = "lede-query: line " + std::to_string(number);
    const auto tab = line.find('\t');
    if (tab != std::string::npos) {
      req.qid = line.substr(0, tab);
      req.query = line.substr(tab + 1);
    } else {
      req.qid = std::to_string(number);
      req.query = line;
    }
    if (req.qid.empty() ||
        req.query.find_first_not_of(" \t") == std::string::npos) {
      static const std::string kMalformed = "expected QUERY or ID<TAB>QUERY";
      err << where << ": " << kMalformed << "\n";
      printer->failed(req.qid.empty() ? std::to_string(number) : req.qid,
                      req.query, kMalformed);
      failed = true;
      continue;
    }
    try {
      if (run_one(searcher, o, &req, printer, err) > 0) matched = true;
    } catch (const QuerySyntaxError& e) {
      err << e.render(where);
      printer->failed(req.qid, req.query,
                      std::string(e.what()) + " at column " +
                          std::to_string(e.column()));
      failed = true;
    } catch (const UsageError& e) {
      err << where << ": " << escaped(e.what()) << "\n";
      printer->failed(req.qid, req.query, e.what());
      failed = true;
    }
    // Results of a query reach a reading pipe before the next one runs.
    out.flush();
  }
  printer->finish();
  note_escaped(*printer, err);
  if (failed) return 2;
  return matched ? 0 : 1;
}

// The names of `paths`, for a message: 'a.db', 'b.db'.
std::string quoted_names(const std::vector<std::string>& paths) {
  std::string names;
  for (const std::string& path : paths) {
    if (!names.empty()) names += ", ";
    names += "'" + escaped(path) + "'";
  }
  return names;
}

// The id a file given by a relative or non-canonical path was stored
// under (its file key, with ":LINE" for a record), or "" when no such
// file is here.
std::string real_id(const std::string& id) {
  std::error_code ec;
  if (std::filesystem::is_regular_file(id, ec)) return file_key(id);
  std::string_view path;
  const std::uint64_t line = split_record_line(id, &path);
  const std::string file(path);
  if (line == 0 || !std::filesystem::is_regular_file(file, ec)) return "";
  return file_key(file) + ":" + std::to_string(line);
}

// --show ID: the article (each, when several databases hold one with that
// id), on a terminal through the pager. Exit 1 when none has that id.
int run_show(Searcher* searcher, const QueryOptions& o, bool stdout_is_tty,
             std::ostream& out, std::ostream& err) {
  ShowRequest req;
  req.id = o.show;
  req.query = joined_query(o);
  req.build = o.search.build;
  req.context = o.context;
  std::vector<Story> stories = searcher->show(req);
  if (stories.empty()) {
    const std::string real = real_id(o.show);
    if (!real.empty() && real != o.show) {
      req.id = real;
      stories = searcher->show(req);
    }
  }
  if (stories.empty()) {
    err << "lede-query: no article has the id '" << escaped(o.show) << "' in "
        << quoted_names(database_paths(o)) << "\n";
    return 1;
  }
  PrintOptions p;
  p.color = o.format == Format::kText && want_color(o.color, stdout_is_tty);
  p.width = text_width(stdout_is_tty);
  std::ostringstream text;
  for (std::size_t i = 0; i < stories.size(); ++i) {
    if (o.format == Format::kJson) {
      print_story_json(stories[i], text);
    } else {
      if (i > 0) text << "\n";
      print_story_text(stories[i], p, text);
    }
  }
  const std::string pager = o.format == Format::kText && stdout_is_tty &&
                                    !o.no_pager
                                ? pager_command()
                                : "";
  if (pager.empty() || !write_through_pager(pager, text.str())) {
    out << text.str();
  }
  out.flush();
  return 0;
}

}  // namespace

bool want_color(const std::string& flag, bool stdout_is_tty) {
  if (flag == "always") return true;
  if (flag == "never") return false;
  if (const char* v = std::getenv("NO_COLOR"); v != nullptr && *v) {
    return false;
  }
  if (const char* term = std::getenv("TERM");
      term != nullptr && std::string_view(term) == "dumb") {
    return false;
  }
  return stdout_is_tty;
}

std::size_t text_width(bool stdout_is_tty) {
  std::size_t columns = 0;
  if (const char* v = std::getenv("COLUMNS"); v != nullptr && *v) {
    char* end = nullptr;
    const unsigned long n = std::strtoul(v, &end, 10);
    if (*end == '\0' && n >= 20 && n <= 10000) columns = n;
  }
  if (!stdout_is_tty) return columns;
  winsize ws{};
  if (ioctl(STDOUT_FILENO, TIOCGWINSZ, &ws) == 0 && ws.ws_col > 0) {
    return ws.ws_col;
  }
  return columns > 0 ? columns : 80;
}

std::string version_line() { return lede::version_line("lede-query"); }

int run(const QueryOptions& o, bool stdout_is_tty, std::istream& in,
        std::ostream& out, std::ostream& err) {
  validate_options(o);
  Searcher searcher(database_paths(o));
  if (o.stats) {
    print_stats(searcher.stats(), o.format, out);
    out.flush();
    return 0;
  }
  if (!o.show.empty()) return run_show(&searcher, o, stdout_is_tty, out, err);
  PrintOptions p;
  p.color = o.format == Format::kText && want_color(o.color, stdout_is_tty);
  p.show_time = stdout_is_tty;
  p.batch = o.batch;
  p.explain = o.search.explain;
  p.show_query = o.search.show_query;
  p.width = text_width(stdout_is_tty);
  std::unique_ptr<Printer> printer =
      o.count ? make_count_printer(out, p) : make_printer(o.format, out, p);
  if (o.batch) return run_batch(&searcher, o, printer.get(), in, out, err);

  SearchRequest req = make_request(o);
  req.query = joined_query(o);
  req.qid = "1";
  const std::size_t total = run_one(&searcher, o, &req, printer.get(), err);
  printer->finish();
  out.flush();
  note_escaped(*printer, err);
  return total > 0 ? 0 : 1;
}

int run_main(int argc, char** argv, std::istream& in, std::ostream& out,
             std::ostream& err) {
  CLI::App app{"lede-query: search a lede database of news articles",
               "lede-query"};
  app.footer(kFooter);
  app.set_version_flag("--version", version_line(),
                       "Print the versions of lede, Xapian and ICU");
  QueryOptions options;
  add_query_options(&app, &options);
  try {
    app.parse(argc, argv);
  } catch (const CLI::CallForVersion& e) {
    out << e.what() << "\n";
    return 0;
  } catch (const CLI::ParseError& e) {
    if (e.get_exit_code() == 0) {
      out << app.help();
      return 0;
    }
    err << "lede-query: " << escaped(parse_error_message(e)) << "\n"
        << "Try 'lede-query --help' for more information.\n";
    return 2;
  }
  try {
    return run(options, isatty(STDOUT_FILENO) != 0, in, out, err);
  } catch (const QuerySyntaxError& e) {
    err << e.render("lede-query");
  } catch (const Xapian::DatabaseError& e) {
    const char* why = e.get_error_string();
    err << "lede-query: cannot read " << quoted_names(database_paths(options))
        << (why != nullptr && *why ? std::string(": ") + why : "")
        << " (Xapian " << e.get_type() << ": " << escaped(e.get_msg())
        << ")\n";
  } catch (const Xapian::Error& e) {
    err << "lede-query: the search failed (Xapian " << e.get_type() << ": "
        << escaped(e.get_msg()) << ")\n";
  } catch (const std::exception& e) {
    err << "lede-query: " << escaped(e.what()) << "\n";
  } catch (...) {
    err << "lede-query: unknown error\n";
  }
  return 2;
}

}  // namespace lede::query
