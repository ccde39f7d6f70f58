#include "tests/server/server_process.hpp"

#include <fcntl.h>
#include <spawn.h>
#include <sys/wait.h>
#include <unistd.h>

#include <cstring>
#include <filesystem>
#include <fstream>
#include <thread>
#include <vector>

extern char** environ;

namespace jos::server::test {

std::string server_process::start(ms timeout) {
  using clock_type = std::chrono::steady_clock;
  std::filesystem::remove(port_file_);
  std::vector<std::string> args{JOS_SERVER_BINARY, "--port", "0", "--snapshot-every", "25"};
  args.insert(args.end(), {"--port-file", port_file_, "--db", db_, "--log-level", "error"});
  std::vector<char*> argv;
  for (auto& a : args) argv.push_back(a.data());
  argv.push_back(nullptr);
  posix_spawn_file_actions_t actions;
  posix_spawn_file_actions_init(&actions);
  posix_spawn_file_actions_addopen(&actions, 1, "/dev/null", O_WRONLY, 0);
  const int rc = posix_spawn(&pid_, argv[0], &actions, nullptr, argv.data(), environ);
  posix_spawn_file_actions_destroy(&actions);
  if (rc != 0) {
    pid_ = -1;
    return "posix_spawn: " + std::string(std::strerror(rc));
  }
  const auto deadline = clock_type::now() + timeout;
  while (clock_type::now() < deadline) {
    std::ifstream in(port_file_);
    unsigned port = 0;
    if (in >> port && port > 0 && port < 65536) {
      port_ = static_cast<std::uint16_t>(port);
      return {};
    }
    int status = 0;
    if (waitpid(pid_, &status, WNOHANG) == pid_) {
      pid_ = -1;
      return "jos-server stopte meteen (status " + std::to_string(status) + ")";
    }
    std::this_thread::sleep_for(std::chrono::milliseconds(10));
  }
  return "jos-server schreef geen poort";
}

int server_process::signal_and_wait(int sig) {
  if (pid_ <= 0) return -1;
  kill(pid_, sig);
  int status = 0;
  waitpid(pid_, &status, 0);
  pid_ = -1;
  port_ = 0;
  return status;
}

}  // namespace jos::server::test
