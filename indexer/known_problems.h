#pragma once
// What earlier runs skipped or failed, so that a re-run tells a problem it
// has seen before from a new one: a cron job re-indexing a corpus with one
// bad record must not see a failure forever, yet nothing new may go
// unnoticed (issue 13 item 6).
//
// A problem is known by its file key, its line and its message (the
// message names what is wrong, the column of a JSON error included), so a
// record fixed and broken again differently, a new bad line or a file
// that went bad is new. Stored in the database's metadata, one entry per
// file: meta::kProblemsPrefix + hash_hex(file key) -> the file key, then
// one line per problem, 16 hex digits each (xxh64 of line and message).
// A run replaces the entries of the files it read (or tried to: the files
// found and every file a report names); the others keep theirs.
//
// No printing here. Thread safety: one thread at a time.
#include <xapian.h>

#include <cstdint>
#include <map>
#include <set>
#include <string>

#include "indexer/summary.h"

namespace lede::indexer {

class KnownProblems {
 public:
  // Nothing known (a new database).
  KnownProblems() = default;
  // What `db` remembers.
  explicit KnownProblems(const Xapian::Database& db);

  // Notes a report of this run (warnings, and reports without a file, such
  // as a path named on the command line that is missing, are ignored: new
  // every time) and returns whether
  // an earlier run reported it too. Counts it in *summary's skipped_known
  // or failed_known when it did.
  bool note(const Report& report, Summary* summary);

  // Writes what `db` should remember after this run: this run's problems
  // for the files in `read` and for every file a report named, what was
  // known for the others. Changes only the entries that differ; returns
  // whether it changed any (not committed).
  bool store(Xapian::WritableDatabase* db,
             const std::set<std::string>& read) const;

 private:
  using Fingerprints = std::set<std::string>;
  static std::string fingerprint(const Report& report);

  std::map<std::string, Fingerprints> before_;  // file key -> problems
  std::map<std::string, Fingerprints> now_;
};

}  // namespace lede::indexer
