#include "indexer/run.h"

#include <iostream>

#include "common/error.h"
#include "indexer/corpus_walker.h"
#include "indexer/dates.h"
#include "indexer/document_builder.h"
#include "indexer/formats.h"
#include "indexer/index_writer.h"
#include "indexer/input_reader.h"

namespace lede::indexer {

namespace {

struct Summary {
  std::uint64_t added = 0, updated = 0, unchanged = 0, skipped = 0, failed = 0;
};

}  // namespace

int run(const IndexOptions& o, std::ostream& out, std::ostream& err) {
  (void)out;
  IndexSettings requested;
  requested.analyzer.language = o.language;
  requested.analyzer.validate();
  requested.title_weight = o.title_weight;
  const std::string db_path = resolve_db_path(o.db);
  IndexWriter writer(db_path, requested,
                     o.language_given || o.title_weight_given);
  Analyzer analyzer(writer.settings().analyzer);
  AnalysisStats stats;
  const Format forced = parse_format_name(o.format);
  Summary s;
  std::uint64_t since_commit = 0;

  auto on_problem = [&](const WalkProblem& p) {
    err << "lede-index: " << p.path << ": " << p.message << "\n";
    ++(p.is_error ? s.failed : s.skipped);
  };
  auto on_file = [&](const InputFile& file) {
    ReadOutcome read = read_input(file.path, kDefaultMaxFileSize);
    if (!read.error.empty()) {
      on_problem({file.path, read.error, true});
      return;
    }
    const std::string& bytes = read.bytes;
    const Format format =
        forced != Format::kAuto ? forced : detect_format(file.path, bytes);
    Parsed parsed = parse(bytes, format, file.path, file.id_base);
    for (const Problem& p : parsed.problems) {
      err << "lede-index: " << file.path;
      if (p.line != 0) err << ":" << p.line;
      err << ": " << p.message << "\n";
    }
    if (parsed.articles.empty()) ++s.skipped;
    for (Article& a : parsed.articles) {
      a.date = normalize_date(a.date_raw);
      const std::string term = id_term(a.id);
      const std::string hash = content_hash(a);
      if (writer.unchanged(term, hash)) {
        ++s.unchanged;
        continue;
      }
      Xapian::Document doc =
          build_document(a, writer.settings(), &analyzer, &stats);
      switch (writer.write(term, hash, doc)) {
        case WriteOutcome::kAdded: ++s.added; break;
        case WriteOutcome::kUpdated: ++s.updated; break;
        case WriteOutcome::kUnchanged: ++s.unchanged; break;
      }
      if (++since_commit >= 1000) {
        writer.commit();
        since_commit = 0;
      }
    }
  };
  walk(o.paths, WalkOptions{}, on_file, on_problem);
  writer.commit();
  if (!o.quiet) {
    err << "lede-index: " << s.added << " added, " << s.updated << " updated, "
        << s.unchanged << " unchanged, " << s.skipped << " skipped, "
        << s.failed << " failed; " << writer.doc_count()
        << " documents in " << db_path << "\n";
  }
  return s.failed + s.skipped > 0 ? 1 : 0;
}

int run_main(int argc, char** argv, std::ostream& out, std::ostream& err) {
  CLI::App app{"lede-index: index news articles into a lede database",
               "lede-index"};
  IndexOptions options;
  add_index_options(&app, &options);
  try {
    app.parse(argc, argv);
  } catch (const CLI::ParseError& e) {
    if (e.get_exit_code() == 0) {
      out << app.help();
      return 0;
    }
    err << "lede-index: " << e.what() << "\n"
        << "Try 'lede-index --help' for more information.\n";
    return 2;
  }
  try {
    return run(options, out, err);
  } catch (const Xapian::Error& e) {
    err << "lede-index: " << e.get_description() << "\n";
  } catch (const std::exception& e) {
    err << "lede-index: " << e.what() << "\n";
  }
  return 2;
}

}  // namespace lede::indexer
