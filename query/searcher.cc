#include "query/searcher.h"

#include <xapian.h>

#include <algorithm>
#include <chrono>
#include <cmath>
#include <filesystem>
#include <map>
#include <set>
#include <string_view>
#include <unordered_map>

#include "common/article.h"
#include "common/document_data.h"
#include "common/error.h"
#include "common/query_build.h"
#include "common/schema.h"
#include "common/terms.h"
#include "common/utf8.h"
#include "query/proximity.h"

namespace lede::query {

namespace {

// Date-sorted searches put undated articles last in both directions: an
// empty date value sorts before every date, so ascending order maps it
// past the end of the alphabet.
class UndatedLastKey : public Xapian::KeyMaker {
 public:
  std::string operator()(const Xapian::Document& doc) const override {
    std::string v = doc.get_value(kSlotDate);
    if (v.empty()) v = "\xff";
    return v;
  }
};

// The note for a list facet (tag, author, a field of the database's own)
// asked of a set with a remote part.
std::string remote_facet_note(std::string_view facet) {
  return "--facet " + std::string(facet) +
         " is not available over remote databases (Xapian's remote protocol "
         "runs only its own match spies)";
}

// Counts the items of a list slot (tags, authors): a document holds several
// in one value, joined by kListSeparator, and each counts once per
// document.
class ListCountSpy : public Xapian::MatchSpy {
 public:
  explicit ListCountSpy(Xapian::valueno slot) : slot_(slot) {}
  void operator()(const Xapian::Document& doc, double) override {
    const std::string v = doc.get_value(slot_);
    std::size_t at = 0;
    while (at < v.size()) {
      std::size_t end = v.find(kListSeparator, at);
      if (end == std::string::npos) end = v.size();
      if (end > at) {
        // A tag repeated within one document counts once.
        std::string tag = v.substr(at, end - at);
        if (seen_.insert(tag).second) ++counts_[tag];
      }
      at = end + 1;
    }
    seen_.clear();
  }
  [[nodiscard]] const std::map<std::string, std::size_t>& counts() const {
    return counts_;
  }

 private:
  Xapian::valueno slot_;
  std::map<std::string, std::size_t> counts_;
  std::set<std::string> seen_;
};

// The names of the fields the database defines.
std::vector<std::string> field_names(const IndexSettings& settings) {
  std::vector<std::string> names;
  for (const UserField& f : settings.fields) names.push_back(f.name);
  return names;
}

// The value slot of the database's field `name`; a UsageError naming the
// fields it has when it has none of that name.
Xapian::valueno field_slot(const IndexSettings& settings,
                           const std::string& name) {
  std::string known;
  for (std::size_t i = 0; i < settings.fields.size(); ++i) {
    if (settings.fields[i].name == name) {
      return kSlotFirstUserField + static_cast<Xapian::valueno>(i);
    }
    known += (known.empty() ? "" : ", ") + settings.fields[i].name;
  }
  throw UsageError("unknown facet '" + name +
                   "' (facets: source, author, year, month, tag" +
                   (known.empty() ? std::string("; the database defines no "
                                                "fields of its own")
                                  : ", and the database's fields " + known) +
                   ")");
}

// Facets whose slot may hold a list.
bool is_list_facet(FacetKind kind) {
  return kind == FacetKind::kTag || kind == FacetKind::kAuthor;
}

Xapian::valueno facet_slot(FacetKind kind) {
  switch (kind) {
    case FacetKind::kSource: return kSlotSource;
    case FacetKind::kAuthor: return kSlotAuthor;
    case FacetKind::kYear: return kSlotYear;
    case FacetKind::kMonth: return kSlotMonth;
    case FacetKind::kTag: return kSlotTags;
  }
  return kSlotSource;
}

// The `limit` most frequent values, most frequent first, ties in byte
// order; year and month facets are then put in chronological order.
std::vector<FacetValue> top_values(std::vector<FacetValue> all,
                                   std::size_t limit, bool chronological) {
  std::stable_sort(all.begin(), all.end(),
                   [](const FacetValue& a, const FacetValue& b) {
                     return a.count > b.count;
                   });
  if (all.size() > limit) all.resize(limit);
  if (chronological) {
    std::sort(all.begin(), all.end(),
              [](const FacetValue& a, const FacetValue& b) {
                return a.value < b.value;
              });
  }
  return all;
}

// "YYYYMMDDhhmmss" -> "YYYY-MM-DD".
std::string day_of(const std::string& value) {
  if (value.size() < 8) return {};
  return value.substr(0, 4) + "-" + value.substr(4, 2) + "-" +
         value.substr(6, 2);
}

// Whether `built` searches at most kShortQueryWords distinct words.
bool is_short(const BuiltQuery& built) {
  std::set<std::string_view> distinct;
  for (const QueryWord& w : built.words) {
    distinct.insert(w.term);
    if (distinct.size() > kShortQueryWords) return false;
  }
  return true;
}

// --- --explain -------------------------------------------------------------
//
// Xapian sums, for each document, the weights of the query's terms that
// match it (a phrase weighs as its words; OP_SCALE_WEIGHT multiplies;
// OP_FILTER and OP_AND_NOT take weight from their left side only; a phrase
// ranked by frequency is one part, common/phrase_weight.h). Rather
// than re-implementing BM25, each term is weighed by Xapian itself: the
// term alone, filtered to the one document, under the same weighting. Parts
// that Xapian weighs as a whole (a synonym group such as an expanded
// wildcard, OP_MAX, OP_ELITE_SET) are weighed as a whole.

struct Unit {
  Xapian::Query query;
  double factor = 1;
  bool leaf = false;
};

class Explainer {
 public:
  Explainer(const Xapian::Database& db, const Xapian::Weight& weight)
      : db_(db), weight_(weight) {}

  std::vector<TermContribution> explain(const Xapian::Query& query,
                                        Xapian::docid did) {
    did_ = did;
    filter_ = doc_filter(did);
    std::vector<TermContribution> out;
    collect(query, 1.0, &out);
    return out;
  }

 private:
  // A query matching only document `did`: its unique id term.
  Xapian::Query doc_filter(Xapian::docid did) {
    Xapian::TermIterator t = db_.termlist_begin(did);
    t.skip_to(std::string(prefix::kId));
    if (t != db_.termlist_end(did) && (*t).starts_with(prefix::kId)) {
      return Xapian::Query(*t);
    }
    return Xapian::Query();
  }

  double weigh(const Xapian::Query& q) {
    if (filter_.empty()) return 0;
    Xapian::Enquire enquire(db_);
    enquire.set_query(Xapian::Query(Xapian::Query::OP_FILTER, q, filter_));
    enquire.set_weighting_scheme(weight_);
    const Xapian::MSet mset = enquire.get_mset(0, 1);
    if (mset.empty() || *mset.begin() != did_) return 0;
    return mset.begin().get_weight();
  }

  void add(const Xapian::Query& q, double factor, bool leaf,
           std::vector<TermContribution>* out) {
    TermContribution c;
    c.factor = factor;
    c.weight = factor * weigh(q);
    if (leaf) {
      c.term = *q.get_terms_begin();
      c.termfreq = db_.get_termfreq(c.term);
      Xapian::TermIterator t = db_.termlist_begin(did_);
      t.skip_to(c.term);
      if (t != db_.termlist_end(did_) && *t == c.term) c.wdf = t.get_wdf();
      c.idf = bm25_idf(db_, c.termfreq);
    } else {
      // A synonym group weighs as one term whose wdf is the sum of its
      // members' (Xapian's OP_SYNONYM): show that sum.
      if (q.get_type() == Xapian::Query::OP_SYNONYM) {
        for (std::size_t i = 0; i < q.get_num_subqueries(); ++i) {
          const Xapian::Query sub = q.get_subquery(i);
          if (sub.get_type() != Xapian::Query::LEAF_TERM) continue;
          const std::string term = *sub.get_terms_begin();
          Xapian::TermIterator t = db_.termlist_begin(did_);
          t.skip_to(term);
          if (t != db_.termlist_end(did_) && *t == term) c.wdf += t.get_wdf();
        }
      }
      c.term = q.get_description();
      // "Query(...)" -> "...": the description without its wrapper.
      if (c.term.starts_with("Query(") && c.term.ends_with(")")) {
        c.term = c.term.substr(6, c.term.size() - 7);
      }
    }
    out->push_back(std::move(c));
  }

  void collect(const Xapian::Query& q, double factor,
               std::vector<TermContribution>* out) {
    switch (q.get_type()) {
      case Xapian::Query::LEAF_TERM:
        add(q, factor, true, out);
        return;
      case Xapian::Query::LEAF_MATCH_NOTHING:
      case Xapian::Query::OP_VALUE_RANGE:
      case Xapian::Query::OP_VALUE_GE:
      case Xapian::Query::OP_VALUE_LE:
        return;
      case Xapian::Query::OP_SCALE_WEIGHT: {
        // Xapian 1.4 has no accessor for the factor: measure it.
        const Xapian::Query inner = q.get_subquery(0);
        const double whole = weigh(q);
        const double part = weigh(inner);
        if (whole == 0 || part == 0) return;  // no weight here
        collect(inner, factor * whole / part, out);
        return;
      }
      case Xapian::Query::OP_FILTER:
      case Xapian::Query::OP_AND_NOT:
        if (q.get_num_subqueries() > 0) collect(q.get_subquery(0), factor, out);
        return;
      case Xapian::Query::OP_AND:
      case Xapian::Query::OP_OR:
      case Xapian::Query::OP_XOR:
      case Xapian::Query::OP_AND_MAYBE:
      case Xapian::Query::OP_PHRASE:
      case Xapian::Query::OP_NEAR:
        for (std::size_t i = 0; i < q.get_num_subqueries(); ++i) {
          collect(q.get_subquery(i), factor, out);
        }
        return;
      default:  // synonyms, wildcards, OP_MAX, OP_ELITE_SET, match-all...
        add(q, factor, false, out);
        return;
    }
  }

  const Xapian::Database& db_;
  const Xapian::Weight& weight_;
  Xapian::docid did_ = 0;
  Xapian::Query filter_;
};

// How many times a search (or the opening of the databases) starts again
// when a writer committed under it. Xapian keeps the revision a reader
// opened until the writer has committed twice more; a reader slower than
// that reopens at the latest one.
constexpr int kAttempts = 5;

Error changed_while_read(const std::string& name, const Xapian::Error& e) {
  return Error("'" + name + "' changed while it was being read; try again (" +
               e.get_msg() + ")");
}

DatabaseSet open_retrying(const std::vector<std::string>& paths) {
  for (int attempt = 1;; ++attempt) {
    try {
      return DatabaseSet::open(paths);
    } catch (const Xapian::DatabaseModifiedError& e) {
      if (attempt == kAttempts) {
        std::string name;
        for (const std::string& p : paths) name += (name.empty() ? "" : " + ") + p;
        throw changed_while_read(name, e);
      }
    }
  }
}

}  // namespace

Searcher::Searcher(const std::vector<std::string>& db_paths)
    : set_(open_retrying(db_paths)),
      paths_(db_paths),
      analyzer_(std::make_unique<Analyzer>(set_.settings().analyzer)) {}

Searcher::Searcher(DatabaseSet set)
    : set_(std::move(set)),
      reopenable_(false),
      analyzer_(std::make_unique<Analyzer>(set_.settings().analyzer)) {}

Searcher::~Searcher() = default;

void Searcher::reopen() {
  DatabaseSet fresh = open_retrying(paths_);
  if (!(fresh.settings().analyzer == set_.settings().analyzer)) {
    analyzer_ = std::make_unique<Analyzer>(fresh.settings().analyzer);
  }
  set_ = std::move(fresh);
}

template <typename F>
auto Searcher::retrying(F&& once) -> decltype(once()) {
  if (!reopenable_) return once();
  for (int attempt = 1;; ++attempt) {
    try {
      if (attempt > 1) reopen();
      return once();
    } catch (const Xapian::DatabaseModifiedError& e) {
      if (attempt == kAttempts) throw changed_while_read(set_.name(), e);
    } catch (const Xapian::DatabaseOpeningError& e) {
      // A rebuild replaced the files under an open database.
      if (attempt == kAttempts) throw changed_while_read(set_.name(), e);
    } catch (const Xapian::DatabaseCorruptError& e) {
      // Likewise: blocks reused by a concurrent writer.
      if (attempt == kAttempts) throw changed_while_read(set_.name(), e);
    }
  }
}

SearchResult Searcher::search(const SearchRequest& request) {
  return retrying([&] { return search_once(request); });
}

std::vector<Story> Searcher::show(const ShowRequest& request) {
  return retrying([&] { return show_once(request); });
}

std::vector<std::pair<Xapian::docid, Article>> Searcher::articles_named(
    const std::string& name) {
  const Xapian::Database& db = set_.db();
  std::vector<std::pair<Xapian::docid, Article>> found;
  const std::string id = id_term(name);
  for (auto it = db.postlist_begin(id); it != db.postlist_end(id); ++it) {
    found.emplace_back(*it, set_.decode(*it, db.get_document(*it)));
  }
  if (!found.empty()) return found;
  // Not an id: the path of a file the results showed (an article with an
  // id of its own is shown by its path too), or PATH:LINE for a record.
  std::string_view path;
  const std::uint64_t line = split_record_line(name, &path);
  const std::string file = file_term(path);
  for (auto it = db.postlist_begin(file); it != db.postlist_end(file); ++it) {
    Article a = set_.decode(*it, db.get_document(*it));
    if (a.path == path && a.line == line) found.emplace_back(*it, std::move(a));
  }
  return found;
}

std::vector<Story> Searcher::show_once(const ShowRequest& req) {
  const Xapian::Database& db = set_.db();
  const IndexSettings& settings = set_.settings();
  std::vector<HighlightTerm> terms;
  if (!req.query.empty()) {
    BuildOptions build = req.build;
    build.title_weight = settings.title_weight;
    build.user_fields = field_names(settings);
    terms = build_query(req.query, build, analyzer_.get(), &db).highlights;
  }
  std::vector<Story> stories;
  for (const auto& [docid, article] : articles_named(req.id)) {
    const Xapian::Document doc = db.get_document(docid);
    Story s;
    s.article = article;
    // The fields are not in the stored data: their slots list them.
    for (std::size_t i = 0; i < settings.fields.size(); ++i) {
      const std::string v = doc.get_value(
          kSlotFirstUserField + static_cast<Xapian::valueno>(i));
      std::vector<std::string> items;
      for (std::size_t at = 0; at < v.size();) {
        std::size_t end = v.find(kListSeparator, at);
        if (end == std::string::npos) end = v.size();
        if (end > at) items.push_back(v.substr(at, end - at));
        at = end + 1;
      }
      if (!items.empty()) s.article.fields[settings.fields[i].name] = items;
    }
    if (set_.parts().size() > 1) s.database = set_.part_of(docid).name;
    s.title = highlight_all(s.article.title, terms, analyzer_.get());
    const std::vector<std::string_view> paragraphs =
        paragraphs_of(s.article.body);
    s.paragraph_count = paragraphs.size();
    std::vector<Snippet> highlighted;
    std::vector<bool> matched;
    for (const std::string_view p : paragraphs) {
      highlighted.push_back(highlight_all(p, terms, analyzer_.get()));
      matched.push_back(!highlighted.back().highlights.empty());
    }
    for (const std::size_t i :
         near_matches(matched, terms.empty() ? kAllParagraphs : req.context)) {
      s.paragraphs.push_back({i + 1, std::move(highlighted[i])});
    }
    stories.push_back(std::move(s));
  }
  return stories;
}

SearchResult Searcher::search_once(const SearchRequest& req) {
  const auto start = std::chrono::steady_clock::now();
  const Xapian::Database& db = set_.db();
  // Phrases are weighed by the query itself (common/phrase_weight.h), with
  // the search's BM25 and the database's title weight.
  BuildOptions build = req.build;
  build.bm25 = {req.bm25_k1, req.bm25_b};
  build.title_weight = set_.settings().title_weight;
  build.user_fields = field_names(set_.settings());
  const bool remote = set_.remote();
  // A remote part runs only Xapian's own posting sources, and the phrase
  // ranking is lede's: phrases and word pairs weigh as their words there.
  if (remote) build.rank_phrases = false;
  BuiltQuery built = build_query(req.query, build, analyzer_.get(), &db);
  // A topic named in a word or two ("soybean", "natural gas") normalises
  // length with --short-b, by default not at all: the story that says the
  // word most comes first, not a short one that names it once in its
  // title (bench/relevance/README.md, chosen on the training queries).
  // Rebuilt when that changes b, for the phrases' weights.
  if (req.bm25_short_b != build.bm25.b && is_short(built)) {
    build.bm25.b = req.bm25_short_b;
    built = build_query(req.query, build, analyzer_.get(), &db);
  }

  SearchResult result;
  SearchSummary& summary = result.summary;
  summary.qid = req.qid;
  summary.query = req.query;
  summary.offset = req.offset;
  if (req.show_query) {
    summary.parsed = built.tree;
    summary.xapian_query = built.query.get_description();
  }

  // The weight build_query() gave its phrases too.
  const Xapian::BM25Weight weight = bm25_weight(build.bm25);
  Xapian::Enquire enquire(db);
  enquire.set_query(built.query);
  enquire.set_weighting_scheme(weight);
  // Equal scores rank in docid (indexing) order, so output is stable.
  enquire.set_docid_order(Xapian::Enquire::ASCENDING);
  if (remote && req.build.rank_phrases &&
      (built.query.get_description().find("PHRASE") != std::string::npos ||
       (req.build.pair_weight > 0 && built.words.size() >= 2))) {
    summary.notes.push_back(
        "phrases and words side by side rank as the sum of their words over "
        "remote databases (Xapian's remote protocol cannot run lede's phrase "
        "ranking)");
  }
  UndatedLastKey undated_last;
  if (req.sort == SortOrder::kNewest) {
    enquire.set_sort_by_value_then_relevance(kSlotDate, true);
  } else if (req.sort == SortOrder::kOldest && remote) {
    // A remote shard runs no KeyMaker: the date slot as it is.
    enquire.set_sort_by_value_then_relevance(kSlotDate, false);
    summary.notes.push_back(
        "--sort oldest over remote databases puts undated articles first "
        "(Xapian's remote protocol cannot run lede's sort key)");
  } else if (req.sort == SortOrder::kOldest) {
    enquire.set_sort_by_key_then_relevance(&undated_last, false);
  }
  if (req.collapse) enquire.set_collapse_key(kSlotCollapse);
  // Xapian stops counting beyond the page at the limit (it cannot stop
  // the match itself); the words and wildcards a query may hold bound the
  // rest (common/query_build.h).
  if (req.time_limit > 0) enquire.set_time_limit(req.time_limit);
  double match_seconds = 0;
  auto get_mset = [&](Xapian::doccount first, Xapian::doccount max_items,
                      Xapian::doccount check_at_least) {
    const auto match_start = std::chrono::steady_clock::now();
    Xapian::MSet mset = enquire.get_mset(first, max_items, check_at_least);
    match_seconds = std::chrono::duration<double>(
                        std::chrono::steady_clock::now() - match_start)
                        .count();
    return mset;
  };

  // One spy per facet, index-aligned with req.facets: a list spy or a
  // value spy.
  std::vector<std::unique_ptr<Xapian::ValueCountMatchSpy>> value_spies;
  std::vector<std::unique_ptr<ListCountSpy>> list_spies;
  for (FacetKind kind : req.facets) {
    if (is_list_facet(kind) && remote) {
      list_spies.emplace_back();
      value_spies.emplace_back();
      summary.notes.push_back(remote_facet_note(facet_name(kind)));
    } else if (is_list_facet(kind)) {
      list_spies.push_back(std::make_unique<ListCountSpy>(facet_slot(kind)));
      enquire.add_matchspy(list_spies.back().get());
      value_spies.emplace_back();
    } else {
      value_spies.push_back(
          std::make_unique<Xapian::ValueCountMatchSpy>(facet_slot(kind)));
      enquire.add_matchspy(value_spies.back().get());
      list_spies.emplace_back();
    }
  }

  const Xapian::doccount all = db.get_doccount();
  // The database's own fields: lists, each counted.
  std::vector<std::unique_ptr<ListCountSpy>> field_spies;
  for (const std::string& name : req.field_facets) {
    if (remote) {
      field_spies.emplace_back();
      summary.notes.push_back(remote_facet_note(name));
      continue;
    }
    field_spies.push_back(
        std::make_unique<ListCountSpy>(field_slot(set_.settings(), name)));
    enquire.add_matchspy(field_spies.back().get());
  }

  // Counting every match: exact up to this many, or all for --count.
  const auto exact_up_to = static_cast<Xapian::doccount>(
      req.count_only ? all : std::min<std::size_t>(all, req.exact_count_up_to));
  const bool exhaustive =
      req.count_only || !req.facets.empty() || !req.field_facets.empty();
  const std::size_t page = req.count_only ? 0 : req.limit;
  const Xapian::doccount check =
      exhaustive ? all
                 : std::max(exact_up_to,
                            static_cast<Xapian::doccount>(req.offset + page));
  std::unique_ptr<Explainer> explainer;
  if (req.explain) explainer = std::make_unique<Explainer>(db, weight);

  // --proximity (query/proximity.h): the first rescore_depth hits of a
  // relevance ranking gain a weight for their words close together and
  // are sorted again. That weight is never negative, so they stay above
  // the hits after them, whose order and scores do not change.
  std::unique_ptr<ProximityScorer> proximity;
  if (req.proximity_weight > 0 && req.rescore_depth > 0 && page > 0 &&
      req.sort == SortOrder::kRelevance) {
    std::vector<std::string> terms;
    for (const QueryWord& w : built.words) {
      if (w.field == Field::kAll) {
        terms.push_back(field_term(Field::kAll, w.term));
      }
    }
    auto scorer = std::make_unique<ProximityScorer>(db, terms, build.bm25);
    // Over a remote part each rescored hit's positions would be a round
    // trip more (and phrases already weigh as their words there).
    if (scorer->active() && remote) {
      summary.notes.push_back(
          "--proximity is not applied over remote databases (each rescored "
          "hit's positions would be one more round trip)");
    } else if (scorer->active()) {
      proximity = std::move(scorer);
    }
  }
  // An item of an MSet, its score and the part of it proximity added.
  struct Ranked {
    Xapian::doccount index;
    double score;
    double proximity;
  };
  // The first rescore_depth items of `mset` (of those it has), rescored
  // and sorted again; the items after them are read as Xapian ranked them
  // (item_at()).
  auto rescored = [&](const Xapian::MSet& mset) {
    std::vector<Ranked> order;
    const auto n = static_cast<Xapian::doccount>(
        std::min<std::size_t>(mset.size(), req.rescore_depth));
    for (Xapian::doccount i = 0; i < n; ++i) {
      const Xapian::MSetIterator it = mset[i];
      const double extra = req.proximity_weight * proximity->score(*it);
      order.push_back({i, it.get_weight() + extra, extra});
    }
    // Stable: equal scores stay in Xapian's (docid) order.
    std::stable_sort(order.begin(), order.end(),
                     [](const Ranked& a, const Ranked& b) {
                       return a.score > b.score;
                     });
    return order;
  };
  auto item_at = [](const Xapian::MSet& mset, const std::vector<Ranked>& first,
                    Xapian::doccount i) -> Ranked {
    if (i < first.size()) return first[i];
    return {i, mset[i].get_weight(), 0};
  };
  auto make_hit = [&](const Xapian::MSetIterator& it, const Ranked& r,
                      Article article, std::size_t rank, std::size_t copies) {
    Hit hit;
    hit.rank = rank;
    hit.score = r.score;
    hit.collapsed = copies;
    hit.article = std::move(article);
    if (req.want_text) {
      hit.title = highlight_all(hit.article.title, built.highlights,
                                analyzer_.get());
      hit.snippets = make_snippets(hit.article.body, built.highlights,
                                   req.snippets, analyzer_.get());
    }
    if (explainer) {
      hit.doc_length = db.get_doclength(*it);
      hit.explain = explainer->explain(built.query, *it);
      if (r.proximity > 0) {
        TermContribution near;
        near.term = "(query words near each other)";
        near.weight = r.proximity;
        near.factor = req.proximity_weight;
        hit.explain.push_back(std::move(near));
      }
    }
    result.hits.push_back(std::move(hit));
  };

  if (!req.collapse) {
    // A page that starts among the rescored hits is read from them all; a
    // page after them is as Xapian ranked it.
    const bool rescore = proximity && req.offset < req.rescore_depth;
    const std::size_t first = rescore ? 0 : req.offset;
    const std::size_t count =
        rescore ? std::max(req.rescore_depth, req.offset + page) : page;
    // A query of one term: Xapian's bounds on its count are the term's
    // frequency, exact without checking every match (the page's matches
    // are the same either way). Anything else is counted match by match;
    // so is this, should Xapian's bounds ever differ. (One term has no
    // pair for proximity to rescore.)
    const auto wanted = static_cast<Xapian::doccount>(req.offset + page);
    const bool counts_itself =
        !exhaustive && built.query.get_type() == Xapian::Query::LEAF_TERM;
    Xapian::MSet mset =
        get_mset(static_cast<Xapian::doccount>(first),
                 static_cast<Xapian::doccount>(count),
                 counts_itself ? std::min(check, wanted) : check);
    if (counts_itself && wanted < check &&
        mset.get_matches_lower_bound() != mset.get_matches_upper_bound()) {
      mset = get_mset(static_cast<Xapian::doccount>(first),
                      static_cast<Xapian::doccount>(count), check);
    }
    summary.total = mset.get_matches_estimated();
    summary.total_exact =
        mset.get_matches_lower_bound() == mset.get_matches_upper_bound();
    const std::vector<Ranked> order =
        rescore ? rescored(mset) : std::vector<Ranked>{};
    std::size_t rank = req.offset;
    for (auto i = static_cast<Xapian::doccount>(req.offset - first);
         i < mset.size() && rank < req.offset + page; ++i) {
      const Ranked r = item_at(mset, order, i);
      const Xapian::MSetIterator it = mset[r.index];
      make_hit(it, r, set_.decode(*it, it.get_document()), ++rank, 0);
    }
  } else {
    // Xapian's count of collapsed matches is exact only when its result
    // holds them all: ask for them all (up to exact_up_to). The page starts
    // at 0 so that copies with one URL merge whatever page they are on.
    const auto wanted = static_cast<Xapian::doccount>(req.offset + page);
    const Xapian::MSet mset =
        get_mset(0, std::max(exact_up_to, wanted), check);
    const bool read_all = req.count_only ||
                          mset.size() <= req.offset + page + kCollapseReadAhead;
    // A URL -> the index of its hit, or kNoHit for one off the page.
    constexpr std::size_t kNoHit = SIZE_MAX;
    std::unordered_map<std::string, std::size_t> by_url;
    std::size_t groups = 0;      // distinct stories read
    std::size_t url_copies = 0;  // hits folded into another by URL
    std::size_t read = 0;
    const std::vector<Ranked> order =
        proximity ? rescored(mset) : std::vector<Ranked>{};
    for (Xapian::doccount i = 0; i < mset.size(); ++i) {
      if (!read_all && result.hits.size() == page) break;
      const Ranked r = item_at(mset, order, i);
      const Xapian::MSetIterator it = mset[r.index];
      ++read;
      Article article = set_.decode(*it, it.get_document());
      const std::size_t copies = it.get_collapse_count();
      const bool on_page =
          groups >= req.offset && result.hits.size() < page;
      if (!article.url.empty()) {
        auto [seen, fresh] = by_url.emplace(
            article.url, on_page ? result.hits.size() : kNoHit);
        if (!fresh) {
          ++url_copies;
          if (seen->second != kNoHit) {
            result.hits[seen->second].collapsed += 1 + copies;
          }
          continue;
        }
      }
      ++groups;
      if (on_page) make_hit(it, r, std::move(article), groups, copies);
    }
    const Xapian::doccount lower = mset.get_matches_lower_bound();
    summary.total = mset.get_matches_estimated() - url_copies;
    summary.total_exact = lower == mset.get_matches_upper_bound() &&
                          lower == mset.size() && read == mset.size();
  }
  // An estimate from a match that ran to the limit: the limit ended it.
  summary.time_limited = req.time_limit > 0 && !summary.total_exact &&
                         match_seconds >= req.time_limit;

  for (std::size_t i = 0; i < req.facets.size(); ++i) {
    const FacetKind kind = req.facets[i];
    std::vector<FacetValue> values;
    if (is_list_facet(kind) && !list_spies[i]) {
      continue;  // remote (noted above)
    } else if (list_spies[i]) {
      for (const auto& [v, n] : list_spies[i]->counts()) {
        values.push_back({v, n});
      }
    } else {
      const auto& spy = *value_spies[i];
      for (auto v = spy.values_begin(); v != spy.values_end(); ++v) {
        values.push_back({*v, v.get_termfreq()});
      }
    }
    const bool chronological =
        kind == FacetKind::kYear || kind == FacetKind::kMonth;
    summary.facets.push_back(
        {facet_name(kind),
         top_values(std::move(values), req.facet_limit, chronological)});
  }
  for (std::size_t i = 0; i < field_spies.size(); ++i) {
    if (!field_spies[i]) continue;  // remote (noted above)
    std::vector<FacetValue> values;
    for (const auto& [v, n] : field_spies[i]->counts()) values.push_back({v, n});
    summary.facets.push_back(
        {req.field_facets[i],
         top_values(std::move(values), req.facet_limit, false)});
  }

  if (req.suggest && remote) {
    if (summary.total == 0) {
      summary.notes.push_back(
          "no spelling suggestions over remote databases (Xapian's remote "
          "protocol has no spelling table)");
    }
  } else if (req.suggest) {
    summary.suggestion = suggest(req, built, summary.total);
  }

  summary.seconds = std::chrono::duration<double>(
                        std::chrono::steady_clock::now() - start)
                        .count();
  return result;
}

namespace {

// The first character of `s` (its UTF-8 bytes).
std::string_view first_char(std::string_view s) {
  std::size_t n = s.empty() ? 0 : 1;
  while (n < s.size() && (static_cast<unsigned char>(s[n]) & 0xC0) == 0x80) ++n;
  return s.substr(0, n);
}

}  // namespace

std::string Searcher::respell(const QueryWord& w) {
  const Xapian::Database& db = set_.db();
  // Frequencies are counted in titles and bodies, where the spelling table
  // comes from, whatever the field searched (a title holds few words: 56
  // Reuters titles have "volcker", 124 stories); a word of another field
  // (author:) counts as often as it is there. Whether the respelled query
  // finds more in the field is checked by suggest().
  const Xapian::doccount freq =
      std::max(db.get_termfreq(w.term),
               db.get_termfreq(field_term(w.field, w.term)));
  const std::size_t chars = utf8::count_chars(w.term);
  if (freq > 0) {
    // A known word is questioned only when it is rare enough for a word
    // kSuggestRatio times as frequent to exist: common words cost no
    // spelling look-up.
    if (chars < kSuggestMinChars ||
        static_cast<double>(freq) * kSuggestRatio > db.get_doccount()) {
      return {};
    }
  }
  std::string better = db.get_spelling_suggestion(w.term, 1);
  if (better.empty() && freq == 0 && chars >= kSuggestTwoEditsFrom) {
    better = db.get_spelling_suggestion(w.term, 2);
  }
  if (better.empty() || better == w.term ||
      first_char(better) != first_char(w.term)) {
    return {};
  }
  // An inflection of the word is no respelling (a bare word finds it).
  const std::string stem = analyzer_->stem(w.term);
  if (analyzer_->stem(better) == stem) return {};
  const Xapian::doccount better_freq = db.get_termfreq(better);
  if (better_freq == 0 ||
      static_cast<double>(better_freq) < kSuggestRatio * freq) {
    return {};
  }
  return better;
}

std::string Searcher::suggest(const SearchRequest& req, const BuiltQuery& built,
                              std::size_t total) {
  const Xapian::Database& db = set_.db();
  if (built.words.empty() || db.spellings_begin() == db.spellings_end()) {
    return {};
  }
  std::vector<QueryWord> words = built.words;
  std::sort(words.begin(), words.end(),
            [](const QueryWord& a, const QueryWord& b) {
              return a.begin < b.begin;
            });
  std::string out;
  std::size_t copied = 0;
  bool changed = false;
  for (const QueryWord& w : words) {
    if (w.begin < copied || w.end > req.query.size()) continue;
    const std::string better = respell(w);
    if (better.empty()) continue;
    out.append(req.query, copied, w.begin - copied);
    out += better;
    copied = w.end;
    changed = true;
  }
  if (!changed) return {};
  out.append(req.query, copied, std::string::npos);
  // Only worth saying when the suggestion finds more.
  try {
    // Only counted: a phrase need not be weighed.
    BuildOptions count = req.build;
    count.rank_phrases = false;
    count.user_fields = field_names(set_.settings());
    const BuiltQuery again = build_query(out, count, analyzer_.get(), &db);
    Xapian::Enquire enquire(db);
    enquire.set_query(again.query);
    const Xapian::MSet mset =
        enquire.get_mset(0, 0, static_cast<Xapian::doccount>(total + 1));
    if (mset.get_matches_estimated() <= total) return {};
  } catch (const UsageError&) {
    return {};
  }
  return out;
}

namespace {

// What --stats counts in `db` (one part, or all of them as one).
DatabaseStats describe(const Xapian::Database& db,
                       const IndexSettings& settings) {
  DatabaseStats s;
  s.documents = db.get_doccount();
  for (auto t = db.allterms_begin(); t != db.allterms_end(); ++t) ++s.terms;
  s.average_length = db.get_avlength();
  for (const UserField& f : settings.fields) {
    s.fields.emplace_back(f.name, f.key);
  }
  s.dated = db.get_value_freq(kSlotDate);
  if (s.dated > 0) {
    // The bounds Xapian keeps per slot are exact for a database that has
    // only been added to, and bounds otherwise: read the extremes instead.
    std::string lo, hi;
    for (auto v = db.valuestream_begin(kSlotDate);
         v != db.valuestream_end(kSlotDate); ++v) {
      const std::string& d = *v;
      if (lo.empty() || d < lo) lo = d;
      if (hi.empty() || d > hi) hi = d;
    }
    s.first_date = day_of(lo);
    s.last_date = day_of(hi);
  }
  std::map<std::string, std::size_t> sources;
  for (auto v = db.valuestream_begin(kSlotSource);
       v != db.valuestream_end(kSlotSource); ++v) {
    ++sources[*v];
  }
  std::vector<FacetValue> all;
  for (const auto& [v, n] : sources) all.push_back({v, n});
  s.sources = top_values(std::move(all), sources.size(), false);
  s.schema_version = kSchemaVersion;
  s.language = settings.analyzer.language;
  s.analyzer_version = kAnalyzerVersion;
  s.title_weight = settings.title_weight;
  for (auto w = db.spellings_begin(); w != db.spellings_end(); ++w) {
    ++s.spelling_words;
  }
  return s;
}

// The bytes of every file under `path` (a database folder), or of `path`.
std::uint64_t size_on_disk(const std::string& path) {
  namespace fs = std::filesystem;
  std::error_code ec;
  std::uint64_t bytes = 0;
  if (fs::is_directory(path, ec)) {
    for (auto it = fs::recursive_directory_iterator(path, ec);
         !ec && it != fs::recursive_directory_iterator(); it.increment(ec)) {
      if (it->is_regular_file(ec)) bytes += it->file_size(ec);
    }
  } else if (fs::is_regular_file(path, ec)) {
    bytes = fs::file_size(path, ec);
  }
  return bytes;
}

}  // namespace

DatabaseStats Searcher::stats() {
  // Counted once over all parts, as searches see them (distinct terms and
  // spellings, the average length), then part by part.
  DatabaseStats total = describe(set_.db(), set_.settings());
  total.path = set_.name();
  std::vector<std::string> versions;  // the lede versions that wrote them
  for (const DatabaseSet::Part& part : set_.parts()) {
    DatabaseStats s = set_.parts().size() == 1
                          ? total
                          : describe(part.opened.db, part.opened.settings);
    s.path = part.name;
    s.written_by = part.opened.db.get_metadata(std::string(meta::kVersion));
    s.size_bytes = size_on_disk(part.name);
    total.size_bytes += s.size_bytes;
    if (!s.written_by.empty() &&
        std::find(versions.begin(), versions.end(), s.written_by) ==
            versions.end()) {
      versions.push_back(s.written_by);
      if (!total.written_by.empty()) total.written_by += ", ";
      total.written_by += s.written_by;
    }
    total.parts.push_back(std::move(s));
  }
  return total;
}

}  // namespace lede::query
