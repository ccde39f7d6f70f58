#include "client/core/client_core.hpp"

#include <algorithm>
#include <cctype>
#include <cstdio>

#include "client/core/files.hpp"
#include "protocol/codec.hpp"
#include "protocol/limits.hpp"
#include "protocol/state_codec.hpp"

namespace jos::client {
namespace {

using namespace shared;
using clock = std::chrono::steady_clock;

std::int64_t wall_ms() {
  return std::chrono::duration_cast<std::chrono::milliseconds>(
             std::chrono::system_clock::now().time_since_epoch())
      .count();
}

std::string file_safe(const std::string& s) {
  std::string out;
  for (char c : s)
    out.push_back(std::isalnum(static_cast<unsigned char>(c)) || c == '-' || c == '_' ? c : '_');
  return out.substr(0, 64);
}

// How often the confirmed state alone (nothing pending) is written, for a quick start and
// for reading while offline; pending ops are written at once.
constexpr auto state_save_interval = std::chrono::seconds(2);

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
      net_(net_options{options_.trust_cert_file, options_.idle_timeout}) {
  std::string error;
  settings_ = load_settings(config_dir_, error);
  if (!error.empty()) say(error);
  replica_.set_client_id(settings_.client_id);
  if (!settings_.server.empty()) use_server(settings_.server);
}

client_core::~client_core() {
  if (journal_) {
    save_journal(true);
    journal_->flush();
  }
}

void client_core::set_wake(std::function<void()> wake) {
  {
    std::lock_guard lock(wake_->mutex);
    wake_->wake = wake;
  }
  net_.set_wake(std::move(wake));
}

// ---- identity ----

void client_core::set_profile(const protocol::profile& me) {
  if (settings_.me == me) return;
  settings_.me = me;
  std::string error;
  if (!save_settings(config_dir_, settings_, error)) say("Instellingen niet opgeslagen: " + error);
}

void client_core::remember_start_form(const start_form& form, const protocol::profile& me) {
  if (settings_.form == form && settings_.me == me) return;
  settings_.form = form;
  settings_.me = me;
  std::string error;
  if (!save_settings(config_dir_, settings_, error)) say("Instellingen niet opgeslagen: " + error);
}

void client_core::remember_zoom(int percent) {
  if (settings_.zoom_percent == percent) return;
  settings_.zoom_percent = percent;
  std::string error;
  if (!save_settings(config_dir_, settings_, error)) say("Instellingen niet opgeslagen: " + error);
}

std::string client_core::use_server(const std::string& address) {
  auto parsed = parse_server_url(address);
  if (!parsed.url) return parsed.error;
  if (settings_.server != address) {
    settings_.server = address;
    std::string error;
    if (!save_settings(config_dir_, settings_, error))
      say("Instellingen niet opgeslagen: " + error);
  }
  if (url_ && *url_ == *parsed.url && phase_ != session_phase::start) return {};
  if (url_ && !(*url_ == *parsed.url)) {
    net_.disconnect();
    link_ = 0;  // what the old connection still reports is not ours any more
    close_trajectory();
  }
  url_ = parsed.url;
  if (registration_ && phase_ == session_phase::registering) {
    // Not answered where it went (a wrong address): ask the corrected one instead.
    net_.connect(*url_);
    return {};
  }
  phase_ = session_phase::start;
  if (auto id = identity()) {
    open_trajectory(id->trajectory_id);
    phase_ = session_phase::waiting;
    net_.connect(*url_);
  }
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
  std::string error;
  if (!save_settings(config_dir_, settings_, error)) say("Instellingen niet opgeslagen: " + error);
}

void client_core::create_trajectory(const partnership& partners, const protocol::profile& me) {
  if (!url_) return say("Kies eerst een server.");
  set_profile(me);
  registration_ = protocol::create_trajectory{partners, me};
  phase_ = session_phase::registering;
  if (link_ != 0) {
    send(*registration_);
  } else {
    net_.connect(*url_);
  }
}

void client_core::join(const std::string& code, const protocol::profile& me) {
  if (!url_) return say("Kies eerst een server.");
  set_profile(me);
  registration_ = protocol::join_trajectory{code, me};
  phase_ = session_phase::registering;
  if (link_ != 0) {
    send(*registration_);
  } else {
    net_.connect(*url_);
  }
}

void client_core::forget_identity() {
  if (!url_) return;
  net_.disconnect();
  close_trajectory();
  settings_.servers.erase(url_->text());
  std::string error;
  if (!save_settings(config_dir_, settings_, error)) say("Instellingen niet opgeslagen: " + error);
  phase_ = session_phase::start;
}

std::filesystem::path client_core::journal_path(const std::string& trajectory_id) const {
  return config_dir_ / "journal" /
         (file_safe(trajectory_id) + "-" +
          protocol::fnv1a_hex(url_ ? url_->text() : std::string{}) + ".jsonl");
}

void client_core::open_trajectory(const std::string& trajectory_id) {
  if (journal_ && trajectory_id_ == trajectory_id) return;
  close_trajectory();
  trajectory_id_ = trajectory_id;
  const auto file = journal_path(trajectory_id);
  // Without our journal we do not know which numbers the server has seen from us (it
  // acknowledges those again without applying anything): start above them, at the clock.
  next_client_seq_ = static_cast<std::uint64_t>(std::max<std::int64_t>(1, wall_ms()));
  if (auto text = read_file(file)) {
    std::string error;
    auto contents = decode_journal(*text, error);
    if (!contents) {
      say("Het lokale journaal was beschadigd (" + error + "); de server-versie wordt gebruikt.");
    } else if (contents->client_id == settings_.client_id) {
      next_client_seq_ = std::max<std::uint64_t>(1, contents->next_client_seq);
      if (contents->state) {
        replica_.restore(contents->seq, std::move(*contents->state), std::move(contents->ops));
      } else if (!contents->ops.empty()) {
        say("Het lokale journaal had wijzigingen zonder basis; die zijn overgeslagen.");
      }
    }
  }
  if (auto id = identity()) replica_.set_me(id->person);
  journal_ = std::make_unique<journal_writer>(file, [w = wake_] { (*w)(); });
  journal_generation_ = 0;
  saved_revision_ = replica_.revision();
  saved_next_seq_ = next_client_seq_;
}

void client_core::close_trajectory() {
  if (journal_) {
    save_journal(true);
    journal_->flush();
    journal_.reset();
  }
  replica_.clear();
  trajectory_id_.clear();
  outbox_.clear();
  online_.clear();
  greeted_ = false;
  state_epoch_ = 0;
}

// ---- the event loop ----

bool client_core::poll() {
  auto events = net_.drain();
  const std::uint64_t before = replica_.revision();
  const session_phase phase_before = phase_;
  for (auto& e : events) {
    std::visit(
        [this](auto& ev) {
          using T = std::decay_t<decltype(ev)>;
          if constexpr (std::is_same_v<T, link_up>) {
            on_link_up(ev.link);
          } else if constexpr (std::is_same_v<T, link_down>) {
            on_link_down(ev.link, ev.reason);
          } else if constexpr (std::is_same_v<T, received>) {
            if (ev.link == link_) handle(ev.link, ev.message);
          } else if constexpr (std::is_same_v<T, unreadable>) {
            if (ev.link != link_) return;
            say(ev.reason);
            if (ev.version_mismatch) {
              phase_ = session_phase::incompatible;
              net_.disconnect();
            }
          }
        },
        e);
  }
  after_change();
  flush_outbox();
  sync_focus();
  return !events.empty() || replica_.revision() != before || phase_ != phase_before;
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

void client_core::on_link_up(std::uint64_t link) {
  link_ = link;
  greeted_ = false;
  if (registration_ && phase_ == session_phase::registering) return send(*registration_);
  if (identity()) send_hello();
}

void client_core::on_link_down(std::uint64_t link, const std::string& reason) {
  if (link != link_) return;
  link_ = 0;
  greeted_ = false;
  online_.clear();
  editors_.clear();
  sent_focus_.reset();  // the server forgets our focus with the connection
  replica_.link_lost();
  outbox_.clear();
  if (phase_ == session_phase::registering) {
    registration_.reset();
    phase_ = session_phase::start;
    say("De verbinding viel weg (" + reason + "). Probeer het opnieuw.");
  } else if (phase_ == session_phase::live) {
    phase_ = session_phase::waiting;
  }
}

void client_core::send(const protocol::client_message& m) {
  if (link_ != 0) net_.send(link_, protocol::encode(m));
}

void client_core::send_hello() {
  auto id = identity();
  if (!id) return;
  greeted_ = true;
  const std::uint64_t last = replica_.has_state() && !want_snapshot_ ? replica_.seq() : 0;
  send(protocol::hello{id->token, settings_.client_id, last, last != 0 ? state_epoch_ : 0});
}

void client_core::handle(std::uint64_t, protocol::server_message& message) {
  std::visit(
      [this](auto& m) {
        using T = std::decay_t<decltype(m)>;
        if constexpr (std::is_same_v<T, protocol::created>) {
          if (phase_ != session_phase::registering) return;
          registration_.reset();
          close_trajectory();
          remember_identity(
              {m.token, m.person, m.trajectory_id, m.join_code, m.coordinator_secret});
          open_trajectory(m.trajectory_id);
          phase_ = session_phase::waiting;
          send_hello();
        } else if constexpr (std::is_same_v<T, protocol::joined>) {
          if (phase_ != session_phase::registering) return;
          registration_.reset();
          close_trajectory();
          remember_identity({m.token, m.person, m.trajectory_id, {}, {}});
          open_trajectory(m.trajectory_id);
          phase_ = session_phase::waiting;
          send_hello();
        } else if constexpr (std::is_same_v<T, protocol::welcome>) {
          on_welcome(m);
        } else if constexpr (std::is_same_v<T, protocol::snapshot>) {
          want_snapshot_ = false;
          ++resets_;
          for (const auto& dropped :
               replica_.reset(m.seq, std::move(m.state), welcome_taken_client_seq_))
            say_dropped("Een wijziging van jou kon niet meer worden toegepast: ", dropped);
          maybe_live();
        } else if constexpr (std::is_same_v<T, protocol::op_batch>) {
          for (const auto& s : m.ops) observe_server_time(s.op);
          if (!replica_.apply_server(m.ops)) {
            // Our copy no longer matches the server's: start over from a snapshot.
            want_snapshot_ = true;
            phase_ = session_phase::waiting;
            net_.reconnect();
            return;
          }
          maybe_live();
        } else if constexpr (std::is_same_v<T, protocol::ack>) {
          replica_.on_ack(m);
        } else if constexpr (std::is_same_v<T, protocol::reject>) {
          if (auto dropped = replica_.on_reject(m)) say_dropped("Wijziging geweigerd: ", *dropped);
        } else if constexpr (std::is_same_v<T, protocol::presence>) {
          online_ = m.online;
          std::erase_if(editors_, [this](const auto& e) { return !is_online(e.first); });
        } else if constexpr (std::is_same_v<T, protocol::editing>) {
          std::erase_if(editors_, [&](const auto& e) { return e.first == m.person; });
          if (m.target) editors_.emplace_back(m.person, *m.target);
        } else if constexpr (std::is_same_v<T, protocol::error>) {
          if (phase_ == session_phase::registering) {
            registration_.reset();
            phase_ = session_phase::start;
            return say(m.reason);
          }
          if (m.code == protocol::error_code::unauthorised && greeted_) {
            // The server no longer knows our token: back to the start screen.
            say(m.reason);
            net_.disconnect();
            close_trajectory();
            settings_.servers.erase(url_->text());
            std::string error;
            save_settings(config_dir_, settings_, error);
            phase_ = session_phase::start;
            return;
          }
          if (m.code == protocol::error_code::version) {
            say(m.reason);
            phase_ = session_phase::incompatible;
            net_.disconnect();
            return;
          }
          say(m.reason, m.code != protocol::error_code::restarting);
        }
      },
      message);
}

void client_core::on_welcome(const protocol::welcome& w) {
  if (w.trajectory_id != trajectory_id_) {
    // The token belongs to another leerlijn than the one we kept locally.
    close_trajectory();
    open_trajectory(w.trajectory_id);
    greeted_ = true;
  }
  replica_.set_me(w.person);
  if (auto id = identity();
      id && (id->person != w.person || id->trajectory_id != w.trajectory_id)) {
    id->person = w.person;
    id->trajectory_id = w.trajectory_id;
    remember_identity(*id);
  }
  welcome_seq_ = w.seq;
  welcome_epoch_ = w.epoch;
  welcome_taken_client_seq_ = w.last_client_seq;
  phase_ = session_phase::waiting;
  maybe_live();
}

void client_core::maybe_live() {
  if (phase_ != session_phase::waiting || !greeted_ || link_ == 0) return;
  if (!replica_.has_state() || replica_.seq() < welcome_seq_) return;
  phase_ = session_phase::live;
  state_epoch_ = welcome_epoch_;
}

void client_core::observe_server_time(const operation& op) {
  std::visit(
      [this](const auto& body) {
        if constexpr (requires { body.at_ms; }) {
          if (body.at_ms > 0) clock_offset_ms_ = body.at_ms - wall_ms();
        }
      },
      op);
}

std::int64_t client_core::server_now_ms() const { return wall_ms() + clock_offset_ms_; }

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

std::string client_core::journal_error() const {
  return journal_ ? journal_->last_error() : std::string{};
}

// ---- sending ----

void client_core::after_change() {
  std::vector<outgoing> out;
  if (phase_ == session_phase::live && link_ != 0)
    out = replica_.take_outgoing([this] { return next_client_seq_++; });
  if (!out.empty() || replica_.revision() != saved_revision_) save_journal(!out.empty());
  const std::uint64_t generation = journal_generation_;
  for (auto& o : out) {
    const std::uint64_t client_seq = o.client_seq;
    std::string text = protocol::encode(protocol::submit{client_seq, o.base_seq, std::move(o.op)});
    if (text.size() > protocol::max_message_bytes) {
      // The server would refuse the frame unread and close the connection, and the op
      // would go again after every reconnect. The replica splits what it can (long
      // pastes); anything else that large is given up here, its text kept.
      if (auto dropped = replica_.on_reject({client_seq, protocol::error_code::too_large,
                                             "de wijziging is te groot om te versturen."}))
        say_dropped("Wijziging niet verstuurd: ", *dropped);
      continue;
    }
    outbox_.push_back({link_, generation, std::move(text)});
  }
}

void client_core::save_journal(bool force) {
  if (!journal_) return;
  const bool pending_changed = replica_.revision() != saved_revision_;
  if (!force && !pending_changed) return;
  // With nothing pending, only the state changed: that can wait a little.
  if (!force && replica_.pending().empty() && clock::now() - saved_at_ < state_save_interval)
    return;
  if (replica_.has_state() &&
      (state_json_seq_ != replica_.seq() || state_json_resets_ != resets_)) {
    state_json_ = protocol::encode_state(replica_.confirmed(), false)
                      .dump(-1, ' ', false, protocol::json::error_handler_t::replace);
    state_json_seq_ = replica_.seq();
    state_json_resets_ = resets_;
  }
  journal_generation_ = journal_->save(
      encode_journal(settings_.client_id, trajectory_id_, next_client_seq_, replica_.seq(),
                     replica_.has_state() ? state_json_ : std::string{}, replica_.pending()));
  saved_revision_ = replica_.revision();
  saved_next_seq_ = next_client_seq_;
  saved_at_ = clock::now();
}

void client_core::flush_outbox() {
  if (outbox_.empty()) return;
  const std::uint64_t durable = journal_ ? journal_->durable() : ~std::uint64_t{0};
  std::size_t sent = 0;
  // In order: an op goes out only once the journal that numbers it is on disk, so a crash
  // can never make us reuse a client_seq the server has already seen.
  for (; sent < outbox_.size(); ++sent) {
    auto& q = outbox_[sent];
    if (q.journal_generation > durable) break;
    if (q.link == link_) net_.send(q.link, std::move(q.text));
  }
  outbox_.erase(outbox_.begin(), outbox_.begin() + static_cast<std::ptrdiff_t>(sent));
}

// ---- intents ----

const person* client_core::my_person() const { return find_person(state(), me()); }

bool client_core::is_coordinator() const { return shared::is_coordinator(state(), me()); }

bool client_core::is_online(person_id id) const {
  return std::find(online_.begin(), online_.end(), id) != online_.end();
}

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
  if (!error) {
    after_change();
    flush_outbox();
  }
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
  wanted_focus_ = target;
  sync_focus();
}

void client_core::sync_focus() {
  if (!live() || wanted_focus_ == sent_focus_) return;
  // Throttled: a cell hopped through quickly need not be announced on every hop.
  const auto now = std::chrono::steady_clock::now();
  if (now - focus_sent_at_ < std::chrono::milliseconds(200)) return;
  send(protocol::focus{wanted_focus_});
  sent_focus_ = wanted_focus_;
  focus_sent_at_ = now;
}

std::vector<shared::person_id> client_core::editing(const shared::op::text_target& target) const {
  std::vector<shared::person_id> out;
  for (const auto& [person, where] : editors_)
    if (where == target && person != me()) out.push_back(person);
  return out;
}

}  // namespace jos::client
