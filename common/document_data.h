#pragma once
// The document data: how an Article is stored in a Xapian document's data,
// as compact JSON and, once the database has a dictionary, compressed with
// zstd. The codec, the dictionaries and the reader that finds a database's
// dictionaries live here, and this is the one schema file that includes
// Xapian (for DataReader). Term and slot layout: common/schema.h.
#include <xapian.h>

#include <cstddef>
#include <memory>
#include <string>
#include <string_view>
#include <vector>

#include "common/article.h"

namespace lede {

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
//
// Where it is kept: compressed data in value slot kSlotData, plain data in
// the Xapian document data. Glass deflates every document data item with
// zlib, which only costs time on a zstd frame (it cannot shrink it), once
// when the item is written and again at each compaction; the value slots
// are not deflated. Plain JSON, which zlib does shrink, stays where it is
// deflated.
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

// Stores `stored` (encode_document_data() output, or DataDictionary::
// compress() of it) in `doc`, where its form belongs (see above).
void set_stored_data(Xapian::Document* doc, std::string stored);

// The stored form that set_stored_data() kept in `doc`.
[[nodiscard]] std::string stored_data(const Xapian::Document& doc);

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
  // The article stored in `doc` (set_stored_data()).
  [[nodiscard]] Article decode(const Xapian::Document& doc) const;

 private:
  struct State;
  std::unique_ptr<State> state_;
};

}  // namespace lede
