#include "server/database_lock.hpp"

#include <fcntl.h>
#include <sys/file.h>
#include <unistd.h>

#include <cerrno>
#include <cstring>

#include "server/open_store.hpp"
#include "server/private_path.hpp"
#include "server/store.hpp"

namespace jos::server {

// flock, not fcntl: SQLite uses fcntl locks, and the two never interact.
database_lock::database_lock(const std::string& db) {
  // Several instances share a PostgreSQL database by design; each trajectory is fenced
  // there (pg_store.hpp), not by a file.
  if (is_postgresql_url(db)) return;
  const std::string path = db + ".lock";
  create_private(path);  // the database's directory too, 0700: it holds personal data
  fd_ = ::open(path.c_str(), O_RDWR | O_CLOEXEC);
  if (fd_ < 0) throw store_error("kan " + path + " niet openen: " + std::strerror(errno));
  if (::flock(fd_, LOCK_EX | LOCK_NB) != 0) {
    const int error = errno;
    ::close(fd_);
    fd_ = -1;
    if (error == EWOULDBLOCK)
      throw store_error("database " + db +
                        " is in gebruik door een andere jos-server (of een beheeropdracht); "
                        "stop die eerst (of wis via de app)");
    throw store_error("kan " + path + " niet vergrendelen: " + std::strerror(error));
  }
}

database_lock::~database_lock() {
  if (fd_ >= 0) ::close(fd_);  // closing releases the lock
}

}  // namespace jos::server
