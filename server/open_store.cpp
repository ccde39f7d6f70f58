#include "server/open_store.hpp"

#include "server/pg_store.hpp"
#include "server/sqlite_store.hpp"

namespace jos::server {

bool is_postgresql_url(const std::string& db) {
  return db.starts_with("postgresql://") || db.starts_with("postgres://");
}

std::unique_ptr<store> open_store(const std::string& db) {
  if (is_postgresql_url(db)) return std::make_unique<pg_store>(db);
  return std::make_unique<sqlite_store>(db);
}

}  // namespace jos::server
