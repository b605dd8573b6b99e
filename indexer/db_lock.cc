#include "indexer/db_lock.h"

#include <fcntl.h>
#include <sys/file.h>
#include <unistd.h>

#include <cerrno>
#include <cstdio>
#include <chrono>
#include <cstring>
#include <filesystem>
#include <thread>

#include "common/error.h"

namespace lede::indexer {

namespace {

constexpr const char* kLockName = "lock";

std::string read_pid(int fd) {
  char buf[32] = {};
  const ssize_t n = pread(fd, buf, sizeof buf - 1, 0);
  std::string pid(buf, n > 0 ? static_cast<std::size_t>(n) : 0);
  while (!pid.empty() && (pid.back() == '\n' || pid.back() == ' ')) {
    pid.pop_back();
  }
  return pid.empty() ? "unknown" : pid;
}

// "1 second", "30 seconds", "0.5 seconds".
std::string seconds_text(double seconds) {
  char buf[32];
  std::snprintf(buf, sizeof buf, "%g", seconds);
  return std::string(buf) + (seconds == 1 ? " second" : " seconds");
}

}  // namespace

DbLock::DbLock(const std::string& dir, double wait_seconds) {
  std::error_code ec;
  std::filesystem::create_directories(dir, ec);
  if (ec) {
    throw Error("cannot create '" + dir + "': " + ec.message());
  }
  const std::string path = (std::filesystem::path(dir) / kLockName).string();
  fd_ = open(path.c_str(), O_RDWR | O_CREAT | O_CLOEXEC, 0644);
  if (fd_ < 0) {
    throw Error("cannot create '" + path + "': " + std::strerror(errno));
  }
  using Clock = std::chrono::steady_clock;
  const auto deadline =
      Clock::now() + std::chrono::duration<double>(wait_seconds);
  while (flock(fd_, LOCK_EX | LOCK_NB) != 0) {
    if (errno != EWOULDBLOCK && errno != EINTR) {
      const std::string why = std::strerror(errno);
      close(fd_);
      throw Error("cannot lock '" + path + "': " + why);
    }
    if (Clock::now() >= deadline) {
      const std::string pid = read_pid(fd_);
      close(fd_);
      if (wait_seconds > 0) {
        throw Error("'" + dir + "' is still locked by another lede-index (pid " +
                    pid + ") after waiting " + seconds_text(wait_seconds));
      }
      throw Error("'" + dir + "' is locked by another lede-index (pid " + pid +
                  "); use --wait SECONDS to wait");
    }
    std::this_thread::sleep_for(std::chrono::milliseconds(50));
  }
  // Ours now: say who holds it.
  const std::string pid = std::to_string(getpid()) + "\n";
  if (ftruncate(fd_, 0) != 0 ||
      pwrite(fd_, pid.data(), pid.size(), 0) !=
          static_cast<ssize_t>(pid.size())) {
    // The pid is only for messages; the lock itself is held.
  }
}

DbLock::~DbLock() {
  if (fd_ >= 0) close(fd_);  // closing releases the flock
}

}  // namespace lede::indexer
