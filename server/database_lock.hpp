#pragma once
// One program at a time changes a database: a running server keeps each room's state in
// memory, so an admin command that wrote beside it (an erasure, a restored coordinator)
// would be overwritten from memory, or clash with its sequence numbers. The server and
// those commands take this lock (flock on "<db>.lock", released by the kernel even after
// kill -9) for as long as they use the database. Backup, check and export only read and
// run beside a server. A PostgreSQL database takes no such lock: instances share it, and
// each trajectory is held by one of them there (pg_store.hpp).

#include <string>

namespace jos::server {

class database_lock {
 public:
  // Throws store_error (Dutch) when another program holds the lock.
  explicit database_lock(const std::string& db);
  ~database_lock();
  database_lock(const database_lock&) = delete;
  database_lock& operator=(const database_lock&) = delete;

 private:
  int fd_ = -1;
};

}  // namespace jos::server
