#pragma once
// The store on PostgreSQL (libpq), for several jos-server instances on one database.
//
// Each trajectory is served by one instance at a time: the instance that serves it holds a
// session-level advisory lock on it, and commits for a trajectory only on the session that
// holds its lock. PostgreSQL drops the lock with the session, so an instance that lost its
// session (a crash, a kill, a broken link) can never commit for that trajectory again: its
// new session holds no locks, and whatever it still has in memory is refused. Another
// instance can then claim the trajectory and load it from what was committed.

#include <memory>
#include <set>
#include <string>

#include "server/store.hpp"

struct pg_conn;

namespace jos::server {

class pg_store final : public store {
 public:
  // `url`: a libpq connection URI (postgresql://…). Creates the schema if needed; throws
  // store_error when it cannot connect.
  explicit pg_store(const std::string& url);
  ~pg_store() override;
  pg_store(const pg_store&) = delete;
  pg_store& operator=(const pg_store&) = delete;

  void commit(std::span<const commit_item> items) override;
  std::optional<room_data> load_room(const std::string& trajectory_id) override;
  std::optional<code_match> trajectory_by_code(const std::string& code) override;
  std::optional<std::string> trajectory_by_coordinator_secret(const std::string& hash) override;
  void set_codes(const std::string& trajectory_id, const std::string& join_code,
                 const std::string& coordinator_code) override;
  std::optional<participant_record> participant(const std::string& token_hash) override;
  std::optional<std::uint64_t> op_seq(const std::string& trajectory_id, shared::person_id author,
                                      const std::string& client_id, std::uint64_t client_seq,
                                      std::uint64_t before_seq) override;
  std::vector<trajectory_record> trajectories() override;
  // Erasures take the trajectory's lock as a commit needs it: they fail (store_error) while
  // another instance serves it. The rows' old versions are vacuumed away at once.
  void erase_person(const std::string& trajectory_id, shared::person_id person) override;
  void erase_trajectory(const std::string& trajectory_id) override;
  std::vector<std::pair<std::string, shared::person_id>> pending_erasures() override;
  ownership claim(const std::string& trajectory_id, const std::string& location) override;

 private:
  class result;
  result query(const char* sql, std::initializer_list<std::string> params);
  static trajectory_record record(const result& r, int row);
  // This session holds the trajectory's lock (taking it if free).
  bool hold(const std::string& trajectory_id);
  void require_held(const std::string& trajectory_id);
  template <typename Body>
  void erasing(const std::string& trajectory_id, Body body);
  [[noreturn]] void fail(std::string message);
  // Drops a session that broke, so the next call starts a new one (holding no locks).
  void check_connection();
  void connect();

  std::string url_;
  pg_conn* conn_ = nullptr;
  std::set<std::string> owned_;  // trajectories whose advisory lock this session holds
};

}  // namespace jos::server
