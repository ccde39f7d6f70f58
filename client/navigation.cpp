#include "client/navigation.hpp"

namespace jos::client {

void follow_the_meeting(ui_context& ui, const shared::trajectory& t, int& last_active) {
  const int active = t.active_meeting;
  if (active >= 0 && active != last_active) {
    ui.current = screen::meeting;
    ui.selected_meeting = -1;
    ui.finished_meeting = -1;
  } else if (active < 0 && last_active >= 0) {
    // Closed: whoever was following it sees what comes next. Someone looking at another
    // meeting or screen stays where they are.
    ui.finished_meeting = last_active;
    if (ui.current == screen::meeting &&
        (ui.selected_meeting < 0 || ui.selected_meeting == last_active)) {
      ui.current = screen::overview;
      ui.selected_meeting = -1;
    }
  }
  last_active = active;
}

}  // namespace jos::client
