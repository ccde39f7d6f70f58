#pragma once
// Who is in the team: organisation, function, roles in the meeting, and who is online now
// (the side panel); and on the overview the team as a table in which the coordinator keeps
// everyone's organisation, function and uitvoerder/manager right, appoints a second
// coordinator, adds someone who does not use the app, takes someone off the team and
// renews the team code or the coordinator code.

#include <optional>
#include <string>

#include "client/ui.hpp"
#include "protocol/messages.hpp"
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
  // The coordinator's "take off the team" and "renew a code", each asked once more.
  void draw_access(ui_context& ui);
  void draw_removal_dialog(ui_context& ui, const client_core& core);
  void draw_renewal_dialog(ui_context& ui, const client_core& core);
  void save_export(const client_core& core);

  shared::person_id editing_ = shared::no_person;
  shared::person draft_;  // the person being edited
  bool adding_ = false;
  shared::person new_;                              // the person being added
  shared::person_id removing_ = shared::no_person;  // asked: take this person off the team?
  bool renew_team_code_too_ = true;
  bool erase_too_ = false;  // and erase their name and function (AVG, op::erase_person)
  std::optional<protocol::access_code> renewing_;  // asked: make a new code?
  bool open_dialog_ = false;  // opened from inside the table, shown at its own level
  // A person's data asked of the server (AVG), saved once the answer is there.
  shared::person_id exporting_ = shared::no_person;
  std::uint64_t exports_seen_ = 0;
  std::string export_note_;   // where it was saved, or why not
  bool saved_ = false;        // the note says where it was saved
  bool reveal_note_ = false;  // a new note: scroll it into sight
};

}  // namespace jos::client
