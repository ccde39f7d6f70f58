#pragma once
// Who writes a database file besides SQLite's own locking: a running server holds this
// lock, and an erasure from the command line refuses to run next to it (the server's rooms
// would write the erased names back from memory; the app erases through the server).

#include <string>

namespace jos::server {

class database_lock {
 public:
  // Throws store_error with a Dutch reason when another process holds it.
  explicit database_lock(const std::string& db);
  ~database_lock();
  database_lock(const database_lock&) = delete;
  database_lock& operator=(const database_lock&) = delete;

 private:
  int fd_ = -1;
};

}  // namespace jos::server
