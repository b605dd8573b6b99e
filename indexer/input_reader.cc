#include "indexer/input_reader.h"

#include <cerrno>
#include <cstring>
#include <fstream>
#include <sstream>

namespace lede::indexer {

ReadOutcome read_stream(std::istream& in, std::uint64_t max_size) {
  ReadOutcome r;
  char buf[1 << 16];
  while (in.read(buf, sizeof buf) || in.gcount() > 0) {
    r.bytes.append(buf, static_cast<std::size_t>(in.gcount()));
    if (r.bytes.size() > max_size) {
      r.bytes.clear();
      r.error = "larger than --max-file-size";
      return r;
    }
  }
  return r;
}

ReadOutcome read_input(const std::string& path, std::uint64_t max_size) {
  std::ifstream in(path, std::ios::binary);
  if (!in) {
    ReadOutcome r;
    r.error = std::string("cannot read: ") + std::strerror(errno);
    return r;
  }
  return read_stream(in, max_size);
}

}  // namespace lede::indexer
