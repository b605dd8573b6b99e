// Searching a sharded database: the same corpus on 1 and on 3 shards gives
// the same top results and scores; shards served by two xapian-tcpsrv on
// loopback and named in a stub file give the same results as the local
// shards; a server that is down is an error naming it; what Xapian's
// remote protocol cannot do is left out with a note.
#include <arpa/inet.h>
#include <gtest/gtest.h>
#include <netinet/in.h>
#include <sys/socket.h>
#include <unistd.h>

#include <algorithm>
#include <chrono>
#include <cmath>
#include <filesystem>
#include <memory>
#include <string>
#include <thread>
#include <tuple>
#include <vector>

#include "query/searcher.h"
#include "tests/e2e/indexer_util.h"

namespace lede {
namespace {

namespace fs = std::filesystem;
using testing::Background;
using testing::index_json;
using testing::TempDir;

const std::vector<std::string> kQueries = {
    "oil",           "crude oil prices", "bank of japan", "\"interest rates\"",
    "trade deficit", "wheat OR corn",    "title:dollar",  "patient data",
    "merger NEAR/5 shares", "export*",       "petrol* prices"};

struct Scored {
  std::string id;
  double score;
};

// The top `n` hits of `query` in `db`, as (id, score) ordered by score and
// then id: docids differ between layouts, so equal scores are ordered by
// id here, over every match (up to 2000) so that the cut at `n` is the same.
// `rank_phrases` false: phrases and word pairs weigh as their words, and
// words close together are not ranked higher (as over remote shards).
std::vector<Scored> top(const std::string& db, const std::string& query,
                        std::size_t n = 10, bool rank_phrases = true) {
  query::Searcher searcher(std::vector<std::string>{db});
  query::SearchRequest req;
  req.query = query;
  req.build.rank_phrases = rank_phrases;
  if (!rank_phrases) req.proximity_weight = 0;
  req.limit = 2000;
  req.want_text = false;
  req.suggest = false;
  std::vector<Scored> out;
  for (const query::Hit& h : searcher.search(req).hits) {
    out.push_back({h.article.id, h.score});
  }
  std::sort(out.begin(), out.end(), [](const Scored& a, const Scored& b) {
    return std::tie(b.score, a.id) < std::tie(a.score, b.id);
  });
  if (out.size() > n) out.resize(n);
  return out;
}

void expect_same_results(const std::string& a, const std::string& b,
                         bool rank_phrases = true) {
  for (const std::string& q : kQueries) {
    const auto x = top(a, q, 10, rank_phrases);
    const auto y = top(b, q, 10, rank_phrases);
    ASSERT_EQ(x.size(), y.size()) << q;
    for (std::size_t i = 0; i < x.size(); ++i) {
      EXPECT_EQ(x[i].id, y[i].id) << q << " rank " << i + 1;
      EXPECT_NEAR(x[i].score, y[i].score, 1e-9) << q << " rank " << i + 1;
    }
  }
}

// A corpus of the sample corpus and a Reuters slice large enough that
// every one of 3 shards trains its own document-data dictionary.
class ShardedSearch : public ::testing::Test {
 protected:
  void SetUp() override {
    slice_ = dir_.str("reuters.jsonl");
    if (!testing::write_reuters_slice(slice_, 5000)) {
      GTEST_SKIP() << "shared corpora absent (../shared): no Reuters slice";
    }
  }
  std::string build(const std::string& name, std::vector<std::string> args) {
    const std::string db = dir_.str(name);
    args.push_back(testing::sample_corpus());
    args.push_back(slice_);
    const auto r = index_json(db, args);
    EXPECT_LE(r.result.exit_code, 1) << r.result.err;
    return db;
  }
  TempDir dir_;
  std::string slice_;
};

TEST_F(ShardedSearch, OneAndThreeShardsRankTheSame) {
  const std::string one = build("one", {"-j", "1"});
  const std::string three = build("three", {"--shards", "3"});
  ASSERT_EQ(testing::doc_count(one), testing::doc_count(three));
  // Every shard has its own dictionary (numbered 1, 2, 3 by shard).
  for (int k = 0; k < 3; ++k) {
    Xapian::Database shard(three + "/gen-1.shard-" + std::to_string(k));
    EXPECT_FALSE(shard.get_metadata("lede.dict." + std::to_string(k + 1)).empty())
        << "shard " << k << " trained no dictionary";
  }
  expect_same_results(one, three);
  // Hits of every shard decode (each with its shard's dictionary).
  const auto hits = top(three, "the OR said", 200);
  EXPECT_EQ(hits.size(), 200u);

  // Folded into one database: the same results again.
  const auto folded = index_json(three, {"--compact"});
  ASSERT_EQ(folded.result.exit_code, 0) << folded.result.err;
  expect_same_results(one, three);
}

// A loopback port nobody listens on now.
int free_port() {
  const int s = socket(AF_INET, SOCK_STREAM, 0);
  sockaddr_in a{};
  a.sin_family = AF_INET;
  a.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
  a.sin_port = 0;
  socklen_t len = sizeof a;
  if (bind(s, reinterpret_cast<sockaddr*>(&a), sizeof a) != 0 ||
      getsockname(s, reinterpret_cast<sockaddr*>(&a), &len) != 0) {
    close(s);
    return -1;
  }
  close(s);
  return ntohs(a.sin_port);
}

bool accepts(int port) {
  const int s = socket(AF_INET, SOCK_STREAM, 0);
  sockaddr_in a{};
  a.sin_family = AF_INET;
  a.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
  a.sin_port = htons(static_cast<std::uint16_t>(port));
  const bool ok = connect(s, reinterpret_cast<sockaddr*>(&a), sizeof a) == 0;
  close(s);
  return ok;
}

// xapian-tcpsrv serving `db` read-only on 127.0.0.1:port; killed when the
// object goes (Background's destructor).
struct TcpServer {
  int port = -1;
  std::unique_ptr<Background> process;
};

std::string tcpsrv_path() {
  for (const char* p : {"/usr/bin/xapian-tcpsrv", "/usr/local/bin/xapian-tcpsrv"}) {
    if (fs::exists(p)) return p;
  }
  return {};
}

TcpServer serve(const std::string& db) {
  TcpServer s;
  for (int attempt = 0; attempt < 5 && s.port < 0; ++attempt) {
    const int port = free_port();
    auto p = std::make_unique<Background>(std::vector<std::string>{
        tcpsrv_path(), "--quiet", "--interface", "127.0.0.1", "--port",
        std::to_string(port), db});
    for (int i = 0; i < 200 && p->running(); ++i) {
      if (accepts(port)) {
        s.port = port;
        s.process = std::move(p);
        break;
      }
      std::this_thread::sleep_for(std::chrono::milliseconds(50));
    }
  }
  return s;
}

TEST_F(ShardedSearch, RemoteShardsGiveTheLocalResults) {
  if (tcpsrv_path().empty()) {
    GTEST_SKIP() << "xapian-tcpsrv is not installed (Debian: xapian-tools)";
  }
  const std::string db = build("two", {"--shards", "2"});
  TcpServer a = serve(db + "/gen-1.shard-0");
  TcpServer b = serve(db + "/gen-1.shard-1");
  ASSERT_GT(a.port, 0) << "xapian-tcpsrv did not start";
  ASSERT_GT(b.port, 0) << "xapian-tcpsrv did not start";
  const std::string stub = dir_.str("remote.stub");
  testing::write_file(stub, "# two shards on loopback\nremote 127.0.0.1:" +
                                std::to_string(a.port) + "\nremote 127.0.0.1:" +
                                std::to_string(b.port) + "\n");
  // Phrases and word pairs ("crude oil prices") rank as their words there:
  // the local shards without phrase ranking.
  expect_same_results(db, stub, /*rank_phrases=*/false);

  // The binary too, with what the remote protocol cannot do noted.
  const auto local = testing::run_binary(
      {testing::query_bin(), "--db", db, "--format", "tsv", "-n", "5", "oil"});
  const auto remote = testing::run_binary(
      {testing::query_bin(), "--db", stub, "--format", "tsv", "-n", "5", "oil"});
  EXPECT_EQ(remote.exit_code, 0) << remote.err;
  EXPECT_EQ(remote.out, local.out);
  const auto tags = testing::run_binary({testing::query_bin(), "--db", stub,
                                         "--facet", "tag", "--facet", "year",
                                         "--format", "json", "oil"});
  EXPECT_EQ(tags.exit_code, 0) << tags.err;
  EXPECT_NE(tags.err.find("note: --facet tag is not available over remote "
                          "databases"),
            std::string::npos)
      << tags.err;
  EXPECT_NE(tags.out.find("\"year\""), std::string::npos) << tags.out;
  const auto phrase = testing::run_binary({testing::query_bin(), "--db", stub,
                                           "--format", "tsv", "\"crude oil\""});
  EXPECT_EQ(phrase.exit_code, 0) << phrase.err;
  EXPECT_NE(phrase.out.find("CRUDE OIL"), std::string::npos) << phrase.out;
  EXPECT_NE(phrase.err.find("note: phrases and words side by side rank as "
                            "the sum of their words over remote databases"),
            std::string::npos)
      << phrase.err;
  const auto oldest = testing::run_binary({testing::query_bin(), "--db", stub,
                                           "--sort", "oldest", "oil"});
  EXPECT_EQ(oldest.exit_code, 0) << oldest.err;
  EXPECT_NE(oldest.err.find("note: --sort oldest over remote databases"),
            std::string::npos)
      << oldest.err;

  // A stub may list a local shard beside a remote one (Xapian's stub
  // format, read unchanged).
  const std::string mixed = dir_.str("mixed.stub");
  testing::write_file(mixed, "glass " + db + "/gen-1.shard-0\nremote 127.0.0.1:" +
                                 std::to_string(b.port) + "\n");
  expect_same_results(db, mixed, /*rank_phrases=*/false);

  // One server down: one line naming it, exit 2.
  b.process.reset();
  for (int i = 0; i < 100 && accepts(b.port); ++i) {
    std::this_thread::sleep_for(std::chrono::milliseconds(50));
  }
  const auto down = testing::run_binary(
      {testing::query_bin(), "--db", stub, "oil"});
  EXPECT_EQ(down.exit_code, 2);
  EXPECT_EQ(down.err, "lede-query: '" + stub + "' line 3: the server 'remote "
                          "127.0.0.1:" + std::to_string(b.port) +
                          "' does not answer (Couldn't connect)\n");
}

}  // namespace
}  // namespace lede
