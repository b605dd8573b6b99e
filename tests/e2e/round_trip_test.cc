// Round trip: index sample_corpus/ with the real lede-index, then for every
// token of every stored document, search for the token's surface text as a
// term (through common/terms.h, the query side's literal path) and expect
// that document among the matches. This is the property that makes "a term
// indexed is exactly the term a query asks for" true for real text.
#include <gtest/gtest.h>
#include <xapian.h>

#include <set>

#include "common/article.h"
#include "common/document_data.h"
#include "common/index_meta.h"
#include "common/schema.h"
#include "common/terms.h"
#include "tests/testutil/testutil.h"

namespace lede {
namespace {

TEST(RoundTrip, EveryTokenOfEverySampleDocumentFindsItsDocument) {
  testing::TempDir dir;
  const std::string db_path = dir.str("lede.db");
  const auto r = testing::run_binary(
      {testing::index_bin(), "--db", db_path, testing::sample_corpus()});
  ASSERT_LE(r.exit_code, 1) << r.err;

  OpenedDatabase opened = open_for_reading(db_path);
  Analyzer analyzer(opened.settings.analyzer);
  std::size_t documents = 0, checked = 0;
  for (auto it = opened.db.postlist_begin(""); it != opened.db.postlist_end("");
       ++it) {
    const Xapian::docid did = *it;
    const Article a = opened.data.decode(opened.db.get_document(did));
    ++documents;
    std::set<std::string> seen;
    for (const std::string* text : {&a.title, &a.body}) {
      std::vector<Token> tokens;
      analyzer.analyze(*text, &tokens);
      for (const Token& t : tokens) {
        const std::string surface = text->substr(t.begin, t.end - t.begin);
        if (!seen.insert(surface).second) continue;
        for (Match m : {Match::kStemmed, Match::kExact}) {
          const Xapian::Query q =
              literal_query(Field::kAll, surface, m, &analyzer);
          ASSERT_FALSE(q.empty()) << a.path << ": '" << surface << "'";
          Xapian::Enquire enquire(opened.db);
          enquire.set_query(q);
          const Xapian::MSet mset =
              enquire.get_mset(0, opened.db.get_doccount());
          bool found = false;
          for (auto m_it = mset.begin(); m_it != mset.end(); ++m_it) {
            found = found || *m_it == did;
          }
          EXPECT_TRUE(found) << a.path << ": '" << surface << "' -> "
                             << q.get_description();
          ++checked;
        }
      }
    }
  }
  EXPECT_GE(documents, 25u);
  EXPECT_GT(checked, 3000u);
}

}  // namespace
}  // namespace lede
