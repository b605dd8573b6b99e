#pragma once
// What lede-query is asked to do, as plain data: the search request the
// searcher runs, the sort orders and facets it knows, and the output
// formats with the one table of what each shows. query/options.h fills
// these from the command line; the searcher, run and the printers read
// them. No CLI11 and no Xapian here.
#include <cstddef>
#include <string>
#include <vector>

#include "common/build_options.h"
#include "common/snippet.h"
#include "query/story.h"

namespace lede::query {

enum class SortOrder { kRelevance, kNewest, kOldest };

// One --facet: the value slot it counts.
enum class FacetKind { kSource, kAuthor, kYear, kMonth, kTag };

// A value of an enum and its name on the command line.
template <typename Enum>
struct Named {
  Enum value;
  const char* name;
};

inline constexpr Named<SortOrder> kSortOrders[] = {
    {SortOrder::kRelevance, "relevance"},
    {SortOrder::kNewest, "newest"},
    {SortOrder::kOldest, "oldest"},
};

// Also the facets' names in the output.
inline constexpr Named<FacetKind> kFacetKinds[] = {
    {FacetKind::kSource, "source"}, {FacetKind::kAuthor, "author"},
    {FacetKind::kYear, "year"},     {FacetKind::kMonth, "month"},
    {FacetKind::kTag, "tag"},
};

// "source", "author", "year", "month", "tag".
[[nodiscard]] const char* facet_name(FacetKind kind);

enum class Format { kText, kJson, kJsonl, kTsv, kPaths, kPaths0, kTrec };

// What one --format shows. Option checks (which options a format takes),
// run (what goes to stderr instead, what the searcher need not compute)
// and the printer factory (what a printer is told to show) all read this
// table, so a new format, or a format that learns to show more, is one row.
struct FormatInfo {
  Format format;
  const char* name;  // its --format value
  bool text;         // highlighted titles and snippets (the searcher cuts
                     // them only for these formats)
  bool facets;       // --facet counts
  bool explain;      // --explain's score breakdown
  bool query_echo;   // --show-query in the output (else on stderr)
  bool suggestion;   // "did you mean" in the output (else on stderr)
  bool stats;        // --stats in this format
};

inline constexpr FormatInfo kFormats[] = {
    // format         name      text   facets explain echo   suggest stats
    {Format::kText,   "text",   true,  true,  true,   true,  false,  true},
    {Format::kJson,   "json",   true,  true,  true,   true,  true,   true},
    {Format::kJsonl,  "jsonl",  true,  false, true,   false, false,  false},
    {Format::kTsv,    "tsv",    false, false, false,  false, false,  false},
    {Format::kPaths,  "paths",  false, false, false,  false, false,  false},
    {Format::kPaths0, "paths0", false, false, false,  false, false,  false},
    {Format::kTrec,   "trec",   false, false, false,  false, false,  false},
};

[[nodiscard]] const FormatInfo& format_info(Format format);

// The names of the formats that show `what` (&FormatInfo::facets:
// {"text", "json"}), in table order, for messages.
[[nodiscard]] std::vector<std::string> formats_showing(
    bool FormatInfo::*what);

// Counting the matches exactly costs milliseconds up to this many (see
// query/searcher.h).
inline constexpr std::size_t kExactCountUpTo = 100000;

// A query of at most this many distinct words (of letters: built.words in
// common/query_build.h) ranks with --short-b for its b.
inline constexpr std::size_t kShortQueryWords = 2;

// --proximity counts a query's neighbouring words at most this many
// positions apart in a document, in the query's order (1: side by side;
// query/proximity.h). Chosen on the training queries.
inline constexpr unsigned kProximityWindow = 3;

// One search, as the searcher runs it. Each field's default is lede-query's
// default for the option named beside it; nothing else repeats them.
struct SearchRequest {
  std::string query;  // the user's query text
  std::string qid;    // --batch: the query's id (copied to the summary)

  BuildOptions build;  // --plain, --or, --max-wildcard, --title-boost

  // Ranking.
  SortOrder sort = SortOrder::kRelevance;  // --sort
  double bm25_k1 = 1.2;                    // --bm25 K1,B
  double bm25_b = 0.75;
  // --short-b: the b of a query of at most kShortQueryWords distinct words
  // (a topic named in a word or two; see searcher.cc).
  double bm25_short_b = 0;
  bool collapse = false;  // --collapse: fold copies of one story
  bool explain = false;   // --explain: fill Hit::explain
  // --proximity: the weight of the query's words found close together in
  // the first --rescore hits of a relevance ranking (query/proximity.h),
  // 0 for none; queries of one word are never rescored.
  double proximity_weight = 0.075;
  std::size_t rescore_depth = 20;   // --rescore

  // What comes back.
  std::size_t limit = 10;         // --limit: at most this many hits
  std::size_t offset = 0;         // --offset: skip this many first
  SnippetOptions snippets;        // --snippets, --snippet-length
  std::vector<FacetKind> facets;  // --facet, in the order given
  // --facet NAME of a field the database defines (lede-index --field
  // NAME=KEY), in the order given; counted after the built-in ones. The
  // searcher checks the names against the database.
  std::vector<std::string> field_facets;
  std::size_t facet_limit = 10;   // --facet-limit: values per facet
  bool suggest = true;            // off with --no-suggest: look for a better
                                  // spelling when little matches
  bool show_query = false;        // --show-query: fill SearchSummary::parsed
                                  // and xapian_query
  // --time-limit: seconds after which Xapian stops counting matches beyond
  // the page (Enquire::set_time_limit); 0 for no limit.
  double time_limit = 10;

  // Set from the output (--count, the format's FormatInfo::text), not by
  // an option of their own.
  bool count_only = false;  // exact total, no hits
  bool want_text = true;    // highlight titles and cut snippets

  // The total is exact when at most this many documents match, and may be
  // an estimate beyond (query/searcher.h). Not an option: tests lower it.
  std::size_t exact_count_up_to = kExactCountUpTo;
};

// --show: the stored article with one id.
struct ShowRequest {
  std::string id;     // exactly as stored (Article::id)
  std::string query;  // its words highlighted; "" for none
  BuildOptions build;  // --plain, --or, --max-wildcard: how to read it
  // --context: only the paragraphs within this many of one that matches
  // the query (kAllParagraphs: all; without a query, all).
  std::size_t context = kAllParagraphs;
};

}  // namespace lede::query
