#include "common/document_data.h"

#include <nlohmann/json.hpp>
#include <zdict.h>
#include <zstd.h>

#include <algorithm>
#include <cstdint>
#include <cstring>
#include <map>
#include <string>

#include "common/error.h"
#include "common/schema.h"
#include "common/utf8.h"

namespace lede {

namespace {

std::string get(const nlohmann::json& j, const char* key) {
  auto it = j.find(key);
  if (it == j.end() || !it->is_string()) return {};
  return it->get<std::string>();
}

// `s` as a JSON string: quotes, backslashes and control characters
// escaped, other bytes as they are. A byte that is not well-formed UTF-8
// (the parsers made text valid, but a file name need not be) is kept as
// \udcHH, a lone low surrogate, as Python's surrogateescape (PEP 383)
// writes it, so that a name comes back exactly as it was indexed.
void put_string(std::string* out, std::string_view s) {
  static const char kHex[] = "0123456789abcdef";
  out->push_back('"');
  const auto* p = reinterpret_cast<const unsigned char*>(s.data());
  const std::size_t n = s.size();
  std::size_t i = 0;
  while (i < n) {
    std::size_t j = i;
    while (j < n && p[j] >= 0x20 && p[j] < 0x80 && p[j] != '"' &&
           p[j] != '\\') {
      ++j;
    }
    out->append(s.substr(i, j - i));
    if (j == n) break;
    i = j;
    const unsigned char c = p[i];
    if (c >= 0x80) {
      char32_t cp = 0;
      const std::size_t len = utf8::decode(p + i, n - i, &cp);
      if (len == 0) {
        out->append("\\udc");
        out->push_back(kHex[c >> 4]);
        out->push_back(kHex[c & 0xF]);
        ++i;
      } else {
        out->append(s.substr(i, len));
        i += len;
      }
      continue;
    }
    out->push_back('\\');
    switch (c) {
      case '"': out->push_back('"'); break;
      case '\\': out->push_back('\\'); break;
      case '\b': out->push_back('b'); break;
      case '\f': out->push_back('f'); break;
      case '\n': out->push_back('n'); break;
      case '\r': out->push_back('r'); break;
      case '\t': out->push_back('t'); break;
      default:
        out->append("u00");
        out->push_back(kHex[c >> 4]);
        out->push_back(kHex[c & 0xF]);
    }
    ++i;
  }
  out->push_back('"');
}

class ObjectWriter {
 public:
  explicit ObjectWriter(std::string* out) : out_(out) { out_->push_back('{'); }
  ~ObjectWriter() { out_->push_back('}'); }
  void string(const char* key, const std::string& value) {
    if (value.empty()) return;
    this->key(key);
    put_string(out_, value);
  }
  void strings(const char* key, const std::vector<std::string>& values) {
    if (values.empty()) return;
    this->key(key);
    out_->push_back('[');
    for (std::size_t i = 0; i < values.size(); ++i) {
      if (i > 0) out_->push_back(',');
      put_string(out_, values[i]);
    }
    out_->push_back(']');
  }
  void number(const char* key, std::uint64_t value) {
    if (value == 0) return;
    this->key(key);
    *out_ += std::to_string(value);
  }

 private:
  void key(const char* k) {
    if (!first_) out_->push_back(',');
    first_ = false;
    put_string(out_, k);
    out_->push_back(':');
  }
  std::string* out_;
  bool first_ = true;
};

}  // namespace

std::string encode_document_data(const Article& a) {
  // Written directly (building a JSON tree cost 4% of indexing tweets);
  // keys in alphabetical order, as a JSON library's sorted object has them.
  std::string out;
  out.reserve(a.title.size() + a.body.size() + a.path.size() + 160);
  {
    ObjectWriter w(&out);
    w.string("author", a.author);
    w.string("date", a.date);
    w.string("date_raw", a.date_raw);
    w.string("id", a.id);
    w.number("line", a.line);
    w.string("path", a.path);
    w.string("source", a.source);
    w.strings("tags", a.tags);
    w.string("text", a.body);
    w.string("title", a.title);
    w.string("url", a.url);
  }
  return out;
}

namespace {

// A reader for exactly what encode_document_data() writes: one flat object
// whose values are strings, one array of strings ("tags") and one unsigned
// integer ("line"). lede-query decodes the data of every hit it shows, and
// this is several times cheaper than building a general JSON tree. Anything
// else makes it give up (return false), and the general parser decides.
class DocumentDataParser {
 public:
  explicit DocumentDataParser(std::string_view s) : s_(s) {}

  bool read(Article* a) {
    skip_space();
    if (!eat('{')) return false;
    skip_space();
    if (eat('}')) return at_end();
    std::string key;
    for (;;) {
      skip_space();
      if (!string(&key)) return false;
      skip_space();
      if (!eat(':')) return false;
      skip_space();
      if (key == "tags") {
        if (!tags(&a->tags)) return false;
      } else if (key == "line") {
        if (!number(&a->line)) return false;
      } else if (std::string* field = field_of(a, key)) {
        if (!string(field)) return false;
      } else {
        return false;  // a key this reader does not know: let nlohmann see
      }
      skip_space();
      if (eat('}')) return at_end();
      if (!eat(',')) return false;
    }
  }

 private:
  static std::string* field_of(Article* a, const std::string& key) {
    if (key == "id") return &a->id;
    if (key == "title") return &a->title;
    if (key == "text") return &a->body;
    if (key == "author") return &a->author;
    if (key == "source") return &a->source;
    if (key == "url") return &a->url;
    if (key == "date") return &a->date;
    if (key == "date_raw") return &a->date_raw;
    if (key == "path") return &a->path;
    return nullptr;
  }

  bool at_end() {
    skip_space();
    return i_ == s_.size();
  }
  // Where the first `c` at or after `from` is (s_.size() when none).
  std::size_t find(std::size_t from, char c) const {
    if (from >= s_.size()) return s_.size();
    const void* at = std::memchr(s_.data() + from, c, s_.size() - from);
    return at == nullptr ? s_.size()
                         : static_cast<std::size_t>(
                               static_cast<const char*>(at) - s_.data());
  }
  void skip_space() {
    while (i_ < s_.size() &&
           (s_[i_] == ' ' || s_[i_] == '\n' || s_[i_] == '\t' || s_[i_] == '\r')) {
      ++i_;
    }
  }
  bool eat(char c) {
    if (i_ < s_.size() && s_[i_] == c) {
      ++i_;
      return true;
    }
    return false;
  }
  static int hex(char c) {
    if (c >= '0' && c <= '9') return c - '0';
    if (c >= 'a' && c <= 'f') return c - 'a' + 10;
    if (c >= 'A' && c <= 'F') return c - 'A' + 10;
    return -1;
  }
  bool hex4(std::uint32_t* v) {
    if (i_ + 4 > s_.size()) return false;
    *v = 0;
    for (int k = 0; k < 4; ++k) {
      const int h = hex(s_[i_++]);
      if (h < 0) return false;
      *v = *v << 4 | static_cast<std::uint32_t>(h);
    }
    return true;
  }
  // A JSON string into *out (replacing it). Raw bytes are copied as they
  // are, and \udc80 to \udcff (put_string()'s ill-formed bytes) become
  // those bytes again.
  bool string(std::string* out) {
    if (!eat('"')) return false;
    out->clear();
    // The next quote and backslash (memchr: the text runs long between
    // them), each looked for again once passed.
    std::size_t quote = find(i_, '"');
    std::size_t slash = find(i_, '\\');
    for (;;) {
      if (quote < i_) quote = find(i_, '"');
      if (slash < i_) slash = find(i_, '\\');
      const std::size_t run = std::min(quote, slash);
      if (run == s_.size()) return false;
      out->append(s_.substr(i_, run - i_));
      i_ = run + 1;
      if (s_[run] == '"') return true;
      if (i_ >= s_.size()) return false;
      const char e = s_[i_++];
      switch (e) {
        case '"': out->push_back('"'); break;
        case '\\': out->push_back('\\'); break;
        case '/': out->push_back('/'); break;
        case 'b': out->push_back('\b'); break;
        case 'f': out->push_back('\f'); break;
        case 'n': out->push_back('\n'); break;
        case 'r': out->push_back('\r'); break;
        case 't': out->push_back('\t'); break;
        case 'u': {
          std::uint32_t cp = 0;
          if (!hex4(&cp)) return false;
          if (cp >= 0xD800 && cp < 0xDC00) {  // a surrogate pair
            std::uint32_t lo = 0;
            if (!eat('\\') || !eat('u') || !hex4(&lo) || lo < 0xDC00 ||
                lo >= 0xE000) {
              return false;
            }
            cp = 0x10000 + ((cp - 0xD800) << 10) + (lo - 0xDC00);
          } else if (cp >= 0xDC80 && cp < 0xDD00) {  // surrogateescape
            out->push_back(static_cast<char>(cp - 0xDC00));
            break;
          } else if (cp >= 0xDC00 && cp < 0xE000) {
            return false;
          }
          utf8::append(out, cp);
          break;
        }
        default:
          return false;
      }
    }
  }
  bool tags(std::vector<std::string>* out) {
    out->clear();
    if (!eat('[')) return false;
    skip_space();
    if (eat(']')) return true;
    for (;;) {
      skip_space();
      out->emplace_back();
      if (!string(&out->back())) return false;
      skip_space();
      if (eat(']')) return true;
      if (!eat(',')) return false;
    }
  }
  bool number(std::uint64_t* out) {
    const std::size_t start = i_;
    std::uint64_t v = 0;
    while (i_ < s_.size() && s_[i_] >= '0' && s_[i_] <= '9') {
      if (v > (UINT64_MAX - 9) / 10) return false;
      v = v * 10 + static_cast<std::uint64_t>(s_[i_++] - '0');
    }
    if (i_ == start || (i_ - start > 1 && s_[start] == '0')) return false;
    if (i_ < s_.size() && (s_[i_] == '.' || s_[i_] == 'e' || s_[i_] == 'E')) {
      return false;
    }
    *out = v;
    return true;
  }

  std::string_view s_;
  std::size_t i_ = 0;
};

}  // namespace

Article decode_document_data(std::string_view data) {
  if (!data.empty() && data[0] == kCompressedData) {
    throw Error("document data is compressed: read it with DataReader");
  }
  {
    Article a;
    if (DocumentDataParser(data).read(&a)) return a;
  }
  nlohmann::json j = nlohmann::json::parse(data, nullptr, false);
  if (j.is_discarded() || !j.is_object()) {
    throw Error("document data is not a lede document");
  }
  Article a;
  a.id = get(j, "id");
  a.title = get(j, "title");
  a.body = get(j, "text");
  a.author = get(j, "author");
  a.source = get(j, "source");
  a.url = get(j, "url");
  a.date = get(j, "date");
  a.date_raw = get(j, "date_raw");
  if (auto it = j.find("tags"); it != j.end() && it->is_array()) {
    for (const auto& t : *it) {
      if (t.is_string()) a.tags.push_back(t.get<std::string>());
    }
  }
  a.path = get(j, "path");
  if (auto it = j.find("line"); it != j.end() && it->is_number_unsigned()) {
    a.line = it->get<std::uint64_t>();
  }
  return a;
}

// --- compressed document data ----------------------------------------------

namespace {

// zstd's level 3 (its default) with a dictionary: within 4% of level 9 on
// Reuters and tweets, four times faster.
constexpr int kDataCompressionLevel = 3;

// No document data is larger than this uncompressed (lede-index reads at
// most --max-file-size per file); a frame that claims more is damaged.
constexpr unsigned long long kMaxDataBytes = 1ull << 30;

void put_leb128(std::string* out, unsigned v) {
  while (v >= 0x80) {
    out->push_back(static_cast<char>(0x80 | (v & 0x7F)));
    v >>= 7;
  }
  out->push_back(static_cast<char>(v));
}

// Reads the dictionary number after kCompressedData; *at is the offset of
// the frame after it. False when malformed.
bool get_number(std::string_view stored, unsigned* number, std::size_t* at) {
  unsigned v = 0;
  for (std::size_t i = 1, shift = 0; i < stored.size() && shift < 32;
       ++i, shift += 7) {
    const auto b = static_cast<unsigned char>(stored[i]);
    v |= static_cast<unsigned>(b & 0x7F) << shift;
    if ((b & 0x80) == 0) {
      *number = v;
      *at = i + 1;
      return true;
    }
  }
  return false;
}

[[noreturn]] void zstd_failed(const char* what, std::size_t code) {
  throw Error(std::string("document data: ") + what + ": " +
              ZSTD_getErrorName(code));
}

}  // namespace

struct DataDictionary::Zstd {
  ZSTD_CDict* cdict = nullptr;
  ZSTD_DDict* ddict = nullptr;
  ZSTD_CCtx* cctx = nullptr;
  ZSTD_DCtx* dctx = nullptr;
  ~Zstd() {
    ZSTD_freeCCtx(cctx);
    ZSTD_freeDCtx(dctx);
    ZSTD_freeCDict(cdict);
    ZSTD_freeDDict(ddict);
  }
};

DataDictionary::DataDictionary(unsigned number, std::string bytes)
    : number_(number), bytes_(std::move(bytes)),
      zstd_(std::make_unique<Zstd>()) {}

DataDictionary::~DataDictionary() = default;

std::string DataDictionary::train(const std::vector<std::string>& samples) {
  std::string joined;
  std::vector<std::size_t> sizes;
  sizes.reserve(samples.size());
  for (const std::string& s : samples) {
    joined += s;
    sizes.push_back(s.size());
  }
  std::string dict(kDataDictionaryBytes, '\0');
  const std::size_t n =
      ZDICT_trainFromBuffer(dict.data(), dict.size(), joined.data(),
                            sizes.data(), static_cast<unsigned>(sizes.size()));
  if (ZDICT_isError(n)) return {};
  dict.resize(n);
  return dict;
}

std::string DataDictionary::key_for(unsigned number) {
  return std::string(meta::kDataDictionaryPrefix) + std::to_string(number);
}

std::string DataDictionary::compress(std::string_view data) {
  Zstd& z = *zstd_;
  if (z.cctx == nullptr) {
    z.cdict = ZSTD_createCDict(bytes_.data(), bytes_.size(),
                               kDataCompressionLevel);
    z.cctx = ZSTD_createCCtx();
    if (z.cdict == nullptr || z.cctx == nullptr) {
      throw Error("document data: cannot set up zstd compression");
    }
    // The number in front says which dictionary; zstd's own id would
    // cost four more bytes a document.
    ZSTD_CCtx_setParameter(z.cctx, ZSTD_c_dictIDFlag, 0);
    ZSTD_CCtx_setParameter(z.cctx, ZSTD_c_checksumFlag, 0);
    ZSTD_CCtx_refCDict(z.cctx, z.cdict);
  }
  std::string out(1, kCompressedData);
  put_leb128(&out, number_);
  const std::size_t head = out.size();
  out.resize(head + ZSTD_compressBound(data.size()));
  const std::size_t n = ZSTD_compress2(z.cctx, out.data() + head,
                                       out.size() - head, data.data(),
                                       data.size());
  if (ZSTD_isError(n)) zstd_failed("compress", n);
  out.resize(head + n);
  return out;
}

std::string DataDictionary::decompress(std::string_view stored) {
  unsigned number = 0;
  std::size_t at = 0;
  if (stored.empty() || stored[0] != kCompressedData ||
      !get_number(stored, &number, &at) || number != number_) {
    throw Error("document data is damaged (bad header)");
  }
  const std::string_view frame = stored.substr(at);
  const unsigned long long size =
      ZSTD_getFrameContentSize(frame.data(), frame.size());
  if (size == ZSTD_CONTENTSIZE_ERROR || size == ZSTD_CONTENTSIZE_UNKNOWN ||
      size > kMaxDataBytes) {
    throw Error("document data is damaged (bad zstd frame)");
  }
  Zstd& z = *zstd_;
  if (z.dctx == nullptr) {
    z.ddict = ZSTD_createDDict(bytes_.data(), bytes_.size());
    z.dctx = ZSTD_createDCtx();
    if (z.ddict == nullptr || z.dctx == nullptr) {
      throw Error("document data: cannot set up zstd decompression");
    }
  }
  std::string out(static_cast<std::size_t>(size), '\0');
  const std::size_t n = ZSTD_decompress_usingDDict(
      z.dctx, out.data(), out.size(), frame.data(), frame.size(), z.ddict);
  if (ZSTD_isError(n)) zstd_failed("decompress", n);
  out.resize(n);
  return out;
}

struct DataReader::State {
  Xapian::Database db;
  std::map<unsigned, std::unique_ptr<DataDictionary>> dictionaries;
};

DataReader::DataReader() = default;
DataReader::DataReader(const Xapian::Database& db)
    : state_(std::make_unique<State>()) {
  state_->db = db;
}
DataReader::~DataReader() = default;
DataReader::DataReader(DataReader&&) noexcept = default;
DataReader& DataReader::operator=(DataReader&&) noexcept = default;

void set_stored_data(Xapian::Document* doc, std::string stored) {
  if (!stored.empty() && stored[0] == kCompressedData) {
    doc->add_value(kSlotData, std::move(stored));
    doc->set_data(std::string());
  } else {
    doc->add_value(kSlotData, std::string());  // (an empty value: none)
    doc->set_data(std::move(stored));
  }
}

std::string stored_data(const Xapian::Document& doc) {
  std::string v = doc.get_value(kSlotData);
  return v.empty() ? doc.get_data() : v;
}

Article DataReader::decode(const Xapian::Document& doc) const {
  return decode(stored_data(doc));
}

Article DataReader::decode(std::string_view data) const {
  if (data.empty() || data[0] != kCompressedData) {
    return decode_document_data(data);
  }
  unsigned number = 0;
  std::size_t at = 0;
  if (!get_number(data, &number, &at)) {
    throw Error("document data is damaged (bad header)");
  }
  if (!state_) {
    throw Error("document data is compressed with dictionary " +
                std::to_string(number) + " and no database was given");
  }
  auto it = state_->dictionaries.find(number);
  if (it == state_->dictionaries.end()) {
    std::string bytes = state_->db.get_metadata(DataDictionary::key_for(number));
    if (bytes.empty()) {
      throw Error("document data is compressed with dictionary " +
                  std::to_string(number) + ", which the database lacks");
    }
    it = state_->dictionaries
             .emplace(number, std::make_unique<DataDictionary>(
                                  number, std::move(bytes)))
             .first;
  }
  return decode_document_data(it->second->decompress(data));
}

}  // namespace lede
