#include "server/sqlite_migrations.hpp"

#include <sqlite3.h>

#include <map>
#include <set>
#include <string>
#include <vector>

#include "protocol/op_codec.hpp"
#include "protocol/state_codec.hpp"
#include "server/secrets.hpp"
#include "server/sqlite_statement.hpp"
#include "server/store.hpp"
#include "shared/rules.hpp"

namespace jos::server {
namespace {

using namespace shared;

// The newest schema, for a new file: `schema`, then the tables later migrations add (one
// statement for both). user_version counts the migrations below; a file made before
// versions were counted has 0.
constexpr int schema_version = 5;
constexpr const char* schema = R"sql(
CREATE TABLE IF NOT EXISTS trajectories(
  id TEXT PRIMARY KEY,
  join_code_hash TEXT UNIQUE NOT NULL,
  coordinator_secret_hash TEXT UNIQUE,
  partnership TEXT NOT NULL,
  created_at_ms INTEGER NOT NULL,
  coordinator_code_hash TEXT UNIQUE);
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
  person_id INTEGER NOT NULL,
  client_id TEXT NOT NULL,
  last_client_seq INTEGER NOT NULL,
  last_seq INTEGER NOT NULL,
  PRIMARY KEY(trajectory_id, person_id, client_id)) WITHOUT ROWID;
CREATE TABLE IF NOT EXISTS snapshots(
  trajectory_id TEXT PRIMARY KEY,
  seq INTEGER NOT NULL,
  state TEXT NOT NULL) WITHOUT ROWID;
)sql";

// 4 -> 5: erasures noted as due until they are done (commit_item::erasures_due). An
// erasure an older server failed to finish is not known; `jos-server erase` does it.
constexpr const char* erasures_due = R"sql(
CREATE TABLE IF NOT EXISTS erasures_due(
  trajectory_id TEXT NOT NULL,
  person_id INTEGER NOT NULL,
  PRIMARY KEY(trajectory_id, person_id)) WITHOUT ROWID;
)sql";

// 0 -> 1: a client's mark belongs to a person and a client id together. Old marks merged
// everyone who used one client id; the ops themselves say whose op was whose (every op is
// kept), so each person's mark is their highest client_seq under that id. (SQLite takes
// the bare column `seq` from the row that has the maximum.)
constexpr const char* marks_per_person = R"sql(
CREATE TABLE clients_by_person(
  trajectory_id TEXT NOT NULL,
  person_id INTEGER NOT NULL,
  client_id TEXT NOT NULL,
  last_client_seq INTEGER NOT NULL,
  last_seq INTEGER NOT NULL,
  PRIMARY KEY(trajectory_id, person_id, client_id)) WITHOUT ROWID;
INSERT INTO clients_by_person
  SELECT trajectory_id, author, client_id, MAX(client_seq), seq FROM ops
  WHERE client_id != '' GROUP BY trajectory_id, author, client_id;
DROP TABLE clients;
ALTER TABLE clients_by_person RENAME TO clients;
)sql";

void exec(sqlite3* db, const std::string& sql) {
  char* error = nullptr;
  if (sqlite3_exec(db, sql.c_str(), nullptr, nullptr, &error) != SQLITE_OK) {
    std::string message = error != nullptr ? error : "unknown error";
    sqlite3_free(error);
    throw store_error("SQLite: " + message);
  }
}

int integer_of(sqlite3* db, const char* sql) {
  sqlite_statement q(db, sql);
  return q.step() ? static_cast<int>(q.integer(0)) : 0;
}

actor actor_for(person_id author) { return author == no_person ? actor::server() : actor{author}; }

bool anonymous_ballot(const trajectory& t, const operation& o) {
  const auto* cast = std::get_if<op::cast_vote>(&o);
  if (cast == nullptr || cast->meeting < 0 || cast->meeting >= static_cast<int>(t.meetings.size()))
    return false;
  const vote_state& v = t.meetings[static_cast<std::size_t>(cast->meeting)].session.vote;
  return v.open && v.anonymous && !v.revealed;
}

// 1 -> 2: an anonymous ballot is stored without its voter. Older servers kept the voter as
// the op's author (with client id and client seq), a snapshot taken while such a vote was
// open kept [person, value] pairs, and a mark could point at the ballot. Every trajectory
// is replayed from its first op to find its anonymous ballots; each is put under the
// stand-in its voter has in that vote (as the server now does), the snapshot's open vote
// likewise, and a mark that pointed at a ballot points at the vote's opening instead (a
// resend of that ballot is then acknowledged with a seq that names no ballot). What the
// old rows cannot give back: a ballot cast before the upgrade has no key, so its voter, if
// the vote is still open, votes again as a new voter; and the voter's own client seqs keep
// the gap where the ballot was.
void scrub_trajectory(sqlite3* db, const std::string& id, const std::string& partnership_json) {
  std::string error;
  const auto partners_json = protocol::json::parse(partnership_json, nullptr, false);
  if (partners_json.is_discarded()) return;  // a damaged leerlijn; loading it will say so
  protocol::json_reader partners(partners_json, "partnership", error);
  trajectory state = make_trajectory(id, protocol::decode_partnership(partners));
  if (!error.empty()) return;

  std::uint64_t snapshot_seq = 0;
  std::string snapshot_json;
  {
    sqlite_statement s(db, "SELECT seq, state FROM snapshots WHERE trajectory_id = ?1");
    s.bind(1, id);
    if (s.step()) {
      snapshot_seq = static_cast<std::uint64_t>(s.integer(0));
      snapshot_json = s.text(1);
    }
  }

  struct rewrite {
    std::uint64_t seq;
    person_id stand_in;
  };
  std::vector<rewrite> ballots;
  std::map<std::uint64_t, std::uint64_t> opened_at;  // ballot seq: seq of its vote's opening
  std::map<person_id, person_id> stand_ins;          // the open vote's voters
  std::map<person_id, person_id> stand_ins_at_snapshot;
  std::uint64_t vote_opened = 0;
  {
    sqlite_statement ops(db,
                         "SELECT seq, author, op FROM ops WHERE trajectory_id = ?1 ORDER BY seq");
    ops.bind(1, id);
    while (ops.step()) {
      const auto seq = static_cast<std::uint64_t>(ops.integer(0));
      auto author = static_cast<person_id>(ops.integer(1));
      const auto j = protocol::json::parse(ops.text(2), nullptr, false);
      auto o = j.is_discarded() ? std::nullopt : protocol::decode_op(j, "op", error);
      if (!o) return;  // damaged: left as it is
      if (anonymous_ballot(state, *o) && author < stand_in_base) {
        auto [it, added] = stand_ins.try_emplace(
            author, stand_in_base + 1 + static_cast<person_id>(stand_ins.size()));
        author = it->second;
        ballots.push_back({seq, author});
        opened_at[seq] = vote_opened;
      }
      apply(state, *o, actor_for(author));
      if (std::holds_alternative<op::open_vote>(*o)) {
        stand_ins.clear();
        vote_opened = seq;
      }
      if (seq == snapshot_seq) stand_ins_at_snapshot = stand_ins;
    }
  }
  if (ballots.empty()) return;

  sqlite_statement rewrite_op(db,
                              "UPDATE ops SET author = ?3, client_id = '', client_seq = 0"
                              " WHERE trajectory_id = ?1 AND seq = ?2");
  sqlite_statement repoint_mark(
      db, "UPDATE clients SET last_seq = ?3 WHERE trajectory_id = ?1 AND last_seq = ?2");
  for (const auto& b : ballots) {
    rewrite_op.bind(1, id)
        .bind(2, static_cast<std::int64_t>(b.seq))
        .bind(3, std::int64_t{b.stand_in});
    rewrite_op.run();
    repoint_mark.bind(1, id)
        .bind(2, static_cast<std::int64_t>(b.seq))
        .bind(3, static_cast<std::int64_t>(opened_at[b.seq]));
    repoint_mark.run();
  }
  if (snapshot_json.empty() || stand_ins_at_snapshot.empty()) return;
  const auto j = protocol::json::parse(snapshot_json, nullptr, false);
  auto snapshot = j.is_discarded() ? std::nullopt : protocol::decode_state(j, error);
  if (!snapshot) return;
  for (auto& m : snapshot->meetings) {
    vote_state& v = m.session.vote;
    if (!v.open || !v.anonymous || v.revealed) continue;
    std::map<person_id, int> hidden;
    for (const auto& [voter, value] : v.ballots) {
      const auto it = stand_ins_at_snapshot.find(voter);
      hidden[it == stand_ins_at_snapshot.end() ? voter : it->second] = value;
    }
    v.ballots = std::move(hidden);
  }
  sqlite_statement store_snapshot(db, "UPDATE snapshots SET state = ?2 WHERE trajectory_id = ?1");
  store_snapshot.bind(1, id).bind(2, protocol::encode_state(*snapshot, false).dump());
  store_snapshot.run();
}

void scrub_anonymous_ballots(sqlite3* db) {
  std::vector<std::pair<std::string, std::string>> trajectories;
  {
    sqlite_statement q(db, "SELECT id, partnership FROM trajectories");
    while (q.step()) trajectories.emplace_back(q.text(0), q.text(1));
  }
  for (const auto& [id, partnership] : trajectories) scrub_trajectory(db, id, partnership);
}

// 2 -> 3: short coordinator codes, kept as shown so that every coordinator can pass it on
// (before, only a hash of a 64-character secret). Each older trajectory gets one now; its
// old secret keeps working until a coordinator renews the code.
constexpr const char* short_coordinator_codes = R"sql(
CREATE TABLE trajectories_with_codes(
  id TEXT PRIMARY KEY,
  join_code TEXT UNIQUE NOT NULL,
  coordinator_secret_hash TEXT UNIQUE,
  partnership TEXT NOT NULL,
  created_at_ms INTEGER NOT NULL,
  coordinator_code TEXT UNIQUE);
INSERT INTO trajectories_with_codes
  SELECT id, join_code, coordinator_secret_hash, partnership, created_at_ms, NULL
  FROM trajectories;
DROP TABLE trajectories;
ALTER TABLE trajectories_with_codes RENAME TO trajectories;
)sql";

void give_coordinator_codes(sqlite3* db) {
  exec(db, short_coordinator_codes);
  std::vector<std::string> ids;
  {
    sqlite_statement q(db, "SELECT id FROM trajectories");
    while (q.step()) ids.push_back(q.text(0));
  }
  sqlite_statement set(db, "UPDATE trajectories SET coordinator_code = ?2 WHERE id = ?1");
  for (const auto& id : ids) set.bind(1, id).bind(2, make_coordinator_code()).run();
}

// 3 -> 4: the codes only as hashes (code_hash), like tokens: a copy of the file lets nobody
// in. The new table is filled row by row; the old one, with the codes as text, is dropped
// (and overwritten on disk, see create_or_migrate).
constexpr const char* hashed_codes = R"sql(
CREATE TABLE trajectories_hashed(
  id TEXT PRIMARY KEY,
  join_code_hash TEXT UNIQUE NOT NULL,
  coordinator_secret_hash TEXT UNIQUE,
  partnership TEXT NOT NULL,
  created_at_ms INTEGER NOT NULL,
  coordinator_code_hash TEXT UNIQUE);
)sql";

void hash_codes(sqlite3* db) {
  exec(db, hashed_codes);
  {
    sqlite_statement old(
        db,
        "SELECT id, join_code, coordinator_secret_hash, partnership, created_at_ms,"
        " coalesce(coordinator_code, '') FROM trajectories");
    sqlite_statement add(db, "INSERT INTO trajectories_hashed VALUES(?1, ?2, ?3, ?4, ?5, ?6)");
    while (old.step()) {
      const std::string coordinator_code = old.text(5);
      add.bind(1, old.text(0))
          .bind(2, code_hash(old.text(1)))
          .bind_or_null(3, old.text(2))
          .bind(4, old.text(3))
          .bind(5, old.integer(4))
          .bind_or_null(6, coordinator_code.empty() ? "" : code_hash(coordinator_code))
          .run();
    }
  }
  exec(db, "DROP TABLE trajectories");
  exec(db, "ALTER TABLE trajectories_hashed RENAME TO trajectories");
}

void migrate_from(sqlite3* db, int version) {
  switch (version) {
    case 0: return exec(db, marks_per_person);
    case 1: return scrub_anonymous_ballots(db);
    case 2: return give_coordinator_codes(db);
    case 3: return hash_codes(db);
    case 4: return exec(db, erasures_due);
    default: throw store_error("geen migratie van schema " + std::to_string(version));
  }
}

}  // namespace

void create_or_migrate(sqlite3* db) {
  int version = integer_of(db, "PRAGMA user_version");
  if (version > schema_version)
    throw store_error("de database is van een nieuwere jos-server (schema " +
                      std::to_string(version) + ", deze kent tot " +
                      std::to_string(schema_version) + ")");
  const bool fresh =
      integer_of(db, "SELECT count(*) FROM sqlite_master WHERE type = 'table' AND name = 'ops'") ==
      0;
  if (fresh) {
    exec(db, "BEGIN IMMEDIATE");
    exec(db, schema);
    exec(db, erasures_due);
    exec(db, "PRAGMA user_version = " + std::to_string(schema_version));
    exec(db, "COMMIT");
    return;
  }
  if (version == schema_version) return;
  // What a migration rewrites is overwritten on disk, not only unlinked: it may be a secret
  // an older version should not have kept.
  exec(db, "PRAGMA secure_delete = ON");
  for (; version < schema_version; ++version) {
    exec(db, "BEGIN IMMEDIATE");
    try {
      migrate_from(db, version);
      exec(db, "PRAGMA user_version = " + std::to_string(version + 1));
      exec(db, "COMMIT");
    } catch (...) {
      sqlite3_exec(db, "ROLLBACK", nullptr, nullptr, nullptr);
      throw;
    }
  }
  exec(db, "PRAGMA secure_delete = OFF");
  // Old page images leave the write-ahead log too.
  exec(db, "PRAGMA wal_checkpoint(TRUNCATE)");
}

}  // namespace jos::server
