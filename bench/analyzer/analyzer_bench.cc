// Analyzer throughput: how many MB/s of news text one thread turns into
// tokens (Analyzer::analyze: plain ASCII words directly, the rest through
// ICU segmentation + normalisation), with stemming on top, and with all of
// the text through ICU (Analyzer::analyze_icu) for comparison.
//
//   build/bench/analyzer/lede-analyzer-bench ../shared/corpora/reuters21578/reuters21578.jsonl
//
// Reads title + text of every JSON line, then times three passes over the
// whole corpus in memory and prints the median. Reading and JSON parsing
// are not timed.
#include <nlohmann/json.hpp>

#include <algorithm>
#include <chrono>
#include <cstdio>
#include <fstream>
#include <iostream>
#include <string>
#include <vector>

#include "common/analyzer.h"

int main(int argc, char** argv) {
  if (argc != 2) {
    std::cerr << "usage: lede-analyzer-bench FILE.jsonl\n";
    return 2;
  }
  std::ifstream in(argv[1]);
  if (!in) {
    std::cerr << "lede-analyzer-bench: cannot read " << argv[1] << "\n";
    return 2;
  }
  std::vector<std::string> texts;
  std::size_t bytes = 0;
  std::string line;
  while (std::getline(in, line)) {
    auto j = nlohmann::json::parse(line, nullptr, false);
    if (!j.is_object()) continue;
    for (const char* key : {"title", "text"}) {
      auto it = j.find(key);
      if (it != j.end() && it->is_string() && !it->get_ref<const std::string&>().empty()) {
        texts.push_back(it->get<std::string>());
        bytes += texts.back().size();
      }
    }
  }
  lede::Analyzer analyzer;
  std::vector<lede::Token> tokens;
  auto pass = [&](int mode) {
    const bool stem = mode == 1;
    std::size_t n = 0;
    const auto start = std::chrono::steady_clock::now();
    for (const std::string& t : texts) {
      tokens.clear();
      if (mode == 2) {
        analyzer.analyze_icu(t, &tokens);
      } else {
        analyzer.analyze(t, &tokens);
      }
      n += tokens.size();
      if (stem) {
        for (const lede::Token& tok : tokens) {
          if (tok.stemmable()) n += analyzer.stem(tok.term).size() & 1;
        }
      }
    }
    const double s = std::chrono::duration<double>(
                         std::chrono::steady_clock::now() - start).count();
    return std::make_pair(s, n);
  };
  std::printf("corpus: %zu texts, %.1f MB (title + text)\n", texts.size(),
              bytes / 1e6);
  const char* const names[] = {"analyze, 1 thread", "analyze + stem, 1 thread",
                               "analyze_icu (all ICU), 1 thread"};
  for (int mode : {0, 1, 2}) {
    std::vector<double> secs;
    std::size_t tokens_seen = 0;
    for (int i = 0; i < 3; ++i) {
      auto [s, n] = pass(mode);
      secs.push_back(s);
      tokens_seen = n;
    }
    std::sort(secs.begin(), secs.end());
    const double med = secs[1];
    std::printf("%-32s median %.3f s  %.1f MB/s  (%zu)\n", names[mode], med,
                bytes / 1e6 / med, tokens_seen);
  }
  return 0;
}
