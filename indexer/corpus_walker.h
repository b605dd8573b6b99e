#pragma once
// Which files an indexing run reads: the paths the user named, folders
// walked recursively, depth first, each folder's entries sorted by name
// (byte order), so that the same tree always gives the same sequence. No
// reading or parsing here; problems are reported through a callback and
// the walk goes on.
#include <cstdint>
#include <functional>
#include <string>
#include <vector>

namespace lede::indexer {

struct WalkOptions {
  bool hidden = false;           // --hidden: enter dot-files and dot-folders
  bool follow_symlinks = false;  // --follow-symlinks
  std::vector<std::string> include;  // --include GLOB: a file found in a
                                     // folder is read only if one matches
  std::vector<std::string> exclude;  // --exclude GLOB: files and folders
                                     // that match are skipped (a folder
                                     // with all it holds)
  // The database being written: never entered, and skipped with a note
  // (kSkippedDatabaseBeingWritten) when found inside a folder
  // (`lede-index .` with ./lede.db). "" for none.
  std::string database;
};

// The warning for options.database found in a folder.
inline constexpr const char* kSkippedDatabaseBeingWritten =
    "skipped: the database being written (lede-index never indexes a "
    "database)";

// Whether a --include/--exclude `pattern` matches an entry called `name`
// at `relative_path` (from the root it was found under, '/'-separated).
// Rules (fnmatch(3), case-sensitive, no special meaning for a leading
// dot): a pattern without '/' is matched against the name ("*.md",
// "draft-*"); a pattern with '/' against the relative path, where '*' and
// '?' do not cross '/' ("2019/*.txt", "*/drafts"). A leading "**/"
// matches any number of folders ("**/drafts/*.md" also matches
// "drafts/x.md"), and a trailing '/' makes a pattern match folders only
// ("tmp/").
[[nodiscard]] bool glob_matches(const std::string& pattern,
                                const std::string& name,
                                const std::string& relative_path,
                                bool is_directory);

struct InputFile {
  std::string path;     // as shown to the user: the root as given + rest
  std::string root;     // the root (as the user gave it) it was found under
  std::string id_base;  // path relative to the root (file name for a file root)
  std::uint64_t size = 0;
};

struct WalkProblem {
  std::string path;
  std::string message;   // see walk()
  bool is_error = true;  // false for plain skips reported as warnings
};

// Calls on_file for every regular file to index under `roots`, in order,
// and on_problem for every path that is skipped with a message or cannot
// be read. Roots are taken in the order given; "-" is skipped (the caller
// reads standard input for it).
//
// A root named explicitly is always taken: even when hidden, when a glob
// would exclude it, or when it is a symbolic link (it is followed). Inside
// folders:
//   - names starting with '.' are skipped silently unless options.hidden;
//   - --exclude prunes matching files and folders silently, --include keeps
//     only matching files (folders are always entered);
//   - symbolic links are not followed unless options.follow_symlinks.
//   - databases (common/index_meta.h is_database_folder(), or
//     options.database, known also by device and inode) are never
//     entered, each with a warning.
// Problems (is_error = false, a warning, unless said otherwise):
//   "no such file or directory"            a root that does not exist (error)
//   "cannot access: <reason>"              lstat/stat failed (error)
//   "cannot read directory: <reason>"      opendir failed (error; the walk
//                                          goes on with the next entry)
//   "is a database, not a corpus (lede-index never indexes a database)"
//                                          a root that is a database or a
//                                          file in one (error)
//   "a FIFO, not a file or folder (to index a stream, pipe it to
//   'lede-index -')" / "a socket, not a file or folder" / "a device, not a
//   file or folder"                        a root that cannot be indexed
//                                          (error: the user named it)
//   "skipped: a database (lede-index never indexes a database)"
//   kSkippedDatabaseBeingWritten            options.database
//   "skipped: symbolic link (use --follow-symlinks)"
//   "skipped: broken symbolic link"        with --follow-symlinks
//   "skipped: symbolic link loop"          a link to a folder that is
//                                          already on the current path
//   "skipped: FIFO" / "skipped: socket" / "skipped: device"
//                                          inside a folder; never opened,
//                                          so never blocks
void walk(const std::vector<std::string>& roots, const WalkOptions& options,
          const std::function<void(const InputFile&)>& on_file,
          const std::function<void(const WalkProblem&)>& on_problem);

}  // namespace lede::indexer
