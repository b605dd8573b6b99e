#include "indexer/corpus_walker.h"

#include <dirent.h>
#include <fnmatch.h>
#include <sys/stat.h>

#include <algorithm>
#include <cerrno>
#include <cstring>
#include <filesystem>
#include <utility>

#include "common/index_meta.h"
#include "indexer/text_util.h"

namespace lede::indexer {

namespace {

std::string join(const std::string& dir, const std::string& name) {
  if (!dir.empty() && dir.back() == '/') return dir + name;
  return dir + "/" + name;
}

std::string base_name(std::string path) {
  while (path.size() > 1 && path.back() == '/') path.pop_back();
  const auto slash = path.rfind('/');
  return slash == std::string::npos ? path : path.substr(slash + 1);
}

class Walker {
 public:
  Walker(const WalkOptions& options,
         const std::function<void(const InputFile&)>& on_file,
         const std::function<void(const WalkProblem&)>& on_problem)
      : options_(options), on_file_(on_file), on_problem_(on_problem) {}

  void walk_root(const std::string& root) {
    root_ = root;
    struct stat st {};
    if (::stat(root.c_str(), &st) != 0) {
      const int err = errno;
      if (err == ENOENT) {
        on_problem_({root, "no such file or directory", true});
      } else {
        on_problem_({root, "cannot access: " + errno_message(err), true});
      }
      return;
    }
    if (S_ISDIR(st.st_mode)) {
      if (is_database(st) || is_database_folder(root)) {
        on_problem_({root, kNamedDatabase, true});
        return;
      }
      on_path_.assign(1, {st.st_dev, st.st_ino});
      walk_dir(root, "");
      on_path_.clear();
    } else if (S_ISREG(st.st_mode)) {
      if (in_database(root)) {
        on_problem_({root, kNamedDatabase, true});
        return;
      }
      on_file_({root, root, base_name(root),
                static_cast<std::uint64_t>(st.st_size)});
    } else {
      // Named explicitly: an error, not a skip.
      const char* what =
          S_ISFIFO(st.st_mode)
              ? "a FIFO, not a file or folder (to index a stream, pipe it to "
                "'lede-index -')"
          : S_ISSOCK(st.st_mode) ? "a socket, not a file or folder"
          : (S_ISCHR(st.st_mode) || S_ISBLK(st.st_mode))
              ? "a device, not a file or folder"
              : "not a file or folder";
      on_problem_({root, what, true});
    }
  }

 private:
  static constexpr const char* kNamedDatabase =
      "is a database, not a corpus (lede-index never indexes a database)";

  void skip_special(const std::string& path, const struct stat& st) {
    const char* what = S_ISFIFO(st.st_mode)   ? "skipped: FIFO"
                       : S_ISSOCK(st.st_mode) ? "skipped: socket"
                       : (S_ISCHR(st.st_mode) || S_ISBLK(st.st_mode))
                           ? "skipped: device"
                           : "skipped: not a regular file";
    on_problem_({path, what, false});
  }

  // Whether the folder with status `st` is options.database.
  bool is_database(const struct stat& st) {
    if (options_.database.empty()) return false;
    if (!database_known_) {
      database_known_ = true;
      struct stat db {};
      if (::stat(options_.database.c_str(), &db) == 0) {
        database_id_ = {db.st_dev, db.st_ino};
        has_database_ = true;
      }
    }
    return has_database_ && database_id_ == std::pair{st.st_dev, st.st_ino};
  }

  // Whether the file `path` lies in a database folder (at any depth).
  bool in_database(const std::string& path) {
    std::error_code ec;
    std::filesystem::path dir =
        std::filesystem::absolute(path, ec).parent_path();
    for (; !ec && !dir.empty(); dir = dir.parent_path()) {
      struct stat st {};
      const std::string d = dir.string();
      if (::stat(d.c_str(), &st) == 0 &&
          (is_database(st) || is_database_folder(d))) {
        return true;
      }
      if (dir == dir.root_path()) break;
    }
    return false;
  }

  bool excluded(const std::string& name, const std::string& rel,
                bool is_dir) const {
    for (const std::string& g : options_.exclude) {
      if (glob_matches(g, name, rel, is_dir)) return true;
    }
    return false;
  }

  bool included(const std::string& name, const std::string& rel) const {
    if (options_.include.empty()) return true;
    for (const std::string& g : options_.include) {
      if (glob_matches(g, name, rel, false)) return true;
    }
    return false;
  }

  void walk_dir(const std::string& path, const std::string& rel) {
    std::vector<std::string> names;
    {
      DIR* dir = ::opendir(path.c_str());
      if (dir == nullptr) {
        on_problem_(
            {path, "cannot read directory: " + errno_message(errno), true});
        return;
      }
      errno = 0;
      while (const dirent* e = ::readdir(dir)) {
        const std::string name = e->d_name;
        if (name != "." && name != "..") names.push_back(name);
        errno = 0;
      }
      const int err = errno;
      ::closedir(dir);
      if (err != 0) {
        on_problem_(
            {path, "cannot read directory: " + errno_message(err), true});
      }
    }
    std::sort(names.begin(), names.end());
    for (const std::string& name : names) {
      if (!options_.hidden && name.front() == '.') continue;
      const std::string child = join(path, name);
      const std::string child_rel = rel.empty() ? name : rel + "/" + name;
      struct stat st {};
      if (::lstat(child.c_str(), &st) != 0) {
        on_problem_({child, "cannot access: " + errno_message(errno), true});
        continue;
      }
      const bool link = S_ISLNK(st.st_mode);
      if (link) {
        if (!options_.follow_symlinks) {
          if (excluded(name, child_rel, false) ||
              excluded(name, child_rel, true)) {
            continue;
          }
          on_problem_(
              {child, "skipped: symbolic link (use --follow-symlinks)", false});
          continue;
        }
        if (::stat(child.c_str(), &st) != 0) {
          if (!excluded(name, child_rel, false)) {
            on_problem_({child, "skipped: broken symbolic link", false});
          }
          continue;
        }
      }
      const bool is_dir = S_ISDIR(st.st_mode);
      if (excluded(name, child_rel, is_dir)) continue;
      if (is_dir && is_database(st)) {
        on_problem_({child, kSkippedDatabaseBeingWritten, false});
        continue;
      }
      if (is_dir && is_database_folder(child)) {
        on_problem_({child,
                     "skipped: a database (lede-index never indexes a "
                     "database)",
                     false});
        continue;
      }
      if (is_dir) {
        const std::pair<dev_t, ino_t> id{st.st_dev, st.st_ino};
        if (std::find(on_path_.begin(), on_path_.end(), id) != on_path_.end()) {
          on_problem_({child,
                       link ? "skipped: symbolic link loop"
                            : "skipped: file system loop",
                       false});
          continue;
        }
        on_path_.push_back(id);
        walk_dir(child, child_rel);
        on_path_.pop_back();
        continue;
      }
      if (!included(name, child_rel)) continue;
      if (S_ISREG(st.st_mode)) {
        on_file_(
            {child, root_, child_rel, static_cast<std::uint64_t>(st.st_size)});
      } else {
        skip_special(child, st);
      }
    }
  }

  const WalkOptions& options_;
  const std::function<void(const InputFile&)>& on_file_;
  const std::function<void(const WalkProblem&)>& on_problem_;
  std::string root_;
  bool database_known_ = false;
  bool has_database_ = false;
  std::pair<dev_t, ino_t> database_id_{};
  // The folders from the root down to the one being read, to catch loops.
  std::vector<std::pair<dev_t, ino_t>> on_path_;
};

// Matches a pattern containing '/' against a relative path.
bool path_matches(const std::string& p, const std::string& rel) {
  // "x/**": x itself or anything under it.
  if (p.size() >= 3 && p.ends_with("/**")) {
    const std::string head = p.substr(0, p.size() - 3);
    for (std::size_t end = rel.find('/');; end = rel.find('/', end + 1)) {
      if (path_matches(head, rel.substr(0, end))) return true;
      if (end == std::string::npos) return false;
    }
  }
  // "**/x": x at any depth.
  if (p.starts_with("**/")) {
    const std::string tail = p.substr(3);
    for (std::size_t from = 0;;) {
      if (path_matches(tail, rel.substr(from))) return true;
      const auto slash = rel.find('/', from);
      if (slash == std::string::npos) return false;
      from = slash + 1;
    }
  }
  return ::fnmatch(p.c_str(), rel.c_str(), FNM_PATHNAME) == 0;
}

}  // namespace

bool glob_matches(const std::string& pattern, const std::string& name,
                  const std::string& relative_path, bool is_directory) {
  std::string p = pattern;
  if (!p.empty() && p.back() == '/') {
    if (!is_directory) return false;
    while (!p.empty() && p.back() == '/') p.pop_back();
  }
  if (p.empty()) return false;
  if (p.find('/') == std::string::npos) {
    return ::fnmatch(p.c_str(), name.c_str(), 0) == 0;
  }
  if (p.front() == '/') p.erase(0, 1);  // anchored at the root anyway
  return path_matches(p, relative_path);
}

void walk(const std::vector<std::string>& roots, const WalkOptions& options,
          const std::function<void(const InputFile&)>& on_file,
          const std::function<void(const WalkProblem&)>& on_problem) {
  Walker walker(options, on_file, on_problem);
  for (const std::string& root : roots) {
    if (root == "-") continue;
    walker.walk_root(root);
  }
}

}  // namespace lede::indexer
