// libFuzzer target: any bytes as a query, with and without --plain/--or,
// against a small in-memory database (so wildcards expand). Must never
// crash, hang or trip a sanitizer; lede::Error is the only way out.
#include <xapian.h>

#include <string_view>

#include "common/query_build.h"
#include "common/terms.h"

namespace {

Xapian::Database& database(lede::Analyzer* analyzer) {
  static Xapian::WritableDatabase db("", Xapian::DB_BACKEND_INMEMORY);
  static bool built = false;
  if (!built) {
    for (const char* text :
         {"Mayo Clinic’s patient data deals", "患者数据和医疗数据",
          "COVID-19 e-mail U.S. 155,221 Zürich Straße"}) {
      std::vector<lede::Token> tokens;
      analyzer->analyze(text, &tokens);
      Xapian::Document doc;
      lede::index_tokens(&doc, lede::Field::kAll, tokens, analyzer);
      db.add_document(doc);
    }
    built = true;
  }
  return db;
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data,
                                      std::size_t size) {
  static lede::Analyzer analyzer;
  Xapian::Database& db = database(&analyzer);
  const std::string_view text(reinterpret_cast<const char*>(data), size);
  for (int mode = 0; mode < 3; ++mode) {
    lede::BuildOptions options;
    options.plain = mode == 1;
    options.match_any = mode == 2;
    try {
      const lede::BuiltQuery built =
          lede::build_query(text, options, &analyzer, &db);
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
