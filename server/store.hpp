#pragma once
// Durable storage of trajectories behind an interface, so that rooms never know whether
// SQLite or another database keeps their history.

#include <cstdint>
#include <optional>
#include <span>
#include <stdexcept>
#include <string>
#include <vector>

#include "shared/ids.hpp"

namespace jos::server {

struct stored_op {
  std::uint64_t seq = 0;
  shared::person_id author = shared::no_person;
  std::string client_id;
  std::uint64_t client_seq = 0;
  std::string op_json;
};

struct trajectory_record {
  std::string id;
  // The team code, as shown ("ABCDE-FGHJK"), when the trajectory is made. A store keeps
  // only a hash of each code (secrets.hpp, code_hash), so a record read back has none.
  std::string join_code;
  // sha256 of the long coordinator secret older servers gave out; it keeps working until
  // the coordinator code is renewed. Empty for trajectories made since.
  std::string coordinator_secret_hash;
  std::string partnership_json;
  std::int64_t created_at_ms = 0;
  // As shown to coordinators ("ABCD-EFGH-JKMN"); like join_code, never read back.
  std::string coordinator_code;
  // The codes' hashes as another store keeps them (migrate): used instead of hashing
  // join_code and coordinator_code when set (secrets.hpp, stored_code_hash).
  std::string join_code_hash;
  std::string coordinator_code_hash;
};

// Which trajectory a typed code opens, and whether it makes a coordinator.
struct code_match {
  std::string trajectory_id;
  bool coordinator = false;
};

struct participant_record {
  std::string token_hash;
  std::string trajectory_id;
  shared::person_id person = shared::no_person;
};

// How far the server got with one installation of one person: a client_id names an
// installation only together with the person who uses it (anyone can read a client_id in
// the ops, and may say hello with it, but never speaks for someone else's installation).
struct client_mark {
  shared::person_id person = shared::no_person;
  std::string client_id;
  std::uint64_t last_client_seq = 0;
  std::uint64_t last_seq = 0;
};

// Everything needed to bring a room back: the newest snapshot and the ops after it.
struct room_data {
  trajectory_record record;
  std::uint64_t snapshot_seq = 0;
  std::string snapshot_json;  // empty: start from the partnership
  std::vector<stored_op> tail;
  std::vector<client_mark> clients;
};

// One unit of a group commit. All items of one commit() become durable together.
struct commit_item {
  std::string trajectory_id;
  std::optional<trajectory_record> created;
  std::vector<stored_op> ops;
  std::optional<participant_record> participant;
  // Someone taken off the team: every token of theirs goes, in the same commit as the op.
  std::optional<shared::person_id> revoke_person;
  // Someone erased (AVG): their erasure is noted as due in the same commit as the op, and
  // erase_person() clears the note. One that failed, or that a crash cut short, is still
  // listed by pending_erasures() and done again.
  std::vector<shared::person_id> erasures_due;
  std::optional<std::pair<std::uint64_t, std::string>> snapshot;  // seq, state json
  // With a snapshot: every client's mark as of it. Marks of later ops come from the ops
  // themselves when the room loads, so an op costs one row, not two. An anonymous ballot,
  // stored without its voter, brings its own mark (under its stand-in and ballot key).
  std::vector<client_mark> clients;
  // A vote opened: the marks of the last vote's ballots go (before `clients` are written).
  bool clear_ballot_marks = false;
};

// Several instances on one database serve each trajectory from one instance at a time.
struct ownership {
  bool ours = true;
  std::string owner;  // when not ours: where clients reach the instance that has it ("": unknown)
};

class store_error : public std::runtime_error {
 public:
  using std::runtime_error::runtime_error;
};

// No space left to write: nothing was written, and writing again is pointless until space
// returns (reads still work).
class disk_full_error : public store_error {
 public:
  using store_error::store_error;
};

class store {
 public:
  virtual ~store() = default;

  // One transaction, durable when it returns; throws store_error and changes nothing on
  // failure.
  virtual void commit(std::span<const commit_item> items) = 0;

  virtual std::optional<room_data> load_room(const std::string& trajectory_id) = 0;
  // A team code or a coordinator code, normalised (secrets.hpp).
  virtual std::optional<code_match> trajectory_by_code(const std::string& code) = 0;
  // An older server's long coordinator secret, by its hash.
  virtual std::optional<std::string> trajectory_by_coordinator_secret(const std::string& hash) = 0;
  // Replaces the codes of a trajectory at once (the old ones stop working); an empty code
  // stays as it was. A renewed coordinator code also ends an older server's secret. Throws
  // store_error (e.g. when a code is taken) and changes nothing then.
  virtual void set_codes(const std::string& trajectory_id, const std::string& join_code,
                         const std::string& coordinator_code) = 0;
  virtual std::optional<participant_record> participant(const std::string& token_hash) = 0;
  // The seq a client's op was stored under, for a resend of an op older than the client's
  // latest: nullopt when no op with that client_seq was ever stored (it was refused).
  // `before_seq` is the seq of the client's latest op; the search goes back from there.
  virtual std::optional<std::uint64_t> op_seq(const std::string& trajectory_id,
                                              shared::person_id author,
                                              const std::string& client_id,
                                              std::uint64_t client_seq,
                                              std::uint64_t before_seq) = 0;
  virtual std::vector<trajectory_record> trajectories() = 0;

  // AVG erasures (see privacy.hpp), durable when they return and leaving no copy of what
  // they removed in the file or its WAL; throw store_error and change nothing on failure.
  // A person: named nowhere any more, tokens and device marks gone, their words kept.
  virtual void erase_person(const std::string& trajectory_id, shared::person_id person) = 0;
  virtual void erase_trajectory(const std::string& trajectory_id) = 0;
  // Erasures noted as due (commit_item::erasures_due) and not yet done: trajectory, person.
  virtual std::vector<std::pair<std::string, shared::person_id>> pending_erasures() = 0;

  // Makes this instance the one that serves the trajectory, unless another live instance
  // does; `location` is where clients reach this instance. Commits for a trajectory need it.
  // A store only one instance can use (a SQLite file) owns everything.
  virtual ownership claim(const std::string& /*trajectory_id*/, const std::string& /*location*/) {
    return {};
  }
};

}  // namespace jos::server
