#include "client/meeting_start.hpp"

#include "client/core/client_core.hpp"

namespace jos::client {

using namespace shared;

std::string start_warning(const trajectory& t, int meeting) {
  if (meeting < 0 || meeting >= static_cast<int>(t.meetings.size())) return {};
  std::string out;
  if (t.meetings[static_cast<std::size_t>(meeting)].status == meeting_status::afgerond)
    out =
        "Deze bijeenkomst is al afgerond. Opnieuw starten opent haar weer en brengt iedereen "
        "terug naar haar agenda.";
  for (int i = 0; i < meeting; ++i) {
    const auto& earlier = t.meetings[static_cast<std::size_t>(i)];
    if (earlier.status != meeting_status::gepland) continue;
    if (!out.empty()) out += ' ';
    out += "Bijeenkomst " + std::to_string(i + 1) + " (" + template_of(earlier).name +
           ") is nog niet gehouden; de leerlijn doet de bijeenkomsten op volgorde.";
    break;
  }
  return out;
}

bool start_button(ui_context& ui, const client_core& core, int meeting, const char* label,
                  const std::string& name, bool small, float width) {
  const trajectory& t = core.state();
  ImGui::PushID(meeting);
  ImGui::PushID("starter");
  const bool clicked = small ? ImGui::SmallButton(label) : ImGui::Button(label, ImVec2(width, 0));
  mark(ui, name);
  bool started = false;
  const std::string warning = start_warning(t, meeting);
  const char* title = "Bijeenkomst starten?";
  if (clicked) {
    if (warning.empty()) {
      started = true;
    } else {
      ImGui::OpenPopup(title);
    }
  }
  ImGui::SetNextWindowSize(ImVec2(ui.px(520), 0));
  if (ImGui::BeginPopupModal(title, nullptr, ImGuiWindowFlags_NoResize)) {
    text_in(ui.font.bold, std::to_string(meeting + 1) + ". " +
                              template_of(t.meetings[static_cast<std::size_t>(meeting)]).name);
    text_coloured(colours::attention, warning);
    ImGui::Spacing();
    if (ImGui::Button("Toch starten")) {
      started = true;
      ImGui::CloseCurrentPopup();
    }
    mark(ui, "start/confirm");
    ImGui::SameLine();
    if (ImGui::Button("Annuleren") || ImGui::IsKeyPressed(ImGui::GetKeyIndex(ImGuiKey_Escape))) {
      ImGui::CloseCurrentPopup();
    }
    mark(ui, "start/cancel");
    ImGui::EndPopup();
  }
  ImGui::PopID();
  ImGui::PopID();
  if (started) {
    ui.todo.submit(op::start_meeting{meeting, 0});
    ui.current = screen::meeting;
    ui.selected_meeting = meeting;
  }
  return started;
}

}  // namespace jos::client
