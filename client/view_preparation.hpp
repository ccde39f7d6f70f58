#pragma once
// What the coordinator prepares before a meeting, from the seed: when to plan it, whom to
// invite (with the check that uitvoerders and managers of both organisations are there, and
// who came and who sent notice last time), what to send with the invitation and the
// invitation itself, and what the room needs for this form of meeting.

#include "client/ui.hpp"
#include "client/view_invitation.hpp"

namespace jos::client {

class client_core;

class view_preparation {
 public:
  void draw(ui_context& ui, const client_core& core, int meeting);

 private:
  view_invitation invitation_;
};

}  // namespace jos::client
