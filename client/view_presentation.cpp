#include "client/view_presentation.hpp"

#include "client/core/client_core.hpp"
#include "shared/model.hpp"

namespace jos::client {
namespace {

using namespace shared;

void bullet(ui_context& ui, std::string_view s) {
  ImGui::Bullet();
  text_in(ui.font.large, s);
}

// "Doel", "Tijdsduur", … beside their value, as the seed's table of each step.
void field(ui_context& ui, std::string_view label, std::string_view value) {
  if (value.empty()) return;
  text_in(ui.font.bold, label, false);
  ImGui::SameLine(ui.px(130));
  text_wrapped(value);
}

void step_card(ui_context& ui, const meeting_template& m) {
  text_in(ui.font.heading, m.step);
  text_in(ui.font.large, m.introduction);
  ImGui::Spacing();
  field(ui, "Bijeenkomst", m.name + (m.week > 0 ? " (week " + std::to_string(m.week) + ")" : ""));
  field(ui, "Doel", m.doel);
  field(ui, "Tijdsduur", m.tijdsduur);
  std::string instruments;
  for (const auto& i : m.instrumenten) instruments += (instruments.empty() ? "" : "\n") + i;
  field(ui, "Instrumenten", instruments);
  field(ui, "Literatuur", m.literatuur);
  field(ui, "Eindresultaat", m.eindresultaat);
}

}  // namespace

void view_presentation::draw(ui_context& ui, const client_core& core, int meeting,
                             const agenda_item_template& item) {
  ImGui::PushID("presentation");
  if (!item.description.empty()) text_coloured(colours::muted, item.description);
  for (material m : item.materials) {
    ImGui::Spacing();
    ImGui::Separator();
    ImGui::Spacing();
    ImGui::PushID(static_cast<int>(m));
    draw_material(ui, core, meeting, m);
    ImGui::PopID();
  }
  ImGui::PopID();
}

void view_presentation::draw_material(ui_context& ui, const client_core& core, int meeting,
                                      material m) {
  const content& c = leerlijn();
  const leerlijn_overview& o = c.overview;
  switch (m) {
    case material::leerlijn_doel:
      text_in(ui.font.heading, o.goal_heading);
      text_in(ui.font.large, c.goal);
      mark(ui, "present/doel");
      return;
    case material::leerlijn_opzet: {
      text_in(ui.font.heading, o.opzet_heading);
      text_in(ui.font.large, o.opzet);
      // The seed's table: step, meeting, week.
      if (ImGui::BeginTable("steps", 3, ImGuiTableFlags_Borders | ImGuiTableFlags_RowBg)) {
        ImGui::TableSetupColumn("Stappen", ImGuiTableColumnFlags_WidthStretch, 2.4f);
        ImGui::TableSetupColumn("Bijeenkomsten", ImGuiTableColumnFlags_WidthStretch, 1.6f);
        ImGui::TableSetupColumn("Planning", ImGuiTableColumnFlags_WidthStretch, 0.7f);
        ImGui::TableHeadersRow();
        for (const auto& step : c.meetings) {
          ImGui::TableNextRow();
          ImGui::TableNextColumn();
          text_wrapped(step.step);
          ImGui::TableNextColumn();
          text_wrapped(step.name);
          ImGui::TableNextColumn();
          text("Week " + std::to_string(step.week));
        }
        ImGui::EndTable();
      }
      mark(ui, "present/opzet");
      for (std::size_t i = 0; i < c.meetings.size(); ++i) {
        ImGui::PushID(static_cast<int>(i));
        ImGui::Spacing();
        step_card(ui, c.meetings[i]);
        ImGui::PopID();
      }
      return;
    }
    case material::hulpmiddelen:
      text_in(ui.font.heading, o.hulpmiddelen_heading);
      text_in(ui.font.large, o.hulpmiddelen_intro);
      for (const auto& h : o.hulpmiddelen) bullet(ui, h);
      mark(ui, "present/hulpmiddelen");
      return;
    case material::coordinator:
      text_in(ui.font.heading, o.coordinator_heading);
      text_in(ui.font.large, o.coordinator);
      text_in(ui.font.bold, o.coordinator_criteria_heading);
      for (const auto& s : c.coordinator_criteria) bullet(ui, s);
      text_in(ui.font.bold, "Voorbeelden:");
      for (const auto& s : o.coordinator_examples) bullet(ui, s);
      text_in(ui.font.large, o.coordinator_role);
      mark(ui, "present/coordinator");
      return;
    case material::bijeenkomst: {
      const trajectory& t = core.state();
      if (meeting < 0 || meeting >= static_cast<int>(t.meetings.size())) return;
      const meeting_template& tpl = template_of(t.meetings[static_cast<std::size_t>(meeting)]);
      text_in(ui.font.heading, "Doel en programma van de " + tpl.name);
      field(ui, "Doel", tpl.doel);
      field(ui, "Eindresultaat", tpl.eindresultaat);
      field(ui, "Tijdsduur", tpl.tijdsduur);
      ImGui::Spacing();
      text_in(ui.font.bold, "Programma");
      for (std::size_t i = 0; i < tpl.agenda.size(); ++i) {
        const auto& a = tpl.agenda[i];
        bullet(ui, std::to_string(i + 1) + ". " + a.title + " (± " + std::to_string(a.minutes) +
                       " min.)");
      }
      mark(ui, "present/bijeenkomst");
      return;
    }
  }
}

}  // namespace jos::client
