#include "tests/server/recording_listener.hpp"

#include <netinet/in.h>
#include <poll.h>
#include <sys/socket.h>
#include <unistd.h>

#include <arpa/inet.h>

#include <stdexcept>

namespace jos::server::test {

recording_listener::recording_listener() {
  listening_ = ::socket(AF_INET, SOCK_STREAM | SOCK_CLOEXEC, 0);
  if (listening_ < 0) throw std::runtime_error("socket failed");
  sockaddr_in address{};
  address.sin_family = AF_INET;
  address.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
  socklen_t size = sizeof address;
  if (::bind(listening_, reinterpret_cast<sockaddr*>(&address), size) != 0 ||
      ::listen(listening_, 16) != 0 ||
      ::getsockname(listening_, reinterpret_cast<sockaddr*>(&address), &size) != 0) {
    ::close(listening_);
    throw std::runtime_error("cannot listen on 127.0.0.1");
  }
  port_ = ntohs(address.sin_port);
  thread_ = std::thread([this] { run(); });
}

recording_listener::~recording_listener() {
  stopping_ = true;
  thread_.join();
  for (const auto& p : accepted_) ::close(p.fd);
  ::close(listening_);
}

std::size_t recording_listener::connections() const {
  std::lock_guard lock(mutex_);
  return accepted_.size();
}

std::string recording_listener::received() const {
  std::lock_guard lock(mutex_);
  return received_;
}

void recording_listener::run() {
  // Short polls, so that the destructor is never kept waiting long.
  while (!stopping_) {
    std::vector<pollfd> watched{{listening_, POLLIN, 0}};
    std::vector<std::size_t> which;
    {
      std::lock_guard lock(mutex_);
      for (std::size_t i = 0; i < accepted_.size(); ++i) {
        if (accepted_[i].ended) continue;
        watched.push_back({accepted_[i].fd, POLLIN, 0});
        which.push_back(i);
      }
    }
    if (::poll(watched.data(), watched.size(), 20) <= 0) continue;
    std::lock_guard lock(mutex_);
    for (std::size_t w = 1; w < watched.size(); ++w) {
      if (watched[w].revents == 0) continue;
      char buffer[4096];
      const auto n = ::recv(watched[w].fd, buffer, sizeof buffer, MSG_DONTWAIT);
      if (n > 0)
        received_.append(buffer, static_cast<std::size_t>(n));
      else
        accepted_[which[w - 1]].ended = true;  // gone (or broken): nothing more to read
    }
    if ((watched[0].revents & POLLIN) != 0)
      if (const int fd = ::accept4(listening_, nullptr, nullptr, SOCK_CLOEXEC); fd >= 0)
        accepted_.push_back({fd});
  }
}

}  // namespace jos::server::test
