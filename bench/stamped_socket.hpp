#pragma once
// A TCP socket for the load generator's WebSocket clients that knows when the kernel
// received what it reads (SO_TIMESTAMPNS).
//
// One generator thread stands in for hundreds of laptops. Timed when the generator gets to
// a message, the last of 300 receivers is late by the generator's own work on the 299
// before it (about 10 µs each), which a real room, each receiver on its own machine, never
// pays. The kernel's receive time is when that receiver's machine has the bytes: for the
// server under test and for the relay alike.

#include <array>
#include <cerrno>
#include <chrono>
#include <cstring>
#include <ctime>
#include <utility>

#include <sys/socket.h>
#include <sys/uio.h>

#include "protocol/beast/net.hpp"

namespace jos::bench {

class stamped_socket {
 public:
  using executor_type = tcp::socket::executor_type;
  using clock = std::chrono::steady_clock;

  explicit stamped_socket(net::io_context& io) : socket_(io) {}

  executor_type get_executor() { return socket_.get_executor(); }
  tcp::socket& socket() { return socket_; }

  // Asks the kernel to stamp what arrives from now on; call once connected.
  void enable_stamps(beast::error_code& ec) {
    const int on = 1;
    if (::setsockopt(socket_.native_handle(), SOL_SOCKET, SO_TIMESTAMPNS, &on, sizeof on) != 0)
      ec.assign(errno, beast::system_category());
    else
      socket_.non_blocking(true, ec);
  }

  // When the kernel received the newest bytes read so far, on the steady clock.
  clock::time_point received_at() const { return received_at_; }

  template <typename MutableBuffers, typename Handler>
  auto async_read_some(const MutableBuffers& buffers, Handler&& handler) {
    return net::async_compose<Handler, void(beast::error_code, std::size_t)>(
        read_op<MutableBuffers>{*this, buffers}, handler, socket_);
  }

  template <typename ConstBuffers, typename Handler>
  auto async_write_some(const ConstBuffers& buffers, Handler&& handler) {
    return socket_.async_write_some(buffers, std::forward<Handler>(handler));
  }

 private:
  template <typename MutableBuffers>
  struct read_op {
    stamped_socket& s;
    MutableBuffers buffers;
    enum { reading, completing } step = reading;
    beast::error_code result{};
    std::size_t got = 0;

    template <typename Self>
    void operator()(Self& self, beast::error_code ec = {}) {
      if (step == completing) return self.complete(result, got);
      if (ec) return self.complete(ec, 0);
      if (s.read_now(buffers, result, got)) {
        // Read at once, maybe still inside the initiating call: complete from the executor,
        // as Asio's own speculative reads do, not from within the caller's stack.
        step = completing;
        return net::post(s.socket_.get_executor(), std::move(self));
      }
      // Nothing there yet: wait until something is, then read it with its stamp.
      s.socket_.async_wait(tcp::socket::wait_read, std::move(self));
    }
  };

  // Reads what is there without blocking; false when nothing is (wait and retry).
  template <typename MutableBuffers>
  bool read_now(const MutableBuffers& buffers, beast::error_code& ec, std::size_t& got) {
    std::array<iovec, 8> iov{};
    std::size_t n = 0;
    for (auto it = net::buffer_sequence_begin(buffers);
         it != net::buffer_sequence_end(buffers) && n < iov.size(); ++it) {
      const net::mutable_buffer b = *it;
      if (b.size() == 0) continue;
      iov[n++] = {b.data(), b.size()};
    }
    if (n == 0) return true;  // an empty read completes at once, as Asio's does
    alignas(cmsghdr) std::array<char, CMSG_SPACE(sizeof(timespec))> control{};
    msghdr msg{};
    msg.msg_iov = iov.data();
    msg.msg_iovlen = n;
    msg.msg_control = control.data();
    msg.msg_controllen = control.size();
    const ssize_t r = ::recvmsg(socket_.native_handle(), &msg, MSG_DONTWAIT);
    if (r < 0) {
      if (errno == EAGAIN || errno == EWOULDBLOCK) return false;
      if (errno == EINTR) return false;
      ec.assign(errno, beast::system_category());
      return true;
    }
    if (r == 0) {
      ec = net::error::eof;
      return true;
    }
    got = static_cast<std::size_t>(r);
    note_stamp(msg);
    return true;
  }

  void note_stamp(msghdr& msg) {
    const auto now = clock::now();
    for (cmsghdr* c = CMSG_FIRSTHDR(&msg); c != nullptr; c = CMSG_NXTHDR(&msg, c)) {
      if (c->cmsg_level != SOL_SOCKET || c->cmsg_type != SO_TIMESTAMPNS) continue;
      timespec stamp{};
      std::memcpy(&stamp, CMSG_DATA(c), sizeof stamp);
      // The stamp is on the real-time clock: its age now, taken from the steady now.
      timespec real{};
      ::clock_gettime(CLOCK_REALTIME, &real);
      const auto age = std::chrono::seconds(real.tv_sec - stamp.tv_sec) +
                       std::chrono::nanoseconds(real.tv_nsec - stamp.tv_nsec);
      received_at_ = now - std::chrono::duration_cast<clock::duration>(
                               std::max(age, std::chrono::nanoseconds::zero()));
      return;
    }
    received_at_ = now;  // no stamp (not enabled yet): when we read it
  }

  tcp::socket socket_;
  clock::time_point received_at_{};
};

// What Beast's WebSocket stream needs of a layer it closes: those of the socket inside.
inline void beast_close_socket(stamped_socket& s) {
  beast::error_code ignored;
  s.socket().close(ignored);
}

inline void teardown(beast::role_type role, stamped_socket& s, beast::error_code& ec) {
  websocket::teardown(role, s.socket(), ec);
}

template <typename Handler>
void async_teardown(beast::role_type role, stamped_socket& s, Handler&& handler) {
  websocket::async_teardown(role, s.socket(), std::forward<Handler>(handler));
}

}  // namespace jos::bench
