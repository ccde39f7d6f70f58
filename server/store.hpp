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
  std::string join_code;
  std::string coordinator_secret_hash;
  std::string partnership_json;
  std::int64_t created_at_ms = 0;
};

struct participant_record {
  std::string token_hash;
  std::string trajectory_id;
  shared::person_id person = shared::no_person;
};

struct client_mark {
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
  std::optional<std::pair<std::uint64_t, std::string>> snapshot;  // seq, state json
  // With a snapshot: every client's mark as of it. Marks of later ops come from the ops
  // themselves when the room loads, so an op costs one row, not two.
  std::vector<client_mark> clients;
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

class store {
 public:
  virtual ~store() = default;

  // One transaction, durable when it returns; throws store_error and changes nothing on
  // failure.
  virtual void commit(std::span<const commit_item> items) = 0;

  virtual std::optional<room_data> load_room(const std::string& trajectory_id) = 0;
  virtual std::optional<std::string> trajectory_by_join_code(const std::string& code) = 0;
  virtual std::optional<std::string> trajectory_by_coordinator_secret(const std::string& hash) = 0;
  virtual std::optional<participant_record> participant(const std::string& token_hash) = 0;
  // The seq a client's op was stored under, for a resend of an op older than the client's
  // latest: nullopt when no op with that client_seq was ever stored (it was refused).
  // `before_seq` is the seq of the client's latest op; the search goes back from there.
  virtual std::optional<std::uint64_t> op_seq(const std::string& trajectory_id,
                                              const std::string& client_id,
                                              std::uint64_t client_seq,
                                              std::uint64_t before_seq) = 0;
  virtual std::vector<trajectory_record> trajectories() = 0;
  // Makes this instance the one that serves the trajectory, unless another live instance
  // does; `location` is where clients reach this instance. Commits for a trajectory need it.
  // A store only one instance can use (a SQLite file) owns everything.
  virtual ownership claim(const std::string& /*trajectory_id*/, const std::string& /*location*/) {
    return {};
  }
};

}  // namespace jos::server
