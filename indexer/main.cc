#include <iostream>

#include "indexer/run.h"

int main(int argc, char** argv) {
  return lede::indexer::run_main(argc, argv, std::cout, std::cerr);
}
