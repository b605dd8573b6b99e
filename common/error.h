#pragma once
// lede's exceptions. Failures throw; expected per-item outcomes in a loop
// (an unreadable file, a bad JSON line) are returned as values instead and
// never come through here. Each binary catches these in exactly one place,
// its run_main(), and maps them to an exit status.
#include <stdexcept>
#include <string>

namespace lede {

// Something went wrong that is not the user's fault in the way they asked
// (ICU refused, a database is not a lede database, a file cannot be
// written). Exit status 2.
class Error : public std::runtime_error {
 public:
  using std::runtime_error::runtime_error;
};

// The user asked for something that cannot be done as asked: a bad option
// value, a malformed query. Exit status 2, with the message on one line.
class UsageError : public Error {
 public:
  using Error::Error;
};

// Throws lede::Error naming the ICU call when `status` is a failure.
void check_icu(int status, const char* what);

}  // namespace lede
