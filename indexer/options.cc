#include "indexer/options.h"

#include <algorithm>
#include <exception>
#include <string>
#include <thread>

#include "common/analyzer.h"
#include "common/database_path.h"
#include "common/error.h"
#include "indexer/formats.h"
#include "indexer/input_reader.h"

namespace lede::indexer {

namespace {

constexpr const char* kInputs = "Inputs";
constexpr const char* kDatabase = "Database";
constexpr const char* kSpeed = "Speed";
constexpr const char* kOutput = "Output";

// The ranges of the numeric options, checked by CLI11 and said in words in
// their help ("1 to 100"): the validators carry no description, so --help
// shows one placeholder, not CLI11's "N:UINT in [1 - 100]".
struct Bounds {
  unsigned lo, hi;
  std::string words() const {
    return std::to_string(lo) + " to " + std::to_string(hi);
  }
  // A whole number in range, else "must be a whole number from 1 to 100,
  // not '-1'" (CLI11's own conversion error would say "Could not convert").
  CLI::Validator check() const {
    const Bounds b = *this;
    return CLI::Validator(
        [b](std::string& v) -> std::string {
          const bool digits =
              !v.empty() && v.size() <= 10 &&
              v.find_first_not_of("0123456789") == std::string::npos;
          const unsigned long n = digits ? std::stoul(v) : 0;
          if (!digits || n < b.lo || n > b.hi) {
            return "must be a whole number from " + b.words() + ", not '" +
                   v + "'";
          }
          return {};
        },
        "");
  }
};
constexpr Bounds kJobs{0, 1024};
constexpr Bounds kTitleWeight{1, 100};
constexpr Bounds kBatchDocs{1, 10000000};
constexpr Bounds kBatchMb{1, 100000};
constexpr Bounds kShards{1, 64};

// --wait SECONDS: a number from 0 to kMaxWait (CLI::NonNegativeNumber
// would name the largest double in its error and ":NONNEGATIVE" in --help).
constexpr double kMaxWait = 1000000;
const char* const kMaxWaitWords = "0 to 1000000";

CLI::Validator seconds_check() {
  return CLI::Validator(
      [](std::string& v) -> std::string {
        double d = -1;
        try {
          std::size_t used = 0;
          d = std::stod(v, &used);
          if (used != v.size()) d = -1;
        } catch (const std::exception&) {
        }
        if (!(d >= 0 && d <= kMaxWait)) {
          return std::string("must be a number of seconds, ") +
                 kMaxWaitWords + ", not '" + v + "'";
        }
        return {};
      },
      "");
}

}  // namespace

void add_index_options(CLI::App* app, IndexOptions* o) {
  app->add_option("paths", o->paths,
                  "Files and folders to index (folders recursively, in "
                  "sorted order); '-' reads JSON Lines from standard input")
      ->type_name("PATH")
      ->group(kInputs);
  app->add_option("--include", o->include,
                  "Only index files whose name or relative path matches GLOB "
                  "(repeatable)")
      ->type_name("GLOB")
      ->expected(1)
      ->allow_extra_args(false)
      ->multi_option_policy(CLI::MultiOptionPolicy::TakeAll)
      ->group(kInputs);
  app->add_option("--exclude", o->exclude,
                  "Skip files and folders matching GLOB (repeatable)")
      ->type_name("GLOB")
      ->expected(1)
      ->allow_extra_args(false)
      ->multi_option_policy(CLI::MultiOptionPolicy::TakeAll)
      ->group(kInputs);
  app->add_flag("--hidden", o->hidden,
                "Also index hidden files and folders (names starting with .)")
      ->group(kInputs);
  app->add_flag("--follow-symlinks", o->follow_symlinks,
                "Follow symbolic links (loops are detected)")
      ->group(kInputs);
  app->add_option("--format", o->format,
                  "Input format: auto (by extension and content), text, "
                  "markdown, html, jsonl, json, sgml (Reuters-21578)")
      ->type_name("FORMAT")
      ->check(CLI::Validator(
          [](std::string& v) -> std::string {
            try {
              (void)parse_format_name(v);
            } catch (const UsageError& e) {
              return e.what();
            }
            return {};
          },
          ""))
      ->group(kInputs);
  app->add_option_function<std::vector<std::string>>(
         "--field",
         [o](const std::vector<std::string>& specs) {
           try {
             o->fields = parse_field_map(specs);
           } catch (const UsageError& e) {
             throw CLI::ValidationError("--field", e.what());
           }
         },
         "Read article field NAME from JSON key KEY, e.g. title=hed "
         "(repeatable; NAME: id, title, text, date, source, author, url, "
         "tags, or another name for a field of the database's own, read "
         "from the JSON key, front-matter key or header line KEY, e.g. "
         "place=places)")
      ->type_name("NAME=KEY")
      ->expected(1)
      ->allow_extra_args(false)
      ->multi_option_policy(CLI::MultiOptionPolicy::TakeAll)
      ->group(kInputs);
  app->add_option_function<std::string>(
         "--max-file-size",
         [o](const std::string& v) {
           try {
             o->max_file_size = parse_size(v);
           } catch (const UsageError& e) {
             throw CLI::ValidationError("--max-file-size", e.what());
           }
         },
         "Skip files larger than SIZE, before or after decompression "
         "(default 64MiB; 64M, 64MiB or bytes)")
      ->type_name("SIZE")
      ->group(kInputs);

  // Repeatable in lede-query; here a second --db is named as the mistake
  // (CLI11 would say "At Most 1 required but received 2").
  app->add_option_function<std::vector<std::string>>(
         "--db",
         [o](const std::vector<std::string>& dbs) {
           if (dbs.size() > 1) {
             throw CLI::ValidationError(
                 "--db", "given " + std::to_string(dbs.size()) +
                             " times; lede-index writes one database (give "
                             "--db once)");
           }
           o->db = dbs.front();
         },
         kDatabaseOptionHelp)
      ->type_name("DIR")
      ->expected(1)
      ->allow_extra_args(false)
      ->multi_option_policy(CLI::MultiOptionPolicy::TakeAll)
      ->group(kDatabase);
  app->add_option("--language", o->language,
                  "Stemming language of a new database (english, german, "
                  "..., or none)")
      ->type_name("LANG")
      ->each([o](const std::string&) { o->language_given = true; })
      ->group(kDatabase);
  app->add_option("--title-weight", o->title_weight,
                  "How many times a title word counts against a body word, " +
                      kTitleWeight.words() +
                      " (default 3; stored in the database)")
      ->type_name("N")
      ->check(kTitleWeight.check())
      ->each([o](const std::string&) { o->title_weight_given = true; })
      ->group(kDatabase);
  app->add_flag("--prune", o->prune,
                "Delete documents whose files are gone from the paths given "
                "(and records gone from re-indexed JSON files)")
      ->group(kDatabase);
  app->add_flag("--rebuild", o->rebuild,
                "Build the database anew from the paths given; readers see "
                "the old one until the new one is complete")
      ->group(kDatabase);
  app->add_flag("--compact", o->compact,
                "Compact the database after indexing (atomically); a sharded "
                "database is folded into one; without paths, only compact")
      ->group(kDatabase);
  app->add_option("--shards", o->shards,
                  "Split a new database into N shards, " + kShards.words() +
                      ", written in parallel (stored; with --rebuild, "
                      "re-shards)")
      ->type_name("N")
      ->check(kShards.check())
      ->each([o](const std::string&) { o->shards_given = true; })
      ->group(kDatabase);
  app->add_option("--wait", o->wait_seconds,
                  std::string("If another lede-index holds the database, "
                              "wait up to SECONDS for it, ") +
                      kMaxWaitWords + " (default 0: fail at once)")
      ->type_name("SECONDS")
      ->check(seconds_check())
      ->group(kDatabase);

  app->add_option("-j,--jobs", o->jobs,
                  "Worker threads for reading, parsing and analysis, " +
                      kJobs.words() + " (default 0: all cores)")
      ->type_name("N")
      ->check(kJobs.check())
      ->group(kSpeed);
  app->add_option("--batch-docs", o->batch_docs,
                  "Commit after every N documents, " + kBatchDocs.words() +
                      " (default 1000)")
      ->type_name("N")
      ->check(kBatchDocs.check())
      ->group(kSpeed);
  app->add_option("--batch-mb", o->batch_mb,
                  "... or after every N MB of article text, " +
                      kBatchMb.words() + " (default 64)")
      ->type_name("N")
      ->check(kBatchMb.check())
      ->group(kSpeed);

  app->add_flag("-q,--quiet", o->quiet,
                "Print nothing but new errors (no progress, warnings, summary "
                "or problems as in an earlier run)")
      ->group(kOutput);
  app->add_flag("--json", o->json,
                "Print the summary as one JSON object on standard output")
      ->group(kOutput);
  app->add_flag("--version", o->version,
                "Print the versions of lede, Xapian and ICU")
      ->group(kOutput);
}

void validate_options(const IndexOptions& o) {
  if (o.paths.empty() && !o.compact) {
    throw UsageError(
        "no paths to index (give files or folders, or - for standard "
        "input)");
  }
  if (std::count(o.paths.begin(), o.paths.end(), "-") > 1) {
    throw UsageError("'-' (standard input) can be given only once");
  }
  if (o.paths.empty() && (o.rebuild || o.prune)) {
    throw UsageError("--rebuild and --prune need the paths to index");
  }
  if (o.compact && o.shards_given && o.shards > 1) {
    throw UsageError(
        "--compact folds a database into one; it cannot go with --shards " +
        std::to_string(o.shards));
  }
  AnalyzerConfig analyzer;
  analyzer.language = o.language;
  analyzer.validate();
  (void)parse_format_name(o.format);  // CLI11 checks it too, as parsed
}

unsigned resolve_jobs(unsigned jobs) {
  if (jobs != 0) return jobs;
  const unsigned n = std::thread::hardware_concurrency();
  return n == 0 ? 1 : n;
}

}  // namespace lede::indexer
