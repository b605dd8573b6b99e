// The in-process Xapian peer of `lede-query --batch`: what `quest` does for
// one query (QueryParser with quest's defaults plus the flags run.py passes
// to quest, BM25, top 10, each hit's document data read), for every
// "ID<TAB>QUERY" line of standard input in one process, printing
// "ID<TAB>milliseconds<TAB>matches" per query. No snippets: omindex does not
// store the text they would be cut from. Used by bench/query/run.py only.
#include <xapian.h>

#include <chrono>
#include <cstdio>
#include <iostream>
#include <string>

int main(int argc, char** argv) {
  if (argc != 2) {
    std::cerr << "usage: lede_bench_xapian_batch DB < queries\n";
    return 2;
  }
  try {
    Xapian::Database db(argv[1]);
    Xapian::QueryParser qp;
    qp.set_database(db);
    qp.set_stemmer(Xapian::Stem("english"));
    qp.set_stemming_strategy(Xapian::QueryParser::STEM_SOME);
    qp.set_default_op(Xapian::Query::OP_AND);
    qp.add_prefix("title", "S");
    qp.add_boolean_prefix("year", "Y");
    qp.add_boolean_prefix("month", "M");
    qp.add_boolean_prefix("day", "D");
    const unsigned flags = Xapian::QueryParser::FLAG_DEFAULT |
                           Xapian::QueryParser::FLAG_WILDCARD;
    std::string line;
    while (std::getline(std::cin, line)) {
      const auto tab = line.find('\t');
      if (tab == std::string::npos) continue;
      const std::string id = line.substr(0, tab);
      const auto start = std::chrono::steady_clock::now();
      Xapian::Enquire enquire(db);
      enquire.set_query(qp.parse_query(line.substr(tab + 1), flags));
      const Xapian::MSet mset = enquire.get_mset(0, 10);
      std::size_t bytes = 0;
      for (auto it = mset.begin(); it != mset.end(); ++it) {
        bytes += it.get_document().get_data().size();
      }
      const double ms = std::chrono::duration<double, std::milli>(
                            std::chrono::steady_clock::now() - start)
                            .count();
      std::printf("%s\t%.4f\t%u\t%zu\n", id.c_str(), ms,
                  mset.get_matches_estimated(), bytes);
    }
  } catch (const Xapian::Error& e) {
    std::cerr << "lede_bench_xapian_batch: " << e.get_description() << "\n";
    return 2;
  }
  return 0;
}
