#include "indexer/run.h"

#include <unistd.h>

#include <filesystem>
#include <iostream>
#include <optional>
#include <set>

#include "common/database_path.h"
#include "common/error.h"
#include "common/safe_text.h"
#include "common/version.h"
#include "indexer/build.h"
#include "indexer/corpus_walker.h"
#include "indexer/database_dir.h"
#include "indexer/db_lock.h"
#include "indexer/document_builder.h"
#include "indexer/formats.h"
#include "indexer/pipeline.h"
#include "indexer/signals.h"
#include "indexer/summary.h"

namespace lede::indexer {

namespace fs = std::filesystem;

namespace {

// What the walk found: the pipeline's inputs and what the build needs.
struct Inputs {
  std::vector<Input> list;
  BuildInputs found;
  std::uint64_t files = 0;
  std::uint64_t bytes = 0;
};

Inputs collect_inputs(const IndexOptions& o, const std::string& db_path) {
  Inputs in;
  WalkOptions walk_options;
  walk_options.database = db_path;
  walk_options.hidden = o.hidden;
  walk_options.follow_symlinks = o.follow_symlinks;
  walk_options.include = o.include;
  walk_options.exclude = o.exclude;
  bool database_noted = false;  // the database being written: one note
  for (const std::string& root : o.paths) {
    if (root == "-") {
      Input stdin_input;
      stdin_input.kind = Input::Kind::kStdin;
      in.list.push_back(stdin_input);
      in.found.present.insert("-");
      in.found.roots.push_back("-");
      ++in.files;
      continue;
    }
    std::error_code ec;
    if (fs::exists(root, ec)) in.found.roots.push_back(file_key(root));
    walk(
        {root}, walk_options,
        [&](const InputFile& f) {
          Input input;
          input.file = f;
          input.key = file_key(f.path);
          // A file named twice (`lede-index . ./`, or a folder and a file
          // in it) is read once: the first time it is reached.
          if (!in.found.present.insert(input.key).second) return;
          in.list.push_back(std::move(input));
          ++in.files;
          in.bytes += f.size;
        },
        [&](const WalkProblem& p) {
          if (p.message == kSkippedDatabaseBeingWritten) {
            if (database_noted) return;
            database_noted = true;
          }
          Input input;
          input.kind = Input::Kind::kProblem;
          // A path the user named that is missing is an error every
          // time (no file key: never "as in an earlier run").
          input.problem = {p.path, p.message,
                           p.is_error ? Report::Kind::kFailed
                                      : Report::Kind::kWarning,
                           p.path == root ? "" : file_key(p.path)};
          in.list.push_back(std::move(input));
        });
  }
  in.found.any = !in.list.empty();
  return in;
}

// A Xapian failure in lede's words: what failed, on which database, why
// (the system's reason when there is one), and Xapian's own message last.
std::string xapian_failure(const Xapian::Error& e, const std::string& db) {
  const std::string msg = e.get_msg();
  const char* why = e.get_error_string();
  const std::string type = e.get_type();
  std::string what;
  if (type == "DatabaseCorruptError") {
    what = "'" + db + "' is damaged";
  } else if (type == "DatabaseLockError") {
    what = "'" + db + "' is locked by another program writing it";
  } else if (msg.starts_with("Error writing") ||
             msg.starts_with("Couldn't write")) {
    what = "cannot write to '" + db + "'";
  } else if (msg.starts_with("Error reading")) {
    what = "cannot read '" + db + "'";
  } else {
    what = "Xapian failed on '" + db + "'";
  }
  if (why != nullptr && *why != '\0') what += std::string(": ") + why;
  return what + " (Xapian " + type + ": " + msg + ")";
}

// What the database at `db` holds now, as readers see it: its last commit.
std::string last_commit(const std::string& db) {
  try {
    const Xapian::doccount n = Xapian::Database(db).get_doccount();
    return "'" + db + "' holds its last commit: " + std::to_string(n) +
           (n == 1 ? " document" : " documents");
  } catch (const Xapian::Error& e) {
    return "'" + db + "' cannot be read now: " + e.get_msg();
  }
}

// What the options ask of the database.
BuildPlan build_plan(const IndexOptions& o) {
  BuildPlan plan;
  plan.requested.analyzer.language = o.language;
  plan.requested.title_weight = o.title_weight;
  plan.requested.fields = user_fields_of(o.fields);
  plan.requested.shards = o.shards;
  plan.shards_given = o.shards_given;
  plan.language_given = o.language_given;
  plan.title_weight_given = o.title_weight_given;
  plan.rebuild = o.rebuild;
  plan.prune = o.prune;
  plan.compact = o.compact;
  plan.jobs = resolve_jobs(o.jobs);
  plan.limits = {o.batch_docs, static_cast<std::uint64_t>(o.batch_mb) << 20};
  return plan;
}

// How the pipeline reads and builds documents for `build`.
PipelineConfig pipeline_config(const IndexOptions& o, const Build& build,
                               unsigned jobs) {
  PipelineConfig config;
  config.forced_format = parse_format_name(o.format);
  config.fields = o.fields;
  // The database's own fields are read whether this run names them or
  // not.
  for (const UserField& f : build.settings().fields) {
    config.fields[f.name] = f.key;
  }
  config.max_file_size = o.max_file_size;
  config.settings = build.settings();
  config.jobs = jobs;
  config.snapshot_path = build.snapshot_path();
  return config;
}

}  // namespace

std::string version_line() { return lede::version_line("lede-index"); }

int run(const IndexOptions& o, std::ostream& out, std::ostream& err) {
  const double start = now_seconds();
  validate_options(o);
  const std::string db_path = resolve_db_path(o.db);
  if (const std::string problem = database_path_problem(db_path);
      !problem.empty()) {
    throw UsageError(problem);
  }
  DatabaseDir dir(db_path);
  if (o.paths.empty() && !dir.has_stub()) {
    throw Error("no database at '" + db_path + "' to compact");
  }
  // The database, locked and ready.
  DbLock lock(db_path, o.wait_seconds);
  const BuildPlan plan = build_plan(o);
  Progress progress(err, !o.quiet && isatty(STDERR_FILENO) == 1, 0, 0);
  WritableState state = open_for_writing(&dir, plan, &progress);
  if (!state.dropped_fields.empty() && !o.quiet) {
    err << "lede-index: --rebuild drops "
        << describe_user_fields(state.dropped_fields)
        << " (not named by --field in this run)\n";
  }

  // Walk.
  Inputs inputs = collect_inputs(o, db_path);
  Progress live(err, progress.enabled(), inputs.files, inputs.bytes);
  Build build(dir, std::move(state), plan, std::move(inputs.found));

  // Pipeline -> build.
  auto print_reports = [&](const std::vector<Report>& reports) {
    for (const Report& report : reports) {
      // -q: only what is new and not a warning.
      if (!o.quiet ||
          (report.kind != Report::Kind::kWarning && !report.known)) {
        live.clear();
        print_report(err, report, report.known);
      }
    }
  };
  if (build.writes()) {
    Pipeline pipeline(std::move(inputs.list),
                      pipeline_config(o, build, plan.jobs));
    while (std::optional<UnitResult> r = pipeline.next()) {
      build.put(&*r);
      print_reports(r->reports);
      const Summary& s = build.summary();
      live.update(s.files, s.bytes, s.added + s.updated + s.unchanged);
    }
  }
  print_reports(build.end_input(interrupted()));
  Summary s = build.finish(&live);

  // Report.
  s.seconds = now_seconds() - start;
  live.clear();
  if (o.json) {
    print_summary_json(out, s);
  } else if (!o.quiet) {
    print_summary_text(err, s);
  }
  return s.exit_status();
}

int run_main(int argc, char** argv, std::ostream& out, std::ostream& err) {
  CLI::App app{
      "lede-index: index news articles (text, Markdown, HTML, JSON Lines) "
      "into a lede database",
      "lede-index"};
  app.footer(
      "Exit status: 0 all inputs went in (or only those skipped as in an "
      "earlier run were not), 1 something new was skipped or failed (the "
      "rest is committed), 2 fatal or usage error, 130 interrupted.");
  IndexOptions options;
  add_index_options(&app, &options);
  try {
    app.parse(argc, argv);
  } catch (const CLI::ParseError& e) {
    if (e.get_exit_code() == 0) {
      out << app.help();
      return 0;
    }
    err << "lede-index: " << escaped(e.what()) << "\n"
        << "Try 'lede-index --help' for more information.\n";
    return 2;
  }
  if (options.version) {
    out << version_line() << "\n";
    return 0;
  }
  install_interrupt_handlers();
  const std::string db = resolve_db_path(options.db);
  try {
    return run(options, out, err);
  } catch (const Xapian::Error& e) {
    err << "lede-index: " << escaped(xapian_failure(e, db)) << "\n";
    err << "lede-index: " << escaped(last_commit(db)) << "\n";
  } catch (const DatabaseWriteError& e) {
    err << "lede-index: " << escaped(e.what()) << "\n";
    err << "lede-index: " << escaped(last_commit(db)) << "\n";
  } catch (const std::exception& e) {
    err << "lede-index: " << escaped(e.what()) << "\n";
  }
  return 2;
}

}  // namespace lede::indexer
