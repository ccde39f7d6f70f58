#pragma once
// A plain TCP port that answers nobody and remembers who knocked: the place a test sends a
// client that must not go there (an insecure address a server pointed it to). It reports
// every connection and the first bytes each sent (a WebSocket upgrade starts "GET ").

#include <atomic>
#include <cstdint>
#include <mutex>
#include <string>
#include <thread>
#include <vector>

namespace jos::server::test {

class recording_listener {
 public:
  recording_listener();  // on 127.0.0.1, a port of its own
  ~recording_listener();
  recording_listener(const recording_listener&) = delete;
  recording_listener& operator=(const recording_listener&) = delete;

  std::uint16_t port() const { return port_; }
  std::string url() const { return "ws://127.0.0.1:" + std::to_string(port_); }
  std::size_t connections() const;
  // What has arrived so far, all connections together.
  std::string received() const;

 private:
  void run();

  int listening_ = -1;
  std::uint16_t port_ = 0;
  std::atomic<bool> stopping_ = false;
  mutable std::mutex mutex_;
  struct peer {
    int fd = -1;  // kept open, unanswered, until the end
    bool ended = false;
  };
  std::vector<peer> accepted_;
  std::string received_;
  std::thread thread_;
};

}  // namespace jos::server::test
