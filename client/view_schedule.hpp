#pragma once
// The schedule of the leerlijn: the four meetings planned from a start date in the seed's
// weeks 1, 3, 9 and 17, each date movable, each meeting physical, digital or hybrid, and
// after the final evaluation an extra evaluation meeting. At every afsluiting the
// coordinator agrees the next date with the room (draw_next_date).

#include <map>
#include <optional>
#include <string>

#include "client/ui.hpp"
#include "shared/model.hpp"

namespace jos::client {

class client_core;

// The first meeting that is not finished (in progress or still to come); nullopt when all are.
std::optional<int> next_meeting(const shared::trajectory& t);
// "di 22 september 2026 · Hybride", or "datum nog niet afgesproken · Hybride".
std::string when_of(const shared::meeting& m);

class view_schedule {
 public:
  // The overview's table of meetings (the coordinator plans; everyone reads).
  void draw(ui_context& ui, const client_core& core);
  // At the afsluiting of `meeting`: the next meeting's date and form, or after the final
  // evaluation an extra evaluation meeting.
  void draw_next_date(ui_context& ui, const client_core& core, int meeting);

 private:
  void draw_extra(ui_context& ui, const client_core& core, const char* id);

  std::string start_;                 // the start date being typed
  std::map<int, std::string> dates_;  // meeting -> date being typed
  std::string next_;                  // the next date at the afsluiting
  std::string extra_date_;            // an extra evaluation meeting's date
  int extra_mode_ = 0;
};

}  // namespace jos::client
