#include "server/migrate.hpp"

#include <sqlite3.h>

#include <filesystem>
#include <functional>
#include <set>

namespace jos::server {
namespace {

// The source file, read only: rows of one query at a time.
class source {
 public:
  explicit source(const std::string& file) {
    if (!std::filesystem::is_regular_file(file)) throw store_error("geen SQLite-bestand: " + file);
    if (sqlite3_open_v2(file.c_str(), &db_, SQLITE_OPEN_READONLY, nullptr) != SQLITE_OK) {
      const std::string message = db_ != nullptr ? sqlite3_errmsg(db_) : "out of memory";
      sqlite3_close(db_);
      throw store_error("kan " + file + " niet openen: " + message);
    }
  }
  ~source() { sqlite3_close(db_); }
  source(const source&) = delete;
  source& operator=(const source&) = delete;

  void rows(const char* sql, const std::string& id, const std::function<void(sqlite3_stmt*)>& row) {
    sqlite3_stmt* stmt = nullptr;
    if (sqlite3_prepare_v2(db_, sql, -1, &stmt, nullptr) != SQLITE_OK)
      throw store_error(std::string("SQLite: ") + sqlite3_errmsg(db_));
    sqlite3_bind_text(stmt, 1, id.data(), static_cast<int>(id.size()), SQLITE_TRANSIENT);
    int rc = SQLITE_ROW;
    while ((rc = sqlite3_step(stmt)) == SQLITE_ROW) row(stmt);
    sqlite3_finalize(stmt);
    if (rc != SQLITE_DONE) throw store_error(std::string("SQLite: ") + sqlite3_errmsg(db_));
  }

 private:
  sqlite3* db_ = nullptr;
};

std::string text(sqlite3_stmt* s, int col) {
  const auto* p = reinterpret_cast<const char*>(sqlite3_column_text(s, col));
  return p == nullptr ? std::string{}
                      : std::string(p, static_cast<std::size_t>(sqlite3_column_bytes(s, col)));
}

std::uint64_t integer(sqlite3_stmt* s, int col) {
  return static_cast<std::uint64_t>(sqlite3_column_int64(s, col));
}

}  // namespace

migration migrate(const std::string& sqlite_file, store& target) {
  source from(sqlite_file);
  migration done;
  std::set<std::string> present;
  for (const auto& r : target.trajectories()) present.insert(r.id);

  std::vector<trajectory_record> records;
  from.rows(
      "SELECT id, join_code, coordinator_secret_hash, partnership, created_at_ms FROM trajectories"
      " WHERE ?1 = ?1 ORDER BY created_at_ms, id",
      "", [&](sqlite3_stmt* s) {
        records.push_back({text(s, 0), text(s, 1), text(s, 2), text(s, 3),
                           static_cast<std::int64_t>(integer(s, 4))});
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
        record.id, [&](sqlite3_stmt* s) {
          main.ops.push_back({integer(s, 0), static_cast<shared::person_id>(integer(s, 1)),
                              text(s, 2), integer(s, 3), text(s, 4)});
        });
    from.rows("SELECT seq, state FROM snapshots WHERE trajectory_id = ?1", record.id,
              [&](sqlite3_stmt* s) {
                main.snapshot = {integer(s, 0), text(s, 1)};
              });
    from.rows("SELECT client_id, last_client_seq, last_seq FROM clients WHERE trajectory_id = ?1",
              record.id, [&](sqlite3_stmt* s) {
                main.clients.push_back({text(s, 0), integer(s, 1), integer(s, 2)});
              });
    from.rows("SELECT token_hash, person_id FROM participants WHERE trajectory_id = ?1", record.id,
              [&](sqlite3_stmt* s) {
                commit_item token;
                token.trajectory_id = record.id;
                token.participant = participant_record{
                    text(s, 0), record.id, static_cast<shared::person_id>(integer(s, 1))};
                items.push_back(std::move(token));
              });
    target.commit(items);
    ++done.trajectories;
    done.ops += items.front().ops.size();
  }
  return done;
}

}  // namespace jos::server
