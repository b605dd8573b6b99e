#include <csignal>
#include <iostream>

#include "query/run.h"

int main(int argc, char** argv) {
  // `lede-query ... | head` ends quietly, killed by SIGPIPE as C tools
  // are, even when a parent left the signal ignored.
  std::signal(SIGPIPE, SIG_DFL);
  // Only iostreams write to stdout; unsynchronised they buffer, which
  // matters for --batch output of thousands of lines.
  std::ios::sync_with_stdio(false);
  return lede::query::run_main(argc, argv, std::cin, std::cout, std::cerr);
}
