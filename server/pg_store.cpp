#include "server/pg_store.hpp"

#include <libpq-fe.h>

#include <charconv>
#include <map>
#include <utility>

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
  join_code TEXT UNIQUE NOT NULL,
  coordinator_secret_hash TEXT UNIQUE NOT NULL,
  partnership TEXT NOT NULL,
  created_at_ms BIGINT NOT NULL);
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
  client_id TEXT NOT NULL,
  last_client_seq BIGINT NOT NULL,
  last_seq BIGINT NOT NULL,
  PRIMARY KEY(trajectory_id, client_id));
CREATE TABLE IF NOT EXISTS snapshots(
  trajectory_id TEXT PRIMARY KEY,
  seq BIGINT NOT NULL,
  state TEXT NOT NULL);
CREATE TABLE IF NOT EXISTS owners(
  trajectory_id TEXT PRIMARY KEY,
  location TEXT NOT NULL);
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

ownership pg_store::claim(const std::string& trajectory_id, const std::string& location) {
  check_connection();
  if (owned_.contains(trajectory_id)) return {};
  const auto locked = query((std::string("SELECT pg_try_advisory_lock(") + lock_key + ")").c_str(),
                            {trajectory_id});
  if (locked.text(0, 0) != "t") {
    const auto owner =
        query("SELECT location FROM owners WHERE trajectory_id = $1", {trajectory_id});
    return {false, owner.rows() > 0 ? owner.text(0, 0) : std::string{}};
  }
  owned_.insert(trajectory_id);
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
          {"INSERT INTO trajectories(id, join_code, coordinator_secret_hash,"
           " partnership, created_at_ms) VALUES($1, $2, $3, $4, $5)",
           {r.id, r.join_code, r.coordinator_secret_hash, r.partnership_json,
            std::to_string(r.created_at_ms)}});
    }
    for (const auto& op : item.ops) {
      op_trajectory.add(item.trajectory_id);
      op_seq.add(number(op.seq));
      op_author.add(std::to_string(op.author));
      op_client.add(op.client_id);
      op_client_seq.add(number(op.client_seq));
      op_text.add(op.op_json);
    }
    for (const auto& c : item.clients)
      statements.push_back(
          {"INSERT INTO clients(trajectory_id, client_id, last_client_seq, last_seq)"
           " VALUES($1, $2, $3, $4) ON CONFLICT(trajectory_id, client_id) DO UPDATE SET"
           " last_client_seq = excluded.last_client_seq, last_seq = excluded.last_seq",
           {item.trajectory_id, c.client_id, number(c.last_client_seq), number(c.last_seq)}});
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

std::optional<room_data> pg_store::load_room(const std::string& trajectory_id) {
  room_data data;
  const auto t = query(
      "SELECT id, join_code, coordinator_secret_hash, partnership, created_at_ms FROM trajectories"
      " WHERE id = $1",
      {trajectory_id});
  if (t.rows() == 0) return std::nullopt;
  data.record = {t.text(0, 0), t.text(0, 1), t.text(0, 2), t.text(0, 3),
                 static_cast<std::int64_t>(t.integer(0, 4))};

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

  // The marks stored with the snapshot, brought up to date by the ops after it.
  std::map<std::string, client_mark> marks;
  const auto c =
      query("SELECT client_id, last_client_seq, last_seq FROM clients WHERE trajectory_id = $1",
            {trajectory_id});
  for (int i = 0; i < c.rows(); ++i)
    marks[c.text(i, 0)] = {c.text(i, 0), c.integer(i, 1), c.integer(i, 2)};
  for (const auto& op : data.tail) {
    if (op.client_id.empty()) continue;
    auto& m = marks[op.client_id];
    if (m.client_id.empty() || op.client_seq >= m.last_client_seq)
      m = {op.client_id, op.client_seq, op.seq};
  }
  for (auto& [id, m] : marks) data.clients.push_back(std::move(m));
  return data;
}

std::optional<std::string> pg_store::trajectory_by_join_code(const std::string& code) {
  const auto r = query("SELECT id FROM trajectories WHERE join_code = $1", {code});
  if (r.rows() == 0) return std::nullopt;
  return r.text(0, 0);
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
                                              const std::string& client_id,
                                              std::uint64_t client_seq, std::uint64_t before_seq) {
  // As in the SQLite store: walking back from the client's latest op, the first of its ops
  // at or below client_seq is the one, or it was never stored.
  const auto r = query(
      "SELECT seq, client_seq FROM ops WHERE trajectory_id = $1 AND seq < $2 AND client_id = $3"
      " AND client_seq <= $4 ORDER BY seq DESC LIMIT 1",
      {trajectory_id, number(before_seq), client_id, number(client_seq)});
  if (r.rows() == 0 || r.integer(0, 1) != client_seq) return std::nullopt;
  return r.integer(0, 0);
}

std::vector<trajectory_record> pg_store::trajectories() {
  const auto r = query(
      "SELECT id, join_code, coordinator_secret_hash, partnership, created_at_ms FROM trajectories"
      " ORDER BY created_at_ms, id",
      {});
  std::vector<trajectory_record> out;
  for (int i = 0; i < r.rows(); ++i)
    out.push_back({r.text(i, 0), r.text(i, 1), r.text(i, 2), r.text(i, 3),
                   static_cast<std::int64_t>(r.integer(i, 4))});
  return out;
}

}  // namespace jos::server
