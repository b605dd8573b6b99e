#pragma once
// Reading one input's bytes: a file (decompressing gzip) or standard input,
// with a size cap, and the check that what was read is text. Problems are
// returned as values, never thrown; nothing here parses or prints.
#include <cstdint>
#include <istream>
#include <string>
#include <string_view>

namespace lede::indexer {

inline constexpr std::uint64_t kDefaultMaxFileSize = 64ull << 20;  // 64 MiB

// How many bytes of content are looked at for NUL bytes.
inline constexpr std::size_t kBinarySniffSize = 8192;

struct ReadOutcome {
  std::string bytes;  // the (decompressed, UTF-8 or unchecked) content
  std::string error;  // empty on success, else one of:
                      //   "cannot read: <strerror, lower case>"
                      //   "is a directory", "not a regular file"
                      //   "larger than --max-file-size (64 MiB)"
                      //   "decompressed size exceeds --max-file-size (64 MiB)"
                      //   "not valid gzip data: <zlib's reason>"
                      //   "not valid gzip data: truncated"
                      //   "not valid UTF-16: ..."
  // A NUL byte in the first kBinarySniffSize bytes: the caller decides,
  // by format, whether that makes it binary (binary_error()).
  bool nul_byte = false;
  bool gzip = false;  // the input was gzip-compressed
  std::string encoding;  // "UTF-16LE"/"UTF-16BE" when transcoded, else ""
};

// Reads the file `path` whole. It is gunzipped when its name ends in ".gz"
// or its first bytes are gzip's magic (1f 8b); several gzip members one
// after another (as `cat a.gz b.gz` makes) are all read, and bytes after
// the last member are ignored, as gzip(1) does. `max_size` caps both the
// file and the decompressed content: inflating stops past the cap.
// After decompression, content starting with a UTF-16 byte-order mark is
// transcoded to UTF-8; otherwise a NUL byte in the first kBinarySniffSize
// bytes sets nul_byte (see binary_error()). UTF-8 validity is not checked
// here (the parsers repair and count it). A FIFO or device is refused
// without opening it for reading ("not a regular file"), so this never
// blocks.
[[nodiscard]] ReadOutcome read_input(const std::string& path,
                                     std::uint64_t max_size);

// The same for a whole stream (standard input for "-"): gzip is recognised
// by its magic bytes only; `max_size` caps what is read and what it
// decompresses to.
[[nodiscard]] ReadOutcome read_stream(std::istream& in, std::uint64_t max_size);

// The same checks for bytes already in memory; `gz_name` says the name
// ended in ".gz" (then data that is not gzip is an error).
[[nodiscard]] ReadOutcome decode_input(std::string raw, bool gz_name,
                                       std::uint64_t max_size);

// "binary file (not text)" when `read` saw a NUL byte early and the input
// is read as a whole (`by_line` false), else "". JSON Lines are judged line
// by line: there a NUL is one bad line, and the other records go in.
[[nodiscard]] std::string binary_error(const ReadOutcome& read, bool by_line);

// Converts `bytes` in the character set `charset` (any name ICU knows:
// "windows-1252", "ISO-8859-15", "Shift_JIS", "UTF-16LE" ...) to UTF-8.
// Bytes invalid in that charset become U+FFFD. Returns false, leaving *out
// alone, when ICU does not know the charset.
bool transcode_to_utf8(std::string_view bytes, const std::string& charset,
                       std::string* out);

// "64 MiB", "512 KiB", "1000 bytes": sizes as the messages print them.
[[nodiscard]] std::string format_size(std::uint64_t bytes);

// Parses a size for --max-file-size: a number of bytes with an optional
// suffix K, KB, KiB, M, MB, MiB, G, GB or GiB (case-insensitive, all
// powers of 1024), e.g. "64M", "500k", "1GiB", "1048576". Throws
// lede::UsageError for anything else, for 0, and for more than 16 EiB.
[[nodiscard]] std::uint64_t parse_size(std::string_view text);

}  // namespace lede::indexer
