// jos-client: the desktop client of jos (Dear ImGui on GLFW and OpenGL 3).
#include <cstdio>

#include "client/app.hpp"
#include "client/app_command_line.hpp"

int main(int argc, char** argv) {
  auto command_line = jos::client::parse_app_options(argc, argv);
  if (!command_line.options) {
    std::fputs(command_line.message.c_str(), command_line.help ? stdout : stderr);
    return command_line.help ? 0 : 2;
  }
  jos::client::app app(std::move(*command_line.options));
  return app.run();
}
