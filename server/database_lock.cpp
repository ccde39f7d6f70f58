#include "server/database_lock.hpp"

#include <fcntl.h>
#include <sys/file.h>
#include <unistd.h>

#include <cerrno>
#include <cstring>

#include "server/private_path.hpp"
#include "server/store.hpp"

namespace jos::server {

// flock, not fcntl: SQLite uses fcntl locks on the same file, and the two never interact.
database_lock::database_lock(const std::string& db) {
  create_private(db);
  fd_ = ::open(db.c_str(), O_RDONLY | O_CLOEXEC);
  if (fd_ < 0) throw store_error("kan " + db + " niet openen: " + std::strerror(errno));
  if (::flock(fd_, LOCK_EX | LOCK_NB) != 0) {
    const int error = errno;
    ::close(fd_);
    throw store_error(error == EWOULDBLOCK
                          ? "een jos-server gebruikt " + db +
                                " nu; stop die eerst (of wis via de app)"
                          : "kan " + db + " niet vergrendelen: " + std::strerror(error));
  }
}

database_lock::~database_lock() {
  if (fd_ >= 0) ::close(fd_);
}

}  // namespace jos::server
