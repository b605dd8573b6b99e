#include "bench/relevance/evaluator.h"

#include <algorithm>
#include <charconv>
#include <cmath>
#include <random>
#include <set>
#include <sstream>

#include "common/error.h"

namespace lede::bench {

namespace {

std::vector<std::string> split_fields(const std::string& line) {
  std::vector<std::string> fields;
  std::istringstream in(line);
  std::string f;
  while (in >> f) fields.push_back(std::move(f));
  return fields;
}

[[noreturn]] void fail(const std::string& name, std::size_t line_no,
                       const std::string& what) {
  throw UsageError(name + ":" + std::to_string(line_no) + ": " + what);
}

bool parse_int(const std::string& s, int* out) {
  const char* end = s.data() + s.size();
  const auto [p, ec] = std::from_chars(s.data(), end, *out);
  return ec == std::errc() && p == end;
}

bool parse_score(const std::string& s, double* out) {
  const char* end = s.data() + s.size();
  const auto [p, ec] = std::from_chars(s.data(), end, *out);
  return ec == std::errc() && p == end && std::isfinite(*out);
}

}  // namespace

Qrels read_qrels(std::istream& in, const std::string& name) {
  Qrels qrels;
  std::string line;
  std::size_t line_no = 0;
  bool first = true;
  while (std::getline(in, line)) {
    ++line_no;
    const std::vector<std::string> f = split_fields(line);
    if (f.empty()) continue;
    const bool was_first = first;
    first = false;
    std::string qid, docid, rel;
    if (f.size() == 3) {
      if (was_first && f[0] == "query-id" && f[1] == "corpus-id" &&
          f[2] == "score") {
        continue;
      }
      qid = f[0];
      docid = f[1];
      rel = f[2];
    } else if (f.size() == 4) {
      qid = f[0];
      docid = f[2];
      rel = f[3];
    } else {
      fail(name, line_no,
           "expected 'QUERY-ID CORPUS-ID SCORE' or 'QID ITER DOCID REL', "
           "got " + std::to_string(f.size()) + " fields");
    }
    int relevance = 0;
    if (!parse_int(rel, &relevance)) {
      fail(name, line_no, "relevance '" + rel + "' is not an integer");
    }
    if (!qrels[qid].emplace(docid, relevance).second) {
      fail(name, line_no,
           "document " + docid + " judged twice for query " + qid);
    }
  }
  return qrels;
}

Run read_run(std::istream& in, const std::string& name) {
  Run run;
  std::map<std::string, std::set<std::string>> seen;
  std::string line;
  std::size_t line_no = 0;
  while (std::getline(in, line)) {
    ++line_no;
    std::vector<std::string> f = split_fields(line);
    if (f.empty()) continue;
    if (f.size() != 6) {
      fail(name, line_no,
           "expected 'QID Q0 DOCID RANK SCORE TAG', got " +
               std::to_string(f.size()) + " fields");
    }
    RunEntry e;
    if (!parse_score(f[4], &e.score)) {
      fail(name, line_no, "score '" + f[4] + "' is not a finite number");
    }
    if (!seen[f[0]].insert(f[2]).second) {
      fail(name, line_no,
           "document " + f[2] + " listed twice for query " + f[0]);
    }
    e.docid = std::move(f[2]);
    run[f[0]].push_back(std::move(e));
  }
  return run;
}

void rank_entries(std::vector<RunEntry>* entries) {
  std::sort(entries->begin(), entries->end(),
            [](const RunEntry& a, const RunEntry& b) {
              if (a.score != b.score) return a.score > b.score;
              return a.docid > b.docid;
            });
}

Evaluation evaluate(const Qrels& qrels, const Run& run,
                    const Cutoffs& cutoffs) {
  Evaluation ev;
  ev.cutoffs = cutoffs;
  for (const auto& [qid, judged] : qrels) {
    std::vector<int> gains;  // of the relevant documents, for the ideal
    for (const auto& [docid, rel] : judged) {
      if (rel > 0) gains.push_back(rel);
    }
    if (gains.empty()) {
      ++ev.skipped_no_relevant;
      continue;
    }
    QueryScores qs;
    qs.qid = qid;
    qs.relevant = gains.size();

    std::sort(gains.rbegin(), gains.rend());
    double ideal = 0;
    for (std::size_t i = 0; i < gains.size() && i < cutoffs.ndcg; ++i) {
      ideal += gains[i] / std::log2(static_cast<double>(i) + 2);
    }

    const auto found = run.find(qid);
    if (found == run.end() || found->second.empty()) {
      ++ev.without_results;
    } else {
      std::vector<RunEntry> ranked = found->second;
      rank_entries(&ranked);
      qs.retrieved = ranked.size();
      double dcg = 0;
      double precision_sum = 0;
      std::size_t hits_map = 0;
      std::size_t hits_recall = 0;
      for (std::size_t i = 0; i < ranked.size(); ++i) {
        const auto j = judged.find(ranked[i].docid);
        const int rel = j == judged.end() ? 0 : j->second;
        if (rel <= 0) continue;
        const std::size_t rank = i + 1;
        if (rank <= cutoffs.ndcg) dcg += rel / std::log2(rank + 1.0);
        if (rank <= cutoffs.map) {
          ++hits_map;
          precision_sum += static_cast<double>(hits_map) / rank;
        }
        if (rank <= cutoffs.recall) ++hits_recall;
      }
      qs.ndcg = ideal > 0 ? dcg / ideal : 0;  // ideal is 0 only at depth 0
      qs.ap = precision_sum / qs.relevant;
      qs.recall = static_cast<double>(hits_recall) / qs.relevant;
    }
    ev.ndcg += qs.ndcg;
    ev.map += qs.ap;
    ev.recall += qs.recall;
    ev.queries.push_back(std::move(qs));
  }
  if (!ev.queries.empty()) {
    const double n = static_cast<double>(ev.queries.size());
    ev.ndcg /= n;
    ev.map /= n;
    ev.recall /= n;
  }
  for (const auto& [qid, entries] : run) {
    if (qrels.find(qid) == qrels.end()) ++ev.unjudged_run_queries;
  }
  return ev;
}

PairedTest paired_randomization_test(const std::vector<double>& a,
                                     const std::vector<double>& b,
                                     std::size_t rounds, std::uint64_t seed) {
  if (a.size() != b.size()) {
    throw UsageError("paired test: " + std::to_string(a.size()) + " and " +
                     std::to_string(b.size()) + " scores do not pair up");
  }
  PairedTest t;
  t.queries = a.size();
  if (a.empty()) return t;
  std::vector<double> diffs;  // the non-zero differences
  double sum = 0;
  for (std::size_t i = 0; i < a.size(); ++i) {
    const double d = a[i] - b[i];
    sum += d;
    if (d > 0) ++t.better;
    if (d < 0) ++t.worse;
    if (d != 0) diffs.push_back(d);
  }
  const double n = static_cast<double>(a.size());
  t.delta = sum / n;
  if (a.size() > 1) {
    double ss = 0;
    for (std::size_t i = 0; i < a.size(); ++i) {
      const double d = a[i] - b[i] - t.delta;
      ss += d * d;
    }
    t.standard_error = std::sqrt(ss / (n - 1) / n);
  }
  if (diffs.empty()) return t;
  // Compare sums rather than means (the same n divides both), with a
  // little slack so that an assignment equal to the observed one counts
  // despite rounding.
  const double observed = std::fabs(sum);
  const double slack = 1e-9 * (1 + observed);
  std::size_t hits = 0;
  if (diffs.size() < 64 && (std::uint64_t{1} << diffs.size()) <= rounds) {
    const std::uint64_t all = std::uint64_t{1} << diffs.size();
    for (std::uint64_t signs = 0; signs < all; ++signs) {
      double s = 0;
      for (std::size_t i = 0; i < diffs.size(); ++i) {
        s += (signs >> i & 1) ? -diffs[i] : diffs[i];
      }
      if (std::fabs(s) >= observed - slack) ++hits;
    }
    t.exact = true;
    t.p_value = static_cast<double>(hits) / static_cast<double>(all);
    return t;
  }
  std::mt19937_64 gen(seed);
  for (std::size_t r = 0; r < rounds; ++r) {
    double s = 0;
    std::uint64_t bits = 0;
    for (std::size_t i = 0; i < diffs.size(); ++i) {
      if (i % 64 == 0) bits = gen();
      s += (bits >> (i % 64) & 1) ? -diffs[i] : diffs[i];
    }
    if (std::fabs(s) >= observed - slack) ++hits;
  }
  t.p_value = static_cast<double>(hits + 1) / static_cast<double>(rounds + 1);
  return t;
}

}  // namespace lede::bench
