#pragma once
// Ranking an exact phrase by how often it occurs. Xapian 1.4 weighs an
// OP_PHRASE as the sum of its words' weights, each by its own wdf, so a
// table that says "crude" 13 times and "crude oil" once outranks a story
// about crude oil that says it five times. Here the phrase is weighed as
// one term instead: BM25, exactly as Xapian's BM25Weight computes it for a
// term, with the phrase's frequency in the document as the wdf and the
// number of documents holding the phrase as the term frequency. The
// source that does it (a Xapian::PostingSource) also matches: it yields
// exactly the documents where the phrase occurs, read from the positions
// of its words, so no OP_PHRASE is needed beside it.
//
// Used by the query builder (common/query_build.h) for phrases in fields
// whose words have positions of their own (title and body together,
// author, source, tag); the searcher weighs everything else with
// bm25_weight() of the same parameters.
#include <xapian.h>

#include <string>
#include <vector>

#include "common/build_options.h"

namespace lede {

[[nodiscard]] Xapian::BM25Weight bm25_weight(const Bm25Params& params);

// What a query needs to rank its phrases by frequency: the database
// searched, the BM25 parameters of the search, and the database's title
// weight (an occurrence in the title counts that many times, as title
// words do).
struct PhraseRanking {
  const Xapian::Database* db = nullptr;
  Bm25Params params;
  Xapian::termcount title_weight = 1;
};

// Where a phrase's occurrences are in a document's title: positions below
// `end`, in documents that have the term `marker` (the title form of the
// phrase's first word: a document without it has no title occurrence, and
// one whose title holds the word has its body at `end` or later). Each
// counts `weight` times. The default counts nothing as title.
struct TitleSpan {
  std::string marker;
  Xapian::termpos end = 0;
  Xapian::termcount weight = 1;
};

// The statistics a phrase is weighed with, from the whole database
// searched (all of its shards).
struct PhraseStats {
  Xapian::doccount documents = 0;  // in the database
  double average_length = 0;       // Xapian's average document length
  Xapian::doccount termfreq = 0;   // documents holding the phrase
  bool exact = true;  // whether termfreq was counted, not estimated
};

// Counts the documents of `db` holding the phrase `terms` (consecutive
// positions, in order). The candidates are the postings of the rarest
// word; past `max_checked` of them (a phrase of very common words in a
// large database) the count is extrapolated from those checked, and
// `exact` is false.
inline constexpr Xapian::doccount kPhraseMaxChecked = 50000;
[[nodiscard]] PhraseStats phrase_stats(
    const Xapian::Database& db, const std::vector<std::string>& terms,
    Xapian::doccount max_checked = kPhraseMaxChecked);

// How often the phrase `terms` occurs in document `did` of `db`: the
// positions p where terms[i] is at p + i for every i, those before
// `title_end` counting `title_weight` times each (see TitleSpan; the
// caller has checked the marker). 0 when a word has no positions there.
// REQUIRES: terms.size() >= 2.
[[nodiscard]] Xapian::termcount phrase_frequency(
    const Xapian::Database& db, Xapian::docid did,
    const std::vector<std::string>& terms, Xapian::termpos title_end = 0,
    Xapian::termcount title_weight = 1);

// The query for the exact phrase `terms` (at least two), matching the
// documents that hold it and weighted as one term with BM25 `params`:
// wdf = phrase_frequency() with `title`'s occurrences weighted, term
// frequency = phrase_stats(db, terms), `wqf` as a term's within-query
// frequency. `position` is the query position of its first word (for the
// description only). The candidates are checked once, when the query is
// first run (a query built and not run costs nothing): over a database of
// one shard the match then reads where the phrase is from that pass
// instead of every candidate's positions again.
[[nodiscard]] Xapian::Query phrase_frequency_query(
    const std::vector<std::string>& terms, const Xapian::Database& db,
    const Bm25Params& params, Xapian::termcount wqf = 1,
    Xapian::termpos position = 1, const TitleSpan& title = {});

}  // namespace lede
