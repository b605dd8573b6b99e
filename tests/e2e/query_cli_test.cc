// lede-query through the real binary, for what golden files cannot show:
// every exit status with the databases that cause them, colour on a real
// terminal, documents full of escape sequences, a closed pipe, the
// environment, --stats, --timing, and the README's jq pipeline.
#include <fcntl.h>
#include <pty.h>
#include <signal.h>
#include <sys/wait.h>
#include <unistd.h>

#include <gtest/gtest.h>
#include <nlohmann/json.hpp>
#include <xapian.h>

#include <algorithm>
#include <cstdlib>
#include <filesystem>
#include <sstream>

#include "common/safe_text.h"
#include "common/schema.h"
#include "common/version.h"
#include "tests/testutil/testutil.h"

namespace lede {
namespace {

namespace fs = std::filesystem;
using testing::run_binary;
using testing::RunResult;

// Runs lede-query on a pseudo-terminal (so stdout is a tty) `columns`
// wide (0: the pty's default, no size), with `env` added, and returns
// everything it wrote there.
std::string run_on_tty(const std::vector<std::string>& args,
                       const std::vector<std::string>& env,
                       unsigned short columns = 0) {
  std::vector<std::string> argv = {testing::query_bin()};
  argv.insert(argv.end(), args.begin(), args.end());
  int master = -1;
  winsize size{};
  size.ws_row = 24;
  size.ws_col = columns;
  const pid_t pid =
      forkpty(&master, nullptr, nullptr, columns > 0 ? &size : nullptr);
  if (pid == 0) {
    ::unsetenv("NO_COLOR");
    ::unsetenv("COLUMNS");
    ::setenv("TERM", "xterm", 1);
    for (const std::string& e : env) ::putenv(const_cast<char*>(e.c_str()));
    std::vector<char*> cargv;
    for (const std::string& a : argv) cargv.push_back(const_cast<char*>(a.c_str()));
    cargv.push_back(nullptr);
    execv(cargv[0], cargv.data());
    _exit(127);
  }
  std::string out;
  char buf[4096];
  for (;;) {
    const ssize_t n = read(master, buf, sizeof buf);
    if (n <= 0) break;  // EIO once the child has gone
    out.append(buf, static_cast<std::size_t>(n));
  }
  int status = 0;
  waitpid(pid, &status, 0);
  close(master);
  return out;
}

class QueryCli : public ::testing::Test {
 protected:
  static void SetUpTestSuite() {
    dir_ = new testing::TempDir();
    db_ = dir_->str("lede.db");
    const auto r = run_binary({testing::index_bin(), "-q", "--db", db_,
                               "--exclude", "README.md",
                               testing::sample_corpus()});
    ASSERT_EQ(r.exit_code, 1) << r.err;  // empty.txt is skipped
  }
  static void TearDownTestSuite() { delete dir_; }

  static RunResult query(std::vector<std::string> args,
                         const std::string& stdin_data = "",
                         const std::vector<std::string>& env = {}) {
    std::vector<std::string> argv = {testing::query_bin(), "--db", db_};
    argv.insert(argv.end(), args.begin(), args.end());
    return run_binary(argv, stdin_data, env);
  }

  static testing::TempDir* dir_;
  static std::string db_;
};

testing::TempDir* QueryCli::dir_ = nullptr;
std::string QueryCli::db_;

TEST_F(QueryCli, ExitZeroOneTwo) {
  EXPECT_EQ(query({"patient"}).exit_code, 0);
  EXPECT_EQ(query({"zzzzqqqq"}).exit_code, 1);
  EXPECT_EQ(query({"--count", "zzzzqqqq"}).exit_code, 1);
  EXPECT_EQ(query({"--count", "zzzzqqqq"}).out, "0\n");
  // Matching documents exist even when the page is past them.
  EXPECT_EQ(query({"--offset", "500", "patient"}).exit_code, 0);
  EXPECT_EQ(query({"\"unbalanced"}).exit_code, 2);
  EXPECT_EQ(query({"(patient"}).exit_code, 2);
  EXPECT_EQ(query({"nosuchfield:x"}).exit_code, 2);
  EXPECT_EQ(query({"--limit", "x", "patient"}).exit_code, 2);
  EXPECT_EQ(query({"--nonsense", "patient"}).exit_code, 2);
  EXPECT_EQ(query({}).exit_code, 2);
  EXPECT_EQ(query({"--stats"}).exit_code, 0);
}

TEST_F(QueryCli, ErrorsAreOneLineOnStderrWithNothingOnStdout) {
  for (const auto& args : std::vector<std::vector<std::string>>{
           {"--limit", "x", "q"}, {"--facet", "x", "q"}, {"--bm25", "1", "q"},
           {"--format", "jsonl", "--facet", "year", "q"}, {"!!!"}}) {
    const auto r = query(args);
    EXPECT_EQ(r.exit_code, 2) << args[0];
    EXPECT_EQ(r.out, "") << args[0];
    EXPECT_TRUE(r.err.starts_with("lede-query: ")) << r.err;
    EXPECT_EQ(r.err.find("CLI::"), std::string::npos) << r.err;
  }
}

TEST_F(QueryCli, MissingDatabase) {
  const auto r = run_binary(
      {testing::query_bin(), "--db", dir_->str("nowhere.db"), "patient"});
  EXPECT_EQ(r.exit_code, 2);
  EXPECT_EQ(r.out, "");
  EXPECT_NE(r.err.find("no database at"), std::string::npos) << r.err;
  EXPECT_EQ(std::count(r.err.begin(), r.err.end(), '\n'), 1) << r.err;
}

TEST_F(QueryCli, NotALedeDatabase) {
  // A directory of other files.
  const std::string junk = dir_->str("junk");
  testing::write_file(junk + "/notes.txt", "hello\n");
  // A Xapian database that lede did not write.
  const std::string plain = dir_->str("plain.db");
  {
    Xapian::WritableDatabase w(plain, Xapian::DB_CREATE_OR_OPEN);
    Xapian::Document d;
    d.add_term("hello");
    w.add_document(d);
    w.commit();
  }
  for (const std::string& db : {junk, plain}) {
    const auto r = run_binary({testing::query_bin(), "--db", db, "hello"});
    EXPECT_EQ(r.exit_code, 2) << db;
    EXPECT_NE(r.err.find("not a lede database"), std::string::npos) << r.err;
    EXPECT_EQ(std::count(r.err.begin(), r.err.end(), '\n'), 1) << r.err;
  }
}

TEST_F(QueryCli, AnotherSchemaVersionSaysToRebuild) {
  const std::string old = dir_->str("old.db");
  {
    Xapian::WritableDatabase w(old, Xapian::DB_CREATE_OR_OPEN);
    w.set_metadata(std::string(meta::kSchema), "999");
    w.add_document(Xapian::Document());
    w.commit();
  }
  const auto r = run_binary({testing::query_bin(), "--db", old, "x"});
  EXPECT_EQ(r.exit_code, 2);
  EXPECT_NE(r.err.find("schema version 999"), std::string::npos) << r.err;
  EXPECT_NE(r.err.find("rebuild"), std::string::npos) << r.err;
}

TEST_F(QueryCli, DatabaseFromTheEnvironment) {
  const auto r = run_binary({testing::query_bin(), "--count", "patient"}, "",
                            {"LEDE_DB=" + db_});
  EXPECT_EQ(r.exit_code, 0) << r.err;
  EXPECT_NE(r.out, "0\n");
}

TEST_F(QueryCli, VersionNamesXapianAndIcu) {
  const auto r = run_binary({testing::query_bin(), "--version"});
  EXPECT_EQ(r.exit_code, 0);
  EXPECT_TRUE(r.out.starts_with("lede-query ")) << r.out;
  EXPECT_NE(r.out.find("Xapian " + std::string(Xapian::version_string())),
            std::string::npos)
      << r.out;
  EXPECT_NE(r.out.find("ICU "), std::string::npos) << r.out;
}

TEST_F(QueryCli, HelpListsTheOptionGroups) {
  const auto r = run_binary({testing::query_bin(), "--help"});
  EXPECT_EQ(r.exit_code, 0);
  for (const char* s : {"Query:", "Ranking:", "Output:", "Other modes:",
                        "--format", "--batch", "--facet", "--bm25"}) {
    EXPECT_NE(r.out.find(s), std::string::npos) << s;
  }
}

TEST_F(QueryCli, ColourOnATerminalUnlessNoColorOrDumb) {
  const std::vector<std::string> args = {"--db", db_, "--limit", "1",
                                         "\"patient data\""};
  const std::string tty = run_on_tty(args, {});
  EXPECT_NE(tty.find("\x1b[1;31mpatient data\x1b[0m"), std::string::npos)
      << tty;
  // On a terminal the header shows the time taken.
  EXPECT_NE(tty.find(" ms)"), std::string::npos) << tty;
  for (const char* env : {"NO_COLOR=1", "TERM=dumb"}) {
    const std::string plain = run_on_tty(args, {env});
    EXPECT_EQ(plain.find('\x1b'), std::string::npos) << env;
    EXPECT_NE(plain.find("[patient data]"), std::string::npos) << env;
  }
  // An empty NO_COLOR does not count (no-color.org).
  EXPECT_NE(run_on_tty(args, {"NO_COLOR="}).find('\x1b'), std::string::npos);
  std::vector<std::string> never = args;
  never.insert(never.begin(), {"--color", "never"});
  EXPECT_EQ(run_on_tty(never, {}).find('\x1b'), std::string::npos);
  // Not a terminal: no colour, unless asked for.
  EXPECT_EQ(query({"--limit", "1", "patient"}).out.find('\x1b'),
            std::string::npos);
  EXPECT_NE(query({"--color", "always", "--limit", "1", "patient"})
                .out.find("\x1b[1;31m"),
            std::string::npos);
}

// The lines of `out` (a pty's \r\n or a pipe's \n), without colour codes.
std::vector<std::string> plain_lines(const std::string& out) {
  std::vector<std::string> lines(1);
  for (std::size_t i = 0; i < out.size(); ++i) {
    if (out[i] == '\x1b') {
      i = out.find('m', i);
      if (i == std::string::npos) break;
    } else if (out[i] == '\n') {
      lines.emplace_back();
    } else if (out[i] != '\r') {
      lines.back() += out[i];
    }
  }
  return lines;
}

std::size_t cells(const std::string& line) {
  return display_width(std::string_view(line));
}

// Every line fits `width`, or is one word (a path or URL) that cannot be
// broken; and the output has at least one line the width did break.
void expect_fits(const std::string& out, std::size_t width) {
  std::size_t full = 0;
  for (const std::string& l : plain_lines(out)) {
    const std::size_t text = l.find_first_not_of(' ');
    const bool one_word =
        text != std::string::npos && l.find(' ', text) == std::string::npos;
    EXPECT_TRUE(cells(l) <= width || one_word)
        << cells(l) << " cells at " << width << ": " << l;
    if (cells(l) > width - 12 && cells(l) <= width) ++full;
  }
  EXPECT_GT(full, 2u) << out;
}

// Issue 13 item 8: text output is wrapped to the terminal's width (the
// pty's size, whatever COLUMNS says), or to COLUMNS in a pipe; without
// COLUMNS a pipe gets whole lines.
TEST_F(QueryCli, TextWrapsToTheTerminalWidth) {
  const std::vector<std::string> args = {"--db", db_, "patient", "data"};
  for (const unsigned short width : {50, 80}) {
    SCOPED_TRACE(width);
    expect_fits(run_on_tty(args, {"COLUMNS=200"}, width), width);
  }
  // A terminal that reports no size: COLUMNS, else 80.
  expect_fits(run_on_tty(args, {"COLUMNS=60"}), 60);
  expect_fits(run_on_tty(args, {}), 80);
  // Into a pipe: COLUMNS when it is set, else no wrapping at all.
  expect_fits(query({"patient", "data"}, "", {"COLUMNS=70"}).out, 70);
  std::size_t longest = 0;
  for (const std::string& l : plain_lines(query({"patient", "data"}).out)) {
    longest = std::max(longest, cells(l));
  }
  EXPECT_GT(longest, 150u);
}

// Issue 13 item 10: --show ID prints one stored article, found by its id
// or by the path a search shows; an unknown id is one line and exit 1.
TEST_F(QueryCli, ShowPrintsOneArticle) {
  auto r = query({"--show", "htw-2020-1130"});
  EXPECT_EQ(r.exit_code, 0) << r.err;
  EXPECT_EQ(r.err, "");
  EXPECT_TRUE(r.out.starts_with(
      "Title:  Insurer-backed data exchange signs up 40 hospitals\n"))
      << r.out;
  EXPECT_NE(r.out.find("\nId:     htw-2020-1130\n"), std::string::npos);
  EXPECT_NE(r.out.find("\nPath:   /"), std::string::npos) << r.out;
  EXPECT_NE(r.out.find("\n\nCOVID-19 accelerated sign-ups"), std::string::npos);

  r = query({"--show", "no-such-story"});
  EXPECT_EQ(r.exit_code, 1);
  EXPECT_EQ(r.out, "");
  EXPECT_EQ(r.err, "lede-query: no article has the id 'no-such-story' in '" +
                       db_ + "'\n");

  // A file by the path a search printed, or relative to where one stands.
  const std::string file = fs::canonical(fs::path(testing::sample_corpus()) /
                                         "mayo-clinic-patient-data.txt");
  r = query({"--show", file});
  EXPECT_EQ(r.exit_code, 0) << r.err;
  EXPECT_NE(r.out.find("Path:   " + file + "\n"), std::string::npos) << r.out;
  const auto relative = run_binary(
      {"/bin/sh", "-c",
       "cd '" + std::string(testing::sample_corpus()) + "' && exec '" +
           testing::query_bin() + "' --db '" + db_ +
           "' --show ./mayo-clinic-patient-data.txt"});
  EXPECT_EQ(relative.exit_code, 0) << relative.err;
  EXPECT_EQ(relative.out, r.out);
  // A record of JSON Lines by FILE:LINE.
  r = query({"--show", std::string(testing::sample_corpus()) +
                           "/feeds/newswire-feed.jsonl:2"});
  EXPECT_EQ(r.exit_code, 0) << r.err;
  EXPECT_NE(r.out.find("Id:     htw-2020-1130"), std::string::npos);

  for (const std::vector<std::string>& bad :
       std::vector<std::vector<std::string>>{
           {"--show", "htw-2020-1130", "-C", "1"},
           {"--show", "htw-2020-1130", "--format", "tsv"},
           {"--show", "htw-2020-1130", "--count"},
           {"-C", "1", "patient"}}) {
    r = query(bad);
    EXPECT_EQ(r.exit_code, 2) << bad.back();
    EXPECT_EQ(r.out, "");
    EXPECT_EQ(std::count(r.err.begin(), r.err.end(), '\n'), 1) << r.err;
  }
}

TEST_F(QueryCli, ShowAsJsonWithContext) {
  const auto r = query({"--show", "htw-2020-1130", "--format", "json", "-C",
                        "1", "patient", "data"});
  ASSERT_EQ(r.exit_code, 0) << r.err;
  const auto j = nlohmann::json::parse(r.out);
  EXPECT_EQ(j["id"], "htw-2020-1130");
  EXPECT_EQ(j["paragraph_count"], 5);
  std::vector<int> numbers;
  for (const auto& p : j["paragraphs"]) numbers.push_back(p["number"]);
  EXPECT_EQ(numbers, (std::vector<int>{3, 4, 5}));
  const auto& match = j["paragraphs"][1];
  const std::string text = match["text"];
  ASSERT_EQ(match["highlights"].size(), 1u);
  EXPECT_EQ(text.substr(match["highlights"][0][0],
                        static_cast<std::size_t>(match["highlights"][0][1]) -
                            static_cast<std::size_t>(match["highlights"][0][0])),
            "patient data");
}

// On a terminal --show goes through $PAGER (PAGER is a sed that marks each
// line here, so that the test sees it ran); not with --no-pager, nor into a
// pipe. The text is wrapped to the terminal's width.
TEST_F(QueryCli, ShowThroughThePagerOnATerminal) {
  const std::vector<std::string> args = {"--db", db_, "--show",
                                         "htw-2020-1130"};
  const std::string paged = run_on_tty(args, {"PAGER=sed s/^/P:/"}, 60);
  EXPECT_NE(paged.find("P:Title:  \x1b[1mInsurer-backed"), std::string::npos)
      << paged;
  for (const std::string& line : plain_lines(paged)) {
    if (line.empty()) continue;
    EXPECT_TRUE(line.starts_with("P:")) << line;
    if (cells(line) <= 62u) continue;  // 60 and the pager's "P:"
    // Only one word longer than the width (a URL, a path) goes past it,
    // alone after its label.
    const std::size_t label = line.find(": ", 2);
    ASSERT_NE(label, std::string::npos) << line;
    const std::string word =
        line.substr(line.find_first_not_of(' ', label + 1));
    EXPECT_EQ(word.find(' '), std::string::npos) << line;
  }
  std::vector<std::string> no_pager = args;
  no_pager.push_back("--no-pager");
  const std::string direct = run_on_tty(no_pager, {"PAGER=sed s/^/P:/"}, 60);
  EXPECT_EQ(direct.find("P:"), std::string::npos);
  EXPECT_NE(direct.find("Insurer-backed"), std::string::npos);
  // PAGER=cat (or empty): no pager at all.
  EXPECT_EQ(plain_lines(run_on_tty(args, {"PAGER=cat"}, 60)),
            plain_lines(direct));
  EXPECT_EQ(plain_lines(run_on_tty(args, {"PAGER="}, 60)), plain_lines(direct));
  // A pager that cannot be run: the text is shown anyway.
  const std::string missing =
      run_on_tty(args, {"PAGER=/nonexistent/pager"}, 60);
  EXPECT_NE(missing.find("Insurer-backed"), std::string::npos) << missing;
  const auto piped = query({"--show", "htw-2020-1130"}, "",
                           {"PAGER=sed s/^/P:/"});
  EXPECT_EQ(piped.out.find("P:"), std::string::npos);
}

// A document made of escape sequences: whatever the colour setting, the
// terminal receives only lede-query's own colour codes.
TEST(QueryCliHostile, DocumentEscapeSequencesNeverReachTheTerminal) {
  testing::TempDir dir;
  const std::string evil =
      "\\u001b]0;pwned\\u0007\\u001b[2J\\u001b[31mhostile\\u009b1m "
      "\\u202eeulav\\u0007\\r\\b";
  testing::write_file(
      dir.str("feed.jsonl"),
      "{\"id\": \"e\\u001b[1m\", \"title\": \"" + evil + " title\", "
      "\"text\": \"" + evil + " body " + evil + "\", \"source\": \"" + evil +
      "\", \"author\": \"" + evil + "\", \"url\": \"https://x.test/" + evil +
      "\"}\n");
  const std::string db = dir.str("db");
  const auto idx = run_binary(
      {testing::index_bin(), "-q", "--db", db, dir.str("feed.jsonl")});
  ASSERT_EQ(idx.exit_code, 0) << idx.err;
  for (const char* color : {"auto", "always", "never"}) {
    const std::string out = run_on_tty(
        {"--db", db, "--color", color, "--explain", "--facet", "source",
         "--show-query", "hostile"},
        {});
    ASSERT_NE(out.find("hostile"), std::string::npos) << out;
    for (std::size_t i = 0; i < out.size(); ++i) {
      const unsigned char c = static_cast<unsigned char>(out[i]);
      if (c == '\n' || c == '\r') continue;  // the pty's line endings
      ASSERT_FALSE(c < 0x20 && c != 0x1b) << "byte " << int{c} << " in\n"
                                          << out;
      if (c == 0x1b) {
        const std::string rest = out.substr(i, 7);
        ASSERT_TRUE(rest.starts_with("\x1b[0m") || rest.starts_with("\x1b[1m") ||
                    rest.starts_with("\x1b[1;31m") ||
                    rest.starts_with("\x1b[35m"))
            << "foreign escape sequence in\n" << out;
      }
    }
    EXPECT_EQ(out.find("\xC2\x9B"), std::string::npos);
    EXPECT_EQ(out.find("\xE2\x80\xAE"), std::string::npos);
  }
}

// `lede-query ... | head -1`: when the reader goes away, lede-query ends
// quietly, killed by SIGPIPE like other C tools, and says nothing.
TEST_F(QueryCli, ClosedPipeEndsQuietly) {
  std::string input;
  for (int i = 0; i < 3000; ++i) {
    input += 'q';
    input += std::to_string(i);
    input += "\tdata\n";
  }
  int to_child[2], from_child[2], errs[2];
  ASSERT_EQ(pipe(to_child), 0);
  ASSERT_EQ(pipe(from_child), 0);
  ASSERT_EQ(pipe(errs), 0);
  const pid_t pid = fork();
  if (pid == 0) {
    dup2(to_child[0], 0);
    dup2(from_child[1], 1);
    dup2(errs[1], 2);
    for (int fd : {to_child[0], to_child[1], from_child[0], from_child[1],
                   errs[0], errs[1]}) {
      close(fd);
    }
    // Whatever the test runner did with SIGPIPE, lede-query resets it.
    signal(SIGPIPE, SIG_IGN);
    execl(testing::query_bin(), testing::query_bin(), "--db", db_.c_str(),
          "--batch", "--format", "jsonl", static_cast<char*>(nullptr));
    _exit(127);
  }
  close(to_child[0]);
  close(from_child[1]);
  close(errs[1]);
  signal(SIGPIPE, SIG_IGN);
  ASSERT_EQ(write(to_child[1], input.data(), input.size()),
            static_cast<ssize_t>(input.size()));
  close(to_child[1]);
  char buf[256];
  ASSERT_GT(read(from_child[0], buf, sizeof buf), 0);
  close(from_child[0]);  // the reader goes away
  std::string err;
  ssize_t n;
  while ((n = read(errs[0], buf, sizeof buf)) > 0) err.append(buf, n);
  close(errs[0]);
  int status = 0;
  waitpid(pid, &status, 0);
  ASSERT_TRUE(WIFSIGNALED(status)) << "exit status " << WEXITSTATUS(status);
  EXPECT_EQ(WTERMSIG(status), SIGPIPE);
  EXPECT_EQ(err, "");
}

TEST_F(QueryCli, JqPrintsTheTitles) {
  if (std::system("command -v jq >/dev/null 2>&1") != 0) {
    GTEST_SKIP() << "jq is not installed";
  }
  std::string cmd = "'";
  cmd += testing::query_bin();
  cmd += "' --db '";
  cmd += db_;
  cmd += "' --format jsonl 'patient data' | jq -r .title";
  const auto r = run_binary({"/bin/sh", "-c", cmd});
  EXPECT_EQ(r.exit_code, 0) << r.err;
  EXPECT_TRUE(r.out.starts_with(
      "Not going unnoticed: Mayo Clinic’s interest in tapping patient data "
      "to advance medical AI\n"))
      << r.out;
  EXPECT_GE(std::count(r.out.begin(), r.out.end(), '\n'), 5) << r.out;
}

TEST_F(QueryCli, JsonlLinesAreJsonObjectsWithEveryKey) {
  const auto r = query({"--format", "jsonl", "--limit", "50", "data"});
  ASSERT_EQ(r.exit_code, 0);
  std::istringstream lines(r.out);
  std::string line;
  int n = 0;
  while (std::getline(lines, line)) {
    const auto j = nlohmann::json::parse(line);
    for (const char* key : {"rank", "score", "id", "title", "source", "author",
                            "date", "url", "path", "snippets"}) {
      EXPECT_TRUE(j.contains(key)) << key;
    }
    for (const auto& s : j["snippets"]) {
      const std::string text = s["text"];
      for (const auto& h : s["highlights"]) {
        const std::size_t b = h[0], e = h[1];
        ASSERT_LE(b, e);
        ASSERT_LE(e, text.size());
      }
    }
    ++n;
  }
  EXPECT_EQ(n, 12);
}

TEST_F(QueryCli, StatsDescribeTheDatabase) {
  const auto r = query({"--stats", "--format", "json"});
  ASSERT_EQ(r.exit_code, 0) << r.err;
  const auto j = nlohmann::json::parse(r.out);
  EXPECT_EQ(j["database"], db_);
  EXPECT_EQ(j["documents"], 35);
  EXPECT_GT(j["terms"].get<int>(), 1000);
  EXPECT_EQ(j["dates"]["first"], "2019-06-03");
  EXPECT_EQ(j["sources"].size(), 7u);
  EXPECT_EQ(j["sources"][0]["value"], "HealthTech Wire");
  EXPECT_EQ(j["sources"][0]["count"], 6);
  EXPECT_EQ(j["schema_version"], kSchemaVersion);
  EXPECT_EQ(j["analyzer"]["language"], "english");
  EXPECT_EQ(j["written_by"], std::string(lede::version()));
  EXPECT_GT(j["size_bytes"].get<std::uint64_t>(), 10000u);
  const auto text = query({"--stats"});
  EXPECT_NE(text.out.find("documents       35\n"), std::string::npos)
      << text.out;
  EXPECT_NE(text.out.find("size on disk"), std::string::npos);
}

TEST_F(QueryCli, TimingGoesToStderr) {
  const auto r = query({"--timing", "--format", "tsv", "patient"});
  EXPECT_EQ(r.exit_code, 0);
  EXPECT_TRUE(r.err.starts_with("lede-query: ")) << r.err;
  EXPECT_NE(r.err.find(" ms\n"), std::string::npos) << r.err;
  EXPECT_EQ(r.out.find(" ms"), std::string::npos);
}

TEST_F(QueryCli, BatchExitStatus) {
  EXPECT_EQ(query({"--batch", "--count"}, "zzzz\nqqqq\n").exit_code, 1);
  EXPECT_EQ(query({"--batch", "--count"}, "zzzz\ndata\n").exit_code, 0);
  const auto bad = query({"--batch", "--count"}, "data\n\"open\ndata\n");
  EXPECT_EQ(bad.exit_code, 2);
  EXPECT_EQ(bad.out, "1\t12\n3\t12\n");  // the good ones still ran
  EXPECT_TRUE(bad.err.starts_with("lede-query: line 2: ")) << bad.err;
  EXPECT_EQ(query({"--batch"}, "").exit_code, 1);
}

// Issue 13 item 4: every line of --format paths is a file a script can
// open from anywhere: absolute, and FILE:LINE for a record of JSON Lines
// (it used to be the record's URL); tsv's PATH keeps the line too.
TEST_F(QueryCli, PathsAreAbsoluteFilesWithTheLineOfARecord) {
  const auto r = query({"--format", "paths", "licens*"});
  ASSERT_EQ(r.exit_code, 0) << r.err;
  const std::string feed =
      fs::canonical(testing::sample_corpus()) / "feeds" / "newswire-feed.jsonl";
  std::istringstream lines(r.out);
  std::size_t n = 0;
  bool record = false;
  for (std::string line; std::getline(lines, line); ++n) {
    EXPECT_TRUE(fs::path(line).is_absolute()) << line;
    if (line.starts_with(feed + ":")) {
      EXPECT_EQ(line, feed + ":7");  // htw-2025-0415, the 7th line
      record = true;
    } else {
      EXPECT_TRUE(fs::is_regular_file(line)) << line;
    }
  }
  EXPECT_EQ(n, 10u) << r.out;
  EXPECT_TRUE(record) << r.out;

  const auto tsv = query({"--format", "tsv", "veilstone"});
  ASSERT_EQ(tsv.exit_code, 0) << tsv.err;
  EXPECT_TRUE(tsv.out.ends_with("\t" + feed + ":7\n")) << tsv.out;
}

// Issue 13 item 5: a query that cannot be run still has its object, so
// that the output lines up one object per query, and says why.
TEST_F(QueryCli, BatchJsonErrorObjectPerFailedQuery) {
  const std::string input = "a\tdata\nb\t\"open\n\tdata\nd\tprivacy\n";
  const auto r = query({"--batch", "--format", "json", "-n", "1"}, input);
  EXPECT_EQ(r.exit_code, 2);
  std::vector<nlohmann::json> objects;
  std::istringstream lines(r.out);
  for (std::string line; std::getline(lines, line);) {
    objects.push_back(nlohmann::json::parse(line));
  }
  ASSERT_EQ(objects.size(), 4u) << r.out;
  EXPECT_EQ(objects[0]["qid"], "a");
  EXPECT_TRUE(objects[0]["error"].is_null());
  EXPECT_EQ(objects[0]["total"]["value"], 12);
  EXPECT_EQ(objects[1]["qid"], "b");
  EXPECT_EQ(objects[1]["query"], "\"open");
  EXPECT_TRUE(objects[1]["total"].is_null());
  EXPECT_EQ(objects[1]["hits"].size(), 0u);
  EXPECT_EQ(objects[1]["error"],
            "unbalanced quote: no closing quote at column 1");
  EXPECT_EQ(objects[2]["qid"], "3");  // no id: the line number
  EXPECT_EQ(objects[2]["error"], "expected QUERY or ID<TAB>QUERY");
  EXPECT_EQ(objects[3]["qid"], "d");
  EXPECT_TRUE(objects[3]["error"].is_null());

  const auto l = query({"--batch", "--format", "jsonl", "-n", "1"}, input);
  EXPECT_EQ(l.exit_code, 2);
  std::vector<std::string> got;
  std::istringstream jl(l.out);
  for (std::string line; std::getline(jl, line);) got.push_back(line);
  ASSERT_EQ(got.size(), 4u) << l.out;
  EXPECT_EQ(got[1], R"({"qid":"b","error":"unbalanced quote: no closing )"
                    R"(quote at column 1"})");
  EXPECT_EQ(got[2], R"({"qid":"3","error":"expected QUERY or ID<TAB>QUERY"})");
  EXPECT_EQ(nlohmann::json::parse(got[3])["qid"], "d");
}


// The sample corpus in two databases, "years" (the 2019-2025 folders) and
// "rest" (everything else QueryCli indexes), made once.
class TwoDatabases : public QueryCli {
 protected:
  static void SetUpTestSuite() {
    QueryCli::SetUpTestSuite();
    const std::string corpus = testing::sample_corpus();
    std::vector<std::string> years = {testing::index_bin(), "-q", "--db",
                                      years_db()};
    for (int y = 2019; y <= 2025; ++y) {
      years.push_back(corpus + "/" + std::to_string(y));
    }
    auto r = run_binary(years);
    ASSERT_EQ(r.exit_code, 0) << r.err;
    std::vector<std::string> rest = {testing::index_bin(), "-q", "--db",
                                     rest_db()};
    for (const char* p : {"feeds", "intl", "syndicated",
                          "mayo-clinic-patient-data.txt",
                          "no-header-billing-breach.txt",
                          "latin1-not-utf8.txt"}) {
      rest.push_back(corpus + "/" + p);
    }
    r = run_binary(rest);
    ASSERT_EQ(r.exit_code, 0) << r.err;
  }
  static std::string years_db() { return dir_->str("years.db"); }
  static std::string rest_db() { return dir_->str("rest.db"); }

  static RunResult query_both(std::vector<std::string> args) {
    std::vector<std::string> argv = {testing::query_bin(), "--db", years_db(),
                                     "--db", rest_db()};
    argv.insert(argv.end(), args.begin(), args.end());
    return run_binary(argv);
  }

  // TSV lines without their rank, sorted: tied scores may come in another
  // order.
  static std::vector<std::string> scored(const std::string& tsv) {
    std::vector<std::string> out;
    std::istringstream lines(tsv);
    for (std::string line; std::getline(lines, line);) {
      out.push_back(line.substr(line.find('\t') + 1));
    }
    std::sort(out.begin(), out.end());
    return out;
  }
};

// Issue 13 item 3: --db twice said "At Most 1 required but received 2".
// Two databases search as the one database of all their articles: the same
// matches, the same scores (Xapian combines their statistics).
TEST_F(TwoDatabases, SearchAsOneDatabaseOfAllTheirArticles) {
  for (const char* q : {"patient data", "\"health system\"", "ai OR imaging",
                        "breach"}) {
    SCOPED_TRACE(q);
    const RunResult one = query({"--format", "tsv", "--limit", "100", q});
    const RunResult both = query_both({"--format", "tsv", "--limit", "100", q});
    ASSERT_EQ(both.exit_code, one.exit_code) << both.err;
    EXPECT_EQ(scored(both.out), scored(one.out));
    EXPECT_EQ(query_both({"--count", q}).out, query({"--count", q}).out);
  }
  const RunResult text = query_both({"--snippets", "0", "patient data"});
  const std::string n = query({"--count", "patient data"}).out;
  EXPECT_EQ(text.out.substr(0, text.out.find('\n')),
            n.substr(0, n.size() - 1) + " matches");
}

TEST_F(TwoDatabases, AStubFileListsThem) {
  testing::write_file(dir_->path() / "both.stub",
                      "# the sample corpus\nauto years.db\nauto rest.db\n");
  const RunResult stub =
      run_binary({testing::query_bin(), "--db", dir_->str("both.stub"),
                  "--format", "jsonl", "--limit", "100", "patient"});
  ASSERT_EQ(stub.exit_code, 0) << stub.err;
  EXPECT_EQ(stub.out, query_both({"--format", "jsonl", "--limit", "100",
                                  "patient"}).out);
  // LEDE_DB may name one too.
  const RunResult env = run_binary(
      {testing::query_bin(), "--count", "patient"}, "",
      {"LEDE_DB=" + dir_->str("both.stub")});
  EXPECT_EQ(env.out, query({"--count", "patient"}).out) << env.err;
}

TEST_F(TwoDatabases, StatsForAllAndForEach) {
  const RunResult r = query_both({"--stats", "--format", "json"});
  ASSERT_EQ(r.exit_code, 0) << r.err;
  const auto j = nlohmann::json::parse(r.out);
  EXPECT_EQ(j["documents"], 35);
  EXPECT_EQ(j["database"], years_db() + " + " + rest_db());
  ASSERT_EQ(j["parts"].size(), 2u);
  EXPECT_EQ(j["parts"][0]["database"], years_db());
  EXPECT_EQ(j["parts"][1]["database"], rest_db());
  EXPECT_EQ(j["parts"][0]["documents"].get<int>() +
                j["parts"][1]["documents"].get<int>(),
            35);
  EXPECT_EQ(j["size_bytes"].get<std::uint64_t>(),
            j["parts"][0]["size_bytes"].get<std::uint64_t>() +
                j["parts"][1]["size_bytes"].get<std::uint64_t>());
  // The terms of all, counted once.
  EXPECT_EQ(j["terms"], nlohmann::json::parse(
                            query({"--stats", "--format", "json"}).out)["terms"]);
  const RunResult text = query_both({"--stats"});
  EXPECT_NE(text.out.find("documents       35\n"), std::string::npos)
      << text.out;
  EXPECT_NE(text.out.find("\ndatabase        " + rest_db() + "\n"),
            std::string::npos)
      << text.out;
}

// A stub's "remote :PROGRAM ARGS" line is a part served by Xapian's remote
// protocol: its settings and dictionaries are read as metadata, so its hits
// decode beside a local part's (the base of remote shards, issue 10).
TEST_F(TwoDatabases, ARemotePartIsReadThroughXapiansProtocol) {
  if (std::system("command -v xapian-progsrv >/dev/null 2>&1") != 0) {
    GTEST_SKIP() << "xapian-progsrv is not installed (Debian: xapian-tools)";
  }
  testing::write_file(dir_->path() / "remote.stub",
                      "auto years.db\nremote :xapian-progsrv " + rest_db() +
                          "\n");
  const RunResult r =
      run_binary({testing::query_bin(), "--db", dir_->str("remote.stub"),
                  "--format", "tsv", "--limit", "100", "patient"});
  ASSERT_EQ(r.exit_code, 0) << r.err;
  EXPECT_EQ(scored(r.out),
            scored(query_both({"--format", "tsv", "--limit", "100",
                               "patient"}).out));
  testing::write_file(dir_->path() / "down.stub", "remote 127.0.0.1:1\n");
  const RunResult down =
      run_binary({testing::query_bin(), "--db", dir_->str("down.stub"), "x"});
  EXPECT_EQ(down.exit_code, 2);
  EXPECT_EQ(down.err, "lede-query: '" + dir_->str("down.stub") +
                          "' line 1: the server 'remote 127.0.0.1:1' does "
                          "not answer (Couldn't connect)\n");
}

TEST_F(TwoDatabases, DatabasesWithOtherSettingsAreAnError) {
  const std::string german = dir_->str("german.db");
  auto r = run_binary({testing::index_bin(), "-q", "--language", "german",
                       "--db", german,
                       std::string(testing::sample_corpus()) + "/feeds"});
  ASSERT_EQ(r.exit_code, 0) << r.err;
  r = run_binary({testing::query_bin(), "--db", years_db(), "--db", german,
                  "patient"});
  EXPECT_EQ(r.exit_code, 2);
  EXPECT_EQ(r.out, "");
  EXPECT_EQ(r.err, "lede-query: '" + german +
                       "' was indexed with other settings than '" +
                       years_db() +
                       "' (stemming german, not english); databases searched "
                       "together must agree\n");
}

}  // namespace
}  // namespace lede
