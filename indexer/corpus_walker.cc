#include "indexer/corpus_walker.h"

#include <algorithm>
#include <filesystem>

namespace lede::indexer {

namespace fs = std::filesystem;

void walk(const std::vector<std::string>& roots, const WalkOptions& options,
          const std::function<void(const InputFile&)>& on_file,
          const std::function<void(const WalkProblem&)>& on_problem) {
  for (const std::string& root : roots) {
    std::error_code ec;
    const fs::path rp(root);
    if (!fs::exists(rp, ec)) {
      on_problem({root, "no such file or directory", true});
      continue;
    }
    if (!fs::is_directory(rp, ec)) {
      on_file({root, root, rp.filename().string(), fs::file_size(rp, ec)});
      continue;
    }
    std::vector<fs::path> files;
    for (auto it = fs::recursive_directory_iterator(rp, ec);
         it != fs::recursive_directory_iterator(); it.increment(ec)) {
      if (ec) break;
      const std::string name = it->path().filename().string();
      if (!options.hidden && !name.empty() && name.front() == '.') {
        if (it->is_directory()) it.disable_recursion_pending();
        continue;
      }
      if (it->is_regular_file()) files.push_back(it->path());
    }
    std::sort(files.begin(), files.end());
    for (const fs::path& f : files) {
      on_file({f.string(), root, fs::relative(f, rp).string(),
               fs::file_size(f, ec)});
    }
  }
}

}  // namespace lede::indexer
