// Several lede databases searched as one (common/database_set.h): each
// document read with its own database's dictionary, stub files, and
// databases whose settings disagree.
#include "common/database_set.h"

#include <gtest/gtest.h>

#include <set>
#include <string>
#include <vector>

#include "common/document_data.h"
#include "common/error.h"
#include "common/index_meta.h"
#include "tests/testutil/testutil.h"

namespace lede {
namespace {

// `n` articles with ids "<name>-<i>", words from a vocabulary of their own.
std::vector<Article> feed(const std::string& name,
                          const std::vector<std::string>& words, int n) {
  std::vector<Article> out;
  unsigned x = 2024;
  auto next = [&] {
    x = x * 1103515245u + 12345u;
    return (x >> 16) % words.size();
  };
  for (int i = 0; i < n; ++i) {
    Article a;
    a.id = name + "-" + std::to_string(i);
    for (int w = 0; w < 8; ++w) a.title += words[next()] + " ";
    for (int w = 0; w < 120; ++w) a.body += words[next()] + " ";
    a.source = name + " Wire";
    a.path = "/srv/" + name + ".jsonl";
    a.line = static_cast<std::uint64_t>(i + 1);
    out.push_back(std::move(a));
  }
  return out;
}

// A lede database at `path` holding `articles`, compressed with a
// dictionary numbered 1 trained on them (as lede-index numbers its first).
void write_database(const std::string& path,
                    const std::vector<Article>& articles,
                    const IndexSettings& settings = {}) {
  Xapian::WritableDatabase db(path, Xapian::DB_CREATE_OR_OPEN);
  write_index_settings(&db, settings);
  std::vector<std::string> samples;
  for (const Article& a : articles) samples.push_back(encode_document_data(a));
  DataDictionary dict(1, DataDictionary::train(samples));
  ASSERT_FALSE(dict.bytes().empty());
  db.set_metadata(dict.key(), dict.bytes());
  for (const Article& a : articles) {
    Xapian::Document doc;
    doc.set_data(dict.compress(encode_document_data(a)));
    doc.add_term("Q" + a.id);
    db.add_document(doc);
  }
  db.commit();
}

const std::vector<std::string> kHealth = {
    "the", "clinic", "patients", "data", "said", "hospital", "million",
    "report", "federal", "imaging", "privacy", "of", "and", "cancer"};
const std::vector<std::string> kCommodities = {
    "cocoa", "bahia", "tonnes", "export", "growers", "rain", "crop",
    "prices", "sugar", "wheat", "coffee", "shipments", "quota", "ico"};

class DatabaseSetTest : public ::testing::Test {
 protected:
  DatabaseSetTest() {
    write_database(a_, feed("health", kHealth, 300));
    write_database(b_, feed("crops", kCommodities, 200));
  }
  // The one-line error DatabaseSet::open gives for `paths`, or "" if it
  // opens them.
  static std::string refusal(const std::vector<std::string>& paths) {
    try {
      (void)DatabaseSet::open(paths);
    } catch (const Error& e) {
      return e.what();
    }
    return "";
  }
  testing::TempDir dir_;
  std::string a_ = dir_.str("a.db");
  std::string b_ = dir_.str("b.db");
};

// Issue 13 item 3: a stub listing two lede databases failed on results
// with "decompress: Data corruption detected", every document being read
// with the first database's dictionary.
TEST_F(DatabaseSetTest, EachDocumentIsReadWithItsOwnDatabasesDictionary) {
  const DatabaseSet set = DatabaseSet::open({a_, b_});
  ASSERT_EQ(set.parts().size(), 2u);
  EXPECT_EQ(set.db().get_doccount(), 500u);
  std::set<std::string> ids;
  const Xapian::Database& db = set.db();
  for (auto d = db.postlist_begin(""); d != db.postlist_end(""); ++d) {
    const Article a = set.decode(*d, db.get_document(*d));
    // The document's own id term says which story it is.
    auto t = db.termlist_begin(*d);
    t.skip_to("Q");
    ASSERT_EQ(*t, "Q" + a.id);
    EXPECT_EQ(set.part_of(*d).name, a.id.starts_with("health") ? a_ : b_);
    ids.insert(a.id);
  }
  EXPECT_EQ(ids.size(), 500u);
  // What went wrong before: one database's reader for every document.
  const DataReader& first = set.parts()[0].opened.data;
  EXPECT_THROW((void)first.decode(db.get_document(2)), Error);
}

TEST_F(DatabaseSetTest, AStubFileListsDatabasesRelativeToItsFolder) {
  testing::write_file(dir_.path() / "all.stub",
                      "# both feeds\nauto a.db\n\nglass " + b_ + "\n");
  const DatabaseSet set = DatabaseSet::open({dir_.str("all.stub")});
  ASSERT_EQ(set.parts().size(), 2u);
  EXPECT_EQ(set.parts()[0].name, dir_.str("a.db"));
  EXPECT_EQ(set.parts()[1].name, b_);
  EXPECT_EQ(set.db().get_doccount(), 500u);
  EXPECT_EQ(set.name(), dir_.str("a.db") + " + " + b_);
  // A stub may list a database given beside it, and another stub.
  testing::write_file(dir_.path() / "outer.stub", "auto all.stub\n");
  EXPECT_EQ(DatabaseSet::open({dir_.str("outer.stub"), a_}).parts().size(), 3u);
}

TEST_F(DatabaseSetTest, AStubThatCannotBeReadSaysWhichLine) {
  auto message = [&](const std::string& stub_text) {
    testing::write_file(dir_.path() / "bad.stub", stub_text);
    try {
      (void)DatabaseSet::open({dir_.str("bad.stub")});
    } catch (const Error& e) {
      return std::string(e.what());
    }
    return std::string("no error");
  };
  const std::string stub = "'" + dir_.str("bad.stub") + "'";
  EXPECT_EQ(message("auto a.db\nauto missing.db\n").rfind(stub + " line 2: no database at", 0), 0u)
      << message("auto a.db\nauto missing.db\n");
  EXPECT_EQ(message("auto a.db\nremote localhost\n"),
            stub + " line 2: expected 'remote HOST:PORT' or 'remote :PROGRAM "
                   "ARGS', not 'remote localhost'");
  EXPECT_EQ(message("remote :\n"), stub + " line 1: 'remote :' names no program");
  EXPECT_EQ(message("auto a.db\nauto\n"),
            stub + " line 2: expected 'auto PATH' (a stub lists one database "
                   "a line)");
  EXPECT_NE(message("auto bad.stub\n").find("nest more than 8 deep"),
            std::string::npos);
}

TEST_F(DatabaseSetTest, DatabasesIndexedWithOtherSettingsAreRefused) {
  IndexSettings german;
  german.analyzer.language = "german";
  const std::string c = dir_.str("c.db");
  write_database(c, feed("german", kHealth, 200), german);
  EXPECT_EQ(refusal({a_, c}),
            "'" + c + "' was indexed with other settings than '" + a_ +
                "' (stemming german, not english); databases searched "
                "together must agree");
}

// Fields of their own (lede-index --field, issue 13 item 13) are settings:
// databases with other fields cannot be searched as one, since `place:`
// would mean nothing in one of them.
TEST_F(DatabaseSetTest, DatabasesWithOtherFieldsAreRefused) {
  IndexSettings places;
  places.fields = {{"place", "places"}};
  const std::string c = dir_.str("c.db");
  write_database(c, feed("places", kCommodities, 200), places);
  EXPECT_EQ(refusal({a_, c}),
            "'" + c + "' was indexed with other settings than '" + a_ +
                "' (fields place=places, not none); "
                "databases searched together must agree");
  const std::string d = dir_.str("d.db");
  write_database(d, feed("places too", kHealth, 200), places);
  EXPECT_EQ(DatabaseSet::open({c, d}).settings().fields, places.fields);
}

}  // namespace
}  // namespace lede
