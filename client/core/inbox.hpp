#pragma once
// What the network thread hands to the UI thread, RunQueue-style: the producer appends
// under a lock; the consumer swaps the whole vector out and works on it unlocked.

#include <chrono>
#include <condition_variable>
#include <cstdint>
#include <functional>
#include <mutex>
#include <string>
#include <variant>
#include <vector>

#include "protocol/messages.hpp"

namespace jos::client {

// Every connection attempt gets a new link number, so that nothing meant for an old
// connection is taken for the current one.
struct link_up {
  std::uint64_t link = 0;
};
struct link_down {
  std::uint64_t link = 0;
  std::string reason;  // Dutch, for the status bar
};
struct received {
  std::uint64_t link = 0;
  protocol::server_message message;
};
// A frame from the server that this client cannot read.
struct unreadable {
  std::uint64_t link = 0;
  bool version_mismatch = false;
  std::string reason;  // Dutch
};
using net_event = std::variant<link_up, link_down, received, unreadable>;

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
