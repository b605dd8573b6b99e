#pragma once
// Article -> Xapian::Document: the terms (through common/terms.h), the
// values (common/schema.h) and the stored data (common/document_data.h).
// Pure: no database, so it runs on worker threads while one thread writes.
#include <xapian.h>

#include <functional>
#include <string>
#include <string_view>

#include "common/analyzer.h"
#include "common/article.h"
#include "common/index_meta.h"
#include "common/schema.h"
#include "indexer/index_writer.h"

namespace lede::indexer {

// The content hash stored in kSlotHash: xxh64 over every field of the
// article, as hash_bytes() writes it. Two runs over the same input give the
// same hash.
std::string content_hash(const Article& article);

// The shard (0 .. shards-1) that holds the document with unique term
// `id_term` in a database of `shards` shards: xxh64 (seed 0) of the term,
// modulo `shards`. Stable across runs, builds and machines (never
// std::hash), so that an update or a delete reaches the shard holding the
// old version.
[[nodiscard]] unsigned shard_of(std::string_view id_term, unsigned shards);

// xxh64 of `text` as 8 bytes, most significant first (values compare as
// the numbers do; half the size of hash_hex()).
std::string hash_bytes(std::string_view text);

// Whether a title or body word goes into the spelling table: a plain word
// (TokenKind::kWord) of letters only (no digits or dots; an inner
// apostrophe is a letter here, so that "dont" can become "don't"), 3 to 32
// bytes long. Numbers, CJK words, compounds and oddities would only make
// "did you mean" worse.
[[nodiscard]] bool is_spelling_word(const Token& token);

// The body is analysed in pieces of about this many bytes.
inline constexpr std::size_t kAnalysisPiece = 256 << 10;

// A document stops taking terms from its body once it has this many
// (unprefixed and stemmed terms together). Xapian holds some 650 bytes for
// each distinct term of a document until the batch is committed, so a
// body of unique made-up words (16 MB of them: 1.4 GB) would otherwise
// take memory far beyond its size; real text stays far below (all the
// stories of Reuters-21578 on one line, 50 MB, have 116,000).
inline constexpr Xapian::termcount kMaxDocumentTerms = 500000;

// What build_document() had to leave out.
struct BuildNotes {
  // Bytes at the end of the body not indexed (kMaxDocumentTerms); 0 when
  // all of it was. The body is stored whole either way.
  std::uint64_t unindexed_bytes = 0;
};

// Calls f(piece, whole) for consecutive pieces of `text`, in order, that
// together are `text` (until f returns false): the whole of it (whole =
// true) when it is at most kAnalysisPiece bytes, else pieces of about that
// size (whole = false), each ending after ASCII white space, which no
// token crosses (Analyzer::analyze), so that analysing the pieces one
// after another gives exactly the tokens of the whole. Text with no white space for more
// than twice kAnalysisPiece is cut at a character boundary instead (a word
// there may be split in two). Nothing for empty text.
void for_each_piece(std::string_view text,
                    const std::function<bool(std::string_view, bool)>& f);

// Builds the document for `article`. `article.date` must already be
// normalised (or empty), and `article.path` a file key (file_key()): its
// XFILE term is file_term(article.path). `stats` counts invalid UTF-8 and dropped tokens.
// When `spelling` is given, every title and body word that
// is_spelling_word() adds one to its count there. `notes`, when given,
// says what was left out. The body is analysed a piece at a time
// (for_each_piece()), so that its tokens are never all in memory at once.
// REQUIRES: analyzer built from settings.analyzer.
Xapian::Document build_document(const Article& article,
                                const IndexSettings& settings,
                                Analyzer* analyzer, AnalysisStats* stats,
                                WordCounts* spelling = nullptr,
                                BuildNotes* notes = nullptr);

}  // namespace lede::indexer
