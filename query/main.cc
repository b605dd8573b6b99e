#include <iostream>

#include "query/run.h"

int main(int argc, char** argv) {
  return lede::query::run_main(argc, argv, std::cout, std::cerr);
}
