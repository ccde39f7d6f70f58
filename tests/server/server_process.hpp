#pragma once
// The jos-server binary as a child process on a port it picks itself, for tests that must
// SIGKILL a server.

#include <sys/types.h>

#include <csignal>
#include <cstdint>
#include <string>

#include "tests/server/test_client.hpp"

namespace jos::server::test {

class server_process {
 public:
  server_process(std::string db, std::string port_file)
      : db_(std::move(db)), port_file_(std::move(port_file)) {}
  ~server_process() { kill_now(); }
  server_process(const server_process&) = delete;
  server_process& operator=(const server_process&) = delete;

  // Starts the binary and waits until it wrote its port; empty on success.
  std::string start(ms timeout = 10s);
  void kill_now() { signal_and_wait(SIGKILL); }
  // Graceful; returns the exit status.
  int terminate() { return signal_and_wait(SIGTERM); }
  std::uint16_t port() const { return port_; }
  bool running() const { return pid_ > 0; }

 private:
  int signal_and_wait(int sig);

  std::string db_;
  std::string port_file_;
  pid_t pid_ = -1;
  std::uint16_t port_ = 0;
};

}  // namespace jos::server::test
