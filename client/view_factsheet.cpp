#include "client/view_factsheet.hpp"

#include "shared/content.hpp"

namespace jos::client {

void view_factsheet::draw(ui_context& ui) {
  const auto& c = shared::leerlijn();
  text_in(ui.font.heading, c.factsheet_title);
  mark(ui, "factsheet");
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

void view_factsheet::explain_onderdeel(ui_context& ui, int row) {
  const auto& c = shared::leerlijn();
  if (row < 0 || row >= static_cast<int>(c.rows.size())) return;
  const auto& r = c.rows[static_cast<std::size_t>(row)];
  const auto& el = c.elements[static_cast<std::size_t>(r.element_index)];
  const shared::onderdeel_explanation* found = nullptr;
  for (const auto& o : el.onderdelen)
    if (o.id == r.id) found = &o;
  if (found == nullptr) return;
  ImGui::PushID("factsheet");
  ImGui::PushID(row);
  if (ImGui::SmallButton("Factsheet")) ImGui::OpenPopup("uitleg");
  mark(ui, "factsheet/" + std::to_string(row));
  if (ImGui::IsItemHovered()) ImGui::SetTooltip("Wat de Factsheet over dit onderdeel zegt");
  ImGui::SetNextWindowSize(ImVec2(ui.px(520), 0));
  if (ImGui::BeginPopup("uitleg")) {
    text_coloured(colours::muted, "Factsheet · " + el.name);
    text_in(ui.font.bold, found->factsheet_title);
    text_wrapped(found->explanation);
    mark(ui, "factsheet/" + std::to_string(row) + "/text");
    ImGui::EndPopup();
  }
  ImGui::PopID();
  ImGui::PopID();
}

}  // namespace jos::client
