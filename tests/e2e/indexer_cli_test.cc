// lede-index's command line through the real binary: --version, --help,
// usage errors (exit 2) and the shared corpora indexing with no options.
#include <gtest/gtest.h>

#include <fstream>
#include <map>

#include "tests/e2e/indexer_util.h"

namespace lede {
namespace {

using testing::index_json;
using testing::run_binary;
using testing::TempDir;

TEST(IndexCli, VersionNamesLedeXapianAndIcu) {
  const auto r = run_binary({testing::index_bin(), "--version"});
  EXPECT_EQ(r.exit_code, 0);
  EXPECT_TRUE(r.out.starts_with("lede-index ")) << r.out;
  EXPECT_NE(r.out.find("Xapian 1."), std::string::npos) << r.out;
  EXPECT_NE(r.out.find("ICU "), std::string::npos) << r.out;
}

TEST(IndexCli, HelpListsTheOptionGroups) {
  const auto r = run_binary({testing::index_bin(), "--help"});
  EXPECT_EQ(r.exit_code, 0);
  for (const char* s : {"Inputs:", "Database:", "Speed:", "Output:",
                        "--max-file-size", "--prune", "--wait", "--jobs"}) {
    EXPECT_NE(r.out.find(s), std::string::npos) << s;
  }
}

TEST(IndexCli, UsageErrorsExitTwoWithOneLine) {
  TempDir dir;
  const auto none = run_binary({testing::index_bin(), "--db", dir.str("db")});
  EXPECT_EQ(none.exit_code, 2);
  EXPECT_NE(none.err.find("no paths to index"), std::string::npos);
  const auto bad = run_binary({testing::index_bin(), "--jobs", "x", "."});
  EXPECT_EQ(bad.exit_code, 2);
  EXPECT_TRUE(bad.err.starts_with("lede-index: ")) << bad.err;
  const auto lang = run_binary(
      {testing::index_bin(), "--db", dir.str("db"), "--language", "klingon",
       dir.str()});
  EXPECT_EQ(lang.exit_code, 2);
}

TEST(IndexCli, DbFromEnvironment) {
  TempDir dir;
  testing::write_file(dir.path() / "a.txt", "Title: A\n\na\n");
  const auto r = run_binary({testing::index_bin(), dir.str("a.txt")}, "",
                            {"LEDE_DB=" + dir.str("env.db")});
  EXPECT_EQ(r.exit_code, 0) << r.err;
  EXPECT_EQ(testing::doc_count(dir.str("env.db")), 1);
}

TEST(IndexCli, NotALedeDatabaseIsAnError) {
  TempDir dir;
  testing::write_file(dir.path() / "db/notes.txt", "mine");
  testing::write_file(dir.path() / "a.txt", "Title: A\n\na\n");
  const auto r = run_binary(
      {testing::index_bin(), "--db", dir.str("db"), dir.str("a.txt")});
  EXPECT_EQ(r.exit_code, 2);
  EXPECT_NE(r.err.find("not a lede database"), std::string::npos) << r.err;
  EXPECT_TRUE(std::filesystem::exists(dir.path() / "db/notes.txt"));
}

// The requirement: both shared corpora index with no options.
TEST(IndexCli, SharedCorporaIndexWithNoOptions) {
  const std::string corpora = testing::shared_corpora_dir();
  if (corpora.empty()) GTEST_SKIP() << "shared corpora absent";
  struct Case {
    const char* path;
    long min_docs;
  } cases[] = {
      {"/reuters21578/reuters21578.jsonl", 21000},
      {"/health-news-tweets/health_tweets.jsonl", 60000},
      // Raw SGML: one article per story (it was 1 per file; issue 13 item 7).
      {"/reuters21578/reut2-000.sgm", 1000},
  };
  for (const Case& c : cases) {
    TempDir dir;
    const auto r = index_json(dir.str("db"), {corpora + c.path});
    EXPECT_LE(r.result.exit_code, 1) << r.result.err;
    EXPECT_GE(r.summary["documents"].get<long>(), c.min_docs) << c.path;
    EXPECT_EQ(r.summary["failed"], 0) << c.path;
    EXPECT_EQ(r.summary["dates_unparsed"], 0) << c.path;
  }
}

// Reuters-21578 SGML (issue 13 item 7): one article per <REUTERS> element,
// re-runs see them unchanged, and other SGML is skipped saying why.
TEST(IndexCli, ReutersSgmlIsOneArticlePerStory) {
  TempDir dir;
  const std::string story =
      "<REUTERS TOPICS=\"YES\" NEWID=\"%\">\n<DATE>26-FEB-1987 "
      "15:01:01.79</DATE>\n<TOPICS><D>cocoa</D></TOPICS>\n<TEXT>&#2;\n"
      "<TITLE>STORY %</TITLE>\n<BODY>Showers in the cocoa zone.\n"
      "&#3;</BODY></TEXT>\n</REUTERS>\n";
  std::string sgm = "<!DOCTYPE lewis SYSTEM \"lewis.dtd\">\n";
  for (const char* n : {"1", "2", "3"}) {
    std::string s = story;
    for (std::size_t at; (at = s.find('%')) != std::string::npos;) {
      s.replace(at, 1, n);
    }
    sgm += s;
  }
  testing::write_file(dir.path() / "in/reut2-000.sgm", sgm);
  const auto first = index_json(dir.str("db"), {dir.str("in")});
  ASSERT_EQ(first.result.exit_code, 0) << first.result.err;
  EXPECT_EQ(first.summary["added"], 3);
  EXPECT_EQ(first.summary["documents"], 3);
  const auto again = index_json(dir.str("db"), {dir.str("in")});
  EXPECT_EQ(again.result.exit_code, 0) << again.result.err;
  EXPECT_EQ(again.summary["unchanged"], 3);
  const auto hit = run_binary({testing::query_bin(), "--db", dir.str("db"),
                               "--format", "tsv", "title:\"story 2\""});
  EXPECT_EQ(hit.exit_code, 0) << hit.err;
  EXPECT_NE(hit.out.find("\t2\t1987-02-26T15:01:01\tReuters\tSTORY 2\t"),
            std::string::npos)
      << hit.out;

  testing::write_file(dir.path() / "other.sgml", "<doc><p>hi</p></doc>\n");
  const auto other = index_json(dir.str("db"), {dir.str("other.sgml")});
  EXPECT_EQ(other.result.exit_code, 1);
  EXPECT_EQ(other.summary["skipped"], 1);
  EXPECT_NE(other.result.err.find("no <REUTERS> elements"), std::string::npos)
      << other.result.err;
}

// Fields of the database's own (issue 13 item 13): Reuters' places, people,
// orgs and exchanges from the raw SGML of reut2-000.sgm (stories 1 to
// 1000) are searched and counted as the collection's JSON Lines copy says
// they should be; the database remembers them for lede-query and for
// re-runs.
// Issue 13 item 13: `--rebuild` without --field kept the field place
// (lede-query --stats "place (key places)", place:usa found 1) although
// the rebuild no longer read it.
TEST(IndexCli, RebuildDropsTheFieldsItDoesNotName) {
  TempDir dir;
  const std::string db = dir.str("db");
  const std::string feed = dir.str("feed.jsonl");
  testing::write_file(feed,
                      "{\"id\":\"1\",\"title\":\"Oil\",\"text\":\"crude\","
                      "\"places\":[\"usa\",\"uk\"],\"orgs\":\"opec\"}\n");
  auto count = [&](const std::string& q) {
    return run_binary({testing::query_bin(), "--db", db, "--count", q});
  };
  ASSERT_EQ(index_json(db, {"--field", "place=places", "--field", "org=orgs",
                            feed})
                .result.exit_code,
            0);
  ASSERT_EQ(count("place:usa").out, "1\n");
  const auto one = index_json(db, {"--rebuild", "--field", "org=orgs", feed});
  ASSERT_EQ(one.result.exit_code, 0) << one.result.err;
  EXPECT_NE(one.result.err.find("lede-index: --rebuild drops the field "
                                "place=places (not named by --field in this "
                                "run)\n"),
            std::string::npos)
      << one.result.err;
  EXPECT_EQ(count("org:opec").out, "1\n");
  const auto place = count("place:usa");
  EXPECT_EQ(place.exit_code, 2);
  EXPECT_NE(place.err.find("unknown field 'place:'"), std::string::npos)
      << place.err;
  ASSERT_EQ(index_json(db, {"--rebuild", feed}).result.exit_code, 0);
  const auto stats = run_binary({testing::query_bin(), "--db", db, "--stats"});
  EXPECT_NE(stats.out.find("none of its own"), std::string::npos)
      << stats.out;
}

// Issue 13 item 13: fields of the database's own were read from JSON
// only; a text header line "Place: usa" even ended the header block (the
// title became body text). Each input kind, through the binaries: the
// field is searched (place:usa) and counted (--facet place).
struct FieldInput {
  const char* kind;
  const char* file;
  const char* text;
};

class FieldsOfEachInputKind : public ::testing::TestWithParam<FieldInput> {};

TEST_P(FieldsOfEachInputKind, AreSearchedAndCounted) {
  const FieldInput& in = GetParam();
  TempDir dir;
  testing::write_file(dir.path() / "in" / in.file, in.text);
  // Another file without the field, so that a match is the field's.
  testing::write_file(dir.path() / "in/other.txt",
                      "Title: Other oil\n\nusa uk oil\n");
  const std::string db = dir.str("db");
  const auto r = index_json(db, {"--field", "place=places", dir.str("in")});
  ASSERT_EQ(r.result.exit_code, 0) << r.result.err;
  EXPECT_EQ(r.summary["added"], 2);
  auto count = [&](const std::string& q) {
    return run_binary({testing::query_bin(), "--db", db, "--count", q}).out;
  };
  EXPECT_EQ(count("place:usa"), "1\n");
  EXPECT_EQ(count("place:uk"), "1\n");
  EXPECT_EQ(count("place:\"united kingdom\""), "0\n");
  // The title is still the title: a header block did not end early.
  EXPECT_EQ(count("title:oil"), "2\n");
  const auto facet = run_binary({testing::query_bin(), "--db", db, "--format",
                                 "json", "--limit", "0", "--facet", "place",
                                 "oil"});
  ASSERT_EQ(facet.exit_code, 0) << facet.err;
  const auto out = nlohmann::json::parse(facet.out);
  std::map<std::string, long> counted;
  for (const auto& v : out["facets"]["place"]) {
    counted[v["value"].get<std::string>()] = v["count"].get<long>();
  }
  EXPECT_EQ(counted, (std::map<std::string, long>{{"uk", 1}, {"usa", 1}}))
      << facet.out;
}

INSTANTIATE_TEST_SUITE_P(
    IndexCli, FieldsOfEachInputKind,
    ::testing::Values(
        FieldInput{"TextHeader", "a.txt",
                   "Title: Oil talks\nPlaces: usa, uk\n\ncrude oil\n"},
        FieldInput{"FrontMatterFlowList", "b.md",
                   "---\ntitle: Oil talks\nplaces: [usa, uk]\n---\ncrude\n"},
        FieldInput{"FrontMatterBlockList", "c.md",
                   "---\ntitle: Oil talks\nPlaces:\n  - usa\n  - uk\n---\n"
                   "crude\n"},
        FieldInput{"JsonLines", "d.jsonl",
                   "{\"title\":\"Oil talks\",\"text\":\"crude\","
                   "\"places\":[\"usa\",\"uk\"]}\n"}),
    [](const auto& info) { return std::string(info.param.kind); });

TEST(IndexCli, FieldsOfTheirOwnAreSearchedAndCounted) {
  const std::string corpora = testing::shared_corpora_dir();
  if (corpora.empty()) GTEST_SKIP() << "shared corpora absent";
  const std::string sgm = corpora + "/reuters21578/reut2-000.sgm";
  // The expected counts, from the JSON Lines copy.
  const std::map<std::string, std::pair<std::string, std::string>> queries = {
      {"place:usa", {"places", "usa"}},
      {"people:volcker", {"people", "volcker"}},
      {"org:opec", {"orgs", "opec"}},
      {"exchange:nyse", {"exchanges", "nyse"}}};
  std::map<std::string, long> want;
  std::ifstream in(corpora + "/reuters21578/reuters21578.jsonl");
  for (std::string line; std::getline(in, line);) {
    const auto j = nlohmann::json::parse(line);
    if (std::stol(j["id"].get<std::string>()) > 1000) continue;
    for (const auto& [q, kv] : queries) {
      for (const auto& item : j[kv.first]) want[q] += item == kv.second;
    }
  }
  ASSERT_GT(want["place:usa"], 400);
  ASSERT_GT(want["org:opec"], 0);

  TempDir dir;
  const std::string db = dir.str("db");
  const auto first =
      index_json(db, {"--field", "place=places", "--field", "people=people",
                      "--field", "org=orgs", "--field", "exchange=exchanges",
                      sgm});
  ASSERT_EQ(first.result.exit_code, 0) << first.result.err;
  EXPECT_EQ(first.summary["added"], 1000);
  auto count = [&](const std::string& q) {
    const auto r = run_binary({testing::query_bin(), "--db", db, "--count", q});
    EXPECT_LE(r.exit_code, 1) << q << ": " << r.err;
    return std::atol(r.out.c_str());
  };
  for (const auto& [q, kv] : queries) EXPECT_EQ(count(q), want[q]) << q;
  const auto facet = run_binary({testing::query_bin(), "--db", db, "--format",
                                 "json", "--limit", "0", "--facet", "place",
                                 "place:usa"});
  ASSERT_EQ(facet.exit_code, 0) << facet.err;
  const auto f = nlohmann::json::parse(facet.out)["facets"]["place"];
  ASSERT_FALSE(f.empty()) << facet.out;
  EXPECT_EQ(f[0]["value"], "usa");
  EXPECT_EQ(f[0]["count"], want["place:usa"]);

  // A re-run knows the fields without being told; another mapping needs a
  // rebuild; a field the database lacks is named as such.
  const auto again = index_json(db, {sgm});
  EXPECT_EQ(again.result.exit_code, 0) << again.result.err;
  EXPECT_EQ(again.summary["unchanged"], 1000);
  EXPECT_EQ(count("place:usa"), want["place:usa"]);
  const auto other = index_json(db, {"--field", "place=topics", sgm});
  EXPECT_EQ(other.result.exit_code, 2);
  EXPECT_NE(other.result.err.find("was built with the fields exchange=exchanges, "
                                  "org=orgs, people=people, place=places"),
            std::string::npos)
      << other.result.err;
  // --rebuild changes them: org is no longer a field.
  const auto rebuilt =
      index_json(db, {"--rebuild", "--field", "place=places", sgm});
  ASSERT_EQ(rebuilt.result.exit_code, 0) << rebuilt.result.err;
  EXPECT_EQ(count("place:usa"), want["place:usa"]);
  const auto gone =
      run_binary({testing::query_bin(), "--db", db, "--count", "org:opec"});
  EXPECT_EQ(gone.exit_code, 2);
  EXPECT_NE(gone.err.find("unknown field 'org:' (fields: title author source "
                          "tag site id date after before place;"),
            std::string::npos)
      << gone.err;
  const auto unknown = run_binary({testing::query_bin(), "--db", db,
                                   "--facet", "region", "usa"});
  EXPECT_EQ(unknown.exit_code, 2);
  EXPECT_NE(unknown.err.find("unknown facet 'region'"), std::string::npos)
      << unknown.err;
}

}  // namespace
}  // namespace lede
