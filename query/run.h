#pragma once
// lede-query's body: parse arguments, search, print. The only place that
// catches exceptions; main() just calls run_main().
#include <iosfwd>

#include "query/options.h"

namespace lede::query {

// Exit status (grep's convention): 0 at least one result, 1 none, 2 error.
int run_main(int argc, char** argv, std::ostream& out, std::ostream& err);

// `stdout_is_tty` decides --color=auto.
int run(const QueryOptions& options, bool stdout_is_tty, std::ostream& out,
        std::ostream& err);

}  // namespace lede::query
