#include "bench/load_client.hpp"

namespace jos::bench {

load_client::load_client(net::io_context& io, client_events& events, std::uint32_t index)
    : io_(io), events_(events), index_(index) {}

void load_client::connect(const tcp::endpoint& server, int receive_buffer) {
  ws_.emplace(io_);
  buffer_.clear();
  queue_.clear();
  paused_ = false;
  failed_ = false;
  connecting_ = true;
  host_ = server.address().to_string() + ":" + std::to_string(server.port());
  auto& socket = ws_->next_layer().socket();
  if (receive_buffer > 0) {
    beast::error_code ec;
    socket.open(server.protocol(), ec);
    if (!ec) socket.set_option(net::socket_base::receive_buffer_size(receive_buffer), ec);
  }
  socket.async_connect(server, beast::bind_front_handler(&load_client::on_connect, this));
}

void load_client::on_connect(beast::error_code ec) {
  if (ec) return fail(ec);
  ws_->next_layer().socket().set_option(tcp::no_delay(true), ec);
  if (!ec) ws_->next_layer().enable_stamps(ec);
  if (ec) return fail(ec);
  // Beast's client defaults: a handshake timeout, no idle timeout; the server pings and
  // the read loop answers.
  ws_->set_option(websocket::stream_base::timeout::suggested(beast::role_type::client));
  ws_->async_handshake(host_, "/ws", beast::bind_front_handler(&load_client::on_handshake, this));
}

void load_client::on_handshake(beast::error_code ec) {
  connecting_ = false;
  if (ec) return fail(ec);
  open_ = true;
  ws_->text(true);
  do_read();
  events_.on_open(*this);
}

void load_client::do_read() {
  if (paused_ || !open_) return;
  reading_ = true;
  ws_->async_read(buffer_, beast::bind_front_handler(&load_client::on_read, this));
}

void load_client::on_read(beast::error_code ec, std::size_t) {
  reading_ = false;
  if (ec) return fail(ec);
  const auto data = buffer_.cdata();
  events_.on_message(*this, std::string_view(static_cast<const char*>(data.data()), data.size()));
  buffer_.consume(buffer_.size());
  do_read();
}

void load_client::send(std::string message) {
  if (!open_) return;
  queue_.push_back(std::move(message));
  if (!writing_) do_write();
}

void load_client::do_write() {
  writing_ = true;
  ws_->async_write(net::buffer(queue_.front()),
                   beast::bind_front_handler(&load_client::on_write, this));
}

void load_client::on_write(beast::error_code ec, std::size_t) {
  writing_ = false;
  if (ec) return fail(ec);
  queue_.pop_front();
  if (!queue_.empty() && open_) do_write();
}

void load_client::close() {
  if (!open_) return;
  open_ = false;
  ws_->async_close(websocket::close_code::normal, [this](beast::error_code) {
    beast::error_code ignored;
    ws_->next_layer().socket().close(ignored);
  });
}

void load_client::fail(const beast::error_code& ec) {
  const bool was_open = open_ || connecting_;
  open_ = false;
  connecting_ = false;
  queue_.clear();
  beast::error_code ignored;
  if (ws_) ws_->next_layer().socket().close(ignored);
  // Report once per connection, after whichever side noticed first.
  if (failed_) return;
  failed_ = true;
  if (was_open || ec) events_.on_closed(*this, ec);
}

}  // namespace jos::bench
