#pragma once
// The printers: results in, bytes on a stream out. They never call Xapian
// and never decide what matched; the searcher hands them Hit structs.
#include <iosfwd>
#include <memory>

#include "query/hit.h"

namespace lede::query {

// A push interface in the manner of ripgrep's Sink: begin, one call per
// hit, end.
class Printer {
 public:
  virtual ~Printer() = default;
  virtual void begin(const SearchSummary& summary) = 0;
  virtual void hit(const Hit& hit) = 0;
  virtual void end(const SearchSummary& summary) = 0;
};

struct TextStyle {
  bool color = false;  // ANSI bold + colour for highlights
};

std::unique_ptr<Printer> make_text_printer(std::ostream& out, TextStyle style);
std::unique_ptr<Printer> make_jsonl_printer(std::ostream& out);

// Text with every control character and escape sequence removed, so that
// document text can never drive the terminal. Whitespace becomes a space.
std::string terminal_safe(std::string_view text);

}  // namespace lede::query
