#pragma once
// The trajectory at a glance: the partnership, the next meeting (and for the coordinator its
// preparation), the open actions between meetings, the schedule, how far the documents are
// filled in, the preconditions, the team, and (for the coordinator) the codes to share.

#include <string>

#include "client/ui.hpp"
#include "client/view_actions.hpp"
#include "client/view_check_ins.hpp"
#include "client/view_participants.hpp"
#include "client/view_preparation.hpp"
#include "client/view_schedule.hpp"
#include "shared/model.hpp"

namespace jos::client {

class client_core;

class view_overview {
 public:
  void draw(ui_context& ui, const client_core& core);

 private:
  void draw_codes(ui_context& ui, const client_core& core);
  void draw_next(ui_context& ui, const client_core& core);
  void draw_documents(ui_context& ui, const client_core& core);
  void draw_partnership(ui_context& ui, const client_core& core);

  view_schedule schedule_;
  view_actions actions_;
  view_check_ins check_ins_;
  view_preparation preparation_;
  view_participants team_;
  int preparing_ = -1;  // the meeting whose preparation is shown (-1: the next one)
  bool editing_partners_ = false;
  shared::partnership partners_;  // being edited
};

}  // namespace jos::client
