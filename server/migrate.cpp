#include "server/migrate.hpp"

#include <sqlite3.h>

#include <filesystem>
#include <set>

#include "server/database_lock.hpp"
#include "server/sqlite_statement.hpp"
#include "server/sqlite_store.hpp"

namespace jos::server {
namespace {

// The source file, read only, once its schema is the newest (so every column exists).
class source {
 public:
  explicit source(const std::string& file) {
    if (!std::filesystem::is_regular_file(file)) throw store_error("geen SQLite-bestand: " + file);
    {
      const sqlite_store upgrade(file);  // brings a file of an older server to the newest schema
    }
    if (sqlite3_open_v2(file.c_str(), &db_, SQLITE_OPEN_READONLY, nullptr) != SQLITE_OK) {
      const std::string message = db_ != nullptr ? sqlite3_errmsg(db_) : "out of memory";
      sqlite3_close(db_);
      throw store_error("kan " + file + " niet openen: " + message);
    }
  }
  ~source() { sqlite3_close(db_); }
  source(const source&) = delete;
  source& operator=(const source&) = delete;

  template <typename Row>
  void rows(const char* sql, const std::string& id, Row row) {
    sqlite_statement q(db_, sql);
    q.bind(1, id);
    while (q.step()) row(q);
  }

 private:
  sqlite3* db_ = nullptr;
};

std::uint64_t number(const sqlite_statement& s, int col) {
  return static_cast<std::uint64_t>(s.integer(col));
}

shared::person_id person(const sqlite_statement& s, int col) {
  return static_cast<shared::person_id>(s.integer(col));
}

}  // namespace

migration migrate(const std::string& sqlite_file, store& target) {
  const database_lock no_server_on_it(sqlite_file);  // else the copy would miss its latest ops
  source from(sqlite_file);
  migration done;
  std::set<std::string> present;
  for (const auto& r : target.trajectories()) present.insert(r.id);

  std::vector<trajectory_record> records;
  from.rows(
      "SELECT id, join_code_hash, coalesce(coordinator_secret_hash, ''), partnership,"
      " created_at_ms, coalesce(coordinator_code_hash, '') FROM trajectories WHERE ?1 = ?1"
      " ORDER BY created_at_ms, id",
      "", [&](const sqlite_statement& s) {
        // Only the codes' hashes exist; they are copied as they are.
        trajectory_record r;
        r.id = s.text(0);
        r.join_code_hash = s.text(1);
        r.coordinator_secret_hash = s.text(2);
        r.partnership_json = s.text(3);
        r.created_at_ms = s.integer(4);
        r.coordinator_code_hash = s.text(5);
        records.push_back(std::move(r));
      });

  for (const auto& record : records) {
    if (present.contains(record.id)) {
      ++done.skipped;
      continue;
    }
    if (!target.claim(record.id, "").ours)
      throw store_error("leerlijn " + record.id + " wordt al door een server bediend");
    std::vector<commit_item> items(1);
    auto& main = items.front();
    main.trajectory_id = record.id;
    main.created = record;
    from.rows(
        "SELECT seq, author, client_id, client_seq, op FROM ops WHERE trajectory_id = ?1"
        " ORDER BY seq",
        record.id, [&](const sqlite_statement& s) {
          main.ops.push_back({number(s, 0), person(s, 1), s.text(2), number(s, 3), s.text(4)});
        });
    from.rows("SELECT seq, state FROM snapshots WHERE trajectory_id = ?1", record.id,
              [&](const sqlite_statement& s) {
                main.snapshot = {number(s, 0), s.text(1)};
              });
    from.rows(
        "SELECT person_id, client_id, last_client_seq, last_seq FROM clients"
        " WHERE trajectory_id = ?1",
        record.id, [&](const sqlite_statement& s) {
          main.clients.push_back({person(s, 0), s.text(1), number(s, 2), number(s, 3)});
        });
    from.rows("SELECT token_hash, person_id FROM participants WHERE trajectory_id = ?1", record.id,
              [&](const sqlite_statement& s) {
                commit_item token;
                token.trajectory_id = record.id;
                token.participant = participant_record{s.text(0), record.id, person(s, 1)};
                items.push_back(std::move(token));
              });
    // An erasure still due there is due here: the target's server finishes it.
    from.rows("SELECT person_id FROM erasures_due WHERE trajectory_id = ?1", record.id,
              [&](const sqlite_statement& s) { main.erasures_due.push_back(person(s, 0)); });
    target.commit(items);
    ++done.trajectories;
    done.ops += items.front().ops.size();
  }
  return done;
}

}  // namespace jos::server
