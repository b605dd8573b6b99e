#pragma once
// One writer thread of a sink that writes shards in parallel
// (indexer/sinks.h: ShardSink, ShardSetSink) and the queue of work it is
// given. The front of the queue is the item being written: it leaves the
// queue only when written, so "room" and "idle" count it. The first
// exception the work throws is kept: the queue is dropped, and the error is
// rethrown to whoever gives the thread more work or waits for it.
#include <pthread.h>

#include <condition_variable>
#include <cstddef>
#include <deque>
#include <exception>
#include <functional>
#include <mutex>
#include <thread>
#include <utility>

namespace lede::indexer {

template <typename T>
class ShardThread {
 public:
  // At most `capacity` items queued (the one being written too); `work`
  // writes one, on the thread.
  ShardThread(std::size_t capacity, std::function<void(T&)> work)
      : capacity_(capacity), work_(std::move(work)) {
    thread_ = std::thread([this] { run(); });
  }
  ShardThread(const ShardThread&) = delete;
  ShardThread& operator=(const ShardThread&) = delete;
  ~ShardThread() { close(); }

  // Waits for room and queues `item`. Throws the thread's error.
  void push(T item) {
    std::unique_lock<std::mutex> lock(mu_);
    cv_.wait(lock, [&] { return queue_.size() < capacity_ || error_; });
    if (error_) std::rethrow_exception(error_);
    queue_.push_back(std::move(item));
    lock.unlock();
    cv_.notify_all();
  }

  // Waits until everything queued is written. Throws the thread's error.
  void wait_idle() {
    std::unique_lock<std::mutex> lock(mu_);
    cv_.wait(lock, [&] { return queue_.empty() || error_; });
    if (error_) std::rethrow_exception(error_);
  }

  // Throws the thread's error, if it had one.
  void check() {
    std::lock_guard<std::mutex> lock(mu_);
    if (error_) std::rethrow_exception(error_);
  }

  // Writes what is queued (unless the work failed), then ends the thread.
  void close() {
    {
      std::lock_guard<std::mutex> lock(mu_);
      closing_ = true;
    }
    cv_.notify_all();
    if (thread_.joinable()) thread_.join();
  }

 private:
  void run() {
    pthread_setname_np(pthread_self(), "lede-shard");
    std::unique_lock<std::mutex> lock(mu_);
    for (;;) {
      cv_.wait(lock, [&] { return closing_ || !queue_.empty(); });
      if (queue_.empty()) return;
      // Only this thread pops; push_back() keeps references valid.
      T& item = queue_.front();
      lock.unlock();
      std::exception_ptr error;
      try {
        work_(item);
      } catch (...) {
        error = std::current_exception();
      }
      lock.lock();
      queue_.pop_front();
      if (error) {
        error_ = error;
        queue_.clear();
      }
      cv_.notify_all();
    }
  }

  const std::size_t capacity_;
  const std::function<void(T&)> work_;
  std::mutex mu_;
  std::condition_variable cv_;
  std::deque<T> queue_;
  bool closing_ = false;
  std::exception_ptr error_;
  std::thread thread_;  // last: started when the rest is ready
};

}  // namespace lede::indexer
