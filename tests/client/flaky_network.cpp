#include "flaky_network.hpp"

#include <array>
#include <deque>

namespace jos::client::testing {
namespace {

using clock = std::chrono::steady_clock;

}  // namespace

// One proxied connection: the client's socket, ours to the server, and a pipe each way.
struct flaky_network::connection : std::enable_shared_from_this<connection> {
  struct chunk {
    clock::time_point due;
    std::string bytes;
  };
  struct pipe {
    tcp::socket* from = nullptr;
    tcp::socket* to = nullptr;
    std::array<char, 16384> buffer{};
    std::deque<chunk> queue;
    bool writing = false;
    bool ended = false;  // `from` closed: once its bytes are through, the connection ends
  };

  connection(tcp::socket accepted, std::shared_ptr<shared_state> s)
      : client(std::move(accepted)), server(client.get_executor()), state(std::move(s)) {
    up.from = &client;
    up.to = &server;
    down.from = &server;
    down.to = &client;
  }

  void start(const tcp::endpoint& target) {
    beast::error_code ignored;
    client.set_option(tcp::no_delay(true), ignored);
    server.async_connect(target, [self = shared_from_this()](beast::error_code ec) {
      if (self->closed) return;
      if (ec) return self->close();
      beast::error_code ignored;
      self->server.set_option(tcp::no_delay(true), ignored);
      self->connected = true;
      self->read(self->down);
    });
    read(up);
  }

  void read(pipe& p) {
    p.from->async_read_some(net::buffer(p.buffer), [self = shared_from_this(), &p](
                                                       beast::error_code ec, std::size_t n) {
      if (self->closed) return;
      if (ec) {
        p.ended = true;
        return self->maybe_end();
      }
      // Held back a while; never overtaking what came before on this connection.
      auto& s = *self->state;
      std::bernoulli_distribution lag(s.options.lag_chance);
      const auto limit = lag(s.random) ? s.options.max_lag : s.options.max_delay;
      std::uniform_int_distribution<std::int64_t> pick(0, limit.count());
      auto due = clock::now() + std::chrono::microseconds(pick(s.random));
      if (!p.queue.empty()) due = std::max(due, p.queue.back().due);
      p.queue.push_back({due, std::string(p.buffer.data(), n)});
      self->read(p);
    });
  }

  void pump() {
    pump(up);
    pump(down);
  }

  void pump(pipe& p) {
    if (closed || !connected || p.writing || p.queue.empty()) return;
    if (p.queue.front().due > clock::now()) return;
    const std::string& bytes = p.queue.front().bytes;
    std::size_t n = bytes.size();
    auto& s = *state;
    if (n > 1 && std::bernoulli_distribution(s.options.split_chance)(s.random))
      n = std::uniform_int_distribution<std::size_t>(1, n - 1)(s.random);
    p.writing = true;
    net::async_write(*p.to, net::buffer(bytes.data(), n),
                     [self = shared_from_this(), &p](beast::error_code ec, std::size_t written) {
                       p.writing = false;
                       if (self->closed) return;
                       if (ec) return self->close();
                       std::string& front = p.queue.front().bytes;
                       front.erase(0, written);
                       if (front.empty()) p.queue.pop_front();
                       self->maybe_end();
                     });
  }

  // One side hung up: what it sent before still goes through, then both sides close.
  void maybe_end() {
    const auto through = [](const pipe& p) { return p.ended && p.queue.empty() && !p.writing; };
    if (through(up) || through(down) || (up.ended && !connected)) close();
  }

  void close() {
    if (closed) return;
    closed = true;
    beast::error_code ignored;
    client.close(ignored);
    server.close(ignored);
  }

  bool idle() const { return closed || (up.queue.empty() && down.queue.empty()); }

  tcp::socket client;
  tcp::socket server;
  std::shared_ptr<shared_state> state;
  pipe up;    // client to server
  pipe down;  // server to client
  bool connected = false;
  bool closed = false;
};

flaky_network::flaky_network(net::io_context& io, std::uint16_t server_port, std::uint64_t seed,
                             flaky_options options)
    : acceptor_(io, tcp::endpoint(net::ip::make_address("127.0.0.1"), 0)),
      server_(net::ip::make_address("127.0.0.1"), server_port),
      port_(acceptor_.local_endpoint().port()),
      state_(std::make_shared<shared_state>(shared_state{options, std::mt19937_64(seed)})) {
  do_accept();
}

flaky_network::~flaky_network() {
  beast::error_code ignored;
  acceptor_.close(ignored);
  cut();
}

std::string flaky_network::url() const { return "ws://127.0.0.1:" + std::to_string(port_); }

void flaky_network::do_accept() {
  acceptor_.async_accept([this](beast::error_code ec, tcp::socket socket) {
    if (ec == net::error::operation_aborted) return;  // we are closing
    if (!ec) {
      if (!up_) {
        beast::error_code ignored;
        socket.close(ignored);
      } else {
        auto c = std::make_shared<connection>(std::move(socket), state_);
        c->start(server_);
        live_.push_back(std::move(c));
        ++connections_;
      }
    }
    do_accept();
  });
}

void flaky_network::cut() {
  for (auto& c : live_) c->close();
  if (!live_.empty()) ++cuts_;
  live_.clear();
}

void flaky_network::pump() {
  std::erase_if(live_, [](const std::shared_ptr<connection>& c) { return c->closed; });
  for (auto& c : live_) c->pump();
}

bool flaky_network::idle() const {
  for (const auto& c : live_)
    if (!c->idle()) return false;
  return true;
}

}  // namespace jos::client::testing
