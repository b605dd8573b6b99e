#pragma once
// The layout of a lede database, defined once: term prefixes, value slots,
// the document data, and the metadata keys. No other file spells a prefix,
// a slot number or a metadata key; they all come from here.
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
// (*) when the document's field has two words or more: a phrase or NEAR
//     cannot match one word, so one word needs no position.
//
// Values: see Slot. Document data: see encode_document_data().
#include <xapian.h>

#include <cstdint>
#include <memory>
#include <optional>
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
inline constexpr int kSchemaVersion = 7;

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
  kSlotAuthor = 3,    // author as given, for facets
  kSlotTags = 4,      // tags as given, joined by kListSeparator, for facets
  kSlotYear = 5,      // "YYYY", for facets
  kSlotMonth = 6,     // "YYYY-MM", for facets
  // 7: unused (schema 1 kept the file path here; see prefix::kFile)
  kSlotCollapse = 8,  // xxh64 (8 bytes) of the normalised title
                      // terms + "|" + day, or + "|" + the first
                      // kCollapseOpeningWords body terms when undated:
                      // equal for near-duplicates
};

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
// + the 16 hex digits of an XFILE term -> the file's absolute path ("-").
inline constexpr std::string_view kFilePrefix = "lede.file.";
// + a decimal number N -> zstd dictionary N for document data (see
// DataDictionary).
inline constexpr std::string_view kDataDictionaryPrefix = "lede.dict.";
}  // namespace meta

// One news article, as the indexer's parsers produce it and as lede-query
// prints it. Everything lede-query shows is stored in the database, so
// results never depend on the files still being where they were.
struct Article {
  std::string id;      // unique: the input's id, else path relative to root
  std::string title;
  std::string body;    // plain text, the text snippets are cut from
  std::string author;
  std::string source;
  std::string url;
  std::string date;      // normalised ISO 8601 ("2024-03-05T14:30:00Z" or
                         // "2024-03-05"), empty when unknown or unparsed
  std::string date_raw;  // the date as the input wrote it
  std::vector<std::string> tags;
  std::string path;    // the file it came from, as the user named it
  std::uint64_t line = 0;  // line in that file for JSON Lines, else 0

  bool operator==(const Article&) const = default;
};

// The document data: a compact JSON object with the keys
//   id title text author source url date date_raw tags path line
// (text is the body; absent values are omitted). This is what the database
// stores until it has a dictionary; then DataDictionary::compress() of it.
std::string encode_document_data(const Article& article);

// Parses what encode_document_data() wrote. Throws lede::Error when the data
// is not a lede document, or is compressed (read that with DataReader).
Article decode_document_data(std::string_view data);

// Document data compressed with a zstd dictionary trained on the
// database's own documents: JSON keys, paths, sources and the common words
// of the corpus are in the dictionary, so each document stores little more
// than what is particular to it (measured on Reuters: 12.3 MB of data as
// zlib'd JSON, 8.3 MB compressed with a 64 KiB dictionary trained on the
// first MB). Stored form: kCompressedData, the dictionary's number N as an
// unsigned LEB128, then a zstd frame (without dictionary id). Dictionary N
// is in the metadata under meta::kDataDictionaryPrefix + N.
//
// Thread safety: one thread at a time (it keeps zstd contexts).
inline constexpr char kCompressedData = '\x01';
inline constexpr std::size_t kDataDictionaryBytes = 64 * 1024;

class DataDictionary {
 public:
  // `bytes` as train() returned them.
  DataDictionary(unsigned number, std::string bytes);
  ~DataDictionary();
  DataDictionary(const DataDictionary&) = delete;
  DataDictionary& operator=(const DataDictionary&) = delete;

  // A dictionary of at most kDataDictionaryBytes trained on `samples`
  // (encode_document_data() output); empty when zstd cannot train one
  // (too few or too small samples).
  [[nodiscard]] static std::string train(
      const std::vector<std::string>& samples);

  [[nodiscard]] unsigned number() const { return number_; }
  [[nodiscard]] const std::string& bytes() const { return bytes_; }
  // The metadata key it is stored under.
  [[nodiscard]] std::string key() const { return key_for(number_); }
  // The metadata key of dictionary `number`.
  [[nodiscard]] static std::string key_for(unsigned number);

  // The stored form of `data` (encode_document_data() output).
  [[nodiscard]] std::string compress(std::string_view data);

  // The JSON of a stored form that compress() of this dictionary wrote.
  // Throws lede::Error when it is damaged.
  [[nodiscard]] std::string decompress(std::string_view stored);

 private:
  struct Zstd;
  unsigned number_;
  std::string bytes_;
  std::unique_ptr<Zstd> zstd_;
};

// Reads the stored document data of one database, plain or compressed with
// one of its dictionaries (each loaded from the metadata when first needed).
// Thread safety: one thread at a time.
class DataReader {
 public:
  DataReader();  // plain data only
  explicit DataReader(const Xapian::Database& db);
  ~DataReader();
  DataReader(DataReader&&) noexcept;
  DataReader& operator=(DataReader&&) noexcept;

  // The article stored as `data`. Throws lede::Error when the data is not a
  // lede document or names a dictionary the database does not have.
  [[nodiscard]] Article decode(std::string_view data) const;

 private:
  struct State;
  std::unique_ptr<State> state_;
};

// "2024-03-05T14:30:00Z" -> "20240305143000"; "2024-03-05" ->
// "20240305000000"; empty when `iso` is not a normalised date.
std::string date_value(std::string_view iso);

// The host of an http(s) URL, lower-cased, without "www."; empty if none.
std::string url_host(std::string_view url);

}  // namespace lede
