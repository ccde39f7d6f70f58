#pragma once
// The notulist's pane below the document. It follows the agenda: it shows the item this
// client looks at (the coordinator's, unless one looks elsewhere), with what was said there
// and what was decided, what the rules recorded there (a vote decided, actions made, the
// next date agreed) and the time it took against its plan. The minutes of the meeting as a
// whole stay below it, so minutes written before there were items still show.

#include "client/text_cell.hpp"
#include "client/ui.hpp"

namespace jos::client {

class client_core;

class view_minutes {
 public:
  void draw(ui_context& ui, const client_core& core, int meeting, int item);

 private:
  text_cell notes_;
  text_cell decided_;
  text_cell whole_;
};

}  // namespace jos::client
