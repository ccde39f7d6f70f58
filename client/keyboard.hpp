#pragma once
// Keyboard use on top of Dear ImGui 1.86's navigation (ImGuiConfigFlags_NavEnableKeyboard):
// - Tab reaches radio buttons and check boxes of a form, not only its text fields
//   (tab_stops), moves on from them, and leaves a visible focus frame where it lands;
// - Escape leaves a text field and keeps what was typed: Dear ImGui puts back the text the
//   field had when it was entered, which in a shared cell would silently undo the typing;
// - Enter submits a form (enter_pressed).

#include <imgui.h>

namespace jos::client {

// Call once a frame, right before ImGui::NewFrame(): a slow frame counts as at most
// max_frame_step. Dear ImGui 1.86 times how long a key is held in frame times, so a
// Ctrl+V or Backspace pressed for 40 ms, but seen down by two slow frames (a busy browser
// delivers the release late), repeated: the paste came three times.
inline constexpr float max_frame_step = 1.0f / 20.0f;
void limit_frame_step(ImGuiIO& io);

// Call once a frame, right after ImGui::NewFrame().
void keyboard_new_frame();

// While one lives, the items drawn are Tab stops.
class tab_stops {
 public:
  tab_stops();
  ~tab_stops();
  tab_stops(const tab_stops&) = delete;
  tab_stops& operator=(const tab_stops&) = delete;
};

// Enter (or the keypad's) was pressed this frame in the current window or one inside it,
// with no popup over it: a form drawn there submits.
bool enter_pressed();

}  // namespace jos::client
