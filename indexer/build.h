#pragma once
// The database side of one lede-index run: a Build takes a locked lede
// database directory (indexer/database_dir.h) from the state it was found
// in to the run's result, and decides how the documents are written.
//
// Write strategies (choose_strategy()):
//  * kIncremental: into the current generation. Readers see each commit
//    (every --batch-docs documents or --batch-mb MB); --prune deletes at
//    the end.
//  * kRebuild (--rebuild, one writer): into a new generation beside the
//    current one; at the end one stub rename makes it current. Interrupted,
//    the new generation is removed and the database is as it was.
//  * kShards (a fresh build: an empty database or --rebuild, with two
//    jobs or more): shards written in parallel (indexer/sinks.h ShardSink),
//    merged into a new generation at the end. For an empty database the
//    stub lists the shards while they are written, so readers see every
//    committed batch and a killed run leaves a readable database (the next
//    run merges it: open_for_writing()); for --rebuild it does not, and an
//    interrupted rebuild leaves the database as it was.
//  * kShardSet (a sharded database, lede-index --shards N): into its N
//    shards in place, in parallel (indexer/sinks.h ShardSetSink), each
//    document in the shard its id hashes to. As kIncremental, per shard:
//    readers see each shard's commits, a killed run leaves every shard at
//    its last commit and the stub as it was; --prune deletes in every shard.
//  * kShardSetRebuild (--rebuild of a sharded database, or a new shard
//    count for a database that is empty or rebuilt: a re-shard): into the N
//    shards of a new generation; at the end one stub rename makes them the
//    database. Interrupted, they are removed and the database is as it was.
//  * kNone: no inputs (--compact alone).
// --compact then compacts the result (a merge of shards already is); a
// sharded database is folded into one generation (its shard count becomes
// 1).
//
// A Build counts everything about the units it is given into its Summary:
// the sink counts what becomes of each document (added, updated,
// unchanged, or skipped for its id), the Build the rest of each unit (its
// reports, dates, bytes, file). It marks each report an earlier run made
// too (Report::known, indexer/known_problems.h) and, unless interrupted,
// leaves what this run skipped or failed in the database for the next.
//
// REQUIRES: the caller holds the database's lock (indexer/db_lock.h).
// No walking, parsing or printing here, beyond progress phases.
// Thread safety: one thread at a time.
#include <memory>
#include <set>
#include <string>
#include <vector>

#include "common/index_meta.h"
#include "indexer/database_dir.h"
#include "indexer/known_problems.h"
#include "indexer/pipeline.h"
#include "indexer/sinks.h"
#include "indexer/summary.h"

namespace lede::indexer {

enum class WriteStrategy {
  kNone,
  kIncremental,
  kRebuild,
  kShards,
  kShardSet,
  kShardSetRebuild,
};

// What the options ask of the database (IndexOptions, resolved).
struct BuildPlan {
  IndexSettings requested;          // --language, --title-weight, --field,
                                    // --shards
  bool language_given = false;      // ... each given on the command line
  bool title_weight_given = false;
  bool shards_given = false;
  bool rebuild = false;             // --rebuild
  bool prune = false;               // --prune
  bool compact = false;             // --compact
  unsigned jobs = 1;                // threads (resolve_jobs())
  BatchLimits limits;               // --batch-docs, --batch-mb
};

// More shards than this buy nothing: the merge gets slower and every
// shard holds a batch in memory.
inline constexpr unsigned kMaxShards = 4;

// What the walk found, as the build needs it.
struct BuildInputs {
  bool any = false;                // anything to index (a walk problem too)
  std::set<std::string> present;   // file keys of the files found ("-": stdin)
  std::vector<std::string> roots;  // file keys of the roots that exist
};

// "the fields place=places, people=people" or "no fields of its own".
[[nodiscard]] std::string describe_user_fields(
    const std::vector<UserField>& fields);

// A database made ready for writing by open_for_writing().
struct WritableState {
  std::string current;     // the generation the stub lists (its first shard)
  std::vector<std::string> entries;  // all it lists: current, or the shards
  IndexSettings settings;  // the settings documents are built with
  bool empty = true;       // the database holds no documents
  // The database's fields a --rebuild does not name again (so drops).
  std::vector<UserField> dropped_fields;
  // settings.shards differs from the database's shard count: the build
  // makes a new generation (as --rebuild does).
  bool reshard = false;
};

// Makes `*dir` ready for a build: creates it with plan.requested when it is
// not a lede database yet, removes the leftovers of an interrupted run,
// merges the shards a killed parallel build left listed (showing that
// phase on `progress`; never a sharded database's shards), and settles the
// settings: a database keeps its own, and asking for others without
// --rebuild is a UsageError (a rebuild keeps the stored language and title
// weight unless asked otherwise, and has the fields it names, no other),
// except that an empty database may be given another shard count. Stores
// the settings in a database that has none. Throws lede::Error when `dir`
// holds something
// else than a lede database.
[[nodiscard]] WritableState open_for_writing(DatabaseDir* dir,
                                             const BuildPlan& plan,
                                             Progress* progress);

// How a run writes, from the plan, whether the current generation is empty,
// whether there is anything to index and the shard count to write (the
// settled settings.shards; a re-shard is planned as a rebuild).
[[nodiscard]] WriteStrategy choose_strategy(const BuildPlan& plan,
                                            bool empty, bool has_inputs,
                                            unsigned shards = 1);

class Build {
 public:
  // Chooses the strategy and makes its targets: for kRebuild and kShards
  // a new generation or its shards (for the shards of an empty database,
  // a stub listing them). `state` as open_for_writing() returned it.
  Build(DatabaseDir dir, WritableState state, BuildPlan plan,
        BuildInputs inputs);
  ~Build();
  Build(const Build&) = delete;
  Build& operator=(const Build&) = delete;

  [[nodiscard]] WriteStrategy strategy() const { return strategy_; }
  // Whether put() takes units (false for kNone).
  [[nodiscard]] bool writes() const { return sink_ != nullptr; }
  [[nodiscard]] const IndexSettings& settings() const {
    return state_.settings;
  }
  // The generation the pipeline checks content hashes against, or "" for
  // a fresh build (an empty database or --rebuild: every article is built).
  [[nodiscard]] std::string snapshot_path() const;

  // Writes the unit's documents and counts the unit. A document skipped
  // (an id another input has: indexer/sinks.h) is counted and its report
  // appended to unit->reports, which the caller prints. Sets the reports'
  // `known`.
  // REQUIRES: writes(); units in input order.
  void put(UnitResult* unit);

  // The input has ended, or was `interrupted`. Unless interrupted, decides
  // the documents that waited for the end of the input (an id held by a
  // file this run read later: IncrementalSink::settle()). Returns the
  // reports of those skipped, counted and marked `known`, for the caller
  // to print.
  // Call once, after the last put().
  [[nodiscard]] std::vector<Report> end_input(bool interrupted);

  // The counts so far.
  [[nodiscard]] const Summary& summary() const { return summary_; }

  // Commits what was written and makes it the database (stub rename,
  // merge, --prune, --compact, the problems to remember), or, when the
  // input was interrupted, leaves what the strategy's rules say (above).
  // Returns the final
  // counts, with the documents the database holds.
  // Call once, after end_input().
  Summary finish(Progress* progress);

 private:
  // One stub rename makes `entries` (a generation, or the shards of one)
  // the database; the entries it replaces are removed.
  void make_current(const std::vector<std::string>& entries);
  // --compact: folds the database's entries into one compacted generation.
  void compact(Progress* progress);
  // kShards: merges the shards into the target and makes it current, or,
  // interrupted, keeps or removes them (above).
  void finish_shards(bool interrupted, Progress* progress);

  DatabaseDir dir_;
  WritableState state_;
  BuildPlan plan_;
  WriteStrategy strategy_;
  std::string target_;               // the generation written
  std::vector<std::string> shards_;  // kShards*: the shard entries
  std::unique_ptr<DocumentSink> sink_;
  IncrementalSink* incremental_ = nullptr;  // sink_, for --prune
  ShardSetSink* shard_set_ = nullptr;       // sink_, kShardSet*
  BuildInputs inputs_;
  KnownProblems known_;              // what earlier runs reported
  std::set<std::string> parsed_;     // files read and parsed, for --prune
  Summary summary_;
};

}  // namespace lede::indexer
