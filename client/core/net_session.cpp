#include "client/core/net_session.hpp"

#include <openssl/err.h>
#include <openssl/ssl.h>

#include <deque>
#include <mutex>
#include <optional>
#include <thread>
#include <type_traits>

#include "client/core/backoff.hpp"
#include "protocol/beast/net.hpp"
#include "protocol/codec.hpp"
#include "protocol/json_reader.hpp"
#include "protocol/limits.hpp"

namespace jos::client {
namespace {

using clock = std::chrono::steady_clock;

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

int version_in(const std::string& text) {
  const auto j = protocol::json::parse(text, nullptr, false);
  if (j.is_object())
    if (auto v = j.find("v"); v != j.end() && v->is_number_integer()) return v->get<int>();
  return 0;
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
  link(std::uint64_t id, server_url url, const net_options& options, link_callbacks callbacks,
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
  const net_options& options_;
  link_callbacks callbacks_;
  tcp::resolver resolver_;
  websocket::stream<next_layer> ws_;
  websocket::response_type response_;
  beast::flat_buffer buffer_;
  std::deque<std::string> queue_;
  bool open_ = false;
  bool done_ = false;
};

}  // namespace

struct net_session::impl {
  impl(inbox<net_event>& events, net_options o)
      : inbox_(events),
        options(std::move(o)),
        reconnect(options.backoff_seed != 0 ? options.backoff_seed : std::random_device{}()) {
    tls.set_default_verify_paths();
    if (!options.trust_cert_file.empty()) {
      boost::system::error_code ec;
      tls.load_verify_file(options.trust_cert_file, ec);
      if (ec)
        trust_error = "Het certificaatbestand kon niet worden gelezen: " + options.trust_cert_file;
    }
    work.emplace(io.get_executor());
    thread = std::thread([this] { io.run(); });
    net::post(io, [this] { start_watchdog(); });
  }

  ~impl() {
    net::post(io, [this] {
      wanted = false;
      stopping = true;
      if (current) current->close(false);
      current.reset();
      retry_timer.cancel();
      watchdog.cancel();
    });
    work.reset();
    thread.join();
  }

  // ---- on the network thread ----

  void start_link() {
    retry_timer.cancel();
    if (current) current->close(false);
    const std::uint64_t id = ++link_id;
    link_callbacks cb{
        [this](std::uint64_t l) { on_up(l); },
        [this](std::uint64_t l, std::string text) { on_frame(l, std::move(text)); },
        [this](std::uint64_t l, std::string reason) { on_down(l, std::move(reason)); }};
    if (url->tls) {
      current = std::make_shared<link<true>>(id, *url, options, std::move(cb), io, tls);
    } else {
      current = std::make_shared<link<false>>(id, *url, options, std::move(cb), io);
    }
    started_at = clock::now();
    set_status(link_state::connecting, {}, std::nullopt);
    current->start();
  }

  void on_up(std::uint64_t id) {
    if (id != link_id) return;
    set_status(link_state::connected, {}, std::nullopt);
    inbox_.push(link_up{id});
  }

  void on_frame(std::uint64_t id, std::string text) {
    if (id != link_id) return;
    auto decoded = protocol::decode_server(text);
    if (auto* e = std::get_if<protocol::decode_error>(&decoded)) {
      if (e->code == protocol::error_code::version)
        return inbox_.push(unreadable{id, true, protocol::version_mismatch_text(version_in(text))});
      return inbox_.push(
          unreadable{id, false, "Onbegrijpelijk bericht van de server: " + e->message});
    }
    inbox_.push(received{id, std::move(std::get<protocol::server_message>(decoded))});
  }

  void on_down(std::uint64_t id, std::string reason) {
    if (id != link_id) return;
    current.reset();
    inbox_.push(link_down{id, reason});
    // A link that lived a while was a success: the next failure starts small again.
    if (clock::now() - started_at > std::chrono::seconds(10)) reconnect.reset();
    schedule_retry(std::move(reason));
  }

  void schedule_retry(std::string reason) {
    if (!wanted) return set_status(link_state::offline, std::move(reason), std::nullopt);
    const auto wait = reconnect.next();
    set_status(link_state::offline, std::move(reason), clock::now() + wait);
    retry_timer.expires_after(wait);
    retry_timer.async_wait([this](beast::error_code ec) {
      if (!ec && wanted && !current) start_link();
    });
  }

  void drop_link(std::string reason) {
    if (!current) return;
    current->close(true);
    current.reset();
    inbox_.push(link_down{link_id, reason});
    ++link_id;  // nothing from the old link counts any more
    set_status(link_state::offline, std::move(reason), std::nullopt);
  }

  // Suspend stops the steady clock but not the wall clock: a jump between the two means the
  // laptop slept, and whatever TCP connection we had is almost certainly dead. Start over
  // at once instead of waiting for the ping timeout.
  void start_watchdog() {
    if (stopping) return;
    wall_last = std::chrono::system_clock::now();
    steady_last = clock::now();
    watchdog.expires_after(std::chrono::seconds(2));
    watchdog.async_wait([this](beast::error_code ec) {
      if (ec) return;
      const auto wall = std::chrono::system_clock::now() - wall_last;
      const auto steady = clock::now() - steady_last;
      if (wanted && wall - steady > std::chrono::seconds(5)) {
        drop_link("Na de slaapstand wordt opnieuw verbonden.");
        reconnect.reset();
        start_link();
      }
      start_watchdog();
    });
  }

  void set_status(link_state state, std::optional<std::string> error,
                  std::optional<clock::time_point> retry_at) {
    std::lock_guard lock(status_mutex);
    status.state = state;
    if (error && !error->empty()) status.last_error = std::move(*error);
    if (state == link_state::connected) status.last_error.clear();
    status.retrying = retry_at.has_value();
    retry_deadline = retry_at.value_or(clock::time_point{});
  }

  inbox<net_event>& inbox_;
  net_options options;
  std::string trust_error;
  // Declared before the io_context: links still queued in it refer to the TLS context.
  ssl::context tls{ssl::context::tls_client};
  net::io_context io{1};
  net::steady_timer retry_timer{io};
  net::steady_timer watchdog{io};
  backoff reconnect;
  std::optional<server_url> url;
  bool wanted = false;
  bool stopping = false;
  std::uint64_t link_id = 0;
  std::shared_ptr<link_base> current;
  clock::time_point started_at;
  std::chrono::system_clock::time_point wall_last;
  clock::time_point steady_last;

  mutable std::mutex status_mutex;
  link_status status;
  clock::time_point retry_deadline;

  std::optional<net::executor_work_guard<net::io_context::executor_type>> work;
  std::thread thread;
};

net_session::net_session(net_options options)
    : impl_(std::make_unique<impl>(inbox_, std::move(options))) {}

net_session::~net_session() = default;

void net_session::connect(server_url url) {
  net::post(impl_->io, [i = impl_.get(), url = std::move(url)]() mutable {
    if (i->current && i->url == url && i->wanted) return;
    i->drop_link("Verbinding verbroken.");
    i->url = std::move(url);
    i->wanted = true;
    i->reconnect.reset();
    if (!i->trust_error.empty()) i->set_status(link_state::offline, i->trust_error, std::nullopt);
    i->start_link();
  });
}

void net_session::disconnect() {
  net::post(impl_->io, [i = impl_.get()] {
    i->wanted = false;
    i->retry_timer.cancel();
    i->drop_link("Verbinding verbroken.");
  });
}

void net_session::retry_now() {
  net::post(impl_->io, [i = impl_.get()] {
    if (i->wanted && !i->current) {
      i->reconnect.reset();
      i->start_link();
    }
  });
}

void net_session::reconnect() {
  net::post(impl_->io, [i = impl_.get()] {
    if (!i->wanted) return;
    i->drop_link("Opnieuw verbinden om bij te werken.");
    i->start_link();
  });
}

void net_session::send(std::uint64_t link, std::string text) {
  net::post(impl_->io, [i = impl_.get(), link, text = std::move(text)]() mutable {
    if (link == i->link_id && i->current) i->current->send(std::move(text));
  });
}

link_status net_session::status() const {
  std::lock_guard lock(impl_->status_mutex);
  link_status s = impl_->status;
  if (s.retrying)
    s.retry_in_seconds =
        std::max(0.0, std::chrono::duration<double>(impl_->retry_deadline - clock::now()).count());
  return s;
}

}  // namespace jos::client
