#include <ostream>

#include "common/utf8.h"
#include "query/printer.h"

namespace lede::query {

namespace {

constexpr const char* kHighlightOn = "\x1b[1;31m";
constexpr const char* kHighlightOff = "\x1b[0m";
constexpr const char* kTitleOn = "\x1b[1m";

class TextPrinter : public Printer {
 public:
  TextPrinter(std::ostream& out, TextStyle style) : out_(out), style_(style) {}

  void begin(const SearchSummary&) override {}

  void hit(const Hit& h) override {
    const Article& a = h.article;
    out_ << h.rank << ". ";
    if (!h.title.text.empty()) {
      write_highlighted(h.title, style_.color ? kTitleOn : nullptr);
    } else {
      out_ << terminal_safe(a.path.empty() ? a.id : a.path);
    }
    out_ << "\n";
    std::string meta;
    for (const std::string* part : {&a.source, &a.date, &a.author}) {
      if (part->empty()) continue;
      if (!meta.empty()) meta += " \xC2\xB7 ";  // ·
      meta += terminal_safe(*part);
    }
    if (!meta.empty()) out_ << "   " << meta << "\n";
    const std::string& where = !a.path.empty() ? a.path : a.url;
    if (!where.empty()) {
      out_ << "   " << terminal_safe(where);
      if (a.line != 0) out_ << ":" << a.line;
      out_ << "\n";
    }
    for (const Snippet& s : h.snippets) {
      out_ << "   ";
      write_highlighted(s, nullptr);
      out_ << "\n";
    }
    out_ << "\n";
  }

  void end(const SearchSummary&) override {}

 private:
  // Highlights in colour, or with [brackets] when colour is off, so that
  // the matches show in a pipe too.
  void write_highlighted(const Snippet& s, const char* base) {
    std::size_t at = 0;
    if (base != nullptr) out_ << base;
    for (const ByteRange& r : s.highlights) {
      out_ << terminal_safe(std::string_view(s.text).substr(at, r.begin - at));
      const std::string word =
          terminal_safe(std::string_view(s.text).substr(r.begin, r.end - r.begin));
      if (style_.color) {
        out_ << kHighlightOn << word << kHighlightOff;
        if (base != nullptr) out_ << base;
      } else {
        out_ << "[" << word << "]";
      }
      at = r.end;
    }
    out_ << terminal_safe(std::string_view(s.text).substr(at));
    if (base != nullptr) out_ << kHighlightOff;
  }

  std::ostream& out_;
  TextStyle style_;
};

}  // namespace

std::string terminal_safe(std::string_view text) {
  std::string out;
  out.reserve(text.size());
  const auto* p = reinterpret_cast<const unsigned char*>(text.data());
  std::size_t i = 0;
  while (i < text.size()) {
    char32_t cp = 0;
    std::size_t len = utf8::decode(p + i, text.size() - i, &cp);
    if (len == 0) {
      cp = 0xFFFD;
      len = 1;
    }
    if (cp == '\t' || cp == '\n' || cp == '\r') {
      out += ' ';
    } else if (cp < 0x20 || cp == 0x7F || (cp >= 0x80 && cp < 0xA0) ||
               cp == 0x2028 || cp == 0x2029) {
      // Control characters, including ESC, never reach the terminal.
    } else if (cp == 0xFFFD) {
      utf8::append(&out, cp);
    } else {
      out.append(text.substr(i, len));
    }
    i += len;
  }
  return out;
}

std::unique_ptr<Printer> make_text_printer(std::ostream& out, TextStyle style) {
  return std::make_unique<TextPrinter>(out, style);
}

}  // namespace lede::query
