#include "query/pager.h"

#include <sys/wait.h>

#include <csignal>
#include <cstdio>
#include <cstdlib>
#include <string_view>

namespace lede::query {

std::string pager_command() {
  const char* env = std::getenv("PAGER");
  if (env == nullptr) return "less -R";
  const std::string_view pager(env);
  if (pager.find_first_not_of(" \t") == std::string_view::npos ||
      pager == "cat") {
    return "";
  }
  return std::string(pager);
}

bool write_through_pager(const std::string& command, const std::string& text) {
  ::setenv("LESS", "FRX", 0);
  std::fflush(nullptr);
  FILE* pipe = ::popen(command.c_str(), "w");
  if (pipe == nullptr) return false;
  // A pager that quits early closes the pipe: a failed write, not SIGPIPE.
  void (*previous)(int) = std::signal(SIGPIPE, SIG_IGN);
  std::fwrite(text.data(), 1, text.size(), pipe);
  const int status = ::pclose(pipe);
  std::signal(SIGPIPE, previous);
  // 127: the shell could not find or run the command.
  return !(WIFEXITED(status) && WEXITSTATUS(status) == 127);
}

}  // namespace lede::query
