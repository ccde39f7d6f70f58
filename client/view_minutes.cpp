#include "client/view_minutes.hpp"

#include <algorithm>

#include "client/core/client_core.hpp"
#include "shared/minutes.hpp"
#include "shared/rules.hpp"

namespace jos::client {

using namespace shared;

void view_minutes::draw(ui_context& ui, const client_core& core, int meeting_index, int item) {
  const trajectory& t = core.state();
  if (meeting_index < 0 || meeting_index >= static_cast<int>(t.meetings.size())) return;
  const meeting& m = t.meetings[static_cast<std::size_t>(meeting_index)];
  const auto& agenda = template_of(m).agenda;
  if (item < 0 || item >= static_cast<int>(agenda.size()) ||
      item >= static_cast<int>(m.session.items.size()))
    return;
  const agenda_record& record = m.session.items[static_cast<std::size_t>(item)];
  const bool editable = can_edit_minutes(t, core.me(), meeting_index);
  const person* notulist = find_person(t, m.session.notulist);

  text_in(ui.font.bold, "Notulen bij " + std::to_string(item + 1) + ". " +
                            agenda[static_cast<std::size_t>(item)].title);
  text_coloured(colours::muted,
                item_time_line(t, meeting_index, item, core.server_now_ms()) + " · " +
                    (notulist != nullptr ? "notulist: " + notulist->name
                                         : "de coördinator wijst een notulist aan"));
  const float gap = ImGui::GetStyle().ItemSpacing.x;
  const float half = std::max(ui.px(120), (ImGui::GetContentRegionAvail().x - gap) * 0.5f);
  const float height = ui.px(70);

  // What was said on the left, what was decided on the right.
  const auto part = [&](text_cell& cell, bool decided, const char* label, const char* hint) {
    text_coloured(colours::muted, label);
    cell.draw(label, op::minutes_target(meeting_index, item, decided),
              decided ? record.decided : record.notes, editable, half, height, ui, hint);
  };
  ImGui::BeginGroup();
  part(notes_, false, "Besproken", "Wat is er besproken? Klik om te schrijven…");
  ImGui::EndGroup();
  ImGui::SameLine();
  ImGui::BeginGroup();
  part(decided_, true, "Besloten", "Wat is er besloten? Klik om te schrijven…");
  for (const auto& line : recorded_decisions(t, meeting_index, item)) {
    ImGui::PushTextWrapPos(ImGui::GetCursorPosX() + half);
    text_coloured(colours::accent, "• " + line);
    ImGui::PopTextWrapPos();
  }
  ImGui::EndGroup();

  // The meeting as a whole: anything that belongs to no single item, and older minutes.
  ImGui::Spacing();
  if (!m.session.minutes.empty()) ImGui::SetNextItemOpen(true, ImGuiCond_Once);
  if (ImGui::CollapsingHeader("Algemeen (hele bijeenkomst)")) {
    whole_.draw("whole", op::minutes_target(meeting_index), m.session.minutes, editable,
                ImGui::GetContentRegionAvail().x, ui.px(60), ui,
                "Klik om de algemene notulen te schrijven…");
  }
  mark(ui, "minutes/whole");
}

}  // namespace jos::client
