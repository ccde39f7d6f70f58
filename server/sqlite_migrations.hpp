#pragma once
// The SQLite file's schema: created whole in a new file, or brought up to date in an older
// one, one step per version (PRAGMA user_version), each step in one transaction.

struct sqlite3;

namespace jos::server {

// Throws store_error when the file cannot be brought up to date (and leaves it as it was).
void create_or_migrate(sqlite3* db);

}  // namespace jos::server
