#include "server/http_session.hpp"

#include <algorithm>
#include <type_traits>

#include "server/clock.hpp"
#include "server/exports.hpp"
#include "server/log.hpp"
#include "server/request_origin.hpp"
#include "server/ws_session.hpp"

namespace jos::server {
namespace {

template <typename Stream>
class http_session : public std::enable_shared_from_this<http_session<Stream>> {
 public:
  http_session(Stream&& stream, beast::flat_buffer buffer, std::shared_ptr<server_context> ctx,
               std::shared_ptr<void> slot)
      : stream_(std::move(stream)),
        buffer_(std::move(buffer)),
        ctx_(std::move(ctx)),
        slot_(std::move(slot)) {
    beast::error_code ec;
    const auto endpoint = beast::get_lowest_layer(stream_).socket().remote_endpoint(ec);
    address_ = ec ? "?" : endpoint.address().to_string();
    const auto local = beast::get_lowest_layer(stream_).socket().local_endpoint(ec);
    listening_on_loopback_ = !ec && local.address().is_loopback();
  }

  void run() { do_read(); }

 private:
  void do_read() {
    parser_.emplace();
    parser_->header_limit(8 * 1024);
    parser_->body_limit(std::uint64_t{16} * 1024);
    // A request (or the next one on a kept-alive connection) must come within the
    // handshake timeout: a slow or silent peer does not hold a connection for long.
    beast::get_lowest_layer(stream_).expires_after(
        std::chrono::seconds(ctx_->cfg.handshake_timeout_seconds));
    http::async_read(stream_, buffer_, *parser_,
                     beast::bind_front_handler(&http_session::on_read, this->shared_from_this()));
  }

  void on_read(beast::error_code ec, std::size_t) {
    if (ec == http::error::end_of_stream) return shutdown();
    if (ec) {
      if (ec == http::error::body_limit || ec == http::error::header_limit)
        return respond(http::status::payload_too_large, "Verzoek te groot.\n", false);
      return;  // a broken or slow request: drop it
    }
    auto request = parser_->release();
    const request_facts facts = facts_of(request);
    if (websocket::is_upgrade(request)) {
      if (request.target() != "/ws")
        return respond(http::status::not_found, "WebSocket alleen op /ws.\n", false);
      if (!origin_allowed(facts, ctx_->cfg.allowed_origins, ctx_->cfg.trusted_proxies))
        return respond(http::status::forbidden, "Deze Origin is niet toegestaan.\n", false);
      return run_websocket_session(std::move(stream_), std::move(request), ctx_,
                                   client_address(facts, ctx_->cfg.trusted_proxies),
                                   std::move(slot_));
    }
    handle(request);
  }

  request_facts facts_of(const upgrade_request& request) const {
    request_facts f;
    f.peer = address_;
    f.tls = !std::is_same_v<Stream, beast::tcp_stream>;
    f.host = request[http::field::host];
    f.origin = request[http::field::origin];
    f.forwarded_for = request["X-Forwarded-For"];
    f.forwarded_proto = request["X-Forwarded-Proto"];
    f.loopback_only = listening_on_loopback_;
    return f;
  }

  void handle(const upgrade_request& request) {
    const bool keep_alive = request.keep_alive();
    if (request.method() != http::verb::get && request.method() != http::verb::head)
      return respond(http::status::method_not_allowed, "Alleen GET.\n", keep_alive);
    const auto target = request.target();
    if (target == "/healthz") return respond(http::status::ok, "ok\n", keep_alive);
    if (target == "/metrics") {
      if (!metrics_allowed())
        return respond(http::status::forbidden,
                       "Metrics alleen vanaf deze machine of een adres uit --metrics-from.\n",
                       keep_alive);
      return respond(http::status::ok, ctx_->stats.render(), keep_alive,
                     "text/plain; version=0.0.4; charset=utf-8");
    }
    if (target.starts_with("/export/")) return export_file(request, keep_alive);
    if (auto page = ctx_->web.answer(target, request.method() == http::verb::head,
                                     request[http::field::accept_encoding],
                                     request[http::field::if_none_match]))
      return respond_web(std::move(*page), keep_alive);
    respond(http::status::not_found, "Niet gevonden.\n", keep_alive);
  }

  // The browser client's files (web_client decides every header; see web_client.hpp).
  void respond_web(web_response page, bool keep_alive) {
    auto response = std::make_shared<http::response<http::string_body>>(
        static_cast<http::status>(page.status), 11);
    response->set(http::field::server, "jos-server");
    for (auto& [name, value] : page.headers) response->set(name, value);
    response->keep_alive(keep_alive);
    response->body() = std::move(page.body);
    write(std::move(response), keep_alive);
  }

  // What the server is doing (connections, rooms, refusals) is for its operator: loopback,
  // or the addresses the operator named (a Prometheus on another machine).
  bool metrics_allowed() const {
    beast::error_code ec;
    auto address = net::ip::make_address(address_, ec);
    if (ec) return false;
    if (address.is_v6() && address.to_v6().is_v4_mapped())
      address = net::ip::make_address_v4(net::ip::v4_mapped, address.to_v6());
    if (address.is_loopback()) return true;
    const auto& allowed = ctx_->cfg.metrics_from;
    return std::any_of(allowed.begin(), allowed.end(), [&](const std::string& a) {
      beast::error_code parse_error;
      const auto listed = net::ip::make_address(a, parse_error);
      return !parse_error && listed == address;
    });
  }

  // Documents to send around, for members only: the participant token as a bearer token.
  void export_file(const upgrade_request& request, bool keep_alive) {
    const std::string file(request.target().substr(std::string_view("/export/").size()));
    auto auth = request.find(http::field::authorization);
    const std::string_view prefix = "Bearer ";
    if (auth == request.end() || !auth->value().starts_with(prefix))
      return respond(http::status::unauthorized, "Alleen voor deelnemers: stuur je token mee.\n",
                     keep_alive);
    std::string token(auth->value().substr(prefix.size()));
    ctx_->rooms->member_state(std::move(token), [self = this->shared_from_this(), file,
                                                 keep_alive](auto reply) {
      if (auto* e = std::get_if<protocol::error>(&reply)) {
        return net::post(self->stream_.get_executor(), [self, keep_alive, reason = e->reason] {
          self->respond(http::status::unauthorized, reason + "\n", keep_alive);
        });
      }
      net::post(self->ctx_->exports, [self, file, keep_alive,
                                      state = std::move(std::get<shared::trajectory>(reply))] {
        auto rendered = render_export(state, file, wall_clock_ms());
        net::post(self->stream_.get_executor(), [self, keep_alive, rendered = std::move(rendered)] {
          if (!rendered)
            return self->respond(http::status::not_found, "Onbekend document.\n", keep_alive);
          self->respond(http::status::ok, rendered->bytes, keep_alive, rendered->mime.c_str(),
                        rendered->name);
        });
      });
    });
  }

  void respond(http::status status, std::string body, bool keep_alive,
               const char* type = "text/plain; charset=utf-8", const std::string& download = {}) {
    auto response = std::make_shared<http::response<http::string_body>>(status, 11);
    if (!download.empty())
      response->set(http::field::content_disposition, "attachment; filename=\"" + download + "\"");
    response->set(http::field::server, "jos-server");
    // Over TLS: browsers are to come back over TLS only, for a year.
    if constexpr (!std::is_same_v<Stream, beast::tcp_stream>)
      response->set(http::field::strict_transport_security, "max-age=31536000");
    response->set(http::field::content_type, type);
    response->keep_alive(keep_alive);
    response->body() = std::move(body);
    response->prepare_payload();
    write(std::move(response), keep_alive);
  }

  void write(std::shared_ptr<http::response<http::string_body>> response, bool keep_alive) {
    http::async_write(
        stream_, *response,
        [self = this->shared_from_this(), response, keep_alive](beast::error_code ec, std::size_t) {
          if (ec) return;
          if (keep_alive) return self->do_read();
          self->shutdown();
        });
  }

  void shutdown() {
    beast::error_code ec;
    beast::get_lowest_layer(stream_).socket().shutdown(tcp::socket::shutdown_send, ec);
  }

  Stream stream_;
  beast::flat_buffer buffer_;
  std::shared_ptr<server_context> ctx_;
  std::shared_ptr<void> slot_;
  std::string address_;  // the TCP peer's
  bool listening_on_loopback_ = false;
  std::optional<http::request_parser<http::string_body>> parser_;
};

}  // namespace

void run_http_session(beast::tcp_stream stream, beast::flat_buffer buffer,
                      std::shared_ptr<server_context> ctx, std::shared_ptr<void> slot) {
  std::make_shared<http_session<beast::tcp_stream>>(std::move(stream), std::move(buffer),
                                                    std::move(ctx), std::move(slot))
      ->run();
}

void run_http_session(beast::ssl_stream<beast::tcp_stream> stream, beast::flat_buffer buffer,
                      std::shared_ptr<server_context> ctx, std::shared_ptr<void> slot) {
  std::make_shared<http_session<beast::ssl_stream<beast::tcp_stream>>>(
      std::move(stream), std::move(buffer), std::move(ctx), std::move(slot))
      ->run();
}

}  // namespace jos::server
