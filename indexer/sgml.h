#pragma once
// The SGML of the Reuters-21578 collection (reut2-000.sgm ... reut2-021.sgm,
// the Lewis DTD): one story per <REUTERS> element. Pure: text in, stories
// out, problems as values.
//
//   <REUTERS TOPICS="YES" LEWISSPLIT="TRAIN" CGISPLIT="TRAINING-SET"
//            OLDID="5544" NEWID="1">
//   <DATE>26-FEB-1987 15:01:01.79</DATE>
//   <TOPICS><D>cocoa</D></TOPICS> <PLACES><D>el-salvador</D>...</PLACES>
//   <PEOPLE>, <ORGS>, <EXCHANGES>, <COMPANIES>: lists of <D> as TOPICS
//   <UNKNOWN>wire-service codes</UNKNOWN>
//   <TEXT TYPE="NORM|BRIEF|UNPROC"><TITLE>..</TITLE><DATELINE>..</DATELINE>
//         <AUTHOR>..</AUTHOR><BODY>..</BODY></TEXT>
//   </REUTERS>
//
// Character references (&lt; &amp; &#3; ...) are decoded and the control
// characters the wire service used as markers (&#1; &#2; &#3; &#5; &#22;
// &#31; &#127; ...) dropped, as the collection's converter to JSON Lines
// (../shared/corpora/tools/reuters_sgml_to_jsonl.py) does. A story of TYPE
// UNPROC has no <BODY>: its text is what <TEXT> holds.
#include <cstdint>
#include <functional>
#include <map>
#include <string>
#include <string_view>
#include <vector>

namespace lede::indexer {

struct SgmlStory {
  std::uint64_t line = 0;  // where its <REUTERS> tag starts (1-based)
  // The tag's attributes, names as written: NEWID, OLDID, TOPICS,
  // LEWISSPLIT, CGISPLIT.
  std::map<std::string, std::string> attributes;
  std::string date;        // <DATE> as written ("26-FEB-1987 15:01:01.79"),
                           // without the wire-service codes or the note
                           // ("# date added ...") some have after it
  std::string title;       // <TITLE>
  std::string dateline;    // <DATELINE>
  std::string author;      // <AUTHOR>
  std::string body;        // <BODY>, or an UNPROC story's <TEXT>
  std::string text_type;   // TYPE of <TEXT>: NORM (the default), BRIEF,
                           // UNPROC
  // topics, places, people, orgs, exchanges, companies (lower case):
  // the <D> items of each, in order (every name present, maybe empty).
  std::map<std::string, std::vector<std::string>> lists;
};

// Whether `head` (the first bytes of a file) looks like this SGML: a
// "<!DOCTYPE lewis" line or a first tag <REUTERS.
[[nodiscard]] bool looks_like_reuters_sgml(std::string_view head);

// Calls on_story for each <REUTERS> element of `text` (UTF-8), in order,
// and on_problem(line, message) for one that is not closed
// ("<REUTERS> not closed before the end of the file") or for a text
// without any ("no <REUTERS> elements: lede reads the SGML of
// Reuters-21578 only"). Values are decoded and trimmed.
void read_reuters_sgml(
    std::string_view text,
    const std::function<void(SgmlStory&&)>& on_story,
    const std::function<void(std::uint64_t, std::string)>& on_problem);

}  // namespace lede::indexer
