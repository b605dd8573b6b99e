// common/safe_text.h: what never reaches a terminal raw, dropped from
// document text, escaped in names and messages, \u-escaped in JSON.
#include "common/safe_text.h"

#include <gtest/gtest.h>
#include <nlohmann/json.hpp>

#include <string>
#include <string_view>
#include <utility>
#include <vector>

namespace lede {
namespace {

// One of each kind of unsafe character, as UTF-8.
const std::pair<const char*, const char*> kUnsafe[] = {
    {"\x1b", "ESC"},         {"\x07", "BEL"},
    {"\x7f", "DEL"},         {"\xC2\x9B", "U+009B CSI"},
    {"\xC2\x9D", "U+009D OSC"}, {"\xE2\x80\xA8", "U+2028"},
    {"\xE2\x80\xAE", "U+202E RLO"}, {"\xE2\x81\xA6", "U+2066 LRI"},
    {"\xD8\x9C", "U+061C ALM"}, {"\xE2\x80\x8F", "U+200F RLM"},
};

TEST(TerminalSafe, KeepsTextDropsControls) {
  const std::pair<std::string, std::string> table[] = {
      {"plain ASCII", "plain ASCII"},
      {"caf\xC3\xA9 \xE6\x95\xB0\xE6\x8D\xAE", "caf\xC3\xA9 \xE6\x95\xB0\xE6\x8D\xAE"},
      {"tab\there\nnewline\rcr", "tab here newline cr"},
      {"esc\x1b[31mred", "esc[31mred"},
      {"bell\x07", "bell"},
      {"c1 \xC2\x9B" "31m", "c1 31m"},
      {"del\x7f", "del"},
      {"bidi \xE2\x80\xAE" "abc \xE2\x81\xA6" "x", "bidi abc x"},
      {"bad \xFF byte", "bad \xEF\xBF\xBD byte"},
      {"line\xE2\x80\xA8sep", "linesep"},
  };
  for (const auto& [in, want] : table) EXPECT_EQ(terminal_safe(in), want) << in;
}

TEST(Escaped, NamesThatNeedNothingAreUnchanged) {
  for (const char* s : {"", "sample_corpus/2019/a.txt", "C:\\dir\\x.txt",
                        "caf\xC3\xA9/\xE6\x95\xB0.md", "\xEF\xBF\xBD"}) {
    EXPECT_FALSE(needs_escaping(s)) << s;
    EXPECT_EQ(escaped(s), s);
  }
}

TEST(Escaped, ControlsBecomeVisibleEscapes) {
  const std::pair<std::string, std::string> table[] = {
      {"d/x\x1b]0;PWNED\x07.txt", "d/x\\x1b]0;PWNED\\x07.txt"},
      {"a\tb\nc\rd", "a\\tb\\nc\\rd"},
      {"del\x7f", "del\\x7f"},
      {"c1 \xC2\x9B" "2J", "c1 \\u009b2J"},
      {"rlo \xE2\x80\xAE" "txt.exe", "rlo \\u202etxt.exe"},
      {"bad \xFF\xFE", "bad \\xff\\xfe"},
      // Once anything is escaped, backslashes are too: reversible.
      {"a\\b\x1b", "a\\\\b\\x1b"},
  };
  for (const auto& [in, want] : table) {
    EXPECT_TRUE(needs_escaping(in)) << in;
    EXPECT_EQ(escaped(in), want) << in;
  }
}

TEST(Escaped, NoUnsafeCharacterSurvives) {
  for (const auto& [c, name] : kUnsafe) {
    const std::string out = escaped(std::string("x") + c + "y");
    EXPECT_EQ(terminal_safe(out), out) << name << ": " << out;
    EXPECT_EQ(out.find(c), std::string::npos) << name;
  }
}

TEST(JsonEscapeControls, SameValueNoRawControls) {
  for (const auto& [c, name] : kUnsafe) {
    const std::string value = std::string("before ") + c + " after";
    const std::string text = json_escape_controls(
        nlohmann::json(value).dump(-1, ' ', false,
                                   nlohmann::json::error_handler_t::replace));
    EXPECT_EQ(text.find(c), std::string::npos) << name << ": " << text;
    EXPECT_EQ(nlohmann::json::parse(text).get<std::string>(), value) << name;
  }
  EXPECT_EQ(json_escape_controls("{\"a\":\"caf\xC3\xA9 \xE2\x80\x94\"}"),
            "{\"a\":\"caf\xC3\xA9 \xE2\x80\x94\"}");
  EXPECT_EQ(json_escape_controls("\"\xC2\x9B\""), "\"\\u009b\"");
}

TEST(DisplayWidth, WideCharactersTwoCellsMarksNoneColoursNone) {
  EXPECT_EQ(display_width(std::string_view("abc")), 3u);
  EXPECT_EQ(display_width(std::string_view("\xE5\x8C\x97\xE4\xBA\xAC")), 4u);  // 北京
  EXPECT_EQ(display_width(std::string_view("e\xCC\x81")), 1u);  // e + U+0301
  EXPECT_EQ(display_width(std::string_view("\xEF\xBC\xA1")), 2u);  // U+FF21
  EXPECT_EQ(display_width(std::string_view("\x1b[1;31moil\x1b[0m")), 3u);
  EXPECT_EQ(display_width(std::string_view("\xE2\x80\xA6")), 1u);  // …
}

// The lines of `wrapped` as a terminal shows them: the first after
// `indent`, which the caller wrote.
std::vector<std::string> shown_lines(const std::string& wrapped,
                                     const std::string& indent) {
  std::vector<std::string> lines;
  std::string line = indent;
  for (const char c : wrapped) {
    if (c == '\n') {
      lines.push_back(line);
      line.clear();
    } else {
      line += c;
    }
  }
  lines.push_back(line);
  return lines;
}

std::string without_spaces(std::string_view text) {
  std::string out;
  for (const char c : text) {
    if (c != ' ' && c != '\n') out += c;
  }
  return out;
}

TEST(WrapWords, LinesFitTheWidthUnderTheIndentation) {
  const std::string text =
      "The oil price collapse of 1986 put development of a vast petroleum "
      "resource -- heavy and extra heavy oils -- on hold. But as oil prices "
      "increase the long-term outlook improves.";
  for (const std::size_t width : {20u, 33u, 40u, 80u}) {
    const std::string wrapped = wrap_words(text, width, "   ", 3);
    const auto lines = shown_lines(wrapped, "   ");
    ASSERT_GT(lines.size(), 1u) << width;
    for (const std::string& l : lines) {
      EXPECT_LE(display_width(std::string_view(l)), width) << width << ": " << l;
      EXPECT_TRUE(l.starts_with("   ")) << l;
      EXPECT_NE(l[3], ' ') << l;  // no space after the indentation
      EXPECT_FALSE(l.ends_with(" ")) << l;
    }
    // Every word kept, in order: only spaces became line breaks.
    EXPECT_EQ(without_spaces(wrapped), without_spaces(text)) << width;
  }
  // Lines as full as they can be: the next word would not have fitted.
  const auto lines = shown_lines(wrap_words(text, 40, "   ", 3), "   ");
  for (std::size_t i = 0; i + 1 < lines.size(); ++i) {
    const std::string next = lines[i + 1].substr(3, lines[i + 1].find(' ', 3) - 3);
    EXPECT_GT(display_width(std::string_view(lines[i])) + 1 + next.size(), 40u)
        << lines[i];
  }
}

// A title after "12. " (4 cells) wraps under the 3-space indentation.
TEST(WrapWords, TheFirstLineCountsWhatIsAlreadyOnIt) {
  const std::string text = "aaaa bbbb cccc dddd eeee ffff";
  EXPECT_EQ(wrap_words(text, 17, "   ", 3), "aaaa bbbb cccc\n   dddd eeee ffff");
  EXPECT_EQ(wrap_words(text, 17, "   ", 4), "aaaa bbbb\n   cccc dddd eeee\n   ffff");
}

TEST(WrapWords, ShortTextAndWidthZeroUnchanged) {
  EXPECT_EQ(wrap_words("a short line", 80, "   ", 3), "a short line");
  const std::string long_line(300, 'x');
  EXPECT_EQ(wrap_words(long_line + " y", 0, "   ", 3), long_line + " y");
  EXPECT_EQ(wrap_words("", 80, "   ", 3), "");
}

TEST(WrapWords, WideCharactersCountTwoCells) {
  // Ten words of two CJK characters: 4 cells each, 5 with the space.
  std::string text;
  for (int i = 0; i < 10; ++i) {
    if (i > 0) text += ' ';
    text += "\xE5\x8C\x97\xE4\xBA\xAC";  // 北京
  }
  // 22 cells - 2 of indentation = 20: four words (19 cells) per line.
  const auto lines = shown_lines(wrap_words(text, 22, "  ", 2), "  ");
  ASSERT_EQ(lines.size(), 3u);
  EXPECT_EQ(display_width(std::string_view(lines[0])), 21u);
  for (const std::string& l : lines) {
    EXPECT_LE(display_width(std::string_view(l)), 22u) << l;
  }
}

TEST(WrapWords, ColourCodesTakeNoRoom) {
  const std::string red = "\x1b[1;31m";
  const std::string off = "\x1b[0m";
  std::string text;
  std::string plain;
  for (int i = 0; i < 12; ++i) {
    if (i > 0) {
      text += ' ';
      plain += ' ';
    }
    text += red + "oil" + off + "s";
    plain += "oils";
  }
  // Coloured, the text wraps exactly where the plain text does.
  const std::string wrapped = wrap_words(text, 30, "   ", 3);
  std::string uncoloured = wrapped;
  for (const std::string& code : {red, off}) {
    for (std::size_t at = uncoloured.find(code); at != std::string::npos;
         at = uncoloured.find(code)) {
      uncoloured.erase(at, code.size());
    }
  }
  EXPECT_EQ(uncoloured, wrap_words(plain, 30, "   ", 3));
  EXPECT_NE(uncoloured.find('\n'), std::string::npos);
}

TEST(WrapWords, AWordLongerThanALineStandsAlone) {
  const std::string url = "https://example.test/" + std::string(60, 'a');
  const auto lines =
      shown_lines(wrap_words("see " + url + " for more", 40, "   ", 3), "   ");
  ASSERT_EQ(lines.size(), 3u);
  EXPECT_EQ(lines[0], "   see");
  EXPECT_EQ(lines[1], "   " + url);  // whole, not cut
  EXPECT_EQ(lines[2], "   for more");
}

}  // namespace
}  // namespace lede
