#include "tests/server/cli_run.hpp"

#include <sys/wait.h>

#include <array>
#include <cstdio>

namespace jos::server::test {

std::pair<int, std::string> run_jos_server(const std::string& args) {
  const std::string command = std::string(JOS_SERVER_BINARY) + " " + args + " 2>&1";
  FILE* pipe = popen(command.c_str(), "r");
  if (pipe == nullptr) return {-1, "popen failed"};
  std::string out;
  std::array<char, 4096> chunk{};
  while (std::fgets(chunk.data(), static_cast<int>(chunk.size()), pipe) != nullptr)
    out += chunk.data();
  const int status = pclose(pipe);
  return {WIFEXITED(status) ? WEXITSTATUS(status) : -1, out};
}

}  // namespace jos::server::test
