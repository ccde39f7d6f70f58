#pragma once
// One program at a time changes a trajectory's history: a running server keeps each room's
// state in memory, so an admin command that wrote ops beside it would be overwritten, or
// clash with its sequence numbers. Both take this lock (flock on "<db>.lock", released by
// the kernel even after kill -9) for as long as they use the database.

#include <string>

namespace jos::server {

class database_lock {
 public:
  // Throws std::runtime_error (Dutch) when another program holds the lock.
  explicit database_lock(const std::string& db);
  ~database_lock();
  database_lock(const database_lock&) = delete;
  database_lock& operator=(const database_lock&) = delete;

 private:
  int fd_ = -1;
};

}  // namespace jos::server
