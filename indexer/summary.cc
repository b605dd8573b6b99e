#include "indexer/summary.h"

#include <chrono>
#include <cstdio>
#include <ostream>

#include <nlohmann/json.hpp>

#include "common/safe_text.h"

namespace lede::indexer {

namespace {

std::string reasons_text(const std::map<std::string, std::uint64_t>& m,
                         std::uint64_t known) {
  std::string s;
  for (const auto& [reason, n] : m) {
    if (!s.empty()) s += ", ";
    s += escaped(reason) + ": " + std::to_string(n);
  }
  if (known > 0) s += "; " + std::to_string(known) + " as in an earlier run";
  return s.empty() ? s : " (" + s + ")";
}

std::string fixed(double v, int decimals) {
  char buf[64];
  std::snprintf(buf, sizeof buf, "%.*f", decimals, v);
  return buf;
}

std::string mb(std::uint64_t bytes) {
  return fixed(static_cast<double>(bytes) / 1e6, 1) + " MB";
}

}  // namespace

double now_seconds() {
  using namespace std::chrono;
  return duration<double>(steady_clock::now().time_since_epoch()).count();
}

std::string report_reason(const std::string& message) {
  const auto cut = message.find_first_of(":(");
  std::string r = message.substr(0, cut);
  while (!r.empty() && r.back() == ' ') r.pop_back();
  // " at column 17", " at line 3": where, not why.
  const auto digits = r.find_last_not_of("0123456789");
  if (digits != std::string::npos && digits + 1 < r.size()) {
    for (const std::string_view w : {" at column ", " at line "}) {
      if (digits + 1 >= w.size() &&
          r.compare(digits + 1 - w.size(), w.size(), w) == 0) {
        r.erase(digits + 1 - w.size());
        break;
      }
    }
  }
  return r.empty() ? message : r;
}

void Summary::count(const Report& r) {
  switch (r.kind) {
    case Report::Kind::kFailed:
      ++failed;
      ++failed_reasons[report_reason(r.message)];
      break;
    case Report::Kind::kSkipped:
      ++skipped;
      ++skipped_reasons[report_reason(r.message)];
      break;
    case Report::Kind::kWarning:
      ++warnings;
      break;
  }
}

int Summary::exit_status() const {
  if (interrupted) return 130;
  return skipped + failed > skipped_known + failed_known ? 1 : 0;
}

void print_report(std::ostream& err, const Report& r, bool known) {
  err << "lede-index: " << escaped(r.where) << ": " << escaped(r.message)
      << (known ? " (as in an earlier run)" : "") << "\n";
}

void print_summary_text(std::ostream& err, const Summary& s) {
  const std::uint64_t docs = s.added + s.updated + s.unchanged;
  const double secs = s.seconds > 0 ? s.seconds : 1e-9;
  err << "lede-index: " << (s.interrupted ? "interrupted; " : "") << s.added
      << " added, " << s.updated << " updated, " << s.unchanged
      << " unchanged, " << s.deleted << " deleted, " << s.skipped
      << " skipped" << reasons_text(s.skipped_reasons, s.skipped_known)
      << ", " << s.failed << " failed"
      << reasons_text(s.failed_reasons, s.failed_known) << "\n";
  err << "lede-index: " << s.documents << " documents in "
      << escaped(s.database)
      << (s.compacted ? " (compacted)" : "") << "; " << mb(s.bytes) << " in "
      << fixed(s.seconds, 1) << " s (" << fixed(docs / secs, 0)
      << " docs/s, " << fixed(s.bytes / 1e6 / secs, 1) << " MB/s); "
      << s.dates_unparsed << " dates not parsed, " << s.invalid_utf8
      << " invalid UTF-8 bytes\n";
}

void print_summary_json(std::ostream& out, const Summary& s) {
  const std::uint64_t docs = s.added + s.updated + s.unchanged;
  const double secs = s.seconds > 0 ? s.seconds : 1e-9;
  nlohmann::ordered_json j;
  j["database"] = s.database;
  j["documents"] = s.documents;
  j["added"] = s.added;
  j["updated"] = s.updated;
  j["unchanged"] = s.unchanged;
  j["deleted"] = s.deleted;
  j["skipped"] = s.skipped;
  j["skipped_reasons"] = nlohmann::ordered_json::object();
  for (const auto& [k, v] : s.skipped_reasons) j["skipped_reasons"][k] = v;
  j["skipped_known"] = s.skipped_known;
  j["failed"] = s.failed;
  j["failed_reasons"] = nlohmann::ordered_json::object();
  for (const auto& [k, v] : s.failed_reasons) j["failed_reasons"][k] = v;
  j["failed_known"] = s.failed_known;
  j["warnings"] = s.warnings;
  j["dates_unparsed"] = s.dates_unparsed;
  j["invalid_utf8_bytes"] = s.invalid_utf8;
  j["files"] = s.files;
  j["bytes"] = s.bytes;
  // Rounded, so that the text is the same on every locale and platform.
  j["seconds"] = std::stod(fixed(s.seconds, 3));
  j["docs_per_second"] = std::stod(fixed(docs / secs, 1));
  j["mb_per_second"] = std::stod(fixed(s.bytes / 1e6 / secs, 2));
  j["interrupted"] = s.interrupted;
  j["compacted"] = s.compacted;
  j["exit_status"] = s.exit_status();
  out << json_escape_controls(j.dump(
             -1, ' ', false, nlohmann::json::error_handler_t::replace))
      << "\n";
}

Progress::Progress(std::ostream& err, bool enabled, std::uint64_t total_files,
                   std::uint64_t total_bytes)
    : err_(err),
      enabled_(enabled),
      total_files_(total_files),
      total_bytes_(total_bytes),
      start_(now_seconds()) {}

void Progress::update(std::uint64_t files_done, std::uint64_t bytes_done,
                      std::uint64_t docs, bool force) {
  if (!enabled_) return;
  const double t = now_seconds();
  if (!force && last_ >= 0 && t - last_ < 0.2) return;
  last_ = t;
  const double elapsed = t - start_;
  const double rate = elapsed > 0 ? bytes_done / elapsed : 0;
  std::string line = "lede-index: " + std::to_string(docs) + " docs, " +
                     std::to_string(files_done) + "/" +
                     std::to_string(total_files_) + " files";
  if (total_bytes_ > 0) {
    line += ", " + fixed(100.0 * bytes_done / total_bytes_, 0) + "% of " +
            mb(total_bytes_);
  }
  line += ", " + fixed(rate / 1e6, 1) + " MB/s";
  if (total_bytes_ > 0 && rate > 0 && bytes_done <= total_bytes_ &&
      elapsed > 1) {
    const long eta = static_cast<long>((total_bytes_ - bytes_done) / rate);
    char buf[32];
    std::snprintf(buf, sizeof buf, ", ETA %ld:%02ld", eta / 60, eta % 60);
    line += buf;
  }
  err_ << "\r" << line << "\x1b[K" << std::flush;
  shown_ = true;
}

void Progress::phase(const std::string& what) {
  if (!enabled_) return;
  err_ << "\rlede-index: " << what << "\x1b[K" << std::flush;
  shown_ = true;
}

void Progress::clear() {
  if (!enabled_ || !shown_) return;
  err_ << "\r\x1b[K" << std::flush;
  shown_ = false;
  last_ = -1;
}

}  // namespace lede::indexer
