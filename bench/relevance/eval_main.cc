// lede-eval QRELS RUN: prints nDCG@10, MAP@100 and Recall@100 of a TREC run
// against relevance judgements, one "name<TAB>value" line each, with the
// conventions documented in bench/relevance/evaluator.h.
#include <CLI/CLI.hpp>

#include <cstdio>
#include <fstream>
#include <iostream>

#include "bench/relevance/evaluator.h"
#include "common/error.h"

namespace {

std::string fixed(double v) {
  char buf[32];
  std::snprintf(buf, sizeof buf, "%.4f", v);
  return buf;
}

std::ifstream open_input(const std::string& path) {
  std::ifstream in(path);
  if (!in) throw lede::UsageError("cannot read " + path);
  return in;
}

int run_main(int argc, char** argv) {
  CLI::App app{
      "lede-eval: nDCG@10, MAP@100 and Recall@100 of a TREC run\n"
      "Ranks each query's results by score (ties: docid descending, as\n"
      "trec_eval); every qrels query with a relevant document counts, 0 when\n"
      "the run has nothing for it. See bench/relevance/README.md.",
      "lede-eval"};
  std::string qrels_path, run_path;
  bool per_query = false;
  app.add_option("qrels", qrels_path,
                 "Judgements: BEIR tsv (query-id corpus-id score) or TREC "
                 "qrels (QID ITER DOCID REL)")
      ->required();
  app.add_option("run", run_path, "TREC run: QID Q0 DOCID RANK SCORE TAG")
      ->required();
  app.add_flag("--per-query", per_query,
               "Also print 'QID<TAB>nDCG<TAB>AP<TAB>recall' for each query");
  try {
    app.parse(argc, argv);
  } catch (const CLI::ParseError& e) {
    if (e.get_exit_code() == 0) {
      std::cout << app.help();
      return 0;
    }
    std::cerr << "lede-eval: " << e.what() << "\n"
              << "Try 'lede-eval --help' for more information.\n";
    return 2;
  }
  try {
    std::ifstream qin = open_input(qrels_path);
    const lede::bench::Qrels qrels = lede::bench::read_qrels(qin, qrels_path);
    std::ifstream rin = open_input(run_path);
    const lede::bench::Run run = lede::bench::read_run(rin, run_path);
    const lede::bench::Evaluation ev = lede::bench::evaluate(qrels, run);
    if (per_query) {
      for (const auto& q : ev.queries) {
        std::cout << q.qid << '\t' << fixed(q.ndcg) << '\t' << fixed(q.ap)
                  << '\t' << fixed(q.recall) << '\n';
      }
    }
    std::cout << "queries\t" << ev.queries.size() << '\n'
              << "without_results\t" << ev.without_results << '\n'
              << "ndcg@" << ev.cutoffs.ndcg << '\t' << fixed(ev.ndcg) << '\n'
              << "map@" << ev.cutoffs.map << '\t' << fixed(ev.map) << '\n'
              << "recall@" << ev.cutoffs.recall << '\t' << fixed(ev.recall)
              << '\n';
    if (ev.skipped_no_relevant > 0 || ev.unjudged_run_queries > 0) {
      std::cerr << "lede-eval: ignored " << ev.skipped_no_relevant
                << " qrels queries without a relevant document and "
                << ev.unjudged_run_queries << " run queries not in the qrels\n";
    }
    return 0;
  } catch (const std::exception& e) {
    std::cerr << "lede-eval: " << e.what() << "\n";
  }
  return 2;
}

}  // namespace

int main(int argc, char** argv) { return run_main(argc, argv); }
