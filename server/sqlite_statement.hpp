#pragma once
// A prepared SQLite statement for the store and its migrations: binds, steps, reads, and is
// reset after each use so it can be reused. Throws store_error on any SQLite failure,
// disk_full_error when the disk is full.

#include <sqlite3.h>

#include <cstdint>
#include <string>

#include "server/store.hpp"

namespace jos::server {

class sqlite_statement {
 public:
  sqlite_statement(sqlite3* db, const char* sql) : db_(db) {
    if (sqlite3_prepare_v2(db, sql, -1, &stmt_, nullptr) != SQLITE_OK)
      throw store_error(std::string("SQLite prepare: ") + sqlite3_errmsg(db));
  }
  ~sqlite_statement() { sqlite3_finalize(stmt_); }
  sqlite_statement(const sqlite_statement&) = delete;
  sqlite_statement& operator=(const sqlite_statement&) = delete;

  sqlite_statement& bind(int i, const std::string& v) {
    check(sqlite3_bind_text(stmt_, i, v.data(), static_cast<int>(v.size()), SQLITE_TRANSIENT));
    return *this;
  }
  sqlite_statement& bind(int i, std::int64_t v) {
    check(sqlite3_bind_int64(stmt_, i, v));
    return *this;
  }
  sqlite_statement& bind(int i, std::uint64_t v) { return bind(i, static_cast<std::int64_t>(v)); }
  sqlite_statement& bind(int i, std::uint32_t v) { return bind(i, static_cast<std::int64_t>(v)); }
  // NULL for an empty string: a column that is UNIQUE but may be missing.
  sqlite_statement& bind_or_null(int i, const std::string& v) {
    if (!v.empty()) return bind(i, v);
    check(sqlite3_bind_null(stmt_, i));
    return *this;
  }

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

}  // namespace jos::server
