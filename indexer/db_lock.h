#pragma once
// The lock that makes lede-index the only writer of a database: a file
// "lock" inside the database directory, held with flock() for the whole
// run and holding the holder's pid for the message a second writer gets.
// The kernel drops the lock when the process dies, kill -9 included, so a
// stale lock file never blocks anyone. Readers (lede-query) never take it.
#include <string>

namespace lede::indexer {

class DbLock {
 public:
  // Creates `dir` if needed and locks it. When another process holds the
  // lock, retries for up to `wait_seconds`, then throws lede::Error:
  //   'DB' is locked by another lede-index (pid N); use --wait SECONDS to
  //   wait
  // (or "... still locked ... after S seconds" when it waited). Throws
  // lede::Error when the directory or the lock file cannot be created.
  DbLock(const std::string& dir, double wait_seconds);
  ~DbLock();  // releases the lock
  DbLock(const DbLock&) = delete;
  DbLock& operator=(const DbLock&) = delete;

 private:
  int fd_ = -1;
};

}  // namespace lede::indexer
