#include "query/run.h"

#include <unistd.h>

#include <cstdlib>
#include <iostream>

#include "common/error.h"
#include "common/query_build.h"
#include "query/printer.h"
#include "query/searcher.h"

namespace lede::query {

namespace {

bool want_color(const std::string& flag, bool tty) {
  if (flag == "always") return true;
  if (flag == "never") return false;
  if (std::getenv("NO_COLOR") != nullptr) return false;
  const char* term = std::getenv("TERM");
  if (term != nullptr && std::string(term) == "dumb") return false;
  return tty;
}

}  // namespace

int run(const QueryOptions& o, bool stdout_is_tty, std::ostream& out,
        std::ostream& err) {
  (void)err;
  Searcher searcher(resolve_db_path(o.db));
  SearchRequest req;
  for (const std::string& w : o.words) {
    if (!req.query.empty()) req.query += ' ';
    req.query += w;
  }
  req.limit = o.limit;
  req.offset = o.offset;
  req.snippets.count = o.snippets;
  req.snippets.length = o.snippet_length;
  const SearchResult result = searcher.search(req);
  std::unique_ptr<Printer> printer =
      o.format == "jsonl"
          ? make_jsonl_printer(out)
          : make_text_printer(out, {want_color(o.color, stdout_is_tty)});
  printer->begin(result.summary);
  for (const Hit& h : result.hits) printer->hit(h);
  printer->end(result.summary);
  out.flush();
  return result.hits.empty() ? 1 : 0;
}

int run_main(int argc, char** argv, std::ostream& out, std::ostream& err) {
  CLI::App app{"lede-query: search a lede database of news articles",
               "lede-query"};
  QueryOptions options;
  add_query_options(&app, &options);
  try {
    app.parse(argc, argv);
  } catch (const CLI::ParseError& e) {
    if (e.get_exit_code() == 0) {
      out << app.help();
      return 0;
    }
    err << "lede-query: " << e.what() << "\n"
        << "Try 'lede-query --help' for more information.\n";
    return 2;
  }
  try {
    return run(options, isatty(STDOUT_FILENO) != 0, out, err);
  } catch (const QuerySyntaxError& e) {
    err << e.render("lede-query");
  } catch (const Xapian::Error& e) {
    err << "lede-query: " << e.get_description() << "\n";
  } catch (const std::exception& e) {
    err << "lede-query: " << e.what() << "\n";
  }
  return 2;
}

}  // namespace lede::query
