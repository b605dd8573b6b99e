#pragma once
// The layout of a lede database, defined once: term prefixes, value slots,
// the metadata keys and the schema version. No other file spells a prefix,
// a slot number or a metadata key; they all come from here. Plain
// constants: nothing here includes Xapian (common/document_data.h holds
// the stored document data, common/article.h what it holds).
//
// Terms (Xapian's convention: a prefix is capital letters, a term after
// normalisation never starts with one):
//   ""     title and body words, positional    "partners"
//   Z      stems of title and body words, one   "Zpartner" (of "partners"
//          for every word                        and of "partner")
//   S      title words; positional only in      "Spartners"
//          documents with XTPOS (terms.h,
//          title_needs_positions())
//   ZS     stems of title words that differ     "ZSpartner" (of "partners";
//          from the word                         "partner" adds none)
//   A      author words, positional (*)         "Apearson"
//   XSRC   source words, positional (*)         "XSRCstat"
//   K      tag words, positional (*)            "Kradiology"
//   H      URL host and each parent domain      "Hstatnews.com"
//   Q      the unique id, exactly as given      "Qreuters-42"
//   D/M/Y  date: day, month, year               "D20240305" "M202403" "Y2024"
//   XTPOS  marker: this document's S terms have positions
//   XFILE  the file a document came from: 16 hex digits of xxh64 of its
//          absolute path ("-" for standard input); the path itself is in
//          the metadata under meta::kFilePrefix + those digits
//   X+NAME a field defined with --field NAME=KEY    "XPLACEusa"
//          (user_field_prefix()): its items' words,
//          unstemmed, positional (*), like K
// (*) when the document's field has two words or more: a phrase or NEAR
//     cannot match one word, so one word needs no position.
//
// Values: see Slot. Document data: see common/document_data.h.
#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

namespace lede {

// Bump when terms, slots or the data layout change incompatibly; lede-query
// refuses a database of another version with a message saying to rebuild.
// 2: the file of a document is an XFILE hash term plus one metadata entry
//    per file (no longer a value slot), the collapse key is a hash.
// 3: a stem term (Z, ZS) only where the stem differs from the word.
// 4: title terms (S) positional only where the title+body positions cannot
//    answer a title phrase (marker XTPOS); a field of one word (A, XSRC, K)
//    has no positions.
// 5: document data compressed with a zstd dictionary (DataDictionary).
// 6: the content hash and collapse key are 8 bytes, not 16 hex digits.
// 7: every title and body word has a Z stem term again (ZS stays as in 3),
//    so that a bare word is one term with an exact frequency for BM25.
// 8: CJK runs are indexed as character bigrams, with the dictionary words
//    that are not bigrams beside them (analyzer version 2).
// 9: ids made from the real absolute path (PATH, PATH:LINE, PATH#N;
//    "stdin:" + a content hash), the stored path absolute, the line in
//    the content hash.
// 10: a list of authors is indexed item by item (a gap between names) and
//    its author slot holds them joined by kListSeparator.
// 11: document data compressed with a dictionary is in value slot
//    kSlotData, not in the document data (which keeps plain data only).
// 12: fields of the database's own (lede-index --field NAME=KEY): X+NAME
//    terms, slots from kSlotFirstUserField, the list in meta::kFields
//    (a lede that does not know them would index without them).
// 13: a field of the database's own is read from text header lines and
//    front-matter keys too (a header line of its key no longer ends the
//    header block).
// 14: a byte of a name (path, id) that is not UTF-8 is kept in the document
//    data as \udcHH (surrogateescape), no longer replaced with U+FFFD.
inline constexpr int kSchemaVersion = 14;

namespace prefix {
inline constexpr std::string_view kStem = "Z";
inline constexpr std::string_view kTitle = "S";
inline constexpr std::string_view kAuthor = "A";
inline constexpr std::string_view kSource = "XSRC";
inline constexpr std::string_view kTag = "K";
inline constexpr std::string_view kHost = "H";
inline constexpr std::string_view kId = "Q";
inline constexpr std::string_view kDay = "D";
inline constexpr std::string_view kMonth = "M";
inline constexpr std::string_view kYear = "Y";
inline constexpr std::string_view kFile = "XFILE";
inline constexpr std::string_view kTitlePositions = "XTPOS";
}  // namespace prefix

// Value slots. Strings, compared bytewise.
enum Slot : unsigned {
  kSlotDate = 0,      // "YYYYMMDDhhmmss" in UTC (time 000000 when unknown)
  kSlotHash = 1,      // content hash, xxh64 of the article as 8 bytes
  kSlotSource = 2,    // source as given, for facets
  kSlotAuthor = 3,    // author as given, or the authors of a list joined
                      // by kListSeparator, for facets
  kSlotTags = 4,      // tags as given, joined by kListSeparator, for facets
  kSlotYear = 5,      // "YYYY", for facets
  kSlotMonth = 6,     // "YYYY-MM", for facets
  // 7: unused (schema 1 kept the file path here; see prefix::kFile)
  kSlotCollapse = 8,  // xxh64 (8 bytes) of the normalised title
                      // terms + "|" + day, or + "|" + the first
                      // kCollapseOpeningWords body terms when undated:
                      // equal for near-duplicates
  kSlotData = 9,      // the document data when compressed with a
                      // dictionary (common/document_data.h)
  // 32, 33, ...: the fields defined with --field, in the order of the
  // database's list (meta::kFields): their items as given, joined by
  // kListSeparator, for facets. Built-in slots stay below 32, so that a
  // new one does not move them.
  kSlotFirstUserField = 32,
};

// A field a database defines beyond the built-in ones (lede-index --field
// NAME=KEY with a NAME of its own): JSON key KEY, searched as `NAME:` and
// counted by --facet NAME.
struct UserField {
  std::string name;  // lower-case ASCII letters
  std::string key;   // the JSON key or pointer it is read from
  bool operator==(const UserField&) const = default;
};

// "X" + NAME in capitals: "place" -> "XPLACE". Terms after the prefix never
// start with a capital, and names are letters only, so no two fields'
// terms can be confused.
[[nodiscard]] std::string user_field_prefix(std::string_view name);

// Why `name` cannot name a user field ("" when it can): not 1 to 20
// lower-case ASCII letters, a built-in field or query field name (id,
// title, text, date, source, author, url, tags, tag, site, after, before,
// year, month), or one whose prefix another term uses (src, file, tpos).
[[nodiscard]] std::string user_field_name_problem(std::string_view name);

// The database's list of user fields <-> its metadata (meta::kFields):
// "NAME=KEY" lines.
[[nodiscard]] std::string serialize_user_fields(
    const std::vector<UserField>& fields);
// Returns false for a malformed value.
[[nodiscard]] bool parse_user_fields(std::string_view text,
                                     std::vector<UserField>* fields);

inline constexpr std::size_t kCollapseOpeningWords = 30;

inline constexpr char kListSeparator = '\x1f';

// Positions: the title's words start at 1, the body's at the title's end
// plus this gap, so that no phrase matches across the two.
inline constexpr std::uint32_t kBodyPositionGap = 100;

// Metadata keys (Xapian::Database::get_metadata).
namespace meta {
inline constexpr std::string_view kSchema = "lede.schema";
inline constexpr std::string_view kAnalyzer = "lede.analyzer";
inline constexpr std::string_view kTitleWeight = "lede.title_weight";
inline constexpr std::string_view kVersion = "lede.version";
// The number of shards of the database (indexer/database_dir.h), in
// decimal; absent: 1. Every shard stores the same number.
inline constexpr std::string_view kShards = "lede.shards";
// + the 16 hex digits of an XFILE term -> the file's absolute path ("-").
inline constexpr std::string_view kFilePrefix = "lede.file.";
// + a decimal number N -> zstd dictionary N for document data (see
// DataDictionary).
inline constexpr std::string_view kDataDictionaryPrefix = "lede.dict.";
// + the 16 hex digits of hash_hex(file key) -> what the last run that read
// that file skipped or failed in it (indexer/known_problems.h).
inline constexpr std::string_view kProblemsPrefix = "lede.problems.";
// The user fields (UserField), serialize_user_fields(); absent when none.
inline constexpr std::string_view kFields = "lede.fields";
}  // namespace meta

// "2024-03-05T14:30:00Z" -> "20240305143000"; "2024-03-05" ->
// "20240305000000"; empty when `iso` is not a normalised date.
std::string date_value(std::string_view iso);

// The host of an http(s) URL, lower-cased, without "www."; empty if none.
std::string url_host(std::string_view url);

// 16 hex digits of xxh64 (seed 0) of `text`.
[[nodiscard]] std::string hash_hex(std::string_view text);

// `prefix` + `value` as a term Xapian accepts: a value that would make it
// longer than 240 bytes is cut and ends with '#' and hash_hex(value), so
// that terms stay unique. The indexer and the query build exact terms
// (ids, hosts) with this, so a long id is found by what was indexed.
[[nodiscard]] std::string bounded_term(std::string_view prefix,
                                       std::string_view value);

// The unique-id term of an article: bounded_term(prefix::kId, id).
[[nodiscard]] std::string id_term(std::string_view id);

// The key of a file: its real absolute path (symbolic links resolved,
// lexically normal), or "-" for standard input. Ids of documents without
// their own (the file's, PATH:LINE, PATH#N), the stored path and --prune
// all use it, so that a file has one key whatever folder or working
// directory it was indexed from; lede-query --show finds a file by it.
[[nodiscard]] std::string file_key(const std::string& path);

// `name` as PATH:LINE (a record of JSON Lines, as ids and results show
// it): sets `path` to what is before the last ':' and returns LINE when
// what follows is digits; else sets `path` to `name` and returns 0.
[[nodiscard]] std::uint64_t split_record_line(std::string_view name,
                                              std::string_view* path);

// The XFILE term of the file with key `key` (file_key()):
// prefix::kFile + hash_hex(key).
// The writer stores meta::kFilePrefix + hash_hex(key) -> key.
[[nodiscard]] std::string file_term(std::string_view key);

}  // namespace lede
