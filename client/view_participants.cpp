#include "client/view_participants.hpp"

#include "client/core/client_core.hpp"
#include "shared/representation.hpp"

namespace jos::client {

void view_participants::draw(ui_context& ui, const client_core& core) {
  using namespace shared;
  const trajectory& t = core.state();
  const meeting* active =
      t.active_meeting >= 0 ? &t.meetings[static_cast<std::size_t>(t.active_meeting)] : nullptr;

  text_in(ui.font.bold, "Deelnemers");
  const auto online = std::count_if(t.team.begin(), t.team.end(),
                                    [&](const person& p) { return core.is_online(p.id); });
  text_coloured(colours::muted,
                std::to_string(online) + " van " + std::to_string(t.team.size()) + " online");
  ImGui::Separator();
  for (const auto& p : t.team) {
    ImGui::PushID(static_cast<int>(p.id));
    const bool here = core.is_online(p.id);
    text_coloured(here ? colours::ok : colours::muted, here ? "●" : "○");
    if (ImGui::IsItemHovered()) ImGui::SetTooltip(here ? "online" : "niet online");
    ImGui::SameLine();
    ImGui::BeginGroup();
    ImGui::PushFont(ui.font.bold);
    text_wrapped(p.name + (p.id == core.me() ? " (jij)" : ""));
    ImGui::PopFont();
    text_wrapped(std::string(label_of(p.org)) + " · " + p.function + " · " +
                 std::string(label_of(p.level)));
    std::string roles;
    auto add = [&](std::string_view role) {
      if (!roles.empty()) roles += ", ";
      roles += role;
    };
    if (p.coordinator) add("coördinator");
    if (active != nullptr && active->session.notulist == p.id) add("notulist");
    if (active != nullptr && active->session.invuller == p.id) add("invuller");
    if (!roles.empty()) text_coloured(colours::accent, roles);
    ImGui::EndGroup();
    ImGui::Spacing();
    ImGui::PopID();
  }
  const auto gaps = active != nullptr ? representation_gaps(t, active->session.present)
                                      : team_representation_gaps(t);
  if (active == nullptr && !gaps.empty()) {
    ImGui::Separator();
    for (const auto& g : gaps) text_coloured(colours::attention, g.message);
  }
}

}  // namespace jos::client
