#include "indexer/run.h"

#include <algorithm>
#include <filesystem>
#include <fstream>
#include <iostream>
#include <sstream>

#include "common/error.h"
#include "indexer/document_builder.h"
#include "indexer/formats.h"
#include "indexer/index_writer.h"

namespace lede::indexer {

namespace fs = std::filesystem;

namespace {

struct Summary {
  std::uint64_t added = 0, updated = 0, unchanged = 0, skipped = 0, failed = 0;
};

// Files under `root`, sorted, hidden names skipped.
std::vector<fs::path> list_files(const fs::path& root) {
  std::vector<fs::path> files;
  std::error_code ec;
  if (!fs::is_directory(root, ec)) {
    files.push_back(root);
    return files;
  }
  for (auto it = fs::recursive_directory_iterator(root, ec);
       it != fs::recursive_directory_iterator(); it.increment(ec)) {
    if (ec) break;
    const std::string name = it->path().filename().string();
    if (!name.empty() && name.front() == '.') {
      if (it->is_directory()) it.disable_recursion_pending();
      continue;
    }
    if (it->is_regular_file()) files.push_back(it->path());
  }
  std::sort(files.begin(), files.end());
  return files;
}

// Keeps a leading ISO date; anything else is left unparsed for now.
std::string normalise_date(const std::string& raw) {
  return date_value(raw).empty() ? std::string() : raw.substr(0, 10);
}

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

  for (const std::string& root_arg : o.paths) {
    const fs::path root(root_arg);
    std::error_code ec;
    if (!fs::exists(root, ec)) {
      err << "lede-index: " << root_arg << ": no such file or directory\n";
      ++s.failed;
      continue;
    }
    const bool root_is_dir = fs::is_directory(root, ec);
    for (const fs::path& file : list_files(root)) {
      const std::string shown = file.string();
      std::ifstream in(file, std::ios::binary);
      std::stringstream buf;
      buf << in.rdbuf();
      if (!in) {
        err << "lede-index: " << shown << ": cannot read\n";
        ++s.failed;
        continue;
      }
      const std::string bytes = buf.str();
      const Format format =
          forced != Format::kAuto ? forced : detect_format(shown, bytes);
      const std::string id_base =
          root_is_dir ? fs::relative(file, root).string() : file.filename().string();
      Parsed parsed = parse(bytes, format, shown, id_base);
      for (const Problem& p : parsed.problems) {
        err << "lede-index: " << shown;
        if (p.line != 0) err << ":" << p.line;
        err << ": " << p.message << "\n";
      }
      if (parsed.articles.empty()) ++s.skipped;
      for (Article& a : parsed.articles) {
        a.date = normalise_date(a.date_raw);
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
    }
  }
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
