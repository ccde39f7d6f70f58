#include "server/listener.hpp"

#include "server/descriptors.hpp"
#include "server/http_session.hpp"
#include "server/log.hpp"

namespace jos::server {
namespace {

// Looks at the first bytes to tell TLS from plain HTTP, then hands the connection on.
class detect_session : public std::enable_shared_from_this<detect_session> {
 public:
  detect_session(tcp::socket socket, std::shared_ptr<server_context> ctx,
                 std::shared_ptr<ssl::context> tls, std::shared_ptr<void> slot)
      : stream_(std::move(socket)),
        ctx_(std::move(ctx)),
        tls_(std::move(tls)),
        slot_(std::move(slot)) {}

  void run() {
    stream_.expires_after(std::chrono::seconds(ctx_->cfg.handshake_timeout_seconds));
    beast::async_detect_ssl(
        stream_, buffer_,
        beast::bind_front_handler(&detect_session::on_detect, shared_from_this()));
  }

 private:
  void on_detect(beast::error_code ec, bool is_tls) {
    if (ec) return;
    if (is_tls && tls_) {
      auto tls_stream =
          std::make_shared<beast::ssl_stream<beast::tcp_stream>>(std::move(stream_), *tls_);
      tls_stream->async_handshake(
          ssl::stream_base::server, buffer_.data(),
          // The default argument satisfies Boost 1.81's over-strict completion-token concept
          // for buffered handshakes; the handler is always called with the bytes used.
          [tls_stream, ctx = ctx_, self = shared_from_this()](beast::error_code hec,
                                                              std::size_t used = 0) {
            if (hec) return log_debug("TLS handshake failed: " + hec.message());
            self->buffer_.consume(used);
            run_http_session(std::move(*tls_stream), std::move(self->buffer_), ctx,
                             std::move(self->slot_));
          });
      return;
    }
    if (is_tls) return;  // TLS to a plain port: nothing sensible to answer in plain text
    if (tls_) return refuse_plain();
    run_http_session(std::move(stream_), std::move(buffer_), ctx_, std::move(slot_));
  }

  void refuse_plain() {
    static const std::string body = "Deze server gebruikt TLS: verbind met wss:// (of https://).\n";
    static const std::string response =
        "HTTP/1.1 426 Upgrade Required\r\nContent-Type: text/plain; charset=utf-8\r\n"
        "Connection: close\r\nContent-Length: " +
        std::to_string(body.size()) + "\r\n\r\n" + body;
    net::async_write(stream_, net::buffer(response),
                     [self = shared_from_this()](beast::error_code, std::size_t) {
                       beast::error_code ignored;
                       self->stream_.socket().shutdown(tcp::socket::shutdown_both, ignored);
                     });
  }

  beast::tcp_stream stream_;
  std::shared_ptr<server_context> ctx_;
  std::shared_ptr<ssl::context> tls_;
  std::shared_ptr<void> slot_;  // this connection's share of its address's connections
  beast::flat_buffer buffer_;
};

}  // namespace

listener::listener(net::io_context& io, tcp::endpoint endpoint, std::shared_ptr<server_context> ctx,
                   std::shared_ptr<ssl::context> tls)
    : io_(io),
      acceptor_(net::make_strand(io)),
      backoff_(acceptor_.get_executor()),
      ctx_(std::move(ctx)),
      tls_(std::move(tls)) {
  acceptor_.open(endpoint.protocol());
  acceptor_.set_option(net::socket_base::reuse_address(true));
  acceptor_.bind(endpoint);
  acceptor_.listen(net::socket_base::max_listen_connections);
  port_ = acceptor_.local_endpoint().port();
}

void listener::stop() {
  net::post(acceptor_.get_executor(), [self = shared_from_this()] {
    beast::error_code ec;
    self->acceptor_.close(ec);
    self->backoff_.cancel();
  });
}

void listener::do_accept() {
  // Each connection gets its own strand, so its handlers never run concurrently. With one
  // network thread nothing can run concurrently anyway, and a strand would cost a lock, a
  // queue and a reference count for every write and read completion of every connection.
  const net::any_io_executor executor = ctx_->cfg.threads == 1
                                            ? net::any_io_executor(io_.get_executor())
                                            : net::any_io_executor(net::make_strand(io_));
  acceptor_.async_accept(executor,
                         beast::bind_front_handler(&listener::on_accept, shared_from_this()));
}

void listener::on_accept(beast::error_code ec, tcp::socket socket) {
  if (ec == net::error::operation_aborted) return;  // stopped
  if (ec) {
    accept_trouble_("accept: " + ec.message());
    if (out_of_descriptors(ec)) return accept_later();
  } else {
    beast::error_code ignored;
    const auto peer = socket.remote_endpoint(ignored);
    const std::string address = ignored ? std::string("?") : peer.address().to_string();
    if (auto slot = ctx_->addresses.take(address)) {
      socket.set_option(tcp::no_delay(true), ignored);
      std::make_shared<detect_session>(std::move(socket), ctx_, tls_, std::move(slot))->run();
    } else {
      // One address with all its connections: this one goes at once, before it costs more.
      ++ctx_->stats.connections_refused;
      crowded_address_("te veel verbindingen vanaf " + address + "; een nieuwe is geweigerd");
      socket.close(ignored);
    }
  }
  if (acceptor_.is_open()) do_accept();
}

void listener::accept_later() {
  backoff_.expires_after(std::chrono::milliseconds(100));
  backoff_.async_wait([self = shared_from_this()](beast::error_code ec) {
    if (!ec && self->acceptor_.is_open()) self->do_accept();
  });
}

}  // namespace jos::server
