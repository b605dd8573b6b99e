// Hostile input through the real binaries (issue 14's reproducers and
// issue 9's hostile documents and queries): names and documents full of
// escape sequences, inputs that are huge, deep, broken or changing, and
// queries built to be expensive. Each gives a clear message and the rest
// of the run goes on; none reaches the terminal raw. Big inputs are made
// here, in a temporary folder, never kept in the repository.
#include <gtest/gtest.h>
#include <fcntl.h>
#include <sys/file.h>
#include <sys/resource.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <unistd.h>
#include <nlohmann/json.hpp>

#include <algorithm>
#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <string>
#include <vector>

#include "tests/testutil/testutil.h"

namespace lede {
namespace {

using testing::run_binary;
using testing::RunResult;
using testing::TempDir;
using testing::write_file;

// The first byte sequence in `s` that must never reach a terminal (a C0
// control other than newline, DEL, a C1 control, a bidi control), or "".
std::string raw_control(const std::string& s) {
  for (std::size_t i = 0; i < s.size(); ++i) {
    const unsigned char c = static_cast<unsigned char>(s[i]);
    if ((c < 0x20 && c != '\n') || c == 0x7f) return s.substr(i, 1);
    if (c == 0xC2 && i + 1 < s.size() &&
        static_cast<unsigned char>(s[i + 1]) >= 0x80 &&
        static_cast<unsigned char>(s[i + 1]) < 0xA0) {
      return s.substr(i, 2);
    }
    for (const char* bidi : {"\xE2\x80\xAE", "\xE2\x80\xAD", "\xE2\x81\xA6",
                             "\xE2\x80\x8F", "\xE2\x80\xA8"}) {
      if (s.compare(i, 3, bidi) == 0) return s.substr(i, 3);
    }
  }
  return {};
}

RunResult index(const std::vector<std::string>& args,
                const std::string& stdin_data = "") {
  std::vector<std::string> argv = {testing::index_bin()};
  argv.insert(argv.end(), args.begin(), args.end());
  return run_binary(argv, stdin_data);
}

RunResult query(const std::vector<std::string>& args,
                const std::string& stdin_data = "") {
  std::vector<std::string> argv = {testing::query_bin()};
  argv.insert(argv.end(), args.begin(), args.end());
  return run_binary(argv, stdin_data);
}

bool has(const std::string& text, const std::string& part) {
  return text.find(part) != std::string::npos;
}

// --- issue 14 item 1: names on standard error and in paths/tsv ---------

const char kEvilName[] = "x\x1b]0;PWNED\x07.txt";
const char kEvilShown[] = "x\\x1b]0;PWNED\\x07.txt";

TEST(Hostile, FileNameEscapesNeverReachStderr) {
  TempDir dir;
  write_file(dir.path() / "d" / kEvilName, "");
  const RunResult r = index({"--db", dir.str("t.db"), dir.str("d")});
  EXPECT_EQ(r.exit_code, 1);
  EXPECT_EQ(raw_control(r.err), "") << r.err;
  EXPECT_TRUE(has(r.err, std::string(kEvilShown) + ": empty file")) << r.err;
}

TEST(Hostile, DatabasePathEscapesNeverReachStderr) {
  const std::string db = "/x\x1b]0;T\x07";
  for (const std::vector<std::string>& args :
       {std::vector<std::string>{"--db", db, "q"},
        std::vector<std::string>{"--db", db, "--stats"}}) {
    const RunResult r = query(args);
    EXPECT_EQ(r.exit_code, 2);
    EXPECT_EQ(raw_control(r.err), "") << r.err;
    EXPECT_TRUE(has(r.err, "/x\\x1b]0;T\\x07")) << r.err;
  }
  const RunResult bad_option = query({"--format", "x\x1b[2J", "q"});
  EXPECT_EQ(bad_option.exit_code, 2);
  EXPECT_EQ(raw_control(bad_option.err), "") << bad_option.err;
}

TEST(Hostile, PathsAndTsvNeverChangeAPathSilently) {
  TempDir dir;
  const auto evil = dir.path() / "d" / kEvilName;
  write_file(evil, "Title: hello\n\nworld text\n");
  const std::string db = dir.str("t.db");
  ASSERT_EQ(index({"-q", "--db", db, dir.str("d")}).exit_code, 0);

  const RunResult paths = query({"--db", db, "-f", "paths", "world"});
  EXPECT_EQ(paths.exit_code, 0);
  EXPECT_EQ(paths.out, dir.str("d") + "/" + kEvilShown + "\n");
  EXPECT_TRUE(has(paths.err, "1 name shown escaped")) << paths.err;
  EXPECT_EQ(raw_control(paths.err), "");

  const RunResult tsv = query({"--db", db, "-f", "tsv", "world"});
  EXPECT_TRUE(has(tsv.out, "\thello\t" + dir.str("d") + "/" + kEvilShown +
                               "\n"))
      << tsv.out;
  std::string fields = tsv.out;
  std::erase(fields, '\t');  // the field separators
  EXPECT_EQ(raw_control(fields), "") << tsv.out;
  EXPECT_TRUE(has(tsv.err, "shown escaped")) << tsv.err;

  const RunResult paths0 = query({"--db", db, "-f", "paths0", "world"});
  EXPECT_EQ(paths0.out, evil.string() + std::string(1, '\0'));
  EXPECT_EQ(paths0.err, "");

  const RunResult json = query({"--db", db, "-f", "jsonl", "world"});
  EXPECT_EQ(nlohmann::json::parse(json.out)["path"], evil.string());
  EXPECT_EQ(raw_control(json.out), "") << json.out;
}

// The query ids of --batch are names as well: on standard error (--timing,
// --show-query) and at the start of each tsv, paths or --count line.
TEST(Hostile, BatchQueryIdsAreEscapedOnStderrAndInLines) {
  TempDir dir;
  write_file(dir.path() / "d" / "a.txt", "Title: hello\n\nworld text\n");
  const std::string db = dir.str("t.db");
  ASSERT_EQ(index({"-q", "--db", db, dir.str("d")}).exit_code, 0);
  const std::string batch = "q\x1b]0;T\x07\tworld\n";
  for (const char* format : {"tsv", "paths", "jsonl"}) {
    const RunResult r = query({"--db", db, "--batch", "--timing",
                               "--show-query", "-f", format},
                              batch);
    EXPECT_EQ(r.exit_code, 0) << format << ": " << r.err;
    EXPECT_EQ(raw_control(r.err), "") << format << ": " << r.err;
    EXPECT_TRUE(has(r.err, "query q\\x1b]0;T\\x07: 1 match in"))
        << format << ": " << r.err;
    std::string fields = r.out;
    std::erase(fields, '\t');  // the field separators
    EXPECT_EQ(raw_control(fields), "") << format << ": " << r.out;
  }
  const RunResult count = query({"--db", db, "--batch", "--count"}, batch);
  EXPECT_EQ(count.out, "q\\x1b]0;T\\x07\t1\n");
  EXPECT_TRUE(has(count.err, "1 name shown escaped")) << count.err;
}

// A file name that is not UTF-8 is stored as it is: paths shows its bad
// byte escaped and says so, paths0 gives the name exactly (it replaced the
// byte with U+FFFD, silently, in every format).
TEST(Hostile, NameThatIsNotUtf8IsNeverChangedSilently) {
  TempDir dir;
  const auto bad = dir.path() / "d" / "z\xFF.txt";
  write_file(bad, "Title: hello\n\nworld text\n");
  const std::string db = dir.str("t.db");
  ASSERT_EQ(index({"-q", "--db", db, dir.str("d")}).exit_code, 0);
  const RunResult paths = query({"--db", db, "-f", "paths", "world"});
  EXPECT_EQ(paths.out, dir.str("d") + "/z\\xff.txt\n");
  EXPECT_TRUE(has(paths.err, "1 name shown escaped")) << paths.err;
  const RunResult paths0 = query({"--db", db, "-f", "paths0", "world"});
  EXPECT_EQ(paths0.out, bad.string() + std::string(1, '\0'));
  const RunResult text = query({"--db", db, "world"});
  EXPECT_TRUE(has(text.out, "/z\\xff.txt\n")) << text.out;
}

// --- issue 14 item 2: lede's words, not Xapian's -------------------------

// A write that fails (the file-size limit stands in for a full disk, and
// needs no root): what failed, where, and what the database holds now.
TEST(Hostile, WriteFailureSaysWhatTheDatabaseHolds) {
  TempDir dir;
  std::string feed;
  unsigned seed = 3;
  for (int i = 0; i < 4000; ++i) {
    feed += "{\"id\":\"d" + std::to_string(i) +
            "\",\"title\":\"doc\",\"text\":\"";
    for (int w = 0; w < 150; ++w) {
      seed = seed * 1103515245u + 12345u;
      feed.append(1, 'w').append(std::to_string((seed >> 8) % 30000)) += ' ';
    }
    feed += "\"}\n";
  }
  write_file(dir.path() / "feed.jsonl", feed);
  const std::string db = dir.str("fs.db");
  // 5000 blocks of 512 bytes: the first batch of 500 commits, a later one
  // cannot be written.
  const RunResult r = run_binary(
      {"/bin/sh", "-c",
       "trap '' XFSZ; ulimit -f 5000; exec '" + std::string(testing::index_bin()) +
           "' --db '" + db + "' --batch-docs 500 -j1 '" + dir.str("feed.jsonl") +
           "'"});
  EXPECT_EQ(r.exit_code, 2) << r.err;
  EXPECT_TRUE(has(r.err, "lede-index: cannot write to '" + db +
                             "': File too large (Xapian DatabaseError: "))
      << r.err;
  const RunResult stats = query({"--db", db, "--stats", "-f", "json"});
  ASSERT_EQ(stats.exit_code, 0) << stats.err;
  const long documents = nlohmann::json::parse(stats.out)["documents"];
  EXPECT_GT(documents, 0);
  EXPECT_LT(documents, 4000);
  EXPECT_TRUE(has(r.err, "lede-index: '" + db + "' holds its last commit: " +
                             std::to_string(documents) + " documents\n"))
      << r.err;
}

// --- issue 14 item 9: --db that is not a lede database --------------------

TEST(Hostile, DbThatIsAFileOrAPartOfADatabaseIsNamedSo) {
  TempDir dir;
  write_file(dir.path() / "r5k.jsonl", "{\"title\":\"a\"}\n");
  write_file(dir.path() / "in" / "a.txt", "Title: a\n\ndata here\n");
  const std::string db = dir.str("s.db");
  ASSERT_EQ(index({"-q", "--db", db, dir.str("in")}).exit_code, 0);
  std::filesystem::create_directories(dir.path() / "empty");
  // The generation the stub lists ("glass gen-N").
  const std::string stub = testing::read_file(db + "/XAPIANDB");
  ASSERT_TRUE(stub.starts_with("glass ")) << stub;
  const std::string gen = db + "/" + stub.substr(6, stub.find('\n') - 6);
  ASSERT_TRUE(std::filesystem::exists(gen)) << gen;
  const std::pair<std::string, std::string> table[] = {
      {dir.str("r5k.jsonl"),
       "'" + dir.str("r5k.jsonl") + "' is a file, not a lede database"},
      {dir.str("empty"), "'" + dir.str("empty") +
                             "' is not a lede database (it holds no database"},
      {gen, "'" + gen + "' is part of the lede database '" + db +
                "'; give --db " + db + "\n"},
      {db + "/XAPIANDB", "is part of the lede database '" + db + "'"},
  };
  for (const auto& [path, message] : table) {
    const RunResult q = query({"--db", path, "data"});
    EXPECT_EQ(q.exit_code, 2) << path;
    EXPECT_TRUE(q.err.starts_with("lede-query: '" + path + "' ")) << q.err;
    EXPECT_TRUE(has(q.err, message)) << q.err;
    EXPECT_FALSE(has(q.err, "Bad line")) << q.err;
  }
  for (const std::string& path : {dir.str("r5k.jsonl"), gen}) {
    const RunResult i = index({"--db", path, dir.str("in")});
    EXPECT_EQ(i.exit_code, 2) << path;
    EXPECT_TRUE(has(i.err, "lede-index: '" + path + "' is ")) << i.err;
  }
  // Nothing was left behind in the generation.
  EXPECT_FALSE(std::filesystem::exists(gen + "/lock"));
  EXPECT_EQ(query({"--db", db, "-c", "data"}).out, "1\n");
}

TEST(Hostile, LockTimeoutSaysHowLongInWords) {
  TempDir dir;
  const std::string db = dir.str("db");
  std::filesystem::create_directories(db);
  const int fd = ::open((db + "/lock").c_str(), O_RDWR | O_CREAT, 0644);
  ASSERT_GE(fd, 0);
  ASSERT_EQ(::write(fd, "4242\n", 5), 5);
  ASSERT_EQ(::flock(fd, LOCK_EX), 0);
  write_file(dir.path() / "x.txt", "Title: X\n\nx\n");
  const RunResult one = index({"--db", db, "--wait", "1", dir.str("x.txt")});
  const RunResult part = index({"--db", db, "--wait", "0.3", dir.str("x.txt")});
  ::close(fd);
  EXPECT_TRUE(one.err.ends_with("after waiting 1 second\n")) << one.err;
  EXPECT_TRUE(part.err.ends_with("after waiting 0.3 seconds\n")) << part.err;
}

// --- issue 14 item 3: the indexer never indexes a database --------------

TEST(Hostile, IndexingTheCurrentFolderSkipsItsDatabase) {
  TempDir dir;
  write_file(dir.path() / "a.txt", "Title: a\n\nbody words\n");
  const std::string run = "cd '" + dir.str() + "' && exec '" +
                          testing::index_bin() + "' --json .";
  for (int i = 0; i < 2; ++i) {  // the second run finds lede.db full
    const RunResult r = run_binary({"/bin/sh", "-c", run});
    EXPECT_EQ(r.exit_code, 0) << r.err;
    // One note, not an error, and nothing of the database read.
    EXPECT_EQ(r.err,
              "lede-index: ./lede.db: skipped: the database being written "
              "(lede-index never indexes a database)\n");
    const auto summary = nlohmann::json::parse(r.out);
    EXPECT_EQ(summary["documents"], 1) << r.out;
    EXPECT_EQ(summary["skipped"], 0) << r.out;
  }
  const RunResult q = query({"--db", dir.str("lede.db"), "-f", "paths",
                             "body OR lede OR glass"});
  // Stored paths are the real absolute path (issue 13 item 1).
  EXPECT_EQ(q.out,
            (std::filesystem::canonical(dir.path()) / "a.txt").string() + "\n");
}

// --- issue 14 item 8: a named FIFO or device is an error ------------------

TEST(Hostile, NamedFifoIsAnErrorNotASilentSkip) {
  TempDir dir;
  ASSERT_EQ(::mkfifo(dir.str("ff").c_str(), 0600), 0);
  write_file(dir.path() / "ok.txt", "Title: ok\n\nfine\n");
  const RunResult r = index({"--db", dir.str("f.db"), dir.str("ff"),
                             "/dev/null", dir.str("ok.txt")});
  EXPECT_EQ(r.exit_code, 1) << r.err;
  EXPECT_TRUE(has(r.err, dir.str("ff") + ": a FIFO, not a file or folder"))
      << r.err;
  EXPECT_TRUE(has(r.err, "/dev/null: a device, not a file or folder"))
      << r.err;
  EXPECT_TRUE(has(r.err, "1 added")) << r.err;
}

// A file the user named that cannot be read is an error on every run, not
// "as in an earlier run" the second time (exit 0) as one found in a folder
// is. /proc/1/mem cannot be read by anyone, root included (opening it is
// refused, or reading at offset 0 fails), so no chmod is needed.
TEST(Hostile, NamedUnreadableFileIsAnErrorOnEveryRun) {
  TempDir dir;
  write_file(dir.path() / "ok.txt", "Title: ok\n\nfine\n");
  for (int run = 1; run <= 2; ++run) {
    const RunResult r = index({"--json", "--db", dir.str("u.db"),
                               "/proc/1/mem", dir.str("ok.txt")});
    EXPECT_EQ(r.exit_code, 1) << "run " << run << ": " << r.err;
    EXPECT_TRUE(has(r.err, "lede-index: /proc/1/mem: cannot read: ")) << r.err;
    EXPECT_FALSE(has(r.err, "as in an earlier run")) << r.err;
    const auto summary = nlohmann::json::parse(r.out);
    EXPECT_EQ(summary["failed"], 1) << r.out;
    EXPECT_EQ(summary["failed_known"], 0) << r.out;
    EXPECT_EQ(summary["documents"], 1) << r.out;
  }
}

// --- issue 14 item 4: JSON Lines are judged line by line ----------------

TEST(Hostile, NulByteInJsonLinesLosesOnlyItsLine) {
  TempDir dir;
  const std::string records =
      std::string("{\"title\":\"ok\"}\n{\"title\":\"a\0b\"}\n", 31) +
      "{\"title\":\"also ok\"}\n";
  write_file(dir.path() / "n.jsonl", records);
  // Over kFeederReadsFrom (4 MiB): read and cut into chunks by the feeder.
  std::string big;
  std::string text;
  for (int i = 0; i < 200; ++i) text += "filler" + std::to_string(i) + " ";
  for (int i = 0; big.size() < (4u << 20) + 100000; ++i) {
    big += "{\"id\":\"b" + std::to_string(i) + "\",\"title\":\"big " +
           std::to_string(i) + "\",\"text\":\"" + text + "\"}\n";
  }
  write_file(dir.path() / "big.jsonl", records + big);
  write_file(dir.path() / "n.txt", std::string("Title: t\n\na\0b\n", 14));
  const RunResult r =
      index({"--json", "--db", dir.str("n.db"), dir.str("n.jsonl"),
             dir.str("big.jsonl"), dir.str("n.txt")});
  EXPECT_EQ(r.exit_code, 1) << r.err;
  const auto summary = nlohmann::json::parse(r.out);
  const long big_records = std::count(big.begin(), big.end(), '\n');
  // n.jsonl: 2 of 3; big.jsonl: 2 of 3 plus the rest (ids n.jsonl:1..).
  EXPECT_EQ(summary["added"], 4 + big_records) << r.err;
  EXPECT_EQ(summary["skipped"], 3) << r.err;
  EXPECT_TRUE(has(r.err, dir.str("n.jsonl") + ":2: not valid JSON")) << r.err;
  EXPECT_TRUE(has(r.err, dir.str("big.jsonl") + ":2: not valid JSON"))
      << r.err;
  EXPECT_TRUE(has(r.err, dir.str("n.txt") + ": binary file")) << r.err;
  // Standard input, likewise.
  const RunResult in = index({"--json", "--db", dir.str("s.db"), "-"}, records);
  EXPECT_EQ(nlohmann::json::parse(in.out)["added"], 2) << in.err;
}

// --- issue 14 item 5: memory per document --------------------------------

#if defined(__SANITIZE_ADDRESS__)
constexpr bool kSanitized = true;
#elif defined(__has_feature)
#if __has_feature(address_sanitizer) || __has_feature(memory_sanitizer)
constexpr bool kSanitized = true;
#else
constexpr bool kSanitized = false;
#endif
#else
constexpr bool kSanitized = false;
#endif

// Runs `argv` with its standard error to the file `err` and the rest
// discarded; returns its exit code and sets *peak_kb to its peak resident
// set size (wait4's ru_maxrss, in KiB).
int run_measured(const std::vector<std::string>& argv, const std::string& err,
                 long* peak_kb) {
  const pid_t pid = ::fork();
  if (pid == 0) {
    const int null = ::open("/dev/null", O_RDWR);
    const int to = ::open(err.c_str(), O_WRONLY | O_CREAT | O_TRUNC, 0644);
    ::dup2(null, 0);
    ::dup2(null, 1);
    ::dup2(to, 2);
    std::vector<char*> cargv;
    for (const std::string& a : argv) cargv.push_back(const_cast<char*>(a.c_str()));
    cargv.push_back(nullptr);
    ::execv(cargv[0], cargv.data());
    ::_exit(127);
  }
  int status = 0;
  rusage usage{};
  ::wait4(pid, &status, 0, &usage);
  *peak_kb = usage.ru_maxrss;
  return WIFEXITED(status) ? WEXITSTATUS(status) : 128 + WTERMSIG(status);
}

// One line of 16 MB of words and nothing else: peak memory stays a small
// multiple of the document (it was 15 times: 245 MB, the tokens of the
// whole body at once), and the words at its end are found.
TEST(Hostile, LongSingleLinePeakMemoryIsBounded) {
  if (kSanitized) GTEST_SKIP() << "sanitizers change memory use";
  TempDir dir;
  const char* words[] = {"hospital", "records", "imaging", "the", "of",
                         "patients", "data", "and", "clinic", "reported"};
  std::string line;
  unsigned seed = 7;
  while (line.size() < (16u << 20)) {
    seed = seed * 1103515245u + 12345u;
    line += words[(seed >> 8) % 10];
    line += ' ';
    if ((seed >> 20) % 7 == 0) line.append(std::to_string(seed % 100000)) += ' ';
  }
  line += "zzyzxfinalword";
  write_file(dir.path() / "line.txt", line);
  const std::string db = dir.str("l.db");
  long peak_kb = 0;
  ASSERT_EQ(run_measured({testing::index_bin(), "-q", "-j1", "--db", db,
                          dir.str("line.txt")},
                         dir.str("err"), &peak_kb),
            0)
      << testing::read_file(dir.str("err"));
  EXPECT_LT(peak_kb * 1024.0, 6.0 * line.size() + (64 << 20))
      << "peak RSS " << peak_kb / 1024 << " MB for " << line.size() / 1e6
      << " MB";
  EXPECT_EQ(query({"--db", db, "-f", "paths", "zzyzxfinalword"}).out,
            dir.str("line.txt") + "\n");
}

// 16 MB of words that are all different: Xapian's ~650 bytes per distinct
// term took 1.4 GB. The document stops taking terms at kMaxDocumentTerms,
// says so, and keeps the rest of its text stored.
TEST(Hostile, UniqueWordsStopAtTheTermLimitWithAWarning) {
  if (kSanitized) GTEST_SKIP() << "sanitizers change memory use";
  TempDir dir;
  std::string line = "firstword ";
  char buf[16];
  for (unsigned i = 0; line.size() < (16u << 20); ++i) {
    std::snprintf(buf, sizeof buf, "u%x ", i);
    line += buf;
  }
  line += "lastword";
  write_file(dir.path() / "uniq.txt", line);
  const std::string db = dir.str("u.db");
  long peak_kb = 0;
  ASSERT_EQ(run_measured({testing::index_bin(), "-j1", "--db", db,
                          dir.str("uniq.txt")},
                         dir.str("err"), &peak_kb),
            0);
  EXPECT_LT(peak_kb, 500 << 10) << "peak RSS " << peak_kb / 1024 << " MB";
  const std::string err = testing::read_file(dir.str("err"));
  EXPECT_TRUE(has(err, dir.str("uniq.txt") +
                           ": more than 500000 distinct terms: the text after "
                           "byte "))
      << err;
  EXPECT_TRUE(has(err, "1 added")) << err;
  EXPECT_EQ(query({"--db", db, "-c", "firstword"}).out, "1\n");
  EXPECT_EQ(query({"--db", db, "-c", "lastword"}).out, "0\n");
}

// --- issue 14 item 6: HTML nesting depth ------------------------------------

// 100,000 nested <div> (1.1 MB) took 32 s in gumbo (n^2), and the text
// below depth 1000 was dropped ("no title or text"). Elements deeper than
// 512 now lose their tags, not their text, and say so.
TEST(Hostile, DeeplyNestedHtmlKeepsItsTextWithAWarning) {
  TempDir dir;
  std::string page = "<html><head><title>Deep page</title></head><body>";
  for (int i = 0; i < 100000; ++i) page += "<div>";
  page += "abyssword";
  for (int i = 0; i < 100000; ++i) page += "</div>";
  write_file(dir.path() / "deep.html", page + "</body></html>");
  write_file(dir.path() / "ok.txt", "Title: ok\n\nfine\n");
  const std::string db = dir.str("d.db");
  const RunResult r = index({"--db", db, dir.str("deep.html"), dir.str("ok.txt")});
  EXPECT_EQ(r.exit_code, 0) << r.err;
  EXPECT_TRUE(has(r.err, dir.str("deep.html") +
                             ": elements nested more than 512 deep: 198976 "
                             "tags below that depth ignored, their text kept"))
      << r.err;
  EXPECT_TRUE(has(r.err, "2 added")) << r.err;
  EXPECT_EQ(query({"--db", db, "-f", "paths", "abyssword"}).out,
            dir.str("deep.html") + "\n");
}

// --- issue 14 item 7: JSON escapes C1 and bidi controls ------------------

TEST(Hostile, JsonEscapesC1AndBidiControls) {
  TempDir dir;
  // U+009B (CSI), U+202E (RLO) raw in the input; ESC as JSON allows.
  write_file(dir.path() / "c1.jsonl",
             "{\"id\":\"id\xC2\x9B" "1\",\"title\":\"csi \xC2\x9B" "31m and "
             "rlo \xE2\x80\xAE gnp.exe\",\"author\":\"auth\xC2\x9B" "2J\xE2"
             "\x80\xAE" "or\",\"source\":\"src\\u001b[2J\",\"text\":\"body "
             "csi\"}\n");
  const std::string db = dir.str("c1.db");
  ASSERT_EQ(index({"-q", "--db", db, dir.str("c1.jsonl")}).exit_code, 0);
  for (const char* format : {"json", "jsonl"}) {
    const RunResult r = query({"--db", db, "-f", format, "csi"});
    EXPECT_EQ(r.exit_code, 0) << r.err;
    EXPECT_EQ(raw_control(r.out.substr(0, r.out.size() - 1)), "") << r.out;
    EXPECT_TRUE(has(r.out, R"("author":"auth\u009b2J\u202eor")")) << r.out;
    EXPECT_TRUE(has(r.out, R"("id":"id\u009b1")")) << r.out;
    nlohmann::json j = nlohmann::json::parse(r.out);
    if (j.contains("hits")) j = j["hits"][0];
    EXPECT_EQ(j["author"], "auth\xC2\x9B" "2J\xE2\x80\xAE" "or");
    EXPECT_EQ(j["source"], "src\x1b[2J");
  }
}

// --- issue 9: hostile queries ----------------------------------------------

// Each expensive query is answered or refused with one clear line and exit
// 2, never a crash or an unbounded wait (no timed assertion: the limits are
// what bounds the time).
TEST(Hostile, ExpensiveQueriesAreAnsweredOrRefusedWithOneLine) {
  TempDir dir;
  // Twelve prefixes of 900 words each: 10,800 words, each prefix under
  // --max-wildcard's 1000, all of them together over the 10,000 a query's
  // wildcards may match.
  std::string body = "patient records ";
  for (char p = 'a'; p < 'a' + 12; ++p) {
    for (int i = 0; i < 900; ++i) {
      body += std::string("q") + p + std::to_string(i) + ' ';
    }
  }
  write_file(dir.path() / "a.txt",
             "Title: words\nDate: 1987-03-04\n\n" + body + "\n");
  const std::string db = dir.str("q.db");
  ASSERT_EQ(index({"-q", "--db", db, dir.str("a.txt")}).exit_code, 0);

  std::string many, paren, near = "patient", wild;
  for (int i = 0; i < 10000; ++i) many += "w" + std::to_string(i) + " ";
  for (int i = 0; i < 1000; ++i) paren += "(";
  paren += "patient";
  for (int i = 0; i < 1000; ++i) paren += ")";
  for (int i = 0; i < 999; ++i) near += " NEAR/1000 records";
  for (char p = 'a'; p < 'a' + 12; ++p) {
    wild += std::string(wild.empty() ? "" : " OR ") + "q" + p + "*";
  }
  struct Row {
    std::string query;
    int exit_code;
    std::string first_line;  // of stderr, or of stdout when it succeeds
  };
  const Row rows[] = {
      {many, 2,
       "lede-query: query has more than 1000 words, the most lede searches "
       "at once at column 4891"},
      {paren, 2,
       "lede-query: query nested more than 100 levels deep at column 101"},
      {"q*", 2,
       "lede-query: wildcard 'q*' is too short: give at least 2 characters "
       "before '*' at column 1"},
      {"q* OR patient", 2,
       "lede-query: wildcard 'q*' is too short: give at least 2 characters "
       "before '*' at column 1"},
      {wild, 2,
       "lede-query: the wildcards of this query match more than 10000 words "
       "together; use fewer or longer ones at column 78"},
      {"qa*", 0, "1"},
      {"patient NEAR/1000000 records", 2,
       "lede-query: bad distance in 'NEAR/1000000': use NEAR/n with n from 1 "
       "to 1000 at column 9"},
      {"patient NEAR/1000 records", 0, "1"},
      {near, 1, "0"},  // answered: no 999 occurrences of "records"
      {"date:-5000..5000", 2,
       "lede-query: malformed date '-5000..5000' (expected YYYY, YYYY-MM or "
       "YYYY-MM-DD; years run from 0001 to 9999) at column 6"},
      {"date:0001..9999 patient", 0, "1"},
  };
  for (const Row& row : rows) {
    SCOPED_TRACE(row.query.substr(0, 40));
    const RunResult r = query({"--db", db, "-c", row.query});
    EXPECT_EQ(r.exit_code, row.exit_code) << r.err.substr(0, 300);
    const std::string& shown = row.exit_code == 2 ? r.err : r.out;
    EXPECT_EQ(shown.substr(0, shown.find('\n')), row.first_line);
    if (row.exit_code == 2) {
      EXPECT_EQ(r.out, "");
    }
  }
  // With --max-wildcard 0 the user asked for no limit: answered.
  EXPECT_EQ(query({"--db", db, "-c", "--max-wildcard", "0", wild}).out, "1\n");
}

// --- issue 9: hostile documents ---------------------------------------------

// A tree of everything a stranger's folder can hold: each bad entry gets
// one line naming it, and the good files still go in.
TEST(Hostile, HostileDocumentsAreNamedAndTheRunGoesOn) {
  TempDir dir;
  const auto t = dir.path() / "t";
  write_file(t / "good.txt", "Title: good\n\ngoodword here\n");
  // invalid UTF-8 in title and body: indexed, bytes replaced, counted
  write_file(t / "bad.txt",
             "Title: bad \xff\xfe title\n\nbody \xc3\x28 \xed\xa0\x80 utfword\n");
  // NUL bytes: binary, skipped, named
  // (sizeof - 1: the literal's length with its NUL bytes, not its end)
  constexpr char kNulText[] = "Title: nul\n\nbody\0with nul\n";
  constexpr char kNulHtml[] = "<html><body>a\0b</body></html>";
  write_file(t / "nul.txt", std::string(kNulText, sizeof kNulText - 1));
  write_file(t / "nul.html", std::string(kNulHtml, sizeof kNulHtml - 1));
  // a symbolic link loop and a link to the folder above
  ASSERT_EQ(::symlink("loop1", (t / "loop2").c_str()), 0);
  ASSERT_EQ(::symlink("loop2", (t / "loop1").c_str()), 0);
  std::filesystem::create_directories(t / "sub");
  ASSERT_EQ(::symlink("..", (t / "sub" / "up").c_str()), 0);
  // a FIFO in the tree: never opened (that would wait for a writer)
  ASSERT_EQ(::mkfifo((t / "fifo").c_str(), 0600), 0);
  // a gzip bomb: 200 MB of zeros in 200 KB, stopped at --max-file-size
  {
    const std::string zeros = dir.str("zeros");
    write_file(zeros, std::string(200u << 20, '\0'));
    ASSERT_EQ(std::system(("gzip -9 -c '" + zeros + "' > '" +
                           (t / "bomb.txt.gz").string() + "'")
                              .c_str()),
              0);
    std::filesystem::remove(zeros);
  }
  const std::string db = dir.str("h.db");
  const RunResult r = index({"--db", db, t.string()});
  EXPECT_EQ(r.exit_code, 1) << r.err;  // skipped files: exit 1
  const std::string p = t.string() + "/";
  for (const std::string& line : {
           p + "bad.txt: not valid UTF-8: 6 bytes replaced with U+FFFD "
               "(indexed anyway)",
           p + "bomb.txt.gz: decompressed size exceeds --max-file-size (64 "
               "MiB)",
           p + "fifo: skipped: FIFO",
           p + "loop1: skipped: symbolic link (use --follow-symlinks)",
           p + "nul.html: binary file (not text)",
           p + "nul.txt: binary file (not text)",
           p + "sub/up: skipped: symbolic link (use --follow-symlinks)",
       }) {
    EXPECT_TRUE(has(r.err, "lede-index: " + line + "\n")) << line << "\n"
                                                           << r.err;
  }
  EXPECT_TRUE(has(r.err, "2 added")) << r.err;
  EXPECT_EQ(query({"--db", db, "-c", "goodword OR utfword"}).out, "2\n");
  // Followed, the loop is a loop, said once, and the walk still ends.
  const RunResult f =
      index({"--db", dir.str("f.db"), "--follow-symlinks", t.string()});
  EXPECT_TRUE(has(f.err, "2 added")) << f.err;
  EXPECT_TRUE(has(f.err, p + "loop1:")) << f.err;
}

// A 100 MB single line is over the default --max-file-size: refused by its
// size, before it is read, with a line saying so; the rest goes in.
TEST(Hostile, HundredMegabyteLineIsRefusedByItsSize) {
  TempDir dir;
  write_file(dir.path() / "big.txt", std::string(100u << 20, 'a') + "\n");
  write_file(dir.path() / "ok.txt", "Title: ok\n\nfine\n");
  long peak_kb = 0;
  const std::string db = dir.str("b.db");
  EXPECT_EQ(run_measured({testing::index_bin(), "--db", db,
                          dir.str("big.txt"), dir.str("ok.txt")},
                         dir.str("err"), &peak_kb),
            1);
  const std::string err = testing::read_file(dir.str("err"));
  EXPECT_TRUE(has(err, dir.str("big.txt") + ": ")) << err;
  EXPECT_TRUE(has(err, "--max-file-size")) << err;
  EXPECT_TRUE(has(err, "1 added")) << err;
  if (!kSanitized) {
    EXPECT_LT(peak_kb, 64 << 10) << "never read whole";
  }
}

}  // namespace
}  // namespace lede
