#pragma once
// What a network thread hands to the thread that drives the client core, RunQueue-style:
// the producer appends under a lock; the consumer swaps the whole vector out and works on
// it unlocked.

#include <chrono>
#include <condition_variable>
#include <functional>
#include <mutex>
#include <vector>

namespace jos::client {

template <typename T>
class inbox {
 public:
  void push(T item) {
    std::function<void()> wake;
    {
      std::lock_guard lock(mutex_);
      items_.push_back(std::move(item));
      wake = wake_;
    }
    ready_.notify_all();
    if (wake) wake();  // e.g. glfwPostEmptyEvent: the UI thread sleeps until then
  }

  std::vector<T> drain() {
    std::vector<T> out;
    std::lock_guard lock(mutex_);
    out.swap(items_);
    return out;
  }

  // For headless users (tests, bots): block until something arrived or the time is up.
  bool wait_for(std::chrono::milliseconds timeout) {
    std::unique_lock lock(mutex_);
    return ready_.wait_for(lock, timeout, [this] { return !items_.empty(); });
  }

  bool ready() {
    std::lock_guard lock(mutex_);
    return !items_.empty();
  }

  void set_wake(std::function<void()> wake) {
    std::lock_guard lock(mutex_);
    wake_ = std::move(wake);
  }

 private:
  std::mutex mutex_;
  std::condition_variable ready_;
  std::vector<T> items_;
  std::function<void()> wake_;
};

}  // namespace jos::client
