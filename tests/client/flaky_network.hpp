#pragma once
// One client's network, played by a TCP proxy between its client core and the server: it
// holds back what passes by a seeded random delay (in order, as TCP does), hands it on in
// random pieces, and can cut every connection at once or refuse new ones for a while.
// What was on its way when the line is cut is lost; a WebSocket frame may arrive half.
//
// Everything runs on the thread that runs the io_context it was given (the test's own
// loop, through io.poll() and pump()), so the random choices come in a reproducible order.

#include <chrono>
#include <cstdint>
#include <memory>
#include <random>
#include <string>
#include <vector>

#include "protocol/beast/net.hpp"

namespace jos::client::testing {

struct flaky_options {
  std::chrono::microseconds max_delay{4000};  // the usual delay of a chunk: up to this
  std::chrono::microseconds max_lag{40000};   // now and then a lag spike: up to this
  double lag_chance = 0.03;
  double split_chance = 0.5;  // a chunk goes on in pieces rather than whole
};

class flaky_network {
 public:
  flaky_network(net::io_context& io, std::uint16_t server_port, std::uint64_t seed,
                flaky_options options = {});
  ~flaky_network();
  flaky_network(const flaky_network&) = delete;
  flaky_network& operator=(const flaky_network&) = delete;

  std::uint16_t port() const { return port_; }
  // The address the client uses instead of the server's.
  std::string url() const;

  // Cuts every connection now.
  void cut();
  // While down, a connection is closed as soon as it is made.
  void set_up(bool up) { up_ = up; }
  bool up() const { return up_; }
  // Delays and pieces from here on (e.g. none, to settle quickly at the end).
  void set_options(flaky_options options) { state_->options = options; }

  // Hands on the bytes whose time has come. Call often, on the io_context's thread.
  void pump();
  // Nothing held back in any connection.
  bool idle() const;

  std::uint64_t connections() const { return connections_; }
  std::uint64_t cuts() const { return cuts_; }

 private:
  struct connection;
  struct shared_state {
    flaky_options options;
    std::mt19937_64 random;
  };

  void do_accept();

  tcp::acceptor acceptor_;
  tcp::endpoint server_;
  std::uint16_t port_ = 0;
  bool up_ = true;
  std::shared_ptr<shared_state> state_;
  std::vector<std::shared_ptr<connection>> live_;
  std::uint64_t connections_ = 0;
  std::uint64_t cuts_ = 0;
};

}  // namespace jos::client::testing
