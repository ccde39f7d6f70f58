#include "client/core/net_session.hpp"

#include <algorithm>
#include <random>

#include "protocol/codec.hpp"
#include "protocol/json_reader.hpp"

namespace jos::client {
namespace {

// A link that lived this long was a success: the next failure starts small again.
constexpr auto settled_link = std::chrono::seconds(10);
// More wall-clock than steady-clock time between two looks: the machine slept.
constexpr auto slept = std::chrono::seconds(5);

int version_in(const std::string& text) {
  const auto j = protocol::json::parse(text, nullptr, false);
  if (j.is_object())
    if (auto v = j.find("v"); v != j.end() && v->is_number_integer()) return v->get<int>();
  return 0;
}

}  // namespace

net_session::net_session(net_options options, std::unique_ptr<transport> carrier)
    : options_(std::move(options)),
      transport_(carrier
                     ? std::move(carrier)
                     : make_platform_transport({options_.trust_cert_file, options_.idle_timeout,
                                                options_.connect_timeout, options_.own_thread})),
      backoff_(options_.backoff_seed != 0 ? options_.backoff_seed : std::random_device{}()),
      wall_last_(std::chrono::system_clock::now()),
      steady_last_(clock::now()) {}

net_session::~net_session() {
  if (link_alive_) transport_->close(link_);
}

void net_session::connect(server_url url) {
  if (link_alive_ && url_ == url && wanted_) return;
  drop_link("Verbinding verbroken.");
  url_ = std::move(url);
  wanted_ = true;
  backoff_.reset();
  if (auto problem = transport_->setup_problem(); !problem.empty())
    set_status(link_state::offline, problem, std::nullopt);
  start_link();
}

void net_session::disconnect() {
  wanted_ = false;
  retry_at_.reset();
  drop_link("Verbinding verbroken.");
}

void net_session::retry_now() {
  if (!wanted_ || link_alive_) return;
  backoff_.reset();
  start_link();
}

void net_session::reconnect() {
  if (!wanted_) return;
  drop_link("Opnieuw verbinden om bij te werken.");
  start_link();
}

void net_session::drop_and_retry_later(const std::string& reason) {
  if (!link_alive_) return;
  transport_->close(link_);
  on_closed(link_, reason);
}

void net_session::send(std::uint64_t link, std::string text) {
  if (link == link_ && link_alive_ && status_.state == link_state::connected)
    transport_->send(link, std::move(text));
}

void net_session::start_link() {
  retry_at_.reset();
  if (link_alive_) transport_->close(link_);
  link_ = link_ + 1;
  link_alive_ = true;
  started_at_ = clock::now();
  set_status(link_state::connecting, {}, std::nullopt);
  transport_->open(link_, *url_);
}

void net_session::drop_link(const std::string& reason) {
  if (!link_alive_) return;
  transport_->close(link_);
  link_alive_ = false;
  events_.emplace_back(link_down{link_, reason});
  ++link_;  // nothing from the old link counts any more
  set_status(link_state::offline, reason, std::nullopt);
}

std::vector<net_event> net_session::drain() {
  for (auto& e : transport_->drain()) {
    std::visit(
        [this](auto& ev) {
          using T = std::decay_t<decltype(ev)>;
          if constexpr (std::is_same_v<T, transport_opened>) {
            on_opened(ev.link);
          } else if constexpr (std::is_same_v<T, transport_frame>) {
            on_frame(ev.link, ev.text);
          } else {
            on_closed(ev.link, ev.reason);
          }
        },
        e);
  }
  run_timers(clock::now());
  std::vector<net_event> out;
  out.swap(events_);
  return out;
}

void net_session::on_opened(std::uint64_t link) {
  if (link != link_ || !link_alive_) return;
  set_status(link_state::connected, {}, std::nullopt);
  events_.emplace_back(link_up{link});
}

void net_session::on_frame(std::uint64_t link, const std::string& text) {
  if (link != link_ || !link_alive_) return;
  auto decoded = protocol::decode_server(text);
  if (auto* e = std::get_if<protocol::decode_error>(&decoded)) {
    const bool version = e->code == protocol::error_code::version;
    events_.emplace_back(unreadable{link,
                                    version ? protocol::version_mismatch_text(version_in(text))
                                            : "Onbegrijpelijk bericht van de server: " + e->message,
                                    version});
    return;
  }
  events_.emplace_back(received{link, std::move(std::get<protocol::server_message>(decoded))});
}

void net_session::on_closed(std::uint64_t link, const std::string& reason) {
  if (link != link_ || !link_alive_) return;
  link_alive_ = false;
  events_.emplace_back(link_down{link, reason});
  if (clock::now() - started_at_ > settled_link) backoff_.reset();
  if (!wanted_) return set_status(link_state::offline, reason, std::nullopt);
  const auto wait = backoff_.next();
  retry_at_ = clock::now() + wait;
  set_status(link_state::offline, reason, retry_at_);
}

void net_session::run_timers(clock::time_point now) {
  const auto wall = std::chrono::system_clock::now();
  const bool woke_from_sleep = (wall - wall_last_) - (now - steady_last_) > slept;
  wall_last_ = wall;
  steady_last_ = now;
  if (woke_from_sleep && wanted_) {
    // Whatever TCP connection we had is almost certainly dead: start over at once instead
    // of waiting for the ping timeout.
    drop_link("Na de slaapstand wordt opnieuw verbonden.");
    backoff_.reset();
    return start_link();
  }
  if (link_alive_ && status_.state == link_state::connecting &&
      now - started_at_ > options_.connect_timeout) {
    transport_->close(link_);
    return on_closed(link_, "De server antwoordt niet.");
  }
  if (retry_at_ && now >= *retry_at_ && wanted_ && !link_alive_) start_link();
}

std::optional<net_session::clock::time_point> net_session::next_deadline() const {
  if (link_alive_ && status_.state == link_state::connecting)
    return started_at_ + options_.connect_timeout;
  return retry_at_;
}

bool net_session::wait(std::chrono::milliseconds timeout) {
  if (!events_.empty()) return true;
  if (const auto deadline = next_deadline()) {
    const auto left =
        std::chrono::duration_cast<std::chrono::milliseconds>(*deadline - clock::now());
    timeout = std::clamp(left, std::chrono::milliseconds(0), timeout);
  }
  return transport_->wait(timeout);
}

void net_session::set_status(link_state state, const std::string& error,
                             std::optional<clock::time_point> retry_at) {
  status_.state = state;
  if (!error.empty()) status_.last_error = error;
  if (state == link_state::connected) status_.last_error.clear();
  status_.retrying = retry_at.has_value();
  retry_at_ = retry_at;
}

link_status net_session::status() const {
  link_status s = status_;
  if (s.retrying && retry_at_)
    s.retry_in_seconds =
        std::max(0.0, std::chrono::duration<double>(*retry_at_ - clock::now()).count());
  return s;
}

}  // namespace jos::client
