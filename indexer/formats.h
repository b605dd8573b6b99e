#pragma once
// Input formats: bytes of one file in, articles out. Pure functions, no
// I/O: the caller reads the file (and decompresses it, see input_reader.h)
// and reports what comes back. Every problem with one input is returned as
// a value, never thrown, so that one bad file or line never stops a run.
// This header is the one place that documents which input keys fill which
// article fields; lede-index(1) copies it.
//
// Formats and their metadata:
//   text      An optional header block at the top: "Key: value" lines,
//             then a blank line (or the end). Keys (case-insensitive):
//             Title, Headline, Author, Authors, By, Byline, Date,
//             Published, Source, Site, URL, Link, Tags, Keywords (a comma
//             list), ID, and the KEY of each user field (--field
//             NAME=KEY with a NAME not built in; its value a comma list).
//             A line that is not such a key before the blank
//             line means there is no header block. Without one, a first
//             line of at most 200 bytes followed by a blank line is the
//             title. The rest is the body, as written.
//   markdown  Optional front matter between "---" lines (see
//             parse_front_matter in markdown.h), with the keys of the text
//             header (lists allowed for tags and authors; a user field's
//             scalar is one item, a list its items). The title is
//             the front matter's, else the first level-1 heading, else the
//             first heading. The body is the Markdown as plain text
//             (markdown_to_text).
//   html      See HtmlPage in html.h. A page declaring a charset other
//             than UTF-8 in <meta> is transcoded with ICU first.
//   jsonl     One JSON object per line (blank lines skipped). Keys are
//             looked up in this order, the first with a value winning
//             (null, "" and [] have none):
//               id      id, _id, guid             (string or number)
//               title   title, headline
//               text    text, body, content       (a list of strings is
//                                                  joined by blank lines)
//               date    date, published, published_at, publishedAt,
//                       pubDate, datePublished
//               source  source, site, publisher   (or that object's name)
//               author  author, authors, byline   (a string, an object's
//                                                  name, or a list, joined
//                                                  with ", ")
//               url     url, link, urls           (the first of a list)
//               tags    tags, topics, keywords    (a list, or a comma list
//                                                  in one string)
//             --field NAME=KEY replaces the defaults of one field by KEY,
//             a top-level key, or a JSON pointer when it starts with '/'
//             ("--field author=/byline/name"). A line needs a title or a
//             text. When the first non-blank line is not JSON but the
//             whole input is one JSON object or array, it is read as json.
//   json      A JSON array of such objects (or a single object: one
//             article). When it does not start with '[' or '{', it is read
//             as jsonl.
//   sgml      The SGML of Reuters-21578 (indexer/sgml.h): each <REUTERS>
//             element is one article, read as the JSON object the
//             collection's converter writes and mapped as a jsonl record
//             is: id NEWID, title, dateline, author, text (the BODY),
//             date (DATE as written), topics (-> tags), places, people,
//             orgs, exchanges, companies (lists), text_type, topics_attr,
//             lewissplit, cgisplit, oldid, source "Reuters". Its line is
//             the line of its <REUTERS> tag; without a NEWID its id is
//             "id_base#N". Latin-1 unless the file is valid UTF-8.
// Every format: a UTF-8 byte-order mark is dropped; ill-formed UTF-8 is
// replaced by U+FFFD and reported as a warning (see Problem); text and
// metadata are trimmed, and the one-line fields (title, author, source,
// date, url, id, tags) have their white space runs collapsed to a blank.
#include <cstdint>
#include <functional>
#include <map>
#include <string>
#include <string_view>
#include <vector>

#include "common/article.h"
#include "common/schema.h"

namespace lede::indexer {

enum class Format { kAuto, kText, kMarkdown, kHtml, kJsonl, kJson, kSgml };

// "auto", "text" (or "txt"), "markdown" (or "md"), "html", "jsonl" (or
// "ndjson"), "json", "sgml". Throws lede::UsageError for another name.
[[nodiscard]] Format parse_format_name(std::string_view name);
[[nodiscard]] std::string_view format_name(Format format);

// The format of a file, from its name and, when the name says nothing,
// from `head`, its first bytes (at least the first 1 KiB helps). A final
// ".gz" is ignored. By extension (case-insensitive):
//   .md .markdown .mdown .mkd            markdown
//   .html .htm .xhtml .shtml             html
//   .jsonl .ndjson .jsonlines            jsonl
//   .json                                json if the content starts with
//                                        '[', else jsonl
//   .txt .text                           text
//   .sgm .sgml                           sgml
// Any other name, by content (after a BOM and blank space): '{' -> jsonl;
// "<!DOCTYPE lewis" or a first tag <REUTERS -> sgml;
// '[' then '{' or ']' -> json; a "---" line -> markdown; "<!doctype
// html", "<html", "<head", "<body", "<meta", "<title", or "<?xml" with
// "<html" within the first 1 KiB -> html; a first line "# " -> markdown;
// anything else -> text.
[[nodiscard]] Format detect_format(std::string_view path,
                                   std::string_view head);

// A problem with one input or one line of it.
//
// Errors (warning == false): nothing was indexed from that line (or from
// the file when line == 0):
//   "empty file"                            only blank space (empty)
//   "no title or text"                      a file, or a JSON object whose
//                                           title and text are empty (empty)
//   "no title or text (no key title, headline, text, body or content; see
//   --field)"                               a JSON object without any of
//                                           them (or the --field keys)
//   "not valid JSON at column N: <reason>"  a jsonl line
//   "not valid JSON: <reason>"              a json file or array element
//   "not a JSON object (found <type>)"      a jsonl line, an array element
//   "empty JSON array"
// Warnings (warning == true): the input was indexed anyway:
//   "not valid UTF-8: N bytes replaced with U+FFFD (indexed anyway)"
//                 invalid_utf8 = N; per line for jsonl/json, else line 0
//   "unknown charset 'X' (read as UTF-8)"   an HTML page
struct Problem {
  std::uint64_t line = 0;  // 0 when it concerns the whole file
  std::string message;
  bool warning = false;
  // The input (or line) holds nothing to index: it was skipped, but
  // nothing in it is damaged (an empty file, an empty record). The caller
  // may count these apart from real errors.
  bool empty = false;
  std::uint64_t invalid_utf8 = 0;  // bytes replaced with U+FFFD
};

// Maps article fields to input keys for JSON inputs (--field title=headline).
// Keys not given here use the defaults listed above.
using FieldMap = std::map<std::string, std::string>;

// Builds a FieldMap from --field values "NAME=KEY", NAME one of id, title,
// text, date, source, author, url, tags, or a name of its own (a user
// field: schema.h user_field_name_problem() says which names can be);
// KEY a key or a JSON pointer ("/a/b"). A later value for the same NAME
// wins. Throws lede::UsageError naming the bad value for a NAME that
// cannot be, a missing '=', an empty KEY (or one with a line break) or an
// invalid JSON pointer.
[[nodiscard]] FieldMap parse_field_map(const std::vector<std::string>& specs);

// The user fields of a FieldMap (the names not built in), by name.
[[nodiscard]] std::vector<UserField> user_fields_of(const FieldMap& fields);

// A JSON record's user fields (every name of `fields` that is not built
// in) go to Article::fields: a string is one item, an array its items (a
// number as written, an object its "name"); a missing key gives none. Text
// headers and front matter give them too (see text and markdown above).

struct Parsed {
  std::vector<Article> articles;
  std::vector<Problem> problems;
  std::uint64_t invalid_utf8 = 0;  // sum of the problems' invalid_utf8
};

// Parses `bytes`, the content of the file `path`, as `format` (kAuto:
// detect_format(path, bytes)). Each article gets `path` as its path (the
// pipeline gives the file's key, document_builder.h file_key()) and,
// unless the input gives one, an id: `id_base` for a whole-file article,
// "id_base:LINE" for a JSON Lines line, "id_base#N" for the Nth element of
// a JSON array. Its `date` is normalize_date(date_raw) ("" when that
// fails: the caller counts those). on_article is called for each article
// as soon as it is made (so a big JSON Lines input never holds all its
// articles), on_problem for each problem, both in input order.
void parse(std::string_view bytes, Format format, const std::string& path,
           const std::string& id_base, const FieldMap& fields,
           const std::function<void(Article&&)>& on_article,
           const std::function<void(Problem&&)>& on_problem);

// The same, collecting everything.
[[nodiscard]] Parsed parse(std::string_view bytes, Format format,
                           const std::string& path, const std::string& id_base,
                           const FieldMap& fields = {});

}  // namespace lede::indexer
