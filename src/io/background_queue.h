#pragma once
// BackgroundQueue<T>: one consumer thread that hands items to a function in the order they were
// pushed, so that an output stage (formatting and writing a file) runs beside its producer.
//
// Contract: push() and finish() are called from one producer thread. The consumer function runs
// on the queue's own thread only, one item at a time, in push order; it must not touch what the
// producer uses without its own synchronisation. An exception thrown by the consumer stops it
// (later items are dropped) and is rethrown by finish(). The destructor finishes the queue and
// swallows such an exception: call finish() to see it. Memory is bounded by the producer: push
// does not block, so a producer that outruns its consumer should push fewer, bigger items.

#include <condition_variable>
#include <deque>
#include <exception>
#include <functional>
#include <mutex>
#include <thread>
#include <utility>

namespace straja::io {

template <typename T>
class BackgroundQueue {
 public:
  explicit BackgroundQueue(std::function<void(T&)> consume)
      : consume_(std::move(consume)), thread_([this] { run(); }) {}
  ~BackgroundQueue() {
    try {
      finish();
    } catch (...) {  // NOLINT(bugprone-empty-catch): reported by finish() to callers who ask
    }
  }
  BackgroundQueue(const BackgroundQueue&) = delete;
  BackgroundQueue& operator=(const BackgroundQueue&) = delete;

  void push(T item) {
    {
      const std::lock_guard lock(mutex_);
      items_.push_back(std::move(item));
    }
    ready_.notify_one();
  }

  /// Waits until every pushed item has been consumed and stops the thread; rethrows the
  /// consumer's exception, if any. Idempotent.
  void finish() {
    if (thread_.joinable()) {
      {
        const std::lock_guard lock(mutex_);
        closed_ = true;
      }
      ready_.notify_one();
      thread_.join();
    }
    if (failure_) std::rethrow_exception(std::exchange(failure_, nullptr));
  }

 private:
  void run() {
    for (;;) {
      T item;
      {
        std::unique_lock lock(mutex_);
        ready_.wait(lock, [this] { return closed_ || !items_.empty(); });
        if (items_.empty()) return;  // closed and drained
        item = std::move(items_.front());
        items_.pop_front();
      }
      if (failure_) continue;  // drop what follows a failure, but drain so finish() returns
      try {
        consume_(item);
      } catch (...) {
        failure_ = std::current_exception();  // read by finish() after join
      }
    }
  }

  std::function<void(T&)> consume_;
  std::mutex mutex_;
  std::condition_variable ready_;
  std::deque<T> items_;
  bool closed_ = false;
  std::exception_ptr failure_;
  std::thread thread_;  // last: starts after every member it uses is constructed
};

}  // namespace straja::io
