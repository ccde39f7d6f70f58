#include "server/database_lock.hpp"

#include <fcntl.h>
#include <sys/file.h>
#include <unistd.h>

#include <cerrno>
#include <cstring>
#include <filesystem>
#include <stdexcept>

namespace jos::server {

database_lock::database_lock(const std::string& db) {
  const std::string path = db + ".lock";
  const auto parent = std::filesystem::path(path).parent_path();
  std::error_code ec;
  if (!parent.empty()) std::filesystem::create_directories(parent, ec);
  fd_ = ::open(path.c_str(), O_RDWR | O_CREAT | O_CLOEXEC, 0600);
  if (fd_ < 0) throw std::runtime_error("kan " + path + " niet openen: " + std::strerror(errno));
  if (::flock(fd_, LOCK_EX | LOCK_NB) != 0) {
    const int error = errno;
    ::close(fd_);
    fd_ = -1;
    if (error == EWOULDBLOCK)
      throw std::runtime_error("database " + db +
                               " is in gebruik door een andere jos-server (of een beheeropdracht)");
    throw std::runtime_error("kan " + path + " niet vergrendelen: " + std::strerror(error));
  }
}

database_lock::~database_lock() {
  if (fd_ >= 0) ::close(fd_);  // closing releases the lock
}

}  // namespace jos::server
