#include "query/proximity.h"

#include <algorithm>
#include <cmath>

namespace lede::query {

double bm25_idf(const Xapian::Database& db, Xapian::doccount termfreq) {
  const double n = db.get_doccount();
  const double tf = termfreq;
  double tw = (n - tf + 0.5) / (tf + 0.5);
  if (tw < 2) tw = tw * 0.5 + 1;
  return std::log(tw);
}

ProximityScorer::ProximityScorer(const Xapian::Database& db,
                                 const std::vector<std::string>& terms,
                                 const Bm25Params& bm25)
    : db_(db), bm25_(bm25), average_length_(db.get_avlength()) {
  std::vector<double> idf;
  // The index of `term` in terms_, added when new; -1 for a term in no
  // document (it is near nothing).
  auto index_of = [&](const std::string& term) -> int {
    auto seen = std::find(terms_.begin(), terms_.end(), term);
    if (seen != terms_.end()) return static_cast<int>(seen - terms_.begin());
    const Xapian::doccount tf = db.get_termfreq(term);
    if (tf == 0) return -1;
    terms_.push_back(term);
    idf.push_back(bm25_idf(db, tf));
    return static_cast<int>(terms_.size() - 1);
  };
  int previous = -1;
  for (std::size_t k = 0; k < terms.size(); ++k) {
    const int at = index_of(terms[k]);
    if (k > 0 && previous >= 0 && at >= 0 && previous != at) {
      const auto a = static_cast<unsigned>(previous);
      const auto b = static_cast<unsigned>(at);
      if (std::none_of(pairs_.begin(), pairs_.end(), [&](const Pair& p) {
            return p.first == a && p.second == b;
          })) {
        pairs_.push_back({a, b, idf[a] + idf[b]});
      }
    }
    previous = at;
  }
  acc_.assign(terms_.size() * terms_.size(), 0);
  in_pair_.assign(terms_.size(), 0);
  for (const Pair& p : pairs_) in_pair_[p.first] = in_pair_[p.second] = 1;
}

double ProximityScorer::score(Xapian::docid did) {
  if (!active()) return 0;
  const auto n = static_cast<unsigned>(terms_.size());
  positions_.clear();
  for (unsigned i = 0; i < n; ++i) {
    if (!in_pair_[i]) continue;
    for (auto p = db_.positionlist_begin(did, terms_[i]);
         p != db_.positionlist_end(did, terms_[i]); ++p) {
      positions_.emplace_back(*p, i);
    }
  }
  if (positions_.size() < 2) return 0;
  std::sort(positions_.begin(), positions_.end());
  std::fill(acc_.begin(), acc_.end(), 0.0);
  for (std::size_t x = 0; x < positions_.size(); ++x) {
    const auto [px, tx] = positions_[x];
    for (std::size_t y = x + 1; y < positions_.size(); ++y) {
      const auto [py, ty] = positions_[y];
      const Xapian::termpos d = py - px;
      if (d > kProximityWindow) break;
      if (d > 0) acc_[tx * n + ty] += 1.0 / (static_cast<double>(d) * d);
    }
  }
  double prox = 0;
  double big_k = -1;  // computed for the first pair found
  for (const Pair& p : pairs_) {
    const double acc = acc_[p.first * n + p.second];
    if (acc == 0) continue;
    if (big_k < 0) {
      const double norm =
          average_length_ > 0 ? db_.get_doclength(did) / average_length_ : 1;
      big_k = bm25_.k1 * ((1 - bm25_.b) +
                          bm25_.b * std::max(norm, Bm25Params::kMinNormlen));
    }
    prox += p.idf * (bm25_.k1 + 1) * acc / (big_k + acc);
  }
  return prox;
}

}  // namespace lede::query
