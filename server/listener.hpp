#pragma once
// Accepts TCP connections. With TLS configured, every connection must speak TLS; a plain
// one gets a readable HTTP answer saying so instead of a silent hang-up.

#include <memory>

#include "protocol/beast/net.hpp"
#include "server/context.hpp"
#include "server/log.hpp"

namespace jos::server {

class listener : public std::enable_shared_from_this<listener> {
 public:
  // Throws boost::system::system_error if it cannot bind.
  listener(net::io_context& io, tcp::endpoint endpoint, std::shared_ptr<server_context> ctx,
           std::shared_ptr<ssl::context> tls);
  std::uint16_t port() const { return port_; }
  void run() { do_accept(); }
  void stop();

 private:
  void do_accept();
  void on_accept(beast::error_code ec, tcp::socket socket);
  // Out of descriptors: the connections in the backlog wait there, and the next one gets
  // in once a descriptor is free; trying again at once would spin.
  void accept_later();

  net::io_context& io_;
  tcp::acceptor acceptor_;
  net::steady_timer backoff_;
  throttled_warning accept_trouble_{std::chrono::seconds(10)};
  throttled_warning crowded_address_{std::chrono::seconds(10)};
  std::shared_ptr<server_context> ctx_;
  std::shared_ptr<ssl::context> tls_;
  std::uint16_t port_ = 0;
};

}  // namespace jos::server
