// lede-bench-xapian-bm25: the "plain Xapian BM25" peer of the relevance
// evaluation (bench/relevance/README.md). It indexes a BEIR-style corpus
// the way a Xapian user would out of the box, and writes one TREC run per
// --run, so that lede is compared with Xapian itself rather than with our
// own choices.
//
// This is a baseline, not lede: it deliberately uses Xapian's TermGenerator
// and QueryParser (which lede must not use, see STYLE.md 6.3), because
// "what stock Xapian does" is the point of the comparison.
//
//  * Index (in memory): for each JSON line {"id", "title", "text"} one
//    document; TermGenerator with Stem("english") and STEM_SOME indexes the
//    title, then increase_termpos(), then the text, all unprefixed, with
//    positions; the id is the document data.
//  * Query, two ways (the MODE of --run):
//    - parser: QueryParser with Stem("english"), STEM_SOME, default
//      operator OR, flags 0 (no boolean operators, quotes or +/-: the
//      claims are natural language), the database set. STEM_SOME leaves
//      capitalised words (a claim's first word) and hyphenated ones
//      unstemmed.
//    - words: the OR of the stemmed ("Z") terms that the same
//      TermGenerator makes of the query text, each with its count as wqf:
//      every word stemmed, nothing else.
//  * Ranking: BM25Weight() (Xapian's defaults: k1 1, b 0.5) or
//    BM25Weight(k1, 0, 1, b, 0.5); top --limit.
#include <CLI/CLI.hpp>
#include <xapian.h>

#include <cstdio>
#include <fstream>
#include <iostream>
#include <nlohmann/json.hpp>
#include <string>
#include <vector>

#include "common/error.h"

namespace {

struct RunSpec {
  std::string path;
  bool parser = true;  // MODE: parser or words
  bool defaults = true;
  double k1 = 1;
  double b = 0.5;
};

// "FILE=MODE:defaults" or "FILE=MODE:K1,B".
RunSpec parse_run_spec(const std::string& text) {
  RunSpec spec;
  const auto eq = text.rfind('=');
  const auto colon = text.find(':', eq == std::string::npos ? 0 : eq);
  if (eq == std::string::npos || eq == 0 || colon == std::string::npos) {
    throw lede::UsageError(
        "--run wants FILE=MODE:defaults or FILE=MODE:K1,B, got '" + text +
        "'");
  }
  spec.path = text.substr(0, eq);
  const std::string mode = text.substr(eq + 1, colon - eq - 1);
  if (mode != "parser" && mode != "words") {
    throw lede::UsageError("--run mode must be 'parser' or 'words', got '" +
                           mode + "'");
  }
  spec.parser = mode == "parser";
  const std::string w = text.substr(colon + 1);
  if (w == "defaults") return spec;
  spec.defaults = false;
  char tail = 0;
  if (std::sscanf(w.c_str(), "%lf,%lf%c", &spec.k1, &spec.b, &tail) != 2 ||
      spec.k1 < 0 || spec.b < 0 || spec.b > 1) {
    throw lede::UsageError("--run weighting must be 'defaults' or K1,B with "
                           "K1 >= 0 and 0 <= B <= 1, got '" + w + "'");
  }
  return spec;
}

Xapian::WritableDatabase index_corpus(const std::string& path) {
  std::ifstream in(path);
  if (!in) throw lede::UsageError("cannot read " + path);
  Xapian::WritableDatabase db(std::string(), Xapian::DB_BACKEND_INMEMORY);
  Xapian::TermGenerator tg;
  tg.set_stemmer(Xapian::Stem("english"));
  tg.set_stemming_strategy(Xapian::TermGenerator::STEM_SOME);
  std::string line;
  std::size_t line_no = 0;
  while (std::getline(in, line)) {
    ++line_no;
    if (line.empty()) continue;
    const nlohmann::json j = nlohmann::json::parse(line, nullptr, false);
    if (j.is_discarded() || !j.is_object() || !j.contains("id")) {
      throw lede::UsageError(path + ":" + std::to_string(line_no) +
                             ": not a JSON object with an id");
    }
    Xapian::Document doc;
    tg.set_document(doc);
    tg.index_text(j.value("title", std::string()));
    tg.increase_termpos();
    tg.index_text(j.value("text", std::string()));
    doc.set_data(j.at("id").get<std::string>());
    db.add_document(doc);
  }
  db.commit();
  return db;
}

// "ID<TAB>TEXT" lines.
std::vector<std::pair<std::string, std::string>> read_queries(
    const std::string& path) {
  std::ifstream in(path);
  if (!in) throw lede::UsageError("cannot read " + path);
  std::vector<std::pair<std::string, std::string>> out;
  std::string line;
  while (std::getline(in, line)) {
    const auto tab = line.find('\t');
    if (tab == std::string::npos) {
      throw lede::UsageError(path + ": line without a tab: " + line);
    }
    out.emplace_back(line.substr(0, tab), line.substr(tab + 1));
  }
  return out;
}

// The OR of the stemmed terms `tg` makes of `text`, wqf = their count.
Xapian::Query stemmed_words_query(Xapian::TermGenerator* tg,
                                  const std::string& text) {
  Xapian::Document scratch;
  tg->set_document(scratch);
  tg->index_text(text);
  std::vector<Xapian::Query> parts;
  for (auto t = scratch.termlist_begin(); t != scratch.termlist_end(); ++t) {
    const std::string term = *t;
    if (term[0] == 'Z') parts.emplace_back(term, t.get_wdf());
  }
  return Xapian::Query(Xapian::Query::OP_OR, parts.begin(), parts.end());
}

int run_main(int argc, char** argv) {
  CLI::App app{"lede-bench-xapian-bm25: stock Xapian BM25 runs for the "
               "relevance peers",
               "lede-bench-xapian-bm25"};
  std::string corpus, queries;
  std::vector<std::string> runs;
  unsigned limit = 100;
  app.add_option("corpus", corpus, "JSON Lines: {\"id\",\"title\",\"text\"}")
      ->required();
  app.add_option("queries", queries, "Queries, one 'ID<TAB>TEXT' per line")
      ->required();
  app.add_option("--run", runs,
                 "FILE=MODE:defaults or FILE=MODE:K1,B, MODE parser or "
                 "words: write a TREC run to FILE (repeatable)")
      ->required();
  app.add_option("--limit", limit, "Results per query (default 100)");
  try {
    app.parse(argc, argv);
  } catch (const CLI::ParseError& e) {
    if (e.get_exit_code() == 0) {
      std::cout << app.help();
      return 0;
    }
    std::cerr << "lede-bench-xapian-bm25: " << e.what() << "\n";
    return 2;
  }
  try {
    std::vector<RunSpec> specs;
    for (const std::string& r : runs) specs.push_back(parse_run_spec(r));
    const Xapian::WritableDatabase db = index_corpus(corpus);
    const auto qs = read_queries(queries);
    Xapian::QueryParser qp;
    qp.set_stemmer(Xapian::Stem("english"));
    qp.set_stemming_strategy(Xapian::QueryParser::STEM_SOME);
    qp.set_default_op(Xapian::Query::OP_OR);
    qp.set_database(db);
    Xapian::TermGenerator tg;
    tg.set_stemmer(Xapian::Stem("english"));
    tg.set_stemming_strategy(Xapian::TermGenerator::STEM_SOME);
    std::vector<Xapian::Query> parsed, words;
    for (const auto& q : qs) {
      parsed.push_back(qp.parse_query(q.second, 0));
      words.push_back(stemmed_words_query(&tg, q.second));
    }
    for (const RunSpec& spec : specs) {
      std::ofstream out(spec.path);
      if (!out) throw lede::UsageError("cannot write " + spec.path);
      Xapian::Enquire enquire(db);
      if (spec.defaults) {
        enquire.set_weighting_scheme(Xapian::BM25Weight());
      } else {
        enquire.set_weighting_scheme(
            Xapian::BM25Weight(spec.k1, 0, 1, spec.b, 0.5));
      }
      for (std::size_t i = 0; i < qs.size(); ++i) {
        enquire.set_query(spec.parser ? parsed[i] : words[i]);
        const Xapian::MSet mset = enquire.get_mset(0, limit);
        unsigned rank = 0;
        for (auto it = mset.begin(); it != mset.end(); ++it) {
          char score[32];
          std::snprintf(score, sizeof score, "%.9g", it.get_weight());
          out << qs[i].first << " Q0 " << it.get_document().get_data() << ' '
              << ++rank << ' ' << score << " xapian-bm25\n";
        }
      }
      if (!out.flush()) throw lede::Error("cannot write " + spec.path);
    }
    return 0;
  } catch (const Xapian::Error& e) {
    std::cerr << "lede-bench-xapian-bm25: " << e.get_description() << "\n";
  } catch (const std::exception& e) {
    std::cerr << "lede-bench-xapian-bm25: " << e.what() << "\n";
  }
  return 2;
}

}  // namespace

int main(int argc, char** argv) { return run_main(argc, argv); }
