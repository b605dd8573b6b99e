// lede-index's command line, parsed in process: argv -> IndexOptions.
#include "indexer/options.h"

#include <gtest/gtest.h>

#include <cstdlib>

#include "common/error.h"

namespace lede::indexer {
namespace {

// Parses `args` (without argv[0]); throws what CLI11 throws.
IndexOptions parse(std::vector<std::string> args) {
  CLI::App app{"test", "lede-index"};
  IndexOptions o;
  add_index_options(&app, &o);
  std::vector<std::string> argv = {"lede-index"};
  argv.insert(argv.end(), args.begin(), args.end());
  std::vector<char*> cargv;
  for (auto& a : argv) cargv.push_back(a.data());
  app.parse(static_cast<int>(cargv.size()), cargv.data());
  return o;
}

bool rejects(std::vector<std::string> args) {
  try {
    parse(std::move(args));
  } catch (const CLI::ParseError&) {
    return true;
  }
  return false;
}

// What CLI11 says of `args` (as lede-index prints it after "lede-index: "),
// or "" when they parse.
std::string parse_error(std::vector<std::string> args) {
  try {
    parse(std::move(args));
  } catch (const CLI::ParseError& e) {
    return e.what();
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

TEST(IndexOptions, Defaults) {
  const IndexOptions o = parse({"news"});
  EXPECT_EQ(o.paths, std::vector<std::string>{"news"});
  EXPECT_EQ(o.format, "auto");
  EXPECT_EQ(o.max_file_size, 64ull << 20);
  EXPECT_EQ(o.batch_docs, 1000u);
  EXPECT_EQ(o.batch_mb, 64u);
  EXPECT_EQ(o.jobs, 0u);
  EXPECT_EQ(o.title_weight, 3u);
  EXPECT_FALSE(o.title_weight_given);
  EXPECT_FALSE(o.language_given);
  EXPECT_FALSE(o.prune || o.rebuild || o.compact || o.quiet || o.json ||
               o.hidden || o.follow_symlinks);
  EXPECT_EQ(o.wait_seconds, 0);
}

TEST(IndexOptions, PathsKeepTheirOrderAndDashIsAPath) {
  EXPECT_EQ(parse({"b", "-", "a"}).paths,
            (std::vector<std::string>{"b", "-", "a"}));
}

TEST(IndexOptions, IncludeAndExcludeRepeat) {
  const IndexOptions o = parse({"--include", "*.md", "--exclude", "README.md",
                                "--include", "*.txt", "x"});
  EXPECT_EQ(o.include, (std::vector<std::string>{"*.md", "*.txt"}));
  EXPECT_EQ(o.exclude, std::vector<std::string>{"README.md"});
}

TEST(IndexOptions, RepeatableOptionsTakeOneValueEach) {
  const IndexOptions o = parse({"--exclude", "README.md", "news", "--field",
                                "title=headline", "feed.jsonl"});
  EXPECT_EQ(o.exclude, std::vector<std::string>{"README.md"});
  EXPECT_EQ(o.paths, (std::vector<std::string>{"news", "feed.jsonl"}));
}

TEST(IndexOptions, WalkFlags) {
  const IndexOptions o = parse({"--hidden", "--follow-symlinks", "x"});
  EXPECT_TRUE(o.hidden);
  EXPECT_TRUE(o.follow_symlinks);
}

TEST(IndexOptions, Format) {
  for (const char* f : {"auto", "text", "markdown", "html", "jsonl", "json"}) {
    EXPECT_EQ(parse({"--format", f, "x"}).format, f);
  }
  EXPECT_TRUE(rejects({"--format", "pdf", "x"}));
}

TEST(IndexOptions, FieldMapsRepeat) {
  const IndexOptions o =
      parse({"--field", "title=headline", "--field", "text=summary", "x"});
  EXPECT_EQ(o.fields.at("title"), "headline");
  EXPECT_EQ(o.fields.at("text"), "summary");
  EXPECT_TRUE(rejects({"--field", "title", "x"}));
  // A name not built in is a field of the database's own; a name lede
  // uses for something else is not.
  EXPECT_EQ(parse({"--field", "colour=red", "x"}).fields.at("colour"), "red");
  EXPECT_TRUE(rejects({"--field", "tag=red", "x"}));
  EXPECT_TRUE(rejects({"--field", "Colour=red", "x"}));
}

TEST(IndexOptions, MaxFileSizeAcceptsUnits) {
  EXPECT_EQ(parse({"--max-file-size", "64M", "x"}).max_file_size, 64ull << 20);
  EXPECT_EQ(parse({"--max-file-size", "64MiB", "x"}).max_file_size,
            64ull << 20);
  EXPECT_EQ(parse({"--max-file-size", "512k", "x"}).max_file_size, 512u << 10);
  EXPECT_EQ(parse({"--max-file-size", "1000", "x"}).max_file_size, 1000u);
  EXPECT_TRUE(rejects({"--max-file-size", "lots", "x"}));
  EXPECT_TRUE(rejects({"--max-file-size", "-1", "x"}));
}

TEST(IndexOptions, DatabaseOptions) {
  const IndexOptions o = parse({"--db", "my.db", "--prune", "--rebuild",
                                "--compact", "--wait", "2.5", "--language",
                                "german", "--title-weight", "4", "x"});
  EXPECT_EQ(o.db, "my.db");
  EXPECT_TRUE(o.prune && o.rebuild && o.compact);
  EXPECT_DOUBLE_EQ(o.wait_seconds, 2.5);
  EXPECT_EQ(o.language, "german");
  EXPECT_TRUE(o.language_given);
  EXPECT_EQ(o.title_weight, 4u);
  EXPECT_TRUE(o.title_weight_given);
  EXPECT_TRUE(rejects({"--title-weight", "0", "x"}));
  EXPECT_TRUE(rejects({"--wait", "-1", "x"}));
}

// Issue 13 item 14: a second --db said "At Most 1 required but received
// 2", --wait -1 named the largest double, ranges were CLI11's words.
TEST(IndexOptions, MistakesAreSaidInLedesWords) {
  EXPECT_EQ(parse_error({"--db", "a.db", "--db", "b.db", "x"}),
            "--db: given 2 times; lede-index writes one database (give --db "
            "once)");
  EXPECT_EQ(parse_error({"--wait", "-1", "x"}),
            "--wait: must be a number of seconds, 0 to 1000000, not '-1'");
  EXPECT_EQ(parse_error({"--wait", "soon", "x"}),
            "--wait: must be a number of seconds, 0 to 1000000, not 'soon'");
  EXPECT_EQ(parse_error({"--title-weight", "101", "x"}),
            "--title-weight: must be a whole number from 1 to 100, not '101'");
  EXPECT_EQ(parse_error({"--batch-mb", "0", "x"}),
            "--batch-mb: must be a whole number from 1 to 100000, not '0'");
  EXPECT_EQ(parse_error({"-j", "-1", "x"}),
            "--jobs: must be a whole number from 0 to 1024, not '-1'");
  EXPECT_EQ(parse_error({"--shards", "2.5", "x"}),
            "--shards: must be a whole number from 1 to 64, not '2.5'");
  EXPECT_EQ(parse_error({"--wait", "0", "--db", "a.db", "x"}), "");
}

TEST(IndexOptions, SpeedOptions) {
  const IndexOptions o =
      parse({"-j", "3", "--batch-docs", "500", "--batch-mb", "8", "x"});
  EXPECT_EQ(o.jobs, 3u);
  EXPECT_EQ(o.batch_docs, 500u);
  EXPECT_EQ(o.batch_mb, 8u);
  EXPECT_TRUE(rejects({"--batch-docs", "0", "x"}));
  EXPECT_EQ(resolve_jobs(3), 3u);
  EXPECT_GE(resolve_jobs(0), 1u);
}

TEST(IndexOptions, OutputFlags) {
  const IndexOptions o = parse({"-q", "--json", "x"});
  EXPECT_TRUE(o.quiet);
  EXPECT_TRUE(o.json);
  EXPECT_TRUE(parse({"--version"}).version);
}

TEST(IndexOptions, UnknownOptionIsRejected) {
  EXPECT_TRUE(rejects({"--frobnicate", "x"}));
}

TEST(IndexOptions, ContradictionsAreUsageErrors) {
  EXPECT_EQ(invalid({"news"}), "");
  EXPECT_EQ(invalid({"--compact"}), "");
  EXPECT_EQ(invalid({}),
            "no paths to index (give files or folders, or - for standard "
            "input)");
  EXPECT_EQ(invalid({"-", "news", "-"}),
            "'-' (standard input) can be given only once");
  EXPECT_EQ(invalid({"--compact", "--rebuild"}),
            "--rebuild and --prune need the paths to index");
  EXPECT_EQ(invalid({"--compact", "--prune"}),
            "--rebuild and --prune need the paths to index");
  EXPECT_EQ(invalid({"--language", "klingon", "news"})
                .rfind("unknown stemming language 'klingon'", 0),
            0u);
  EXPECT_EQ(invalid({"--language", "none", "news"}), "");
}

// Options set in code rather than parsed (CLI11 rejects --format pdf).
TEST(IndexOptions, AnUnknownFormatSetInCodeIsAUsageError) {
  IndexOptions o = parse({"news"});
  o.format = "pdf";
  try {
    validate_options(o);
    FAIL() << "no error";
  } catch (const UsageError& e) {
    EXPECT_EQ(std::string(e.what()),
              "unknown format 'pdf' (known: auto, text, markdown, html, "
              "jsonl, json, sgml)");
  }
}

}  // namespace
}  // namespace lede::indexer
