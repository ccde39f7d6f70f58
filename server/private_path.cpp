#include "server/private_path.hpp"

#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

#include <cerrno>
#include <cstring>
#include <filesystem>

#include "server/store.hpp"

namespace jos::server {

void create_private(const std::string& file) {
  namespace fs = std::filesystem;
  const fs::path path(file);
  fs::path dir;
  for (const auto& part : path.parent_path()) {
    dir /= part;
    if (::mkdir(dir.c_str(), 0700) != 0 && errno != EEXIST)
      throw store_error("kan map " + dir.string() + " niet maken: " + std::strerror(errno));
  }
  const int fd = ::open(file.c_str(), O_WRONLY | O_CREAT | O_CLOEXEC, 0600);
  if (fd < 0) throw store_error("kan database " + file + " niet maken: " + std::strerror(errno));
  ::close(fd);
}

}  // namespace jos::server
