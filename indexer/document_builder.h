#pragma once
// Article -> Xapian::Document: the terms (through common/terms.h), the
// values and the stored data (through common/schema.h). Pure: no database,
// so it runs on worker threads while one thread writes.
#include <xapian.h>

#include "common/analyzer.h"
#include "common/index_meta.h"
#include "common/schema.h"

namespace lede::indexer {

// The content hash stored in kSlotHash: 16 hex digits of xxh64 over every
// field of the article. Two runs over the same input give the same hash.
std::string content_hash(const Article& article);

// The unique-id term of an article (prefix Q). Ids longer than Xapian's
// term limit are shortened with a hash, so they stay unique.
std::string id_term(const std::string& id);

// Builds the document for `article`. `article.date` must already be
// normalised (or empty). `stats` counts invalid UTF-8 and dropped tokens.
// REQUIRES: analyzer built from settings.analyzer.
Xapian::Document build_document(const Article& article,
                                const IndexSettings& settings,
                                Analyzer* analyzer, AnalysisStats* stats);

}  // namespace lede::indexer
