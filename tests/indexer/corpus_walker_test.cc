#include "indexer/corpus_walker.h"

#include <gtest/gtest.h>
#include <sys/socket.h>
#include <sys/stat.h>
#include <sys/un.h>
#include <unistd.h>

#include <filesystem>
#include <string>
#include <vector>

#include "common/index_meta.h"
#include "tests/testutil/testutil.h"

namespace lede::indexer {
namespace {

namespace fs = std::filesystem;
using lede::testing::TempDir;
using lede::testing::write_file;

// A walk's output, flattened for comparison.
struct Walked {
  std::vector<std::string> files;     // id_base of each file, in order
  std::vector<std::string> paths;     // path of each file
  std::vector<std::string> problems;  // "REL: message [error|warning]"
};

Walked run_walk(const std::vector<std::string>& roots,
                const WalkOptions& options = {},
                const std::string& strip = "") {
  Walked w;
  walk(
      roots, options,
      [&](const InputFile& f) {
        w.files.push_back(f.id_base);
        w.paths.push_back(f.path);
      },
      [&](const WalkProblem& p) {
        std::string path = p.path;
        if (!strip.empty() && path.starts_with(strip)) {
          path = path.substr(strip.size());
        }
        w.problems.push_back(path + ": " + p.message +
                             (p.is_error ? " [error]" : " [warning]"));
      });
  return w;
}

using Strings = std::vector<std::string>;

// A small tree: nested folders, names whose byte order differs from a
// naive one, hidden entries.
void make_tree(const fs::path& root) {
  write_file(root / "b.txt", "b");
  write_file(root / "a.md", "a");
  write_file(root / "B.txt", "B");
  write_file(root / "a" / "z.txt", "z");
  write_file(root / "a" / "deep" / "x.html", "x");
  write_file(root / "a-b.txt", "ab");
  write_file(root / ".hidden.txt", "h");
  write_file(root / ".git" / "config", "c");
  write_file(root / "a" / ".secret" / "s.txt", "s");
}

TEST(Walk, DepthFirstSortedByByteOrder) {
  TempDir dir;
  make_tree(dir.path());
  const Walked w = run_walk({dir.str()});
  // Each folder's names in byte order: 'B' (0x42) < 'a' (0x61), and the
  // folder "a" (a prefix) < "a-b.txt" ('-' 0x2d) < "a.md" ('.' 0x2e); a
  // folder's files come where its name sorts.
  EXPECT_EQ(w.files, (Strings{"B.txt", "a/deep/x.html", "a/z.txt", "a-b.txt",
                              "a.md", "b.txt"}));
  EXPECT_EQ(w.problems, Strings{});
}

TEST(Walk, SameTreeSameSequence) {
  TempDir one, two;
  make_tree(one.path());
  make_tree(two.path());
  EXPECT_EQ(run_walk({one.str()}).files, run_walk({two.str()}).files);
}

TEST(Walk, PathsKeepTheRootAsGiven) {
  TempDir dir;
  write_file(dir.path() / "c" / "x.txt", "x");
  const Walked slash = run_walk({dir.str("c") + "/"});
  EXPECT_EQ(slash.paths, Strings{dir.str("c") + "/x.txt"});
  const Walked plain = run_walk({dir.str("c")});
  EXPECT_EQ(plain.paths, Strings{dir.str("c") + "/x.txt"});
  EXPECT_EQ(plain.files, Strings{"x.txt"});
}

TEST(Walk, HiddenOnlyWhenAsked) {
  TempDir dir;
  make_tree(dir.path());
  WalkOptions o;
  o.hidden = true;
  const Walked w = run_walk({dir.str()}, o);
  EXPECT_EQ(w.files,
            (Strings{".git/config", ".hidden.txt", "B.txt", "a/.secret/s.txt",
                     "a/deep/x.html", "a/z.txt", "a-b.txt", "a.md", "b.txt"}));
}

TEST(Walk, ExplicitRootsAreTakenEvenWhenHidden) {
  TempDir dir;
  make_tree(dir.path());
  const Walked w =
      run_walk({dir.str(".hidden.txt"), dir.str(".git"), dir.str("b.txt")});
  EXPECT_EQ(w.files, (Strings{".hidden.txt", "config", "b.txt"}));
}

TEST(Walk, RootsInTheOrderGivenAndStdinLeftToTheCaller) {
  TempDir dir;
  write_file(dir.path() / "x" / "1.txt", "1");
  write_file(dir.path() / "y" / "2.txt", "2");
  const Walked w = run_walk({dir.str("y"), "-", dir.str("x")});
  EXPECT_EQ(w.files, (Strings{"2.txt", "1.txt"}));
  EXPECT_EQ(w.problems, Strings{});
}

TEST(Walk, MissingRootIsAnErrorAndTheWalkGoesOn) {
  TempDir dir;
  write_file(dir.path() / "ok.txt", "x");
  const Walked w =
      run_walk({dir.str("nope"), dir.str("ok.txt")}, {}, dir.str() + "/");
  EXPECT_EQ(w.files, Strings{"ok.txt"});
  EXPECT_EQ(w.problems, Strings{"nope: no such file or directory [error]"});
}

TEST(Walk, SymlinksSkippedWithAWarningByDefault) {
  TempDir dir;
  write_file(dir.path() / "real" / "r.txt", "r");
  fs::create_symlink(dir.path() / "real" / "r.txt", dir.path() / "link.txt");
  fs::create_directory_symlink(dir.path() / "real", dir.path() / "linkdir");
  const Walked w = run_walk({dir.str()}, {}, dir.str() + "/");
  EXPECT_EQ(w.files, Strings{"real/r.txt"});
  EXPECT_EQ(w.problems,
            (Strings{"link.txt: skipped: symbolic link (use --follow-symlinks) "
                     "[warning]",
                     "linkdir: skipped: symbolic link (use --follow-symlinks) "
                     "[warning]"}));
}

TEST(Walk, FollowedSymlinksAndTheirBrokenOnes) {
  TempDir dir;
  write_file(dir.path() / "real" / "r.txt", "r");
  fs::create_symlink(dir.path() / "real" / "r.txt", dir.path() / "link.txt");
  fs::create_directory_symlink(dir.path() / "real", dir.path() / "linkdir");
  fs::create_symlink(dir.path() / "gone", dir.path() / "dangling");
  WalkOptions o;
  o.follow_symlinks = true;
  const Walked w = run_walk({dir.str()}, o, dir.str() + "/");
  EXPECT_EQ(w.files, (Strings{"link.txt", "linkdir/r.txt", "real/r.txt"}));
  EXPECT_EQ(w.problems,
            Strings{"dangling: skipped: broken symbolic link [warning]"});
}

TEST(Walk, SymlinkLoopsEndWithAWarning) {
  TempDir dir;
  write_file(dir.path() / "top" / "a" / "f.txt", "f");
  // a/up -> .. (the root), a/self -> . : both loops.
  fs::create_directory_symlink("..", dir.path() / "top" / "a" / "up");
  fs::create_directory_symlink(".", dir.path() / "top" / "a" / "self");
  WalkOptions o;
  o.follow_symlinks = true;
  const Walked w = run_walk({dir.str("top")}, o, dir.str("top") + "/");
  EXPECT_EQ(w.files, Strings{"a/f.txt"});
  EXPECT_EQ(w.problems,
            (Strings{"a/self: skipped: symbolic link loop [warning]",
                     "a/up: skipped: symbolic link loop [warning]"}));
}

TEST(Walk, ASymlinkedRootIsFollowed) {
  TempDir dir;
  write_file(dir.path() / "real" / "r.txt", "r");
  fs::create_directory_symlink(dir.path() / "real", dir.path() / "alias");
  const Walked w = run_walk({dir.str("alias")});
  EXPECT_EQ(w.files, Strings{"r.txt"});
  EXPECT_EQ(w.paths, Strings{dir.str("alias") + "/r.txt"});
}

TEST(Walk, FifosSocketsAndDevicesAreSkippedWithAWarning) {
  TempDir dir;
  write_file(dir.path() / "a.txt", "a");
  ASSERT_EQ(::mkfifo(dir.str("pipe").c_str(), 0600), 0);
  const int s = ::socket(AF_UNIX, SOCK_STREAM, 0);
  ASSERT_GE(s, 0);
  sockaddr_un addr{};
  addr.sun_family = AF_UNIX;
  const std::string sock = dir.str("sock");
  ASSERT_LT(sock.size(), sizeof addr.sun_path);
  std::copy(sock.begin(), sock.end(), addr.sun_path);
  ASSERT_EQ(::bind(s, reinterpret_cast<sockaddr*>(&addr), sizeof addr), 0);
  const Walked w = run_walk({dir.str()}, {}, dir.str() + "/");
  ::close(s);
  EXPECT_EQ(w.files, Strings{"a.txt"});
  EXPECT_EQ(w.problems, (Strings{"pipe: skipped: FIFO [warning]",
                                 "sock: skipped: socket [warning]"}));
}

// Issue 14 item 8: a path the user named and that cannot be indexed is an
// error, not a quiet skip.
TEST(Walk, NamedFifoOrDeviceIsAnError) {
  TempDir dir;
  ASSERT_EQ(::mkfifo(dir.str("pipe").c_str(), 0600), 0);
  const Walked w =
      run_walk({dir.str("pipe"), "/dev/null"}, {}, dir.str() + "/");
  EXPECT_TRUE(w.files.empty());
  EXPECT_EQ(w.problems,
            (Strings{"pipe: a FIFO, not a file or folder (to index a stream, "
                     "pipe it to 'lede-index -') [error]",
                     "/dev/null: a device, not a file or folder [error]"}));
}

// Issue 14 item 3: databases are never read as input. The one being
// written and any other found in a folder are passed over with a warning;
// one named explicitly (or a file in one) is an error.
TEST(Walk, DatabasesAreNeverEntered) {
  TempDir dir;
  write_file(dir.path() / "a.txt", "a");
  write_file(dir.path() / "lede.db" / "XAPIANDB", "glass gen-1\n");
  write_file(dir.path() / "lede.db" / "gen-1" / "iamglass", "x");
  write_file(dir.path() / "lede.db" / "lock", "1\n");
  write_file(dir.path() / "sub" / "old.db" / "XAPIANDB", "glass gen-1\n");
  write_file(dir.path() / "sub" / "raw" / "iamglass", "x");
  write_file(dir.path() / "sub" / "b.txt", "b");
  WalkOptions o;
  o.database = dir.str("lede.db");
  const Walked w = run_walk({dir.str()}, o, dir.str() + "/");
  EXPECT_EQ(w.files, (Strings{"a.txt", "sub/b.txt"}));
  EXPECT_EQ(w.problems,
            (Strings{"lede.db: skipped: the database being written "
                     "(lede-index never indexes a database) [warning]",
                     "sub/old.db: skipped: a database (lede-index never "
                     "indexes a database) [warning]",
                     "sub/raw: skipped: a database (lede-index never indexes "
                     "a database) [warning]"}));
  const Walked named = run_walk({dir.str("lede.db"), dir.str("sub/old.db"),
                                 dir.str("lede.db/gen-1/iamglass")},
                                o, dir.str() + "/");
  EXPECT_TRUE(named.files.empty());
  const std::string msg =
      ": is a database, not a corpus (lede-index never indexes a database) "
      "[error]";
  EXPECT_EQ(named.problems, (Strings{"lede.db" + msg, "sub/old.db" + msg,
                                     "lede.db/gen-1/iamglass" + msg}));
  EXPECT_TRUE(is_database_folder(dir.str("lede.db")));
  EXPECT_TRUE(is_database_folder(dir.str("sub/raw")));
  EXPECT_FALSE(is_database_folder(dir.str("sub")));
}

TEST(Walk, UnreadableFolderIsAnErrorAndTheWalkGoesOn) {
  if (::geteuid() == 0)
    GTEST_SKIP() << "root reads folders whatever their mode";
  TempDir dir;
  write_file(dir.path() / "closed" / "x.txt", "x");
  write_file(dir.path() / "open" / "y.txt", "y");
  fs::permissions(dir.path() / "closed", fs::perms::none);
  const Walked w = run_walk({dir.str()}, {}, dir.str() + "/");
  fs::permissions(dir.path() / "closed", fs::perms::owner_all);
  EXPECT_EQ(w.files, Strings{"open/y.txt"});
  EXPECT_EQ(
      w.problems,
      Strings{"closed: cannot read directory: permission denied [error]"});
}

TEST(Walk, IncludeKeepsMatchingFilesOnly) {
  TempDir dir;
  make_tree(dir.path());
  WalkOptions o;
  o.include = {"*.txt", "*.html"};
  EXPECT_EQ(run_walk({dir.str()}, o).files,
            (Strings{"B.txt", "a/deep/x.html", "a/z.txt", "a-b.txt", "b.txt"}));
}

TEST(Walk, ExcludePrunesFilesAndFolders) {
  TempDir dir;
  make_tree(dir.path());
  WalkOptions o;
  o.exclude = {"deep", "B.*"};
  EXPECT_EQ(run_walk({dir.str()}, o).files,
            (Strings{"a/z.txt", "a-b.txt", "a.md", "b.txt"}));
}

TEST(Walk, GlobsWithASlashMatchTheRelativePath) {
  TempDir dir;
  make_tree(dir.path());
  WalkOptions o;
  o.include = {"a/*.txt"};  // '*' does not cross '/'
  EXPECT_EQ(run_walk({dir.str()}, o).files, Strings{"a/z.txt"});
  o.include = {"**/*.html"};
  EXPECT_EQ(run_walk({dir.str()}, o).files, Strings{"a/deep/x.html"});
  o.include = {"a/**"};
  EXPECT_EQ(run_walk({dir.str()}, o).files,
            (Strings{"a/deep/x.html", "a/z.txt"}));
}

TEST(Walk, ExplicitFileRootsIgnoreGlobs) {
  TempDir dir;
  make_tree(dir.path());
  WalkOptions o;
  o.exclude = {"*.md"};
  EXPECT_EQ(run_walk({dir.str("a.md")}, o).files, Strings{"a.md"});
}

TEST(GlobMatches, Rules) {
  struct Row {
    const char* pattern;
    const char* name;
    const char* rel;
    bool dir;
    bool matches;
  };
  const Row rows[] = {
      {"*.md", "x.md", "a/b/x.md", false, true},
      {"*.md", "x.mdx", "x.mdx", false, false},
      {"*.MD", "x.md", "x.md", false, false},  // case-sensitive
      {"draft*", "drafts", "2019/drafts", true, true},
      {"2019/*.txt", "a.txt", "2019/a.txt", false, true},
      {"2019/*.txt", "a.txt", "2019/x/a.txt", false, false},
      {"*/drafts", "drafts", "2019/drafts", true, true},
      {"*/drafts", "drafts", "drafts", true, false},
      {"/2019/*.txt", "a.txt", "2019/a.txt", false, true},
      {"**/drafts/*.md", "x.md", "drafts/x.md", false, true},
      {"**/drafts/*.md", "x.md", "a/b/drafts/x.md", false, true},
      {"**/drafts/*.md", "x.md", "a/b/drafts/c/x.md", false, false},
      {"drafts/**", "x.md", "drafts/c/x.md", false, true},
      {"drafts/**", "drafts", "drafts", true, true},
      {"drafts/**", "x.md", "other/drafts/x.md", false, false},
      {"tmp/", "tmp", "a/tmp", true, true},
      {"tmp/", "tmp", "a/tmp", false, false},
      {"", "x", "x", false, false},
      {"[ab].txt", "b.txt", "b.txt", false, true},
  };
  for (const Row& r : rows) {
    EXPECT_EQ(glob_matches(r.pattern, r.name, r.rel, r.dir), r.matches)
        << r.pattern << " vs " << r.rel;
  }
}

}  // namespace
}  // namespace lede::indexer
