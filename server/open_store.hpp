#pragma once
// The store `--db` names: a PostgreSQL database (postgresql://…) or a SQLite file.

#include <memory>
#include <string>

#include "server/store.hpp"

namespace jos::server {

bool is_postgresql_url(const std::string& db);

// Throws store_error with a clear message when the store cannot be opened.
std::unique_ptr<store> open_store(const std::string& db);

}  // namespace jos::server
