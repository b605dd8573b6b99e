#pragma once
// News dates in their many spellings -> one normalised ISO 8601 form.
#include <string>
#include <string_view>

namespace lede::indexer {

// Normalises a date as found in an input: ISO 8601 ("2024-03-05",
// "2024-03-05T09:30:00-05:00"), RFC 2822 ("Tue, 05 Mar 2024 09:30:00
// -0500"), "June 3, 2019", "3 Jun 2019" and Reuters' "26-FEB-1987
// 15:01:01.79". Returns "YYYY-MM-DD" when only the day is known,
// "YYYY-MM-DDThh:mm:ssZ" (converted to UTC) when a time and zone are,
// "YYYY-MM-DDThh:mm:ss" for a time without a zone; "" when `raw` cannot
// be parsed (the caller keeps the raw text and counts it).
std::string normalize_date(std::string_view raw);

}  // namespace lede::indexer
