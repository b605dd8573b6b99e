// lede-eval QRELS RUN: prints nDCG@10, MAP@100 and Recall@100 of a TREC run
// against relevance judgements, one "name<TAB>value" line each, with the
// conventions documented in bench/relevance/evaluator.h. With --compare
// OTHER, also the paired randomization test of RUN's per-query nDCG@10
// against OTHER's.
#include <CLI/CLI.hpp>

#include <cstdio>
#include <fstream>
#include <iostream>
#include <vector>

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
  std::string qrels_path, run_path, other_path;
  bool per_query = false;
  std::size_t rounds = 100000;
  app.add_option("qrels", qrels_path,
                 "Judgements: BEIR tsv (query-id corpus-id score) or TREC "
                 "qrels (QID ITER DOCID REL)")
      ->required();
  app.add_option("run", run_path, "TREC run: QID Q0 DOCID RANK SCORE TAG")
      ->required();
  app.add_flag("--per-query", per_query,
               "Also print 'QID<TAB>nDCG<TAB>AP<TAB>recall' for each query");
  app.add_option("--compare", other_path,
                 "Another TREC run: also print the paired randomization "
                 "test of RUN's per-query nDCG@10 against it (compare_* "
                 "lines: mean difference, its standard error, queries "
                 "better and worse, two-sided p)");
  app.add_option("--rounds", rounds,
                 "Random sign assignments for --compare (default 100000; "
                 "exact enumeration when there are few enough)");
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
    if (!other_path.empty()) {
      std::ifstream oin = open_input(other_path);
      const lede::bench::Evaluation other = lede::bench::evaluate(
          qrels, lede::bench::read_run(oin, other_path));
      // Both evaluations count the same queries (every qrels query with a
      // relevant document), in the same order.
      std::vector<double> a, b;
      for (const auto& q : ev.queries) a.push_back(q.ndcg);
      for (const auto& q : other.queries) b.push_back(q.ndcg);
      const lede::bench::PairedTest t =
          lede::bench::paired_randomization_test(a, b, rounds);
      std::cout << "compare_delta_ndcg@" << ev.cutoffs.ndcg << '\t'
                << fixed(t.delta) << '\n'
                << "compare_standard_error\t" << fixed(t.standard_error)
                << '\n'
                << "compare_better\t" << t.better << '\n'
                << "compare_worse\t" << t.worse << '\n'
                << "compare_p\t" << t.p_value << '\n';
    }
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
