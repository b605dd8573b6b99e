#include "indexer/input_reader.h"

#include <fcntl.h>
#include <sys/stat.h>
#include <unicode/ucnv.h>
#include <unistd.h>
#include <zlib.h>

#include <algorithm>
#include <cerrno>
#include <cstring>
#include <limits>

#include "common/error.h"
#include "indexer/text_util.h"

namespace lede::indexer {

namespace {

bool has_gzip_magic(std::string_view s) {
  return s.size() >= 2 && static_cast<unsigned char>(s[0]) == 0x1f &&
         static_cast<unsigned char>(s[1]) == 0x8b;
}

bool ends_with_gz(std::string_view name) {
  if (name.size() < 3) return false;
  const std::string_view t = name.substr(name.size() - 3);
  return t[0] == '.' && (t[1] == 'g' || t[1] == 'G') &&
         (t[2] == 'z' || t[2] == 'Z');
}

// Inflates the gzip members in `in` into *out, stopping past `max_size`.
// Returns "" or the error message.
std::string gunzip(std::string_view in, std::uint64_t max_size,
                   std::string* out) {
  z_stream zs{};
  if (inflateInit2(&zs, 16 + MAX_WBITS) != Z_OK) {
    return "not valid gzip data: zlib could not start";
  }
  std::string error;
  std::size_t consumed = 0;  // bytes of `in` handed to zlib so far
  constexpr std::size_t kChunk = 1 << 18;
  constexpr std::size_t kMaxFeed = 1u << 30;  // avail_in is 32 bits
  out->clear();
  for (;;) {
    if (zs.avail_in == 0 && consumed < in.size()) {
      const std::size_t n = std::min(kMaxFeed, in.size() - consumed);
      zs.next_in =
          reinterpret_cast<Bytef*>(const_cast<char*>(in.data() + consumed));
      zs.avail_in = static_cast<uInt>(n);
      consumed += n;
    }
    const std::size_t had = out->size();
    out->resize(had + kChunk);
    zs.next_out = reinterpret_cast<Bytef*>(out->data() + had);
    zs.avail_out = static_cast<uInt>(kChunk);
    const int rc = inflate(&zs, Z_NO_FLUSH);
    out->resize(had + (kChunk - zs.avail_out));
    if (out->size() > max_size) {
      error = "decompressed size exceeds --max-file-size (" +
              format_size(max_size) + ")";
      break;
    }
    if (rc == Z_STREAM_END) {
      const std::size_t left = zs.avail_in + (in.size() - consumed);
      const std::string_view rest = in.substr(in.size() - left);
      if (has_gzip_magic(rest)) {  // another member follows
        inflateReset(&zs);
        continue;
      }
      break;  // anything else after the last member is ignored
    }
    if (rc == Z_OK) continue;
    if (rc == Z_BUF_ERROR && zs.avail_in == 0 && consumed == in.size()) {
      error = "not valid gzip data: truncated";
      break;
    }
    if (rc == Z_BUF_ERROR) continue;  // needs more output room
    error = std::string("not valid gzip data: ") +
            (zs.msg != nullptr ? zs.msg : "corrupt stream");
    break;
  }
  inflateEnd(&zs);
  if (!error.empty()) out->clear();
  return error;
}

}  // namespace

bool transcode_to_utf8(std::string_view bytes, const std::string& charset,
                       std::string* out) {
  UErrorCode status = U_ZERO_ERROR;
  UConverter* conv = ucnv_open(charset.c_str(), &status);
  if (U_FAILURE(status) || conv == nullptr) return false;
  ucnv_close(conv);
  if (bytes.empty()) {
    out->clear();
    return true;
  }
  status = U_ZERO_ERROR;
  const int32_t len = static_cast<int32_t>(std::min<std::size_t>(
      bytes.size(), std::numeric_limits<int32_t>::max() / 4));
  std::string result;
  // UTF-8 needs at most 3 bytes per UTF-16 unit; a source byte gives at
  // most one unit, so 3 bytes per source byte always suffice.
  result.resize(static_cast<std::size_t>(len) * 3 + 4);
  const int32_t n = ucnv_convert("UTF-8", charset.c_str(), result.data(),
                                 static_cast<int32_t>(result.size()),
                                 bytes.data(), len, &status);
  if (U_FAILURE(status)) return false;
  result.resize(static_cast<std::size_t>(n));
  *out = std::move(result);
  return true;
}

ReadOutcome decode_input(std::string raw, bool gz_name,
                         std::uint64_t max_size) {
  ReadOutcome r;
  if (raw.size() > max_size) {
    r.error = "larger than --max-file-size (" + format_size(max_size) + ")";
    return r;
  }
  if (has_gzip_magic(raw)) {
    r.gzip = true;
    r.error = gunzip(raw, max_size, &r.bytes);
    if (!r.error.empty()) return r;
  } else if (gz_name) {
    r.error = "not valid gzip data: no gzip header";
    return r;
  } else {
    r.bytes = std::move(raw);
  }
  const std::string_view b = r.bytes;
  const bool le = b.size() >= 2 && static_cast<unsigned char>(b[0]) == 0xFF &&
                  static_cast<unsigned char>(b[1]) == 0xFE;
  const bool be = b.size() >= 2 && static_cast<unsigned char>(b[0]) == 0xFE &&
                  static_cast<unsigned char>(b[1]) == 0xFF;
  if (le || be) {
    r.encoding = le ? "UTF-16LE" : "UTF-16BE";
    std::string utf8;
    if (!transcode_to_utf8(b.substr(2), r.encoding, &utf8)) {
      r.bytes.clear();
      r.error = "not valid UTF-16: cannot convert";
      return r;
    }
    r.bytes = std::move(utf8);
    return r;
  }
  r.nul_byte =
      b.substr(0, kBinarySniffSize).find('\0') != std::string_view::npos;
  return r;
}

std::string binary_error(const ReadOutcome& read, bool by_line) {
  return read.nul_byte && !by_line ? "binary file (not text)" : "";
}

ReadOutcome read_stream(std::istream& in, std::uint64_t max_size) {
  std::string raw;
  char buf[1 << 16];
  while (in.read(buf, sizeof buf) || in.gcount() > 0) {
    raw.append(buf, static_cast<std::size_t>(in.gcount()));
    if (raw.size() > max_size) {
      ReadOutcome r;
      r.error = "larger than --max-file-size (" + format_size(max_size) + ")";
      return r;
    }
  }
  if (in.bad()) {
    ReadOutcome r;
    r.error = "cannot read: input/output error";
    return r;
  }
  return decode_input(std::move(raw), false, max_size);
}

ReadOutcome read_input(const std::string& path, std::uint64_t max_size) {
  ReadOutcome r;
  // O_NONBLOCK: opening a FIFO must not wait for a writer; fstat then
  // refuses it.
  const int fd =
      ::open(path.c_str(), O_RDONLY | O_CLOEXEC | O_NOCTTY | O_NONBLOCK);
  if (fd < 0) {
    r.error = "cannot read: " + errno_message(errno);
    return r;
  }
  struct stat st {};
  if (::fstat(fd, &st) != 0) {
    r.error = "cannot read: " + errno_message(errno);
    ::close(fd);
    return r;
  }
  if (S_ISDIR(st.st_mode)) {
    ::close(fd);
    r.error = "is a directory";
    return r;
  }
  if (!S_ISREG(st.st_mode)) {
    ::close(fd);
    r.error = "not a regular file";
    return r;
  }
  if (static_cast<std::uint64_t>(st.st_size) > max_size) {
    ::close(fd);
    r.error = "larger than --max-file-size (" + format_size(max_size) + ")";
    return r;
  }
  std::string raw;
  raw.resize(static_cast<std::size_t>(st.st_size));
  std::size_t got = 0;
  char extra[1 << 16];
  for (;;) {
    // Into the buffer sized by fstat, then (a file that grew, or one whose
    // size the kernel does not know) in pieces, within the cap.
    const bool tail = got >= raw.size();
    char* to = tail ? extra : raw.data() + got;
    const std::size_t room = tail ? sizeof extra : raw.size() - got;
    const ssize_t n = ::read(fd, to, room);
    if (n < 0) {
      if (errno == EINTR) continue;
      r.error = "cannot read: " + errno_message(errno);
      ::close(fd);
      return r;
    }
    if (n == 0) break;
    if (tail) {
      raw.resize(got);
      raw.append(extra, static_cast<std::size_t>(n));
    }
    got += static_cast<std::size_t>(n);
    if (got > max_size) break;
  }
  ::close(fd);
  raw.resize(got);
  return decode_input(std::move(raw), ends_with_gz(path), max_size);
}

std::string format_size(std::uint64_t bytes) {
  if (bytes >= (1ull << 30) && bytes % (1ull << 30) == 0) {
    return std::to_string(bytes >> 30) + " GiB";
  }
  if (bytes >= (1ull << 20) && bytes % (1ull << 20) == 0) {
    return std::to_string(bytes >> 20) + " MiB";
  }
  if (bytes >= (1ull << 10) && bytes % (1ull << 10) == 0) {
    return std::to_string(bytes >> 10) + " KiB";
  }
  return std::to_string(bytes) + (bytes == 1 ? " byte" : " bytes");
}

std::uint64_t parse_size(std::string_view text) {
  auto bad = [&]() {
    return UsageError("invalid size '" + std::string(text) +
                      "' (use bytes or a K, M or G suffix, e.g. 64M)");
  };
  std::size_t i = 0;
  std::uint64_t n = 0;
  while (i < text.size() && text[i] >= '0' && text[i] <= '9') {
    const std::uint64_t d = static_cast<std::uint64_t>(text[i] - '0');
    if (n > (std::numeric_limits<std::uint64_t>::max() - d) / 10) throw bad();
    n = n * 10 + d;
    ++i;
  }
  if (i == 0) throw bad();
  std::string suffix;
  for (; i < text.size(); ++i) {
    const char c = text[i];
    suffix += static_cast<char>(c >= 'A' && c <= 'Z' ? c - 'A' + 'a' : c);
  }
  unsigned shift = 0;
  if (suffix.empty() || suffix == "b") {
    shift = 0;
  } else if (suffix == "k" || suffix == "kb" || suffix == "kib") {
    shift = 10;
  } else if (suffix == "m" || suffix == "mb" || suffix == "mib") {
    shift = 20;
  } else if (suffix == "g" || suffix == "gb" || suffix == "gib") {
    shift = 30;
  } else {
    throw bad();
  }
  if (n == 0) {
    throw UsageError("invalid size '" + std::string(text) +
                     "' (must be more than 0)");
  }
  if (shift > 0 && n > (std::numeric_limits<std::uint64_t>::max() >> shift)) {
    throw bad();
  }
  return n << shift;
}

}  // namespace lede::indexer
