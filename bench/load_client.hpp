#pragma once
// One light WebSocket client of the load generator: a connection, a write queue with one
// write in flight, and a read loop that hands each message to the fleet as bytes. Every
// client of a run shares one io_context thread, so nothing here locks.

#include <cstdint>
#include <deque>
#include <optional>
#include <string>
#include <string_view>

#include "bench/stamped_socket.hpp"
#include "protocol/beast/net.hpp"

namespace jos::bench {

class load_client;

// What the fleet hears from its clients; called on the io_context thread.
class client_events {
 public:
  virtual ~client_events() = default;
  virtual void on_open(load_client& c) = 0;
  virtual void on_message(load_client& c, std::string_view message) = 0;
  // The connection ended (failed to open, closed by the server, or broken).
  virtual void on_closed(load_client& c, const beast::error_code& ec) = 0;
};

class load_client {
 public:
  load_client(net::io_context& io, client_events& events, std::uint32_t index);
  load_client(const load_client&) = delete;
  load_client& operator=(const load_client&) = delete;

  std::uint32_t index() const { return index_; }
  bool is_open() const { return open_; }
  // Nothing of the previous connection is still running: a new connect() may start.
  bool idle() const { return !open_ && !connecting_ && !reading_ && !writing_; }

  // `receive_buffer` > 0 shrinks the socket's receive buffer (a slow consumer's backlog
  // then builds up in the server rather than in our kernel).
  void connect(const tcp::endpoint& server, int receive_buffer = 0);
  void send(std::string message);
  // A slow consumer: stop reading (the read in progress completes, no new one starts).
  void stop_reading() { paused_ = true; }
  void close();

  std::size_t queued() const { return queue_.size(); }
  // When the kernel received the message being handled (see stamped_socket).
  std::chrono::steady_clock::time_point received_at() const {
    return ws_->next_layer().received_at();
  }

 private:
  void on_connect(beast::error_code ec);
  void on_handshake(beast::error_code ec);
  void do_read();
  void on_read(beast::error_code ec, std::size_t bytes);
  void do_write();
  void on_write(beast::error_code ec, std::size_t bytes);
  void fail(const beast::error_code& ec);

  net::io_context& io_;
  client_events& events_;
  std::uint32_t index_;
  std::optional<websocket::stream<stamped_socket>> ws_;
  beast::flat_buffer buffer_;
  std::deque<std::string> queue_;
  std::string host_;
  bool open_ = false;
  bool connecting_ = false;
  bool reading_ = false;
  bool writing_ = false;
  bool paused_ = false;
  bool failed_ = false;
};

}  // namespace jos::bench
