#pragma once
// One logical lede database made of one or more lede databases, its parts:
// what lede-query searches for `--db A --db B`, or for a Xapian stub file
// that lists lede databases. Xapian combines the parts
// (Xapian::Database::add_database), so that ranking statistics, counts,
// wildcards and spelling are those of the whole; what Xapian does not
// combine stays with each part: its settings (which must agree), its
// metadata, and the zstd dictionaries its document data is compressed with.
// A sharded lede database (lede-index --shards) is one part of several
// Xapian sub-databases; a stub may also list its shards one by one, local
// or remote.
//
// Stub files are Xapian's format: one database a line, "auto PATH" or
// "glass PATH" (a relative PATH is relative to the stub's folder), "remote
// HOST:PORT" (xapian-tcpsrv) or "remote :PROGRAM ARGS" (xapian-progsrv,
// say over ssh), "#" comments and blank lines ignored. A listed path may
// be a lede database or another stub file.
//
// Thread safety: one thread at a time (the parts' DataReaders).
#include <xapian.h>

#include <cstddef>
#include <string>
#include <string_view>
#include <vector>

#include "common/article.h"
#include "common/index_meta.h"

namespace lede {

class DatabaseSet {
 public:
  struct Part {
    std::string name;  // its path, as given or as its stub lists it
                       // ("remote HOST:PORT" for a remote one)
    OpenedDatabase opened;
    // Served by Xapian's remote protocol (a stub's "remote" line): it has
    // no spelling table and runs no custom match spy or key maker.
    bool remote = false;
  };

  // Opens every database `paths` name, in order (a stub file's in its
  // order). Throws lede::Error with a one-line message naming the path (and
  // the stub line) that cannot be opened, or the parts whose settings
  // differ (but for IndexSettings::shards, how a part is laid out).
  [[nodiscard]] static DatabaseSet open(const std::vector<std::string>& paths);

  // Combines parts already opened (tests use in-memory ones). Throws
  // lede::Error when there are none or their settings differ.
  explicit DatabaseSet(std::vector<Part> parts);
  // One database already opened, named `name` in messages.
  DatabaseSet(std::string name, OpenedDatabase opened);

  // All parts as one database.
  [[nodiscard]] const Xapian::Database& db() const { return all_; }
  // The settings every part has.
  [[nodiscard]] const IndexSettings& settings() const {
    return parts_.front().opened.settings;
  }
  [[nodiscard]] const std::vector<Part>& parts() const { return parts_; }
  // Whether any part is remote: a search then does without what Xapian's
  // remote protocol cannot run (lede's phrase ranking, list match spies,
  // sort key, spelling), with a note (query/searcher.cc).
  [[nodiscard]] bool remote() const { return remote_; }

  // The part that document `did` of db() is in. Xapian interleaves the
  // documents of its sub-databases: did belongs to sub-database
  // (did - 1) % n, and a part may be several (a lede database in the middle
  // of a parallel build).
  [[nodiscard]] const Part& part_of(Xapian::docid did) const {
    return parts_[owner_[(did - 1) % owner_.size()]];
  }

  // The article stored by document `did` of db() (`doc`), read with its
  // own part's dictionaries. Throws lede::Error as DataReader::decode does.
  [[nodiscard]] Article decode(Xapian::docid did,
                               const Xapian::Document& doc) const;

  // For messages: "a.db", or "a.db + b.db".
  [[nodiscard]] std::string name() const;

 private:
  std::vector<Part> parts_;
  Xapian::Database all_;
  std::vector<std::size_t> owner_;  // sub-database of all_ -> part
  bool remote_ = false;
};

}  // namespace lede
