#pragma once
// "Starten" for a meeting, wherever the coordinator finds it. Starting pulls everyone into
// that meeting, so a meeting that was already finished asks before it is opened again, and
// starting a meeting while an earlier one was never held warns about the order.

#include <string>

#include "client/ui.hpp"
#include "shared/model.hpp"

namespace jos::client {

class client_core;

// Why starting `meeting` deserves a second thought (Dutch, one sentence per reason); empty
// when it is the natural next step.
std::string start_warning(const shared::trajectory& t, int meeting);

// The button (`small`: a SmallButton), and the question it asks when start_warning() has
// something to say. Marked `name` and, while asking, "start/confirm" and "start/cancel".
// Returns true in the frame the start is submitted (the meeting screen then shows it).
bool start_button(ui_context& ui, const client_core& core, int meeting, const char* label,
                  const std::string& name, bool small, float width = 0.0f);

}  // namespace jos::client
