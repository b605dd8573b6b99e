// lede-query's command line, in process: argv -> QueryOptions, one test per
// option, and the errors a user gets for contradictory or bad values.
#include "query/options.h"

#include <gtest/gtest.h>

#include "common/error.h"

namespace lede::query {
namespace {

// Parses `args` (without the program name) as lede-query would.
QueryOptions parse(std::vector<std::string> args) {
  CLI::App app;
  QueryOptions o;
  add_query_options(&app, &o);
  std::vector<std::string> argv = {"lede-query"};
  argv.insert(argv.end(), args.begin(), args.end());
  std::vector<char*> ptrs;
  for (std::string& a : argv) ptrs.push_back(a.data());
  app.parse(static_cast<int>(ptrs.size()), ptrs.data());
  return o;
}

// The message lede-query gives for `args` CLI11 refuses, or "" when they
// parse.
std::string parse_error(std::vector<std::string> args) {
  try {
    parse(std::move(args));
  } catch (const CLI::ParseError& e) {
    return parse_error_message(e);
  }
  return "";
}

// The message validate_options() gives, or "" when the options are fine.
std::string invalid(std::vector<std::string> args) {
  try {
    validate_options(parse(std::move(args)));
  } catch (const UsageError& e) {
    return e.what();
  }
  return "";
}

TEST(QueryOptions, Defaults) {
  const QueryOptions o = parse({"patient"});
  EXPECT_EQ(o.words, std::vector<std::string>{"patient"});
  EXPECT_EQ(o.search.limit, 10u);
  EXPECT_EQ(o.search.offset, 0u);
  EXPECT_EQ(o.format, Format::kText);
  EXPECT_EQ(o.search.sort, SortOrder::kRelevance);
  EXPECT_EQ(o.search.snippets.count, 2u);
  EXPECT_EQ(o.search.snippets.length, 160u);
  EXPECT_EQ(o.color, "auto");
  EXPECT_DOUBLE_EQ(o.search.bm25_k1, 1.2);
  EXPECT_DOUBLE_EQ(o.search.bm25_b, 0.75);
  EXPECT_DOUBLE_EQ(o.search.bm25_short_b, 0);
  EXPECT_TRUE(o.search.suggest);
  EXPECT_FALSE(o.count || o.batch || o.stats || o.timing);
  EXPECT_FALSE(o.search.collapse || o.search.explain || o.search.build.plain ||
               o.search.build.match_any || o.search.show_query);
  EXPECT_EQ(invalid({"patient"}), "");
}

TEST(QueryOptions, SeveralArgumentsAreOneQuery) {
  QueryOptions o = parse({"patient", "data", "--limit", "3", "privacy"});
  EXPECT_EQ(joined_query(o), "patient data privacy");
  EXPECT_EQ(o.search.limit, 3u);
}

TEST(QueryOptions, Db) {
  EXPECT_EQ(parse({"--db", "/tmp/x.db", "q"}).dbs,
            std::vector<std::string>{"/tmp/x.db"});
  // Issue 13 item 3: a second --db was "At Most 1 required but received 2".
  const QueryOptions two = parse({"--db", "a.db", "--db", "b.db", "q"});
  EXPECT_EQ(database_paths(two), (std::vector<std::string>{"a.db", "b.db"}));
  EXPECT_EQ(joined_query(two), "q");
}

TEST(QueryOptions, LimitAndOffset) {
  const QueryOptions o = parse({"-n", "25", "--offset", "50", "q"});
  EXPECT_EQ(o.search.limit, 25u);
  EXPECT_EQ(o.search.offset, 50u);
  EXPECT_EQ(parse({"--limit", "0", "q"}).search.limit, 0u);
  EXPECT_EQ(invalid({"--limit", "-1", "q"}),
            "--limit must be a number from 0 to 1000000");
  // CLI11 alone says "Could not convert: --limit = ten".
  EXPECT_EQ(parse_error({"--limit", "ten", "q"}),
            "--limit must be a number from 0 to 1000000, not 'ten'");
  EXPECT_EQ(parse_error({"-n", "2.5", "q"}),
            "--limit must be a number from 0 to 1000000, not '2.5'");
  EXPECT_NE(invalid({"--limit", "1000001", "q"}), "");
}

TEST(QueryOptions, Format) {
  const std::pair<const char*, Format> table[] = {
      {"text", Format::kText},   {"json", Format::kJson},
      {"jsonl", Format::kJsonl}, {"tsv", Format::kTsv},
      {"paths", Format::kPaths}, {"paths0", Format::kPaths0},
      {"trec", Format::kTrec},   {"JSON", Format::kJson},
  };
  for (const auto& [name, format] : table) {
    EXPECT_EQ(parse({"--format", name, "q"}).format, format) << name;
  }
  EXPECT_EQ(parse({"-f", "tsv", "q"}).format, Format::kTsv);
  EXPECT_NE(parse_error({"--format", "xml", "q"})
                .find("must be text, json, jsonl, tsv, paths, paths0 or trec, "
                      "not 'xml'"),
            std::string::npos);
}

TEST(QueryOptions, Sort) {
  EXPECT_EQ(parse({"--sort", "newest", "q"}).search.sort, SortOrder::kNewest);
  EXPECT_EQ(parse({"--sort", "oldest", "q"}).search.sort, SortOrder::kOldest);
  EXPECT_EQ(parse({"--sort", "relevance", "q"}).search.sort,
            SortOrder::kRelevance);
  EXPECT_NE(parse_error({"--sort", "date", "q"}).find(
                "must be relevance, newest or oldest"),
            std::string::npos);
}

TEST(QueryOptions, Bm25) {
  const QueryOptions o = parse({"--bm25", "0.9,0.4", "q"});
  EXPECT_DOUBLE_EQ(o.search.bm25_k1, 0.9);
  EXPECT_DOUBLE_EQ(o.search.bm25_b, 0.4);
  for (const char* bad : {"1.2", "1.2,", "a,b", "1.2,0.75,3", "-1,0.5",
                          "1.2,1.5"}) {
    EXPECT_NE(parse_error({"--bm25", bad, "q"}), "") << bad;
  }
  EXPECT_DOUBLE_EQ(parse({"--short-b", "0.3", "q"}).search.bm25_short_b, 0.3);
  EXPECT_NE(invalid({"--short-b", "1.5", "q"}).find("--short-b"),
            std::string::npos);
}

TEST(QueryOptions, TitleBoostAndWildcardLimit) {
  const QueryOptions d = parse({"q"});
  EXPECT_DOUBLE_EQ(d.search.build.title_boost, BuildOptions{}.title_boost);
  EXPECT_EQ(d.search.build.max_wildcard_terms,
            BuildOptions{}.max_wildcard_terms);
  const QueryOptions o =
      parse({"--title-boost", "1.5", "--max-wildcard", "20", "q"});
  EXPECT_DOUBLE_EQ(o.search.build.title_boost, 1.5);
  EXPECT_EQ(o.search.build.max_wildcard_terms, 20u);
  EXPECT_NE(invalid({"--title-boost", "-1", "q"}), "");
  EXPECT_EQ(parse_error({"--max-wildcard", "many", "q"}),
            "--max-wildcard must be a number from 0 to 100000000, not 'many'");
  EXPECT_EQ(parse_error({"--proximity", "high", "q"}),
            "--proximity must be a number from 0 to 100, not 'high'");
}

TEST(QueryOptions, TimeLimit) {
  EXPECT_DOUBLE_EQ(parse({"q"}).search.time_limit, SearchRequest{}.time_limit);
  EXPECT_GT(SearchRequest{}.time_limit, 0) << "a default limit, documented";
  EXPECT_DOUBLE_EQ(parse({"--time-limit", "2.5", "q"}).search.time_limit, 2.5);
  EXPECT_DOUBLE_EQ(parse({"--time-limit", "0", "q"}).search.time_limit, 0);
  for (const char* bad : {"-1", "86401"}) {
    EXPECT_EQ(invalid({"--time-limit", bad, "q"}),
              "--time-limit must be a number from 0 to 86400")
        << bad;
  }
  EXPECT_EQ(parse_error({"--time-limit", "soon", "q"}),
            "--time-limit must be a number from 0 to 86400, not 'soon'");
}

TEST(QueryOptions, Flags) {
  const QueryOptions o =
      parse({"--plain", "--or", "--collapse", "--explain", "--show-query",
             "--timing", "--no-suggest", "q"});
  EXPECT_TRUE(o.search.build.plain);
  EXPECT_TRUE(o.search.build.match_any);
  EXPECT_TRUE(o.search.collapse);
  EXPECT_TRUE(o.search.explain);
  EXPECT_TRUE(o.search.show_query);
  EXPECT_TRUE(o.timing);
  EXPECT_FALSE(o.search.suggest);
}

TEST(QueryOptions, Snippets) {
  const QueryOptions o =
      parse({"--snippets", "0", "--snippet-length", "80", "q"});
  EXPECT_EQ(o.search.snippets.count, 0u);
  EXPECT_EQ(o.search.snippets.length, 80u);
  EXPECT_EQ(invalid({"--snippet-length", "5", "q"}),
            "--snippet-length must be a number from 20 to 100000");
  EXPECT_NE(invalid({"--snippets", "101", "q"}), "");
}

TEST(QueryOptions, Color) {
  for (const char* when : {"auto", "always", "never"}) {
    EXPECT_EQ(parse({"--color", when, "q"}).color, when);
  }
  EXPECT_EQ(parse({"--colour", "never", "q"}).color, "never");
  EXPECT_EQ(invalid({"--color", "sometimes", "q"}),
            "--color must be auto, always or never, not 'sometimes'");
}

TEST(QueryOptions, FacetsRepeatInOrder) {
  const QueryOptions o = parse({"--facet", "year", "--facet", "source",
                                "--facet", "tag", "--facet-limit", "3", "q"});
  EXPECT_EQ(o.search.facets,
            (std::vector<FacetKind>{FacetKind::kYear, FacetKind::kSource,
                                    FacetKind::kTag}));
  EXPECT_EQ(o.search.facet_limit, 3u);
  // Another name may be a field the database defines (lede-index --field),
  // which the searcher checks; a name no field can have is an error here.
  EXPECT_EQ(parse({"--facet", "Place", "q"}).search.field_facets,
            std::vector<std::string>{"place"});
  EXPECT_NE(parse_error({"--facet", "tags", "q"}), "");
  EXPECT_NE(parse_error({"--facet", "place2", "q"}), "");
  EXPECT_NE(invalid({"--facet-limit", "0", "q"}), "");
}

TEST(QueryOptions, CountBatchStats) {
  EXPECT_TRUE(parse({"-c", "q"}).count);
  EXPECT_TRUE(parse({"--batch"}).batch);
  EXPECT_TRUE(parse({"--stats"}).stats);
}

TEST(QueryOptions, ContradictionsAreUsageErrors) {
  EXPECT_EQ(invalid({}), "no query given (try 'lede-query --help')");
  EXPECT_EQ(invalid({"   "}), "no query given (try 'lede-query --help')");
  EXPECT_EQ(invalid({"--batch"}), "");
  EXPECT_NE(invalid({"--batch", "q"}), "");
  EXPECT_EQ(invalid({"--stats"}), "");
  EXPECT_EQ(invalid({"--stats", "--format", "json"}), "");
  EXPECT_NE(invalid({"--stats", "q"}), "");
  EXPECT_EQ(invalid({"--stats", "--format", "tsv"}),
            "--stats prints --format text or json");
  EXPECT_EQ(invalid({"--facet", "source", "--format", "json", "q"}), "");
  EXPECT_EQ(invalid({"--facet", "source", "--format", "jsonl", "q"}),
            "--facet needs --format text or json");
  EXPECT_EQ(invalid({"--explain", "--format", "tsv", "q"}),
            "--explain needs --format text, json or jsonl");
  EXPECT_EQ(invalid({"--explain", "--format", "jsonl", "q"}), "");
  EXPECT_NE(invalid({"--count", "--format", "json", "q"}), "");
  EXPECT_NE(invalid({"--count", "--facet", "year", "q"}), "");
}

TEST(QueryOptions, UnknownOptionIsAParseError) {
  EXPECT_NE(parse_error({"--frobnicate", "q"}), "");
}

}  // namespace
}  // namespace lede::query
