#pragma once
// A small ad hoc retrieval evaluator: relevance judgements (qrels) and a
// ranked run in, nDCG@10, MAP@100 and Recall@100 out, with the conventions
// of ../shared/MEASUREMENTS.md so that our numbers compare with the ones
// measured there. Bench-only: nothing in lede links it. No output here;
// bench/relevance/eval_main.cc prints.
//
// Conventions (the same as trec_eval's ndcg_cut, map_cut and recall where
// they overlap):
//  * Ranking: the run's SCORE, descending; ties broken by DOCID compared as
//    byte strings, descending (trec_eval's comp_sim_docno). The RANK column
//    is ignored, as trec_eval ignores it.
//  * Relevant: a judgement with relevance > 0. Unjudged documents and those
//    judged 0 (or less) are not relevant and have gain 0.
//  * nDCG@k: DCG = sum over ranks i = 1..k of gain_i / log2(i + 1), with
//    gain = the judged relevance (linear, not 2^rel - 1). The ideal DCG
//    ranks *all* the query's judged relevant documents by relevance, not
//    only the retrieved ones.
//  * AP@k: the sum, over ranks i <= k holding a relevant document, of the
//    precision at i, divided by the number of relevant documents the qrels
//    give the query (not by min(R, k), and not by the number retrieved).
//  * Recall@k: relevant documents in the top k / relevant documents judged.
//  * Which queries count: every query of the qrels with at least one
//    relevant document. A query the run has no results for scores 0 on
//    every measure. A query judged only 0 has no defined score and is left
//    out (counted in `skipped_no_relevant`); run queries absent from the
//    qrels are ignored (counted in `unjudged_run_queries`).
#include <cstddef>
#include <cstdint>
#include <istream>
#include <map>
#include <string>
#include <vector>

namespace lede::bench {

// query id -> document id -> judged relevance.
using Qrels = std::map<std::string, std::map<std::string, int>>;

struct RunEntry {
  std::string docid;
  double score = 0;
};
// query id -> retrieved documents, in file order (evaluate() ranks them).
using Run = std::map<std::string, std::vector<RunEntry>>;

// Reads judgements in either layout, decided line by line by the number of
// fields:
//  * BEIR: "QUERY-ID<TAB>CORPUS-ID<TAB>SCORE", optionally after the header
//    line "query-id<TAB>corpus-id<TAB>score";
//  * TREC: "QUERY-ID ITERATION DOCID RELEVANCE" (whitespace separated).
// Blank lines are skipped. Throws lede::UsageError "NAME:LINE: what is
// wrong" for a malformed line or a (query, document) pair judged twice:
// a wrong judgement file makes every number wrong, so there is no
// skip-and-continue here. `name` is only used in messages.
Qrels read_qrels(std::istream& in, const std::string& name);

// Reads a TREC run: "QID Q0 DOCID RANK SCORE TAG", whitespace separated.
// Blank lines are skipped. Throws lede::UsageError "NAME:LINE: what is
// wrong" for a line without six fields, a score that is not a number, or a
// document listed twice for one query.
Run read_run(std::istream& in, const std::string& name);

// Ranks `entries` in place: score descending, docid descending on ties.
void rank_entries(std::vector<RunEntry>* entries);

// The depths of the three measures.
struct Cutoffs {
  std::size_t ndcg = 10;
  std::size_t map = 100;
  std::size_t recall = 100;
};

struct QueryScores {
  std::string qid;
  std::size_t retrieved = 0;  // entries in the run for this query
  std::size_t relevant = 0;   // relevant documents in the qrels
  double ndcg = 0;
  double ap = 0;
  double recall = 0;
};

struct Evaluation {
  Cutoffs cutoffs;
  std::vector<QueryScores> queries;  // the counted queries, by query id
  double ndcg = 0;    // means over `queries`
  double map = 0;
  double recall = 0;
  std::size_t without_results = 0;       // counted queries the run lacks
  std::size_t skipped_no_relevant = 0;   // qrels queries judged only 0
  std::size_t unjudged_run_queries = 0;  // run queries not in the qrels
};

// Scores `run` against `qrels` with the conventions above. A run whose
// entries are not ranked yet is fine: each query's entries are ranked by
// rank_entries() on a copy. With no countable query, the means are 0.
Evaluation evaluate(const Qrels& qrels, const Run& run,
                    const Cutoffs& cutoffs = {});

// A paired comparison of two systems over the same queries: a[i] and b[i]
// are their scores on query i (e.g. nDCG@10 from evaluate()).
struct PairedTest {
  std::size_t queries = 0;
  double delta = 0;           // mean of a[i] - b[i]
  double standard_error = 0;  // of that mean (sample sd / sqrt(n))
  std::size_t better = 0;     // queries where a > b
  std::size_t worse = 0;      // queries where a < b
  // Two-sided p-value of the paired randomization (sign-flip) test: under
  // the null hypothesis that a and b are exchangeable on every query, each
  // difference is equally likely to have either sign; p is the share of
  // sign assignments whose mean difference is at least as far from 0 as
  // the observed one. Exact (all 2^n assignments) when 2^n <= rounds,
  // otherwise `rounds` random assignments from a generator seeded with
  // `seed`, with p = (hits + 1) / (rounds + 1) (never 0). Queries with
  // equal scores cannot change the mean and are left out of the
  // enumeration. 1 when every difference is 0.
  double p_value = 1;
  bool exact = false;  // whether p_value is from the full enumeration
};

// Throws lede::UsageError when a and b differ in length.
PairedTest paired_randomization_test(const std::vector<double>& a,
                                     const std::vector<double>& b,
                                     std::size_t rounds = 100000,
                                     std::uint64_t seed = 1);

}  // namespace lede::bench
