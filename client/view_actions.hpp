#pragma once
// The actions of the Actieplan: who does what by when, and how far it is. They are entered
// in the plan itself, in the row of their onderdeel, with an owner and a date; between
// meetings everyone sees the open ones, marks progress, and sees at once which are overdue.

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
  // One onderdeel's actions as a cell of the Actieplan (all) or of an Evaluatielijst
  // (`still_to_do`): each with its owner, date and progress, and a line to add one. This is
  // where an action is entered; the overview tracks it from there.
  void draw_cell(ui_context& ui, const client_core& core, int row, bool still_to_do);

 private:
  void draw_status(ui_context& ui, const shared::action_item& a, bool compact);
  void draw_in_cell(ui_context& ui, const client_core& core, const shared::action_item& a,
                    bool editable);

  std::map<int, std::string> drafts_;  // onderdeel -> a new action being typed
  std::map<int, std::string> texts_;   // action id -> its text while being typed
  std::map<int, std::string> dates_;   // action id -> its date while being typed
  bool only_mine_ = false;
};

}  // namespace jos::client
