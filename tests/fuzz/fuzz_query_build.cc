// libFuzzer target: any bytes as a query, with and without --plain/--or,
// built (common/query_build.h) and run against a small in-memory database
// of real lede documents (indexer/document_builder.h: fields, sites, dates,
// so wildcards expand and filters select). Must never crash, hang or trip
// a sanitizer; lede::Error is the only way out; every word the query
// reports lies inside it and every highlight term has words.
#include <xapian.h>

#include "common/query_build.h"
#include "indexer/document_builder.h"
#include "tests/fuzz/fuzz_util.h"

using lede::fuzz::require;

namespace {

Xapian::Database& database(lede::Analyzer* analyzer) {
  static Xapian::WritableDatabase db = [&] {
    Xapian::WritableDatabase w("", Xapian::DB_BACKEND_INMEMORY);
    const lede::IndexSettings settings;
    const char* rows[][5] = {
        {"Mayo Clinic’s patient data deals", "Jane Roe", "2024-03-05",
         "https://www.statnews.com/a", "privacy"},
        {"患者数据和医疗数据", "", "2019-12-31T23:00:00Z",
         "http://example.cn/x", "数据"},
        {"COVID-19 e-mail U.S. 155,221 Zürich Straße", "Müller, J.",
         "1987-02-26", "https://reuters.com/b", "covid,health"},
    };
    int n = 0;
    for (const auto& r : rows) {
      lede::Article a;
      a.id = "doc" + std::to_string(++n);
      a.title = r[0];
      a.body = std::string(r[0]) + " patient patients imaging data breach";
      a.author = r[1];
      a.date = r[2];
      a.url = r[3];
      a.tags = {r[4]};
      a.source = "wire";
      lede::AnalysisStats stats;
      w.add_document(
          lede::indexer::build_document(a, settings, analyzer, &stats));
    }
    return w;
  }();
  return db;
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data,
                                      std::size_t size) {
  static lede::Analyzer analyzer;
  Xapian::Database& db = database(&analyzer);
  const std::string_view text = lede::fuzz::text_of(data, size);
  for (int mode = 0; mode < 3; ++mode) {
    lede::BuildOptions options;
    options.plain = mode == 1;
    options.match_any = mode == 2;
    options.max_wildcard_terms = mode == 2 ? 3 : 1000;
    options.title_boost = mode == 0 ? 0 : 2.5;
    try {
      const lede::BuiltQuery built =
          lede::build_query(text, options, &analyzer, &db);
      for (const lede::QueryWord& w : built.words) {
        require(!w.term.empty() && w.begin < w.end && w.end <= size,
                "query word outside the query");
      }
      for (const lede::HighlightTerm& h : built.highlights) {
        require(!h.words.empty(), "highlight term without words");
        for (const std::string& w : h.words) {
          require(!w.empty(), "empty highlight word");
        }
      }
      Xapian::Enquire enquire(db);
      enquire.set_query(built.query);
      (void)enquire.get_mset(0, 10);
    } catch (const lede::QuerySyntaxError& e) {
      (void)e.render("fuzz");
    } catch (const lede::Error&) {
    }
  }
  return 0;
}
