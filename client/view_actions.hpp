#pragma once
// The actions of the Actieplan: who does what by when, and how far it is. In the Actieplan
// step the invuller gives every action an owner and a date; between meetings everyone sees
// the open ones, marks progress, and sees at once which are overdue.

#include <map>
#include <string>
#include <string_view>
#include <vector>

#include "client/ui.hpp"
#include "shared/model.hpp"

namespace jos::client {

class client_core;

// Still to do: not begun yet, or under way.
bool is_open(const shared::action_item& a);
// Still to do and its date has passed (`today` as yyyy-mm-dd).
bool is_overdue(const shared::action_item& a, std::string_view today);
// The open actions, overdue first, then by date (those without a date last), then by number.
std::vector<const shared::action_item*> open_actions(const shared::trajectory& t,
                                                     std::string_view today);

class view_actions {
 public:
  // Between meetings (the overview): the open actions with owner and date; anyone marks
  // progress; overdue ones stand out.
  void draw_open(ui_context& ui, const client_core& core);
  // The Actieplan step: add an action to an onderdeel (offered in `rows` order) with an
  // owner and a date, and edit the actions there are, grouped per onderdeel in that order.
  void draw_planner(ui_context& ui, const client_core& core, const std::vector<int>& rows);
  // One onderdeel's actions in a few lines, with their progress (beside an evaluation row).
  void draw_row(ui_context& ui, const client_core& core, int row);

 private:
  void draw_status(ui_context& ui, const shared::action_item& a, bool compact);
  void draw_editor_row(ui_context& ui, const client_core& core, const shared::action_item& a,
                       bool editable);

  struct draft {
    int row = -1;
    std::string text;
    shared::person_id owner = shared::no_person;
    std::string due;
  };
  draft new_;                         // the action being added
  std::map<int, std::string> texts_;  // action id -> its text while being typed
  std::map<int, std::string> dates_;  // action id -> its date while being typed
  bool only_mine_ = false;
};

}  // namespace jos::client
