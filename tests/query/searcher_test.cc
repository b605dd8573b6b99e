// The searcher over small databases whose documents are made as lede-index
// makes them (tests/testutil/test_database.h): ranking, sorting,
// collapsing, facets, explanations, spelling suggestions, statistics, and
// reopening a database that changed.
#include "query/searcher.h"

#include <gtest/gtest.h>

#include <algorithm>
#include <numeric>

#include "common/article.h"
#include "common/error.h"
#include "common/schema.h"
#include "tests/testutil/test_database.h"
#include "tests/testutil/testutil.h"

namespace lede::query {
namespace {

Article story(std::string id, std::string title, std::string body,
              std::string date = "", std::string source = "") {
  Article a;
  a.id = std::move(id);
  a.title = std::move(title);
  a.body = std::move(body);
  a.date = std::move(date);
  a.source = std::move(source);
  a.path = a.id;
  return a;
}

// A small lede database, filled with add(), searched with search().
class SearcherTest : public ::testing::Test {
 protected:
  SearcherTest() : built_(dir_.str("db")), db_(built_.db()) {}

  void add(const Article& a) { built_.add(a); }

  Searcher& searcher() {
    if (!searcher_) {
      db_.commit();
      searcher_ = std::make_unique<Searcher>(
          DatabaseSet("memory", OpenedDatabase{db_, settings_}));
    }
    return *searcher_;
  }

  SearchResult search(const std::string& q, SearchRequest r = {}) {
    r.query = q;
    return searcher().search(r);
  }

  static std::vector<std::string> ids(const SearchResult& r) {
    std::vector<std::string> out;
    for (const Hit& h : r.hits) out.push_back(h.article.id);
    return out;
  }

  // What --explain lists for a hit, added up: its score.
  static double explained(const Hit& h) {
    return std::accumulate(
        h.explain.begin(), h.explain.end(), 0.0,
        [](double s, const TermContribution& c) { return s + c.weight; });
  }

  // 400 stories: one in three "other", the rest "common"; every other one
  // "word", the rest "thing"; from the 40th on, with filler text, so that
  // the first ones score the most a story can.
  void add_common_and_other() {
    for (int i = 0; i < 400; ++i) {
      std::string body = i % 3 ? "common " : "other ";
      body += i % 2 ? "word" : "thing";
      if (i >= 40) body += " and some filler text";
      add(story(std::to_string(i), "", body));
    }
  }

  lede::testing::TempDir dir_;
  lede::testing::TestDatabase built_;
  Xapian::WritableDatabase& db_;
  const IndexSettings& settings_ = built_.settings();
  std::unique_ptr<Searcher> searcher_;
};

TEST_F(SearcherTest, RanksByBm25WithTitleWordsCountingMore) {
  add(story("body", "Quarterly report", "the patient said the data was late"));
  add(story("title", "Patient data rules", "new rules were published"));
  add(story("none", "Weather", "sunny and warm"));
  const SearchResult r = search("patient data");
  EXPECT_EQ(ids(r), (std::vector<std::string>{"title", "body"}));
  EXPECT_EQ(r.summary.total, 2u);
  EXPECT_TRUE(r.summary.total_exact);
  EXPECT_GT(r.hits[0].score, r.hits[1].score);
  EXPECT_EQ(r.hits[0].rank, 1u);
  EXPECT_EQ(r.hits[1].rank, 2u);
}

// A topic named in one or two words normalises length with --short-b (0:
// not at all, chosen on the relevance bench's training queries): a long
// story about soybeans ranks above a short table that only names them in
// its title, as the Reuters editors' topic labels say it should. With
// b 0.75 (the b of longer queries) the table came first.
TEST_F(SearcherTest, ShortQueryRanksLongStoryAboveShortTableNamingIt) {
  add(story("table", "Soybean stocks", "chicago 12 toledo 8 total 20"));
  std::string body;
  for (int i = 0; i < 20; ++i) {
    body += i % 3 == 0 ? "soybean growers asked for a loan rate "
                       : "farm groups met the agriculture secretary ";
  }
  add(story("story", "Farm loans", body));
  add(story("other", "Weather", "sunny and warm"));
  EXPECT_EQ(ids(search("soybean")),
            (std::vector<std::string>{"story", "table"}));
  SearchRequest strong;
  strong.bm25_short_b = 0.75;
  EXPECT_EQ(ids(search("soybean", strong)),
            (std::vector<std::string>{"table", "story"}));
  // Three words are a longer query: --bm25's b 0.75, the table first
  // (the other two words are in no document).
  SearchRequest any;
  any.build.match_any = true;
  EXPECT_EQ(ids(search("soybean barley rye", any)),
            (std::vector<std::string>{"table", "story"}));
}

// Issue 13 item 9: `"crude oil" after:1987-03` on Reuters put first a
// vegetable-oil table that says "crude" again and again and "crude oil"
// once. A phrase ranks by how often the phrase occurs, not its words.
TEST_F(SearcherTest, PhraseRanksByHowOftenThePhraseOccurs) {
  add(story("table", "Vegetable oil stocks",
            "crude palm oil 120 crude soy oil 80 crude rape oil 40 crude "
            "sun oil 30 crude coconut oil 20 crude oil 10 crude corn oil 5 "
            "crude cotton oil 3 crude groundnut oil 2 crude linseed oil 1",
            "1987-03-20"));
  add(story("story", "Opec output",
            "crude oil prices rose as crude oil stocks fell and the crude "
            "oil market waited for Opec to cut output of crude oil",
            "1987-03-21"));
  add(story("apart", "Crude talk", "crude words about oil", "1987-03-22"));
  add(story("early", "Crude oil", "crude oil crude oil crude oil",
            "1987-02-01"));
  SearchRequest r;
  r.explain = true;
  const SearchResult res = search("\"crude oil\" after:1987-03", r);
  EXPECT_EQ(ids(res), (std::vector<std::string>{"story", "table"}));
  for (const Hit& h : res.hits) {
    EXPECT_NEAR(explained(h), h.score, 1e-9) << h.article.id;
  }
  // The words alone still rank the table first: it is the phrase that
  // counts.
  EXPECT_EQ(ids(search("crude oil after:1987-03")).front(), "table");
}

// --pair-weight: two words side by side in the query rank the documents
// where they occur side by side above those where they are apart; what
// matches does not change.
TEST_F(SearcherTest, PairWeightRanksWordsSideBySideHigher) {
  add(story("apart", "Report", "crude prices rose and oil stocks fell"));
  add(story("together", "Report", "crude oil prices rose and stocks fell"));
  add(story("one", "Report", "oil prices rose"));
  SearchRequest r;
  r.build.match_any = true;
  r.build.plain = true;
  r.proximity_weight = 0;  // (it would rank them the same way)
  const SearchResult off = search("crude oil", r);
  ASSERT_EQ(off.hits.size(), 3u);
  EXPECT_DOUBLE_EQ(off.hits[0].score, off.hits[1].score);  // a tie
  r.build.pair_weight = 0.5;
  r.explain = true;
  const SearchResult on = search("crude oil", r);
  EXPECT_EQ(ids(on), (std::vector<std::string>{"together", "apart", "one"}));
  EXPECT_EQ(on.summary.total, off.summary.total);
  for (const Hit& h : on.hits) {
    EXPECT_NEAR(explained(h), h.score, 1e-9) << h.article.id;
  }
}

// --proximity (on by default): of two stories with the same words, the one
// where the query's words are together, in its order, ranks first; what
// matches and the count do not change, and --explain still adds up.
TEST_F(SearcherTest, ProximityRanksQueryWordsTogetherFirst) {
  add(story("apart", "Report", "crude prices rose and oil stocks fell"));
  add(story("reversed", "Report", "oil crude prices rose and stocks fell"));
  add(story("together", "Report", "crude oil prices rose and stocks fell"));
  add(story("near", "Report", "crude and oil prices rose, stocks fell"));
  add(story("one", "Report", "oil prices rose"));
  SearchRequest r;
  r.build.match_any = true;
  r.proximity_weight = 0;
  const SearchResult off = search("crude oil", r);
  // Without it, the four with both words tie and rank in indexing order.
  EXPECT_EQ(ids(off), (std::vector<std::string>{"apart", "reversed",
                                                "together", "near", "one"}));
  r = {};
  r.build.match_any = true;
  r.explain = true;
  const SearchResult on = search("crude oil", r);
  // Side by side first, one word between next; the words the other way
  // round or further apart are as far as proximity goes.
  EXPECT_EQ(ids(on), (std::vector<std::string>{"together", "near", "apart",
                                               "reversed", "one"}));
  EXPECT_GT(on.hits[0].score, on.hits[1].score);
  EXPECT_GT(on.hits[1].score, on.hits[2].score);
  EXPECT_DOUBLE_EQ(on.hits[2].score, off.hits[0].score);
  EXPECT_EQ(on.summary.total, off.summary.total);
  for (const Hit& h : on.hits) {
    EXPECT_NEAR(explained(h), h.score, 1e-9) << h.article.id;
  }
  // A query of one word is not rescored.
  r = {};
  r.proximity_weight = 0;
  const SearchResult word_off = search("crude", r);
  const SearchResult word_on = search("crude", SearchRequest{});
  ASSERT_EQ(word_on.hits.size(), word_off.hits.size());
  for (std::size_t i = 0; i < word_on.hits.size(); ++i) {
    EXPECT_EQ(word_on.hits[i].article.id, word_off.hits[i].article.id);
    EXPECT_DOUBLE_EQ(word_on.hits[i].score, word_off.hits[i].score);
  }
}

// Only the first --rescore hits are ranked again; they stay above the rest
// (scores never fall), and pages read with --offset follow one another,
// within the rescored hits, across their end and after it.
TEST_F(SearcherTest, ProximityRescoresTheFirstHitsAndPagesFollow) {
  for (int i = 0; i < 12; ++i) {
    const std::string n = std::to_string(i);
    // Longer stories score lower; the odd ones have the words together.
    std::string body = i % 2 ? "gold prices rose" : "gold rose, prices fell";
    for (int k = 0; k < i; ++k) body += " again";
    add(story("s" + n, "Report " + n, body));
  }
  for (int i = 0; i < 20; ++i) add(story("f" + std::to_string(i), "Other", "silver rose"));
  SearchRequest r;
  r.build.match_any = true;
  r.rescore_depth = 5;
  r.limit = 12;
  r.proximity_weight = 0;
  const SearchResult off = search("gold prices", r);
  r.proximity_weight = SearchRequest{}.proximity_weight;
  const SearchResult all = search("gold prices", r);
  ASSERT_EQ(all.hits.size(), 12u);
  ASSERT_EQ(off.hits.size(), 12u);
  EXPECT_EQ(all.summary.total, off.summary.total);
  for (std::size_t i = 1; i < all.hits.size(); ++i) {
    EXPECT_GE(all.hits[i - 1].score, all.hits[i].score) << i;
  }
  // The first five are the same stories, reordered: s1 (words together)
  // above s0, which ties with it without proximity.
  const std::vector<std::string> all_ids = ids(all), off_ids = ids(off);
  std::vector<std::string> first(all_ids.begin(), all_ids.begin() + 5);
  std::vector<std::string> first_off(off_ids.begin(), off_ids.begin() + 5);
  EXPECT_NE(first, first_off);
  std::sort(first.begin(), first.end());
  std::sort(first_off.begin(), first_off.end());
  EXPECT_EQ(first, first_off);
  EXPECT_EQ(off_ids.front(), "s0");
  EXPECT_EQ(all_ids.front(), "s1");
  // The rest keep their order and scores.
  for (std::size_t i = 5; i < all.hits.size(); ++i) {
    EXPECT_EQ(all.hits[i].article.id, off.hits[i].article.id) << i;
    EXPECT_DOUBLE_EQ(all.hits[i].score, off.hits[i].score) << i;
  }
  std::vector<std::string> paged;
  for (std::size_t offset = 0; offset < 12; offset += 3) {
    r.offset = offset;
    r.limit = 3;
    const SearchResult page = search("gold prices", r);
    EXPECT_EQ(page.summary.total, all.summary.total);
    for (std::size_t i = 0; i < page.hits.size(); ++i) {
      EXPECT_EQ(page.hits[i].rank, offset + i + 1);
      EXPECT_DOUBLE_EQ(page.hits[i].score, all.hits[offset + i].score);
      paged.push_back(page.hits[i].article.id);
    }
  }
  EXPECT_EQ(paged, ids(all));
}

// A word said twice in a query matters more than once, and less than
// twice: BM25's within-query frequency, saturated by k3 = 1 (4/3).
TEST_F(SearcherTest, RepeatedQueryWordsWeighMore) {
  add(story("prices", "Report", "oil prices prices prices fell"));
  add(story("oil", "Report", "oil oil oil prices fell"));
  add(story("other", "Report", "gold rose"));
  for (const bool plain : {false, true}) {
    SearchRequest r;
    r.build.plain = plain;
    // Symmetric: a tie, in indexing order.
    const SearchResult both = search("oil prices", r);
    ASSERT_EQ(both.hits.size(), 2u);
    EXPECT_DOUBLE_EQ(both.hits[0].score, both.hits[1].score);
    EXPECT_EQ(ids(search("oil prices oil", r)),
              (std::vector<std::string>{"oil", "prices"}));
    EXPECT_EQ(ids(search("Prices oil, prices.", r)),
              (std::vector<std::string>{"prices", "oil"}));
    const double once = search("oil", r).hits.at(0).score;
    const double twice = search("oil oil", r).hits.at(0).score;
    EXPECT_NEAR(twice / once, 4.0 / 3.0, 1e-9) << (plain ? "--plain" : "");
  }
}

TEST_F(SearcherTest, EqualScoresRankInIndexingOrder) {
  for (const char* id : {"c", "a", "b"}) add(story(id, "Same title", "same"));
  EXPECT_EQ(ids(search("same")), (std::vector<std::string>{"c", "a", "b"}));
}

TEST_F(SearcherTest, OffsetAndLimitCountRanksFromTheStart) {
  for (int i = 0; i < 5; ++i) {
    add(story("d" + std::to_string(i), "Story", "word"));
  }
  SearchRequest r;
  r.offset = 2;
  r.limit = 2;
  const SearchResult res = search("word", r);
  EXPECT_EQ(ids(res), (std::vector<std::string>{"d2", "d3"}));
  EXPECT_EQ(res.hits[0].rank, 3u);
  EXPECT_EQ(res.summary.total, 5u);
  EXPECT_EQ(res.summary.offset, 2u);
}

TEST_F(SearcherTest, Bm25ParametersChangeTheScores) {
  add(story("short", "", "merger"));
  add(story("long", "", "merger " + std::string(400, 'x') +
                            " talks went on and on about many other things"));
  SearchRequest a;
  a.bm25_short_b = 0.75;  // a one-word query, normalised as longer ones
  SearchRequest b;        // --short-b 0: no length normalisation, alike
  const SearchResult ra = search("merger", a);
  const SearchResult rb = search("merger", b);
  ASSERT_EQ(ra.hits.size(), 2u);
  EXPECT_GT(ra.hits[0].score, ra.hits[1].score);
  EXPECT_DOUBLE_EQ(rb.hits[0].score, rb.hits[1].score);
}

TEST_F(SearcherTest, SortByDateKeepsUndatedLast) {
  add(story("mid", "Oil", "oil", "2021-05-01"));
  add(story("undated", "Oil", "oil"));
  add(story("old", "Oil", "oil", "2019-01-01"));
  add(story("new", "Oil", "oil", "2024-12-31T10:00:00Z"));
  SearchRequest r;
  r.sort = SortOrder::kNewest;
  EXPECT_EQ(ids(search("oil", r)),
            (std::vector<std::string>{"new", "mid", "old", "undated"}));
  r.sort = SortOrder::kOldest;
  EXPECT_EQ(ids(search("oil", r)),
            (std::vector<std::string>{"old", "mid", "new", "undated"}));
}

TEST_F(SearcherTest, CollapseFoldsCopiesByTitleAndDayAndByUrl) {
  add(story("wire", "Consortium pools scans", "imaging consortium", "2024-03-05",
            "Wire"));
  add(story("partner", "Consortium pools scans", "imaging consortium partner",
            "2024-03-05", "Daily"));
  add(story("later", "Consortium pools scans", "imaging consortium",
            "2024-03-09"));
  Article u1 = story("u1", "First headline", "imaging news");
  Article u2 = story("u2", "Second headline", "imaging news");
  u1.url = u2.url = "https://x.test/story";
  add(u1);
  add(u2);
  SearchRequest r;
  EXPECT_EQ(search("imaging", r).hits.size(), 5u);
  r.collapse = true;
  const SearchResult res = search("imaging", r);
  ASSERT_EQ(res.hits.size(), 3u) << ::testing::PrintToString(ids(res));
  std::map<std::string, std::size_t> folded;
  for (const Hit& h : res.hits) folded[h.article.id] = h.collapsed;
  EXPECT_EQ(folded.size(), 3u);
  EXPECT_EQ(folded.count("later"), 1u);
  EXPECT_EQ(folded["later"], 0u);
  // One of each pair stands for both.
  EXPECT_EQ(folded.count("wire") + folded.count("partner"), 1u);
  EXPECT_EQ(folded.count("u1") + folded.count("u2"), 1u);
  for (const auto& [id, n] : folded) {
    if (id != "later") {
      EXPECT_EQ(n, 1u) << id;
    }
  }
  for (std::size_t i = 0; i < res.hits.size(); ++i) {
    EXPECT_EQ(res.hits[i].rank, i + 1);
  }
}

TEST_F(SearcherTest, CollapseOfUndatedStoriesNeedsTheSameOpening) {
  // More than kCollapseOpeningWords words; the copies differ after them.
  const std::string opening =
      "The regional health system said on Tuesday that it would share "
      "de-identified imaging records from its eleven hospitals with a "
      "startup that trains diagnostic software, under a licence that its "
      "board approved last month after a review of the privacy rules";
  add(story("copy-a", "Weekly roundup", opening + " in Boston."));
  add(story("copy-b", "Weekly roundup", opening + ", a deal worth millions."));
  add(story("other", "Weekly roundup",
            "Three hospitals merged their imaging departments this week."));
  SearchRequest r;
  r.collapse = true;
  const SearchResult res = search("imaging", r);
  std::map<std::string, std::size_t> folded;
  for (const Hit& h : res.hits) folded[h.article.id] = h.collapsed;
  ASSERT_EQ(folded.size(), 2u) << ::testing::PrintToString(ids(res));
  EXPECT_EQ(folded.count("other"), 1u);
  EXPECT_EQ(folded["other"], 0u);
  EXPECT_EQ(folded.count("copy-a") + folded.count("copy-b"), 1u);
}

TEST_F(SearcherTest, FacetsCountEveryMatchNotOnlyThePage) {
  for (int i = 0; i < 12; ++i) {
    Article a = story("s" + std::to_string(i), "Drug trial", "trial",
                      i < 8 ? "2023-0" + std::to_string(1 + i % 3) + "-10"
                            : "2021-06-01",
                      i % 4 == 0 ? "Ledger" : "Wire");
    a.author = i < 6 ? "Ada" : "";
    a.tags = {"pharma", i % 2 ? "oncology" : "cardiology"};
    if (i == 0) a.tags.push_back("pharma");  // a repeat counts once
    add(a);
  }
  add(story("other", "Weather", "sun", "2020-01-01", "Ledger"));
  SearchRequest r;
  r.limit = 1;
  r.facets = {FacetKind::kSource, FacetKind::kYear, FacetKind::kMonth,
              FacetKind::kTag, FacetKind::kAuthor};
  r.facet_limit = 2;
  const SearchResult res = search("trial", r);
  EXPECT_EQ(res.hits.size(), 1u);
  auto show = [](const Facet& f) {
    std::string s = f.name + ":";
    for (const FacetValue& v : f.values) {
      s += " " + v.value + "=" + std::to_string(v.count);
    }
    return s;
  };
  ASSERT_EQ(res.summary.facets.size(), 5u);
  EXPECT_EQ(show(res.summary.facets[0]), "source: Wire=9 Ledger=3");
  EXPECT_EQ(show(res.summary.facets[1]), "year: 2021=4 2023=8");
  // The two most frequent months, in chronological order.
  EXPECT_EQ(show(res.summary.facets[2]), "month: 2021-06=4 2023-01=3");
  EXPECT_EQ(show(res.summary.facets[3]), "tag: pharma=12 cardiology=6");
  EXPECT_EQ(show(res.summary.facets[4]), "author: Ada=6");
}

// A list of authors (Markdown `author: [Ann Lee, Bob Ray]`) is several
// authors: the facet counts each, and a phrase does not run from one name
// into the next (issue 13 item 13).
TEST_F(SearcherTest, AuthorsOfAListCountOneByOne) {
  Article two = story("two", "Budget talks", "the talks went on");
  two.author = "Ann Lee, Bob Ray";
  two.authors = {"Ann Lee", "Bob Ray"};
  add(two);
  Article one = story("one", "Rates", "rates went up");
  one.author = "Ann Lee";
  add(one);
  SearchRequest r;
  r.facets = {FacetKind::kAuthor};
  const SearchResult res = search("went", r);
  ASSERT_EQ(res.summary.facets.size(), 1u);
  const Facet& f = res.summary.facets[0];
  ASSERT_EQ(f.values.size(), 2u);
  EXPECT_EQ(f.values[0].value, "Ann Lee");
  EXPECT_EQ(f.values[0].count, 2u);
  EXPECT_EQ(f.values[1].value, "Bob Ray");
  EXPECT_EQ(f.values[1].count, 1u);
  EXPECT_EQ(ids(search("author:\"bob ray\"")), (std::vector<std::string>{"two"}));
  EXPECT_EQ(search("author:\"ann lee\"").summary.total, 2u);
  EXPECT_TRUE(ids(search("author:\"lee bob\"")).empty());
}

// Issue 13 item 10: --show finds an article by its id, with its fields,
// its paragraphs, the query's words highlighted and --context's choice.
TEST_F(SearcherTest, ShowFindsAnArticleByItsId) {
  IndexSettings settings = settings_;
  settings.fields = {{"place", "places"}};
  built_.set_settings(std::move(settings));
  Article a = story("r-1", "Oil prices rise",
                    "Crude oil rose today.\n    Traders were calm.\n"
                    "    Gold fell.\n\nOil stocks\nclimbed.\n    Done.");
  a.fields["place"] = {"usa", "uk"};
  add(a);
  add(story("r-2", "Other", "oil elsewhere"));
  ShowRequest r;
  r.id = "r-1";
  std::vector<Story> shown = searcher().show(r);
  ASSERT_EQ(shown.size(), 1u);
  const Story& s = shown[0];
  EXPECT_EQ(s.article.id, "r-1");
  EXPECT_EQ(s.article.fields.at("place"), (std::vector<std::string>{"usa", "uk"}));
  EXPECT_EQ(s.paragraph_count, 5u);
  ASSERT_EQ(s.paragraphs.size(), 5u);
  EXPECT_EQ(s.paragraphs[3].text.text, "Oil stocks climbed.");
  EXPECT_EQ(s.paragraphs[3].number, 4u);
  EXPECT_TRUE(s.paragraphs[3].text.highlights.empty());  // no query

  r.query = "oil";
  shown = searcher().show(r);
  ASSERT_EQ(shown.size(), 1u);
  EXPECT_EQ(shown[0].title.highlights, (std::vector<ByteRange>{{0, 3}}));
  EXPECT_EQ(shown[0].paragraphs[0].text.highlights,
            (std::vector<ByteRange>{{6, 9}}));
  auto numbers = [&](std::size_t context) {
    r.context = context;
    std::vector<std::size_t> out;
    const std::vector<Story> stories = searcher().show(r);
    for (const Paragraph& p : stories.at(0).paragraphs) {
      out.push_back(p.number);
    }
    return out;
  };
  EXPECT_EQ(numbers(0), (std::vector<std::size_t>{1, 4}));
  EXPECT_EQ(numbers(1), (std::vector<std::size_t>{1, 2, 3, 4, 5}));

  r.id = "r-3";
  EXPECT_TRUE(searcher().show(r).empty());
  r.id = "r";  // ids are whole, not prefixes
  EXPECT_TRUE(searcher().show(r).empty());
  r.id = "r-1";
  r.query = "\"unbalanced";
  EXPECT_THROW(searcher().show(r), QuerySyntaxError);
}

// --show takes what the results show: an id longer than Xapian's term
// limit (indexed shortened with a hash, found by `id:` too), and a record
// of JSON Lines that has an id of its own by its PATH:LINE.
TEST_F(SearcherTest, ShowFindsALongIdAndARecordByItsPathAndLine) {
  const std::string long_id = "r-" + std::string(300, 'x');
  add(story(long_id, "Long", "oil"));
  Article record = story("feed-7", "Record", "oil record");
  record.path = "/feeds/a.jsonl";
  record.line = 3;
  add(record);
  EXPECT_EQ(ids(search("id:" + long_id)), (std::vector<std::string>{long_id}));
  EXPECT_TRUE(search("id:" + long_id.substr(0, 250)).hits.empty());
  ShowRequest r;
  r.id = long_id;
  ASSERT_EQ(searcher().show(r).size(), 1u);
  EXPECT_EQ(searcher().show(r)[0].article.id, long_id);
  r.id = "/feeds/a.jsonl:3";
  ASSERT_EQ(searcher().show(r).size(), 1u);
  EXPECT_EQ(searcher().show(r)[0].article.id, "feed-7");
  r.id = "/feeds/a.jsonl:4";
  EXPECT_TRUE(searcher().show(r).empty());
  r.id = "/feeds/a.jsonl";  // a record needs its line
  EXPECT_TRUE(searcher().show(r).empty());
}

// Fields the database defines (lede-index --field place=places): `place:`
// searches their items' words, --facet place counts each item, and the
// database says which fields it has (issue 13 item 13).
TEST_F(SearcherTest, FieldsTheDatabaseDefines) {
  IndexSettings settings = settings_;
  settings.fields = {{"people", "people"}, {"place", "places"}};
  built_.set_settings(std::move(settings));
  Article a = story("a", "Cocoa", "cocoa crop");
  a.fields["place"] = {"el-salvador", "usa"};
  a.fields["people"] = {"Paul Volcker"};
  add(a);
  Article b = story("b", "Cocoa prices", "cocoa price");
  b.fields["place"] = {"usa"};
  add(b);
  Article c = story("c", "Cocoa in Ghana", "cocoa");
  c.fields["place"] = {"ghana"};
  c.tags = {"usa"};  // a tag is not a place
  add(c);
  EXPECT_EQ(ids(search("place:usa")), (std::vector<std::string>{"a", "b"}));
  EXPECT_EQ(ids(search("cocoa place:el-salvador")),
            (std::vector<std::string>{"a"}));
  EXPECT_EQ(ids(search("place:\"el salvador\"")),
            (std::vector<std::string>{"a"}));
  EXPECT_EQ(ids(search("people:volcker")), (std::vector<std::string>{"a"}));
  EXPECT_EQ(ids(search("cocoa -place:usa")), (std::vector<std::string>{"c"}));
  // A phrase does not run from one item into the next.
  EXPECT_TRUE(ids(search("place:\"salvador usa\"")).empty());
  EXPECT_THROW(search("region:usa"), QuerySyntaxError);

  SearchRequest r;
  r.field_facets = {"place"};
  const SearchResult res = search("cocoa", r);
  ASSERT_EQ(res.summary.facets.size(), 1u);
  const Facet& f = res.summary.facets[0];
  EXPECT_EQ(f.name, "place");
  ASSERT_EQ(f.values.size(), 3u);
  EXPECT_EQ(f.values[0].value, "usa");
  EXPECT_EQ(f.values[0].count, 2u);
  r.field_facets = {"region"};
  EXPECT_THROW(search("cocoa", r), UsageError);
}

TEST_F(SearcherTest, ExplainPartsAddUpToTheScore) {
  add(story("a", "Patient data partners", "patient data is what partners want "
                                          "and patients share data"));
  add(story("b", "Other", "data about something"));
  add(story("c", "Patient", "a patient visit"));
  for (const double boost : {0.0, 2.5}) {
  for (const char* q : {"patient data", "\"patient data\" partners",
                        "patient OR data", "data", "pati* -visit"}) {
    SearchRequest r;
    r.explain = true;
    r.build.match_any = true;
    r.build.title_boost = boost;
    const SearchResult res = search(q, r);
    ASSERT_FALSE(res.hits.empty()) << q;
    for (const Hit& h : res.hits) {
      ASSERT_FALSE(h.explain.empty()) << q;
      EXPECT_NEAR(explained(h), h.score, 1e-9) << q << " in " << h.article.id;
      EXPECT_GT(h.doc_length, 0u);
    }
  }
  }
  SearchRequest r;
  r.explain = true;
  const Hit h = search("partners", r).hits.at(0);
  // One part: the stemmed term, alone or in a synonym group with the
  // word as written (however the query builder spells a stemmed word).
  ASSERT_EQ(h.explain.size(), 1u);
  EXPECT_NE(h.explain[0].term.find("Zpartner"), std::string::npos)
      << h.explain[0].term;
  // "partners" once in the body plus title_weight times in the title.
  EXPECT_GE(h.explain[0].wdf, 1u + settings_.title_weight);
  if (h.explain[0].term == "Zpartner") {
    EXPECT_EQ(h.explain[0].termfreq, 1u);
    EXPECT_EQ(h.explain[0].wdf, 1u + settings_.title_weight);
    EXPECT_GT(h.explain[0].idf, 0);
  }

  // A title boost shows as its factor on the title-only part.
  r.build.title_boost = 2.5;
  const Hit boosted = search("partners", r).hits.at(0);
  ASSERT_EQ(boosted.explain.size(), 2u);
  EXPECT_NE(boosted.explain[1].term.find("ZSpartner"), std::string::npos)
      << boosted.explain[1].term;
  EXPECT_NEAR(boosted.explain[1].factor, 2.5, 1e-9);
  EXPECT_GT(boosted.score, h.score);
}

TEST_F(SearcherTest, NoExplanationUnlessAsked) {
  add(story("a", "T", "word"));
  EXPECT_TRUE(search("word").hits.at(0).explain.empty());
}

TEST_F(SearcherTest, SnippetsAndTitleHighlightsOnlyWhenWanted) {
  add(story("a", "Patient data rules", "Hospitals share patient data."));
  const Hit h = search("\"patient data\"").hits.at(0);
  EXPECT_EQ(h.title.text, "Patient data rules");
  EXPECT_EQ(h.title.highlights, (std::vector<ByteRange>{{0, 12}}));
  ASSERT_EQ(h.snippets.size(), 1u);
  EXPECT_EQ(h.snippets[0].text, "Hospitals share patient data.");
  EXPECT_EQ(h.snippets[0].highlights, (std::vector<ByteRange>{{16, 28}}));
  SearchRequest r;
  r.want_text = false;
  const Hit bare = search("\"patient data\"", r).hits.at(0);
  EXPECT_TRUE(bare.snippets.empty());
  EXPECT_TRUE(bare.title.text.empty());
  EXPECT_EQ(bare.article.title, "Patient data rules");
}

TEST_F(SearcherTest, CountOnlyIsExactAndFetchesNothing) {
  for (int i = 0; i < 300; ++i) {
    add(story(std::to_string(i), "", i % 3 ? "common word" : "common"));
  }
  SearchRequest r;
  r.count_only = true;
  const SearchResult res = search("common", r);
  EXPECT_TRUE(res.hits.empty());
  EXPECT_EQ(res.summary.total, 300u);
  EXPECT_TRUE(res.summary.total_exact);
}

// Issue 13 item 2: the header said "about 200" where 671 matched.
TEST_F(SearcherTest, TotalIsExactUpToTheLimitAndAnEstimateBeyond) {
  // The first stories score the most a story can: once it has a page of
  // them (and has seen a few more), Xapian can stop early and estimate
  // the rest, unless told to count.
  add_common_and_other();
  SearchRequest r;
  r.limit = 10;
  const SearchResult exact = search("common word", r);
  EXPECT_EQ(exact.summary.total, 133u);
  EXPECT_TRUE(exact.summary.total_exact);
  // Beyond exact_count_up_to, Xapian's estimate, labelled as one.
  r.exact_count_up_to = 20;
  const SearchResult about = search("common word", r);
  EXPECT_EQ(about.hits.size(), 10u);
  EXPECT_FALSE(about.summary.total_exact);
  EXPECT_GE(about.summary.total, 20u);
  EXPECT_LE(about.summary.total, 400u);
  EXPECT_NE(about.summary.total, 133u);
}

// A query of one term is counted by its term frequency: exact however
// low exact_count_up_to is, with the same page as a full count gives.
TEST_F(SearcherTest, OneTermIsCountedExactlyWithoutCheckingEveryMatch) {
  add_common_and_other();
  SearchRequest r;
  r.limit = 10;
  const SearchResult counted = search("common", r);
  r.exact_count_up_to = 0;
  const SearchResult one = search("common", r);
  EXPECT_EQ(one.summary.total, 266u);
  EXPECT_TRUE(one.summary.total_exact);
  EXPECT_EQ(ids(one), ids(counted));
  // Two terms still need every match checked (see the test above).
  EXPECT_FALSE(search("common word", r).summary.total_exact);
}

// --time-limit (Enquire::set_time_limit) only stops counting once it is
// reached: a limit the match never reaches changes nothing, and without
// one nothing is called time-limited.
TEST_F(SearcherTest, ATimeLimitNotReachedChangesNothing) {
  for (int i = 0; i < 400; ++i) {
    add(story(std::to_string(i), "", i % 3 ? "common word" : "common"));
  }
  SearchRequest r;
  r.limit = 10;
  r.exact_count_up_to = 20;
  r.facets = {FacetKind::kYear};
  r.time_limit = 0;
  const SearchResult unlimited = search("common", r);
  EXPECT_FALSE(unlimited.summary.time_limited);
  r.time_limit = 86400;
  const SearchResult limited = search("common", r);
  EXPECT_EQ(ids(limited), ids(unlimited));
  EXPECT_EQ(limited.summary.total, unlimited.summary.total);
  EXPECT_FALSE(limited.summary.time_limited);
}

// Issue 13 item 2: --count --collapse said 700 where listing gave 649.
TEST_F(SearcherTest, CollapsedTotalIsTheNumberOfCollapsedHits) {
  // 260 stories: 120 with a copy the same day (title key), 10 of them
  // with one more copy under another title at the same URL; 10 alone.
  for (int i = 0; i < 120; ++i) {
    const std::string n = std::to_string(i);
    add(story("a" + n, "Story " + n, "imaging news", "2024-03-05"));
    add(story("b" + n, "Story " + n, "imaging news", "2024-03-05"));
    if (i < 10) {
      Article u = story("u" + n, "Other headline " + n, "imaging",
                        "2024-03-06");
      Article v = u;
      v.id = "v" + n;
      v.title = "Updated headline " + n;
      u.url = v.url = "https://x.test/" + n;
      add(u);
      add(v);
    }
  }
  for (int i = 0; i < 10; ++i) {
    add(story("alone" + std::to_string(i), "Alone " + std::to_string(i),
              "imaging"));
  }
  const std::size_t stories = 120 + 10 + 10;
  SearchRequest r;
  r.collapse = true;
  r.limit = 1000;
  const SearchResult all = search("imaging", r);
  EXPECT_EQ(all.hits.size(), stories);
  EXPECT_EQ(all.summary.total, stories);
  EXPECT_TRUE(all.summary.total_exact);

  SearchRequest count = r;
  count.count_only = true;
  const SearchResult counted = search("imaging", count);
  EXPECT_EQ(counted.summary.total, stories);
  EXPECT_TRUE(counted.summary.total_exact);

  // A page near the end reads the rest: exact. A first page with more
  // than kCollapseReadAhead stories after it: an estimate, labelled.
  r.limit = 10;
  r.offset = stories - 20;
  const SearchResult late = search("imaging", r);
  EXPECT_EQ(late.summary.total, stories);
  EXPECT_TRUE(late.summary.total_exact);
  r.offset = 0;
  const SearchResult first = search("imaging", r);
  EXPECT_FALSE(first.summary.total_exact);
  EXPECT_GE(first.summary.total, stories);

  // Pages put together are the whole listing: a URL copy folds into its
  // story whichever page that is on.
  std::vector<std::string> paged;
  for (r.offset = 0; r.offset < stories + 10; r.offset += 10) {
    for (const std::string& id : ids(search("imaging", r))) paged.push_back(id);
  }
  EXPECT_EQ(paged, ids(all));
}

TEST_F(SearcherTest, SuggestsABetterSpellingThatFindsMore) {
  add(story("a", "Patient records", "patient data"));
  add(story("b", "Patient visits", "patient care"));
  db_.add_spelling("patient", 5);
  db_.add_spelling("records", 1);
  EXPECT_EQ(search("pateint").summary.suggestion, "patient");
  EXPECT_EQ(search("Pateint records").summary.suggestion, "patient records");
  // Field names and operators are kept as written.
  EXPECT_EQ(search("pateint OR records").summary.suggestion,
            "patient OR records");
  SearchRequest off;
  off.suggest = false;
  EXPECT_EQ(search("pateint", off).summary.suggestion, "");
  // A query that already finds enough gets no suggestion.
  EXPECT_EQ(search("patient").summary.suggestion, "");
  // Nothing better to say.
  EXPECT_EQ(search("zzzzzz").summary.suggestion, "");
}

// A database where "volker" is in one story and "volcker" in `common`
// (the Reuters counts are 1 and 124), with the spelling table lede-index
// would write for it.
class RareSpellingTest : public SearcherTest {
 protected:
  void add_counted(const Article& a) { built_.add_counting_spelling(a); }
  void fill(int common) {
    add_counted(story("rare", "Volker speaks", "volker said rates would rise"));
    for (int i = 0; i < common; ++i) {
      add_counted(story("c" + std::to_string(i),
                        i % 2 ? "Volcker speaks" : "Rates",
                        "volcker said the interest rates would rise, don't "
                        "doubt it, don't; font size"));
    }
  }
  std::string suggestion(const std::string& q) {
    return search(q).summary.suggestion;
  }
};

TEST_F(RareSpellingTest, AKnownWordGetsAFarMoreFrequentSpelling) {
  fill(120);
  EXPECT_EQ(suggestion("volker"), "volcker");
  // In phrases and fields too, the rest of the query kept as written.
  EXPECT_EQ(suggestion("\"Volker said\""), "\"volcker said\"");
  EXPECT_EQ(suggestion("title:volker"), "title:volcker");
  EXPECT_EQ(suggestion("volker OR speaks"), "volcker OR speaks");
  // A word in no document: the nearest spelling, within one edit, or two
  // for six letters or more.
  EXPECT_EQ(suggestion("intrest"), "interest");
  EXPECT_EQ(suggestion("intrestt"), "interest");
  EXPECT_EQ(suggestion("dont"), "don't");
  ASSERT_EQ(db_.get_spelling_suggestion("ratxx", 2), "rates");
  EXPECT_EQ(suggestion("ratxx"), "");
  // Excluded words are not respelled.
  EXPECT_EQ(suggestion("rates -volker"), "");
}

TEST_F(RareSpellingTest, NotWhenTheOtherWordIsNotFarMoreFrequent) {
  fill(99);  // 99 < 100 times 1
  EXPECT_EQ(suggestion("volker"), "");
  EXPECT_EQ(suggestion("\"volker said\""), "");
}

TEST_F(RareSpellingTest, NeitherInflectionsNorOtherInitialsNorShortWords) {
  fill(120);
  add_counted(story("s", "Volckers", "the volckers sad day"));
  // Another form of "volcker" is no respelling: the bare word finds both.
  EXPECT_EQ(suggestion("volckers"), "");
  // "sad" is too short to question although "said" is everywhere.
  EXPECT_EQ(suggestion("sad"), "");
  // Another first letter is another word.
  ASSERT_EQ(db_.get_spelling_suggestion("wont", 1), "font");
  EXPECT_EQ(suggestion("wont"), "");
}

TEST_F(SearcherTest, ShowQueryFillsTheParsedTreeAndXapianQuery) {
  add(story("a", "T", "word"));
  SearchRequest r;
  r.show_query = true;
  const SearchResult res = search("word", r);
  EXPECT_FALSE(res.summary.parsed.empty());
  EXPECT_NE(res.summary.xapian_query.find("Zword"), std::string::npos);
  EXPECT_TRUE(search("word").summary.xapian_query.empty());
}

TEST_F(SearcherTest, QueryWithNothingToSearchIsAUsageError) {
  add(story("a", "T", "word"));
  EXPECT_THROW(search("!!!"), UsageError);
}

TEST_F(SearcherTest, Stats) {
  add(story("a", "Oil prices", "crude oil", "2019-06-03", "Wire"));
  add(story("b", "Gold", "gold price", "2025-04-15T10:00:00Z", "Wire"));
  add(story("c", "Wheat", "wheat", "", "Ledger"));
  add(story("d", "Corn", "corn"));
  db_.add_spelling("crude", 1);
  const DatabaseStats s = searcher().stats();
  EXPECT_EQ(s.path, "memory");
  EXPECT_EQ(s.documents, 4u);
  EXPECT_GT(s.terms, 10u);
  EXPECT_GT(s.average_length, 1.0);
  EXPECT_EQ(s.dated, 2u);
  EXPECT_EQ(s.first_date, "2019-06-03");
  EXPECT_EQ(s.last_date, "2025-04-15");
  ASSERT_EQ(s.sources.size(), 2u);
  EXPECT_EQ(s.sources[0].value, "Wire");
  EXPECT_EQ(s.sources[0].count, 2u);
  EXPECT_EQ(s.schema_version, kSchemaVersion);
  EXPECT_EQ(s.language, "english");
  EXPECT_EQ(s.title_weight, settings_.title_weight);
  EXPECT_EQ(s.spelling_words, 1u);
}

// A database rewritten under an open searcher: the searcher notices
// (Xapian::DatabaseModifiedError), reopens, and answers from the new data.
// A twin searcher that may not reopen, opened at the same revision and
// asked the same queries (so it reads the same blocks), shows when the old
// revision has really been overwritten.
TEST(SearcherReopen, ADatabaseRewrittenUnderASearchIsReopened) {
  lede::testing::TempDir dir;
  const std::string path = dir.str("db");
  lede::testing::TestDatabase w(path);
  const IndexSettings& settings = w.settings();
  auto fill = [&](const std::string& word) {
    for (int i = 0; i < 300; ++i) {
      w.replace(story(std::to_string(i), "Title " + word,
                      word + " " + std::string(200, 'a' + i % 26) + " text"));
    }
    w.db().commit();
  };
  fill("alpha");
  Searcher searcher({path});
  Searcher twin(
      DatabaseSet(path, OpenedDatabase{Xapian::Database(path), settings}));
  SearchRequest r;
  r.query = "alpha";
  ASSERT_EQ(searcher.search(r).summary.total, 300u);
  ASSERT_EQ(twin.search(r).summary.total, 300u);
  // Each round asks for another page, so that both read blocks they have
  // not cached yet; both ask exactly the same, so both read the same.
  bool stale = false;
  SearchResult fresh;
  std::string last;
  for (int round = 0; round < 29 && !stale; ++round) {
    last = round % 2 ? "beta" : "gamma";
    fill(last);
    r.offset = static_cast<std::size_t>(10 * (round + 1));
    try {
      (void)twin.search(r);
    } catch (const Xapian::DatabaseModifiedError&) {
      stale = true;
    }
    fresh = searcher.search(r);
  }
  if (!stale) GTEST_SKIP() << "Xapian never reused the old revision's blocks";
  EXPECT_EQ(fresh.summary.total, 0u);
  r.offset = 0;
  r.query = last;
  EXPECT_EQ(searcher.search(r).summary.total, 300u);
}

}  // namespace
}  // namespace lede::query
