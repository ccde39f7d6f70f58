#pragma once
// The client's session with the server as one explicit state machine: every state, every
// event and every transition in this file and its .cpp, nothing else. It does no I/O and
// holds no data but what the transitions need; each event returns the steps the client
// core must take, in order (connect, send hello, forget the identity, show a notice, …).
//
//   start ──request──▶ registering ──created/joined──▶ greeting
//     ▲                    │ link lost, error                │ welcome
//     └────────────────────┘                                 ▼
//   connecting ──link up──▶ greeting ──welcome──▶ catching_up ──state reaches welcome──▶ live
//     ▲  ▲                                            │                                  │
//     │  └────────────── link lost (any of these) ────┴──────────────────────────────────┘
//     └── our copy diverged: reconnect for a snapshot
//   registering/greeting ──moved──▶ the same state on a link to the instance that has the
//     trajectory (follow); when a link there ends or never opens, the next attempt goes to
//     the chosen server again (return_home), which may have taken the trajectory over.
//     A move we may not follow (wss:// to ws://, no ws(s):// URL, see moved_target) is
//     refused with a notice: registering → start; greeting → connecting, trying the chosen
//     server again after the usual wait (back_off), which may have taken the trajectory over.
//     So is a move back to the very address it came from, and a fourth move in a row (one
//     followed on a link a move led to) before a welcome or a new link to the chosen server
//   incompatible: the server speaks another protocol version (until another server is chosen)
//   unauthorised after hello: the server no longer knows our token → start

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "client/core/url.hpp"
#include "protocol/messages.hpp"

namespace jos::client {

enum class session_state {
  start,         // nobody known on this server: the start screen
  registering,   // a create or join waits for a link or for its answer
  connecting,    // we know who we are; no link yet
  greeting,      // link up, hello sent, no welcome yet
  catching_up,   // welcomed; our state is not yet at the welcome's sequence
  live,          // in step with the server
  incompatible,  // the server speaks another protocol version
};

// What the views are told (finer states are the session's business).
enum class session_phase {
  start,         // nobody known on this server: the start screen
  registering,   // a create or join is on its way
  waiting,       // we know who we are; connecting or catching up
  live,          // in step with the server
  incompatible,  // the server speaks another protocol version
};

// What the core does for the machine.
enum class session_step {
  connect,            // keep a link to the chosen server up
  disconnect,         // no link, no retries
  reconnect,          // drop the link and connect again at once
  link_lost,          // forget what belonged to the link: presence, in-flight marks, queued sends
  send_registration,  // registration() on the current link
  send_hello,         // hello with hello_position() on the current link
  close_trajectory,   // save and close the local journal
  adopt_identity,     // remember who the server just registered us as
  open_trajectory,    // open the journal of our identity's trajectory
  forget_identity,    // drop our identity on this server (the token is no longer valid)
  notice_error,       // show `text`
  notice_info,        // show `text`, not as an error
  follow,             // drop the link and connect to `text` (the instance that has the trajectory)
  return_home,        // the next attempt goes to the chosen server again (no hurry, no notice)
  back_off,           // drop the link as if it failed (`text`: why): retry after the usual wait
};

struct session_action {
  session_step step;
  std::string text = {};
  bool operator==(const session_action&) const = default;
};
using session_actions = std::vector<session_action>;

// How the server refused, from its error code: the one place that reads the codes.
enum class refusal { unauthorised, version, restarting, moved, other };
refusal refusal_of(protocol::error_code code);

class session_machine {
 public:
  session_state state() const { return state_; }
  session_phase phase() const;
  // The link we speak on (0: none).
  std::uint64_t link() const { return link_; }
  // Ops of ours may go out.
  bool may_send() const { return state_ == session_state::live && link_ != 0; }
  const std::optional<protocol::client_message>& registration() const { return registration_; }
  // What hello says we hold: the last sequence and the epoch it was counted in (0, 0: we
  // want the whole state).
  std::pair<std::uint64_t, std::uint64_t> hello_position(bool has_state, std::uint64_t seq) const;
  // From the welcome: our ops up to this client_seq are in the server's state.
  std::uint64_t taken_client_seq() const { return welcome_taken_client_seq_; }

  // ---- what the person does ----
  // A server was chosen; `switching` from another one; `known`: we have an identity there.
  session_actions choose_server(bool switching, bool known);
  // Start a leerlijn or join one with `request` (create_trajectory or join_trajectory).
  session_actions request_registration(protocol::client_message request);
  // Forget our identity on this server.
  session_actions forget();

  // ---- what the link does (the core passes only events of the current or a new link) ----
  session_actions link_up(std::uint64_t link, bool known);
  session_actions link_down(std::uint64_t link, const std::string& reason);
  session_actions unreadable(bool version_mismatch, const std::string& reason);

  // ---- what the server says ----
  // created or joined: true if it answers our request (only then is it taken in).
  bool expects_registration() const { return state_ == session_state::registering; }
  session_actions registered();
  session_actions welcomed(const protocol::welcome& w, bool has_state, std::uint64_t seq);
  // A snapshot replaced our state (the core applied it).
  session_actions state_replaced(bool has_state, std::uint64_t seq);
  // Ops were applied.
  session_actions state_advanced(bool has_state, std::uint64_t seq);
  // The ops had a gap: our copy no longer matches; start over from a snapshot.
  session_actions copy_diverged();
  // `here`: where the link it came on goes (a `moved` from wss:// is followed only to wss://).
  session_actions server_error(const protocol::error& e, const server_url& here);

  // ---- the core's data ----
  // The confirmed state was dropped: whatever run of the room it was counted in is unknown.
  void trajectory_closed() { state_epoch_ = 0; }

 private:
  session_actions maybe_live(bool has_state, std::uint64_t seq);
  // A hello or a join was sent on to `location`.
  session_actions moved(const std::string& location, const server_url& here);
  bool greeted() const;

  session_state state_ = session_state::start;
  std::uint64_t link_ = 0;
  std::optional<protocol::client_message> registration_;
  std::uint64_t welcome_seq_ = 0;
  std::uint64_t welcome_epoch_ = 0;
  std::uint64_t welcome_taken_client_seq_ = 0;
  // The run of the room our confirmed state was counted in (0: unknown, as after a
  // restart from the journal). Another run may never have had some ops we saw.
  std::uint64_t state_epoch_ = 0;
  bool want_snapshot_ = false;  // our copy went wrong: ask for the whole state
  // We followed a `moved` away from the chosen server; links after `followed_from_` go to
  // the instance that has the trajectory.
  bool followed_ = false;
  std::uint64_t followed_from_ = 0;
  // Moves followed one after the other since the last link to the chosen server or welcome.
  static constexpr int max_chained_moves = 3;
  int chained_moves_ = 0;
};

}  // namespace jos::client
