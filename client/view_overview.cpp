#include "client/view_overview.hpp"

#include <imgui_internal.h>
#include <imgui_stdlib.h>

#include "client/core/client_core.hpp"
#include "shared/calendar.hpp"
#include "shared/content.hpp"
#include "shared/representation.hpp"
#include "shared/scoring.hpp"

namespace jos::client {
namespace {

using namespace shared;

int filled_rows(const document& d) {
  int n = 0;
  for (const auto& row : d.rows) {
    bool any = row.rating != 0;
    for (const auto& cell : row.cells) any = any || !cell.empty();
    n += any;
  }
  return n;
}

void copy_field(ui_context& ui, const char* label, const std::string& value, const char* id) {
  ImGui::PushID(id);
  text(label);
  ImGui::SameLine(ui.px(190));
  text_in(ui.font.large, value, false);
  ImGui::SameLine();
  if (ImGui::SmallButton("Kopiëren")) ImGui::SetClipboardText(value.c_str());
  ImGui::PopID();
}

}  // namespace

void view_overview::draw(ui_context& ui, const client_core& core) {
  const trajectory& t = core.state();
  const auto& c = leerlijn();
  const bool coordinator = core.is_coordinator();

  heading(ui, t.partners.school + " × " + t.partners.youth_organisation);
  text_coloured(colours::muted, c.wording(t.partners.kind).name + " · " + c.title);
  ImGui::Spacing();
  draw_codes(ui, core);

  if (ImGui::CollapsingHeader("Randvoorwaarden", ImGuiTreeNodeFlags_DefaultOpen)) {
    for (int i = 0; i < precondition_count && i < static_cast<int>(c.preconditions.size()); ++i) {
      ImGui::PushID(i);
      bool met = t.preconditions[static_cast<std::size_t>(i)];
      ImGui::BeginDisabled(!coordinator);
      if (ImGui::Checkbox("##met", &met)) ui.todo.submit(op::set_precondition{i, met});
      ImGui::EndDisabled();
      ImGui::SameLine();
      text_wrapped(c.preconditions[static_cast<std::size_t>(i)].label);
      ImGui::PopID();
    }
  }

  if (ImGui::CollapsingHeader("Bijeenkomsten", ImGuiTreeNodeFlags_DefaultOpen))
    draw_meetings(ui, core);
  if (ImGui::CollapsingHeader("Documenten", ImGuiTreeNodeFlags_DefaultOpen))
    draw_documents(ui, core);

  if (ImGui::CollapsingHeader("Team", ImGuiTreeNodeFlags_DefaultOpen)) {
    text(std::to_string(t.team.size()) + (t.team.size() == 1 ? " deelnemer" : " deelnemers") +
         " (zie het paneel rechts).");
    const auto gaps = team_representation_gaps(t);
    if (gaps.empty()) {
      text_coloured(colours::ok,
                    "Uitvoerders én managers van school en jongerenwerk zijn vertegenwoordigd.");
    } else {
      text_coloured(colours::attention, "Voor de signaleringsbijeenkomst ontbreekt nog:");
      for (const auto& g : gaps) {
        ImGui::Bullet();
        ImGui::SameLine();
        text_wrapped(g.message);
      }
    }
  }
}

void view_overview::draw_codes(ui_context& ui, const client_core& core) {
  const auto id = core.identity();
  if (!id || id->join_code.empty() || !core.is_coordinator()) return;
  ImGui::PushStyleColor(ImGuiCol_ChildBg, ImVec4(0.93f, 0.96f, 1.0f, 1.0f));
  const float row =
      std::max(ui.font.large->FontSize, ImGui::GetFrameHeight()) + ImGui::GetStyle().ItemSpacing.y;
  ImGui::BeginChild("codes", ImVec2(0, 2 * row + 2 * ImGui::GetStyle().WindowPadding.y), true);
  copy_field(ui, "Teamcode", id->join_code, "team");
  help_marker("Deel deze code met iedereen die meedoet; zij kiezen ‘Deelnemen met teamcode’.");
  copy_field(ui, "Coördinatorcode", id->coordinator_code, "coordinator");
  help_marker(
      "Alleen voor een tweede coördinator: wie met deze code deelneemt, wordt ook coördinator.");
  ImGui::EndChild();
  ImGui::PopStyleColor();
}

void view_overview::draw_meetings(ui_context& ui, const client_core& core) {
  const trajectory& t = core.state();
  const bool coordinator = core.is_coordinator();
  const ImGuiTableFlags flags =
      ImGuiTableFlags_RowBg | ImGuiTableFlags_BordersInnerH | ImGuiTableFlags_SizingStretchProp;
  if (!ImGui::BeginTable("meetings", 5, flags)) return;
  ImGui::TableSetupColumn("Bijeenkomst", ImGuiTableColumnFlags_WidthStretch, 3.0f);
  ImGui::TableSetupColumn("Datum", ImGuiTableColumnFlags_WidthStretch, 2.2f);
  ImGui::TableSetupColumn("Vorm", ImGuiTableColumnFlags_WidthStretch, 1.2f);
  ImGui::TableSetupColumn("Status", ImGuiTableColumnFlags_WidthStretch, 1.0f);
  ImGui::TableSetupColumn("", ImGuiTableColumnFlags_WidthStretch, 1.6f);
  ImGui::TableHeadersRow();
  for (int i = 0; i < static_cast<int>(t.meetings.size()); ++i) {
    const meeting& m = t.meetings[static_cast<std::size_t>(i)];
    const auto& tpl = template_of(m);
    ImGui::PushID(i);
    ImGui::TableNextRow();
    ImGui::TableNextColumn();
    text_wrapped(std::to_string(i + 1) + ". " + tpl.name);
    if (tpl.week > 0)
      text_coloured(colours::muted, "week " + std::to_string(tpl.week) + " · " +
                                        std::to_string(tpl.minutes / 60) + "," +
                                        std::to_string(tpl.minutes % 60 * 10 / 60) + " uur");
    ImGui::TableNextColumn();
    if (coordinator && m.status != meeting_status::afgerond) {
      // The field shows the shared date unless the coordinator is typing in it.
      std::string& typed = date_edits_[i];
      if (ImGui::GetActiveID() != ImGui::GetID("##date")) typed = m.planned_date;
      ImGui::SetNextItemWidth(-FLT_MIN);
      ImGui::InputTextWithHint("##date", "jjjj-mm-dd", &typed);
      if (ImGui::IsItemDeactivatedAfterEdit() && typed != m.planned_date)
        ui.todo.submit(op::schedule_meeting{i, typed, m.mode});  // the rules explain a bad date
      if (!m.planned_date.empty()) text_coloured(colours::muted, dutch_date(m.planned_date));
    } else {
      text(m.planned_date.empty() ? "nog niet gepland" : dutch_date(m.planned_date));
    }
    ImGui::TableNextColumn();
    if (coordinator && m.status != meeting_status::afgerond) {
      int mode = static_cast<int>(m.mode);
      const char* modes[] = {"Fysiek", "Digitaal", "Hybride"};
      ImGui::SetNextItemWidth(-FLT_MIN);
      if (ImGui::Combo("##mode", &mode, modes, 3))
        ui.todo.submit(op::schedule_meeting{i, m.planned_date, static_cast<meeting_mode>(mode)});
    } else {
      text(label_of(m.mode));
    }
    ImGui::TableNextColumn();
    text_coloured(m.status == meeting_status::bezig ? colours::ok : colours::muted,
                  label_of(m.status));
    ImGui::TableNextColumn();
    if (ImGui::SmallButton("Openen")) {
      ui.current = screen::meeting;
      ui.selected_meeting = i;
    }
    if (coordinator && m.status != meeting_status::bezig && t.active_meeting < 0) {
      ImGui::SameLine();
      if (ImGui::SmallButton("Starten")) {
        ui.todo.submit(op::start_meeting{i, 0});
        ui.current = screen::meeting;
        ui.selected_meeting = i;
      }
    }
    ImGui::PopID();
  }
  ImGui::EndTable();
  if (coordinator && t.meetings.size() >= 2) {
    if (t.meetings[0].planned_date.empty()) {
      text_coloured(
          colours::muted,
          "Tip: vul de datum van de eerste bijeenkomst in; de andere volgen in week 3, 9 en 17.");
    } else if (t.meetings[1].planned_date.empty() &&
               ImGui::Button("Plan de volgende bijeenkomsten (week 3, 9 en 17)")) {
      ui.todo.submit(op::plan_from_start{t.meetings[0].planned_date});
    }
  }
}

void view_overview::draw_documents(ui_context&, const client_core& core) {
  const trajectory& t = core.state();
  const auto& c = leerlijn();
  if (!ImGui::BeginTable("documents", 3, ImGuiTableFlags_RowBg | ImGuiTableFlags_BordersInnerH))
    return;
  ImGui::TableSetupColumn("Document", ImGuiTableColumnFlags_WidthStretch, 2.0f);
  ImGui::TableSetupColumn("Ingevuld", ImGuiTableColumnFlags_WidthStretch, 1.2f);
  ImGui::TableSetupColumn("Uitkomst", ImGuiTableColumnFlags_WidthStretch, 2.0f);
  ImGui::TableHeadersRow();
  for (const auto& d : t.documents) {
    ImGui::TableNextRow();
    ImGui::TableNextColumn();
    text(label_of(d.id));
    ImGui::TableNextColumn();
    const int filled = filled_rows(d);
    text_coloured(
        filled == 0 ? colours::muted : ImGui::GetStyleColorVec4(ImGuiCol_Text),
        std::to_string(filled) + " van " + std::to_string(onderdeel_count) + " onderdelen");
    ImGui::TableNextColumn();
    if (kind_of(d.id) == document_kind::signalering) {
      const auto ratings = ratings_of(d);
      const score s = compute_score(ratings);
      if (s.rated == 0) {
        text_coloured(colours::muted, "nog geen scores");
      } else if (s.complete() && s.final_phase) {
        text(c.total_label + ": " + std::to_string(s.total) + " – " + band_of(*s.final_phase).name);
      } else {
        text("voorlopig " + std::to_string(s.total) + ", nog " + std::to_string(s.missing) +
             " te scoren");
      }
    }
  }
  ImGui::EndTable();
}

}  // namespace jos::client
