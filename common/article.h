#pragma once
// One news article as plain data: what the indexer's parsers produce, what
// the database stores (common/document_data.h) and what lede-query prints.
// No Xapian and no behaviour here, so that printers and parsers can use it
// without knowing how it is stored.
#include <cstdint>
#include <map>
#include <string>
#include <vector>

namespace lede {

// Everything lede-query shows is stored in the database, so results never
// depend on the files still being where they were.
struct Article {
  std::string id;      // unique: the input's own id, else made from the
                       // path: PATH, PATH:LINE, PATH#N (stdin: "stdin:"
                       // and a hash of the record)
  std::string title;
  std::string body;    // plain text, the text snippets are cut from
  std::string author;  // as shown: several authors joined by ", "
  // Each author, when the input lists them (Markdown `author: [Ann Lee,
  // Bob Ray]`, a JSON array); empty otherwise (author is then one name).
  // Indexed and counted (the author facet) one by one; not stored apart.
  std::vector<std::string> authors;
  std::string source;
  std::string url;
  std::string date;      // normalised ISO 8601 ("2024-03-05T14:30:00Z" or
                         // "2024-03-05"), empty when unknown or unparsed
  std::string date_raw;  // the date as the input wrote it
  std::vector<std::string> tags;
  // The fields defined with --field NAME=KEY (schema.h UserField), by
  // name: their items. Indexed and counted; not stored apart.
  std::map<std::string, std::vector<std::string>> fields;
  std::string path;    // the real absolute path of the file it came from
                       // ("-" for standard input)
  std::uint64_t line = 0;  // line in that file for JSON Lines, else 0

  bool operator==(const Article&) const = default;
};

}  // namespace lede
