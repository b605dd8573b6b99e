#include "indexer/pipeline.h"

#include <poll.h>
#include <pthread.h>
#include <unistd.h>

#include <cerrno>
#include <cstring>

#include "common/analyzer.h"
#include "common/article.h"
#include "common/schema.h"
#include "indexer/dates.h"
#include "indexer/document_builder.h"
#include "indexer/input_reader.h"
#include "indexer/signals.h"

namespace lede::indexer {

namespace {

// Given to parse() as the id base of a chunk, so that the ids it makes up
// for lines without one ("BASE:LINE") can be recognised and renumbered to
// the line in the whole file.
const std::string kChunkIdBase = "\x01lede-chunk";


// Whether a reading error means the input could not be read at all
// (failed) rather than that lede chose not to index it (skipped).
Report::Kind read_error_kind(const std::string& message) {
  if (message.starts_with("cannot") || message.find("No such") !=
                                           std::string::npos ||
      message.find("ermission denied") != std::string::npos) {
    return Report::Kind::kFailed;
  }
  return Report::Kind::kSkipped;
}

std::string where(const std::string& path, std::uint64_t line) {
  return line == 0 ? path : path + ":" + std::to_string(line);
}

// "stdin:" and 16 hex digits of the record's content (without its id and
// line): the same record fed again has the same id, another one another.
std::string stdin_id(Article* a) {
  const std::uint64_t line = a->line;
  a->line = 0;
  a->id.clear();
  std::string id = "stdin:" + hash_hex(content_hash(*a));
  a->line = line;
  return id;
}

}  // namespace

struct Pipeline::Unit {
  std::uint64_t seq = 0;
  Input::Kind kind = Input::Kind::kFile;
  InputFile file;
  std::string key;          // the file's key ("-" for stdin)
  Report problem;
  bool loaded = false;      // `bytes` holds the content (or a chunk of it)
  std::string bytes;
  std::string read_error;   // the feeder could not read it
  Format format = Format::kAuto;
  std::uint64_t first_line = 1;
  bool chunk = false;
  bool ends_file = true;
  std::uint64_t input_bytes = 0;
  std::exception_ptr error;  // the feeder failed (rethrown by next())
};

// A worker thread's own state.
class Worker {
 public:
  Worker(const PipelineConfig& config)
      : analyzer(config.settings.analyzer) {
    if (!config.snapshot_path.empty()) {
      snapshot = std::make_unique<Xapian::Database>(config.snapshot_path);
    }
  }

  // Whether the snapshot holds `id_term` with content `hash`.
  bool unchanged(const std::string& id_term, const std::string& hash) {
    if (!snapshot) return false;
    for (int attempt = 0;; ++attempt) {
      try {
        Xapian::PostingIterator it = snapshot->postlist_begin(id_term);
        if (it == snapshot->postlist_end(id_term)) return false;
        return snapshot->get_document(*it).get_value(kSlotHash) == hash;
      } catch (const Xapian::DatabaseModifiedError&) {
        // The writer committed twice since we opened: look at the latest.
        if (attempt > 3) throw;
        snapshot->reopen();
      }
    }
  }

  Analyzer analyzer;
  std::unique_ptr<Xapian::Database> snapshot;
};

Pipeline::Pipeline(std::vector<Input> inputs, PipelineConfig config)
    : inputs_(std::move(inputs)),
      config_(std::move(config)),
      inflight_(std::max(1u, config_.jobs) * kUnitsPerJob),
      max_inflight_(std::max(1u, config_.jobs) * kUnitsPerJob) {
  feeder_ = std::thread([this] { feed(); });
  for (unsigned i = 0; i < std::max(1u, config_.jobs); ++i) {
    workers_.emplace_back([this] { work(); });
  }
}

Pipeline::~Pipeline() {
  {
    std::lock_guard<std::mutex> lock(mu_);
    stop_ = true;
  }
  work_cv_.notify_all();
  result_cv_.notify_all();
  inflight_.release(static_cast<std::ptrdiff_t>(max_inflight_));
  if (feeder_.joinable()) feeder_.join();
  for (std::thread& t : workers_) t.join();
}

Format Pipeline::format_of(const std::string& path,
                          std::string_view bytes) const {
  return config_.forced_format != Format::kAuto ? config_.forced_format
                                                : detect_format(path, bytes);
}

bool Pipeline::push(Unit unit) {
  inflight_.acquire();
  std::lock_guard<std::mutex> lock(mu_);
  if (stop_) return false;
  unit.seq = next_seq_++;
  queue_.push_back(std::make_unique<Unit>(std::move(unit)));
  work_cv_.notify_one();
  return true;
}

void Pipeline::feed() {
  pthread_setname_np(pthread_self(), "lede-feeder");
  try {
    for (const Input& input : inputs_) {
      if (interrupted()) break;
      {
        std::lock_guard<std::mutex> lock(mu_);
        if (stop_) break;
      }
      switch (input.kind) {
        case Input::Kind::kProblem: {
          Unit u;
          u.kind = Input::Kind::kProblem;
          u.problem = input.problem;
          u.ends_file = false;
          if (!push(std::move(u))) return;
          break;
        }
        case Input::Kind::kStdin:
          feed_stdin();
          break;
        case Input::Kind::kFile:
          feed_file(input);
          break;
      }
    }
  } catch (...) {
    // Passed on through a unit so that next() rethrows it in order.
    Unit u;
    u.kind = Input::Kind::kProblem;
    u.error = std::current_exception();
    push(std::move(u));
  }
  std::lock_guard<std::mutex> lock(mu_);
  feeding_done_ = true;
  result_cv_.notify_all();
}

void Pipeline::feed_file(const Input& input) {
  Unit u;
  u.file = input.file;
  u.key = input.key;
  u.input_bytes = input.file.size;
  if (input.file.size < kFeederReadsFrom) {
    push(std::move(u));  // a worker reads it
    return;
  }
  ReadOutcome read = read_input(input.file.path, config_.max_file_size);
  if (!read.error.empty()) {
    u.read_error = read.error;
    push(std::move(u));
    return;
  }
  const Format format = format_of(input.file.path, read.bytes);
  u.read_error = binary_error(read, format == Format::kJsonl);
  if (!u.read_error.empty()) {
    push(std::move(u));
    return;
  }
  if (format != Format::kJsonl || read.bytes.size() <= kChunkBytes) {
    u.loaded = true;
    u.format = format;
    u.bytes = std::move(read.bytes);
    push(std::move(u));
    return;
  }
  // Cut at line boundaries; each chunk knows the number of its first line.
  const std::string& all = read.bytes;
  std::size_t from = 0;
  std::uint64_t line = 1;
  std::uint64_t reported = 0;
  while (from < all.size()) {
    if (interrupted()) return;
    std::size_t to = std::min(all.size(), from + kChunkBytes);
    if (to < all.size()) {
      const std::size_t nl = all.find('\n', to);
      to = nl == std::string::npos ? all.size() : nl + 1;
    }
    Unit c;
    c.file = input.file;
    c.key = input.key;
    c.loaded = true;
    c.chunk = true;
    c.format = format;
    c.first_line = line;
    c.bytes.assign(all, from, to - from);
    c.ends_file = to == all.size();
    // Progress in file bytes (compressed files: in proportion).
    const std::uint64_t upto = static_cast<std::uint64_t>(
        static_cast<double>(to) / all.size() * input.file.size);
    c.input_bytes = upto - reported;
    reported = upto;
    for (std::size_t i = from; i < to; ++i) line += all[i] == '\n';
    from = to;
    if (!push(std::move(c))) return;
  }
}

void Pipeline::feed_stdin() {
  std::string carry;
  std::uint64_t line = 1;
  bool first = true;
  char buf[1 << 16];
  auto emit = [&](std::string bytes, bool last) {
    Unit c;
    c.kind = Input::Kind::kStdin;
    c.file = {kStdinName, "-", "stdin", 0};
    c.key = "-";
    c.loaded = true;
    c.chunk = true;
    c.format = Format::kJsonl;
    c.first_line = line;
    c.ends_file = last;
    c.input_bytes = bytes.size();
    for (char ch : bytes) line += ch == '\n';
    c.bytes = std::move(bytes);
    return push(std::move(c));
  };
  for (;;) {
    if (interrupted()) return;
    pollfd pfd{config_.stdin_fd, POLLIN, 0};
    const int ready = poll(&pfd, 1, 200);
    if (ready == 0 || (ready < 0 && errno == EINTR)) continue;
    const ssize_t n = read(config_.stdin_fd, buf, sizeof buf);
    if (n < 0 && errno == EINTR) continue;
    if (n < 0) {
      Unit u;
      u.kind = Input::Kind::kProblem;
      u.problem = {kStdinName,
                   std::string("cannot read: ") + std::strerror(errno),
                   Report::Kind::kFailed, "-"};
      push(std::move(u));
      return;
    }
    if (n == 0) break;
    if (first && n >= 2 && static_cast<unsigned char>(buf[0]) == 0x1f &&
        static_cast<unsigned char>(buf[1]) == 0x8b) {
      Unit u;
      u.kind = Input::Kind::kProblem;
      u.problem = {kStdinName,
                   "gzip data; decompress it first (zcat FILE | lede-index -)",
                   Report::Kind::kSkipped, "-"};
      push(std::move(u));
      return;
    }
    first = false;
    carry.append(buf, static_cast<std::size_t>(n));
    if (carry.size() >= kChunkBytes) {
      const std::size_t nl = carry.rfind('\n');
      if (nl != std::string::npos) {
        std::string rest = carry.substr(nl + 1);
        carry.resize(nl + 1);
        if (!emit(std::move(carry), false)) return;
        carry = std::move(rest);
      }
      // A line longer than a chunk simply grows the carry.
    }
  }
  emit(std::move(carry), true);
}

void Pipeline::work() {
  pthread_setname_np(pthread_self(), "lede-worker");
  std::unique_ptr<Worker> worker;
  std::exception_ptr setup_error;
  try {
    worker = std::make_unique<Worker>(config_);
  } catch (...) {
    setup_error = std::current_exception();
  }
  for (;;) {
    std::unique_ptr<Unit> unit;
    {
      std::unique_lock<std::mutex> lock(mu_);
      work_cv_.wait(lock, [&] {
        return stop_ || queue_head_ < queue_.size() || feeding_done_;
      });
      if (stop_) return;
      if (queue_head_ == queue_.size()) {
        if (feeding_done_) return;
        continue;
      }
      unit = std::move(queue_[queue_head_++]);
      if (queue_head_ > 64 && queue_head_ * 2 > queue_.size()) {
        queue_.erase(queue_.begin(),
                     queue_.begin() + static_cast<long>(queue_head_));
        queue_head_ = 0;
      }
    }
    UnitResult r;
    r.seq = unit->seq;
    if (setup_error) {
      r.error = setup_error;
    } else {
      try {
        r = process(*unit, *worker);
      } catch (...) {
        r = UnitResult{};
        r.seq = unit->seq;
        r.error = std::current_exception();
      }
    }
    std::lock_guard<std::mutex> lock(mu_);
    results_.emplace(r.seq, std::move(r));
    result_cv_.notify_all();
  }
}

UnitResult Pipeline::process(Unit& unit, Worker& worker) {
  UnitResult r;
  r.seq = unit.seq;
  r.ends_file = unit.ends_file;
  r.input_bytes = unit.input_bytes;
  if (unit.error) std::rethrow_exception(unit.error);
  if (unit.kind == Input::Kind::kProblem) {
    r.reports.push_back(unit.problem);
    return r;
  }
  const std::string& path = unit.file.path;
  const bool is_stdin = unit.kind == Input::Kind::kStdin;
  const std::string& key = unit.key;
  Format format = unit.format;
  if (!unit.loaded) {
    if (unit.read_error.empty()) {
      ReadOutcome read = read_input(path, config_.max_file_size);
      unit.read_error = std::move(read.error);
      if (unit.read_error.empty()) {
        format = format_of(path, read.bytes);
        unit.read_error = binary_error(read, format == Format::kJsonl);
      }
      unit.bytes = std::move(read.bytes);
    }
    if (!unit.read_error.empty()) {
      const Report::Kind kind = read_error_kind(unit.read_error);
      // A file the user named that cannot be read is an error every time
      // (no file key: never "as in an earlier run"), like a named path
      // that is missing; one found in a folder is known again.
      const bool named = unit.file.path == unit.file.root;
      r.reports.push_back({path, unit.read_error, kind,
                           kind == Report::Kind::kFailed && named ? "" : key});
      return r;
    }
  }
  if (format == Format::kAuto) format = format_of(path, unit.bytes);
  // Articles carry the file's key as their path, and ids made from it.
  Parsed parsed = parse(unit.bytes, format, key,
                        unit.chunk ? kChunkIdBase : key, config_.fields);
  unit.bytes.clear();
  unit.bytes.shrink_to_fit();
  const std::uint64_t line_offset = unit.chunk ? unit.first_line - 1 : 0;
  for (const Problem& p : parsed.problems) {
    const std::uint64_t line = p.line == 0 ? 0 : p.line + line_offset;
    r.invalid_utf8 += p.invalid_utf8;
    r.reports.push_back({where(path, line), p.message,
                         p.warning ? Report::Kind::kWarning
                                   : Report::Kind::kSkipped,
                         key, line});
  }
  r.parsed_file = key;
  r.path = path;
  AnalysisStats stats;
  r.items.reserve(parsed.articles.size());
  for (Article& a : parsed.articles) {
    if (unit.chunk) {
      if (a.line != 0) a.line += line_offset;
      if (a.id.starts_with(kChunkIdBase)) {
        // An id parse() made up: PATH:LINE of the whole file; a record
        // of standard input is known by its content (a line number would
        // give the records of the next stream the same ids).
        const std::string_view made = std::string_view(a.id).substr(
            kChunkIdBase.size());
        if (is_stdin) {
          a.id = stdin_id(&a);
        } else if (made.starts_with(':')) {
          a.id = key + ":" + std::to_string(a.line);
        } else {
          a.id = key + std::string(made);
        }
      }
    }
    if (a.date.empty() && !a.date_raw.empty()) {
      a.date = normalize_date(a.date_raw);
      if (a.date.empty()) ++r.dates_unparsed;
    }
    Item item;
    item.id_term = id_term(a.id);
    item.hash = content_hash(a);
    item.where = where(path, a.line);
    item.line = a.line;
    item.text_bytes = a.title.size() + a.body.size();
    if (!worker.unchanged(item.id_term, item.hash)) {
      BuildNotes notes;
      item.doc = build_document(a, config_.settings, &worker.analyzer, &stats,
                                config_.collect_spelling ? &item.spelling
                                                         : nullptr,
                                &notes);
      item.built = true;
      if (notes.unindexed_bytes > 0) {
        r.reports.push_back(
            {item.where,
             "more than " + std::to_string(kMaxDocumentTerms) +
                 " distinct terms: the text after byte " +
                 std::to_string(a.body.size() - notes.unindexed_bytes) +
                 " is stored but not indexed",
             Report::Kind::kWarning, key, item.line});
      }
    }
    r.items.push_back(std::move(item));
  }
  r.invalid_utf8 += stats.invalid_utf8;
  return r;
}

std::optional<UnitResult> Pipeline::next() {
  std::unique_lock<std::mutex> lock(mu_);
  result_cv_.wait(lock, [&] {
    return stop_ || results_.count(out_seq_) > 0 ||
           (feeding_done_ && out_seq_ == next_seq_);
  });
  auto it = results_.find(out_seq_);
  if (it == results_.end()) return std::nullopt;
  UnitResult r = std::move(it->second);
  results_.erase(it);
  ++out_seq_;
  lock.unlock();
  inflight_.release();
  if (r.error) std::rethrow_exception(r.error);
  return r;
}

}  // namespace lede::indexer
