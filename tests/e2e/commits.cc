#include "tests/e2e/commits.h"

#include <xapian.h>

#include <nlohmann/json.hpp>

#include <fstream>
#include <sstream>

#include "tests/testutil/testutil.h"

namespace lede::testing {

std::string check_commit(const std::vector<std::string>& order,
                         const std::set<std::string>& before,
                         const std::set<std::string>& seen,
                         Batching batching) {
  for (const std::string& id : before) {
    if (!seen.contains(id)) return "document " + id + " was lost";
  }
  // The new documents, in the order lede-index adds them, cut in batches.
  std::vector<std::string> fresh;
  std::set<std::string> known;
  for (const std::string& id : order) {
    if (known.insert(id).second && !before.contains(id)) fresh.push_back(id);
  }
  for (const std::string& id : seen) {
    if (!known.contains(id) && !before.contains(id)) {
      return "document " + id + " is not in the input";
    }
  }
  const std::size_t n = batching.docs;
  const std::size_t batches = (fresh.size() + n - 1) / n;
  std::vector<bool> present(batches, false);
  for (std::size_t b = 0; b < batches; ++b) {
    std::size_t there = 0, size = 0;
    for (std::size_t i = b * n; i < fresh.size() && i < (b + 1) * n; ++i) {
      ++size;
      there += seen.contains(fresh[i]);
    }
    if (there != 0 && there != size) {
      return "batch " + std::to_string(b) + " is partly there (" +
             std::to_string(there) + " of " + std::to_string(size) +
             " documents)";
    }
    present[b] = there == size;
  }
  // One writer: batch b+1 only after batch b. K shards: batch b+K only
  // after batch b (they are the same shard's, in its order).
  const std::size_t step = batching.shards < 2 ? 1 : batching.shards;
  for (std::size_t b = 0; b + step < batches; ++b) {
    if (!present[b] && present[b + step]) {
      return "batch " + std::to_string(b + step) + " is there but batch " +
             std::to_string(b) + " (committed before it) is not";
    }
  }
  return "";
}

std::set<std::string> DatabaseContent::ids() const {
  std::set<std::string> out;
  for (const auto& [id, n] : id_docs) out.insert(id);
  return out;
}

DatabaseContent read_content(const std::string& db) {
  DatabaseContent c;
  const Xapian::Database d(db);
  for (auto t = d.allterms_begin("Q"); t != d.allterms_end("Q"); ++t) {
    const std::string id = (*t).substr(1);
    c.id_docs[id] = t.get_termfreq();
    const Xapian::Document doc = d.get_document(*d.postlist_begin(*t));
    std::ostringstream f;
    for (auto term = doc.termlist_begin(); term != doc.termlist_end();
         ++term) {
      f << *term << ' ' << term.get_wdf() << ' ' << term.positionlist_count()
        << '\n';
    }
    for (auto v = doc.values_begin(); v != doc.values_end(); ++v) {
      f << "slot " << v.get_valueno() << ' ' << *v << '\n';
    }
    c.fingerprint[id] = f.str();
  }
  for (auto s = d.spellings_begin(); s != d.spellings_end(); ++s) {
    c.spelling[*s] = s.get_termfreq();
  }
  return c;
}

std::string xapian_check(const std::string& db) {
  std::ifstream stub(db + "/XAPIANDB");
  if (!stub) return "no stub in " + db;
  std::string type, entry, problems;
  while (stub >> type >> entry) {
    std::ostringstream out;
    try {
      const std::size_t errors =
          Xapian::Database::check(db + "/" + entry, 0, &out);
      if (errors != 0) {
        problems += entry + ": " + std::to_string(errors) + " errors: " +
                    out.str() + "\n";
      }
    } catch (const Xapian::Error& e) {
      problems += entry + ": " + e.get_description() + "\n";
    }
  }
  return problems;
}

std::map<std::string, std::string> query_all(const std::string& db,
                                             int* exit_code,
                                             std::string* err) {
  const RunResult r =
      run_binary({query_bin(), "--db", db, "--format", "jsonl", "--snippets",
                  "0", "--limit", "1000000", "NOT zzqqxjw"});
  *exit_code = r.exit_code;
  *err = r.err;
  std::map<std::string, std::string> out;
  std::istringstream lines(r.out);
  std::string line;
  while (std::getline(lines, line)) {
    const auto j = nlohmann::json::parse(line, nullptr, false);
    if (j.is_discarded() || !j["id"].is_string()) {
      *exit_code = -1;
      *err += "not a JSON hit: " + line + "\n";
      continue;
    }
    out[j["id"].get<std::string>()] =
        j["title"].is_string() ? j["title"].get<std::string>() : "";
  }
  return out;
}

}  // namespace lede::testing
