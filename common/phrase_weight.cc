#include "common/phrase_weight.h"

#include <algorithm>
#include <cmath>
#include <memory>
#include <utility>

namespace lede {

namespace {

// The word of `terms` in the fewest documents of `db` (its postings are
// the candidates), and that number; 0 documents when a word is absent.
std::pair<std::string, Xapian::doccount> rarest(
    const Xapian::Database& db, const std::vector<std::string>& terms) {
  std::pair<std::string, Xapian::doccount> best{terms.front(),
                                                db.get_termfreq(terms.front())};
  for (const std::string& t : terms) {
    const Xapian::doccount f = db.get_termfreq(t);
    if (f < best.second) best = {t, f};
  }
  return best;
}

// Matches the documents holding the phrase and weighs each by BM25 of the
// phrase's frequency there (see the header). One per database shard:
// Xapian clone()s it and init()s each copy with its shard; the statistics
// are the whole database's, given at construction.
class PhraseSource final : public Xapian::PostingSource {
 public:
  PhraseSource(std::vector<std::string> terms, const PhraseStats& stats,
               const Bm25Params& params, Xapian::termcount wqf,
               Xapian::termpos position, TitleSpan title)
      : terms_(std::move(terms)),
        stats_(stats),
        params_(params),
        wqf_(wqf),
        position_(position),
        title_(std::move(title)) {
    // As Xapian's BM25Weight::init() computes a term's weight.
    const double n = stats_.documents;
    const double f = stats_.termfreq;
    double tw = (n - f + 0.5) / (f + 0.5);
    if (tw < 2) tw = tw * 0.5 + 1;
    const double k3 = Bm25Params::kK3;
    termweight_ = std::log(tw) * (k3 + 1) * wqf_ / (k3 + wqf_) *
                  (params_.k1 + 1);
    if ((params_.b != 0 && params_.k1 != 0) && stats_.average_length != 0) {
      len_factor_ = 1 / stats_.average_length;
    }
  }

  Xapian::doccount get_termfreq_min() const override { return 0; }
  Xapian::doccount get_termfreq_est() const override {
    if (stats_.documents == 0) return 0;
    // The whole database's count, scaled to this shard.
    const double share = static_cast<double>(shard_documents_) /
                         static_cast<double>(stats_.documents);
    return std::min(candidates_, static_cast<Xapian::doccount>(
                                     stats_.termfreq * share + 0.5));
  }
  Xapian::doccount get_termfreq_max() const override { return candidates_; }

  double get_weight() const override { return weight_; }
  Xapian::docid get_docid() const override { return *it_; }
  bool at_end() const override { return it_ == end_; }

  void next(double) override {
    if (started_) {
      ++it_;
    } else {
      started_ = true;
    }
    settle();
  }

  void skip_to(Xapian::docid did, double) override {
    if (started_ && (it_ == end_ || *it_ >= did)) return;
    started_ = true;
    it_.skip_to(did);
    settle();
  }

  PostingSource* clone() const override {
    return new PhraseSource(terms_, stats_, params_, wqf_, position_,
                            title_);
  }

  void init(const Xapian::Database& db) override {
    db_ = db;
    shard_documents_ = db.get_doccount();
    const auto [term, freq] = rarest(db, terms_);
    candidates_ = freq;
    it_ = db.postlist_begin(term);
    end_ = db.postlist_end(term);
    if (freq == 0) it_ = end_;
    if (!title_.marker.empty()) {
      marker_ = db.postlist_begin(title_.marker);
      marker_end_ = db.postlist_end(title_.marker);
    }
    started_ = false;
    weight_ = 0;
    set_maxweight(termweight_);  // BM25's bound as the frequency grows
  }

  std::string get_description() const override {
    std::string out = "PhraseFrequency(";
    for (std::size_t i = 0; i < terms_.size(); ++i) {
      if (i > 0) out += ' ';
      out += terms_[i] + "@" + std::to_string(position_ + i);
    }
    if (wqf_ != 1) out += " #" + std::to_string(wqf_);
    return out + ")";
  }

 private:
  // Moves on from the current candidate to the first that holds the
  // phrase, and weighs it.
  void settle() {
    for (; it_ != end_; ++it_) {
      Xapian::termpos title_end = 0;
      if (!title_.marker.empty()) {
        marker_.skip_to(*it_);
        if (marker_ != marker_end_ && *marker_ == *it_) title_end = title_.end;
      }
      const Xapian::termcount pf =
          phrase_frequency(db_, *it_, terms_, title_end, title_.weight);
      if (pf == 0) continue;
      const double normlen =
          std::max(db_.get_doclength(*it_) * len_factor_,
                   Bm25Params::kMinNormlen);
      const double wdf = pf;
      weight_ = termweight_ * wdf /
                (params_.k1 * (normlen * params_.b + (1 - params_.b)) + wdf);
      return;
    }
  }

  const std::vector<std::string> terms_;
  const PhraseStats stats_;
  const Bm25Params params_;
  const Xapian::termcount wqf_;
  const Xapian::termpos position_;
  const TitleSpan title_;
  double termweight_ = 0;
  double len_factor_ = 0;

  Xapian::Database db_;
  Xapian::doccount shard_documents_ = 0;
  Xapian::doccount candidates_ = 0;
  Xapian::PostingIterator it_, end_;
  Xapian::PostingIterator marker_, marker_end_;  // title_.marker's postings
  bool started_ = false;
  double weight_ = 0;
};

}  // namespace

Xapian::BM25Weight bm25_weight(const Bm25Params& params) {
  return Xapian::BM25Weight(params.k1, 0, Bm25Params::kK3, params.b,
                            Bm25Params::kMinNormlen);
}

Xapian::termcount phrase_frequency(const Xapian::Database& db,
                                   Xapian::docid did,
                                   const std::vector<std::string>& terms,
                                   Xapian::termpos title_end,
                                   Xapian::termcount title_weight) {
  std::vector<std::vector<Xapian::termpos>> positions(terms.size());
  for (std::size_t i = 0; i < terms.size(); ++i) {
    for (auto p = db.positionlist_begin(did, terms[i]);
         p != db.positionlist_end(did, terms[i]); ++p) {
      positions[i].push_back(*p);
    }
    if (positions[i].empty()) return 0;
  }
  Xapian::termcount count = 0;
  for (const Xapian::termpos p : positions.front()) {
    bool all = true;
    for (std::size_t i = 1; i < terms.size() && all; ++i) {
      all = std::binary_search(positions[i].begin(), positions[i].end(),
                               p + static_cast<Xapian::termpos>(i));
    }
    if (all) count += p < title_end ? title_weight : 1;
  }
  return count;
}

PhraseStats phrase_stats(const Xapian::Database& db,
                         const std::vector<std::string>& terms,
                         Xapian::doccount max_checked) {
  PhraseStats s;
  s.documents = db.get_doccount();
  s.average_length = db.get_avlength();
  const auto [term, freq] = rarest(db, terms);
  if (freq == 0) return s;
  Xapian::doccount checked = 0;
  for (auto it = db.postlist_begin(term); it != db.postlist_end(term); ++it) {
    if (checked == max_checked) {
      s.exact = false;
      s.termfreq = static_cast<Xapian::doccount>(
          static_cast<double>(s.termfreq) * freq / checked + 0.5);
      return s;
    }
    ++checked;
    s.termfreq += phrase_frequency(db, *it, terms) > 0;
  }
  return s;
}

Xapian::Query phrase_frequency_query(const std::vector<std::string>& terms,
                                     const Xapian::Database& db,
                                     const Bm25Params& params,
                                     Xapian::termcount wqf,
                                     Xapian::termpos position,
                                     const TitleSpan& title) {
  auto source = std::make_unique<PhraseSource>(
      terms, phrase_stats(db, terms), params, wqf, position, title);
  // The query owns the source from here on.
  return Xapian::Query(source.release()->release());
}

}  // namespace lede
