#include "client/view_overview.hpp"

#include <imgui_stdlib.h>

#include "client/core/client_core.hpp"
#include "shared/calendar.hpp"
#include "shared/content.hpp"
#include "shared/representation.hpp"
#include "shared/retention.hpp"
#include "shared/scoring.hpp"

namespace jos::client {
namespace {

using namespace shared;

void copy_field(ui_context& ui, const char* label, const std::string& value, const char* id) {
  ImGui::PushID(id);
  text(label);
  ImGui::SameLine(ui.px(190));
  // A value wider than the room shows its ends with "…" between them; the button copies it
  // whole, and hovering shows it whole.
  const float room = ImGui::GetContentRegionAvail().x - button_width("Kopiëren") -
                     ImGui::GetStyle().ItemSpacing.x - ui.px(30);
  ImGui::PushFont(ui.font.large);
  text(elided(value, room));
  ImGui::PopFont();
  if (ImGui::IsItemHovered()) ImGui::SetTooltip("%s", value.c_str());
  ImGui::SameLine();
  if (ImGui::SmallButton("Kopiëren")) ImGui::SetClipboardText(value.c_str());
  mark(ui, std::string("overview/copy-") + id);
  ImGui::PopID();
}

// "vandaag", "morgen", "over 5 dagen", "3 dagen geleden".
std::string days_until(std::string_view date, std::string_view today) {
  const auto d = parse_date(date);
  const auto now = parse_date(today);
  if (!d || !now) return {};
  const long days = *d - *now;
  if (days == 0) return "vandaag";
  if (days == 1) return "morgen";
  if (days > 1) return "over " + std::to_string(days) + " dagen";
  return std::to_string(-days) + (days == -1 ? " dag geleden" : " dagen geleden");
}

// The meeting whose documents are the ones to send now: the one in progress, else the last
// one finished, else the first.
int meeting_to_send(const trajectory& t) {
  if (t.active_meeting >= 0) return t.active_meeting;
  int last = 0;
  for (int i = 0; i < static_cast<int>(t.meetings.size()); ++i)
    if (t.meetings[static_cast<std::size_t>(i)].status == meeting_status::afgerond) last = i;
  return last;
}

}  // namespace

void view_overview::draw(ui_context& ui, const client_core& core) {
  const trajectory& t = core.state();
  const auto& c = leerlijn();

  heading(ui, t.partners.school + " × " + t.partners.youth_organisation);
  text_coloured(colours::muted, c.wording(t.partners.kind).name + " · " + c.title);
  if (ui.finished_meeting >= 0 && ui.finished_meeting < static_cast<int>(t.meetings.size()) &&
      t.active_meeting < 0) {
    const auto& done = t.meetings[static_cast<std::size_t>(ui.finished_meeting)];
    text_coloured(colours::ok, "De " + template_of(done).name +
                                   " is afgerond. Hieronder wat er nu komt: de volgende "
                                   "bijeenkomst en de open acties.");
    mark(ui, "overview/finished");
  }
  ImGui::Spacing();
  draw_codes(ui, core);
  draw_retention(ui, core);
  draw_next(ui, core);

  if (ImGui::CollapsingHeader("Acties tussen de bijeenkomsten", ImGuiTreeNodeFlags_DefaultOpen)) {
    check_ins_.draw(ui, core);
    actions_.draw_open(ui, core);
  }
  if (ImGui::CollapsingHeader("Bijeenkomsten", ImGuiTreeNodeFlags_DefaultOpen))
    schedule_.draw(ui, core);
  if (ImGui::CollapsingHeader("Documenten", ImGuiTreeNodeFlags_DefaultOpen))
    draw_documents(ui, core);
  if (ImGui::CollapsingHeader("Partnerschap en randvoorwaarden", ImGuiTreeNodeFlags_DefaultOpen))
    draw_partnership(ui, core);
  if (ImGui::CollapsingHeader("Team", ImGuiTreeNodeFlags_DefaultOpen)) team_.draw_team(ui, core);
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

void view_overview::draw_retention(ui_context& ui, const client_core& core) {
  const trajectory& t = core.state();
  const auto date = shared::erasure_warning(t, core.retention_months(), today_of(ui));
  if (!date) return;
  ImGui::Spacing();
  text_coloured(colours::warning,
                "Deze leerlijn wordt op " + long_dutch_date(*date) + " automatisch gewist.");
  mark(ui, "overview/retention");
  text_wrapped("De server bewaart een leerlijn " + std::to_string(core.retention_months()) +
               " maanden na de laatste bijeenkomst en wist hem dan helemaal (AVG). Sla vóór " +
               "die datum de documenten op die je wilt bewaren.");
  mark(ui, "overview/retention-note");
  if (ImGui::Button("Documenten opslaan…##retention")) ui.export_request = meeting_to_send(t);
  mark(ui, "overview/retention-export");
  ImGui::Spacing();
}

// The next meeting in a box: what, when, how; for the coordinator its preparation.
void view_overview::draw_next(ui_context& ui, const client_core& core) {
  const trajectory& t = core.state();
  const auto next = next_meeting(t);
  ImGui::Spacing();
  if (!next) {
    text_coloured(colours::ok, "Alle bijeenkomsten zijn afgerond.");
    ImGui::SameLine();
    if (ImGui::SmallButton("Vergelijking bekijken")) {
      ui.current = screen::documents;
      ui.shown = {true, document_id::signalering_eind};
    }
    mark(ui, "overview/comparison");
    return;
  }
  const meeting& m = t.meetings[static_cast<std::size_t>(*next)];
  const meeting_template& tpl = template_of(m);
  const bool running = m.status == meeting_status::bezig;
  text_coloured(running ? colours::ok : colours::muted,
                running ? "Nu bezig" : "Volgende bijeenkomst");
  ImGui::PushFont(ui.font.large);
  text_wrapped(std::to_string(*next + 1) + ". " + tpl.name);
  ImGui::PopFont();
  std::string when = when_of(m);
  if (const std::string until = days_until(m.planned_date, today_of(ui)); !until.empty())
    when += " · " + until;
  text(when);
  ImGui::SameLine(0, ui.px(20));
  if (ImGui::SmallButton(running ? "Naar de bijeenkomst" : "Agenda bekijken")) {
    ui.current = screen::meeting;
    ui.selected_meeting = *next;
  }
  if (!core.is_coordinator()) return;
  ImGui::SameLine(0, ui.px(20));
  const int shown =
      preparing_ >= 0 && preparing_ < static_cast<int>(t.meetings.size()) ? preparing_ : *next;
  // Open by itself when the meeting is close (two weeks) or still has no date.
  const auto date = parse_date(m.planned_date);
  const auto now = parse_date(today_of(ui));
  if (!running && (!date || (now && *date - *now <= 14)))
    ImGui::SetNextItemOpen(true, ImGuiCond_Once);
  const bool open =
      ImGui::TreeNodeEx("Voorbereiding", ImGuiTreeNodeFlags_NoTreePushOnOpen, "Voorbereiding");
  mark(ui, "overview/preparation");
  if (!open) return;
  ImGui::Indent();
  ImGui::SetNextItemWidth(ui.px(320));
  const std::string label = std::to_string(shown + 1) + ". " +
                            template_of(t.meetings[static_cast<std::size_t>(shown)]).name;
  if (ImGui::BeginCombo("##preparing", label.c_str())) {
    for (int i = 0; i < static_cast<int>(t.meetings.size()); ++i) {
      ImGui::PushID(i);
      const std::string option =
          std::to_string(i + 1) + ". " + template_of(t.meetings[static_cast<std::size_t>(i)]).name;
      if (ImGui::Selectable(option.c_str(), i == shown)) preparing_ = i;
      ImGui::PopID();
    }
    ImGui::EndCombo();
  }
  preparation_.draw(ui, core, shown);
  ImGui::Unindent();
  ImGui::Spacing();
}

void view_overview::draw_documents(ui_context& ui, const client_core& core) {
  const trajectory& t = core.state();
  const auto& c = leerlijn();
  if (!ImGui::BeginTable("documents", 4, ImGuiTableFlags_RowBg | ImGuiTableFlags_BordersInnerH))
    return;
  ImGui::TableSetupColumn("Document", ImGuiTableColumnFlags_WidthStretch, 2.0f);
  ImGui::TableSetupColumn("Ingevuld", ImGuiTableColumnFlags_WidthStretch, 1.2f);
  ImGui::TableSetupColumn("Uitkomst", ImGuiTableColumnFlags_WidthStretch, 2.2f);
  ImGui::TableSetupColumn("", ImGuiTableColumnFlags_WidthStretch, 0.8f);
  table_headers();
  for (const auto& d : t.documents) {
    ImGui::PushID(static_cast<int>(d.id));
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
    ImGui::TableNextColumn();
    if (ImGui::SmallButton("Bekijken")) {
      ui.current = screen::documents;
      ui.shown = {false, d.id};
    }
    ImGui::PopID();
  }
  // The comparison, once the second Signaleringsinstrument has scores.
  const auto& second = t.documents[static_cast<std::size_t>(document_id::signalering_eind)];
  const score after = compute_score(ratings_of(second));
  ImGui::TableNextRow();
  ImGui::TableNextColumn();
  text("Vergelijking begin en eind");
  ImGui::TableNextColumn();
  ImGui::TableNextColumn();
  if (after.rated == 0) {
    text_coloured(colours::muted, "na de eindevaluatie");
  } else {
    const score before = compute_score(
        ratings_of(t.documents[static_cast<std::size_t>(document_id::signalering_begin)]));
    text(std::to_string(before.total) + " → " + std::to_string(after.total));
  }
  ImGui::TableNextColumn();
  ImGui::BeginDisabled(after.rated == 0);
  if (ImGui::SmallButton("Bekijken##comparison")) {
    ui.current = screen::documents;
    ui.shown = {true, document_id::signalering_eind};
  }
  mark(ui, "overview/show-comparison");
  ImGui::EndDisabled();
  ImGui::EndTable();

  if (ImGui::Button("Documenten opslaan…")) ui.export_request = meeting_to_send(t);
  mark(ui, "overview/export");
  help_marker(
      "Alle documenten van een bijeenkomst in één keer naar een map: PDF, Markdown, CSV, de "
      "notulen en de planning (.ics), om aan iedereen te sturen.");
}

void view_overview::draw_partnership(ui_context& ui, const client_core& core) {
  const trajectory& t = core.state();
  const auto& c = leerlijn();
  const bool coordinator = core.is_coordinator();

  if (editing_partners_ && coordinator) {
    ImGui::PushItemWidth(ui.px(360));
    ImGui::InputText("School", &partners_.school);
    mark(ui, "partners/school");
    ImGui::InputText("Jongerenwerkorganisatie", &partners_.youth_organisation);
    ImGui::PopItemWidth();
    int kind = partners_.kind == cooperation::existing ? 0 : 1;
    ImGui::RadioButton("Bestaande samenwerking", &kind, 0);
    ImGui::SameLine();
    ImGui::RadioButton("Pas gestarte samenwerking", &kind, 1);
    mark(ui, "partners/fresh");
    partners_.kind = kind == 0 ? cooperation::existing : cooperation::fresh;
    if (partners_.kind != t.partners.kind)
      text_coloured(colours::attention, "De vraagstelling van elk instrument volgt deze keuze: " +
                                            c.wording(partners_.kind).focus + ".");
    if (ImGui::Button("Opslaan")) {
      ui.todo.submit(op::set_partnership{partners_});
      editing_partners_ = false;
    }
    mark(ui, "partners/save");
    ImGui::SameLine();
    if (ImGui::Button("Annuleren")) editing_partners_ = false;
  } else {
    text_wrapped("School: " + t.partners.school);
    text_wrapped("Jongerenwerkorganisatie: " + t.partners.youth_organisation);
    text_wrapped(c.wording(t.partners.kind).name + " – het Signaleringsinstrument dient om " +
                 c.wording(t.partners.kind).signalering_goal + ".");
    if (coordinator) {
      if (ImGui::SmallButton("Partnerschap wijzigen")) {
        editing_partners_ = true;
        partners_ = t.partners;
      }
      mark(ui, "partners/edit");
    }
  }

  ImGui::Spacing();
  text_in(ui.font.bold, "Randvoorwaarden");
  bool all = true;
  for (int i = 0; i < precondition_count && i < static_cast<int>(c.preconditions.size()); ++i) {
    ImGui::PushID(i);
    bool met = t.preconditions[static_cast<std::size_t>(i)];
    all = all && met;
    ImGui::BeginDisabled(!coordinator);
    if (ImGui::Checkbox("##met", &met)) ui.todo.submit(op::set_precondition{i, met});
    mark(ui, "precondition" + std::to_string(i));
    ImGui::EndDisabled();
    ImGui::SameLine();
    ImGui::BeginGroup();
    text_wrapped(c.preconditions[static_cast<std::size_t>(i)].label);
    if (!met) text_coloured(colours::attention, "nog niet voldaan");
    ImGui::EndGroup();
    ImGui::PopID();
  }
  if (all) {
    text_coloured(colours::ok, "Aan alle drie de randvoorwaarden is voldaan.");
  } else {
    text_coloured(
        colours::attention,
        "Let op: de leerlijn is van waarde als de randvoorwaardes voor samenwerking "
        "(draagvlak, financiering en facilitering jongerenwerk in/met school) al zijn "
        "gerealiseerd. In de Reader lees je hoe je ervoor kunt zorgen dat ze gerealiseerd "
        "worden.");
  }
}

}  // namespace jos::client
