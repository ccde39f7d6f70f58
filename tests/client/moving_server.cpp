#include "tests/client/moving_server.hpp"

#include <atomic>
#include <mutex>
#include <thread>
#include <type_traits>

#include "protocol/beast/net.hpp"
#include "protocol/codec.hpp"

namespace jos::client::testing {

// Handlers hold it by reference: they run on its thread, which stops before it goes, and
// those still pending go with its io_context, which they do not use on the way.
struct moving_server::impl {
  net::io_context io;
  tcp::acceptor acceptor{io, tcp::endpoint(net::ip::make_address("127.0.0.1"), 0)};
  std::uint16_t port = acceptor.local_endpoint().port();
  mutable std::mutex mutex;
  std::string location;
  std::atomic<std::size_t> connections = 0;
  std::atomic<std::size_t> hellos = 0;
  std::thread thread;

  void accept();
  std::string answer(const std::string& text);

  // One client's connection: every frame it sends is answered, until it goes.
  struct peer : std::enable_shared_from_this<peer> {
    peer(tcp::socket socket, impl& owner) : ws(std::move(socket)), server(owner) {}

    void start() {
      ws.async_accept([self = shared_from_this()](beast::error_code ec) {
        if (!ec) self->read();
      });
    }

    void read() {
      ws.async_read(buffer, [self = shared_from_this()](beast::error_code ec, std::size_t) {
        if (ec) return;
        self->out = self->server.answer(beast::buffers_to_string(self->buffer.data()));
        self->buffer.consume(self->buffer.size());
        self->ws.text(true);
        self->ws.async_write(net::buffer(self->out),
                             [self](beast::error_code written, std::size_t) {
                               if (!written) self->read();
                             });
      });
    }

    websocket::stream<tcp::socket> ws;
    impl& server;
    beast::flat_buffer buffer;
    std::string out;
  };
};

void moving_server::impl::accept() {
  acceptor.async_accept([this](beast::error_code ec, tcp::socket socket) {
    if (ec) return;
    ++connections;
    std::make_shared<peer>(std::move(socket), *this)->start();
    accept();
  });
}

std::string moving_server::impl::answer(const std::string& text) {
  auto decoded = protocol::decode_client(text);
  const auto* message = std::get_if<protocol::client_message>(&decoded);
  if (message != nullptr && std::holds_alternative<protocol::join_trajectory>(*message))
    return protocol::encode(protocol::joined{"t-elders", "token-" + std::to_string(port), 2});
  if (message != nullptr && std::holds_alternative<protocol::hello>(*message)) {
    ++hellos;
    std::lock_guard lock(mutex);
    return protocol::encode(protocol::error{
        protocol::error_code::moved,
        "Deze leerlijn staat op een andere server; je wordt doorverbonden.", location});
  }
  return protocol::encode(protocol::error{protocol::error_code::invalid, "Niet verwacht."});
}

moving_server::moving_server() : impl_(std::make_unique<impl>()) {
  impl_->accept();
  impl_->thread = std::thread([state = impl_.get()] { state->io.run(); });
}

moving_server::~moving_server() {
  impl_->io.stop();
  impl_->thread.join();
}

std::uint16_t moving_server::port() const { return impl_->port; }

void moving_server::send_to(std::string location) {
  std::lock_guard lock(impl_->mutex);
  impl_->location = std::move(location);
}

std::size_t moving_server::connections() const { return impl_->connections; }
std::size_t moving_server::hellos() const { return impl_->hellos; }

}  // namespace jos::client::testing
