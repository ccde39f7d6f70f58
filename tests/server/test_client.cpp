#include "tests/server/test_client.hpp"

#include <openssl/ssl.h>

#include <cctype>
#include <charconv>
#include <cstdio>
#include <random>
#include <thread>
#include <type_traits>

#include "protocol/beast/net.hpp"
#include "protocol/codec.hpp"
#include "protocol/state_codec.hpp"
#include "shared/rules.hpp"

namespace jos::server::test {
namespace {

using clock_type = std::chrono::steady_clock;

// Completion of one asynchronous step. Shared with the handler, so that a step abandoned at
// its deadline can still complete safely later.
struct step {
  bool done = false;
  beast::error_code ec;
  void finish(beast::error_code e) {
    ec = e;
    done = true;
  }
};

template <class... F>
struct overloaded : F... {
  using F::operator()...;
};
template <class... F>
overloaded(F...) -> overloaded<F...>;

constexpr std::size_t max_incoming = 32 * 1024 * 1024;  // snapshots may exceed 64 KiB

using plain_ws = websocket::stream<beast::tcp_stream>;
using tls_ws = websocket::stream<beast::ssl_stream<beast::tcp_stream>>;

}  // namespace

// One WebSocket connection with its own io_context: the test thread runs it only while it
// waits, so nothing happens behind a test's back.
class test_client::connection {
 public:
  virtual ~connection() = default;
  virtual std::string connect(std::uint16_t port, const client_options& options, ms timeout) = 0;
  virtual void start_reading() = 0;
  virtual bool write(const std::string& text, ms timeout, bool binary) = 0;
  virtual bool ping(ms timeout) = 0;
  virtual std::size_t pongs() const = 0;
  virtual void close(ms timeout) = 0;
  virtual void drop() = 0;
  // Runs at most one handler, waiting up to `timeout`; false if nothing ran.
  virtual bool run_one(clock_type::duration timeout) = 0;
  virtual void poll() = 0;
};

template <typename Stream>
class test_client::stream_connection final : public test_client::connection {
  static constexpr bool is_tls = std::is_same_v<Stream, tls_ws>;

 public:
  stream_connection(std::function<void(std::string)> on_text,
                    std::function<void(std::string)> on_closed)
      : on_text_(std::move(on_text)), on_closed_(std::move(on_closed)) {
    if constexpr (is_tls) {
      ws_.emplace(io_, tls_);
    } else {
      ws_.emplace(io_);
    }
  }

  std::string connect(std::uint16_t port, const client_options& options, ms timeout) override {
    const auto deadline = clock_type::now() + timeout;
    auto& lowest = beast::get_lowest_layer(*ws_);
    beast::error_code ec;
    if (options.receive_buffer > 0) {
      // Before connecting, so that the window the client advertises stays small.
      lowest.socket().open(tcp::v4(), ec);
      lowest.socket().set_option(net::socket_base::receive_buffer_size(options.receive_buffer), ec);
    }
    auto s = std::make_shared<step>();
    lowest.expires_after(timeout);
    lowest.async_connect(tcp::endpoint(net::ip::make_address("127.0.0.1"), port),
                         [s](beast::error_code e) { s->finish(e); });
    if (!run_until(*s, deadline) || s->ec) return "verbinden mislukt: " + s->ec.message();
    lowest.socket().set_option(tcp::no_delay(true), ec);

    if constexpr (is_tls) {
      // The test's certificate is self-signed: encryption yes, verification no.
      ws_->next_layer().set_verify_mode(ssl::verify_none);
      SSL_set_tlsext_host_name(ws_->next_layer().native_handle(), "localhost");
      s = std::make_shared<step>();
      ws_->next_layer().async_handshake(ssl::stream_base::client,
                                        [s](beast::error_code e) { s->finish(e); });
      if (!run_until(*s, deadline) || s->ec) return "TLS-handshake mislukt: " + s->ec.message();
    }

    // The WebSocket stream has its own timeouts from here on.
    lowest.expires_never();
    websocket::stream_base::timeout t{};
    t.handshake_timeout = timeout;
    t.idle_timeout = websocket::stream_base::none();
    t.keep_alive_pings = false;
    ws_->set_option(t);
    ws_->read_message_max(max_incoming);
    ws_->set_option(websocket::stream_base::decorator(
        [origin = options.origin, headers = options.headers](websocket::request_type& request) {
          if (!origin.empty()) request.set(http::field::origin, origin);
          for (const auto& [name, value] : headers) request.set(name, value);
        }));
    s = std::make_shared<step>();
    auto response = std::make_shared<websocket::response_type>();
    ws_->async_handshake(*response,
                         options.host.empty() ? "127.0.0.1:" + std::to_string(port) : options.host,
                         options.target, [s, response](beast::error_code e) { s->finish(e); });
    if (!run_until(*s, deadline) || s->ec) {
      std::string why = "WebSocket-handshake mislukt: " + s->ec.message();
      if (response->result_int() != 0)
        why += " (HTTP " + std::to_string(response->result_int()) + ": " + response->body() + ")";
      return why;
    }
    ws_->text(true);
    ws_->control_callback([this](websocket::frame_type kind, beast::string_view) {
      if (kind == websocket::frame_type::pong) ++pongs_;
    });
    return {};
  }

  void start_reading() override {
    reading_ = true;
    do_read();
  }

  bool write(const std::string& text, ms timeout, bool binary) override {
    auto s = std::make_shared<step>();
    auto data = std::make_shared<std::string>(text);
    ws_->binary(binary);
    ws_->async_write(net::buffer(*data),
                     [s, data](beast::error_code e, std::size_t) { s->finish(e); });
    return run_until(*s, clock_type::now() + timeout) && !s->ec;
  }

  bool ping(ms timeout) override {
    auto s = std::make_shared<step>();
    ws_->async_ping({}, [s](beast::error_code e) { s->finish(e); });
    return run_until(*s, clock_type::now() + timeout) && !s->ec;
  }

  std::size_t pongs() const override { return pongs_; }

  void close(ms timeout) override {
    const auto deadline = clock_type::now() + timeout;
    if (reading_) {
      auto s = std::make_shared<step>();
      ws_->async_close(websocket::close_code::normal, [s](beast::error_code e) { s->finish(e); });
      run_until(*s, deadline);
      // The read loop ends when the server's close frame arrives.
      while (reading_ && clock_type::now() < deadline) run_one(deadline - clock_type::now());
    }
    drop();
  }

  void drop() override {
    beast::error_code ec;
    beast::get_lowest_layer(*ws_).socket().close(ec);
    // Let the read loop see the end, so the client knows it is closed.
    for (int i = 0; reading_ && i < 200; ++i) run_one(std::chrono::milliseconds(5));
  }

  bool run_one(clock_type::duration timeout) override {
    if (io_.stopped()) io_.restart();
    return io_.run_one_for(timeout) > 0;
  }

  void poll() override {
    if (io_.stopped()) io_.restart();
    io_.poll();
  }

 private:
  // Runs handlers until the step is done or the deadline passed. A step still running at
  // its deadline is aborted by closing the socket: the connection is then lost.
  bool run_until(const step& s, clock_type::time_point deadline) {
    while (!s.done) {
      const auto now = clock_type::now();
      if (now >= deadline) break;
      if (!run_one(deadline - now)) std::this_thread::sleep_for(std::chrono::milliseconds(1));
    }
    if (s.done) return true;
    beast::error_code ec;
    beast::get_lowest_layer(*ws_).socket().close(ec);
    for (int i = 0; !s.done && i < 200; ++i) run_one(std::chrono::milliseconds(5));
    return false;
  }

  void do_read() {
    ws_->async_read(buffer_, [this](beast::error_code ec, std::size_t) {
      if (ec) {
        reading_ = false;
        std::string why = ec.message();
        if (ec == websocket::error::closed)
          why = "gesloten door de server (code " + std::to_string(ws_->reason().code) + ": " +
                std::string(ws_->reason().reason.c_str()) + ")";
        on_closed_(std::move(why));
        return;
      }
      std::string text = beast::buffers_to_string(buffer_.data());
      buffer_.consume(buffer_.size());
      on_text_(std::move(text));
      do_read();
    });
  }

  // Declared first: destroyed last, after the stream, dropping unrun handlers unrun.
  net::io_context io_;
  ssl::context tls_{ssl::context::tls_client};
  std::optional<Stream> ws_;
  beast::flat_buffer buffer_;
  bool reading_ = false;
  std::size_t pongs_ = 0;
  std::function<void(std::string)> on_text_;
  std::function<void(std::string)> on_closed_;
};

// ---- free helpers ----

namespace {

template <typename Stream>
http_reply http_get_on(Stream& stream, net::io_context& io, std::uint16_t port,
                       const std::string& target, ms timeout, const std::string& bearer,
                       const std::string& host) {
  http_reply reply;
  auto& lowest = beast::get_lowest_layer(stream);
  // Every step has the stream's deadline, so each run() below returns in time.
  lowest.expires_after(timeout);
  beast::error_code ec;
  lowest.async_connect(tcp::endpoint(net::ip::make_address(host), port),
                       [&](beast::error_code e) { ec = e; });
  io.run();
  if (ec) return {0, {}, "verbinden mislukt: " + ec.message(), {}};
  if constexpr (!std::is_same_v<Stream, beast::tcp_stream>) {
    stream.set_verify_mode(ssl::verify_none);
    io.restart();
    stream.async_handshake(ssl::stream_base::client, [&](beast::error_code e) { ec = e; });
    io.run();
    if (ec) return {0, {}, "TLS-handshake mislukt: " + ec.message(), {}};
  }
  http::request<http::empty_body> request{http::verb::get, target, 11};
  request.set(http::field::host, "127.0.0.1");
  request.keep_alive(false);
  if (!bearer.empty()) request.set(http::field::authorization, "Bearer " + bearer);
  io.restart();
  http::async_write(stream, request, [&](beast::error_code e, std::size_t) { ec = e; });
  io.run();
  if (ec) return {0, {}, "schrijven mislukt: " + ec.message(), {}};
  beast::flat_buffer buffer;
  http::response<http::string_body> response;
  io.restart();
  http::async_read(stream, buffer, response, [&](beast::error_code e, std::size_t) { ec = e; });
  io.run();
  if (ec) return {0, {}, "lezen mislukt: " + ec.message(), {}};
  reply.status = response.result_int();
  reply.body = response.body();
  for (const auto& field : response) {
    std::string name(field.name_string());
    for (auto& c : name) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
    reply.headers[name] = std::string(field.value());
  }
  return reply;
}

}  // namespace

http_reply http_get(std::uint16_t port, const std::string& target, bool tls, ms timeout,
                    const std::string& bearer, const std::string& host) {
  net::io_context io;
  if (tls) {
    ssl::context context{ssl::context::tls_client};
    beast::ssl_stream<beast::tcp_stream> stream(io, context);
    return http_get_on(stream, io, port, target, timeout, bearer, host);
  }
  beast::tcp_stream stream(io);
  return http_get_on(stream, io, port, target, timeout, bearer, host);
}

std::string tls12_handshake(std::uint16_t port, const std::string& ciphers) {
  net::io_context io;
  ssl::context context{ssl::context::tls_client};
  SSL_CTX_set_min_proto_version(context.native_handle(), TLS1_2_VERSION);
  SSL_CTX_set_max_proto_version(context.native_handle(), TLS1_2_VERSION);
  if (SSL_CTX_set_cipher_list(context.native_handle(), ciphers.c_str()) != 1)
    return "this OpenSSL knows none of " + ciphers;
  context.set_verify_mode(ssl::verify_none);
  beast::ssl_stream<beast::tcp_stream> stream(io, context);
  beast::get_lowest_layer(stream).expires_after(default_wait);
  beast::error_code ec;
  beast::get_lowest_layer(stream).async_connect(
      tcp::endpoint(net::ip::make_address("127.0.0.1"), port),
      [&](beast::error_code e) { ec = e; });
  io.run();
  if (ec) return "verbinden mislukt: " + ec.message();
  io.restart();
  stream.async_handshake(ssl::stream_base::client, [&](beast::error_code e) { ec = e; });
  io.run();
  return ec ? "TLS-handshake mislukt: " + ec.message() : std::string{};
}

http_answer http_request(std::uint16_t port, const std::string& method, const std::string& target,
                         const std::vector<std::pair<std::string, std::string>>& headers,
                         ms timeout) {
  net::io_context io;
  beast::tcp_stream stream(io);
  stream.expires_after(timeout);
  beast::error_code ec;
  stream.async_connect(tcp::endpoint(net::ip::make_address("127.0.0.1"), port),
                       [&](beast::error_code e) { ec = e; });
  io.run();
  if (ec) return {0, {}, {}, "verbinden mislukt: " + ec.message()};
  http::request<http::empty_body> request{http::string_to_verb(method), target, 11};
  request.set(http::field::host, "127.0.0.1:" + std::to_string(port));
  request.keep_alive(false);
  for (const auto& [name, value] : headers) request.set(name, value);
  io.restart();
  http::async_write(stream, request, [&](beast::error_code e, std::size_t) { ec = e; });
  io.run();
  if (ec) return {0, {}, {}, "schrijven mislukt: " + ec.message()};
  beast::flat_buffer buffer;
  http::response_parser<http::string_body> parser;
  parser.body_limit(64 * 1024 * 1024);
  if (method == "HEAD") parser.skip(true);
  io.restart();
  http::async_read(stream, buffer, parser, [&](beast::error_code e, std::size_t) { ec = e; });
  io.run();
  if (ec) return {0, {}, {}, "lezen mislukt: " + ec.message()};
  http_answer answer;
  const auto& response = parser.get();
  answer.status = response.result_int();
  for (const auto& field : response) {
    std::string name(field.name_string());
    for (auto& c : name) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
    answer.headers[name] = std::string(field.value());
  }
  answer.body = response.body();
  return answer;
}

std::string state_hash(const shared::trajectory& t) { return protocol::state_hash(t); }

protocol::profile profile_of(std::string name, bool youth_work) {
  protocol::profile p;
  p.name = std::move(name);
  p.org = youth_work ? shared::organisation::jongerenwerk : shared::organisation::school;
  p.function = youth_work ? "jongerenwerker" : "docent";
  p.level = shared::staff_level::uitvoerder;
  return p;
}

shared::partnership partners(std::string school, std::string youth) {
  shared::partnership p;
  p.school = std::move(school);
  p.youth_organisation = std::move(youth);
  p.kind = shared::cooperation::existing;
  return p;
}

// ---- test_client ----

test_client::test_client(std::uint16_t port, client_options options)
    : port_(port), options_(std::move(options)) {
  // Each client numbers its ballots from a random start, as the app does: two voters'
  // numbers say nothing about each other.
  next_ballot_seq_ += std::random_device{}() & 0xFFFFFFFFu;
}

test_client::~test_client() = default;

std::string test_client::connect(ms timeout) {
  open_ = false;
  conn_.reset();
  auto text = [this](std::string t) { this->on_text(std::move(t)); };
  auto closed = [this](std::string why) { this->on_closed(std::move(why)); };
  if (options_.tls)
    conn_ = std::make_unique<stream_connection<tls_ws>>(text, closed);
  else
    conn_ = std::make_unique<stream_connection<plain_ws>>(text, closed);
  auto error = conn_->connect(port_, options_, timeout);
  if (!error.empty()) {
    closed_because_ = error;
    return error;
  }
  open_ = true;
  closed_because_.clear();
  welcomed_ = false;
  caught_up_ = false;
  conn_->start_reading();
  return {};
}

void test_client::close(ms timeout) {
  if (conn_ && open_) conn_->close(timeout);
  open_ = false;
}

void test_client::drop() {
  if (conn_) conn_->drop();
  open_ = false;
}

bool test_client::send_text(const std::string& text, ms timeout) {
  if (!conn_ || !open_) return false;
  return conn_->write(text, timeout, false);
}

bool test_client::send_binary(const std::string& bytes, ms timeout) {
  if (!conn_ || !open_) return false;
  return conn_->write(bytes, timeout, true);
}

bool test_client::ping(ms timeout) {
  if (!conn_ || !open_) return false;
  return conn_->ping(timeout);
}

std::size_t test_client::pongs() const { return conn_ ? conn_->pongs() : 0; }

bool test_client::send(const protocol::client_message& m, ms timeout) {
  return send_text(protocol::encode(m), timeout);
}

bool test_client::wait(const std::function<bool()>& done, ms timeout) {
  const auto deadline = clock_type::now() + timeout;
  while (!done()) {
    if (!conn_) return false;
    if (!open_) {
      conn_->poll();
      return done();
    }
    const auto now = clock_type::now();
    if (now >= deadline) return false;
    if (!conn_->run_one(deadline - now)) std::this_thread::sleep_for(std::chrono::milliseconds(1));
  }
  return true;
}

void test_client::poll() {
  if (conn_) conn_->poll();
}

bool test_client::wait_closed(ms timeout) {
  return wait([this] { return !open_; }, timeout);
}

std::optional<protocol::server_message> test_client::take_if(
    const std::function<bool(const protocol::server_message&)>& match, ms timeout,
    std::uint64_t since) {
  std::optional<protocol::server_message> found;
  auto look = [&] {
    for (auto it = inbox_.begin(); it != inbox_.end(); ++it) {
      if (it->number >= since && match(it->message)) {
        found = std::move(it->message);
        inbox_.erase(it);
        return true;
      }
    }
    return false;
  };
  wait(look, timeout);
  return found;
}

void test_client::on_closed(std::string why) {
  open_ = false;
  closed_because_ = std::move(why);
}

void test_client::on_text(std::string text) {
  raw_.push_back(text);
  auto decoded = protocol::decode_server(text);
  if (auto* e = std::get_if<protocol::decode_error>(&decoded)) {
    undecodable_.push_back(std::string(name_of(e->code)) + ": " + e->message + " in " +
                           text.substr(0, 300));
    return;
  }
  auto& message = std::get<protocol::server_message>(decoded);
  std::visit(
      overloaded{
          [&](const protocol::snapshot& s) {
            replica_ = s.state;
            replica_seq_ = s.seq;
            has_replica_ = true;
            ++snapshots_;
          },
          [&](const protocol::op_batch& b) {
            for (const auto& op : b.ops) {
              ops_seen_.push_back(op);
              // Our own op back from the server is its acknowledgement: ours is our person's
              // op under our client id (another person may use the same client id).
              if (!client_id_.empty() && op.author == person_ && op.client_id == client_id_ &&
                  op.client_seq != 0) {
                acks_[op.client_seq] = op.seq;
                pending_.erase(op.client_seq);
              }
              if (!has_replica_) {
                order_faults_.push_back("op " + std::to_string(op.seq) + " before any snapshot");
                continue;
              }
              if (op.seq <= replica_seq_) {
                order_faults_.push_back("op " + std::to_string(op.seq) + " again (have " +
                                        std::to_string(replica_seq_) + ")");
                continue;
              }
              if (op.seq != replica_seq_ + 1)
                order_faults_.push_back("op " + std::to_string(op.seq) + " after " +
                                        std::to_string(replica_seq_));
              const auto who = op.author == shared::no_person ? shared::actor::server()
                                                              : shared::actor{op.author};
              shared::apply(replica_, op.op, who);
              replica_seq_ = op.seq;
            }
          },
          [&](const protocol::ack& a) {
            acks_[a.client_seq] = a.seq;
            pending_.erase(a.client_seq);
          },
          [&](const protocol::reject& r) {
            rejects_[r.client_seq] = r;
            pending_.erase(r.client_seq);
          },
          [&](const protocol::error& e) {
            errors_.push_back(e);
            last_error_ = e;
          },
          [&](const protocol::presence& p) {
            presence_ = p;
            if (welcomed_) caught_up_ = true;
          },
          [&](const protocol::codes& c) { codes_ = c; },
          [&](const protocol::person_export& e) { export_ = e; },
          [&](const protocol::welcome& w) {
            person_ = w.person;
            welcomed_ = true;
            epoch_ = w.epoch;  // the catch-up that follows counts under it
          },
          [&](const auto&) {},
      },
      message);
  inbox_.push_back({received_++, std::move(message)});
}

std::optional<protocol::created> test_client::create(const shared::partnership& p,
                                                     const protocol::profile& me) {
  const auto since = received_;
  last_error_.reset();
  if (!send(protocol::create_trajectory{p, me, {}})) return std::nullopt;
  auto reply = take_if(
      [](const protocol::server_message& m) {
        return std::holds_alternative<protocol::created>(m) ||
               std::holds_alternative<protocol::error>(m);
      },
      default_wait, since);
  if (!reply || !std::holds_alternative<protocol::created>(*reply)) return std::nullopt;
  return std::get<protocol::created>(*reply);
}

std::optional<protocol::joined> test_client::join(const std::string& code,
                                                  const protocol::profile& me) {
  const auto since = received_;
  last_error_.reset();
  if (!send(protocol::join_trajectory{code, me})) return std::nullopt;
  auto reply = take_if(
      [](const protocol::server_message& m) {
        return std::holds_alternative<protocol::joined>(m) ||
               std::holds_alternative<protocol::error>(m);
      },
      default_wait, since);
  if (!reply || !std::holds_alternative<protocol::joined>(*reply)) return std::nullopt;
  return std::get<protocol::joined>(*reply);
}

std::optional<protocol::welcome> test_client::hello(const std::string& token,
                                                    const std::string& client_id,
                                                    std::optional<std::uint64_t> last_seq,
                                                    ms timeout) {
  token_ = token;
  client_id_ = client_id;
  welcomed_ = false;
  caught_up_ = false;
  last_error_.reset();
  const auto since = received_;
  if (!send(protocol::hello{token, client_id, last_seq.value_or(replica_seq_), epoch_}, timeout))
    return std::nullopt;
  auto reply = take_if(
      [](const protocol::server_message& m) {
        return std::holds_alternative<protocol::welcome>(m) ||
               std::holds_alternative<protocol::error>(m);
      },
      timeout, since);
  if (!reply || !std::holds_alternative<protocol::welcome>(*reply)) return std::nullopt;
  // The catch-up (snapshot or missed ops) comes before the presence that lists us.
  if (!wait([this] { return caught_up_; }, timeout)) return std::nullopt;
  return std::get<protocol::welcome>(*reply);
}

std::uint64_t test_client::submit(shared::operation op, std::optional<std::uint64_t> base_seq) {
  protocol::submit s{next_client_seq_++, base_seq.value_or(replica_seq_), std::move(op)};
  sent_[s.client_seq] = s;
  pending_[s.client_seq] = s;
  send(s);
  return s.client_seq;
}

std::uint64_t test_client::submit_ballot(shared::operation op) {
  // Numbered apart from the ops, as the app numbers its ballots (client_core).
  protocol::submit s{next_ballot_seq_++, replica_seq_, std::move(op), true};
  sent_[s.client_seq] = s;
  pending_[s.client_seq] = s;
  send(s);
  return s.client_seq;
}

bool test_client::resend(std::uint64_t client_seq) {
  auto it = sent_.find(client_seq);
  if (it == sent_.end()) return false;
  pending_[client_seq] = it->second;
  // What the server answers now is what counts.
  acks_.erase(client_seq);
  rejects_.erase(client_seq);
  return send(it->second);
}

std::optional<std::uint64_t> test_client::wait_ack(std::uint64_t client_seq, ms timeout) {
  wait([&] { return acks_.count(client_seq) > 0 || rejects_.count(client_seq) > 0; }, timeout);
  if (auto it = acks_.find(client_seq); it != acks_.end()) return it->second;
  return std::nullopt;
}

std::optional<protocol::reject> test_client::wait_reject(std::uint64_t client_seq, ms timeout) {
  wait([&] { return acks_.count(client_seq) > 0 || rejects_.count(client_seq) > 0; }, timeout);
  if (auto it = rejects_.find(client_seq); it != rejects_.end()) return it->second;
  return std::nullopt;
}

std::optional<std::uint64_t> test_client::submit_acked(shared::operation op, ms timeout) {
  const auto seq = wait_ack(submit(std::move(op)), timeout);
  if (!seq || !wait_seq(*seq, timeout)) return std::nullopt;
  return seq;
}

std::optional<std::uint64_t> test_client::submit_ballot_acked(shared::operation op, ms timeout) {
  const auto seq = wait_ack(submit_ballot(std::move(op)), timeout);
  // The ack comes just before the op itself.
  if (!seq || !wait_seq(*seq, timeout)) return std::nullopt;
  return seq;
}

bool test_client::wait_seq(std::uint64_t seq, ms timeout) {
  return wait([&] { return replica_seq_ >= seq; }, timeout);
}

std::optional<std::uint16_t> moved_to_port(const std::optional<protocol::error>& e) {
  if (!e || e->code != protocol::error_code::moved) return std::nullopt;
  const auto colon = e->location.rfind(':');
  unsigned port = 0;
  if (colon == std::string::npos ||
      std::from_chars(e->location.data() + colon + 1, e->location.data() + e->location.size(), port)
              .ec != std::errc{} ||
      port == 0 || port > 65535)
    return std::nullopt;
  return static_cast<std::uint16_t>(port);
}

std::string test_client::reconnect(ms timeout) {
  const auto deadline = clock_type::now() + timeout;
  std::string last = "geen tijd meer";
  while (clock_type::now() < deadline) {
    const auto left = std::chrono::duration_cast<ms>(deadline - clock_type::now());
    last = connect(std::min<ms>(left, 1s));
    if (last.empty()) {
      if (hello(token_, client_id_, replica_seq_, std::min<ms>(left, 5s))) {
        // Everything not acknowledged goes again, with its own client_seq: the server acks
        // what it already has and applies the rest once.
        // (A copy: acks arriving while we send change pending_.)
        const auto again = pending_;
        for (const auto& [client_seq, s] : again) send(s);
        return {};
      }
      last = last_error_
                 ? "hello: " + std::string(name_of(last_error_->code)) + ": " + last_error_->reason
                 : "hello: geen antwoord (" + closed_because_ + ")";
      drop();
      // Another instance on the same database has the trajectory: go there, as a client does.
      if (auto port = moved_to_port(last_error_)) {
        port_ = *port;
        continue;
      }
    }
    std::this_thread::sleep_for(std::chrono::milliseconds(20));
  }
  return last;
}

}  // namespace jos::server::test
