// The documentation and the install are part of the product: man pages
// that lint clean and render, options that --help, the man pages and the
// shell completions all agree on, an install into any prefix that works,
// and a Debian package that declares its dependencies.
#include <gtest/gtest.h>

#include <algorithm>
#include <cctype>
#include <filesystem>
#include <regex>
#include <set>
#include <sstream>
#include <utility>
#include <vector>

#include "tests/testutil/testutil.h"

namespace lede {
namespace {

namespace fs = std::filesystem;
using testing::run_binary;

const fs::path kSource = LEDE_SOURCE_DIR;

testing::RunResult sh(const std::string& script,
                      const std::vector<std::string>& env = {}) {
  return run_binary({"/bin/bash", "-c", script}, "", env);
}

bool have(const std::string& tool) {
  return sh("command -v " + tool + " >/dev/null").exit_code == 0;
}

// Long options ("--name") that `text` mentions. In roff a dash is "\-".
std::set<std::string> long_options(std::string text) {
  text = std::regex_replace(text, std::regex(R"(\\-)"), "-");
  std::set<std::string> out;
  const std::regex opt(R"((^|[^A-Za-z0-9-])(--[a-z][a-z0-9-]*))");
  for (auto it = std::sregex_iterator(text.begin(), text.end(), opt);
       it != std::sregex_iterator(); ++it) {
    out.insert((*it)[2]);
  }
  return out;
}

// `text` without the options it names as another program's: on a line,
// what follows that program's name and a space ("lede-index --rebuild",
// "xapian-tcpsrv --port 33333 --interface ADDR").
std::string without_other_programs_options(std::string text,
                                           const std::string& tool) {
  text = std::regex_replace(text, std::regex(R"(\\-)"), "-");
  for (const char* other :
       {"lede-index", "lede-query", "xapian-tcpsrv", "xapian-progsrv"}) {
    if (other == tool) continue;
    text = std::regex_replace(
        text, std::regex(std::string("(^|[^A-Za-z0-9-])") + other + " --.*"),
        "$1");
  }
  return text;
}

std::set<std::string> help_options(const char* bin) {
  const auto r = run_binary({bin, "--help"});
  EXPECT_EQ(r.exit_code, 0);
  return long_options(r.out);
}

struct Tool {
  const char* name;
  const char* bin;
};
const Tool kTools[] = {{"lede-index", testing::index_bin()},
                       {"lede-query", testing::query_bin()}};

TEST(ManPages, LintCleanWithMandoc) {
  if (!have("mandoc")) GTEST_SKIP() << "mandoc is not installed";
  for (const char* page : {"lede-index.1", "lede-query.1", "lede.7"}) {
    const auto r = sh("mandoc -T lint -W warning '" +
                      (kSource / "man" / page).string() + "' 2>&1");
    EXPECT_EQ(r.exit_code, 0) << page << ":\n" << r.out;
    EXPECT_EQ(r.out, "") << page;
  }
}

TEST(ManPages, RenderWithMan) {
  if (!have("man")) GTEST_SKIP() << "man is not installed";
  for (const char* page : {"lede-index.1", "lede-query.1", "lede.7"}) {
    const auto r = sh("man -l '" + (kSource / "man" / page).string() +
                          "' 2>&1 | col -bx",
                      {"MANWIDTH=80", "MAN_KEEP_FORMATTING=0"});
    EXPECT_EQ(r.exit_code, 0) << page;
    EXPECT_NE(r.out.find("NAME"), std::string::npos) << page << r.out;
    EXPECT_NE(r.out.find("DESCRIPTION"), std::string::npos) << page;
  }
}

TEST(ManPages, EveryHelpOptionIsDocumentedAndNoOther) {
  for (const Tool& t : kTools) {
    const std::set<std::string> help = help_options(t.bin);
    const std::set<std::string> man =
        long_options(without_other_programs_options(
            testing::read_file(kSource / "man" / (std::string(t.name) + ".1")),
            t.name));
    for (const std::string& o : help) {
      EXPECT_TRUE(man.count(o)) << t.name << " --help has " << o
                                << " but its man page does not";
    }
    for (const std::string& o : man) {
      EXPECT_TRUE(help.count(o)) << "man/" << t.name << ".1 documents " << o
                                 << " which " << t.name << " does not have";
    }
  }
}

// One option of --help as CLI11 prints it: "  -n,--limit N   Show ...".
struct HelpEntry {
  std::string opts;  // names and placeholder: "-n,--limit N", "paths PATH ..."
  std::string text;  // the description
};

std::vector<HelpEntry> help_entries(const std::string& help) {
  std::vector<HelpEntry> out;
  std::istringstream in(help);
  for (std::string line; std::getline(in, line);) {
    if (line.size() > 2 && line.compare(0, 2, "  ") == 0 && line[2] != ' ') {
      const auto gap = line.find("  ", 2);
      out.push_back({line.substr(2, gap == std::string::npos ? gap : gap - 2),
                     gap == std::string::npos ? "" : line.substr(gap)});
    } else if (!out.empty() && line.compare(0, 3, "   ") == 0) {
      out.back().text += line;  // a description under a long option
    }
  }
  return out;
}

// A man page's option headings (the line after each .TP) and the text under
// each, without roff: ".BI \-\-title\-weight \" n\"" -> "--title-weight n".
std::vector<std::pair<std::string, std::string>> man_entries(
    const std::string& page) {
  std::vector<std::pair<std::string, std::string>> out;
  std::istringstream in(page);
  bool heading = false;
  for (std::string line; std::getline(in, line);) {
    line = std::regex_replace(line, std::regex(R"(\\f[BIRP])"), "");
    line = std::regex_replace(line, std::regex(R"(\\-)"), "-");
    line = std::regex_replace(line, std::regex(R"(\\ )"), " ");
    if (line.rfind(".TP", 0) == 0) {
      heading = true;
    } else if (line.rfind(".SH", 0) == 0 || line.rfind(".SS", 0) == 0) {
      heading = false;
      out.push_back({"", ""});
    } else if (heading) {
      heading = false;
      const std::string words =
          std::regex_replace(line, std::regex(R"(^\.[A-Z]+ ?)"), "");
      out.push_back({words, ""});
    } else if (!out.empty()) {
      out.back().second +=
          " " + std::regex_replace(line, std::regex(R"(^\.[A-Z]+ ?)"), "");
    }
  }
  return out;
}

// "--field NAME=KEY" and ".BI \-\-field \" name\" = key" say the same.
std::string squeezed(std::string s) {
  std::string out;
  for (char c : s) {
    if (c == ' ' || c == '"') continue;
    out += static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  }
  return out;
}

// --help shows each option with one placeholder at most, in the words of
// its man page: no CLI11 artefacts ("FORMAT:FORMAT", "UINT:UINT in [1 -
// 100]", "TEXT", "x 2"), the same placeholder as the man page's heading,
// and every range the help states ("1 to 100") also in the man page.
TEST(ManPages, HelpShowsOnePlaceholderAndTheRangesOfItsManPage) {
  const std::regex option_syntax(
      R"(^(-[a-zA-Z],)?--[a-z][a-z0-9-]*(,--[a-z][a-z0-9-]*)*)"
      R"(( [A-Z][A-Z0-9]*([=,][A-Z][A-Z0-9]*)?)?$)");
  const std::regex positional_syntax(R"(^[a-z]+ [A-Z]+ \.\.\.$)");
  const std::regex cli11_words(
      R"(\b(TEXT|UINT|INT|FLOAT|NUMBER|BOOLEAN|NONNEGATIVE|POSITIVE)\b|in \[)");
  const std::regex range(R"(\b\d+(\.\d+)? to \d+(\.\d+)?\b)");
  for (const Tool& t : kTools) {
    const auto r = run_binary({t.bin, "--help"});
    ASSERT_EQ(r.exit_code, 0);
    const auto man = man_entries(
        testing::read_file(kSource / "man" / (std::string(t.name) + ".1")));
    const auto entries = help_entries(r.out);
    ASSERT_GT(entries.size(), 10u) << t.name << ":\n" << r.out;
    for (const HelpEntry& e : entries) {
      const bool positional = e.opts[0] != '-';
      EXPECT_TRUE(std::regex_match(e.opts, positional ? positional_syntax
                                                      : option_syntax))
          << t.name << " --help: '" << e.opts << "' is not NAME PLACEHOLDER";
      EXPECT_FALSE(std::regex_search(e.opts + e.text, cli11_words))
          << t.name << " --help: " << e.opts << e.text;
      if (positional) continue;
      const auto heading = std::find_if(man.begin(), man.end(), [&](auto& m) {
        return squeezed(m.first) == squeezed(e.opts);
      });
      if (heading == man.end()) {
        ADD_FAILURE() << "man/" << t.name << ".1 has no heading '" << e.opts
                      << "' (.TP, then the option and its placeholder)";
        continue;
      }
      const std::string man_text =
          std::regex_replace(heading->second, std::regex(R"(\s+)"), " ");
      for (auto it = std::sregex_iterator(e.text.begin(), e.text.end(), range);
           it != std::sregex_iterator(); ++it) {
        EXPECT_NE(man_text.find(it->str()), std::string::npos)
            << t.name << " --help says " << e.opts << " " << it->str()
            << "; its man page does not:" << man_text;
      }
    }
  }
}

TEST(ManPages, SectionsAUserLooksFor) {
  const std::string index = testing::read_file(kSource / "man/lede-index.1");
  const std::string query = testing::read_file(kSource / "man/lede-query.1");
  for (const char* s : {".SH EXIT STATUS", ".SH EXAMPLES", ".SH ENVIRONMENT",
                        ".SH FILES", ".SH SEE ALSO"}) {
    EXPECT_NE(index.find(s), std::string::npos) << "lede-index.1: " << s;
    EXPECT_NE(query.find(s), std::string::npos) << "lede-query.1: " << s;
  }
  EXPECT_NE(query.find("JSON OUTPUT"), std::string::npos);
  EXPECT_NE(query.find("QUERY LANGUAGE"), std::string::npos);
  EXPECT_NE(index.find("INPUT FORMATS"), std::string::npos);
}

TEST(Completions, ParseInBashAndZsh) {
  EXPECT_EQ(sh("bash -n '" + (kSource / "completions/lede.bash").string() +
               "' 2>&1").exit_code,
            0);
  if (!have("zsh")) GTEST_SKIP() << "zsh is not installed";
  const auto r =
      sh("zsh -n '" + (kSource / "completions/_lede").string() + "' 2>&1");
  EXPECT_EQ(r.exit_code, 0) << r.out;
}

TEST(Completions, ListEveryHelpOption) {
  const std::set<std::string> bash =
      long_options(testing::read_file(kSource / "completions/lede.bash"));
  const std::set<std::string> zsh =
      long_options(testing::read_file(kSource / "completions/_lede"));
  for (const Tool& t : kTools) {
    for (const std::string& o : help_options(t.bin)) {
      EXPECT_TRUE(bash.count(o)) << "bash completion lacks " << t.name << " " << o;
      EXPECT_TRUE(zsh.count(o)) << "zsh completion lacks " << t.name << " " << o;
    }
  }
}

TEST(Completions, BashCompletesFormatValues) {
  const std::string script = (kSource / "completions/lede.bash").string();
  const auto r = sh("source '" + script +
                    "'; COMP_WORDS=(lede-query --format ''); COMP_CWORD=2; "
                    "_lede_query; echo \"${COMPREPLY[*]}\"");
  EXPECT_EQ(r.out, "text json jsonl tsv paths paths0 trec\n") << r.err;
  const auto idx = sh("source '" + script +
                      "'; COMP_WORDS=(lede-index --format j); COMP_CWORD=2; "
                      "_lede_index; echo \"${COMPREPLY[*]}\"");
  EXPECT_EQ(idx.out, "jsonl json\n") << idx.err;
}

TEST(Completions, ZshCompletesFormatValues) {
  if (!have("zsh")) GTEST_SKIP() << "zsh is not installed";
  const auto r = sh("timeout 30 zsh -f '" +
                    (kSource / "tests/docs/zsh_complete.zsh").string() + "' '" +
                    (kSource / "completions").string() +
                    "' 'lede-query --format '");
  for (const char* v :
       {"text", "json", "jsonl", "tsv", "paths", "paths0", "trec"}) {
    EXPECT_NE(r.out.find(v), std::string::npos) << v << " in:\n" << r.out;
  }
  EXPECT_NE(r.out.find("tsv"), std::string::npos);
}

TEST(Install, IntoATemporaryPrefixAndRun) {
  testing::TempDir dir;
  const std::string prefix = dir.str("prefix");
  const auto inst = sh("cmake --install '" + std::string(LEDE_BINARY_DIR) +
                       "' --prefix '" + prefix + "' 2>&1");
  ASSERT_EQ(inst.exit_code, 0) << inst.out;
  for (const char* f :
       {"bin/lede-index", "bin/lede-query", "share/man/man1/lede-index.1.gz",
        "share/man/man1/lede-query.1.gz", "share/man/man7/lede.7.gz",
        "share/bash-completion/completions/lede-query",
        "share/bash-completion/completions/lede-index",
        "share/zsh/vendor-completions/_lede"}) {
    EXPECT_TRUE(fs::exists(fs::path(prefix) / f)) << f;
  }
  if (have("man")) {  // the installed, compressed page is what man reads
    const auto r = sh("man -l '" + prefix +
                          "/share/man/man1/lede-query.1.gz' 2>&1 | col -bx",
                      {"MANWIDTH=80", "MAN_KEEP_FORMATTING=0"});
    EXPECT_EQ(r.exit_code, 0);
    EXPECT_NE(r.out.find("EXIT STATUS"), std::string::npos) << r.out;
  }
  const std::string db = dir.str("lede.db");
  const auto idx = run_binary({prefix + "/bin/lede-index", "--db", db,
                               "--exclude", "README.md",
                               testing::sample_corpus()});
  EXPECT_LE(idx.exit_code, 1) << idx.err;
  const auto q = run_binary({prefix + "/bin/lede-query", "--db", db,
                             "--format", "paths", "\"patient data\""});
  EXPECT_EQ(q.exit_code, 0) << q.err;
  EXPECT_TRUE(q.out.find("mayo-clinic-patient-data.txt") != std::string::npos)
      << q.out;
}

// The .deb: builds with CPack, declares its shared-library dependencies,
// holds the binaries, man pages and completions under /usr, and its
// binaries run once unpacked.
TEST(Package, DebianPackageBuildsAndDeclaresDependencies) {
  if (!have("dpkg-deb") || !have("dpkg-shlibdeps")) {
    GTEST_SKIP() << "dpkg-dev is not installed";
  }
  testing::TempDir dir;
  const auto pack = sh("cd '" + std::string(LEDE_BINARY_DIR) +
                       "' && cpack -G DEB -B '" + dir.str() + "' 2>&1");
  ASSERT_EQ(pack.exit_code, 0) << pack.out;
  std::string deb;
  for (const auto& e : fs::directory_iterator(dir.path())) {
    if (e.path().extension() == ".deb") deb = e.path().string();
  }
  ASSERT_FALSE(deb.empty());
  const auto deps = sh("dpkg-deb -f '" + deb + "' Depends");
  for (const char* lib : {"libxapian30", "libicu72", "libc6", "libstdc++6"}) {
    EXPECT_NE(deps.out.find(lib), std::string::npos) << deps.out;
  }
  const auto list = sh("dpkg-deb -c '" + deb + "'");
  for (const char* f :
       {"./usr/bin/lede-index", "./usr/bin/lede-query",
        "./usr/share/man/man1/lede-query.1.gz", "./usr/share/man/man7/lede.7.gz",
        "./usr/share/bash-completion/completions/lede-query",
        "./usr/share/zsh/vendor-completions/_lede"}) {
    EXPECT_NE(list.out.find(f), std::string::npos) << f << "\n" << list.out;
  }
  const auto unpack = sh("dpkg-deb -x '" + deb + "' '" + dir.str("root") +
                         "' && '" + dir.str("root") +
                         "/usr/bin/lede-query' --version");
  EXPECT_EQ(unpack.exit_code, 0) << unpack.err;
  EXPECT_NE(unpack.out.find("Xapian"), std::string::npos) << unpack.out;
}

}  // namespace
}  // namespace lede
