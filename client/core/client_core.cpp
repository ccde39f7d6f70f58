#include "client/core/client_core.hpp"

#include <algorithm>
#include <cctype>

#include "client/core/files.hpp"
#include "client/core/today.hpp"
#include "protocol/codec.hpp"
#include "protocol/limits.hpp"
#include "protocol/state_codec.hpp"

namespace jos::client {
namespace {

using namespace shared;
using clock = std::chrono::steady_clock;

std::string file_safe(const std::string& s) {
  std::string out;
  for (char c : s)
    out.push_back(std::isalnum(static_cast<unsigned char>(c)) || c == '-' || c == '_' ? c : '_');
  return out.substr(0, 64);
}

}  // namespace

void client_core::wake_box::operator()() {
  std::function<void()> f;
  {
    std::lock_guard lock(mutex);
    f = wake;
  }
  if (f) f();
}

client_core::client_core(core_options options)
    : options_(std::move(options)),
      config_dir_(options_.config_dir.empty() ? default_config_dir() : options_.config_dir),
      net_(net_options{options_.trust_cert_file, options_.idle_timeout, std::chrono::seconds(10), 0,
                       !options_.single_threaded}),
      outbox_(!options_.single_threaded, [w = wake_] { (*w)(); }) {
  std::string error;
  settings_ = load_settings(config_dir_, error);
  if (!error.empty()) say(error);
  replica_.set_client_id(settings_.client_id);
  if (!settings_.server.empty()) use_server(settings_.server);
}

client_core::~client_core() { outbox_.close(replica_); }

void client_core::set_wake(std::function<void()> wake) {
  {
    std::lock_guard lock(wake_->mutex);
    wake_->wake = wake;
  }
  net_.set_wake(std::move(wake));
}

std::optional<clock::time_point> client_core::next_due() const {
  auto due = net_.next_deadline();
  if (const auto focus = presence_.focus_due(); focus && live() && (!due || *focus < *due))
    due = focus;
  return due;
}

// ---- identity ----

void client_core::save_remembered() {
  std::string error;
  if (!save_settings(config_dir_, settings_, error)) say("Instellingen niet opgeslagen: " + error);
}

void client_core::set_profile(const protocol::profile& me) {
  if (settings_.me == me) return;
  settings_.me = me;
  save_remembered();
}

void client_core::remember_start_form(const start_form& form, const protocol::profile& me) {
  if (settings_.form == form && settings_.me == me) return;
  settings_.form = form;
  settings_.me = me;
  save_remembered();
}

void client_core::remember_zoom(int percent) {
  if (settings_.zoom_percent == percent) return;
  settings_.zoom_percent = percent;
  save_remembered();
}

std::string client_core::use_server(const std::string& address) {
  auto parsed = parse_server_url(address);
  if (!parsed.url) return parsed.error;
  if (settings_.server != address) {
    settings_.server = address;
    save_remembered();
  }
  if (url_ && *url_ == *parsed.url && phase() != session_phase::start) return {};
  const bool switching = url_ && !(*url_ == *parsed.url);
  url_ = parsed.url;
  run(session_.choose_server(switching, identity().has_value()));
  return {};
}

std::optional<server_identity> client_core::identity() const {
  if (!url_) return std::nullopt;
  auto it = settings_.servers.find(url_->text());
  if (it == settings_.servers.end()) return std::nullopt;
  return it->second;
}

void client_core::remember_identity(const server_identity& id) {
  settings_.servers[url_->text()] = id;
  save_remembered();
}

void client_core::forget_stored_identity() {
  settings_.servers.erase(url_->text());
  save_remembered();
}

void client_core::create_trajectory(const partnership& partners, const protocol::profile& me,
                                    const std::string& creation_code) {
  if (!url_) return say("Kies eerst een server.");
  set_profile(me);
  run(session_.request_registration(protocol::create_trajectory{partners, me, creation_code}));
}

void client_core::join(const std::string& code, const protocol::profile& me) {
  if (!url_) return say("Kies eerst een server.");
  set_profile(me);
  run(session_.request_registration(protocol::join_trajectory{code, me}));
}

void client_core::forget_identity() {
  if (!url_) return;
  run(session_.forget());
}

std::filesystem::path client_core::journal_path(const std::string& trajectory_id) const {
  return config_dir_ / "journal" /
         (file_safe(trajectory_id) + "-" +
          protocol::fnv1a_hex(url_ ? url_->text() : std::string{}) + ".jsonl");
}

void client_core::open_trajectory(const std::string& trajectory_id) {
  if (outbox_.is_open() && outbox_.trajectory_id() == trajectory_id) return;
  close_trajectory();
  for (auto& n :
       outbox_.open(journal_path(trajectory_id), settings_.client_id, trajectory_id, replica_))
    say(std::move(n));
  if (auto id = identity()) replica_.set_me(id->person);
}

void client_core::close_trajectory() {
  outbox_.close(replica_);
  replica_.clear();
  presence_.clear();
  session_.trajectory_closed();
}

// ---- the event loop ----

bool client_core::poll() {
  auto events = net_.drain();
  const std::uint64_t before = replica_.revision();
  const session_phase phase_before = phase();
  for (auto& e : events) {
    std::visit(
        [this](auto& ev) {
          using T = std::decay_t<decltype(ev)>;
          if constexpr (std::is_same_v<T, link_up>) {
            run(session_.link_up(ev.link, identity().has_value()));
          } else if constexpr (std::is_same_v<T, link_down>) {
            run(session_.link_down(ev.link, ev.reason));
          } else if constexpr (std::is_same_v<T, received>) {
            if (ev.link == session_.link()) handle(ev.message);
          } else if constexpr (std::is_same_v<T, unreadable>) {
            if (ev.link == session_.link())
              run(session_.unreadable(ev.version_mismatch, ev.reason));
          }
        },
        e);
  }
  after_change();
  sync_focus();
  return !events.empty() || replica_.revision() != before || phase() != phase_before;
}

bool client_core::wait_and_poll(std::chrono::milliseconds timeout) {
  // The journal thread does not signal this wait; short slices keep its sends moving.
  net_.wait(std::min(timeout, std::chrono::milliseconds(10)));
  return poll();
}

bool client_core::run_until(const std::function<bool()>& done, std::chrono::milliseconds timeout) {
  const auto deadline = clock::now() + timeout;
  poll();
  while (!done()) {
    const auto left =
        std::chrono::duration_cast<std::chrono::milliseconds>(deadline - clock::now());
    if (left.count() <= 0) return false;
    wait_and_poll(left);
  }
  return true;
}

void client_core::run(const session_actions& actions, const server_identity* adopted) {
  for (const auto& a : actions) {
    switch (a.step) {
      case session_step::connect:
        followed_.reset();
        if (url_) net_.connect(*url_);
        break;
      case session_step::disconnect:
        followed_.reset();
        net_.disconnect();
        break;
      case session_step::reconnect: net_.reconnect(); break;
      case session_step::link_lost:
        presence_.link_lost();
        replica_.link_lost();
        outbox_.link_lost();
        break;
      case session_step::send_registration:
        if (session_.registration()) send(*session_.registration());
        break;
      case session_step::send_hello: send_hello(); break;
      case session_step::close_trajectory: close_trajectory(); break;
      case session_step::adopt_identity:
        if (adopted != nullptr) remember_identity(*adopted);
        break;
      case session_step::open_trajectory:
        if (auto id = identity()) open_trajectory(id->trajectory_id);
        break;
      case session_step::forget_identity: forget_stored_identity(); break;
      case session_step::notice_error: say(a.text, true); break;
      case session_step::notice_info: say(a.text, false); break;
      case session_step::follow: follow(a.text); break;
      case session_step::return_home:
        followed_.reset();
        if (url_) net_.retarget(*url_);
        break;
      case session_step::back_off: net_.drop_and_retry_later(a.text); break;
    }
  }
}

void client_core::follow(const std::string& location) {
  auto parsed = parse_server_url(location);
  if (!parsed.url) {
    // Nowhere we can go: ask the chosen server again.
    return net_.reconnect();
  }
  followed_ = parsed.url;
  net_.retarget(*followed_);
  net_.reconnect();
}

void client_core::send(const protocol::client_message& m) {
  if (session_.link() != 0) net_.send(session_.link(), protocol::encode(m));
}

void client_core::send_hello() {
  auto id = identity();
  if (!id) return;
  const auto [last, epoch] = session_.hello_position(replica_.has_state(), replica_.seq());
  send(protocol::hello{id->token, settings_.client_id, last, epoch});
}

void client_core::handle(protocol::server_message& message) {
  std::visit(
      [this](auto& m) {
        using T = std::decay_t<decltype(m)>;
        if constexpr (std::is_same_v<T, protocol::created>) {
          on_registered({m.token, m.person, m.trajectory_id, m.join_code, m.coordinator_secret});
        } else if constexpr (std::is_same_v<T, protocol::joined>) {
          on_registered({m.token, m.person, m.trajectory_id, {}, {}});
        } else if constexpr (std::is_same_v<T, protocol::welcome>) {
          on_welcome(m);
        } else if constexpr (std::is_same_v<T, protocol::snapshot>) {
          on_snapshot(m);
        } else if constexpr (std::is_same_v<T, protocol::op_batch>) {
          on_ops(m);
        } else if constexpr (std::is_same_v<T, protocol::ack>) {
          replica_.on_ack(m);
        } else if constexpr (std::is_same_v<T, protocol::reject>) {
          if (auto dropped = replica_.on_reject(m)) say_dropped("Wijziging geweigerd: ", *dropped);
        } else if constexpr (std::is_same_v<T, protocol::presence>) {
          presence_.on_presence(m);
        } else if constexpr (std::is_same_v<T, protocol::codes>) {
          on_codes(m);
        } else if constexpr (std::is_same_v<T, protocol::person_export>) {
          export_ = m;
          ++exports_received_;
        } else if constexpr (std::is_same_v<T, protocol::editing>) {
          presence_.on_editing(m);
        } else if constexpr (std::is_same_v<T, protocol::error>) {
          if (session_.expects_registration() && m.code == protocol::error_code::creation_code)
            creation_code_asked_ = true;
          if (url_) run(session_.server_error(m, followed_ ? *followed_ : *url_));
        }
      },
      message);
}

void client_core::on_registered(const server_identity& id) {
  // Taken in only as the answer to our own create or join.
  if (!session_.expects_registration()) return;
  run(session_.registered(), &id);
}

void client_core::on_welcome(const protocol::welcome& w) {
  retention_months_ = w.retention_months;
  if (w.trajectory_id != outbox_.trajectory_id()) {
    // The token belongs to another leerlijn than the one we kept locally.
    close_trajectory();
    open_trajectory(w.trajectory_id);
  }
  replica_.set_me(w.person);
  if (auto id = identity();
      id && (id->person != w.person || id->trajectory_id != w.trajectory_id)) {
    id->person = w.person;
    id->trajectory_id = w.trajectory_id;
    remember_identity(*id);
  }
  run(session_.welcomed(w, replica_.has_state(), replica_.seq()));
}

void client_core::on_snapshot(protocol::snapshot& s) {
  outbox_.state_replaced();
  for (const auto& dropped : replica_.reset(s.seq, std::move(s.state), session_.taken_client_seq()))
    say_dropped("Een wijziging van jou kon niet meer worden toegepast: ", dropped);
  run(session_.state_replaced(replica_.has_state(), replica_.seq()));
}

void client_core::on_ops(const protocol::op_batch& b) {
  for (const auto& s : b.ops) observe_server_time(s.op);
  // A gap: our copy no longer matches the server's; start over from a snapshot.
  if (!replica_.apply_server(b.ops)) return run(session_.copy_diverged());
  run(session_.state_advanced(replica_.has_state(), replica_.seq()));
}

void client_core::on_codes(const protocol::codes& c) {
  // The server's codes are the ones that work now; both empty mean we may not pass them on
  // (any more), one empty that the server does not know it (it keeps only hashes), so ours
  // stays. Kept with our identity, so the overview shows them after a restart too.
  auto id = identity();
  if (!id) return;
  const bool forget = c.join_code.empty() && c.coordinator_code.empty();
  auto next = *id;
  if (forget || !c.join_code.empty()) next.join_code = c.join_code;
  if (forget || !c.coordinator_code.empty()) next.coordinator_code = c.coordinator_code;
  if (next.join_code == id->join_code && next.coordinator_code == id->coordinator_code) return;
  remember_identity(next);
}

void client_core::rotate_code(protocol::access_code which) {
  if (!live()) return say("Niet verbonden; probeer het zo opnieuw.");
  send(protocol::rotate_code{which});
}

void client_core::request_export(shared::person_id person) {
  if (!live()) return say("Niet verbonden; probeer het zo opnieuw.");
  send(protocol::export_person{person});
}

void client_core::observe_server_time(const operation& op) {
  std::visit(
      [this](const auto& body) {
        if constexpr (requires { body.at_ms; }) {
          if (body.at_ms > 0) clock_offset_ms_ = body.at_ms - wall_clock_ms();
        }
      },
      op);
}

std::int64_t client_core::server_now_ms() const { return wall_clock_ms() + clock_offset_ms_; }

void client_core::say(std::string text, bool error) {
  // Kept text stays until the user closed its notice, whatever is said meanwhile.
  std::string kept = notice_ ? std::move(notice_->kept_text) : std::string{};
  notice_ = notice{std::move(text), error, clock::now(), std::move(kept)};
}

void client_core::say_dropped(const std::string& why, const dropped_change& dropped) {
  say(why + dropped.reason);
  if (dropped.kept_text.empty()) return;
  std::string& kept = notice_->kept_text;
  if (!kept.empty()) kept += "\n";
  kept += dropped.kept_text;
}

// ---- sending ----

void client_core::after_change() {
  for (const auto& dropped : outbox_.after_change(replica_, session_.link(), session_.may_send()))
    say_dropped("Wijziging niet verstuurd: ", dropped);
  outbox_.flush(session_.link(),
                [this](std::uint64_t link, std::string text) { net_.send(link, std::move(text)); });
}

// ---- intents ----

const person* client_core::my_person() const { return find_person(state(), me()); }

bool client_core::is_coordinator() const { return shared::is_coordinator(state(), me()); }

std::optional<rule_error> client_core::submit(operation op) {
  // The server stamps the time; predicting with our estimate of its clock keeps a started
  // timer from jumping when the confirmation comes back.
  const std::int64_t now = server_now_ms();
  std::visit(
      [now](auto& body) {
        if constexpr (requires { body.at_ms; }) body.at_ms = now;
      },
      op);
  auto error = replica_.submit(std::move(op));
  if (!error) after_change();
  return error;
}

std::optional<rule_error> client_core::edit_text(const op::text_target& target,
                                                 std::vector<splice> edits) {
  return submit(op::edit_text{target, std::move(edits)});
}

std::optional<rule_error> client_core::set_rating(document_id doc, int row, int value) {
  return submit(op::set_rating{doc, row, value});
}

std::optional<rule_error> client_core::start_meeting(int meeting) {
  return submit(op::start_meeting{meeting, 0});
}

std::optional<rule_error> client_core::end_meeting(int meeting) {
  return submit(op::end_meeting{meeting, 0});
}

std::optional<rule_error> client_core::goto_agenda_item(int meeting, int index) {
  return submit(op::goto_agenda_item{meeting, index, 0});
}

std::optional<rule_error> client_core::control_timer(int meeting, timer_action action,
                                                     int minutes) {
  return submit(op::control_timer{meeting, action, minutes, 0});
}

std::optional<rule_error> client_core::assign_role(int meeting, meeting_role role,
                                                   person_id person) {
  return submit(op::assign_role{meeting, role, person});
}

void client_core::set_focus(std::optional<shared::op::text_target> target) {
  presence_.want_focus(target);
  sync_focus();
}

void client_core::sync_focus() {
  if (!live()) return;
  if (auto update = presence_.take_focus_update(clock::now())) send(*update);
}

}  // namespace jos::client
