#include "tests/e2e/indexer_util.h"

#include <fcntl.h>
#include <sys/wait.h>
#include <unistd.h>

#include <xapian.h>

#include <chrono>
#include <cstring>
#include <fstream>
#include <stdexcept>
#include <thread>

extern char** environ;

namespace lede::testing {

IndexRun index_json(const std::string& db, std::vector<std::string> args,
                    const std::string& stdin_data) {
  std::vector<std::string> argv = {index_bin(), "--json", "--db", db};
  argv.insert(argv.end(), args.begin(), args.end());
  IndexRun run;
  run.result = run_binary(argv, stdin_data);
  run.summary = nlohmann::json::parse(run.result.out, nullptr, false);
  if (run.summary.is_discarded()) run.summary = nullptr;
  return run;
}

Background::Background(std::vector<std::string> argv) {
  int in[2];
  if (pipe2(in, O_CLOEXEC) != 0) throw std::runtime_error("pipe failed");
  const std::string out_path = files_.str("out");
  const std::string err_path = files_.str("err");
  std::vector<std::string> envs;
  for (char** e = environ; *e != nullptr; ++e) {
    if (std::strncmp(*e, "LEDE_DB=", 8) != 0) envs.push_back(*e);
  }
  std::vector<char*> cargv, cenv;
  for (auto& a : argv) cargv.push_back(a.data());
  cargv.push_back(nullptr);
  for (auto& e : envs) cenv.push_back(e.data());
  cenv.push_back(nullptr);
  pid_ = fork();
  if (pid_ < 0) throw std::runtime_error("fork failed");
  if (pid_ == 0) {
    dup2(in[0], 0);
    const int o = open(out_path.c_str(), O_WRONLY | O_CREAT | O_TRUNC, 0644);
    const int e = open(err_path.c_str(), O_WRONLY | O_CREAT | O_TRUNC, 0644);
    dup2(o, 1);
    dup2(e, 2);
    execve(cargv[0], cargv.data(), cenv.data());
    _exit(127);
  }
  close(in[0]);
  stdin_fd_ = in[1];
}

Background::~Background() {
  close_stdin();
  if (status_ < 0 && pid_ > 0) {
    kill(pid_, SIGKILL);
    wait();
  }
}

void Background::write_stdin(const std::string& data) {
  std::size_t done = 0;
  while (done < data.size()) {
    const ssize_t n = write(stdin_fd_, data.data() + done, data.size() - done);
    if (n <= 0) break;
    done += static_cast<std::size_t>(n);
  }
}

void Background::close_stdin() {
  if (stdin_fd_ >= 0) close(stdin_fd_);
  stdin_fd_ = -1;
}

void Background::signal(int sig) { kill(pid_, sig); }

int Background::wait() {
  if (status_ >= 0) return status_;
  int st = 0;
  waitpid(pid_, &st, 0);
  status_ = WIFEXITED(st) ? WEXITSTATUS(st) : 128 + WTERMSIG(st);
  return status_;
}

bool Background::running() {
  if (status_ >= 0) return false;
  int st = 0;
  if (waitpid(pid_, &st, WNOHANG) == 0) return true;
  status_ = WIFEXITED(st) ? WEXITSTATUS(st) : 128 + WTERMSIG(st);
  return false;
}

std::string Background::err() const { return read_file(files_.str("err")); }
std::string Background::out() const { return read_file(files_.str("out")); }

long doc_count(const std::string& db) {
  try {
    return static_cast<long>(Xapian::Database(db).get_doccount());
  } catch (const Xapian::Error&) {
    return -1;
  }
}

bool wait_for_docs(const std::string& db, long n, double seconds) {
  const auto deadline = std::chrono::steady_clock::now() +
                        std::chrono::duration<double>(seconds);
  while (std::chrono::steady_clock::now() < deadline) {
    if (doc_count(db) >= n) return true;
    std::this_thread::sleep_for(std::chrono::milliseconds(20));
  }
  return false;
}

std::vector<std::pair<std::string, unsigned>> id_counts(const std::string& db) {
  std::vector<std::pair<std::string, unsigned>> out;
  Xapian::Database d(db);
  for (auto t = d.allterms_begin("Q"); t != d.allterms_end("Q"); ++t) {
    out.emplace_back((*t).substr(1), t.get_termfreq());
  }
  return out;
}

bool write_reuters_slice(const std::string& path, int lines) {
  const std::string dir = shared_corpora_dir();
  if (dir.empty()) return false;
  std::ifstream in(dir + "/reuters21578/reuters21578.jsonl");
  if (!in) return false;
  std::ofstream out(path);
  std::string line;
  for (int i = 0; i < lines && std::getline(in, line); ++i) out << line << "\n";
  return true;
}

std::vector<std::string> indexable_reuters_ids(const std::string& path) {
  std::ifstream in(path);
  std::string line;
  std::vector<std::string> ids;
  while (std::getline(in, line)) {
    const auto j = nlohmann::json::parse(line, nullptr, false);
    if (j.is_discarded() || !j.is_object()) continue;
    auto nonempty = [&](const char* k) {
      return j.contains(k) && j[k].is_string() &&
             j[k].get<std::string>().find_first_not_of(" \t\r\n") !=
                 std::string::npos;
    };
    if (nonempty("title") || nonempty("text")) {
      ids.push_back(j.value("id", ""));
    }
  }
  return ids;
}

long count_indexable_reuters(const std::string& path) {
  return static_cast<long>(indexable_reuters_ids(path).size());
}

}  // namespace lede::testing
