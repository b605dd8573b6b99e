#pragma once
// Text that is safe to show. Nothing a document, a file name, a database
// path or a query holds may drive the terminal (ESC sequences that retitle
// the window, clear the screen or plant OSC 8 links; the C1 controls that
// some terminals obey as ESC) or make text display other than it reads
// (bidirectional overrides and isolates). lede-index and lede-query share
// one definition of what is unsafe and three treatments of it:
//   terminal_safe()         drops it: document text shown to people
//                           (titles, snippets, sources, authors)
//   escaped()               shows it as an escape: names a person or a
//                           script must be able to tell apart (paths, ids,
//                           database paths, queries echoed in messages,
//                           every diagnostic on standard error)
//   json_escape_controls()  JSON text with it as \uHHHH escapes
// man/lede.7 (TERMINAL SAFETY) describes this for users.
#include <string>
#include <string_view>

namespace lede {

// Whether `cp` never reaches a terminal as it is: the C0 controls (tab, LF
// and CR included) and DEL, the C1 controls U+0080 to U+009F, the line and
// paragraph separators U+2028 and U+2029, and the bidirectional controls
// U+061C, U+200E, U+200F, U+202A to U+202E and U+2066 to U+2069.
[[nodiscard]] bool is_unsafe_code_point(char32_t cp);

// `text` with every unsafe code point removed, except that tab, CR and LF
// become a space; ill-formed UTF-8 becomes U+FFFD.
[[nodiscard]] std::string terminal_safe(std::string_view text);

// Whether escaped(text) differs from `text`: it holds an unsafe code point
// or a byte that is not well-formed UTF-8.
[[nodiscard]] bool needs_escaping(std::string_view text);

// `text` with each unsafe code point and each ill-formed UTF-8 byte written
// as a visible escape: \t \n \r, \xHH for the other C0 controls, DEL and
// ill-formed bytes, \uHHHH for the rest (C1 controls, separators, bidi
// controls). When anything is escaped, every backslash is doubled as well,
// so that the original bytes can be recovered; text that needs no escaping
// comes back unchanged. The result is one line, safe for a terminal.
[[nodiscard]] std::string escaped(std::string_view text);

// `json`, JSON text in UTF-8 (as nlohmann's dump() writes it: C0 controls
// already escaped), with the unsafe code points that JSON allows raw inside
// strings (DEL, C1 controls, U+2028, U+2029, the bidi controls) written as
// \uHHHH. The JSON value is unchanged: these can only occur inside strings.
[[nodiscard]] std::string json_escape_controls(std::string json);

// Terminal cells a code point takes: CJK wide and full-width forms two,
// combining marks and other zero-width characters none.
[[nodiscard]] int display_width(char32_t cp);

// Terminal cells `text` takes, not counting SGR sequences (ESC [ ... m, the
// colours lede-query writes itself).
[[nodiscard]] std::size_t display_width(std::string_view text);

// `text` (one line, terminal_safe, maybe with SGR colour sequences) broken
// at spaces into lines of at most `width` cells, each after the first
// starting with `indent`; the first line already holds `start` cells (what
// the caller wrote before it, usually the indentation). A word longer than
// a line is left whole on a line of its own; runs of spaces become one.
// `width` 0: `text` unchanged. A line has room for 10 cells at least.
[[nodiscard]] std::string wrap_words(std::string_view text, std::size_t width,
                                     std::string_view indent,
                                     std::size_t start);

}  // namespace lede
