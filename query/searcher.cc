#include "query/searcher.h"

#include <chrono>

#include "common/error.h"
#include "common/query_build.h"

namespace lede::query {

Searcher::Searcher(const std::string& db_path)
    : opened_(open_for_reading(db_path)),
      analyzer_(std::make_unique<Analyzer>(opened_.settings.analyzer)) {}

Searcher::~Searcher() = default;

SearchResult Searcher::search(const SearchRequest& req) {
  const auto start = std::chrono::steady_clock::now();
  BuildOptions build;
  const BuiltQuery built =
      build_query(req.query, build, analyzer_.get(), &opened_.db);
  const Xapian::Query& query = built.query;
  const std::vector<HighlightTerm>& highlights = built.highlights;

  Xapian::Enquire enquire(opened_.db);
  enquire.set_query(query);
  enquire.set_weighting_scheme(Xapian::BM25Weight(1.2, 0, 1, 0.75, 0.5));
  enquire.set_docid_order(Xapian::Enquire::ASCENDING);
  const Xapian::MSet mset = enquire.get_mset(
      static_cast<Xapian::doccount>(req.offset),
      static_cast<Xapian::doccount>(req.limit));

  SearchResult result;
  result.summary.query = req.query;
  result.summary.total = mset.get_matches_estimated();
  result.summary.total_exact =
      mset.get_matches_lower_bound() == mset.get_matches_upper_bound();
  std::size_t rank = req.offset;
  for (auto it = mset.begin(); it != mset.end(); ++it) {
    Hit hit;
    hit.rank = ++rank;
    hit.score = it.get_weight();
    hit.article = decode_document_data(it.get_document().get_data());
    hit.title = highlight_all(hit.article.title, highlights, analyzer_.get());
    hit.snippets = make_snippets(hit.article.body, highlights, req.snippets,
                                 analyzer_.get());
    result.hits.push_back(std::move(hit));
  }
  result.summary.seconds = std::chrono::duration<double>(
                               std::chrono::steady_clock::now() - start)
                               .count();
  return result;
}

}  // namespace lede::query
