#pragma once
// The line at the bottom: connected or not (and when the next attempt is), how many of
// our changes wait for the server, and the latest refusal or error for a few seconds.

#include "client/ui.hpp"

namespace jos::client {

class client_core;

class view_status_bar {
 public:
  void draw(ui_context& ui, const client_core& core);
  float height(const ui_context& ui) const;
};

}  // namespace jos::client
