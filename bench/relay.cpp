// jos-bench-relay: the baseline jos-bench compares the server with. A bare WebSocket
// broadcast server on the same stack (Beast on one Asio thread): a client's first message
// names its room, every later message goes as-is to everyone in that room, the sender
// included. No validation, no store, no sequence numbers: what is left is the cost of
// WebSocket framing and the sockets themselves.
//
//   jos-bench-relay --port 0 --port-file FILE

#include <csignal>
#include <cstdio>
#include <deque>
#include <fstream>
#include <iostream>
#include <map>
#include <memory>
#include <set>
#include <string>
#include <vector>

#include "protocol/beast/net.hpp"

namespace {

using namespace jos;

constexpr std::size_t send_queue_limit = 4096;  // as jos-server's default
constexpr std::size_t max_message_bytes = 64 * 1024;

class session;
using room_map = std::map<std::string, std::set<std::shared_ptr<session>>>;

class session : public std::enable_shared_from_this<session> {
 public:
  session(tcp::socket socket, room_map& rooms) : ws_(std::move(socket)), rooms_(rooms) {}

  void run() {
    ws_.set_option(websocket::stream_base::timeout::suggested(beast::role_type::server));
    ws_.read_message_max(max_message_bytes);
    ws_.async_accept(beast::bind_front_handler(&session::on_accept, shared_from_this()));
  }

  void send(const std::shared_ptr<const std::string>& message) {
    if (queue_.size() >= send_queue_limit) {
      // Like jos: a client that stopped reading is cut off rather than buffered forever.
      beast::error_code ignored;
      beast::get_lowest_layer(ws_).socket().close(ignored);
      return;
    }
    queue_.push_back(message);
    if (queue_.size() == 1) do_write();
  }

 private:
  void on_accept(beast::error_code ec) {
    if (ec) return;
    ws_.text(true);
    do_read();
  }

  void do_read() {
    ws_.async_read(buffer_, beast::bind_front_handler(&session::on_read, shared_from_this()));
  }

  void on_read(beast::error_code ec, std::size_t) {
    if (ec) return leave();
    auto data = buffer_.cdata();
    std::string text(static_cast<const char*>(data.data()), data.size());
    buffer_.consume(buffer_.size());
    if (room_.empty()) {
      // The first message names the room; the reply tells the client it is in.
      room_ = text;
      rooms_[room_].insert(shared_from_this());
      send(std::make_shared<const std::string>(R"({"type":"welcome"})"));
    } else {
      auto message = std::make_shared<const std::string>(std::move(text));
      // A send that cuts someone off only closes the socket; leaving the room happens in
      // that session's own read handler later, so the set stays valid here.
      for (const auto& m : rooms_[room_]) m->send(message);
    }
    do_read();
  }

  void do_write() {
    ws_.async_write(net::buffer(*queue_.front()),
                    beast::bind_front_handler(&session::on_write, shared_from_this()));
  }

  void on_write(beast::error_code ec, std::size_t) {
    if (ec) return leave();
    queue_.pop_front();
    if (!queue_.empty()) do_write();
  }

  void leave() {
    if (room_.empty()) return;
    auto it = rooms_.find(room_);
    if (it != rooms_.end()) {
      it->second.erase(shared_from_this());
      if (it->second.empty()) rooms_.erase(it);
    }
    room_.clear();
    queue_.clear();
  }

  websocket::stream<beast::tcp_stream> ws_;
  room_map& rooms_;
  beast::flat_buffer buffer_;
  std::deque<std::shared_ptr<const std::string>> queue_;
  std::string room_;
};

class listener : public std::enable_shared_from_this<listener> {
 public:
  listener(net::io_context& io, tcp::endpoint endpoint, room_map& rooms)
      : acceptor_(io), rooms_(rooms) {
    acceptor_.open(endpoint.protocol());
    acceptor_.set_option(net::socket_base::reuse_address(true));
    acceptor_.bind(endpoint);
    acceptor_.listen(net::socket_base::max_listen_connections);
  }
  std::uint16_t port() const { return acceptor_.local_endpoint().port(); }
  void run() { do_accept(); }
  void stop() {
    beast::error_code ignored;
    acceptor_.close(ignored);
  }

 private:
  void do_accept() {
    acceptor_.async_accept(beast::bind_front_handler(&listener::on_accept, shared_from_this()));
  }
  void on_accept(beast::error_code ec, tcp::socket socket) {
    if (ec == net::error::operation_aborted) return;
    if (!ec) {
      socket.set_option(tcp::no_delay(true), ec);
      std::make_shared<session>(std::move(socket), rooms_)->run();
    }
    do_accept();
  }

  tcp::acceptor acceptor_;
  room_map& rooms_;
};

}  // namespace

int main(int argc, char** argv) {
  std::uint16_t port = 0;
  std::string port_file;
  for (int i = 1; i + 1 < argc; i += 2) {
    const std::string a = argv[i];
    if (a == "--port")
      port = static_cast<std::uint16_t>(std::stoi(argv[i + 1]));
    else if (a == "--port-file")
      port_file = argv[i + 1];
    else {
      std::cerr << "gebruik: jos-bench-relay [--port N] [--port-file FILE]\n";
      return 2;
    }
  }
  try {
    net::io_context io(1);
    room_map rooms;
    auto accept = std::make_shared<listener>(
        io, tcp::endpoint{net::ip::make_address("127.0.0.1"), port}, rooms);
    accept->run();
    if (!port_file.empty()) std::ofstream(port_file) << accept->port() << "\n";
    net::signal_set signals(io, SIGINT, SIGTERM);
    signals.async_wait([&](beast::error_code, int) {
      accept->stop();
      io.stop();
    });
    io.run();
    return 0;
  } catch (const std::exception& e) {
    std::cerr << "jos-bench-relay: " << e.what() << "\n";
    return 1;
  }
}
