#pragma once
// Runs the jos-server binary to its end, for tests of its command line.

#include <string>
#include <utility>

namespace jos::server::test {

// `args` are shell-quoted by the caller. Returns the exit status and stdout+stderr.
std::pair<int, std::string> run_jos_server(const std::string& args);

}  // namespace jos::server::test
