#pragma once
// Who is at a meeting. Someone online says so themselves; the notulist and the coordinator
// mark who is in the room and who sent notice. Below the list, whether uitvoerders and
// managers of both organisations are there, as the seed asks of the meeting itself.

#include "client/ui.hpp"

namespace jos::client {

class client_core;

class view_attendance {
 public:
  // Everyone in the team with their mark, for the welcome and the side panel.
  void draw(ui_context& ui, const client_core& core, int meeting);
  // For someone who has not marked themselves yet while the meeting runs: one line to say
  // "I am here" (online or in the room). Draws nothing once they did.
  void draw_self_prompt(ui_context& ui, const client_core& core, int meeting);
};

}  // namespace jos::client
