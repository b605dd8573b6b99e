#include "indexer/data_compressor.h"

namespace lede::indexer {

DataCompressor::DataCompressor(unsigned first, unsigned stride)
    : next_number_(first), stride_(stride) {}

DataCompressor::DataCompressor(const Xapian::Database& db, unsigned first,
                               unsigned stride)
    : next_number_(first), stride_(stride) {
  // Dictionaries are numbered from `first` by `stride` without gaps: the
  // newest is the one before the first number that has none.
  std::string newest;
  for (;;) {
    std::string bytes = db.get_metadata(DataDictionary::key_for(next_number_));
    if (bytes.empty()) break;
    newest = std::move(bytes);
    next_number_ += stride_;
  }
  if (!newest.empty()) {
    dict_ = std::make_unique<DataDictionary>(next_number_ - stride_,
                                             std::move(newest));
    return;
  }
  for (auto d = db.postlist_begin(""); d != db.postlist_end("") &&
                                       sample_bytes_ < kTrainBytes;
       ++d) {
    std::string data = db.get_document(*d).get_data();
    if (!data.empty() && data[0] != kCompressedData) {
      add_sample(std::move(data));
    }
  }
}

void DataCompressor::add_sample(std::string data) {
  sample_bytes_ += data.size();
  samples_.push_back(std::move(data));
}

std::optional<DataCompressor::NewDictionary> DataCompressor::compress(
    Xapian::Document* doc) {
  std::optional<NewDictionary> trained;
  if (!dict_) {
    if (untrainable_) return trained;
    add_sample(doc->get_data());
    if (sample_bytes_ < kTrainBytes) return trained;
    std::string bytes = DataDictionary::train(samples_);
    samples_ = {};
    if (bytes.empty()) {
      untrainable_ = true;
      return trained;
    }
    dict_ = std::make_unique<DataDictionary>(next_number_, std::move(bytes));
    next_number_ += stride_;
    trained.emplace(dict_->key(), dict_->bytes());
  }
  set_stored_data(doc, dict_->compress(doc->get_data()));
  return trained;
}

}  // namespace lede::indexer
