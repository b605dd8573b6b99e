#pragma once
// What a lede database may hold while lede-index writes it, or after it
// was killed: the content of one of its commits. For the crash-consistency
// and readers-during-writes tests.
//
// lede-index commits every --batch-docs new documents, in input order
// (indexer/sinks.h). So with one writer the documents a reader can see are
// the documents that were there before the run plus the first k batches
// of the new ones, for some k (the last batch may be short). In a fresh
// build on K shards, batch i goes to shard i mod K and each shard commits
// its batches in order: what a reader sees is, shard by shard, a prefix of
// that shard's batches. Either way no batch is ever partly visible.
#include <cstdint>
#include <map>
#include <set>
#include <string>
#include <vector>

namespace lede::testing {

struct Batching {
  std::uint64_t docs = 1000;  // --batch-docs
  unsigned shards = 1;        // 1: one writer; K >= 2: a fresh build on K
};

// Checks that `seen` (ids) is a state a run of lede-index over `order`
// (the ids it indexes, in input order) may commit on top of `before` (the
// ids the database held when it started). Returns "" when it is, else what
// is wrong (a lost document, an unknown one, a batch partly there, a batch
// there without the one before it).
std::string check_commit(const std::vector<std::string>& order,
                         const std::set<std::string>& before,
                         const std::set<std::string>& seen, Batching batching);

// Everything a reader can see of one lede database, read with the Xapian
// API: the ids (with how many documents hold each), each document's terms
// with their wdf and its values (the fingerprint that must not depend on
// how the documents got there), and the spelling table.
struct DatabaseContent {
  std::map<std::string, unsigned> id_docs;
  std::map<std::string, std::string> fingerprint;  // by id
  std::map<std::string, unsigned> spelling;        // word -> frequency
  [[nodiscard]] std::set<std::string> ids() const;
};
DatabaseContent read_content(const std::string& db);

// Runs Xapian's consistency check (Xapian::Database::check) on every
// database the stub of lede database `db` lists. Returns "" when all pass,
// else what it reported.
std::string xapian_check(const std::string& db);

// Lists every document of `db` with lede-query (--format jsonl, every
// match of a query that excludes only a word no document has). *exit_code
// gets its status; returns id -> title.
std::map<std::string, std::string> query_all(const std::string& db,
                                             int* exit_code, std::string* err);

}  // namespace lede::testing
