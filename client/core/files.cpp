#include "client/core/files.hpp"

#include <fcntl.h>
#include <unistd.h>

#include <cerrno>
#include <cstdlib>
#include <cstring>
#include <fstream>
#include <sstream>

namespace jos::client {
namespace {

bool write_all(int fd, const std::string& data) {
  std::size_t done = 0;
  while (done < data.size()) {
    const ssize_t n = ::write(fd, data.data() + done, data.size() - done);
    if (n < 0) {
      if (errno == EINTR) continue;
      return false;
    }
    done += static_cast<std::size_t>(n);
  }
  return true;
}

}  // namespace

bool write_file_durably(const std::filesystem::path& file, const std::string& contents,
                        std::string& error) {
  std::error_code ec;
  std::filesystem::create_directories(file.parent_path(), ec);
  const std::filesystem::path tmp = file.string() + ".tmp";
  // 0600: the file holds the participant token.
  const int fd = ::open(tmp.c_str(), O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0600);
  if (fd < 0) {
    error = "kan " + tmp.string() + " niet schrijven: " + std::strerror(errno);
    return false;
  }
  const bool written = write_all(fd, contents) && ::fsync(fd) == 0;
  const int saved = errno;
  ::close(fd);
  if (!written) {
    error = "schrijven naar " + tmp.string() + " mislukt: " + std::strerror(saved);
    return false;
  }
  if (::rename(tmp.c_str(), file.c_str()) != 0) {
    error = "kan " + file.string() + " niet vervangen: " + std::strerror(errno);
    return false;
  }
  // The rename itself is only durable once the directory is.
  const int dir = ::open(file.parent_path().empty() ? "." : file.parent_path().c_str(),
                         O_RDONLY | O_DIRECTORY | O_CLOEXEC);
  if (dir >= 0) {
    ::fsync(dir);
    ::close(dir);
  }
  return true;
}

std::optional<std::string> read_file(const std::filesystem::path& file) {
  std::ifstream in(file, std::ios::binary);
  if (!in) return std::nullopt;
  std::ostringstream out;
  out << in.rdbuf();
  return std::move(out).str();
}

std::filesystem::path default_config_dir() {
  if (const char* xdg = std::getenv("XDG_CONFIG_HOME"); xdg != nullptr && xdg[0] == '/')
    return std::filesystem::path(xdg) / "jos";
  if (const char* home = std::getenv("HOME"); home != nullptr && home[0] != '\0')
    return std::filesystem::path(home) / ".config" / "jos";
  return std::filesystem::path(".jos");
}

}  // namespace jos::client
