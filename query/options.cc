#include "query/options.h"

#include <charconv>
#include <cstdio>
#include <string_view>
#include <type_traits>
#include <utility>

#include "common/database_path.h"
#include "common/error.h"
#include "common/schema.h"

namespace lede::query {

namespace {

constexpr const char* kGroupQuery = "Query";
constexpr const char* kGroupRanking = "Ranking";
constexpr const char* kGroupOutput = "Output";
constexpr const char* kGroupModes = "Other modes";

bool parse_double(const std::string& s, double* out) {
  const char* end = s.data() + s.size();
  auto [ptr, ec] = std::from_chars(s.data(), end, *out);
  return ec == std::errc() && ptr == end;
}

// "K1,B" with k1 >= 0 and 0 <= b <= 1.
std::string parse_bm25(const std::string& text, double* k1, double* b) {
  const auto comma = text.find(',');
  double k = 0, bb = 0;
  if (comma == std::string::npos ||
      !parse_double(text.substr(0, comma), &k) ||
      !parse_double(text.substr(comma + 1), &bb)) {
    return "--bm25 takes K1,B (two numbers, e.g. 1.2,0.75), not '" + text +
           "'";
  }
  if (k < 0 || k > 100) return "--bm25: k1 must be between 0 and 100";
  if (bb < 0 || bb > 1) return "--bm25: b must be between 0 and 1";
  *k1 = k;
  *b = bb;
  return {};
}

std::string choice_list(const std::vector<std::string>& names) {
  std::string out;
  for (std::size_t i = 0; i < names.size(); ++i) {
    if (i > 0) out += i + 1 == names.size() ? " or " : ", ";
    out += names[i];
  }
  return out;
}

// An option whose value is one of `choices` (case-insensitive), stored in
// `*target` (or appended, for a vector). The error names the choices.
template <typename Target, typename Enum>
CLI::Option* add_choice(CLI::App* app, const std::string& name, Target* target,
                        const std::vector<std::pair<std::string, Enum>>& choices,
                        const std::string& help) {
  std::vector<std::string> names;
  for (const auto& c : choices) names.push_back(c.first);
  auto set = [=](const std::string& value) {
    std::string lower = value;
    for (char& c : lower) {
      if (c >= 'A' && c <= 'Z') c = static_cast<char>(c - 'A' + 'a');
    }
    for (const auto& [n, v] : choices) {
      if (n != lower) continue;
      if constexpr (std::is_same_v<Target, std::vector<Enum>>) {
        target->push_back(v);
      } else {
        *target = v;
      }
      return;
    }
    throw CLI::ValidationError("must be " + choice_list(names) +
                               ", not '" + value + "'");
  };
  CLI::Option* opt = app->add_option(name, help)->each(set);
  if constexpr (std::is_same_v<Target, std::vector<Enum>>) {
    opt->multi_option_policy(CLI::MultiOptionPolicy::TakeAll);
  } else {
    opt->multi_option_policy(CLI::MultiOptionPolicy::TakeLast);
  }
  return opt;
}

// The command-line names of an enum's values, from its table.
template <typename Enum, std::size_t N>
std::vector<std::pair<std::string, Enum>> choices(
    const Named<Enum> (&table)[N]) {
  std::vector<std::pair<std::string, Enum>> out;
  for (const auto& [value, name] : table) out.emplace_back(name, value);
  return out;
}

std::vector<std::pair<std::string, Format>> format_choices() {
  std::vector<std::pair<std::string, Format>> out;
  for (const FormatInfo& f : kFormats) out.emplace_back(f.name, f.format);
  return out;
}

// A number as people write it: "0", "1.5".
std::string fixed_text(double v) {
  char buf[32];
  std::snprintf(buf, sizeof buf, "%g", v);
  return buf;
}

// The ranges of the numeric options, checked in validate_options() and
// said in words in --help ("0 to 100"), so the two cannot differ.
struct Bounds {
  std::size_t lo, hi;
  std::string words() const {
    return std::to_string(lo) + " to " + std::to_string(hi);
  }
};
constexpr Bounds kLimitBounds{0, 1000000};
constexpr Bounds kOffsetBounds{0, 100000000};
constexpr Bounds kSnippetsBounds{0, 100};
constexpr Bounds kSnippetLengthBounds{20, 100000};
constexpr Bounds kFacetLimitBounds{1, 100000};
constexpr Bounds kMaxWildcardBounds{0, 100000000};
constexpr Bounds kScaleBounds{0, 100};  // --title-boost, --pair-weight,
                                        // --proximity
constexpr Bounds kRescoreBounds{1, 10000};
constexpr Bounds kContextBounds{0, 10000};
constexpr Bounds kTimeLimitBounds{0, 86400};  // seconds
constexpr Bounds kShortBBounds{0, 1};

// Every numeric option with its range, for the message given when CLI11
// cannot read its value as a number at all (parse_error_message()).
constexpr std::pair<std::string_view, Bounds> kNumericOptions[] = {
    {"--limit", kLimitBounds},
    {"--offset", kOffsetBounds},
    {"--snippets", kSnippetsBounds},
    {"--snippet-length", kSnippetLengthBounds},
    {"--facet-limit", kFacetLimitBounds},
    {"--max-wildcard", kMaxWildcardBounds},
    {"--title-boost", kScaleBounds},
    {"--pair-weight", kScaleBounds},
    {"--proximity", kScaleBounds},
    {"--rescore", kRescoreBounds},
    {"--context", kContextBounds},
    {"--time-limit", kTimeLimitBounds},
    {"--short-b", kShortBBounds},
};

}  // namespace

void add_query_options(CLI::App* app, QueryOptions* o) {
  SearchRequest* r = &o->search;
  app->add_option("query", o->words,
                  "The query; several arguments are joined with spaces")
      ->type_name("WORD");
  app->add_option("--db", o->dbs,
                  std::string(kDatabaseOptionHelp) +
                      ", or a stub file listing databases; repeatable: "
                      "several are searched as one")
      ->type_name("DIR")
      ->expected(1)
      ->allow_extra_args(false)
      ->multi_option_policy(CLI::MultiOptionPolicy::TakeAll);

  app->add_flag("--plain", r->build.plain,
                "No query syntax: every word of the query is a word to find")
      ->group(kGroupQuery);
  app->add_flag("--or", r->build.match_any,
                "Rank documents matching any of the words, not only all")
      ->group(kGroupQuery);

  app->add_option("--max-wildcard", r->build.max_wildcard_terms,
                  "A prefix* may match at most N words, " +
                      kMaxWildcardBounds.words() +
                      "; more is an error (default " +
                      std::to_string(r->build.max_wildcard_terms) +
                      ", 0: no limit)")
      ->group(kGroupQuery)
      ->type_name("N");

  app->add_option("--time-limit", r->time_limit,
                  "Stop counting matches after SECONDS, " +
                      kTimeLimitBounds.words() +
                      ": the total is then an estimate and facet counts "
                      "partial (default " +
                      fixed_text(r->time_limit) + ", 0: no limit)")
      ->group(kGroupQuery)
      ->type_name("SECONDS");

  add_choice(app, "--sort", &r->sort, choices(kSortOrders),
             "Order: relevance (default), newest or oldest first (undated "
             "articles last, ties by relevance)")
      ->group(kGroupRanking)
      ->type_name("ORDER");
  app->add_option_function<std::string>(
         "--bm25",
         [r](const std::string& text) {
           const std::string problem = parse_bm25(text, &r->bm25_k1, &r->bm25_b);
           if (!problem.empty()) throw CLI::ValidationError(problem);
         },
         "BM25 parameters k1 (term frequency saturation, 0 to 100) and b "
         "(length normalisation, 0 to 1); default " +
             fixed_text(r->bm25_k1) + "," + fixed_text(r->bm25_b))
      ->group(kGroupRanking)
      ->type_name("K1,B");
  app->add_option("--short-b", r->bm25_short_b,
                  "Length normalisation b, 0 to 1, of queries of one or two "
                  "words (default " + fixed_text(r->bm25_short_b) + ")")
      ->group(kGroupRanking)
      ->type_name("B");
  app->add_option("--title-boost", r->build.title_boost,
                  "Also match title words alone, their weight scaled by F, " +
                      kScaleBounds.words() + " (default " +
                      fixed_text(r->build.title_boost) +
                      ", 0: titles count through the index's title weight)")
      ->group(kGroupRanking)
      ->type_name("F");
  app->add_option("--pair-weight", r->build.pair_weight,
                  "Also rank two query words side by side found as that "
                  "phrase, its weight scaled by F, " +
                      kScaleBounds.words() + " (default " +
                      fixed_text(r->build.pair_weight) + ", 0: off)")
      ->group(kGroupRanking)
      ->type_name("F");
  app->add_option("--proximity", r->proximity_weight,
                  "Rank the first --rescore results again, higher where "
                  "words side by side in the query are close together, in "
                  "order (at most " +
                      std::to_string(kProximityWindow) +
                      " apart), that weight scaled by F, " +
                      kScaleBounds.words() + " (default " +
                      fixed_text(r->proximity_weight) +
                      ", 0: off); one-word queries are not rescored")
      ->group(kGroupRanking)
      ->type_name("F");
  app->add_option("--rescore", r->rescore_depth,
                  "How many of the first results --proximity ranks again, " +
                      kRescoreBounds.words() + " (default " +
                      std::to_string(r->rescore_depth) + ")")
      ->group(kGroupRanking)
      ->type_name("N");
  app->add_flag("--collapse", r->collapse,
                "Fold copies of one story (same title and day, or same title "
                "and opening when undated, or same URL) into one result with "
                "a count")
      ->group(kGroupRanking);
  app->add_flag("--explain", r->explain,
                "Show how each query term contributed to each score")
      ->group(kGroupRanking);

  add_choice(app, "-f,--format", &o->format, format_choices(),
             "text (default), json, jsonl, tsv, paths, paths0 (each path "
             "ended by a NUL, as find -print0) or trec")
      ->group(kGroupOutput)
      ->type_name("FORMAT");
  app->add_flag("-c,--count", o->count,
                "Print only the number of matching documents")
      ->group(kGroupOutput);
  app->add_option("-n,--limit", r->limit,
                  "Show at most N results, " + kLimitBounds.words() +
                      " (default " + std::to_string(r->limit) + ")")
      ->group(kGroupOutput)
      ->type_name("N");
  app->add_option("--offset", r->offset,
                  "Skip the first N results, " + kOffsetBounds.words())
      ->group(kGroupOutput)
      ->type_name("N");
  app->add_option("--snippets", r->snippets.count,
                  "Text fragments per result, " + kSnippetsBounds.words() +
                      " (default " + std::to_string(r->snippets.count) +
                      ", 0 for none)")
      ->group(kGroupOutput)
      ->type_name("N");
  app->add_option("--snippet-length", r->snippets.length,
                  "About N characters per fragment, " +
                      kSnippetLengthBounds.words() + " (default " +
                      std::to_string(r->snippets.length) + ")")
      ->group(kGroupOutput)
      ->type_name("N");
  app->add_option("--color,--colour", o->color,
                  "Colour matches: auto (default: on a terminal, unless "
                  "NO_COLOR is set or TERM=dumb), always, never")
      ->group(kGroupOutput)
      ->type_name("WHEN");
  app->add_option("--facet",
                  "Count matching documents by source, author, year, month, "
                  "tag or a field the database defines (repeatable)")
      ->each([r](const std::string& value) {
        std::string lower = value;
        for (char& c : lower) {
          if (c >= 'A' && c <= 'Z') c = static_cast<char>(c - 'A' + 'a');
        }
        for (const auto& [kind, name] : kFacetKinds) {
          if (name == lower) {
            r->facets.push_back(kind);
            return;
          }
        }
        if (!user_field_name_problem(lower).empty()) {
          throw CLI::ValidationError(
              "must be source, author, year, month, tag or the name of a "
              "field the database defines, not '" + value + "'");
        }
        r->field_facets.push_back(lower);
      })
      ->multi_option_policy(CLI::MultiOptionPolicy::TakeAll)
      ->group(kGroupOutput)
      ->type_name("FIELD");
  app->add_option("--facet-limit", r->facet_limit,
                  "Show the N most frequent values of each facet, " +
                      kFacetLimitBounds.words() + " (default " +
                      std::to_string(r->facet_limit) + ")")
      ->group(kGroupOutput)
      ->type_name("N");
  app->add_flag_function(
         "--no-suggest", [r](std::int64_t) { r->suggest = false; },
         "Don't suggest spellings for rare or unknown words")
      ->group(kGroupOutput);
  app->add_flag("--show-query", r->show_query,
                "Show how the query was understood before the results")
      ->group(kGroupOutput);
  app->add_flag("--timing", o->timing,
                "Print the time each query took (search and output) on "
                "standard error")
      ->group(kGroupOutput);

  app->add_flag("--batch", o->batch,
                "Read queries from standard input, one a line, optionally "
                "ID<TAB>QUERY")
      ->group(kGroupModes);
  app->add_flag("--stats", o->stats,
                "Describe the database: documents, terms, dates, sources, "
                "settings, size")
      ->group(kGroupModes);
  app->add_option("--show", o->show,
                  "Print the stored article with this id or path (as the "
                  "results show it: 'id ID', PATH or PATH:LINE), its "
                  "metadata and its text; a query highlights its words")
      ->group(kGroupModes)
      ->type_name("ID");
  app->add_option("-C,--context", o->context,
                  "With --show and a query: only the paragraphs within N, " +
                      kContextBounds.words() + ", of one that matches")
      ->group(kGroupModes)
      ->type_name("N");
  app->add_flag("--no-pager", o->no_pager,
                "With --show: never through $PAGER (on a terminal it is)")
      ->group(kGroupModes);
}

namespace {

// Range checks live here rather than in CLI11 validators: each validator
// is a std::function and strings built at every start-up, and lede-query
// starts once per query.
void check_range(const char* flag, std::size_t v, Bounds b) {
  if (v < b.lo || v > b.hi) {
    // (A negative number arrives here wrapped around: don't echo it.)
    throw UsageError(std::string(flag) + " must be a number from " +
                     b.words());
  }
}

void check_scale(const char* flag, double v, Bounds b = kScaleBounds) {
  if (!(v >= static_cast<double>(b.lo) && v <= static_cast<double>(b.hi))) {
    throw UsageError(std::string(flag) + " must be a number from " +
                     b.words());
  }
}

}  // namespace

std::string parse_error_message(const CLI::ParseError& e) {
  // CLI11 2.1 words it "Could not convert: --limit = ten" (Error.hpp).
  constexpr std::string_view kCouldNot = "Could not convert: ";
  const std::string_view what = e.what();
  if (what.substr(0, kCouldNot.size()) == kCouldNot) {
    const std::string_view rest = what.substr(kCouldNot.size());
    const std::size_t eq = rest.find(" = ");
    const std::string_view flag = rest.substr(0, eq);
    for (const auto& [name, bounds] : kNumericOptions) {
      if (eq != std::string_view::npos && name == flag) {
        return std::string(flag) + " must be a number from " +
               bounds.words() + ", not '" + std::string(rest.substr(eq + 3)) +
               "'";
      }
    }
  }
  return std::string(what);
}

void validate_options(const QueryOptions& o) {
  const SearchRequest& r = o.search;
  check_range("--limit", r.limit, kLimitBounds);
  check_range("--offset", r.offset, kOffsetBounds);
  check_range("--snippets", r.snippets.count, kSnippetsBounds);
  check_range("--snippet-length", r.snippets.length, kSnippetLengthBounds);
  check_range("--facet-limit", r.facet_limit, kFacetLimitBounds);
  check_range("--max-wildcard", r.build.max_wildcard_terms,
              kMaxWildcardBounds);
  check_scale("--title-boost", r.build.title_boost);
  check_scale("--time-limit", r.time_limit, kTimeLimitBounds);
  if (!(r.bm25_short_b >= 0 && r.bm25_short_b <= 1)) {
    throw UsageError("--short-b must be a number from " +
                     kShortBBounds.words());
  }
  check_scale("--pair-weight", r.build.pair_weight);
  check_scale("--proximity", r.proximity_weight);
  check_range("--rescore", r.rescore_depth, kRescoreBounds);
  if (o.color != "auto" && o.color != "always" && o.color != "never") {
    throw UsageError("--color must be auto, always or never, not '" +
                     o.color + "'");
  }
  const FormatInfo& shows = format_info(o.format);
  const bool has_query = !joined_query(o).empty();
  const bool context = o.context != kAllParagraphs;
  if (context) check_range("--context", o.context, kContextBounds);
  if (context && o.show.empty()) {
    throw UsageError("--context goes with --show ID");
  }
  if (!o.show.empty()) {
    if (o.batch || o.stats || o.count) {
      throw UsageError("--show prints one article; it takes no --batch, "
                       "--stats or --count");
    }
    if (o.format != Format::kText && o.format != Format::kJson) {
      throw UsageError("--show prints --format text or json");
    }
    if (!r.facets.empty() || !r.field_facets.empty() || r.explain) {
      throw UsageError("--show takes no --facet or --explain");
    }
    if (context && !has_query) {
      throw UsageError("--context keeps the paragraphs near a match: give "
                       "the query to match");
    }
    return;
  }
  if (o.stats) {
    if (has_query || o.batch) {
      throw UsageError("--stats takes no query and no --batch");
    }
    if (!shows.stats) {
      throw UsageError("--stats prints --format " +
                       choice_list(formats_showing(&FormatInfo::stats)));
    }
    return;
  }
  if (o.batch && has_query) {
    throw UsageError(
        "--batch reads the queries from standard input; give none as "
        "arguments");
  }
  if (!o.batch && !has_query) {
    throw UsageError("no query given (try 'lede-query --help')");
  }
  const bool facets = !r.facets.empty() || !r.field_facets.empty();
  if (facets && !shows.facets) {
    throw UsageError("--facet needs --format " +
                     choice_list(formats_showing(&FormatInfo::facets)));
  }
  if (r.explain && !shows.explain) {
    throw UsageError("--explain needs --format " +
                     choice_list(formats_showing(&FormatInfo::explain)));
  }
  if (o.count && o.format != Format::kText) {
    throw UsageError("--count prints a number; it takes no --format");
  }
  if (o.count && (r.explain || facets)) {
    throw UsageError("--count prints only a number; drop --explain/--facet");
  }
}

std::vector<std::string> database_paths(const QueryOptions& o) {
  if (!o.dbs.empty()) return o.dbs;
  return {resolve_db_path("")};
}

std::string joined_query(const QueryOptions& o) {
  std::string q;
  for (const std::string& w : o.words) {
    if (!q.empty()) q += ' ';
    q += w;
  }
  // A query of only spaces is no query.
  if (q.find_first_not_of(" \t\n") == std::string::npos) q.clear();
  return q;
}

}  // namespace lede::query
