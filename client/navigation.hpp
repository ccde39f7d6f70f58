#pragma once
// Everyone follows the meeting the coordinator runs: into it when it starts, and when it
// is closed back to the overview, which shows what comes next (the next meeting and its
// date, the open actions) instead of an empty "no meeting" page.

#include "client/ui.hpp"
#include "shared/model.hpp"

namespace jos::client {

// Call once a frame with the state; `last_active` is the meeting in progress last frame
// (-1: none), kept by the caller.
void follow_the_meeting(ui_context& ui, const shared::trajectory& t, int& last_active);

}  // namespace jos::client
