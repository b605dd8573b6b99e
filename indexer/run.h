#pragma once
// lede-index's body: parse arguments, lock the database, walk the inputs,
// run the pipeline into the right writer, then prune, merge or compact,
// and report. run_main() is the only place that catches exceptions;
// main() just calls it.
#include <iosfwd>
#include <string>

#include "indexer/options.h"

namespace lede::indexer {

// Exit status: 0 all went in, 1 some inputs skipped or failed (the rest
// committed), 2 fatal or usage error, 130 interrupted.
int run_main(int argc, char** argv, std::ostream& out, std::ostream& err);

// Indexes as `options` say. Progress (on a terminal), reports and the text
// summary go to `err`, the --json summary to `out`. Returns the exit
// status; throws lede::Error, lede::UsageError and Xapian::Error for
// fatal errors. REQUIRES: install_interrupt_handlers() for SIGINT to be
// honoured (run_main does it).
int run(const IndexOptions& options, std::ostream& out, std::ostream& err);

// "lede-index 0.1.0 (Xapian 1.4.22, ICU 72.1)"
std::string version_line();

}  // namespace lede::indexer
