#pragma once
// The on-disk layout of a lede database, and the operations that replace
// it atomically.
//
//   lede.db/
//     XAPIANDB          Xapian stub: "glass gen-N" (one line per entry)
//     gen-N/            the current generation, a glass database
//     gen-M.shard-K/    shards of a parallel fresh build (see below)
//     lock              lede-index's lock (indexer/db_lock.h)
//
// Readers open the directory; Xapian follows the stub. Every change of
// what readers see is one rename() of a new stub over the old one, made
// durable with fsync of the file and the directory, so a reader sees either
// the old state or the new one, and a crash at any moment leaves one of
// them. Directories the stub does not list are leftovers of an interrupted
// run; lede-index removes them at its next start.
//
// During a parallel build of a new, empty database the stub lists the
// empty generation plus the shards ("glass gen-1", "glass gen-2.shard-0",
// ...), so readers see every committed batch and a kill -9 leaves a
// readable database. The next lede-index merges the entries into one
// generation (Xapian compaction) before it writes anything.
//
// A sharded database (lede-index --shards N, N stored in its settings)
// lists its N shards, in shard order, permanently: "glass gen-G.shard-0"
// ... "glass gen-G.shard-<N-1>", one generation G for all. Each run writes
// the shards in place (each commit of each shard is what readers see of
// it); --rebuild writes a new generation's shards and switches the stub
// to them at once. Such a stub is a shard set (is_shard_set()), never the
// leftover of an interrupted parallel build, whose first entry is a plain
// generation.
//
// Not thread-safe; used by the one lede-index that holds the lock.
#include <xapian.h>

#include <string>
#include <vector>

#include "common/error.h"
#include "common/index_meta.h"

namespace lede::indexer {

// Writing the database failed (its stub, here; Xapian throws its own
// errors for the tables): the database keeps its last commit, which
// lede-index reports.
class DatabaseWriteError : public Error {
 public:
  using Error::Error;
};

class DatabaseDir {
 public:
  explicit DatabaseDir(std::string path);

  [[nodiscard]] const std::string& path() const { return path_; }

  // Whether the directory has a stub (is a lede database).
  [[nodiscard]] bool has_stub() const;

  // Makes the directory a lede database holding one empty generation with
  // `settings` (settings.shards > 1: that many empty shards of generation
  // gen-1), when it has no stub yet. Throws lede::Error when the
  // directory holds something else (a file, a plain Xapian database, other
  // files).
  void create_if_missing(const IndexSettings& settings);

  // The entries of the stub, in order. Throws lede::Error when the stub
  // is not one lede wrote.
  [[nodiscard]] std::vector<std::string> entries() const;

  // Replaces the stub atomically and durably.
  void write_stub(const std::vector<std::string>& entries) const;

  // Removes generations, shards and temporary files the stub does not
  // list (leftovers of an interrupted run).
  void remove_unlisted() const;

  // A generation name that is not in use: "gen-<highest + 1>".
  [[nodiscard]] std::string next_generation() const;

  // The shard names of a build of generation `gen`: "gen.shard-K".
  [[nodiscard]] static std::string shard_name(const std::string& gen, int k);

  // The names of the `n` shards of generation `gen`, in order.
  [[nodiscard]] static std::vector<std::string> shard_names(
      const std::string& gen, unsigned n);

  // Whether `entries` (a stub's) are the shards 0..n-1 of one generation,
  // in order, n >= 2: a sharded database.
  [[nodiscard]] static bool is_shard_set(
      const std::vector<std::string>& entries);

  // The full path of an entry.
  [[nodiscard]] std::string entry_path(const std::string& entry) const;

  // Creates generation or shard `name` as an empty glass database, with
  // `settings` stored when given.
  void create_entry(const std::string& name,
                    const IndexSettings* settings) const;

  // Removes an entry's directory (never the one the stub lists: REQUIRES
  // it is not listed).
  void remove_entry(const std::string& name) const;

  // Merges `sources` (entries, in this order) into the new generation
  // `target` with Xapian's compaction: documents are renumbered source by
  // source, the spelling and metadata tables merged. Does not switch the
  // stub.
  // `fuller` packs blocks as full as possible (smallest, for --compact);
  // otherwise they are left room for later updates.
  void merge(const std::vector<std::string>& sources,
             const std::string& target, bool fuller = false) const;

  // When the stub lists several entries (a parallel build that was cut
  // short), merges them into a new generation and switches to it. Returns
  // whether it did.
  bool consolidate() const;

 private:
  std::string path_;
};

}  // namespace lede::indexer
