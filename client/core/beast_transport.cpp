// The desktop's transport: Boost.Beast with OpenSSL on a network thread of its own.
#include <openssl/err.h>
#include <openssl/ssl.h>

#include <deque>
#include <optional>
#include <thread>
#include <type_traits>

#include "client/core/inbox.hpp"
#include "client/core/transport.hpp"
#include "protocol/beast/net.hpp"
#include "protocol/limits.hpp"

namespace jos::client {
namespace {

// Why a connection failed, in words for the status bar.
std::string describe(beast::error_code ec, const server_url& url) {
  if (ec == net::error::host_not_found || ec == net::error::host_not_found_try_again ||
      ec == net::error::no_data)
    return "Het serveradres ‘" + url.host + "’ is onbekend.";
  if (ec == net::error::connection_refused)
    return "De server is niet bereikbaar (verbinding geweigerd).";
  if (ec == net::error::network_unreachable || ec == net::error::host_unreachable ||
      ec == net::error::network_down)
    return "Geen netwerk: de server is onbereikbaar.";
  if (ec == beast::error::timeout) return "De server antwoordt niet.";
  if (ec == websocket::error::closed) return "De server heeft de verbinding gesloten.";
  if (ec == net::error::eof || ec == net::error::connection_reset ||
      ec == net::error::connection_aborted || ec == ssl::error::stream_truncated ||
      ec == net::error::broken_pipe)
    return "De verbinding werd verbroken.";
  if (ec.category() == net::error::get_ssl_category()) {
    const int reason = ERR_GET_REASON(static_cast<unsigned long>(ec.value()));
    if (reason == SSL_R_CERTIFICATE_VERIFY_FAILED)
      return "Het certificaat van de server wordt niet vertrouwd.";
    if (reason == SSL_R_WRONG_VERSION_NUMBER || reason == SSL_R_PACKET_LENGTH_TOO_LONG ||
        reason == SSL_R_HTTP_REQUEST)
      return "De server spreekt geen beveiligde verbinding; gebruik ws:// in plaats van wss://.";
    return "Beveiligde verbinding mislukt: " + ec.message();
  }
  return "Verbindingsfout: " + ec.message();
}

// The server answered the upgrade request with plain HTTP.
std::string describe_refusal(unsigned status) {
  switch (status) {
    case 426: return "De server verwacht een beveiligde verbinding (wss://).";
    case 404: return "Op dit adres draait geen jos-server (geen /ws).";
    case 403: return "De server weigert deze verbinding.";
    default: return "De server weigert de verbinding (HTTP " + std::to_string(status) + ").";
  }
}

struct link_callbacks {
  std::function<void(std::uint64_t)> up;
  std::function<void(std::uint64_t, std::string)> frame;
  std::function<void(std::uint64_t, std::string)> down;
};

class link_base {
 public:
  virtual ~link_base() = default;
  virtual void start() = 0;
  virtual void send(std::string text) = 0;
  virtual void close(bool polite) = 0;
};

// One connection attempt and, if it succeeds, the connection: resolve, connect, (TLS,)
// WebSocket handshake, then one read and at most one write in flight.
template <bool Tls>
class link final : public link_base, public std::enable_shared_from_this<link<Tls>> {
 public:
  using next_layer =
      std::conditional_t<Tls, beast::ssl_stream<beast::tcp_stream>, beast::tcp_stream>;

  template <typename... Args>
  link(std::uint64_t id, server_url url, const transport_options& options, link_callbacks callbacks,
       net::io_context& io, Args&&... layer_args)
      : id_(id),
        url_(std::move(url)),
        options_(options),
        callbacks_(std::move(callbacks)),
        resolver_(io),
        ws_(io, std::forward<Args>(layer_args)...) {}

  void start() override {
    resolver_.async_resolve(url_.host, std::to_string(url_.port),
                            beast::bind_front_handler(&link::on_resolve, this->shared_from_this()));
  }

  void send(std::string text) override {
    if (!open_ || done_) return;
    queue_.push_back(std::move(text));
    if (queue_.size() == 1) do_write();
  }

  void close(bool polite) override {
    if (done_) return;
    done_ = true;  // whoever closes us reports it; our own handlers stay silent
    // A close frame is a write: only when no other write is in flight.
    if (polite && open_ && queue_.empty()) {
      ws_.async_close(websocket::close_code::going_away,
                      [self = this->shared_from_this()](beast::error_code) {});
      return;
    }
    beast::error_code ignored;
    resolver_.cancel();
    beast::get_lowest_layer(ws_).socket().close(ignored);
  }

 private:
  void on_resolve(beast::error_code ec, tcp::resolver::results_type results) {
    if (ec) return fail(describe(ec, url_));
    // A TCP connect to a dead address can hang for minutes; bound it.
    beast::get_lowest_layer(ws_).expires_after(options_.connect_timeout);
    beast::get_lowest_layer(ws_).async_connect(
        results, beast::bind_front_handler(&link::on_connect, this->shared_from_this()));
  }

  void on_connect(beast::error_code ec, tcp::endpoint) {
    if (ec) return fail(describe(ec, url_));
    beast::error_code ignored;
    beast::get_lowest_layer(ws_).socket().set_option(tcp::no_delay(true), ignored);
    if constexpr (Tls) {
      auto& tls = ws_.next_layer();
      // SNI, so a server behind a shared address presents the right certificate, and a
      // certificate that must name this host.
      boost::system::error_code address_ec;
      net::ip::make_address(url_.host, address_ec);
      if (address_ec && !SSL_set_tlsext_host_name(tls.native_handle(), url_.host.c_str()))
        return fail("Beveiligde verbinding mislukt (SNI).");
      tls.set_verify_mode(ssl::verify_peer);
      tls.set_verify_callback(ssl::host_name_verification(url_.host));
      tls.async_handshake(ssl::stream_base::client,
                          beast::bind_front_handler(&link::on_tls, this->shared_from_this()));
    } else {
      do_ws_handshake();
    }
  }

  void on_tls(beast::error_code ec) {
    if (ec) return fail(describe(ec, url_));
    do_ws_handshake();
  }

  void do_ws_handshake() {
    // From here the WebSocket's own timeouts apply: a handshake limit, then pings when the
    // line is quiet, and a dead peer is declared after idle_timeout.
    beast::get_lowest_layer(ws_).expires_never();
    websocket::stream_base::timeout timeouts{};
    timeouts.handshake_timeout = options_.connect_timeout;
    timeouts.idle_timeout = options_.idle_timeout;
    timeouts.keep_alive_pings = true;
    ws_.set_option(timeouts);
    ws_.read_message_max(protocol::max_snapshot_bytes + 1024);
    ws_.set_option(websocket::stream_base::decorator(
        [](websocket::request_type& req) { req.set(http::field::user_agent, "jos-client"); }));
    const std::string host = url_.host.find(':') != std::string::npos
                                 ? "[" + url_.host + "]:" + std::to_string(url_.port)
                                 : url_.host + ":" + std::to_string(url_.port);
    ws_.async_handshake(response_, host, url_.target,
                        beast::bind_front_handler(&link::on_handshake, this->shared_from_this()));
  }

  void on_handshake(beast::error_code ec) {
    if (ec == websocket::error::upgrade_declined)
      return fail(describe_refusal(response_.result_int()));
    if (ec) return fail(describe(ec, url_));
    if (done_) return;
    open_ = true;
    callbacks_.up(id_);
    do_read();
  }

  void do_read() {
    ws_.async_read(buffer_, beast::bind_front_handler(&link::on_read, this->shared_from_this()));
  }

  void on_read(beast::error_code ec, std::size_t) {
    if (ec) {
      if (ec == beast::error::timeout)
        return fail("Verbinding verloren: de server antwoordt niet meer.");
      return fail(describe(ec, url_));
    }
    if (done_) return;
    callbacks_.frame(id_, beast::buffers_to_string(buffer_.data()));
    buffer_.consume(buffer_.size());
    do_read();
  }

  void do_write() {
    ws_.text(true);
    ws_.async_write(net::buffer(queue_.front()),
                    beast::bind_front_handler(&link::on_write, this->shared_from_this()));
  }

  void on_write(beast::error_code ec, std::size_t) {
    if (ec) return fail(describe(ec, url_));
    queue_.pop_front();
    if (!queue_.empty() && !done_) do_write();
  }

  void fail(std::string reason) {
    if (done_) return;
    done_ = true;
    beast::error_code ignored;
    beast::get_lowest_layer(ws_).socket().close(ignored);
    callbacks_.down(id_, std::move(reason));
  }

  std::uint64_t id_;
  server_url url_;
  const transport_options& options_;
  link_callbacks callbacks_;
  tcp::resolver resolver_;
  websocket::stream<next_layer> ws_;
  websocket::response_type response_;
  beast::flat_buffer buffer_;
  std::deque<std::string> queue_;
  bool open_ = false;
  bool done_ = false;
};

// Beast on its own network thread: every call posts there, every event goes through an
// inbox to the thread that drains it. Without a thread (own_thread false) the I/O runs in
// drain() and wait() on the caller's thread, as the browser's WebSocket does.
class beast_transport final : public transport {
 public:
  explicit beast_transport(transport_options options) : options_(std::move(options)) {
    tls_.set_default_verify_paths();
    if (!options_.trust_cert_file.empty()) {
      boost::system::error_code ec;
      tls_.load_verify_file(options_.trust_cert_file, ec);
      if (ec)
        setup_problem_ =
            "Het certificaatbestand kon niet worden gelezen: " + options_.trust_cert_file;
    }
    work_.emplace(io_.get_executor());
    if (options_.own_thread) thread_ = std::thread([this] { io_.run(); });
  }

  ~beast_transport() override {
    net::post(io_, [this] {
      if (current_) current_->close(false);
      current_.reset();
    });
    work_.reset();
    if (thread_.joinable()) {
      thread_.join();
    } else {
      io_.poll();
    }
  }

  beast_transport(const beast_transport&) = delete;
  beast_transport& operator=(const beast_transport&) = delete;

  void open(std::uint64_t id, const server_url& url) override {
    net::post(io_, [this, id, url] {
      if (current_) current_->close(false);
      current_id_ = id;
      link_callbacks cb{[this](std::uint64_t l) { inbox_.push(transport_opened{l}); },
                        [this](std::uint64_t l, std::string text) {
                          inbox_.push(transport_frame{l, std::move(text)});
                        },
                        [this](std::uint64_t l, std::string reason) {
                          if (l == current_id_) current_.reset();
                          inbox_.push(transport_closed{l, std::move(reason)});
                        }};
      if (url.tls) {
        current_ = std::make_shared<link<true>>(id, url, options_, std::move(cb), io_, tls_);
      } else {
        current_ = std::make_shared<link<false>>(id, url, options_, std::move(cb), io_);
      }
      current_->start();
    });
  }

  void send(std::uint64_t id, std::string text) override {
    net::post(io_, [this, id, text = std::move(text)]() mutable {
      if (id == current_id_ && current_) current_->send(std::move(text));
    });
  }

  void close(std::uint64_t id) override {
    net::post(io_, [this, id] {
      if (id != current_id_ || !current_) return;
      current_->close(true);
      current_.reset();
    });
  }

  std::vector<transport_event> drain() override {
    if (!thread_.joinable()) io_.poll();
    return inbox_.drain();
  }

  bool wait(std::chrono::milliseconds timeout) override {
    if (thread_.joinable()) return inbox_.wait_for(timeout);
    // Without a thread of its own, waiting is running the I/O on the caller's thread.
    const auto deadline = std::chrono::steady_clock::now() + timeout;
    while (!inbox_.ready() && std::chrono::steady_clock::now() < deadline)
      io_.run_one_until(deadline);
    return inbox_.ready();
  }
  void set_wake(std::function<void()> wake) override { inbox_.set_wake(std::move(wake)); }
  std::string setup_problem() const override { return setup_problem_; }

 private:
  transport_options options_;
  std::string setup_problem_;
  inbox<transport_event> inbox_;
  // Declared before the io_context: links still queued in it refer to the TLS context.
  ssl::context tls_{ssl::context::tls_client};
  net::io_context io_{1};
  // Touched only on the network thread.
  std::shared_ptr<link_base> current_;
  std::uint64_t current_id_ = 0;
  std::optional<net::executor_work_guard<net::io_context::executor_type>> work_;
  std::thread thread_;
};

}  // namespace

std::unique_ptr<transport> make_platform_transport(const transport_options& options) {
  return std::make_unique<beast_transport>(options);
}

}  // namespace jos::client
