// lede_bench_breakdown DB WORKDIR: where the bytes of a compacted lede
// database go, by term prefix, position list and value slot. For each part
// it copies DB without that part into WORKDIR (same document ids, the
// same spelling table and metadata), compacts the copy as lede-index
// --compact does (Xapian::Compactor::FULL), and prints how many bytes
// each table lost against a copy of everything compacted the same way.
// The parts are not independent (a B-tree block holds several), so the
// rows do not add up to the whole exactly; each is what leaving that part
// out would save. Slow: one copy per row.
#include <xapian.h>

#include <algorithm>
#include <array>
#include <cstdio>
#include <filesystem>
#include <functional>
#include <iostream>
#include <string>
#include <string_view>
#include <vector>

#include "common/schema.h"

namespace fs = std::filesystem;

namespace {

constexpr std::array<const char*, 6> kTables = {
    "postlist", "position", "termlist", "docdata", "spelling", "synonym"};

// The prefix of a term, by common/schema.h: the built-in prefix it starts
// with (the longest: Z + S before Z), else a user field's "X" + capitals,
// else "" for a word. Not simply the leading capitals: a Q term holds the
// id exactly as given, capitals and all.
std::string prefix_of(const std::string& term) {
  namespace p = lede::prefix;
  static const std::vector<std::string> kKnown = {
      std::string(p::kTitlePositions),
      std::string(p::kFile),
      std::string(p::kSource),
      std::string(p::kStem) + std::string(p::kTitle),
      std::string(p::kStem),
      std::string(p::kTitle),
      std::string(p::kAuthor),
      std::string(p::kTag),
      std::string(p::kHost),
      std::string(p::kId),
      std::string(p::kDay),
      std::string(p::kMonth),
      std::string(p::kYear)};
  for (const std::string& k : kKnown) {
    if (term.starts_with(k)) return k;
  }
  if (!term.empty() && term[0] == 'X') {
    std::size_t n = 1;
    while (n < term.size() && term[n] >= 'A' && term[n] <= 'Z') ++n;
    return term.substr(0, n);
  }
  return "";
}

// Whether a prefix's terms carry positions (common/schema.h's table):
// words, title words, author, source and tag words, a user field's words.
bool positional(const std::string& prefix) {
  namespace p = lede::prefix;
  if (prefix.empty() || prefix == p::kTitle || prefix == p::kAuthor ||
      prefix == p::kSource || prefix == p::kTag) {
    return true;
  }
  return prefix[0] == 'X' && prefix != p::kFile && prefix != p::kTitlePositions;
}

struct Part {
  std::string name;
  // What to take out of each document.
  std::function<void(Xapian::Document*)> drop;
  bool spelling = true;  // copy the spelling table
};

void drop_terms(Xapian::Document* doc, const std::string& prefix) {
  std::vector<std::string> doomed;
  for (auto t = doc->termlist_begin(); t != doc->termlist_end(); ++t) {
    if (prefix_of(*t) == prefix) doomed.push_back(*t);
  }
  for (const std::string& t : doomed) doc->remove_term(t);
}

void drop_positions(Xapian::Document* doc, const std::string& prefix) {
  std::vector<std::pair<std::string, Xapian::termcount>> kept;
  for (auto t = doc->termlist_begin(); t != doc->termlist_end(); ++t) {
    if (prefix_of(*t) == prefix && t.positionlist_count() > 0) {
      kept.emplace_back(*t, t.get_wdf());
    }
  }
  for (const auto& [t, wdf] : kept) {
    doc->remove_term(t);
    doc->add_term(t, wdf);
  }
}

using Sizes = std::array<unsigned long long, kTables.size()>;

Sizes table_sizes(const fs::path& db) {
  Sizes s{};
  for (std::size_t i = 0; i < kTables.size(); ++i) {
    const fs::path p = db / (std::string(kTables[i]) + ".glass");
    std::error_code ec;
    const auto n = fs::file_size(p, ec);
    s[i] = ec ? 0 : n;
  }
  return s;
}

Sizes copy_and_compact(const Xapian::Database& src, const Part& part,
                       const fs::path& work) {
  const fs::path copy = work / "copy";
  const fs::path compacted = work / "compacted";
  fs::remove_all(copy);
  fs::remove_all(compacted);
  {
    Xapian::WritableDatabase out(copy.string(),
                                 Xapian::DB_CREATE | Xapian::DB_BACKEND_GLASS);
    for (auto k = src.metadata_keys_begin(); k != src.metadata_keys_end();
         ++k) {
      out.set_metadata(*k, src.get_metadata(*k));
    }
    if (part.spelling) {
      for (auto w = src.spellings_begin(); w != src.spellings_end(); ++w) {
        out.add_spelling(*w, w.get_termfreq());
      }
    }
    unsigned n = 0;
    for (auto d = src.postlist_begin(""); d != src.postlist_end(""); ++d) {
      Xapian::Document doc = src.get_document(*d);
      if (part.drop) part.drop(&doc);
      out.replace_document(*d, doc);
      if (++n % 2000 == 0) out.commit();
    }
    out.commit();
  }
  Xapian::Database(copy.string())
      .compact(compacted.string(), Xapian::Compactor::FULL);
  const Sizes s = table_sizes(compacted);
  fs::remove_all(copy);
  fs::remove_all(compacted);
  return s;
}

}  // namespace

int main(int argc, char** argv) {
  if (argc != 3) {
    std::cerr << "usage: lede_bench_breakdown DB WORKDIR\n";
    return 2;
  }
  try {
    const Xapian::Database src(argv[1]);
    const fs::path work = fs::path(argv[2]) / "lede-breakdown";
    fs::create_directories(work);

    // The parts there are: every prefix in use, every slot in use.
    std::vector<std::string> prefixes;
    for (auto t = src.allterms_begin(); t != src.allterms_end(); ++t) {
      const std::string p = prefix_of(*t);
      if (std::find(prefixes.begin(), prefixes.end(), p) == prefixes.end()) {
        prefixes.push_back(p);
      }
    }
    // Built-in slots are below kSlotFirstUserField, user fields' from it
    // on, one each (common/schema.h).
    std::vector<lede::UserField> fields;
    (void)lede::parse_user_fields(
        src.get_metadata(std::string(lede::meta::kFields)), &fields);
    const Xapian::valueno end =
        lede::kSlotFirstUserField + static_cast<Xapian::valueno>(fields.size());
    std::vector<Xapian::valueno> slots;
    for (Xapian::valueno s = 0; s < end; ++s) {
      if (src.get_value_freq(s) > 0) slots.push_back(s);
    }

    std::vector<Part> parts;
    parts.push_back({"(everything)", nullptr});
    for (const std::string& p : prefixes) {
      const std::string shown = p.empty() ? "words" : p;
      parts.push_back(
          {"terms " + shown, [p](Xapian::Document* d) { drop_terms(d, p); }});
      if (positional(p)) {
        parts.push_back({"positions " + shown,
                         [p](Xapian::Document* d) { drop_positions(d, p); }});
      }
    }
    for (const Xapian::valueno s : slots) {
      parts.push_back({"slot " + std::to_string(s), [s](Xapian::Document* d) {
                         if (!d->get_value(s).empty()) d->remove_value(s);
                       }});
    }
    parts.push_back({"document data",
                     [](Xapian::Document* d) { d->set_data(std::string()); }});
    parts.push_back({"spelling", nullptr, false});

    std::printf("%-18s", "part");
    for (const char* t : kTables) std::printf(" %9s", t);
    std::printf(" %9s\n", "all");
    Sizes base{};
    for (std::size_t i = 0; i < parts.size(); ++i) {
      const Sizes s = copy_and_compact(src, parts[i], work);
      if (i == 0) base = s;
      std::printf("%-18s", parts[i].name.c_str());
      long long total = 0;
      for (std::size_t t = 0; t < kTables.size(); ++t) {
        const long long v = i == 0 ? static_cast<long long>(s[t])
                                   : static_cast<long long>(base[t]) -
                                         static_cast<long long>(s[t]);
        total += v;
        std::printf(" %9lld", v);
      }
      std::printf(" %9lld\n", total);
      std::fflush(stdout);
    }
    fs::remove_all(work);
  } catch (const Xapian::Error& e) {
    std::cerr << "lede_bench_breakdown: " << e.get_description() << "\n";
    return 2;
  }
  return 0;
}
