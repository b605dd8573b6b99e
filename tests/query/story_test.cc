// --show's paragraphs (query/story.h): where a text's paragraphs begin and
// which of them --context keeps.
#include "query/story.h"

#include <gtest/gtest.h>

#include <string>
#include <vector>

namespace lede::query {
namespace {

std::vector<std::string> paragraphs(std::string_view text) {
  std::vector<std::string> out;
  for (const std::string_view p : paragraphs_of(text)) out.emplace_back(p);
  return out;
}

TEST(ParagraphsOf, BlankLinesSeparateParagraphs) {
  EXPECT_EQ(paragraphs("One line\nand its next.\n\n\nTwo.\n \t\nThree.\n"),
            (std::vector<std::string>{"One line\nand its next.", "Two.",
                                      "Three."}));
  EXPECT_EQ(paragraphs("\n\n  \nOnly one.  \n\n"),
            (std::vector<std::string>{"Only one."}));
  EXPECT_TRUE(paragraphs("").empty());
  EXPECT_TRUE(paragraphs(" \n\t\n").empty());
  EXPECT_EQ(paragraphs("No newline at all"),
            (std::vector<std::string>{"No newline at all"}));
}

// Reuters: hard-wrapped lines, each paragraph after the first indented.
TEST(ParagraphsOf, AnIndentedLineStartsAParagraph) {
  EXPECT_EQ(paragraphs("The oil price collapse of 1986 put\ndevelopment on "
                       "hold.\n    \"Estimated reserves\nexceed 500 billion "
                       "barrels,\" he said.\n    \"And this\nresource\".\n   "),
            (std::vector<std::string>{
                "The oil price collapse of 1986 put\ndevelopment on hold.",
                "\"Estimated reserves\nexceed 500 billion barrels,\" he "
                "said.",
                "\"And this\nresource\"."}));
}

TEST(ParagraphsOf, WindowsLineEnds) {
  EXPECT_EQ(paragraphs("One\r\n\r\nTwo\r\n"),
            (std::vector<std::string>{"One", "Two"}));
}

TEST(NearMatches, ParagraphsWithinNOfAMatch) {
  const std::vector<bool> matched = {false, false, true, false, false,
                                     false, false, true};
  EXPECT_EQ(near_matches(matched, 0), (std::vector<std::size_t>{2, 7}));
  EXPECT_EQ(near_matches(matched, 1),
            (std::vector<std::size_t>{1, 2, 3, 6, 7}));
  EXPECT_EQ(near_matches(matched, 2),
            (std::vector<std::size_t>{0, 1, 2, 3, 4, 5, 6, 7}));
  EXPECT_EQ(near_matches(matched, 100).size(), 8u);
  EXPECT_TRUE(near_matches({false, false}, 3).empty());
  EXPECT_EQ(near_matches({false, false}, kAllParagraphs),
            (std::vector<std::size_t>{0, 1}));
  EXPECT_TRUE(near_matches({}, 1).empty());
}

}  // namespace
}  // namespace lede::query
