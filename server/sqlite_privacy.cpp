// sqlite_store's erasures. Rewritten and deleted rows leave no copy behind: the store runs
// with secure_delete (freed space is zeroed) and empties the WAL after each erasure, so the
// file and its -wal hold only what remains.

#include <sqlite3.h>

#include <vector>

#include "server/privacy.hpp"
#include "server/sqlite_store.hpp"

namespace jos::server {
namespace {

// One statement, run to its end by the caller; finalised on every path.
class query {
 public:
  query(sqlite3* db, const char* sql) : db_(db) {
    if (sqlite3_prepare_v2(db, sql, -1, &stmt_, nullptr) != SQLITE_OK)
      throw store_error(std::string("SQLite prepare: ") + sqlite3_errmsg(db));
  }
  ~query() { sqlite3_finalize(stmt_); }
  query(const query&) = delete;
  query& operator=(const query&) = delete;

  query& bind(int i, const std::string& v) {
    sqlite3_bind_text(stmt_, i, v.data(), static_cast<int>(v.size()), SQLITE_TRANSIENT);
    return *this;
  }
  query& bind(int i, std::int64_t v) {
    sqlite3_bind_int64(stmt_, i, v);
    return *this;
  }
  bool step() {
    const int rc = sqlite3_step(stmt_);
    if (rc == SQLITE_ROW) return true;
    if (rc == SQLITE_DONE) return false;
    throw store_error(std::string("SQLite: ") + sqlite3_errmsg(db_));
  }
  void run() {
    step();
    sqlite3_reset(stmt_);
    sqlite3_clear_bindings(stmt_);
  }
  std::string text(int col) const {
    const auto* p = reinterpret_cast<const char*>(sqlite3_column_text(stmt_, col));
    return p == nullptr ? std::string{} : std::string(p);
  }
  std::int64_t integer(int col) const { return sqlite3_column_int64(stmt_, col); }

 private:
  sqlite3* db_;
  sqlite3_stmt* stmt_ = nullptr;
};

void exec(sqlite3* db, const char* sql) {
  char* error = nullptr;
  if (sqlite3_exec(db, sql, nullptr, nullptr, &error) != SQLITE_OK) {
    std::string message = error != nullptr ? error : "unknown error";
    sqlite3_free(error);
    throw store_error("SQLite: " + message);
  }
}

// Runs `body` in one write transaction, then moves everything into the database file and
// truncates the WAL, whose older frames still hold the erased bytes.
template <typename Body>
void erasing(sqlite3* db, Body body) {
  exec(db, "BEGIN IMMEDIATE");
  try {
    body();
    exec(db, "COMMIT");
  } catch (...) {
    sqlite3_exec(db, "ROLLBACK", nullptr, nullptr, nullptr);
    throw;
  }
  int log_frames = 0;
  int checkpointed = 0;
  if (sqlite3_wal_checkpoint_v2(db, nullptr, SQLITE_CHECKPOINT_TRUNCATE, &log_frames,
                                &checkpointed) != SQLITE_OK)
    throw store_error(std::string("gewist, maar de WAL is nog niet leeg: ") + sqlite3_errmsg(db));
}

// Rewrites the JSON in `column` of every row `select` (key, json) returns where the person
// appears, through `update` (?1 json, ?2 key).
void scrub_rows(sqlite3* db, const std::string& trajectory_id, shared::person_id person,
                const char* select, const char* update) {
  std::vector<std::pair<std::int64_t, std::string>> changed;
  {
    query rows(db, select);
    rows.bind(1, trajectory_id);
    while (rows.step()) {
      auto j = nlohmann::json::parse(rows.text(1), nullptr, false);
      if (!j.is_discarded() && scrub_person(j, person))
        changed.emplace_back(rows.integer(0), j.dump());
    }
  }
  query write(db, update);
  for (const auto& [key, json] : changed)
    write.bind(1, json).bind(2, key).bind(3, trajectory_id).run();
}

}  // namespace

void sqlite_store::erase_person(const std::string& trajectory_id, shared::person_id person) {
  erasing(db_, [&] {
    const auto who = static_cast<std::int64_t>(person);
    // Only ops that carry a person object can name anyone.
    scrub_rows(db_, trajectory_id, person,
               "SELECT seq, op FROM ops WHERE trajectory_id = ?1 AND op LIKE '%\"person\"%'",
               "UPDATE ops SET op = ?1 WHERE seq = ?2 AND trajectory_id = ?3");
    scrub_rows(db_, trajectory_id, person,
               "SELECT 0, state FROM snapshots WHERE trajectory_id = ?1",
               "UPDATE snapshots SET state = ?1 WHERE ?2 = 0 AND trajectory_id = ?3");
    // Their devices: the ids in their ops and the marks under them.
    query(db_,
          "DELETE FROM clients WHERE trajectory_id = ?1 AND client_id IN"
          " (SELECT client_id FROM ops WHERE trajectory_id = ?1 AND author = ?2)")
        .bind(1, trajectory_id)
        .bind(2, who)
        .run();
    query(db_, "UPDATE ops SET client_id = '' WHERE trajectory_id = ?1 AND author = ?2")
        .bind(1, trajectory_id)
        .bind(2, who)
        .run();
    query(db_, "DELETE FROM participants WHERE trajectory_id = ?1 AND person_id = ?2")
        .bind(1, trajectory_id)
        .bind(2, who)
        .run();
  });
}

void sqlite_store::erase_trajectory(const std::string& trajectory_id) {
  erasing(db_, [&] {
    for (const char* sql : {"DELETE FROM ops WHERE trajectory_id = ?1",
                            "DELETE FROM clients WHERE trajectory_id = ?1",
                            "DELETE FROM participants WHERE trajectory_id = ?1",
                            "DELETE FROM snapshots WHERE trajectory_id = ?1",
                            "DELETE FROM trajectories WHERE id = ?1"})
      query(db_, sql).bind(1, trajectory_id).run();
  });
}

}  // namespace jos::server
