// jos-client: the desktop client of jos (Dear ImGui on GLFW and OpenGL 3).
#include <cstdio>

#include "client/app.hpp"

int main(int argc, char** argv) {
  std::string message;
  auto options = jos::client::parse_app_options(argc, argv, message);
  if (!options) {
    std::fputs(message.c_str(), message.rfind("Gebruik", 0) == 0 ? stdout : stderr);
    return message.rfind("Gebruik", 0) == 0 ? 0 : 2;
  }
  jos::client::app app(std::move(*options));
  return app.run();
}
