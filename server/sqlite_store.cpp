#include "server/sqlite_store.hpp"

#include <sqlite3.h>

#include <map>

#include "server/private_path.hpp"

namespace jos::server {

// A prepared statement, reset after each use so it can be reused for the next call.
class sqlite_store::statement {
 public:
  statement(sqlite3* db, const char* sql) : db_(db) {
    if (sqlite3_prepare_v2(db, sql, -1, &stmt_, nullptr) != SQLITE_OK)
      throw store_error(std::string("SQLite prepare: ") + sqlite3_errmsg(db));
  }
  ~statement() { sqlite3_finalize(stmt_); }
  statement(const statement&) = delete;
  statement& operator=(const statement&) = delete;

  statement& bind(int i, const std::string& v) {
    check(sqlite3_bind_text(stmt_, i, v.data(), static_cast<int>(v.size()), SQLITE_TRANSIENT));
    return *this;
  }
  statement& bind(int i, std::int64_t v) {
    check(sqlite3_bind_int64(stmt_, i, v));
    return *this;
  }
  statement& bind(int i, std::uint64_t v) { return bind(i, static_cast<std::int64_t>(v)); }
  statement& bind(int i, std::uint32_t v) { return bind(i, static_cast<std::int64_t>(v)); }

  // True while there is a row.
  bool step() {
    const int rc = sqlite3_step(stmt_);
    if (rc == SQLITE_ROW) return true;
    if (rc == SQLITE_DONE) return false;
    if (rc == SQLITE_FULL) throw disk_full_error(std::string("SQLite: ") + sqlite3_errmsg(db_));
    throw store_error(std::string("SQLite: ") + sqlite3_errmsg(db_));
  }
  void run() {
    step();
    reset();
  }
  void reset() {
    sqlite3_reset(stmt_);
    sqlite3_clear_bindings(stmt_);
  }
  std::string text(int col) const {
    const auto* p = reinterpret_cast<const char*>(sqlite3_column_text(stmt_, col));
    return p == nullptr
               ? std::string{}
               : std::string(p, static_cast<std::size_t>(sqlite3_column_bytes(stmt_, col)));
  }
  std::int64_t integer(int col) const { return sqlite3_column_int64(stmt_, col); }

 private:
  void check(int rc) const {
    if (rc != SQLITE_OK) throw store_error(std::string("SQLite bind: ") + sqlite3_errmsg(db_));
  }
  sqlite3* db_;
  sqlite3_stmt* stmt_ = nullptr;
};

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
  select_by_join_code,
  select_by_secret,
  select_participant,
  select_trajectories,
  select_client_op,
  statement_count,
};

constexpr const char* statement_sql[] = {
    "BEGIN IMMEDIATE",
    "COMMIT",
    "ROLLBACK",
    "INSERT INTO trajectories(id, join_code, coordinator_secret_hash, partnership, created_at_ms)"
    " VALUES(?1, ?2, ?3, ?4, ?5)",
    "INSERT INTO ops(trajectory_id, seq, author, client_id, client_seq, op)"
    " VALUES(?1, ?2, ?3, ?4, ?5, ?6)",
    "INSERT INTO clients(trajectory_id, client_id, last_client_seq, last_seq) VALUES(?1, ?2, ?3, "
    "?4)"
    " ON CONFLICT(trajectory_id, client_id) DO UPDATE SET last_client_seq = "
    "excluded.last_client_seq,"
    " last_seq = excluded.last_seq",
    "INSERT INTO participants(token_hash, trajectory_id, person_id) VALUES(?1, ?2, ?3)",
    "INSERT INTO snapshots(trajectory_id, seq, state) VALUES(?1, ?2, ?3)"
    " ON CONFLICT(trajectory_id) DO UPDATE SET seq = excluded.seq, state = excluded.state",
    "SELECT id, join_code, coordinator_secret_hash, partnership, created_at_ms FROM trajectories"
    " WHERE id = ?1",
    "SELECT seq, state FROM snapshots WHERE trajectory_id = ?1",
    "SELECT seq, author, client_id, client_seq, op FROM ops WHERE trajectory_id = ?1 AND seq > ?2"
    " ORDER BY seq",
    "SELECT client_id, last_client_seq, last_seq FROM clients WHERE trajectory_id = ?1",
    "SELECT id FROM trajectories WHERE join_code = ?1",
    "SELECT id FROM trajectories WHERE coordinator_secret_hash = ?1",
    "SELECT token_hash, trajectory_id, person_id FROM participants WHERE token_hash = ?1",
    "SELECT id, join_code, coordinator_secret_hash, partnership, created_at_ms FROM trajectories"
    " ORDER BY created_at_ms",
    // A client's ops have rising client_seq as seq rises: walking back from its latest op,
    // the first of its ops at or below client_seq is the one, or it was never stored. No
    // index: resends of older ops are rare and recent, and every op insert stays one row.
    "SELECT seq, client_seq FROM ops WHERE trajectory_id = ?1 AND seq < ?2 AND client_id = ?3"
    " AND client_seq <= ?4 ORDER BY seq DESC LIMIT 1",
};
static_assert(std::size(statement_sql) == statement_count);

constexpr const char* schema = R"sql(
CREATE TABLE IF NOT EXISTS trajectories(
  id TEXT PRIMARY KEY,
  join_code TEXT UNIQUE NOT NULL,
  coordinator_secret_hash TEXT UNIQUE NOT NULL,
  partnership TEXT NOT NULL,
  created_at_ms INTEGER NOT NULL);
CREATE TABLE IF NOT EXISTS participants(
  token_hash TEXT PRIMARY KEY,
  trajectory_id TEXT NOT NULL,
  person_id INTEGER NOT NULL);
CREATE TABLE IF NOT EXISTS ops(
  trajectory_id TEXT NOT NULL,
  seq INTEGER NOT NULL,
  author INTEGER NOT NULL,
  client_id TEXT NOT NULL,
  client_seq INTEGER NOT NULL,
  op TEXT NOT NULL,
  PRIMARY KEY(trajectory_id, seq)) WITHOUT ROWID;
CREATE TABLE IF NOT EXISTS clients(
  trajectory_id TEXT NOT NULL,
  client_id TEXT NOT NULL,
  last_client_seq INTEGER NOT NULL,
  last_seq INTEGER NOT NULL,
  PRIMARY KEY(trajectory_id, client_id)) WITHOUT ROWID;
CREATE TABLE IF NOT EXISTS snapshots(
  trajectory_id TEXT PRIMARY KEY,
  seq INTEGER NOT NULL,
  state TEXT NOT NULL) WITHOUT ROWID;
)sql";

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
    exec(schema);
    for (int i = 0; i < statement_count; ++i)
      statements_.push_back(std::make_unique<statement>(db_, statement_sql[i]));
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

sqlite_store::statement& sqlite_store::prepared(int which) {
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
            .bind(2, r.join_code)
            .bind(3, r.coordinator_secret_hash)
            .bind(4, r.partnership_json)
            .bind(5, r.created_at_ms)
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
      for (const auto& c : item.clients)
        prepared(upsert_client)
            .bind(1, item.trajectory_id)
            .bind(2, c.client_id)
            .bind(3, c.last_client_seq)
            .bind(4, c.last_seq)
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
  data.record = {t.text(0), t.text(1), t.text(2), t.text(3), t.integer(4)};
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

  // The marks stored with the snapshot (or, from older files, with every op), brought up to
  // date by the ops after it.
  std::map<std::string, client_mark> marks;
  auto& c = prepared(select_clients).bind(1, trajectory_id);
  while (c.step()) {
    client_mark m{c.text(0), static_cast<std::uint64_t>(c.integer(1)),
                  static_cast<std::uint64_t>(c.integer(2))};
    marks[m.client_id] = m;
  }
  c.reset();
  for (const auto& op : data.tail) {
    if (op.client_id.empty()) continue;
    auto& m = marks[op.client_id];
    if (m.client_id.empty() || op.client_seq >= m.last_client_seq)
      m = {op.client_id, op.client_seq, op.seq};
  }
  for (auto& [id, m] : marks) data.clients.push_back(std::move(m));
  return data;
}

std::optional<std::string> sqlite_store::trajectory_by_join_code(const std::string& code) {
  auto& q = prepared(select_by_join_code).bind(1, code);
  std::optional<std::string> id;
  if (q.step()) id = q.text(0);
  q.reset();
  return id;
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
                                                  const std::string& client_id,
                                                  std::uint64_t client_seq,
                                                  std::uint64_t before_seq) {
  auto& q = prepared(select_client_op)
                .bind(1, trajectory_id)
                .bind(2, before_seq)
                .bind(3, client_id)
                .bind(4, client_seq);
  std::optional<std::uint64_t> seq;
  if (q.step() && static_cast<std::uint64_t>(q.integer(1)) == client_seq)
    seq = static_cast<std::uint64_t>(q.integer(0));
  q.reset();
  return seq;
}

std::vector<trajectory_record> sqlite_store::trajectories() {
  std::vector<trajectory_record> out;
  auto& q = prepared(select_trajectories);
  while (q.step()) out.push_back({q.text(0), q.text(1), q.text(2), q.text(3), q.integer(4)});
  q.reset();
  return out;
}

}  // namespace jos::server
