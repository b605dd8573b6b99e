// lede_bench_stored_bytes DB: the bytes of stored text in a lede database,
// for bench/index/run.py's size check: every document's stored data
// (common/document_data.h: compressed in value slot kSlotData, or plain
// in the document data) plus the zstd dictionaries in the metadata.
// Payload only, without the B-tree's own overhead for the items.
#include <xapian.h>

#include <iostream>

#include "common/document_data.h"

int main(int argc, char** argv) {
  if (argc != 2) {
    std::cerr << "usage: lede_bench_stored_bytes DB\n";
    return 2;
  }
  try {
    Xapian::Database db(argv[1]);
    unsigned long long bytes = 0;
    for (auto d = db.postlist_begin(""); d != db.postlist_end(""); ++d) {
      bytes += lede::stored_data(db.get_document(*d)).size();
    }
    for (unsigned n = 1;; ++n) {
      const std::string dict =
          db.get_metadata(lede::DataDictionary::key_for(n));
      if (dict.empty()) break;
      bytes += dict.size();
    }
    std::cout << bytes << "\n";
  } catch (const Xapian::Error& e) {
    std::cerr << "lede_bench_stored_bytes: " << e.get_description() << "\n";
    return 2;
  }
  return 0;
}
