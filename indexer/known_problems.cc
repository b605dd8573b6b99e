#include "indexer/known_problems.h"

#include <string_view>

#include "common/schema.h"
#include "indexer/document_builder.h"

namespace lede::indexer {

namespace {

std::string key_of(const std::string& file) {
  return std::string(meta::kProblemsPrefix) + hash_hex(file);
}

}  // namespace

KnownProblems::KnownProblems(const Xapian::Database& db) {
  const std::string prefix(meta::kProblemsPrefix);
  for (auto k = db.metadata_keys_begin(prefix);
       k != db.metadata_keys_end(prefix); ++k) {
    const std::string value = db.get_metadata(*k);
    std::string_view rest = value;
    const auto nl = rest.find('\n');
    if (nl == std::string_view::npos) continue;
    Fingerprints& f = before_[std::string(rest.substr(0, nl))];
    rest.remove_prefix(nl + 1);
    while (!rest.empty()) {
      const auto end = rest.find('\n');
      f.emplace(rest.substr(0, end));
      if (end == std::string_view::npos) break;
      rest.remove_prefix(end + 1);
    }
  }
}

std::string KnownProblems::fingerprint(const Report& r) {
  return hash_hex(std::to_string(r.line) + '\n' + r.message);
}

bool KnownProblems::note(const Report& r, Summary* summary) {
  if (r.kind == Report::Kind::kWarning || r.file.empty()) return false;
  const std::string f = fingerprint(r);
  now_[r.file].insert(f);
  const auto it = before_.find(r.file);
  if (it == before_.end() || !it->second.contains(f)) return false;
  if (r.kind == Report::Kind::kFailed) {
    ++summary->failed_known;
  } else {
    ++summary->skipped_known;
  }
  return true;
}

bool KnownProblems::store(Xapian::WritableDatabase* db,
                          const std::set<std::string>& read) const {
  std::map<std::string, const Fingerprints*> after;
  for (const auto& [file, f] : before_) after[file] = &f;
  for (const std::string& file : read) after.erase(file);
  for (const auto& [file, f] : now_) after[file] = &f;
  for (const auto& [file, f] : before_) after.try_emplace(file, nullptr);
  bool changed = false;
  for (const auto& [file, f] : after) {
    std::string value;
    if (f != nullptr && !f->empty()) {
      value = file;
      for (const std::string& fp : *f) value += "\n" + fp;
    }
    const std::string key = key_of(file);
    if (db->get_metadata(key) == value) continue;
    db->set_metadata(key, value);  // "" deletes it
    changed = true;
  }
  return changed;
}

}  // namespace lede::indexer
