#pragma once
// Input formats: bytes of one file in, articles out. Pure functions, no
// I/O: the caller reads the file (and decompresses it) and reports what
// comes back. Every problem with one input is returned as a value, never
// thrown, so that one bad file or line never stops a run.
#include <cstdint>
#include <map>
#include <string>
#include <string_view>
#include <vector>

#include "common/schema.h"

namespace lede::indexer {

enum class Format { kAuto, kText, kMarkdown, kHtml, kJsonl };

// "text", "markdown", "html", "jsonl" (and "auto"). Throws
// lede::UsageError for another name.
Format parse_format_name(std::string_view name);
std::string_view format_name(Format format);

// The format of a file, from its name (extension, ignoring a final ".gz")
// and, when the name says nothing, from its first bytes.
Format detect_format(std::string_view path, std::string_view head);

// A problem with one input or one line of it.
struct Problem {
  std::uint64_t line = 0;  // 0 when it concerns the whole file
  std::string message;     // "not valid JSON: ...", "no text"
};

// Maps article fields to input keys for JSON inputs (--field title=headline).
// Keys not given here use the defaults listed in lede-index(1).
using FieldMap = std::map<std::string, std::string>;

struct Parsed {
  std::vector<Article> articles;
  std::vector<Problem> problems;
};

// Parses `bytes`, the content of the file `path`, as `format` (not kAuto).
// Articles get `path` as their path and, unless the input gives one, an id
// of `id_base` (the path relative to the indexed root) — plus ":LINE" for
// JSON Lines.
Parsed parse(std::string_view bytes, Format format, const std::string& path,
             const std::string& id_base, const FieldMap& fields = {});

}  // namespace lede::indexer
