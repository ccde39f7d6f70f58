#pragma once
// Every message of the jos wire protocol. One envelope: {"v": 1, "type": "...", ...}.
// protocol/README.md documents each with an example.

#include <cstdint>
#include <optional>
#include <string>
#include <variant>
#include <vector>

#include "protocol/error_code.hpp"
#include "shared/model.hpp"
#include "shared/ops.hpp"

namespace jos::protocol {

// What someone tells about themselves when they start or join a trajectory.
struct profile {
  std::string name;
  shared::organisation org = shared::organisation::school;
  std::string function;
  shared::staff_level level = shared::staff_level::uitvoerder;
  bool operator==(const profile&) const = default;
};

// ---- client to server ----

// A coordinator starts a new leerlijn. `creation_code`: what the server's operator asks
// for, if anything (jos-server --creation-code).
struct create_trajectory {
  shared::partnership partners;
  profile me;
  std::string creation_code;
  bool operator==(const create_trajectory&) const = default;
};

// Someone joins with the team code the coordinator shared.
struct join_trajectory {
  std::string join_code;
  profile me;
  bool operator==(const join_trajectory&) const = default;
};

// Opens (or reopens) a session as a known person. `client_id` names this installation,
// so that resent ops are recognised; `last_seq` is the last server sequence it has.
struct hello {
  std::string token;
  std::string client_id;
  std::uint64_t last_seq = 0;
  std::uint64_t epoch = 0;  // from the welcome that `last_seq` was counted under; 0: none
  bool operator==(const hello&) const = default;
};

// An operation from this client: `client_seq` counts up per client id (dedup on resend);
// `base_seq` is the last server sequence the client had applied when it made the op.
// A `ballot` is a cast_vote in an anonymous vote: numbered apart from the client's own
// sequence (so no gap there shows that it voted) and stored without its voter.
struct submit {
  std::uint64_t client_seq = 0;
  std::uint64_t base_seq = 0;
  shared::operation op;
  bool ballot = false;
};

// Where this person is typing now (nullopt: nowhere). Never stored; the server passes it
// on to the others in the room as `editing`.
struct focus {
  std::optional<shared::op::text_target> target;
  bool operator==(const focus&) const = default;
};

// The two codes that let people in: the team code (anyone joins) and the coordinator code
// (whoever joins with it becomes a coordinator while there are fewer than two).
enum class access_code : std::uint8_t { team, coordinator };

// A coordinator replaces a code by a new one; the old one stops working at once.
struct rotate_code {
  access_code which = access_code::team;
  bool operator==(const rotate_code&) const = default;
};

// A person's data under the AVG (right of access): anyone their own, a coordinator anyone's
// in the team (former members too). Answered with `person_export`.
struct export_person {
  shared::person_id person = shared::no_person;
  bool operator==(const export_person&) const = default;
};

using client_message = std::variant<create_trajectory, join_trajectory, hello, submit, focus,
                                    rotate_code, export_person>;

// ---- server to client ----

struct created {
  std::string trajectory_id;
  std::string join_code;
  std::string coordinator_secret;
  std::string token;
  shared::person_id person = shared::no_person;
  bool operator==(const created&) const = default;
};

struct joined {
  std::string trajectory_id;
  std::string token;
  shared::person_id person = shared::no_person;
  bool operator==(const joined&) const = default;
};

// Sent after hello; followed by either a snapshot or the missed ops.
struct welcome {
  std::string trajectory_id;
  shared::person_id person = shared::no_person;
  std::uint64_t seq = 0;  // the server's current sequence
  // Names this run of the room. Ops reach the others before they are durable, so a crash
  // may lose what a client has seen: a client that comes back with another epoch gets a
  // snapshot instead of a catch-up.
  std::uint64_t epoch = 0;
  // The highest client_seq the server took from this hello's client_id (0: none). A client
  // that gets a snapshot learns from it which of its unacknowledged ops the state holds.
  std::uint64_t last_client_seq = 0;
  // The server erases a trajectory this many months after its final meeting (0: never), so
  // that the app can warn beforehand (shared/retention.hpp).
  int retention_months = 0;
  bool operator==(const welcome&) const = default;
};

struct ack {
  std::uint64_t client_seq = 0;
  std::uint64_t seq = 0;
  bool operator==(const ack&) const = default;
};

struct reject {
  std::uint64_t client_seq = 0;
  error_code code = error_code::invalid;
  std::string reason;  // Dutch, for the user
  bool operator==(const reject&) const = default;
};

// An op as the server ordered it.
struct sequenced_op {
  std::uint64_t seq = 0;
  shared::person_id author = shared::no_person;  // no_person: the server itself
  std::string client_id;
  std::uint64_t client_seq = 0;
  shared::operation op;
};

struct op_batch {
  std::vector<sequenced_op> ops;
};

struct snapshot {
  std::uint64_t seq = 0;
  shared::trajectory state;
};

struct presence {
  std::vector<shared::person_id> online;
  bool operator==(const presence&) const = default;
};

// A frame that could not be understood or a session-level failure. The connection stays
// unless the server says otherwise.
struct error {
  error_code code = error_code::malformed;
  std::string reason;         // for people: Dutch
  std::string location = {};  // "moved": the ws:// or wss:// URL of the instance that has it
  bool operator==(const error&) const = default;
};

// Someone else's focus, so a cell can show who is typing in it.
struct editing {
  shared::person_id person = shared::no_person;
  std::optional<shared::op::text_target> target;
  bool operator==(const editing&) const = default;
};

// The current codes, to a coordinator: after welcome and whenever they change. Both empty
// for someone who is no longer a coordinator (forget them).
struct codes {
  std::string join_code;
  std::string coordinator_code;
  bool operator==(const codes&) const = default;
};

// The answer to export_person: the same data as machine-readable JSON (a text holding one
// JSON object) and as readable Dutch text.
struct person_export {
  shared::person_id person = shared::no_person;
  std::string json;
  std::string text;
  bool operator==(const person_export&) const = default;
};

using server_message = std::variant<created, joined, welcome, ack, reject, op_batch, snapshot,
                                    presence, error, editing, codes, person_export>;

}  // namespace jos::protocol
