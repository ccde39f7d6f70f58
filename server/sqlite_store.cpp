#include "server/sqlite_store.hpp"

#include <sqlite3.h>

#include "server/client_marks.hpp"
#include "server/private_path.hpp"
#include "server/secrets.hpp"
#include "server/sqlite_migrations.hpp"
#include "server/sqlite_statement.hpp"

namespace jos::server {

namespace {

enum statement_id : int {
  begin_tx,
  commit_tx,
  rollback_tx,
  insert_trajectory,
  insert_op,
  upsert_client,
  insert_participant,
  upsert_snapshot,
  select_trajectory,
  select_snapshot,
  select_tail,
  select_clients,
  select_by_code,
  select_by_secret,
  select_participant,
  select_trajectories,
  select_client_op,
  delete_ballot_marks,
  update_codes,
  delete_participants,
  statement_count,
};

constexpr const char* statement_sql[] = {
    "BEGIN IMMEDIATE",
    "COMMIT",
    "ROLLBACK",
    "INSERT INTO trajectories(id, join_code_hash, coordinator_secret_hash, partnership,"
    " created_at_ms, coordinator_code_hash) VALUES(?1, ?2, ?3, ?4, ?5, ?6)",
    "INSERT INTO ops(trajectory_id, seq, author, client_id, client_seq, op)"
    " VALUES(?1, ?2, ?3, ?4, ?5, ?6)",
    "INSERT INTO clients(trajectory_id, person_id, client_id, last_client_seq, last_seq)"
    " VALUES(?1, ?2, ?3, ?4, ?5) ON CONFLICT(trajectory_id, person_id, client_id) DO UPDATE SET"
    " last_client_seq = excluded.last_client_seq, last_seq = excluded.last_seq",
    "INSERT INTO participants(token_hash, trajectory_id, person_id) VALUES(?1, ?2, ?3)",
    "INSERT INTO snapshots(trajectory_id, seq, state) VALUES(?1, ?2, ?3)"
    " ON CONFLICT(trajectory_id) DO UPDATE SET seq = excluded.seq, state = excluded.state",
    "SELECT id, coalesce(coordinator_secret_hash, ''), partnership, created_at_ms"
    " FROM trajectories WHERE id = ?1",
    "SELECT seq, state FROM snapshots WHERE trajectory_id = ?1",
    "SELECT seq, author, client_id, client_seq, op FROM ops WHERE trajectory_id = ?1 AND seq > ?2"
    " ORDER BY seq",
    "SELECT person_id, client_id, last_client_seq, last_seq FROM clients WHERE trajectory_id = ?1",
    "SELECT id, 0 FROM trajectories WHERE join_code_hash = ?1"
    " UNION ALL SELECT id, 1 FROM trajectories WHERE coordinator_code_hash = ?1",
    "SELECT id FROM trajectories WHERE coordinator_secret_hash = ?1",
    "SELECT token_hash, trajectory_id, person_id FROM participants WHERE token_hash = ?1",
    "SELECT id, coalesce(coordinator_secret_hash, ''), partnership, created_at_ms"
    " FROM trajectories ORDER BY created_at_ms",
    // A client's ops have rising client_seq as seq rises: walking back from its latest op,
    // the first of its ops at or below client_seq is the one, or it was never stored. No
    // index: resends of older ops are rare and recent, and every op insert stays one row.
    "SELECT seq, client_seq FROM ops WHERE trajectory_id = ?1 AND seq < ?2 AND author = ?3"
    " AND client_id = ?4 AND client_seq <= ?5 ORDER BY seq DESC LIMIT 1",
    "DELETE FROM clients WHERE trajectory_id = ?1 AND person_id >= ?2",
    // NULL leaves a code as it is; a new coordinator code ends the old secret, a new team
    // code alone does not.
    "UPDATE trajectories SET join_code_hash = coalesce(?2, join_code_hash),"
    " coordinator_code_hash = coalesce(?3, coordinator_code_hash), coordinator_secret_hash ="
    " CASE WHEN ?3 IS NULL THEN coordinator_secret_hash ELSE NULL END WHERE id = ?1",
    "DELETE FROM participants WHERE trajectory_id = ?1 AND person_id = ?2",
};
static_assert(std::size(statement_sql) == statement_count);

// A trajectory's row without its codes: only their hashes are kept.
trajectory_record record_of(sqlite_statement& row) {
  trajectory_record r;
  r.id = row.text(0);
  r.coordinator_secret_hash = row.text(1);
  r.partnership_json = row.text(2);
  r.created_at_ms = row.integer(3);
  return r;
}

}  // namespace

sqlite_store::sqlite_store(const std::string& path) {
  create_private(path);
  // One thread at a time uses this connection (the store thread, or an admin command), so
  // SQLite's own mutexes are only cost.
  if (sqlite3_open_v2(path.c_str(), &db_,
                      SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE | SQLITE_OPEN_NOMUTEX,
                      nullptr) != SQLITE_OK) {
    const std::string message = db_ != nullptr ? sqlite3_errmsg(db_) : "out of memory";
    sqlite3_close(db_);
    db_ = nullptr;
    throw store_error("kan database " + path + " niet openen: " + message);
  }
  try {
    sqlite3_busy_timeout(db_, 5000);
    exec("PRAGMA journal_mode=WAL");
    // FULL: the WAL is synced at every commit, so an acknowledged op survives power loss.
    exec("PRAGMA synchronous=FULL");
    exec("PRAGMA foreign_keys=ON");
    exec("PRAGMA secure_delete=ON");
    create_or_migrate(db_);
    for (int i = 0; i < statement_count; ++i)
      statements_.push_back(std::make_unique<sqlite_statement>(db_, statement_sql[i]));
  } catch (...) {
    statements_.clear();
    sqlite3_close(db_);
    db_ = nullptr;
    throw;
  }
}

sqlite_store::~sqlite_store() {
  statements_.clear();
  sqlite3_close(db_);
}

void sqlite_store::exec(const char* sql) {
  char* error = nullptr;
  if (sqlite3_exec(db_, sql, nullptr, nullptr, &error) != SQLITE_OK) {
    std::string message = error != nullptr ? error : "unknown error";
    sqlite3_free(error);
    throw store_error("SQLite: " + message);
  }
}

sqlite_statement& sqlite_store::prepared(int which) {
  return *statements_[static_cast<std::size_t>(which)];
}

void sqlite_store::commit(std::span<const commit_item> items) {
  prepared(begin_tx).run();
  try {
    for (const auto& item : items) {
      if (item.created) {
        const auto& r = *item.created;
        prepared(insert_trajectory)
            .bind(1, r.id)
            .bind(2, stored_code_hash(r.join_code, r.join_code_hash))
            .bind_or_null(3, r.coordinator_secret_hash)
            .bind(4, r.partnership_json)
            .bind(5, r.created_at_ms)
            .bind_or_null(6, stored_code_hash(r.coordinator_code, r.coordinator_code_hash))
            .run();
      }
      for (const auto& op : item.ops) {
        prepared(insert_op)
            .bind(1, item.trajectory_id)
            .bind(2, op.seq)
            .bind(3, op.author)
            .bind(4, op.client_id)
            .bind(5, op.client_seq)
            .bind(6, op.op_json)
            .run();
      }
      if (item.clear_ballot_marks)
        prepared(delete_ballot_marks)
            .bind(1, item.trajectory_id)
            .bind(2, shared::stand_in_base)
            .run();
      for (const auto& c : item.clients)
        prepared(upsert_client)
            .bind(1, item.trajectory_id)
            .bind(2, c.person)
            .bind(3, c.client_id)
            .bind(4, c.last_client_seq)
            .bind(5, c.last_seq)
            .run();
      if (item.revoke_person)
        prepared(delete_participants)
            .bind(1, item.trajectory_id)
            .bind(2, *item.revoke_person)
            .run();
      for (const shared::person_id person : item.erasures_due)
        sqlite_statement(
            db_, "INSERT OR IGNORE INTO erasures_due(trajectory_id, person_id) VALUES(?1, ?2)")
            .bind(1, item.trajectory_id)
            .bind(2, person)
            .run();
      if (item.participant)
        prepared(insert_participant)
            .bind(1, item.participant->token_hash)
            .bind(2, item.participant->trajectory_id)
            .bind(3, item.participant->person)
            .run();
      if (item.snapshot)
        prepared(upsert_snapshot)
            .bind(1, item.trajectory_id)
            .bind(2, item.snapshot->first)
            .bind(3, item.snapshot->second)
            .run();
    }
    prepared(commit_tx).run();
  } catch (...) {
    for (auto& s : statements_) s->reset();
    sqlite3_exec(db_, "ROLLBACK", nullptr, nullptr, nullptr);
    throw;
  }
}

std::optional<room_data> sqlite_store::load_room(const std::string& trajectory_id) {
  room_data data;
  auto& t = prepared(select_trajectory).bind(1, trajectory_id);
  if (!t.step()) {
    t.reset();
    return std::nullopt;
  }
  data.record = record_of(t);
  t.reset();

  auto& s = prepared(select_snapshot).bind(1, trajectory_id);
  if (s.step()) {
    data.snapshot_seq = static_cast<std::uint64_t>(s.integer(0));
    data.snapshot_json = s.text(1);
  }
  s.reset();

  auto& o = prepared(select_tail).bind(1, trajectory_id).bind(2, data.snapshot_seq);
  while (o.step())
    data.tail.push_back({static_cast<std::uint64_t>(o.integer(0)),
                         static_cast<shared::person_id>(o.integer(1)), o.text(2),
                         static_cast<std::uint64_t>(o.integer(3)), o.text(4)});
  o.reset();

  // The marks stored with the snapshot (or, from older files, with every op).
  std::vector<client_mark> stored;
  auto& c = prepared(select_clients).bind(1, trajectory_id);
  while (c.step())
    stored.push_back({static_cast<shared::person_id>(c.integer(0)), c.text(1),
                      static_cast<std::uint64_t>(c.integer(2)),
                      static_cast<std::uint64_t>(c.integer(3))});
  c.reset();
  data.clients = current_marks(stored, data.tail);
  return data;
}

std::optional<code_match> sqlite_store::trajectory_by_code(const std::string& code) {
  auto& q = prepared(select_by_code).bind(1, code_hash(code));
  std::optional<code_match> match;
  if (q.step()) match = code_match{q.text(0), q.integer(1) != 0};
  q.reset();
  return match;
}

void sqlite_store::set_codes(const std::string& trajectory_id, const std::string& join_code,
                             const std::string& coordinator_code) {
  auto& q = prepared(update_codes)
                .bind(1, trajectory_id)
                .bind_or_null(2, stored_code_hash(join_code, ""))
                .bind_or_null(3, stored_code_hash(coordinator_code, ""));
  try {
    q.run();
  } catch (...) {
    q.reset();
    throw;
  }
}

std::optional<std::string> sqlite_store::trajectory_by_coordinator_secret(const std::string& hash) {
  auto& q = prepared(select_by_secret).bind(1, hash);
  std::optional<std::string> id;
  if (q.step()) id = q.text(0);
  q.reset();
  return id;
}

std::optional<participant_record> sqlite_store::participant(const std::string& token_hash) {
  auto& q = prepared(select_participant).bind(1, token_hash);
  std::optional<participant_record> p;
  if (q.step())
    p = participant_record{q.text(0), q.text(1), static_cast<shared::person_id>(q.integer(2))};
  q.reset();
  return p;
}

std::optional<std::uint64_t> sqlite_store::op_seq(const std::string& trajectory_id,
                                                  shared::person_id author,
                                                  const std::string& client_id,
                                                  std::uint64_t client_seq,
                                                  std::uint64_t before_seq) {
  auto& q = prepared(select_client_op)
                .bind(1, trajectory_id)
                .bind(2, before_seq)
                .bind(3, author)
                .bind(4, client_id)
                .bind(5, client_seq);
  std::optional<std::uint64_t> seq;
  if (q.step() && static_cast<std::uint64_t>(q.integer(1)) == client_seq)
    seq = static_cast<std::uint64_t>(q.integer(0));
  q.reset();
  return seq;
}

std::vector<trajectory_record> sqlite_store::trajectories() {
  std::vector<trajectory_record> out;
  auto& q = prepared(select_trajectories);
  while (q.step()) out.push_back(record_of(q));
  q.reset();
  return out;
}

}  // namespace jos::server
