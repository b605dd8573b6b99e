#include "query/searcher.h"

#include <chrono>

#include "common/error.h"
#include "common/terms.h"

namespace lede::query {

namespace {

// Splits the query into bare words and "quoted phrases".
struct Literal {
  std::string text;
  bool quoted = false;
};

std::vector<Literal> split_query(const std::string& q) {
  std::vector<Literal> out;
  std::size_t i = 0;
  while (i < q.size()) {
    const char c = q[i];
    if (c == ' ' || c == '\t') {
      ++i;
      continue;
    }
    if (c == '"') {
      const auto close = q.find('"', i + 1);
      if (close == std::string::npos) {
        throw UsageError("unbalanced quote in query '" + q + "'");
      }
      out.push_back({q.substr(i + 1, close - i - 1), true});
      i = close + 1;
      continue;
    }
    const auto end = q.find_first_of(" \t\"", i);
    out.push_back({q.substr(i, end == std::string::npos ? q.npos : end - i),
                   false});
    i = end == std::string::npos ? q.size() : end;
  }
  return out;
}

}  // namespace

Searcher::Searcher(const std::string& db_path)
    : opened_(open_for_reading(db_path)),
      analyzer_(std::make_unique<Analyzer>(opened_.settings.analyzer)) {}

Searcher::~Searcher() = default;

SearchResult Searcher::search(const SearchRequest& req) {
  const auto start = std::chrono::steady_clock::now();
  std::vector<Xapian::Query> parts;
  std::vector<HighlightTerm> highlights;
  Xapian::termpos pos = 1;
  for (const Literal& lit : split_query(req.query)) {
    std::vector<Token> tokens;
    Xapian::Query q = literal_query(
        Field::kAll, lit.text, lit.quoted ? Match::kExact : Match::kStemmed,
        analyzer_.get(), pos, &tokens);
    if (q.empty()) continue;
    HighlightTerm h;
    for (const Token& t : tokens) {
      if (!t.is_compound()) h.words.push_back(t.term);
    }
    h.stemmed = !lit.quoted && h.words.size() == 1;
    highlights.push_back(std::move(h));
    parts.push_back(std::move(q));
    pos += static_cast<Xapian::termpos>(tokens.size());
  }
  if (parts.empty()) {
    throw UsageError("query '" + req.query + "' has no searchable words");
  }
  Xapian::Query query(Xapian::Query::OP_AND, parts.begin(), parts.end());

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
