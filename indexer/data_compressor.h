#pragma once
// The writer's side of compressed document data (common/document_data.h,
// DataDictionary): uses the database's newest dictionary, or, when it has
// none, keeps documents plain while it collects the first kTrainBytes of
// their data, trains a dictionary on them and compresses every document
// after that. The caller stores a new dictionary in the metadata no later
// than the commit that makes the first document compressed with it
// visible.
//
// No database writes here. Thread safety: one thread at a time.
#include <xapian.h>

#include <cstddef>
#include <memory>
#include <optional>
#include <string>
#include <utility>
#include <vector>

#include "common/document_data.h"

namespace lede::indexer {

// How much document data trains a dictionary: more gains little (Reuters:
// 1 MB of samples, 8.26 MB compressed; 5 MB, 8.23 MB).
inline constexpr std::size_t kTrainBytes = 1 << 20;

class DataCompressor {
 public:
  // Starts with `db`'s newest dictionary (they are numbered 1, 2, ...
  // without gaps); without one, with the data of
  // `db`'s first plain documents (up to kTrainBytes) as samples, so that a
  // database grown a little at a time gets a dictionary too.
  //
  // In a sharded database, shard K of N numbers its dictionaries K+1,
  // K+1+N, K+1+2N, ... (`first`, `stride`), so that dictionary numbers are
  // unique in the whole database and folding the shards into one
  // (compaction, which keeps one value per metadata key) keeps every
  // shard's dictionaries.
  explicit DataCompressor(const Xapian::Database& db, unsigned first = 1,
                          unsigned stride = 1);
  // A new, empty database: no dictionary yet, numbers start at `first`.
  explicit DataCompressor(unsigned first = 1, unsigned stride = 1);

  // A dictionary to store: metadata key and value.
  using NewDictionary = std::pair<std::string, std::string>;

  // Compresses `doc`'s data when there is a dictionary (set_stored_data():
  // the result goes to value slot kSlotData); otherwise keeps a
  // copy as a sample and, once the samples reach kTrainBytes, trains one
  // and compresses `doc` with it. Returns the dictionary just trained.
  std::optional<NewDictionary> compress(Xapian::Document* doc);

  [[nodiscard]] bool has_dictionary() const { return dict_ != nullptr; }

 private:
  void add_sample(std::string data);

  std::unique_ptr<DataDictionary> dict_;
  unsigned next_number_ = 1;
  unsigned stride_ = 1;
  std::vector<std::string> samples_;
  std::size_t sample_bytes_ = 0;
  bool untrainable_ = false;  // zstd could not train on the samples
};

}  // namespace lede::indexer
