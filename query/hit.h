#pragma once
// What a search returns, as plain data: the seam between the searcher
// (which knows Xapian) and the printers (which know output formats).
// Nothing here refers to Xapian.
#include <cstddef>
#include <cstdint>
#include <string>
#include <vector>

#include "common/article.h"
#include "common/snippet.h"

namespace lede::query {

// One part of a hit's score, for --explain: a query term (or a group that
// Xapian weights as one, such as an expanded wildcard) and its BM25 weight
// in this document. The parts of a hit add up to its score.
struct TermContribution {
  std::string term;          // the Xapian term ("Zpatient", "Stitl"), or
                             // the description of a group
  double weight = 0;         // its share of the score
  std::uint64_t wdf = 0;     // occurrences in the document (0 for groups)
  std::uint64_t termfreq = 0;  // documents containing it (0 for groups)
  double idf = 0;            // BM25's inverse document frequency factor
  double factor = 1;         // query-side scaling (e.g. a title boost)
};

struct Hit {
  std::size_t rank = 0;   // 1-based, counting --offset
  double score = 0;       // BM25 weight (0 when sorted by date alone)
  Article article;        // as stored (body is the snippet source)
  Snippet title;          // the title with its matches highlighted
  std::vector<Snippet> snippets;
  std::size_t collapsed = 0;  // --collapse: other copies folded into this
  std::uint64_t doc_length = 0;  // for --explain: the document's length
  std::vector<TermContribution> explain;  // --explain only
};

// --show: one stored article, its title and the paragraphs of its text
// with the query's matches highlighted.
struct Paragraph {
  std::size_t number = 0;  // 1-based, in the whole text
  Snippet text;            // whitespace collapsed, matches highlighted
};

struct Story {
  Article article;          // as stored, its fields read from their slots
  std::string database;     // the database it is in, when several are
  Snippet title;            // the title with its matches highlighted
  std::vector<Paragraph> paragraphs;  // all, or those --context keeps
  std::size_t paragraph_count = 0;    // in the whole text
};

struct FacetValue {
  std::string value;
  std::size_t count = 0;
};

struct Facet {
  std::string name;  // "source", "author", "year", "month", "tag"
  std::vector<FacetValue> values;  // most frequent first (year and month:
                                   // chronological)
};

struct SearchSummary {
  std::string qid;             // --batch: the query's id; else empty
  std::string query;           // as the user typed it
  std::size_t total = 0;       // matching documents (after --collapse)
  bool total_exact = true;     // false when `total` is Xapian's estimate
  bool time_limited = false;   // counting stopped at --time-limit: `total`
                               // an estimate, facet counts partial
  std::size_t offset = 0;      // --offset
  double seconds = 0;          // time spent searching and building snippets
  std::string suggestion;      // "did you mean" query, or empty
  std::vector<Facet> facets;   // --facet, in the order asked
  std::string parsed;          // --show-query: the parsed query
  std::string xapian_query;    // --show-query: Xapian's description
  // What could not be done as asked and how it was done instead (over a
  // remote part: DatabaseSet::remote()), one line each.
  std::vector<std::string> notes;
};

// What --stats reports about a database: all its parts as one, with
// each part's own figures in `parts` (one entry for a single database).
struct DatabaseStats {
  std::string path;                 // as given ("a.db + b.db" for several)
  std::uint64_t documents = 0;
  std::uint64_t terms = 0;          // distinct terms, all prefixes
  double average_length = 0;        // words per document
  std::string first_date;           // "YYYY-MM-DD", empty when no dates
  std::string last_date;
  std::uint64_t dated = 0;          // documents with a date
  std::vector<FacetValue> sources;  // every source, most documents first
  int schema_version = 0;
  std::string language;             // stemmer, or "none"
  int analyzer_version = 0;
  unsigned title_weight = 0;
  // The fields it defines (lede-index --field NAME=KEY): name and key.
  std::vector<std::pair<std::string, std::string>> fields;
  std::string written_by;           // lede version that created it (the
                                    // versions, ", "-separated, for several)
  std::uint64_t spelling_words = 0; // words in the spelling table
  std::uint64_t size_bytes = 0;     // all files under the database directory
  std::vector<DatabaseStats> parts;  // each database searched (no parts)
};

}  // namespace lede::query
