#include "client/keyboard.hpp"

#include <imgui.h>
#include <imgui_internal.h>

namespace jos::client {
namespace {

bool pressed(ImGuiKey key) {
  const int index = ImGui::GetKeyIndex(key);
  return index >= 0 && ImGui::IsKeyPressed(index, false);
}

}  // namespace

void limit_frame_step(ImGuiIO& io) {
  if (io.DeltaTime > max_frame_step) io.DeltaTime = max_frame_step;
}

void keyboard_new_frame() {
  ImGuiContext& g = *GImGui;
  if (pressed(ImGuiKey_Tab)) {
    // Tabbing is keyboard use: show where the focus lands (1.86 leaves that to arrow keys).
    g.NavDisableHighlight = false;
    // From a focused radio button or check box (nothing active), Tab goes on to the next
    // stop; 1.86 would start over at the window's first text field.
    if (g.NavMoveSubmitted && (g.NavMoveFlags & ImGuiNavMoveFlags_Tabbing) != 0 &&
        g.NavTabbingDir == 0 && g.NavId != 0)
      g.NavTabbingDir = +1;
  }
  // Escape leaves the text field with its text as typed.
  if (pressed(ImGuiKey_Escape) && g.ActiveId != 0 && ImGui::GetInputTextState(g.ActiveId))
    ImGui::ClearActiveID();
}

tab_stops::tab_stops() { ImGui::PushItemFlag(ImGuiItemFlags_Inputable, true); }
tab_stops::~tab_stops() { ImGui::PopItemFlag(); }

bool enter_pressed() {
  if (!pressed(ImGuiKey_Enter) && !pressed(ImGuiKey_KeyPadEnter)) return false;
  return ImGui::IsWindowFocused(ImGuiFocusedFlags_ChildWindows) &&
         !ImGui::IsPopupOpen(nullptr, ImGuiPopupFlags_AnyPopupId);
}

}  // namespace jos::client
