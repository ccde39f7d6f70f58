#pragma once
// A WebSocket server that holds no trajectory and sends every hello on elsewhere: the
// misconfigured or stale instance a client must not hammer. It answers a join with a
// joined (so a client gets an identity to say hello with) and every hello with the error
// `moved` and the location it was given: its own address, or another such server's.
// Real sockets on 127.0.0.1, served on a thread of its own.

#include <cstddef>
#include <cstdint>
#include <memory>
#include <string>

namespace jos::client::testing {

class moving_server {
 public:
  moving_server();
  ~moving_server();
  moving_server(const moving_server&) = delete;
  moving_server& operator=(const moving_server&) = delete;

  std::uint16_t port() const;
  std::string url() const { return "ws://127.0.0.1:" + std::to_string(port()); }
  // Where every hello from now on is sent.
  void send_to(std::string location);
  std::size_t connections() const;
  std::size_t hellos() const;

 private:
  struct impl;
  std::unique_ptr<impl> impl_;
};

}  // namespace jos::client::testing
