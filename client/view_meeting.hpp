#pragma once
// A meeting in progress: the agenda on the left (current item, time used against time
// planned, the coordinator's controls), the current item's screen in the middle (what the
// content says the item shows), and below it the minutes of that item. Everyone follows the
// coordinator's place on the agenda, which she moves with Volgende / Vorige (or PgDn / PgUp);
// anyone may look elsewhere on their own, which a band above the item makes plain, and come
// back with one click.

#include <map>
#include <optional>

#include "client/ui.hpp"
#include "client/view_attendance.hpp"
#include "client/view_document.hpp"
#include "client/view_minutes.hpp"
#include "client/view_reactions.hpp"
#include "client/view_vote.hpp"

namespace jos::client {

class client_core;

class view_meeting {
 public:
  void draw(ui_context& ui, const client_core& core);
  // The agenda item this client shows (its own choice or the coordinator's).
  int shown_item(const client_core& core, int meeting_index) const;

 private:
  void draw_agenda(ui_context& ui, const client_core& core, int meeting);
  void draw_controls(ui_context& ui, const client_core& core, int meeting);
  void draw_roles(ui_context& ui, const client_core& core, int meeting);
  void draw_talk(ui_context& ui, const client_core& core, int meeting, int item);
  void draw_writers(ui_context& ui, const client_core& core, int meeting);
  void draw_choice(ui_context& ui, const client_core& core);
  void draw_private_look(ui_context& ui, const client_core& core, int meeting);
  void draw_presenting(ui_context& ui, const client_core& core, int meeting);
  void lead_by_keys(ui_context& ui, const client_core& core, int meeting);
  void move_everyone(ui_context& ui, int meeting, int item);

  std::map<int, int> browsing_;  // meeting -> agenda item this client chose to look at
  view_document document_;
  view_vote vote_;
  view_reactions reactions_;
  view_minutes minutes_;
  view_attendance attendance_;
  bool confirm_end_ = false;
};

}  // namespace jos::client
