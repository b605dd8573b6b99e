#pragma once
// lede-query's body: parse arguments, search, print. run_main() is the only
// place that catches exceptions; main() just calls it.
//
// Exit status (grep's convention): 0 when the query matched at least one
// document (with --batch: some query did, and none failed; --stats: 0),
// 1 when nothing matched, 2 on any error (bad option, bad query, missing
// or unreadable database). Results go to `out`; messages, "did you mean"
// and --timing to `err`.
#include <iosfwd>
#include <string>

#include "query/options.h"

namespace lede::query {

int run_main(int argc, char** argv, std::istream& in, std::ostream& out,
             std::ostream& err);

// Runs parsed options. `stdout_is_tty` decides --color=auto and whether the
// text header shows the time taken; `in` feeds --batch. Throws what the
// searcher throws; run_main() reports it.
int run(const QueryOptions& options, bool stdout_is_tty, std::istream& in,
        std::ostream& out, std::ostream& err);

// "lede-query 0.1.0 (Xapian 1.4.22, ICU 72.1)".
std::string version_line();

// Whether --color=`flag` means colour, given whether stdout is a terminal
// and the environment (NO_COLOR set and non-empty, or TERM=dumb, turn
// "auto" off).
bool want_color(const std::string& flag, bool stdout_is_tty);

// How wide --format text wraps snippets: on a terminal its width
// (TIOCGWINSZ), else $COLUMNS, else 80; into a pipe or file $COLUMNS when
// it is set (20 to 10000), else 0: no wrapping, one line per snippet.
std::size_t text_width(bool stdout_is_tty);

}  // namespace lede::query
