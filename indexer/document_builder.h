#pragma once
// Article -> Xapian::Document: the terms (through common/terms.h), the
// values (common/schema.h) and the stored data (common/document_data.h).
// Pure: no database, so it runs on worker threads while one thread writes.
#include <xapian.h>

#include <string>

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

// The unique-id term of an article (prefix Q). Ids longer than Xapian's
// term limit are shortened with a hash, so they stay unique.
std::string id_term(const std::string& id);

// The key of a file: its real absolute path (symbolic links resolved,
// lexically normal), or "-" for standard input. Ids of documents without
// their own (the file's, PATH:LINE, PATH#N), the stored path and --prune
// all use it, so that a file has one key whatever folder or working
// directory it was indexed from.
std::string file_key(const std::string& path);

// 16 hex digits of xxh64 of `text`.
std::string hash_hex(std::string_view text);

// xxh64 of `text` as 8 bytes, most significant first (values compare as
// the numbers do; half the size of hash_hex()).
std::string hash_bytes(std::string_view text);

// The XFILE term of the file with key `key`: prefix::kFile + hash_hex(key).
// The writer stores meta::kFilePrefix + hash_hex(key) -> key.
std::string file_term(const std::string& key);

// Whether a title or body word goes into the spelling table: a plain word
// (TokenKind::kWord) of letters only (no digits or dots; an inner
// apostrophe is a letter here, so that "dont" can become "don't"), 3 to 32
// bytes long. Numbers, CJK words, compounds and oddities would only make
// "did you mean" worse.
[[nodiscard]] bool is_spelling_word(const Token& token);

// Builds the document for `article`. `article.date` must already be
// normalised (or empty), and `article.path` a file key (file_key()): its
// XFILE term is file_term(article.path). `stats` counts invalid UTF-8 and dropped tokens.
// When `spelling` is given, every title and body word that
// is_spelling_word() adds one to its count there.
// REQUIRES: analyzer built from settings.analyzer.
Xapian::Document build_document(const Article& article,
                                const IndexSettings& settings,
                                Analyzer* analyzer, AnalysisStats* stats,
                                WordCounts* spelling = nullptr);

}  // namespace lede::indexer
