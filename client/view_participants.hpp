#pragma once
// Who is in the team: organisation, function, roles in the meeting, and who is online now.

#include "client/ui.hpp"

namespace jos::client {

class client_core;

class view_participants {
 public:
  void draw(ui_context& ui, const client_core& core);
};

}  // namespace jos::client
