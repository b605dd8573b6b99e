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

// The candidates of a phrase: the postings of its rarest word that the
// other words' postings hold too (a document without one of the words
// has no positions worth reading).
class Candidates {
 public:
  void open(const Xapian::Database& db, const std::vector<std::string>& terms) {
    const auto [term, freq] = rarest(db, terms);
    freq_ = freq;
    lead_ = db.postlist_begin(term);
    lead_end_ = db.postlist_end(term);
    if (freq == 0) lead_ = lead_end_;
    others_.clear();
    for (const std::string& t : terms) {
      if (t == term || std::any_of(others_.begin(), others_.end(),
                                   [&](const Other& o) { return o.term == t; })) {
        continue;
      }
      others_.push_back({t, db.postlist_begin(t), db.postlist_end(t)});
    }
    passed_ = 0;
  }
  // The rarest word's number of documents.
  [[nodiscard]] Xapian::doccount freq() const { return freq_; }
  // How many of its postings were looked at.
  [[nodiscard]] Xapian::doccount passed() const { return passed_; }
  [[nodiscard]] bool at_end() const { return lead_ == lead_end_; }
  [[nodiscard]] Xapian::docid operator*() const { return *lead_; }
  // To the first candidate (call once after open()), the next one, or the
  // first at or after `did`.
  void first() { settle(); }
  void next() {
    ++lead_;
    settle();
  }
  void skip_to(Xapian::docid did) {
    lead_.skip_to(did);
    settle();
  }
  // Stops at the next posting of the rarest word, whatever the others
  // hold (for a count of postings looked at, see phrase_stats()).
  void step() { ++lead_; }
  // Whether the current posting is a candidate (every word is there).
  bool all_there() {
    ++passed_;
    for (Other& o : others_) {
      o.it.skip_to(*lead_);
      if (o.it == o.end || *o.it != *lead_) return false;
    }
    return true;
  }

 private:
  void settle() {
    for (; lead_ != lead_end_; ++lead_) {
      if (all_there()) return;
    }
  }
  struct Other {
    std::string term;
    Xapian::PostingIterator it, end;
  };
  Xapian::doccount freq_ = 0;
  Xapian::doccount passed_ = 0;
  Xapian::PostingIterator lead_, lead_end_;
  std::vector<Other> others_;
};

// Where the phrase `terms` starts in document `did`: appended to `*out`,
// ascending. `scratch` holds one position list per word.
void phrase_starts(const Xapian::Database& db, Xapian::docid did,
                   const std::vector<std::string>& terms,
                   std::vector<std::vector<Xapian::termpos>>* scratch,
                   std::vector<Xapian::termpos>* out) {
  scratch->resize(terms.size());
  for (std::size_t i = 0; i < terms.size(); ++i) {
    std::vector<Xapian::termpos>& positions = (*scratch)[i];
    positions.clear();
    for (auto p = db.positionlist_begin(did, terms[i]);
         p != db.positionlist_end(did, terms[i]); ++p) {
      positions.push_back(*p);
    }
    if (positions.empty()) return;
  }
  for (const Xapian::termpos p : scratch->front()) {
    bool all = true;
    for (std::size_t i = 1; i < terms.size() && all; ++i) {
      all = std::binary_search((*scratch)[i].begin(), (*scratch)[i].end(),
                               p + static_cast<Xapian::termpos>(i));
    }
    if (all) out->push_back(p);
  }
}

// The occurrences counted, those before `title_end` `title_weight` times.
Xapian::termcount weighted_count(const Xapian::termpos* begin,
                                 const Xapian::termpos* end,
                                 Xapian::termpos title_end,
                                 Xapian::termcount title_weight) {
  Xapian::termcount count = 0;
  for (const Xapian::termpos* p = begin; p != end; ++p) {
    count += *p < title_end ? title_weight : 1;
  }
  return count;
}

// One pass over the candidates of a phrase in a whole database: its
// statistics and, when `keep`, where it occurs in each document that
// holds it, so that the match reads them rather than every candidate's
// positions again.
struct PhraseScan {
  PhraseStats stats;
  std::vector<Xapian::docid> docs;         // holding the phrase, ascending
  std::vector<std::size_t> first;          // docs[i]'s starts begin at
                                           // starts[first[i]]; one more
  std::vector<Xapian::termpos> starts;     // entry ends the last
};

PhraseScan scan_phrase(const Xapian::Database& db,
                       const std::vector<std::string>& terms,
                       Xapian::doccount max_checked, bool keep) {
  PhraseScan scan;
  PhraseStats& s = scan.stats;
  s.documents = db.get_doccount();
  s.average_length = db.get_avlength();
  scan.first.push_back(0);
  Candidates c;
  c.open(db, terms);
  std::vector<std::vector<Xapian::termpos>> scratch;
  std::vector<Xapian::termpos> starts;
  for (; !c.at_end(); c.step()) {
    if (c.passed() == max_checked) {
      s.exact = false;
      s.termfreq = static_cast<Xapian::doccount>(
          static_cast<double>(s.termfreq) * c.freq() / c.passed() + 0.5);
      break;
    }
    if (!c.all_there()) continue;
    std::vector<Xapian::termpos>& into = keep ? scan.starts : starts;
    if (!keep) starts.clear();
    const std::size_t before = into.size();
    phrase_starts(db, *c, terms, &scratch, &into);
    if (into.size() == before) continue;
    ++s.termfreq;
    if (keep) {
      scan.docs.push_back(*c);
      scan.first.push_back(scan.starts.size());
    }
  }
  return scan;
}

// What every clone of one phrase's source shares: the scan, made when the
// first of them is initialised (a query built and not run costs nothing).
struct PhraseShared {
  Xapian::Database db;  // the whole database searched
  std::vector<std::string> terms;
  bool scanned = false;
  PhraseScan scan;

  const PhraseScan& get() {
    if (!scanned) {
      // The occurrences are kept for a database of one shard, where the
      // match's docids are the scan's.
      scan = scan_phrase(db, terms, kPhraseMaxChecked, db.size() == 1);
      scanned = true;
    }
    return scan;
  }
};

// Matches the documents holding the phrase and weighs each by BM25 of the
// phrase's frequency there (see the header). One per database shard:
// Xapian clone()s it and init()s each copy with its shard; the statistics
// are the whole database's. Over a database of one shard whose candidates
// were all checked, it walks the documents the scan found; otherwise it
// checks each candidate of its shard.
class PhraseSource final : public Xapian::PostingSource {
 public:
  PhraseSource(std::shared_ptr<PhraseShared> shared, const Bm25Params& params,
               Xapian::termcount wqf, Xapian::termpos position,
               TitleSpan title)
      : shared_(std::move(shared)),
        params_(params),
        wqf_(wqf),
        position_(position),
        title_(std::move(title)) {}

  Xapian::doccount get_termfreq_min() const override { return 0; }
  Xapian::doccount get_termfreq_est() const override {
    const PhraseStats& stats = shared_->scan.stats;
    if (stats.documents == 0) return 0;
    // The whole database's count, scaled to this shard.
    const double share = static_cast<double>(shard_documents_) /
                         static_cast<double>(stats.documents);
    return std::min(candidates_, static_cast<Xapian::doccount>(
                                     stats.termfreq * share + 0.5));
  }
  Xapian::doccount get_termfreq_max() const override { return candidates_; }

  double get_weight() const override { return weight_; }
  Xapian::docid get_docid() const override {
    return scan_ != nullptr ? scan_->docs[at_] : *candidates_it_;
  }
  bool at_end() const override {
    return scan_ != nullptr ? at_ == scan_->docs.size()
                            : candidates_it_.at_end();
  }

  void next(double) override {
    if (scan_ != nullptr) {
      if (started_) ++at_;
    } else if (started_) {
      candidates_it_.next();
    } else {
      candidates_it_.first();
    }
    started_ = true;
    settle();
  }

  void skip_to(Xapian::docid did, double) override {
    if (started_ && (at_end() || get_docid() >= did)) return;
    started_ = true;
    if (scan_ != nullptr) {
      at_ = static_cast<std::size_t>(
          std::lower_bound(scan_->docs.begin() + at_, scan_->docs.end(), did) -
          scan_->docs.begin());
    } else {
      candidates_it_.skip_to(did);
    }
    settle();
  }

  PostingSource* clone() const override {
    return new PhraseSource(shared_, params_, wqf_, position_, title_);
  }

  void init(const Xapian::Database& db) override {
    const PhraseScan& scan = shared_->get();
    // As Xapian's BM25Weight::init() computes a term's weight.
    const double n = scan.stats.documents;
    const double f = scan.stats.termfreq;
    double tw = (n - f + 0.5) / (f + 0.5);
    if (tw < 2) tw = tw * 0.5 + 1;
    const double k3 = Bm25Params::kK3;
    termweight_ = std::log(tw) * (k3 + 1) * wqf_ / (k3 + wqf_) *
                  (params_.k1 + 1);
    len_factor_ = 0;
    if ((params_.b != 0 && params_.k1 != 0) &&
        scan.stats.average_length != 0) {
      len_factor_ = 1 / scan.stats.average_length;
    }

    db_ = db;
    shard_documents_ = db.get_doccount();
    candidates_it_.open(db, shared_->terms);
    candidates_ = candidates_it_.freq();
    scan_ = nullptr;
    at_ = 0;
    // The scan's docids are this database's when both are the one shard.
    if (scan.stats.exact && db.size() == 1 && shared_->db.size() == 1 &&
        db.get_lastdocid() == shared_->db.get_lastdocid() &&
        shard_documents_ == scan.stats.documents) {
      scan_ = &scan;
    }
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
    for (std::size_t i = 0; i < shared_->terms.size(); ++i) {
      if (i > 0) out += ' ';
      out += shared_->terms[i] + "@" + std::to_string(position_ + i);
    }
    if (wqf_ != 1) out += " #" + std::to_string(wqf_);
    return out + ")";
  }

 private:
  // Where the current document's title ends (0: it has none).
  Xapian::termpos title_end(Xapian::docid did) {
    if (title_.marker.empty()) return 0;
    marker_.skip_to(did);
    return marker_ != marker_end_ && *marker_ == did ? title_.end : 0;
  }

  void weigh(Xapian::docid did, Xapian::termcount pf) {
    const double normlen = std::max(db_.get_doclength(did) * len_factor_,
                                    Bm25Params::kMinNormlen);
    const double wdf = pf;
    weight_ = termweight_ * wdf /
              (params_.k1 * (normlen * params_.b + (1 - params_.b)) + wdf);
  }

  // Moves on from the current candidate to the first that holds the
  // phrase, and weighs it.
  void settle() {
    if (scan_ != nullptr) {
      if (at_ == scan_->docs.size()) return;
      const Xapian::docid did = scan_->docs[at_];
      const Xapian::termpos* starts = scan_->starts.data();
      weigh(did, weighted_count(starts + scan_->first[at_],
                                starts + scan_->first[at_ + 1],
                                title_end(did), title_.weight));
      return;
    }
    for (; !candidates_it_.at_end(); candidates_it_.next()) {
      const Xapian::docid did = *candidates_it_;
      starts_.clear();
      phrase_starts(db_, did, shared_->terms, &scratch_, &starts_);
      if (starts_.empty()) continue;
      weigh(did, weighted_count(starts_.data(), starts_.data() + starts_.size(),
                                title_end(did), title_.weight));
      return;
    }
  }

  const std::shared_ptr<PhraseShared> shared_;
  const Bm25Params params_;
  const Xapian::termcount wqf_;
  const Xapian::termpos position_;
  const TitleSpan title_;
  double termweight_ = 0;
  double len_factor_ = 0;

  Xapian::Database db_;
  Xapian::doccount shard_documents_ = 0;
  Xapian::doccount candidates_ = 0;
  const PhraseScan* scan_ = nullptr;  // the documents to walk, or null
  std::size_t at_ = 0;                // into scan_->docs
  Candidates candidates_it_;          // else the candidates
  std::vector<std::vector<Xapian::termpos>> scratch_;
  std::vector<Xapian::termpos> starts_;
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
  std::vector<std::vector<Xapian::termpos>> scratch;
  std::vector<Xapian::termpos> starts;
  phrase_starts(db, did, terms, &scratch, &starts);
  return weighted_count(starts.data(), starts.data() + starts.size(),
                        title_end, title_weight);
}

PhraseStats phrase_stats(const Xapian::Database& db,
                         const std::vector<std::string>& terms,
                         Xapian::doccount max_checked) {
  return scan_phrase(db, terms, max_checked, false).stats;
}

Xapian::Query phrase_frequency_query(const std::vector<std::string>& terms,
                                     const Xapian::Database& db,
                                     const Bm25Params& params,
                                     Xapian::termcount wqf,
                                     Xapian::termpos position,
                                     const TitleSpan& title) {
  auto shared = std::make_shared<PhraseShared>();
  shared->db = db;
  shared->terms = terms;
  auto source = std::make_unique<PhraseSource>(std::move(shared), params, wqf,
                                               position, title);
  // The query owns the source from here on.
  return Xapian::Query(source.release()->release());
}

}  // namespace lede
