// common/safe_text.h: what never reaches a terminal raw, dropped from
// document text, escaped in names and messages, \u-escaped in JSON.
#include "common/safe_text.h"

#include <gtest/gtest.h>
#include <nlohmann/json.hpp>

#include <string>
#include <utility>

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

}  // namespace
}  // namespace lede
