#include <csignal>
#include <iostream>

#include "query/run.h"

int main(int argc, char** argv) {
  // `lede-query ... | head` ends quietly, killed by SIGPIPE as C tools
  // are, even when a parent left the signal ignored.
  std::signal(SIGPIPE, SIG_DFL);
  // (No sync_with_stdio(false): it allocates six 16-32 KB stream buffers,
  // and page faults, not output calls, dominate a one-shot query.)
  return lede::query::run_main(argc, argv, std::cin, std::cout, std::cerr);
}
