// The relevance evaluator's arithmetic on a small example computed by hand,
// and its parsing of qrels and runs. See bench/relevance/evaluator.h for
// the conventions checked here.
#include "bench/relevance/evaluator.h"

#include <gtest/gtest.h>

#include <cmath>
#include <sstream>
#include <vector>

#include "common/error.h"

namespace lede::bench {
namespace {

constexpr double kEps = 1e-9;

Qrels parse_qrels(const std::string& text) {
  std::istringstream in(text);
  return read_qrels(in, "qrels");
}

Run parse_run(const std::string& text) {
  std::istringstream in(text);
  return read_run(in, "run");
}

// Judgements (BEIR layout, with its header):
//   q1: d1 rel 2, d2 rel 1, d3 rel 0 (judged not relevant), d4 rel 1
//       -> R = 3 relevant documents (d1, d2, d4)
//   q2: d5 rel 1, d10 rel 1 -> R = 2
//   q3: d6 rel 1 -> R = 1, but the run has no results for q3
//   q4: d7 rel 0 only -> no relevant document: not counted at all
const char* const kQrels =
    "query-id\tcorpus-id\tscore\n"
    "q1\td1\t2\n"
    "q1\td2\t1\n"
    "q1\td3\t0\n"
    "q1\td4\t1\n"
    "q2\td5\t1\n"
    "q2\td10\t1\n"
    "q3\td6\t1\n"
    "q4\td7\t0\n";

// The run. Its RANK column is deliberately wrong: only scores count.
//   q1: d3 3.0, d2 2.0, d9 2.0, d1 1.0. d2 and d9 tie; ties go by docid
//       descending, and "d9" > "d2", so the ranking is d3 d9 d2 d1.
//   q2: d8 at 5.0, d5 at 4.0, nine unjudged fillers f1..f9 at 3.9..3.1,
//       then d10 at 1.0: d5 is rank 2 and d10 rank 12 (beyond nDCG@10's
//       depth, within MAP@100's).
//   q5: not in the qrels: ignored.
const char* const kRun =
    "q1 Q0 d1 1 1.0 t\n"
    "q1 Q0 d2 2 2.0 t\n"
    "q1 Q0 d9 3 2.0 t\n"
    "q1 Q0 d3 4 3.0 t\n"
    "q2 Q0 d8 1 5.0 t\n"
    "q2 Q0 d5 2 4.0 t\n"
    "q2 Q0 f1 3 3.9 t\n"
    "q2 Q0 f2 4 3.8 t\n"
    "q2 Q0 f3 5 3.7 t\n"
    "q2 Q0 f4 6 3.6 t\n"
    "q2 Q0 f5 7 3.5 t\n"
    "q2 Q0 f6 8 3.4 t\n"
    "q2 Q0 f7 9 3.3 t\n"
    "q2 Q0 f8 10 3.2 t\n"
    "q2 Q0 f9 11 3.1 t\n"
    "q2 Q0 d10 12 1.0 t\n"
    "q5 Q0 d1 1 9.0 t\n";

TEST(EvaluatorTest, HandComputedExample) {
  const Evaluation ev = evaluate(parse_qrels(kQrels), parse_run(kRun));
  ASSERT_EQ(ev.queries.size(), 3u);  // q1, q2, q3; q4 has nothing relevant
  EXPECT_EQ(ev.skipped_no_relevant, 1u);
  EXPECT_EQ(ev.without_results, 1u);  // q3
  EXPECT_EQ(ev.unjudged_run_queries, 1u);  // q5

  // q1, ranked d3 d9 d2 d1 with gains 0 0 1 2:
  //   DCG@10  = 0/log2(2) + 0/log2(3) + 1/log2(4) + 2/log2(5)
  //           = 0.5 + 0.8613531 = 1.3613531
  //   IDCG@10 = gains of all judged relevant docs sorted: 2, 1, 1
  //           = 2/log2(2) + 1/log2(3) + 1/log2(4)
  //           = 2 + 0.6309298 + 0.5 = 3.1309298
  //   nDCG@10 = 1.3613531 / 3.1309298 = 0.4348079
  //   AP@100  = (P@3 + P@4) / R = (1/3 + 2/4) / 3 = 5/18 = 0.2777778
  //             (d4 is never retrieved: it still counts in R)
  //   R@100   = 2/3
  const QueryScores& q1 = ev.queries[0];
  EXPECT_EQ(q1.qid, "q1");
  EXPECT_EQ(q1.retrieved, 4u);
  EXPECT_EQ(q1.relevant, 3u);
  const double dcg1 = 1 / std::log2(4.0) + 2 / std::log2(5.0);
  const double idcg1 = 2 + 1 / std::log2(3.0) + 1 / std::log2(4.0);
  EXPECT_NEAR(q1.ndcg, dcg1 / idcg1, kEps);
  EXPECT_NEAR(q1.ndcg, 0.4348079399, 1e-9);
  EXPECT_NEAR(q1.ap, 5.0 / 18, kEps);
  EXPECT_NEAR(q1.recall, 2.0 / 3, kEps);

  // q2, relevant at ranks 2 and 12:
  //   DCG@10  = 1/log2(3) = 0.6309298 (rank 12 is beyond the depth)
  //   IDCG@10 = 1/log2(2) + 1/log2(3) = 1.6309298
  //   nDCG@10 = 0.3868528
  //   AP@100  = (P@2 + P@12) / 2 = (1/2 + 2/12) / 2 = 1/3
  //   R@100   = 2/2 = 1
  const QueryScores& q2 = ev.queries[1];
  EXPECT_EQ(q2.qid, "q2");
  EXPECT_NEAR(q2.ndcg, 0.3868528072, 1e-9);
  EXPECT_NEAR(q2.ap, 1.0 / 3, kEps);
  EXPECT_NEAR(q2.recall, 1.0, kEps);

  // q3: no results, 0 everywhere, and it still counts in the means.
  const QueryScores& q3 = ev.queries[2];
  EXPECT_EQ(q3.qid, "q3");
  EXPECT_EQ(q3.retrieved, 0u);
  EXPECT_EQ(q3.ndcg, 0);
  EXPECT_EQ(q3.ap, 0);
  EXPECT_EQ(q3.recall, 0);

  // Means over the three counted queries:
  //   nDCG@10    = (0.4348079 + 0.3868528 + 0) / 3 = 0.2738869
  //   MAP@100    = (5/18 + 1/3 + 0) / 3 = 11/54 = 0.2037037
  //   Recall@100 = (2/3 + 1 + 0) / 3 = 5/9 = 0.5555556
  EXPECT_NEAR(ev.ndcg, 0.2738869157, 1e-9);
  EXPECT_NEAR(ev.map, 11.0 / 54, kEps);
  EXPECT_NEAR(ev.recall, 5.0 / 9, kEps);
}

TEST(EvaluatorTest, CutoffsBoundEachMeasure) {
  // q2 of the example with depths 1 (nDCG), 2 (AP) and 11 (recall):
  //   nDCG@1: rank 1 is d8, gain 0 -> 0 (IDCG@1 = 1)
  //   AP@2:   only d5 at rank 2 -> (1/2) / R = (1/2) / 2 = 1/4
  //   R@11:   d10 is rank 12 -> 1/2
  Cutoffs c;
  c.ndcg = 1;
  c.map = 2;
  c.recall = 11;
  const Evaluation ev = evaluate(parse_qrels(kQrels), parse_run(kRun), c);
  ASSERT_EQ(ev.queries.size(), 3u);
  EXPECT_NEAR(ev.queries[1].ndcg, 0, kEps);
  EXPECT_NEAR(ev.queries[1].ap, 0.25, kEps);
  EXPECT_NEAR(ev.queries[1].recall, 0.5, kEps);
}

TEST(EvaluatorTest, TiesAreBrokenByDocidDescendingLikeTrecEval) {
  std::vector<RunEntry> e = {{"a", 1}, {"c", 2}, {"b", 1}, {"d", 0.5}};
  rank_entries(&e);
  ASSERT_EQ(e.size(), 4u);
  EXPECT_EQ(e[0].docid, "c");
  EXPECT_EQ(e[1].docid, "b");
  EXPECT_EQ(e[2].docid, "a");
  EXPECT_EQ(e[3].docid, "d");
}

TEST(EvaluatorTest, GainIsTheJudgedRelevance) {
  // One query, d1 rel 3 and d2 rel 1, retrieved in the worse order:
  //   DCG  = 1/log2(2) + 3/log2(3) = 1 + 1.8927893 = 2.8927893
  //   IDCG = 3/log2(2) + 1/log2(3) = 3 + 0.6309298 = 3.6309298
  //   nDCG = 2.8927893 / 3.6309298 = 0.7967076
  const Evaluation ev = evaluate(parse_qrels("q d1 3\nq d2 1\n"),
                                 parse_run("q Q0 d2 1 2 t\nq Q0 d1 2 1 t\n"));
  ASSERT_EQ(ev.queries.size(), 1u);
  EXPECT_NEAR(ev.ndcg, (1 + 3 / std::log2(3.0)) / (3 + 1 / std::log2(3.0)),
              kEps);
  EXPECT_NEAR(ev.ndcg, 0.7967076, 1e-7);
  EXPECT_NEAR(ev.map, (1.0 / 1 + 2.0 / 2) / 2, kEps);  // both relevant: 1
}

TEST(EvaluatorTest, ReadsTrecQrelsToo) {
  const Qrels q = parse_qrels("7 0 DOC-1 1\n7 0 DOC-2 0\n\n8 0 DOC-3 2\n");
  ASSERT_EQ(q.size(), 2u);
  EXPECT_EQ(q.at("7").at("DOC-1"), 1);
  EXPECT_EQ(q.at("7").at("DOC-2"), 0);
  EXPECT_EQ(q.at("8").at("DOC-3"), 2);
}

TEST(EvaluatorTest, MalformedInputNamesFileAndLine) {
  struct Case {
    bool qrels;
    std::string text;
    std::string message;
  };
  const Case cases[] = {
      {true, "query-id\tcorpus-id\tscore\nq1\td1\n",
       "qrels:2: expected 'QUERY-ID CORPUS-ID SCORE' or 'QID ITER DOCID "
       "REL', got 2 fields"},
      {true, "q1\td1\tyes\n", "qrels:1: relevance 'yes' is not an integer"},
      {true, "q1\td1\t1\nq1\td1\t0\n",
       "qrels:2: document d1 judged twice for query q1"},
      // A header anywhere but first is a bad judgement line.
      {true, "q1\td1\t1\nquery-id\tcorpus-id\tscore\n",
       "qrels:2: relevance 'score' is not an integer"},
      {false, "q1 Q0 d1 1 0.5\n",
       "run:1: expected 'QID Q0 DOCID RANK SCORE TAG', got 5 fields"},
      {false, "q1 Q0 d1 1 high t\n",
       "run:1: score 'high' is not a finite number"},
      {false, "q1 Q0 d1 1 nan t\n",
       "run:1: score 'nan' is not a finite number"},
      {false, "q1 Q0 d1 1 1 t\n\nq1 Q0 d1 2 0.5 t\n",
       "run:3: document d1 listed twice for query q1"},
  };
  for (const Case& c : cases) {
    try {
      if (c.qrels) {
        (void)parse_qrels(c.text);
      } else {
        (void)parse_run(c.text);
      }
      ADD_FAILURE() << "no error for: " << c.text;
    } catch (const UsageError& e) {
      EXPECT_EQ(std::string(e.what()), c.message) << c.text;
    }
  }
}

TEST(EvaluatorTest, NoCountableQueryGivesZeroMeans) {
  const Evaluation ev =
      evaluate(parse_qrels("q d1 0\n"), parse_run("q Q0 d1 1 1 t\n"));
  EXPECT_TRUE(ev.queries.empty());
  EXPECT_EQ(ev.ndcg, 0);
  EXPECT_EQ(ev.map, 0);
  EXPECT_EQ(ev.recall, 0);
  EXPECT_EQ(ev.skipped_no_relevant, 1u);
}

// Paired randomization test, worked by hand. Scores a = (0.5 0.3 0.2 0.4),
// b = (0.2 0.3 0.1 0.6): differences 0.3, 0, 0.1, -0.2 (sum 0.2, mean
// 0.05; 2 better, 1 worse). The zero cannot move the sum, so the test
// enumerates the 2^3 sign assignments of 0.3, 0.1, 0.2:
//   +++ 0.6  ++- 0.2  +-+ 0.4  +-- 0.0  -++ 0.0  -+- -0.4  --+ -0.2  --- -0.6
// Six have |sum| >= 0.2, so p = 6/8 = 0.75. Standard error: deviations from
// the mean 0.25 -0.05 0.05 -0.25, squares sum 0.13, / (n-1) / n = 0.0108333,
// square root 0.1040833.
TEST(PairedTestTest, HandComputedEnumeration) {
  const PairedTest t =
      paired_randomization_test({0.5, 0.3, 0.2, 0.4}, {0.2, 0.3, 0.1, 0.6});
  EXPECT_EQ(t.queries, 4u);
  EXPECT_NEAR(t.delta, 0.05, kEps);
  EXPECT_EQ(t.better, 2u);
  EXPECT_EQ(t.worse, 1u);
  EXPECT_NEAR(t.standard_error, std::sqrt(0.13 / 3 / 4), kEps);
  EXPECT_TRUE(t.exact);
  EXPECT_DOUBLE_EQ(t.p_value, 0.75);
  // Symmetric: swapping the systems flips the sign, not the p-value.
  const PairedTest back =
      paired_randomization_test({0.2, 0.3, 0.1, 0.6}, {0.5, 0.3, 0.2, 0.4});
  EXPECT_NEAR(back.delta, -0.05, kEps);
  EXPECT_DOUBLE_EQ(back.p_value, 0.75);
}

// Twenty queries, each 1 better: only "all +" and "all -" reach |sum| 20,
// so the exact p is 2 / 2^20. With fewer rounds than 2^20 the test samples,
// and the p-value stays above 0 (at least 1 / (rounds + 1)) but far below
// any significance level.
TEST(PairedTestTest, ConsistentGainIsSignificantExactOrSampled) {
  const std::vector<double> a(20, 1.0), b(20, 0.0);
  const PairedTest exact = paired_randomization_test(a, b, 1u << 20);
  EXPECT_TRUE(exact.exact);
  EXPECT_DOUBLE_EQ(exact.p_value, 2.0 / (1u << 20));
  const PairedTest sampled = paired_randomization_test(a, b, 1000, 7);
  EXPECT_FALSE(sampled.exact);
  EXPECT_GE(sampled.p_value, 1.0 / 1001);
  EXPECT_LT(sampled.p_value, 0.01);
}

TEST(PairedTestTest, EqualSystemsAndMismatchedLengths) {
  const PairedTest same = paired_randomization_test({0.1, 0.7}, {0.1, 0.7});
  EXPECT_DOUBLE_EQ(same.p_value, 1);
  EXPECT_EQ(same.better + same.worse, 0u);
  EXPECT_THROW(paired_randomization_test({0.1}, {0.1, 0.2}), UsageError);
}

}  // namespace
}  // namespace lede::bench
