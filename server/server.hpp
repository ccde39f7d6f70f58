#pragma once
// A running jos server: network threads, the store thread, the rooms, the listener.
// Used by jos-server's main and, in-process, by the tests.

#include <cstdint>
#include <memory>
#include <thread>
#include <vector>

#include "server/config.hpp"

namespace jos::server {

class hub;

class server {
 public:
  // Opens the store and binds the port; throws std::exception with a clear message.
  explicit server(config cfg);
  ~server();
  server(const server&) = delete;
  server& operator=(const server&) = delete;

  std::uint16_t port() const;
  void start();
  // Graceful: stop accepting, tell every client "server herstart", finish commits, close.
  void stop();
  // Blocks until SIGINT/SIGTERM, then stops.
  void run_until_signal();

  std::shared_ptr<hub> rooms();

 private:
  struct impl;
  std::unique_ptr<impl> impl_;
};

}  // namespace jos::server
