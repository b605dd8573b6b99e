#include <iostream>

#include "query/run.h"

int main(int argc, char** argv) {
  // Only iostreams write to stdout; unsynchronised they buffer, which
  // matters for --batch output of thousands of lines.
  std::ios::sync_with_stdio(false);
  return lede::query::run_main(argc, argv, std::cin, std::cout, std::cerr);
}
