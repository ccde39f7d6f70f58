#include "tests/server/store_fixture.hpp"

#include <libpq-fe.h>
#include <sqlite3.h>

#include "server/open_store.hpp"

namespace jos::server::test {

void Stores::SetUp() {
  if (GetParam() == "sqlite") {
    db_ = dir_.file("jos.sqlite");
    return;
  }
  if (pg_cluster::binaries().empty())
    GTEST_SKIP() << "PostgreSQL is not installed (tools/setup.sh test installs postgresql)";
  cluster_ = std::make_unique<pg_cluster>();
  ASSERT_EQ(cluster_->error(), "");
  db_ = cluster_->fresh_database();
}

std::unique_ptr<store> Stores::open_store() const { return jos::server::open_store(db_); }

std::string Stores::query(const std::string& sql) const { return query_text(db_, sql); }

std::string store_name(const testing::TestParamInfo<std::string>& info) { return info.param; }

std::string query_text(const std::string& db, const std::string& sql) {
  std::string out;
  if (is_postgresql_url(db)) {
    PGconn* conn = PQconnectdb(db.c_str());
    PGresult* r = PQexec(conn, sql.c_str());
    if (PQresultStatus(r) == PGRES_TUPLES_OK && PQntuples(r) > 0) out = PQgetvalue(r, 0, 0);
    PQclear(r);
    PQfinish(conn);
    return out;
  }
  sqlite3* handle = nullptr;
  if (sqlite3_open_v2(db.c_str(), &handle, SQLITE_OPEN_READONLY, nullptr) == SQLITE_OK) {
    sqlite3_stmt* stmt = nullptr;
    if (sqlite3_prepare_v2(handle, sql.c_str(), -1, &stmt, nullptr) == SQLITE_OK &&
        sqlite3_step(stmt) == SQLITE_ROW) {
      const auto* text = reinterpret_cast<const char*>(sqlite3_column_text(stmt, 0));
      out = text != nullptr ? text : "";
    }
    sqlite3_finalize(stmt);
  }
  sqlite3_close(handle);
  return out;
}

}  // namespace jos::server::test
