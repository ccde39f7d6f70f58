#include "client/view_factsheet.hpp"

#include "shared/content.hpp"

namespace jos::client {

void view_factsheet::draw(ui_context& ui) {
  const auto& c = shared::leerlijn();
  text_in(ui.font.heading, c.factsheet_title);
  if (!ImGui::BeginTabBar("elements")) return;
  for (std::size_t e = 0; e < c.elements.size(); ++e) {
    const auto& el = c.elements[e];
    const std::string tab = std::to_string(e + 1) + ". " + el.name;
    if (!ImGui::BeginTabItem(tab.c_str())) continue;
    ImGui::BeginChild("element", ImVec2(0, 0), false);
    ImGui::Spacing();
    text_in(ui.font.large, el.explanation);
    for (const auto& o : el.onderdelen) {
      ImGui::Spacing();
      ImGui::Separator();
      ImGui::Spacing();
      text_in(ui.font.bold, o.factsheet_title);
      text_in(ui.font.large, o.explanation);
    }
    ImGui::Spacing();
    text_coloured(colours::muted, "Bron: " + c.factsheet_source);
    ImGui::EndChild();
    ImGui::EndTabItem();
  }
  ImGui::EndTabBar();
}

}  // namespace jos::client
