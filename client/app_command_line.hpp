#pragma once
// The desktop client's command line, parsed with CLI11 (help and errors in Dutch). Not part
// of the browser build, whose options come from the page.

#include <optional>
#include <string>

#include "client/app.hpp"

namespace jos::client {

struct app_command_line {
  std::optional<app_options> options;  // nullopt: print `message` and stop
  std::string message;                 // the help text or what was wrong
  bool help = false;                   // `message` is the help asked for (exit 0)
};

app_command_line parse_app_options(int argc, char** argv);

}  // namespace jos::client
