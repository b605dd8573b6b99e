#include "common/database_set.h"

#include <charconv>
#include <filesystem>
#include <fstream>
#include <sstream>

#include "common/error.h"
#include "common/schema.h"

namespace lede {

namespace {

namespace fs = std::filesystem;

// Stub files nested deeper than this are a loop, or a mistake.
constexpr int kMaxStubDepth = 8;
// A stub lists databases a line: a bigger file is something else.
constexpr std::uintmax_t kMaxStubBytes = 1 << 20;

// The first word of `line`, and the rest after one space (Xapian's
// read_stub_file() splits the same way).
std::pair<std::string, std::string> split_line(const std::string& line) {
  const auto space = line.find(' ');
  if (space == std::string::npos) return {line, ""};
  return {line.substr(0, space), line.substr(space + 1)};
}

bool is_database_type(const std::string& word) {
  for (const char* t : {"auto", "glass", "remote", "inmemory", "chert", "honey"}) {
    if (word == t) return true;
  }
  return false;
}

// The text of `path` when it is a file that reads as a Xapian stub: its
// first line that is not blank or a comment starts with a database type.
bool read_stub(const std::string& path, std::string* text) {
  std::error_code ec;
  if (!fs::is_regular_file(path, ec)) return false;
  const std::uintmax_t size = fs::file_size(path, ec);
  if (ec || size > kMaxStubBytes) return false;
  std::ifstream in(path, std::ios::binary);
  std::stringstream s;
  s << in.rdbuf();
  *text = s.str();
  std::istringstream lines(*text);
  for (std::string line; std::getline(lines, line);) {
    if (line.empty() || line[0] == '#') continue;
    return is_database_type(split_line(line).first);
  }
  return false;
}

void add_path(const std::string& path, int depth,
              std::vector<DatabaseSet::Part>* parts);

// The part a stub's "remote WHERE" line names, as Xapian reads it: WHERE is
// HOST:PORT (xapian-tcpsrv) or ":PROGRAM ARGS" (xapian-progsrv, perhaps
// over ssh). Its settings and dictionaries are metadata, which the remote
// protocol reads like a local database's.
DatabaseSet::Part open_remote(const std::string& where_to,
                              const std::string& line) {
  Xapian::Database db;
  try {
    if (where_to.starts_with(':')) {
      const auto [program, args] = split_line(where_to.substr(1));
      if (program.empty()) throw Error(line + ": 'remote :' names no program");
      db = Xapian::Remote::open(program, args);
    } else {
      const std::size_t colon = where_to.rfind(':');
      unsigned port = 0;
      bool ok = colon != std::string::npos && colon > 0;
      if (ok) {
        const char* last = where_to.data() + where_to.size();
        const auto [end, ec] =
            std::from_chars(where_to.data() + colon + 1, last, port);
        ok = ec == std::errc() && end == last && port > 0 && port <= 65535;
      }
      if (!ok) {
        throw Error(line + ": expected 'remote HOST:PORT' or "
                           "'remote :PROGRAM ARGS', not 'remote " +
                    where_to + "'");
      }
      db = Xapian::Remote::open(where_to.substr(0, colon), port);
    }
  } catch (const Xapian::NetworkError& e) {
    throw Error(line + ": the server 'remote " + where_to +
                "' does not answer (" + e.get_msg() + ")");
  } catch (const Xapian::DatabaseOpeningError& e) {
    throw Error(line + ": 'remote " + where_to + "' cannot be opened (" +
                e.get_msg() + ")");
  }
  DatabaseSet::Part part{"remote " + where_to, read_opened(std::move(db),
                                                           "remote " + where_to)};
  part.remote = true;
  return part;
}

// Whether `path` is one Xapian database of a lede database (a shard of
// it, listed beside shards served remotely): --db would refuse it, a stub
// names it as Xapian reads it.
bool is_database_inside(const fs::path& path) {
  std::error_code ec;
  return fs::is_regular_file(path / "iamglass", ec) &&
         !database_path_problem(path.string()).empty();
}

OpenedDatabase open_inside(const std::string& path) {
  try {
    return read_opened(Xapian::Database(path), path);
  } catch (const Xapian::Error& e) {
    throw Error("'" + path + "' cannot be opened (" + e.get_msg() + ")");
  }
}

void add_stub(const std::string& stub, const std::string& text, int depth,
              std::vector<DatabaseSet::Part>* parts) {
  if (depth == kMaxStubDepth) {
    throw Error("'" + stub + "': stub files nest more than " +
                std::to_string(kMaxStubDepth) + " deep");
  }
  const std::size_t before = parts->size();
  std::istringstream lines(text);
  std::size_t number = 0;
  for (std::string line; std::getline(lines, line);) {
    ++number;
    if (line.empty() || line[0] == '#') continue;
    const std::string where = "'" + stub + "' line " + std::to_string(number);
    const auto [type, rest] = split_line(line);
    if (type == "remote") {
      parts->push_back(open_remote(rest, where));
      continue;
    }
    if ((type != "auto" && type != "glass") || rest.empty()) {
      throw Error(where +
                  ": expected 'auto PATH' (a stub lists one database a line)");
    }
    fs::path listed(rest);
    if (listed.is_relative()) listed = fs::path(stub).parent_path() / listed;
    try {
      if (is_database_inside(listed)) {
        parts->push_back({listed.string(), open_inside(listed.string())});
        continue;
      }
      add_path(listed.string(), depth + 1, parts);
    } catch (const Error& e) {
      throw Error(where + ": " + e.what());
    }
  }
  if (parts->size() == before) throw Error("'" + stub + "' lists no database");
}

void add_path(const std::string& path, int depth,
              std::vector<DatabaseSet::Part>* parts) {
  if (std::string text; read_stub(path, &text)) {
    // A lede database's own stub lists what only its folder opens whole
    // (with its settings): the folder is what to name.
    if (std::string problem = part_of_database_problem(path);
        !problem.empty()) {
      throw Error(problem);
    }
    add_stub(path, text, depth, parts);
    return;
  }
  parts->push_back({path, open_for_reading(path)});
}

// Whether parts with settings `a` and `b` can be searched as one: they
// analyse alike. The shard count is how a part's documents are laid out
// (the shards of one database, listed one by one, have their database's).
bool agree(IndexSettings a, const IndexSettings& b) {
  a.shards = b.shards;
  return a == b;
}

// How the settings of two parts differ, for a message.
std::string difference(const IndexSettings& a, const IndexSettings& b) {
  if (a.analyzer.language != b.analyzer.language) {
    return "stemming " + b.analyzer.language + ", not " + a.analyzer.language;
  }
  if (a.title_weight != b.title_weight) {
    return "title weight " + std::to_string(b.title_weight) + ", not " +
           std::to_string(a.title_weight);
  }
  if (a.fields != b.fields) {
    auto list = [](const std::vector<UserField>& fields) {
      std::string out;
      for (const UserField& f : fields) {
        out += (out.empty() ? "" : " ") + f.name + "=" + f.key;
      }
      return out.empty() ? std::string("none") : out;
    };
    return "fields " + list(b.fields) + ", not " + list(a.fields);
  }
  return "other analyzer settings";
}

}  // namespace

DatabaseSet DatabaseSet::open(const std::vector<std::string>& paths) {
  std::vector<Part> parts;
  for (const std::string& p : paths) add_path(p, 0, &parts);
  return DatabaseSet(std::move(parts));
}

DatabaseSet::DatabaseSet(std::vector<Part> parts) : parts_(std::move(parts)) {
  if (parts_.empty()) throw Error("no database to search");
  for (std::size_t i = 0; i < parts_.size(); ++i) {
    const Part& p = parts_[i];
    if (i > 0 && !agree(p.opened.settings, settings())) {
      throw Error("'" + p.name + "' was indexed with other settings than '" +
                  parts_.front().name + "' (" +
                  difference(settings(), p.opened.settings) +
                  "); databases searched together must agree");
    }
    remote_ = remote_ || p.remote;
    all_.add_database(p.opened.db);
    for (std::size_t k = 0; k < p.opened.db.size(); ++k) owner_.push_back(i);
  }
}

DatabaseSet::DatabaseSet(std::string name, OpenedDatabase opened)
    : DatabaseSet([&] {
        std::vector<Part> parts;
        parts.push_back({std::move(name), std::move(opened)});
        return parts;
      }()) {}

Article DatabaseSet::decode(Xapian::docid did,
                            const Xapian::Document& doc) const {
  return part_of(did).opened.data.decode(doc);
}

std::string DatabaseSet::name() const {
  std::string out;
  for (const Part& p : parts_) {
    if (!out.empty()) out += " + ";
    out += p.name;
  }
  return out;
}

}  // namespace lede
