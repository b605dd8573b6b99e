#include "common/index_meta.h"

#include <charconv>
#include <filesystem>

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
  out.has_settings = true;
  return out;
}

OpenedDatabase open_for_reading(const std::string& path) {
  namespace fs = std::filesystem;
  std::error_code ec;
  if (!fs::exists(path, ec)) {
    throw Error("no database at '" + path +
                "' (index with lede-index first, or give --db or LEDE_DB)");
  }
  OpenedDatabase out;
  try {
    out.db = Xapian::Database(path);
  } catch (const Xapian::DatabaseVersionError& e) {
    throw Error("'" + path + "' was written by another version of Xapian: " +
                e.get_msg());
  } catch (const Xapian::DatabaseOpeningError& e) {
    throw Error("'" + path + "' is not a lede database (" + e.get_msg() + ")");
  }
  const StoredSettings stored = read_index_settings(out.db, path);
  if (!stored.has_settings) {
    throw Error("'" + path + "' is not a lede database (no lede settings)");
  }
  out.settings = stored.settings;
  out.data = DataReader(out.db);
  return out;
}

}  // namespace lede
