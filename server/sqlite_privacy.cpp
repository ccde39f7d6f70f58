// sqlite_store's erasures. Rewritten and deleted rows leave no copy behind: the store runs
// with secure_delete (freed space is zeroed) and empties the WAL after each erasure, so the
// file and its -wal hold only what remains.

#include <sqlite3.h>

#include <vector>

#include "server/privacy.hpp"
#include "server/sqlite_statement.hpp"
#include "server/sqlite_store.hpp"

namespace jos::server {
namespace {

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
    sqlite_statement rows(db, select);
    rows.bind(1, trajectory_id);
    while (rows.step()) {
      auto j = nlohmann::json::parse(rows.text(1), nullptr, false);
      if (!j.is_discarded() && scrub_person(j, person))
        changed.emplace_back(rows.integer(0), j.dump());
    }
  }
  sqlite_statement write(db, update);
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
    // Their devices: each mark is the person's own row, and their ops name the ids.
    sqlite_statement(db_, "DELETE FROM clients WHERE trajectory_id = ?1 AND person_id = ?2")
        .bind(1, trajectory_id)
        .bind(2, who)
        .run();
    sqlite_statement(db_, "UPDATE ops SET client_id = '' WHERE trajectory_id = ?1 AND author = ?2")
        .bind(1, trajectory_id)
        .bind(2, who)
        .run();
    sqlite_statement(db_, "DELETE FROM participants WHERE trajectory_id = ?1 AND person_id = ?2")
        .bind(1, trajectory_id)
        .bind(2, who)
        .run();
    sqlite_statement(db_, "DELETE FROM erasures_due WHERE trajectory_id = ?1 AND person_id = ?2")
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
                            "DELETE FROM erasures_due WHERE trajectory_id = ?1",
                            "DELETE FROM trajectories WHERE id = ?1"})
      sqlite_statement(db_, sql).bind(1, trajectory_id).run();
  });
}

std::vector<std::pair<std::string, shared::person_id>> sqlite_store::pending_erasures() {
  std::vector<std::pair<std::string, shared::person_id>> out;
  sqlite_statement due(db_, "SELECT trajectory_id, person_id FROM erasures_due");
  while (due.step()) out.emplace_back(due.text(0), static_cast<shared::person_id>(due.integer(1)));
  return out;
}

}  // namespace jos::server
