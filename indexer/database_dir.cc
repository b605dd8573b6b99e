#include "indexer/database_dir.h"

#include <fcntl.h>
#include <unistd.h>

#include <cerrno>
#include <cstring>
#include <filesystem>
#include <fstream>
#include <regex>
#include <sstream>

#include "common/error.h"

namespace lede::indexer {

namespace fs = std::filesystem;

namespace {

constexpr const char* kStub = "XAPIANDB";
constexpr const char* kStubTmp = "XAPIANDB.tmp";
constexpr const char* kLockFile = "lock";

// Names lede-index creates inside a database directory.
bool is_entry_name(const std::string& name) {
  static const std::regex re(R"(gen-[0-9]+(\.shard-[0-9]+)?)");
  return std::regex_match(name, re);
}

long generation_number(const std::string& name) {
  if (!name.starts_with("gen-")) return 0;
  return std::strtol(name.c_str() + 4, nullptr, 10);
}

void fsync_path(const fs::path& p, bool directory) {
  const int fd = open(p.c_str(), (directory ? O_RDONLY | O_DIRECTORY : O_RDONLY) |
                                     O_CLOEXEC);
  if (fd < 0) return;  // best effort: durability, not correctness
  (void)fsync(fd);
  close(fd);
}

// Compaction writes its files without fsync; the stub that will name them
// must not reach the disk before they do.
void sync_tree(const fs::path& dir) {
  std::error_code ec;
  for (const auto& e : fs::directory_iterator(dir, ec)) {
    if (e.is_regular_file(ec)) fsync_path(e.path(), false);
  }
  fsync_path(dir, true);
}

}  // namespace

DatabaseDir::DatabaseDir(std::string path) : path_(std::move(path)) {}

bool DatabaseDir::has_stub() const {
  std::error_code ec;
  return fs::is_regular_file(fs::path(path_) / kStub, ec);
}

void DatabaseDir::create_if_missing(const IndexSettings& settings) {
  if (has_stub()) return;
  std::error_code ec;
  const fs::path dir(path_);
  if (fs::exists(dir, ec) && !fs::is_directory(dir, ec)) {
    throw Error("'" + path_ + "' exists and is not a lede database directory");
  }
  if (is_database_folder(path_)) {  // and no stub: not lede's
    throw Error("'" + path_ +
                "' is a plain Xapian database, not a lede database; give "
                "another --db");
  }
  fs::create_directories(dir, ec);
  if (ec) throw Error("cannot create '" + path_ + "': " + ec.message());
  for (const auto& e : fs::directory_iterator(dir, ec)) {
    const std::string name = e.path().filename().string();
    if (name == kLockFile || name == kStubTmp || is_entry_name(name)) continue;
    throw Error("'" + path_ +
                "' is not empty and not a lede database; give another --db");
  }
  remove_unlisted();  // a creation that was cut short
  const std::vector<std::string> created =
      settings.shards > 1 ? shard_names("gen-1", settings.shards)
                          : std::vector<std::string>{"gen-1"};
  for (const std::string& e : created) create_entry(e, &settings);
  write_stub(created);
}

std::vector<std::string> DatabaseDir::entries() const {
  std::ifstream in(fs::path(path_) / kStub);
  if (!in) throw Error("cannot read '" + path_ + "/" + kStub + "'");
  std::vector<std::string> out;
  std::string line;
  while (std::getline(in, line)) {
    if (line.empty() || line[0] == '#') continue;
    std::istringstream words(line);
    std::string type, name;
    words >> type >> name;
    if (type != "glass" || !is_entry_name(name)) {
      throw Error("'" + path_ + "/" + kStub +
                  "' was not written by lede-index (line '" + line + "')");
    }
    out.push_back(name);
  }
  if (out.empty()) {
    throw Error("'" + path_ + "/" + kStub + "' names no database");
  }
  return out;
}

void DatabaseDir::write_stub(const std::vector<std::string>& entries) const {
  std::string text;
  for (const std::string& e : entries) text += "glass " + e + "\n";
  const fs::path tmp = fs::path(path_) / kStubTmp;
  const int fd =
      open(tmp.c_str(), O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0644);
  if (fd < 0) {
    throw DatabaseWriteError("cannot write '" + tmp.string() + "': " + std::strerror(errno));
  }
  const bool ok =
      write(fd, text.data(), text.size()) == static_cast<ssize_t>(text.size()) &&
      fsync(fd) == 0;
  const int saved = errno;
  close(fd);
  if (!ok) {
    throw DatabaseWriteError("cannot write '" + tmp.string() + "': " + std::strerror(saved));
  }
  std::error_code ec;
  fs::rename(tmp, fs::path(path_) / kStub, ec);
  if (ec) {
    throw DatabaseWriteError("cannot replace '" + path_ + "/" + kStub + "': " +
                ec.message());
  }
  fsync_path(path_, true);
}

void DatabaseDir::remove_unlisted() const {
  std::vector<std::string> listed;
  if (has_stub()) listed = entries();
  std::error_code ec;
  std::vector<fs::path> doomed;
  for (const auto& e : fs::directory_iterator(path_, ec)) {
    const std::string name = e.path().filename().string();
    const bool is_listed =
        std::find(listed.begin(), listed.end(), name) != listed.end();
    if ((is_entry_name(name) && !is_listed) || name == kStubTmp) {
      doomed.push_back(e.path());
    }
  }
  for (const fs::path& p : doomed) fs::remove_all(p, ec);
}

std::string DatabaseDir::next_generation() const {
  long highest = 0;
  std::error_code ec;
  for (const auto& e : fs::directory_iterator(path_, ec)) {
    highest = std::max(highest,
                       generation_number(e.path().filename().string()));
  }
  if (has_stub()) {
    for (const std::string& e : entries()) {
      highest = std::max(highest, generation_number(e));
    }
  }
  return "gen-" + std::to_string(highest + 1);
}

std::string DatabaseDir::shard_name(const std::string& gen, int k) {
  return gen + ".shard-" + std::to_string(k);
}

std::vector<std::string> DatabaseDir::shard_names(const std::string& gen,
                                                 unsigned n) {
  std::vector<std::string> out;
  for (unsigned k = 0; k < n; ++k) {
    out.push_back(shard_name(gen, static_cast<int>(k)));
  }
  return out;
}

bool DatabaseDir::is_shard_set(const std::vector<std::string>& entries) {
  if (entries.size() < 2) return false;
  const std::size_t dot = entries.front().find(".shard-");
  if (dot == std::string::npos) return false;
  return entries ==
         shard_names(entries.front().substr(0, dot),
                     static_cast<unsigned>(entries.size()));
}

std::string DatabaseDir::entry_path(const std::string& entry) const {
  return (fs::path(path_) / entry).string();
}

void DatabaseDir::create_entry(const std::string& name,
                               const IndexSettings* settings) const {
  std::error_code ec;
  fs::remove_all(entry_path(name), ec);
  Xapian::WritableDatabase db(entry_path(name),
                              Xapian::DB_CREATE | Xapian::DB_BACKEND_GLASS);
  if (settings != nullptr) write_index_settings(&db, *settings);
  db.commit();
  db.close();
}

void DatabaseDir::remove_entry(const std::string& name) const {
  std::error_code ec;
  fs::remove_all(entry_path(name), ec);
}

void DatabaseDir::merge(const std::vector<std::string>& sources,
                        const std::string& target, bool fuller) const {
  Xapian::Database all;
  for (const std::string& s : sources) {
    all.add_database(Xapian::Database(entry_path(s)));
  }
  std::error_code ec;
  fs::remove_all(entry_path(target), ec);
  // FULL leaves a little room in each block so that later updates do not
  // split every block they touch (FULLER would).
  all.compact(entry_path(target),
              fuller ? Xapian::Compactor::FULLER : Xapian::Compactor::FULL);
  sync_tree(entry_path(target));
}

bool DatabaseDir::consolidate() const {
  const std::vector<std::string> listed = entries();
  if (listed.size() < 2) return false;
  const std::string target = next_generation();
  merge(listed, target);
  write_stub({target});
  for (const std::string& e : listed) remove_entry(e);
  return true;
}

}  // namespace lede::indexer
