#include "common/index_meta.h"

#include <sys/stat.h>

#include <charconv>
#include <filesystem>
#include <utility>

#include "common/document_data.h"
#include "common/error.h"
#include "common/schema.h"
#include "common/version.h"

namespace lede {

void write_index_settings(Xapian::WritableDatabase* db,
                          const IndexSettings& settings) {
  db->set_metadata(std::string(meta::kSchema), std::to_string(kSchemaVersion));
  db->set_metadata(std::string(meta::kAnalyzer), settings.analyzer.serialize());
  db->set_metadata(std::string(meta::kTitleWeight),
                   std::to_string(settings.title_weight));
  db->set_metadata(std::string(meta::kVersion), std::string(version()));
  db->set_metadata(std::string(meta::kFields),
                   serialize_user_fields(settings.fields));
  db->set_metadata(std::string(meta::kShards),
                   settings.shards > 1 ? std::to_string(settings.shards) : "");
}

StoredSettings read_index_settings(const Xapian::Database& db,
                                   const std::string& path) {
  StoredSettings out;
  const std::string schema = db.get_metadata(std::string(meta::kSchema));
  if (schema.empty()) {
    if (db.get_doccount() == 0) return out;
    throw Error("'" + path + "' is a Xapian database but not a lede database");
  }
  if (schema != std::to_string(kSchemaVersion)) {
    throw Error("'" + path + "' has lede schema version " + schema +
                " and this lede reads version " +
                std::to_string(kSchemaVersion) +
                "; rebuild it with lede-index --rebuild");
  }
  try {
    out.settings.analyzer = AnalyzerConfig::parse(
        db.get_metadata(std::string(meta::kAnalyzer)));
  } catch (const Error& e) {
    throw Error("'" + path + "': " + e.what());
  }
  const std::string weight = db.get_metadata(std::string(meta::kTitleWeight));
  unsigned w = 0;
  auto [ptr, ec] = std::from_chars(weight.data(), weight.data() + weight.size(), w);
  if (ec != std::errc() || ptr != weight.data() + weight.size() || w == 0) {
    throw Error("'" + path + "': title weight '" + weight + "' is malformed");
  }
  out.settings.title_weight = w;
  if (!parse_user_fields(db.get_metadata(std::string(meta::kFields)),
                         &out.settings.fields)) {
    throw Error("'" + path + "': the list of fields is malformed");
  }
  const std::string shards = db.get_metadata(std::string(meta::kShards));
  if (!shards.empty()) {
    unsigned n = 0;
    auto [p, e] = std::from_chars(shards.data(), shards.data() + shards.size(), n);
    if (e != std::errc() || p != shards.data() + shards.size() || n == 0) {
      throw Error("'" + path + "': shard count '" + shards + "' is malformed");
    }
    out.settings.shards = n;
  }
  out.has_settings = true;
  return out;
}

namespace {

namespace fs = std::filesystem;

// The stub file of a lede database (indexer/database_dir.h).
constexpr const char* kStub = "XAPIANDB";

bool is_file(const fs::path& p) {
  std::error_code ec;
  return fs::is_regular_file(p, ec);
}

// Which stub file `path` has now (a new stub is renamed over the old one:
// another inode), or {0, 0} when it has none.
std::pair<dev_t, ino_t> stub_identity(const std::string& path) {
  struct stat st {};
  if (stat((fs::path(path) / kStub).c_str(), &st) != 0) return {0, 0};
  return {st.st_dev, st.st_ino};
}

// Opens `path` with Xapian. lede-index switches the stub to a new
// generation and then removes the ones the old stub listed (after a merge,
// --rebuild, --compact), so a reader that read the old stub can find its
// generation gone or half removed. When the stub was replaced meanwhile,
// opening again reads the new one.
Xapian::Database open_following_the_stub(const std::string& path) {
  constexpr int kAttempts = 5;
  for (int attempt = 1;; ++attempt) {
    const auto stub = stub_identity(path);
    try {
      return Xapian::Database(path);
    } catch (const Xapian::DatabaseOpeningError&) {
      if (attempt == kAttempts || stub_identity(path) == stub) throw;
    }
  }
}

}  // namespace

bool is_database_folder(const std::string& dir) {
  for (const char* marker : {kStub, "iamglass", "iamhoney", "iamchert"}) {
    if (is_file(fs::path(dir) / marker)) return true;
  }
  return false;
}

std::string part_of_database_problem(const std::string& path) {
  std::error_code ec;
  const fs::path p(path);
  // The folder holding `path`, if that is a lede database.
  // Without a trailing '/': "db/" and "." name the folder itself.
  auto folder = [](fs::path f) {
    f = f.lexically_normal();
    return f.has_filename() ? f : f.parent_path();
  };
  const fs::path parent = folder(fs::absolute(p, ec)).parent_path();
  if (ec || !is_file(parent / kStub)) return {};
  std::string shown = folder(p).parent_path().string();
  if (shown.empty()) shown.push_back('.');
  // (Appended, not "'" + path + ...: GCC 12's bogus -Wrestrict.)
  std::string out = "'";
  out.append(path).append("' is part of the lede database '");
  return out.append(shown).append("'; give --db ").append(shown);
}

std::string database_path_problem(const std::string& path) {
  if (std::string problem = part_of_database_problem(path); !problem.empty()) {
    return problem;
  }
  std::error_code ec;
  const fs::path p(path);
  if (fs::exists(p, ec) && !fs::is_directory(p, ec)) {
    return "'" + path +
           "' is a file, not a lede database (lede-index makes a folder; "
           "give --db that folder)";
  }
  return {};
}

OpenedDatabase open_for_reading(const std::string& path) {
  std::error_code ec;
  if (!fs::exists(path, ec)) {
    throw Error("no database at '" + path +
                "' (index with lede-index first, or give --db or LEDE_DB)");
  }
  if (const std::string problem = database_path_problem(path);
      !problem.empty()) {
    throw Error(problem);
  }
  if (!is_database_folder(path)) {
    throw Error("'" + path +
                "' is not a lede database (it holds no database; build one "
                "with lede-index --db " + path + ")");
  }
  Xapian::Database db;
  try {
    db = open_following_the_stub(path);
  } catch (const Xapian::DatabaseVersionError& e) {
    throw Error("'" + path + "' was written by another version of Xapian: " +
                e.get_msg());
  } catch (const Xapian::DatabaseOpeningError& e) {
    throw Error("'" + path + "' cannot be opened as a lede database (" +
                e.get_msg() + ")");
  }
  return read_opened(std::move(db), path);
}

OpenedDatabase read_opened(Xapian::Database db, const std::string& name) {
  OpenedDatabase out;
  out.db = std::move(db);
  const StoredSettings stored = read_index_settings(out.db, name);
  if (!stored.has_settings) {
    throw Error("'" + name + "' is not a lede database (no lede settings)");
  }
  out.settings = stored.settings;
  out.data = DataReader(out.db);
  return out;
}

}  // namespace lede
