#pragma once
// Reading one input's bytes: a file (decompressing .gz) or standard input,
// with a size cap. Problems are returned, not thrown.
#include <cstdint>
#include <istream>
#include <string>

namespace lede::indexer {

inline constexpr std::uint64_t kDefaultMaxFileSize = 64ull << 20;  // 64 MiB

struct ReadOutcome {
  std::string bytes;  // the (decompressed) content
  std::string error;  // empty on success, else "cannot read: Permission
                      // denied", "larger than --max-file-size (64 MiB)",
                      // "not gzip data", "binary file" ...
};

// Reads `path` whole. A name ending in ".gz" (or gzip magic bytes) is
// decompressed; `max_size` caps the file and the decompressed size.
ReadOutcome read_input(const std::string& path, std::uint64_t max_size);

// Reads a whole stream (standard input for "-"), same cap and gzip rule.
ReadOutcome read_stream(std::istream& in, std::uint64_t max_size);

}  // namespace lede::indexer
