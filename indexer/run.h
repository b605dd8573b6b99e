#pragma once
// lede-index's body: parse arguments, index, report. The only place that
// catches exceptions; main() just calls run_main().
#include <iosfwd>

#include "indexer/options.h"

namespace lede::indexer {

// Exit status: 0 all went in, 1 some inputs skipped or failed (the rest
// committed), 2 fatal or usage error, 130 interrupted.
int run_main(int argc, char** argv, std::ostream& out, std::ostream& err);

int run(const IndexOptions& options, std::ostream& out, std::ostream& err);

}  // namespace lede::indexer
