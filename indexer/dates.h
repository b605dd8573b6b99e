#pragma once
// News dates in their many spellings -> one normalised ISO 8601 form, so
// that lede-query can filter and sort by date. A small hand-written parser
// with its own month-name table and calendar arithmetic: no strptime, no
// locale, no time-zone database (named zones come from a fixed table).
// Nothing here fails loudly: a date that cannot be read is "".
#include <string>
#include <string_view>

namespace lede::indexer {

// Normalises a date as found in an input. Accepted forms (case-insensitive,
// surrounding blanks ignored, anything else after the date rejects it):
//
//   ISO 8601     2024-03-05 | 2024/03/05
//                2024-03-05T09:30[:00[.123]] (or a blank instead of T)
//                followed by Z, +hh:mm, +hhmm, +hh, UTC or GMT (optional)
//   RFC 2822     [Tue,] 05 Mar 2024 09:30[:00] -0500 | GMT | EST ...
//                (two-digit years: 00-49 -> 20xx, 50-99 -> 19xx)
//   day first    3 Jun 2019 | 3 June 2019 | 3rd June 2019 | 03-Jun-2019
//                Reuters: 26-FEB-1987 15:01:01.79
//   month first  June 3, 2019 | Jun. 3 2019 | [Monday,] June 3rd, 2019
//                with an optional time after the year: ", 10:30 am EDT"
//   asctime      Tue Mar  5 09:30:00 2024 | Wed Oct 10 20:19:24 +0000 2018
//
// A time may carry am/pm ("10:30 p.m."), fractional seconds (dropped) and
// second 60 (a leap second, read as 59). Zones: Z, UT, UTC, GMT, the US
// zones of RFC 2822 (EST EDT CST CDT MST MDT PST PDT), CET CEST BST JST,
// numeric offsets, and an RFC 2822 comment after them ("+0000 (UTC)").
// Another alphabetic zone leaves the time unzoned rather than guessing.
//
// Returns "YYYY-MM-DD" when only the day is known, "YYYY-MM-DDThh:mm:ssZ"
// (converted to UTC) when a time and zone are, "YYYY-MM-DDThh:mm:ss" for a
// time without a zone; "" when `raw` cannot be parsed or names a day that
// does not exist (2019-02-30): the caller keeps the raw text and counts it.
// Years 1000-9999 only.
[[nodiscard]] std::string normalize_date(std::string_view raw);

}  // namespace lede::indexer
