#pragma once
// Which files an indexing run reads: the paths the user named, folders
// walked recursively, in a sorted, deterministic order. No parsing here.
#include <cstdint>
#include <functional>
#include <string>
#include <vector>

namespace lede::indexer {

struct WalkOptions {
  bool hidden = false;           // --hidden: enter dot-files and dot-folders
  bool follow_symlinks = false;  // --follow-symlinks
  std::vector<std::string> include;  // --include GLOB (any may match)
  std::vector<std::string> exclude;  // --exclude GLOB (none may match)
};

struct InputFile {
  std::string path;     // as shown to the user: the root as given + rest
  std::string root;     // the root (as the user gave it) it was found under
  std::string id_base;  // path relative to the root (file name for a file root)
  std::uint64_t size = 0;
};

struct WalkProblem {
  std::string path;
  std::string message;  // "no such file or directory", "skipped: FIFO"
  bool is_error = true; // false for plain skips reported as warnings
};

// Calls on_file for every regular file to index under `roots`, in order,
// and on_problem for every path that is skipped or cannot be read. "-" as
// a root is not a file: the caller handles standard input.
void walk(const std::vector<std::string>& roots, const WalkOptions& options,
          const std::function<void(const InputFile&)>& on_file,
          const std::function<void(const WalkProblem&)>& on_problem);

}  // namespace lede::indexer
