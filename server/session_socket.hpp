#pragma once
// The TCP socket under a plain WebSocket session, where the session writes its text frames
// itself, straight to the socket, and Beast writes the rest (its handshake answer, pongs,
// pings, close frames, and what the session hands it when it cannot write itself).
//
// Why: a broadcast is one small frame to each of many sockets, and most of the server's CPU
// per delivery went to that write. Through Beast, each one ran its write op, a transfer op,
// a reactor operation, executor copies and a completion handler around the one `sendmsg`;
// written here it is the `sendmsg` alone whenever the socket takes the whole frame, which
// is nearly always (issue 18). A server frame is unmasked, so writing it is only a header.
//
// The two writers must never interleave their bytes on the wire. The session writes itself
// only while none of Beast's writes is under way or waiting; and while a frame of its own
// is half written (the socket was full), Beast's writes wait here until it is complete.

#include <array>
#include <cerrno>
#include <cstdint>
#include <optional>
#include <string_view>

#include <sys/socket.h>
#include <sys/uio.h>

#include "protocol/beast/net.hpp"

namespace jos::server {

class session_socket {
 public:
  using executor_type = tcp::socket::executor_type;

  explicit session_socket(tcp::socket socket) : socket_(std::move(socket)) {}

  executor_type get_executor() { return socket_.get_executor(); }
  tcp::socket& socket() { return socket_; }

  // Whether a frame may be written directly now: nothing of Beast's is on its way.
  bool can_write_directly() const { return beast_writes_ == 0 && !direct_rest_pending_; }

  enum class direct_result { written, partly, not_now, failed };

  // Writes `payload` as one text frame if the socket takes it. `written`: all of it, now.
  // `partly`: the rest must follow before any other byte: call write_rest at once.
  // `not_now`: nothing went out (the socket is full): write it through Beast instead.
  // `failed`: the connection is broken; `ec` says how.
  direct_result write_text_frame(std::string_view payload, beast::error_code& ec) {
    header_size_ = encode_header(payload.size(), header_);
    std::array<iovec, 2> iov{
        {{header_.data(), header_size_}, {const_cast<char*>(payload.data()), payload.size()}}};
    msghdr msg{};
    msg.msg_iov = iov.data();
    msg.msg_iovlen = iov.size();
    const ssize_t sent = ::sendmsg(socket_.native_handle(), &msg, MSG_DONTWAIT | MSG_NOSIGNAL);
    if (sent < 0) {
      if (errno == EAGAIN || errno == EWOULDBLOCK || errno == EINTR) return direct_result::not_now;
      ec.assign(errno, beast::system_category());
      return direct_result::failed;
    }
    const auto total = header_size_ + payload.size();
    const auto done = static_cast<std::size_t>(sent);
    if (done == total) return direct_result::written;
    // Part of the frame is out: the rest must follow before any other byte, Beast's too.
    direct_rest_pending_ = true;
    if (!gate_) gate_.emplace(socket_.get_executor());
    gate_->expires_at(net::steady_timer::time_point::max());
    rest_ = {};
    if (done < header_size_) rest_[0] = net::buffer(header_.data() + done, header_size_ - done);
    const auto payload_done = done > header_size_ ? done - header_size_ : 0;
    rest_[1] = net::buffer(payload.data() + payload_done, payload.size() - payload_done);
    return direct_result::partly;
  }

  // Writes the rest of a frame left `partly` written, then runs `on_rest(ec)`. The payload
  // must stay alive until then. (A handler is made only here: most frames never need one.)
  template <typename RestHandler>
  void write_rest(RestHandler&& on_rest) {
    net::async_write(socket_, rest_,
                     [this, on_rest = std::forward<RestHandler>(on_rest)](
                         beast::error_code write_ec, std::size_t) mutable {
                       direct_rest_pending_ = false;
                       gate_->cancel();  // Beast's waiting write goes on
                       on_rest(write_ec);
                     });
  }

  // The AsyncStream Beast's WebSocket stream reads from and writes to.
  template <typename MutableBuffers, typename Handler>
  auto async_read_some(const MutableBuffers& buffers, Handler&& handler) {
    return socket_.async_read_some(buffers, std::forward<Handler>(handler));
  }

  template <typename ConstBuffers, typename Handler>
  auto async_write_some(const ConstBuffers& buffers, Handler&& handler) {
    return net::async_compose<Handler, void(beast::error_code, std::size_t)>(
        beast_write<ConstBuffers>{*this, buffers}, handler, socket_);
  }

 private:
  // One of Beast's writes: counted from when it is asked for, so the session does not
  // start a frame of its own in front of it, and held back while a frame is half written.
  template <typename ConstBuffers>
  struct beast_write {
    session_socket& s;
    ConstBuffers buffers;
    enum { start, gated, writing } step = start;

    template <typename Self>
    void operator()(Self& self, beast::error_code ec = {}, std::size_t n = 0) {
      switch (step) {
        case start: ++s.beast_writes_; [[fallthrough]];
        case gated:
          if (s.direct_rest_pending_) {
            step = gated;
            return s.gate_->async_wait(std::move(self));  // opened when the frame is out
          }
          step = writing;
          return s.socket_.async_write_some(buffers, std::move(self));
        case writing: --s.beast_writes_; return self.complete(ec, n);
      }
    }
  };

  static std::size_t encode_header(std::size_t length, std::array<char, 10>& out) {
    out[0] = static_cast<char>(0x81);  // FIN, text
    if (length < 126) {
      out[1] = static_cast<char>(length);
      return 2;
    }
    if (length <= 0xffff) {
      out[1] = 126;
      out[2] = static_cast<char>((length >> 8) & 0xff);
      out[3] = static_cast<char>(length & 0xff);
      return 4;
    }
    out[1] = 127;
    for (int i = 0; i < 8; ++i)
      out[static_cast<std::size_t>(2 + i)] =
          static_cast<char>((static_cast<std::uint64_t>(length) >> (56 - 8 * i)) & 0xff);
    return 10;
  }

  tcp::socket socket_;
  std::array<char, 10> header_{};
  std::size_t header_size_ = 0;
  std::array<net::const_buffer, 2> rest_{};  // what a frame left partly written still owes
  int beast_writes_ = 0;
  bool direct_rest_pending_ = false;
  std::optional<net::steady_timer> gate_;  // made when first needed: most sessions never do
};

// What Beast's WebSocket stream needs of a layer it tears down or times out.
inline void beast_close_socket(session_socket& s) {
  beast::error_code ignored;
  s.socket().close(ignored);
}

inline void teardown(beast::role_type role, session_socket& s, beast::error_code& ec) {
  websocket::teardown(role, s.socket(), ec);
}

template <typename Handler>
void async_teardown(beast::role_type role, session_socket& s, Handler&& handler) {
  websocket::async_teardown(role, s.socket(), std::forward<Handler>(handler));
}

}  // namespace jos::server
