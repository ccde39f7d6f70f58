#pragma once
// The default store: one SQLite file in WAL mode with synchronous=FULL, so a commit that
// returned survives a crash or power loss. Created private (see private_path.hpp), with
// secure_delete so that erased data is overwritten, not merely unlinked.

#include <memory>
#include <string>

#include "server/store.hpp"

struct sqlite3;
struct sqlite3_stmt;

namespace jos::server {

class sqlite_statement;

class sqlite_store final : public store {
 public:
  // Creates the file and its schema if needed; throws store_error when it cannot.
  explicit sqlite_store(const std::string& path);
  ~sqlite_store() override;
  sqlite_store(const sqlite_store&) = delete;
  sqlite_store& operator=(const sqlite_store&) = delete;

  void commit(std::span<const commit_item> items) override;
  std::optional<room_data> load_room(const std::string& trajectory_id) override;
  std::optional<code_match> trajectory_by_code(const std::string& code) override;
  void set_codes(const std::string& trajectory_id, const std::string& join_code,
                 const std::string& coordinator_code) override;
  std::optional<std::string> trajectory_by_coordinator_secret(const std::string& hash) override;
  std::optional<participant_record> participant(const std::string& token_hash) override;
  std::optional<std::uint64_t> op_seq(const std::string& trajectory_id, shared::person_id author,
                                      const std::string& client_id, std::uint64_t client_seq,
                                      std::uint64_t before_seq) override;
  std::vector<trajectory_record> trajectories() override;
  // In sqlite_privacy.cpp.
  void erase_person(const std::string& trajectory_id, shared::person_id person) override;
  void erase_trajectory(const std::string& trajectory_id) override;
  std::vector<std::pair<std::string, shared::person_id>> pending_erasures() override;

 private:
  void exec(const char* sql);
  sqlite_statement& prepared(int which);

  sqlite3* db_ = nullptr;
  std::vector<std::unique_ptr<sqlite_statement>> statements_;
};

}  // namespace jos::server
