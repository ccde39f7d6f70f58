#pragma once
// Who is in the team: organisation, function, roles in the meeting, and who is online now
// (the side panel); and on the overview the team as a table in which the coordinator keeps
// everyone's organisation, function and uitvoerder/manager right, appoints a second
// coordinator and adds someone who does not use the app.

#include <string>

#include "client/ui.hpp"
#include "shared/model.hpp"

namespace jos::client {

class client_core;

class view_participants {
 public:
  void draw(ui_context& ui, const client_core& core);
  // The overview's team table.
  void draw_team(ui_context& ui, const client_core& core);

 private:
  void draw_person_row(ui_context& ui, const client_core& core, const shared::person& p);
  bool draw_person_fields(ui_context& ui, shared::person& p, const char* id);

  shared::person_id editing_ = shared::no_person;
  shared::person draft_;  // the person being edited
  bool adding_ = false;
  shared::person new_;  // the person being added
};

}  // namespace jos::client
