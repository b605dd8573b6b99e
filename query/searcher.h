#pragma once
// Runs queries against a lede database and returns plain structs
// (query/hit.h): ranking, snippets, facets, spelling suggestions,
// explanations, database statistics. Xapian types stop here: printers never
// see them. No output here.
#include <cstddef>
#include <memory>
#include <string>
#include <vector>

#include "common/database_set.h"
#include "common/index_meta.h"
#include "common/query_build.h"
#include "common/snippet.h"
#include "query/hit.h"
#include "query/request.h"

namespace lede::query {

struct SearchResult {
  SearchSummary summary;
  std::vector<Hit> hits;
};

// Spelling suggestions ("did you mean", man/lede-query.1 --no-suggest):
// a word of the query is respelled as the nearest word of the database's
// spelling table (Xapian's get_spelling_suggestion: one edit, or two for an
// unknown word of kSuggestTwoEditsFrom characters or more) when that word
// starts with the same letter, has another stem, and is in the titles and
// bodies of at least kSuggestRatio times as many documents as the word
// (there or in the field searched; any number when the word is in none). A
// word the database knows must have kSuggestMinChars characters or more.
// The suggestion is made only when the respelled query matches more
// documents than the query.
inline constexpr double kSuggestRatio = 100;
inline constexpr std::size_t kSuggestMinChars = 4;
inline constexpr std::size_t kSuggestTwoEditsFrom = 6;

// Match counts (SearchSummary::total). Xapian counts every match up to
// SearchRequest::exact_count_up_to (kExactCountUpTo: on a corpus of
// Reuters' size that costs a few milliseconds at most) and estimates beyond,
// within the bounds it proves; --count and --facet count every match.
//
// With --collapse, Xapian folds copies by the collapse key (title and day)
// and lede then merges hits with the same URL, which it can only do for the
// hits it reads: it reads them all when at most kCollapseReadAhead follow
// the page (and always with --count), and the total is then exact; beyond,
// it is an estimate (Xapian's count, less the URL copies found).
inline constexpr std::size_t kCollapseReadAhead = 100;

// Thread safety: one Searcher per thread (it owns an Analyzer and a
// Xapian::Database, neither of which may be shared).
class Searcher {
 public:
  // Opens the databases at `db_paths` as one (common/database_set.h) and
  // builds the analyzer they were indexed with. Throws lede::Error with a
  // one-line message when it cannot.
  explicit Searcher(const std::vector<std::string>& db_paths);

  // Searches databases already opened (tests use in-memory ones). A
  // Searcher made this way never reopens them.
  explicit Searcher(DatabaseSet set);
  ~Searcher();
  Searcher(const Searcher&) = delete;
  Searcher& operator=(const Searcher&) = delete;

  // Runs one query. Throws lede::QuerySyntaxError / lede::UsageError for a
  // query that cannot be run as written, and lede::Error when the database
  // changed under the search five times in a row (each time it reopens the
  // database and starts again; so does opening it).
  SearchResult search(const SearchRequest& request);

  // --show: the articles whose id is request.id, in database order (one,
  // unless several databases hold it; none when no article has it), with
  // the query's words highlighted in the title and the paragraphs. Throws
  // as search() does for a query that cannot be read.
  std::vector<Story> show(const ShowRequest& request);

  // Describes the database (--stats).
  DatabaseStats stats();

  [[nodiscard]] const IndexSettings& settings() const {
    return set_.settings();
  }

 private:
  // Runs `once` (a read of the databases), reopening them and running it
  // again when they changed under it (see search()).
  template <typename F>
  auto retrying(F&& once) -> decltype(once());
  SearchResult search_once(const SearchRequest& request);
  std::vector<Story> show_once(const ShowRequest& request);
  // The articles --show ID names: those with that id, else those the
  // results show as that path (PATH, or PATH:LINE for a record).
  std::vector<std::pair<Xapian::docid, Article>> articles_named(
      const std::string& name);
  // A respelling of the query's words (`built.words`) that matches more
  // than `total` documents, or "" (see kSuggestRatio).
  std::string suggest(const SearchRequest& request, const BuiltQuery& built,
                      std::size_t total);
  // The better spelling of one word, or "" (see kSuggestRatio).
  std::string respell(const QueryWord& word);
  void reopen();

  DatabaseSet set_;
  std::vector<std::string> paths_;  // what reopen() opens
  bool reopenable_ = true;
  std::unique_ptr<Analyzer> analyzer_;
};

}  // namespace lede::query
