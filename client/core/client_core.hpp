#pragma once
// The client without a face: the network session, the replica, the journal and the
// settings tied together behind intents (start a leerlijn, join, change something) and
// plain status getters. The ImGui client, the tests and headless bots all drive it the same
// way: call poll() once per frame (or wait_and_poll() in a loop), read, submit.
//
// Only the thread that calls poll() may touch it. It needs no thread of its own: timers
// (reconnects, deadlines) run inside poll(), so the browser's single thread drives it as
// well as the desktop's UI thread, whose network and journal threads (if the platform has
// them) talk to it through their inboxes.

#include <chrono>
#include <cstdint>
#include <filesystem>
#include <functional>
#include <memory>
#include <mutex>
#include <optional>
#include <string>
#include <vector>

#include "client/core/net_session.hpp"
#include "client/core/outbox.hpp"
#include "client/core/presence.hpp"
#include "client/core/replica.hpp"
#include "client/core/session_machine.hpp"
#include "client/core/settings.hpp"
#include "client/core/url.hpp"
#include "protocol/messages.hpp"
#include "shared/rules.hpp"

namespace jos::client {

struct core_options {
  std::filesystem::path config_dir;  // empty: $XDG_CONFIG_HOME/jos or ~/.config/jos
  std::string trust_cert_file;       // extra trusted certificate for wss://
  std::chrono::seconds idle_timeout{10};
  // Everything on the thread that calls poll(): no network or journal thread. The browser
  // can only work this way; tests use it to run the browser's logic on the desktop.
  bool single_threaded = false;
};

struct notice {
  std::string text;  // Dutch
  bool error = true;
  std::chrono::steady_clock::time_point at;
  // The text of changes that were given up, for the user to copy and put back; a notice
  // with it stays until the user closes it.
  std::string kept_text;
};

class client_core {
 public:
  explicit client_core(core_options options = {});
  ~client_core();
  client_core(const client_core&) = delete;
  client_core& operator=(const client_core&) = delete;

  // ---- driving ----
  // Takes in what the network and the journal delivered. Returns whether anything changed.
  bool poll();
  // Headless use: waits up to `timeout` for something to arrive, then polls.
  bool wait_and_poll(std::chrono::milliseconds timeout);
  // Polls until `done()` holds or the time is up; returns done().
  bool run_until(const std::function<bool()>& done, std::chrono::milliseconds timeout);
  // Called from other threads when poll() has work (the GUI wakes its event loop).
  void set_wake(std::function<void()> wake);
  // When poll() has work even if nothing arrives (a reconnect that is due, a connect
  // deadline, a held-back focus announcement): a GUI that sleeps wakes by then.
  std::optional<std::chrono::steady_clock::time_point> next_due() const;

  // ---- who and where ----
  const settings& remembered() const { return settings_; }
  const std::filesystem::path& config_dir() const { return config_dir_; }
  void set_profile(const protocol::profile& me);
  // Keeps the start screen as filled in (with the profile), for the next run.
  void remember_start_form(const start_form& form, const protocol::profile& me);
  // Keeps the text size the reader chose.
  void remember_zoom(int percent);
  // Chooses the server (remembered). If we have an identity there, connects and rejoins; a
  // create or join on its way (say, to a mistyped address) goes to the new one at once.
  // Returns a Dutch error for an address that cannot be used.
  std::string use_server(const std::string& address);
  const std::optional<server_url>& server() const { return url_; }
  // The instance of that server we were sent to (a `moved`), while we are there.
  const std::optional<server_url>& followed() const { return followed_; }
  // `creation_code`: only for a server whose operator asks for one (see creation_code_asked).
  void create_trajectory(const shared::partnership& partners, const protocol::profile& me,
                         const std::string& creation_code = {});
  // The server refused a start without the right creation code: the start screen asks for it.
  bool creation_code_asked() const { return creation_code_asked_; }
  void join(const std::string& code, const protocol::profile& me);
  // Forgets this device's identity on the current server (back to the start screen).
  void forget_identity();
  void retry_now() { net_.retry_now(); }

  // ---- what the views read ----
  session_phase phase() const { return session_.phase(); }
  bool live() const { return session_.state() == session_state::live; }
  bool has_state() const { return replica_.has_state(); }
  const shared::trajectory& state() const { return replica_.visible(); }
  const replica& model() const { return replica_; }
  std::uint64_t seq() const { return replica_.seq(); }
  shared::person_id me() const { return replica_.me(); }
  const shared::person* my_person() const;
  bool is_coordinator() const;
  const std::vector<shared::person_id>& online() const { return presence_.online(); }
  bool is_online(shared::person_id id) const { return presence_.is_online(id); }
  std::size_t waiting_changes() const { return replica_.pending().size(); }
  link_status connection() const { return net_.status(); }
  std::optional<server_identity> identity() const;
  const std::optional<notice>& last_notice() const { return notice_; }
  void clear_notice() { notice_.reset(); }
  // Shows a message in the status bar (e.g. a change the rules refused).
  void notify(std::string text, bool error = true) { say(std::move(text), error); }
  std::string journal_error() const { return outbox_.last_error(); }
  // The server's clock as best we know it (timers are kept in server milliseconds).
  std::int64_t server_now_ms() const;

  // ---- intents ----
  // Predicts the op locally and queues it for the server; a refusal the rules already
  // know about comes back at once (Dutch message) and nothing is queued.
  std::optional<shared::rule_error> submit(shared::operation op);
  std::optional<shared::rule_error> edit_text(const shared::op::text_target& target,
                                              std::vector<shared::splice> edits);
  std::optional<shared::rule_error> set_rating(shared::document_id doc, int row, int value);
  std::optional<shared::rule_error> start_meeting(int meeting);
  std::optional<shared::rule_error> end_meeting(int meeting);
  std::optional<shared::rule_error> goto_agenda_item(int meeting, int index);
  std::optional<shared::rule_error> control_timer(int meeting, shared::timer_action action,
                                                  int minutes = 0);
  std::optional<shared::rule_error> assign_role(int meeting, shared::meeting_role role,
                                                shared::person_id person);
  // A coordinator renews the team code or the coordinator code; the server sends the new
  // codes to every coordinator (they appear in identity()). Only while live.
  void rotate_code(protocol::access_code which);
  // Asks the server for a person's data (AVG): one's own, or as a coordinator anyone's.
  // The answer appears in person_export(); a refusal comes as a message. Only while live.
  void request_export(shared::person_id person);
  const std::optional<protocol::person_export>& person_export() const { return export_; }
  std::uint64_t exports_received() const { return exports_received_; }
  // The server erases the leerlijn this many months after its final meeting (0: never or
  // not known yet); from the last welcome.
  int retention_months() const { return retention_months_; }

  // ---- who is typing where (never stored; sent when it changes, at most every 200 ms) ----
  // The text this client is typing in now (nullopt: none). Cheap to call every frame.
  void set_focus(std::optional<shared::op::text_target> target);
  // Others typing in `target`, in the order the server told us.
  std::vector<shared::person_id> editing(const shared::op::text_target& target) const {
    return presence_.editing(target, me());
  }

 private:
  void handle(protocol::server_message& m);
  void on_registered(const server_identity& id);
  void on_welcome(const protocol::welcome& w);
  void on_snapshot(protocol::snapshot& s);
  void on_codes(const protocol::codes& c);
  void on_ops(const protocol::op_batch& b);
  // Carries out what the session machine decided, in order. `adopted`: the identity the
  // server just gave us (for adopt_identity).
  void run(const session_actions& actions, const server_identity* adopted = nullptr);
  void send(const protocol::client_message& m);
  void send_hello();
  void after_change();
  void open_trajectory(const std::string& trajectory_id);
  void close_trajectory();
  void remember_identity(const server_identity& id);
  void forget_stored_identity();
  void save_remembered();
  void say(std::string text, bool error = true);
  // A change of ours was given up: say why, and keep its text where the user can copy it.
  void say_dropped(const std::string& why, const dropped_change& dropped);
  void observe_server_time(const shared::operation& op);
  void sync_focus();
  // Connects to the instance a `moved` named (see session_machine.hpp).
  void follow(const std::string& location);
  std::filesystem::path journal_path(const std::string& trajectory_id) const;

  core_options options_;
  std::filesystem::path config_dir_;
  settings settings_;
  std::optional<server_url> url_;
  // Another instance of the chosen server that has our trajectory (a `moved`): links go
  // there until one ends. Identities stay filed under url_.
  std::optional<server_url> followed_;
  net_session net_;
  session_machine session_;
  replica replica_;
  presence presence_;
  bool creation_code_asked_ = false;
  std::optional<protocol::person_export> export_;  // the last answer to request_export
  std::uint64_t exports_received_ = 0;
  int retention_months_ = 0;
  std::optional<notice> notice_;
  std::int64_t clock_offset_ms_ = 0;

  // Shared with the journal thread, which wakes the UI once a write is on disk.
  struct wake_box {
    std::mutex mutex;
    std::function<void()> wake;
    void operator()();
  };
  std::shared_ptr<wake_box> wake_ = std::make_shared<wake_box>();
  outbox outbox_;  // after wake_, which it calls
};

}  // namespace jos::client
