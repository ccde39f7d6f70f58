#include "server/pg_store.hpp"

#include <libpq-fe.h>

#include <charconv>
#include <utility>

#include "server/client_marks.hpp"
#include "server/privacy.hpp"
#include "server/secrets.hpp"
#include "shared/ids.hpp"

namespace jos::server {
namespace {

// Session-level advisory locks name a trajectory by a 64-bit hash of its id; a collision
// only makes two trajectories share an instance. The schema lock uses the (int, int) key
// space, which never meets the bigint one.
constexpr const char* lock_key = "hashtextextended($1, 0)";

constexpr const char* schema = R"sql(
SET client_min_messages TO warning;
SELECT pg_advisory_xact_lock(7402, 1);
CREATE TABLE IF NOT EXISTS trajectories(
  id TEXT PRIMARY KEY,
  join_code_hash TEXT UNIQUE NOT NULL,
  coordinator_secret_hash TEXT UNIQUE,
  partnership TEXT NOT NULL,
  created_at_ms BIGINT NOT NULL,
  coordinator_code_hash TEXT UNIQUE);
CREATE TABLE IF NOT EXISTS participants(
  token_hash TEXT PRIMARY KEY,
  trajectory_id TEXT NOT NULL,
  person_id BIGINT NOT NULL);
CREATE TABLE IF NOT EXISTS ops(
  trajectory_id TEXT NOT NULL,
  seq BIGINT NOT NULL,
  author BIGINT NOT NULL,
  client_id TEXT NOT NULL,
  client_seq BIGINT NOT NULL,
  op TEXT NOT NULL,
  PRIMARY KEY(trajectory_id, seq));
CREATE TABLE IF NOT EXISTS clients(
  trajectory_id TEXT NOT NULL,
  person_id BIGINT NOT NULL,
  client_id TEXT NOT NULL,
  last_client_seq BIGINT NOT NULL,
  last_seq BIGINT NOT NULL,
  PRIMARY KEY(trajectory_id, person_id, client_id));
CREATE TABLE IF NOT EXISTS snapshots(
  trajectory_id TEXT PRIMARY KEY,
  seq BIGINT NOT NULL,
  state TEXT NOT NULL);
CREATE TABLE IF NOT EXISTS owners(
  trajectory_id TEXT PRIMARY KEY,
  location TEXT NOT NULL);
CREATE TABLE IF NOT EXISTS erasures_due(
  trajectory_id TEXT NOT NULL,
  person_id BIGINT NOT NULL,
  PRIMARY KEY(trajectory_id, person_id));
)sql";

constexpr const char* insert_ops =
    "INSERT INTO ops(trajectory_id, seq, author, client_id, client_seq, op)"
    " SELECT * FROM unnest($1::text[], $2::bigint[], $3::bigint[], $4::text[], $5::bigint[],"
    " $6::text[])";

std::string number(std::uint64_t v) { return std::to_string(static_cast<std::int64_t>(v)); }

std::uint64_t unsigned_number(const char* text) {
  std::int64_t v = 0;
  std::from_chars(text, text + std::char_traits<char>::length(text), v);
  return static_cast<std::uint64_t>(v);
}

// A PostgreSQL array literal: every element quoted, with " and \ escaped.
class array_literal {
 public:
  void add(const std::string& v) {
    text_ += text_.size() == 1 ? "\"" : ",\"";
    for (char c : v) {
      if (c == '"' || c == '\\') text_ += '\\';
      text_ += c;
    }
    text_ += '"';
  }
  std::string done() { return text_ + "}"; }

 private:
  std::string text_ = "{";
};

}  // namespace

// A query's result, freed with it.
class pg_store::result {
 public:
  explicit result(PGresult* r) : r_(r) {}
  ~result() { PQclear(r_); }
  result(result&& o) noexcept : r_(std::exchange(o.r_, nullptr)) {}
  result(const result&) = delete;
  result& operator=(const result&) = delete;
  int rows() const { return PQntuples(r_); }
  std::string text(int row, int col) const {
    return {PQgetvalue(r_, row, col), static_cast<std::size_t>(PQgetlength(r_, row, col))};
  }
  std::uint64_t integer(int row, int col) const {
    return unsigned_number(PQgetvalue(r_, row, col));
  }
  bool ok() const {
    const auto status = PQresultStatus(r_);
    return status == PGRES_TUPLES_OK || status == PGRES_COMMAND_OK;
  }
  std::string error() const { return r_ != nullptr ? PQresultErrorMessage(r_) : "out of memory"; }

 private:
  PGresult* r_;
};

pg_store::pg_store(const std::string& url) : url_(url) { connect(); }

pg_store::~pg_store() { PQfinish(conn_); }

void pg_store::connect() {
  PQfinish(conn_);
  owned_.clear();  // a new session holds no locks
  conn_ = PQconnectdb(url_.c_str());
  if (PQstatus(conn_) != CONNECTION_OK) {
    std::string message = PQerrorMessage(conn_);
    PQfinish(conn_);
    conn_ = nullptr;
    while (!message.empty() && message.back() == '\n') message.pop_back();
    throw store_error("kan PostgreSQL niet bereiken: " + message);
  }
  PGresult* r = PQexec(conn_, schema);
  const bool ok = PQresultStatus(r) == PGRES_TUPLES_OK || PQresultStatus(r) == PGRES_COMMAND_OK;
  std::string message = ok ? "" : PQresultErrorMessage(r);
  PQclear(r);
  if (!ok) throw store_error("PostgreSQL-schema: " + message);
}

void pg_store::check_connection() {
  if (conn_ == nullptr || PQstatus(conn_) != CONNECTION_OK) connect();
}

pg_store::result pg_store::query(const char* sql, std::initializer_list<std::string> params) {
  check_connection();
  std::vector<const char*> values;
  std::vector<int> lengths;
  for (const auto& p : params) {
    values.push_back(p.data());
    lengths.push_back(static_cast<int>(p.size()));
  }
  result r(PQexecParams(conn_, sql, static_cast<int>(values.size()), nullptr, values.data(),
                        lengths.data(), nullptr, 0));
  if (!r.ok()) fail(r.error());
  return r;
}

void pg_store::fail(std::string message) {
  // A lost session took its locks along: nothing is ours any more.
  if (PQstatus(conn_) != CONNECTION_OK) owned_.clear();
  while (!message.empty() && message.back() == '\n') message.pop_back();
  throw store_error("PostgreSQL: " + message);
}

bool pg_store::hold(const std::string& trajectory_id) {
  check_connection();
  if (owned_.contains(trajectory_id)) return true;
  const auto locked = query((std::string("SELECT pg_try_advisory_lock(") + lock_key + ")").c_str(),
                            {trajectory_id});
  if (locked.text(0, 0) != "t") return false;
  owned_.insert(trajectory_id);
  return true;
}

void pg_store::require_held(const std::string& trajectory_id) {
  if (!hold(trajectory_id))
    throw store_error("leerlijn " + trajectory_id +
                      " wordt nu door een andere jos-server op deze database bediend");
}

ownership pg_store::claim(const std::string& trajectory_id, const std::string& location) {
  if (!hold(trajectory_id)) {
    const auto owner =
        query("SELECT location FROM owners WHERE trajectory_id = $1", {trajectory_id});
    return {false, owner.rows() > 0 ? owner.text(0, 0) : std::string{}};
  }
  query(
      "INSERT INTO owners(trajectory_id, location) VALUES($1, $2) ON CONFLICT(trajectory_id)"
      " DO UPDATE SET location = excluded.location",
      {trajectory_id, location});
  return {};
}

void pg_store::commit(std::span<const commit_item> items) {
  check_connection();
  // The fence: only the session holding a trajectory's lock commits for it.
  for (const auto& item : items)
    if (!owned_.contains(item.trajectory_id))
      throw store_error("trajectory " + item.trajectory_id + " is not claimed by this instance");

  // Everything goes in one pipeline: the statements up to the sync are one implicit
  // transaction, committed (and, with synchronous_commit on, flushed) before the sync's
  // reply comes back. One round trip per group commit.
  array_literal op_trajectory, op_seq, op_author, op_client, op_client_seq, op_text;
  std::vector<std::pair<const char*, std::vector<std::string>>> statements;
  for (const auto& item : items) {
    if (item.created) {
      const auto& r = *item.created;
      statements.push_back(
          {"INSERT INTO trajectories(id, join_code_hash, coordinator_secret_hash, partnership,"
           " created_at_ms, coordinator_code_hash) VALUES($1, $2, NULLIF($3, ''), $4, $5,"
           " NULLIF($6, ''))",
           {r.id, stored_code_hash(r.join_code, r.join_code_hash), r.coordinator_secret_hash,
            r.partnership_json, std::to_string(r.created_at_ms),
            stored_code_hash(r.coordinator_code, r.coordinator_code_hash)}});
    }
    for (const auto& op : item.ops) {
      op_trajectory.add(item.trajectory_id);
      op_seq.add(number(op.seq));
      op_author.add(std::to_string(op.author));
      op_client.add(op.client_id);
      op_client_seq.add(number(op.client_seq));
      op_text.add(op.op_json);
    }
    if (item.clear_ballot_marks)
      statements.push_back({"DELETE FROM clients WHERE trajectory_id = $1 AND person_id >= $2",
                            {item.trajectory_id, std::to_string(shared::stand_in_base)}});
    for (const auto& c : item.clients)
      statements.push_back(
          {"INSERT INTO clients(trajectory_id, person_id, client_id, last_client_seq, last_seq)"
           " VALUES($1, $2, $3, $4, $5) ON CONFLICT(trajectory_id, person_id, client_id) DO"
           " UPDATE SET last_client_seq = excluded.last_client_seq, last_seq = excluded.last_seq",
           {item.trajectory_id, std::to_string(c.person), c.client_id, number(c.last_client_seq),
            number(c.last_seq)}});
    if (item.revoke_person)
      statements.push_back({"DELETE FROM participants WHERE trajectory_id = $1 AND person_id = $2",
                            {item.trajectory_id, std::to_string(*item.revoke_person)}});
    for (const shared::person_id person : item.erasures_due)
      statements.push_back(
          {"INSERT INTO erasures_due(trajectory_id, person_id) VALUES($1, $2)"
           " ON CONFLICT DO NOTHING",
           {item.trajectory_id, std::to_string(person)}});
    if (item.participant)
      statements.push_back(
          {"INSERT INTO participants(token_hash, trajectory_id, person_id) VALUES($1, $2, $3)",
           {item.participant->token_hash, item.participant->trajectory_id,
            std::to_string(item.participant->person)}});
    if (item.snapshot)
      statements.push_back(
          {"INSERT INTO snapshots(trajectory_id, seq, state) VALUES($1, $2, $3)"
           " ON CONFLICT(trajectory_id) DO UPDATE SET seq = excluded.seq, state = excluded.state",
           {item.trajectory_id, number(item.snapshot->first), item.snapshot->second}});
  }
  statements.push_back({insert_ops,
                        {op_trajectory.done(), op_seq.done(), op_author.done(), op_client.done(),
                         op_client_seq.done(), op_text.done()}});

  if (PQenterPipelineMode(conn_) != 1) fail(PQerrorMessage(conn_));
  std::string error;
  for (const auto& [sql, params] : statements) {
    std::vector<const char*> values;
    std::vector<int> lengths;
    for (const auto& p : params) {
      values.push_back(p.data());
      lengths.push_back(static_cast<int>(p.size()));
    }
    if (PQsendQueryParams(conn_, sql, static_cast<int>(values.size()), nullptr, values.data(),
                          lengths.data(), nullptr, 0) != 1) {
      error = PQerrorMessage(conn_);
      break;
    }
  }
  if (error.empty() && PQpipelineSync(conn_) != 1) error = PQerrorMessage(conn_);
  // Read every reply up to the sync: the first error is the one that matters.
  for (bool synced = !error.empty(); !synced;) {
    PGresult* r = PQgetResult(conn_);
    if (r == nullptr) {
      if (PQstatus(conn_) != CONNECTION_OK) {
        if (error.empty()) error = PQerrorMessage(conn_);
        break;
      }
      continue;  // the end of one statement's results
    }
    const auto status = PQresultStatus(r);
    if (status == PGRES_PIPELINE_SYNC)
      synced = true;
    else if (status == PGRES_FATAL_ERROR && error.empty())
      error = PQresultErrorMessage(r);
    PQclear(r);
  }
  PQexitPipelineMode(conn_);
  if (!error.empty()) fail(error);
}

namespace {

constexpr const char* trajectory_columns =
    "SELECT id, coalesce(coordinator_secret_hash, ''), partnership, created_at_ms"
    " FROM trajectories";

}  // namespace

trajectory_record pg_store::record(const result& r, int row) {
  // Without its codes: only their hashes are kept.
  trajectory_record out;
  out.id = r.text(row, 0);
  out.coordinator_secret_hash = r.text(row, 1);
  out.partnership_json = r.text(row, 2);
  out.created_at_ms = static_cast<std::int64_t>(r.integer(row, 3));
  return out;
}

std::optional<room_data> pg_store::load_room(const std::string& trajectory_id) {
  room_data data;
  const auto t =
      query((std::string(trajectory_columns) + " WHERE id = $1").c_str(), {trajectory_id});
  if (t.rows() == 0) return std::nullopt;
  data.record = record(t, 0);

  const auto s =
      query("SELECT seq, state FROM snapshots WHERE trajectory_id = $1", {trajectory_id});
  if (s.rows() > 0) {
    data.snapshot_seq = s.integer(0, 0);
    data.snapshot_json = s.text(0, 1);
  }
  const auto o = query(
      "SELECT seq, author, client_id, client_seq, op FROM ops WHERE trajectory_id = $1"
      " AND seq > $2 ORDER BY seq",
      {trajectory_id, number(data.snapshot_seq)});
  for (int i = 0; i < o.rows(); ++i)
    data.tail.push_back({o.integer(i, 0), static_cast<shared::person_id>(o.integer(i, 1)),
                         o.text(i, 2), o.integer(i, 3), o.text(i, 4)});

  std::vector<client_mark> stored;
  const auto c = query(
      "SELECT person_id, client_id, last_client_seq, last_seq FROM clients"
      " WHERE trajectory_id = $1",
      {trajectory_id});
  stored.reserve(static_cast<std::size_t>(c.rows()));
  for (int i = 0; i < c.rows(); ++i)
    stored.push_back({static_cast<shared::person_id>(c.integer(i, 0)), c.text(i, 1),
                      c.integer(i, 2), c.integer(i, 3)});
  data.clients = current_marks(stored, data.tail);
  return data;
}

std::optional<code_match> pg_store::trajectory_by_code(const std::string& code) {
  const auto r = query(
      "SELECT id, 0 FROM trajectories WHERE join_code_hash = $1"
      " UNION ALL SELECT id, 1 FROM trajectories WHERE coordinator_code_hash = $1",
      {code_hash(code)});
  if (r.rows() == 0) return std::nullopt;
  return code_match{r.text(0, 0), r.integer(0, 1) != 0};
}

void pg_store::set_codes(const std::string& trajectory_id, const std::string& join_code,
                         const std::string& coordinator_code) {
  require_held(trajectory_id);
  // An empty code leaves that code as it is; a new coordinator code ends the old secret, a
  // new team code alone does not.
  query(
      "UPDATE trajectories SET join_code_hash = coalesce(NULLIF($2, ''), join_code_hash),"
      " coordinator_code_hash = coalesce(NULLIF($3, ''), coordinator_code_hash),"
      " coordinator_secret_hash = CASE WHEN $3 = '' THEN coordinator_secret_hash ELSE NULL END"
      " WHERE id = $1",
      {trajectory_id, stored_code_hash(join_code, ""), stored_code_hash(coordinator_code, "")});
}

std::optional<std::string> pg_store::trajectory_by_coordinator_secret(const std::string& hash) {
  const auto r = query("SELECT id FROM trajectories WHERE coordinator_secret_hash = $1", {hash});
  if (r.rows() == 0) return std::nullopt;
  return r.text(0, 0);
}

std::optional<participant_record> pg_store::participant(const std::string& token_hash) {
  const auto r =
      query("SELECT token_hash, trajectory_id, person_id FROM participants WHERE token_hash = $1",
            {token_hash});
  if (r.rows() == 0) return std::nullopt;
  return participant_record{r.text(0, 0), r.text(0, 1),
                            static_cast<shared::person_id>(r.integer(0, 2))};
}

std::optional<std::uint64_t> pg_store::op_seq(const std::string& trajectory_id,
                                              shared::person_id author,
                                              const std::string& client_id,
                                              std::uint64_t client_seq, std::uint64_t before_seq) {
  // As in the SQLite store: walking back from the client's latest op, the first of its ops
  // at or below client_seq is the one, or it was never stored.
  const auto r = query(
      "SELECT seq, client_seq FROM ops WHERE trajectory_id = $1 AND seq < $2 AND author = $3"
      " AND client_id = $4 AND client_seq <= $5 ORDER BY seq DESC LIMIT 1",
      {trajectory_id, number(before_seq), std::to_string(author), client_id, number(client_seq)});
  if (r.rows() == 0 || r.integer(0, 1) != client_seq) return std::nullopt;
  return r.integer(0, 0);
}

std::vector<trajectory_record> pg_store::trajectories() {
  const auto r =
      query((std::string(trajectory_columns) + " ORDER BY created_at_ms, id").c_str(), {});
  std::vector<trajectory_record> out;
  out.reserve(static_cast<std::size_t>(r.rows()));
  for (int i = 0; i < r.rows(); ++i) out.push_back(record(r, i));
  return out;
}

template <typename Body>
void pg_store::erasing(const std::string& trajectory_id, Body body) {
  // An erasure changes a trajectory as a commit does: only its holder may.
  require_held(trajectory_id);
  query("BEGIN", {});
  try {
    body();
    query("COMMIT", {});
  } catch (...) {
    if (PQstatus(conn_) == CONNECTION_OK) PQclear(PQexec(conn_, "ROLLBACK"));
    throw;
  }
  // The old row versions stay in their pages until a vacuum; remove them now rather than
  // whenever autovacuum comes by. (PostgreSQL's WAL and the operator's backups are theirs to
  // age out: docs/OPERATIONS.md.)
  query("VACUUM ops, snapshots, clients, participants, trajectories, owners", {});
}

void pg_store::erase_person(const std::string& trajectory_id, shared::person_id person) {
  erasing(trajectory_id, [&] {
    const std::string who = std::to_string(person);
    // Only ops that carry a person object can name anyone.
    const auto ops =
        query("SELECT seq, op FROM ops WHERE trajectory_id = $1 AND op LIKE '%\"person\"%'",
              {trajectory_id});
    for (int i = 0; i < ops.rows(); ++i) {
      auto j = nlohmann::json::parse(ops.text(i, 1), nullptr, false);
      if (!j.is_discarded() && scrub_person(j, person))
        query("UPDATE ops SET op = $1 WHERE trajectory_id = $2 AND seq = $3",
              {j.dump(), trajectory_id, number(ops.integer(i, 0))});
    }
    const auto snapshot =
        query("SELECT state FROM snapshots WHERE trajectory_id = $1", {trajectory_id});
    if (snapshot.rows() > 0) {
      auto j = nlohmann::json::parse(snapshot.text(0, 0), nullptr, false);
      if (!j.is_discarded() && scrub_person(j, person))
        query("UPDATE snapshots SET state = $1 WHERE trajectory_id = $2",
              {j.dump(), trajectory_id});
    }
    // Their devices: each mark is the person's own row, and their ops name the ids.
    query("DELETE FROM clients WHERE trajectory_id = $1 AND person_id = $2", {trajectory_id, who});
    query("UPDATE ops SET client_id = '' WHERE trajectory_id = $1 AND author = $2",
          {trajectory_id, who});
    query("DELETE FROM participants WHERE trajectory_id = $1 AND person_id = $2",
          {trajectory_id, who});
    query("DELETE FROM erasures_due WHERE trajectory_id = $1 AND person_id = $2",
          {trajectory_id, who});
  });
}

void pg_store::erase_trajectory(const std::string& trajectory_id) {
  erasing(trajectory_id, [&] {
    for (const char* sql : {"DELETE FROM ops WHERE trajectory_id = $1",
                            "DELETE FROM clients WHERE trajectory_id = $1",
                            "DELETE FROM participants WHERE trajectory_id = $1",
                            "DELETE FROM snapshots WHERE trajectory_id = $1",
                            "DELETE FROM owners WHERE trajectory_id = $1",
                            "DELETE FROM erasures_due WHERE trajectory_id = $1",
                            "DELETE FROM trajectories WHERE id = $1"})
      query(sql, {trajectory_id});
  });
  // Nothing is left to serve; a trajectory made later under the same id starts unclaimed.
  query((std::string("SELECT pg_advisory_unlock(") + lock_key + ")").c_str(), {trajectory_id});
  owned_.erase(trajectory_id);
}

std::vector<std::pair<std::string, shared::person_id>> pg_store::pending_erasures() {
  check_connection();
  const auto due = query("SELECT trajectory_id, person_id FROM erasures_due", {});
  std::vector<std::pair<std::string, shared::person_id>> out;
  for (int i = 0; i < due.rows(); ++i)
    out.emplace_back(due.text(i, 0), static_cast<shared::person_id>(due.integer(i, 1)));
  return out;
}

}  // namespace jos::server
