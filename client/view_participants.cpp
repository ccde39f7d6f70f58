#include "client/view_participants.hpp"

#include <imgui_internal.h>
#include <imgui_stdlib.h>

#include <algorithm>

#include "client/core/client_core.hpp"
#include "client/view_export.hpp"
#include "shared/representation.hpp"
#include "shared/rules.hpp"

namespace jos::client {
namespace {

std::string trimmed(const std::string& s) {
  const auto first = s.find_first_not_of(" \t");
  if (first == std::string::npos) return {};
  return s.substr(first, s.find_last_not_of(" \t") - first + 1);
}

const char* const organisations[] = {"School", "Jongerenwerk"};
const char* const levels[] = {"Uitvoerder", "Manager"};

// What the check box above means, wrapped below its label (a label does not wrap).
void explain_check_box(std::string_view s) {
  const float label = ImGui::GetFrameHeight() + ImGui::GetStyle().ItemInnerSpacing.x;
  ImGui::Indent(label);
  text_wrapped(s);
  ImGui::Unindent(label);
}

}  // namespace

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

// The fields of one person, in the cells of the current table row; true when all are valid.
bool view_participants::draw_person_fields(ui_context& ui, shared::person& p, const char* id) {
  using namespace shared;
  ImGui::PushID(id);
  ImGui::TableNextColumn();
  ImGui::SetNextItemWidth(-FLT_MIN);
  ImGui::InputTextWithHint("##name", "Voor- en achternaam", &p.name);
  mark(ui, std::string(id) + "/name");
  ImGui::TableNextColumn();
  int org = static_cast<int>(p.org);
  ImGui::SetNextItemWidth(-FLT_MIN);
  if (ImGui::Combo("##org", &org, organisations, 2)) p.org = static_cast<organisation>(org);
  ImGui::TableNextColumn();
  ImGui::SetNextItemWidth(-FLT_MIN);
  ImGui::InputTextWithHint("##function",
                           p.org == organisation::school ? "docent, mentor, teamleider…"
                                                         : "jongerenwerker, coördinator…",
                           &p.function);
  mark(ui, std::string(id) + "/function");
  ImGui::TableNextColumn();
  int level = static_cast<int>(p.level);
  ImGui::SetNextItemWidth(-FLT_MIN);
  if (ImGui::Combo("##level", &level, levels, 2)) p.level = static_cast<staff_level>(level);
  mark(ui, std::string(id) + "/level");
  ImGui::PopID();
  return !trimmed(p.name).empty() && !trimmed(p.function).empty();
}

void view_participants::draw_person_row(ui_context& ui, const client_core& core,
                                        const shared::person& p) {
  using namespace shared;
  const trajectory& t = core.state();
  const bool coordinator = core.is_coordinator();
  const bool may_edit = coordinator || p.id == core.me();
  ImGui::PushID(static_cast<int>(p.id));
  ImGui::TableNextRow();
  if (editing_ == p.id) {
    const bool valid = draw_person_fields(ui, draft_, "edit");
    ImGui::TableNextColumn();
    text_coloured(colours::muted, p.coordinator ? "ja" : "nee");
    ImGui::TableNextColumn();
    ImGui::BeginDisabled(!valid);
    if (ImGui::SmallButton("Opslaan")) {
      person changed = draft_;
      changed.name = trimmed(changed.name);
      changed.function = trimmed(changed.function);
      ui.todo.submit(op::update_person{changed});
      editing_ = no_person;
    }
    mark(ui, "team/save");
    ImGui::EndDisabled();
    if (ImGui::SmallButton("Annuleren")) editing_ = no_person;
    mark(ui, "team/cancel-edit");
    ImGui::PopID();
    return;
  }
  ImGui::TableNextColumn();
  if (p.id == core.me()) ImGui::PushFont(ui.font.bold);
  text_wrapped(p.name + (p.id == core.me() ? " (jij)" : ""));
  if (p.id == core.me()) ImGui::PopFont();
  ImGui::TableNextColumn();
  text(label_of(p.org));
  ImGui::TableNextColumn();
  text_wrapped(p.function);
  ImGui::TableNextColumn();
  text(label_of(p.level));
  ImGui::TableNextColumn();
  if (coordinator) {
    bool is = p.coordinator;
    // At most two coordinators, and never none.
    const bool locked =
        (is && coordinator_count(t) <= 1) || (!is && coordinator_count(t) >= max_coordinators);
    ImGui::BeginDisabled(locked);
    if (ImGui::Checkbox("##coordinator", &is)) ui.todo.submit(op::set_coordinator{p.id, is});
    mark(ui, "team/coordinator" + std::to_string(p.id));
    ImGui::EndDisabled();
    if (locked && ImGui::IsItemHovered(ImGuiHoveredFlags_AllowWhenDisabled))
      ImGui::SetTooltip(is ? "De leerlijn heeft altijd een coördinator nodig."
                           : "Er kunnen hooguit twee coördinatoren zijn (één per organisatie).");
  } else {
    text_coloured(p.coordinator ? colours::accent : colours::muted, p.coordinator ? "ja" : "");
  }
  ImGui::TableNextColumn();
  if (may_edit && ImGui::SmallButton("Wijzigen")) {
    editing_ = p.id;
    draft_ = p;
  }
  if (may_edit) mark(ui, "team/edit" + std::to_string(p.id));
  // Their data under the AVG: one's own, or a coordinator anyone's (the server checks).
  if (p.id == core.me() || coordinator) {
    if (ImGui::SmallButton("Gegevens")) {
      exporting_ = p.id;
      exports_seen_ = core.exports_received();
      export_note_ = "Gegevens opvragen…";
      reveal_note_ = true;
      saved_ = false;
      ui.todo.act([id = p.id](client_core& c) { c.request_export(id); });
    }
    mark(ui, "team/export" + std::to_string(p.id));
  }
  // Anyone but oneself (another coordinator can), and never the last coordinator.
  if (coordinator && p.id != core.me() && !(p.coordinator && coordinator_count(t) <= 1)) {
    if (ImGui::SmallButton("Verwijderen")) {
      removing_ = p.id;
      renew_team_code_too_ = true;
      erase_too_ = false;
      open_dialog_ = true;
    }
    mark(ui, "team/remove" + std::to_string(p.id));
  }
  ImGui::PopID();
}

void view_participants::save_export(const client_core& core) {
  const auto& data = core.person_export();
  if (exporting_ == shared::no_person || core.exports_received() == exports_seen_ || !data ||
      data->person != exporting_)
    return;
  exporting_ = shared::no_person;
  const auto saved = save_person_export(core.state(), *data);
  if (!saved.ok()) {
    export_note_ = saved.error;
    reveal_note_ = true;
    return;
  }
  reveal_note_ = true;
  saved_ = true;
  export_note_ = saved.folder.empty() ? std::string("Opgeslagen in je map met downloads:")
                                      : "Opgeslagen in ‘" + saved.folder.string() + "’:";
  // A line each: Dear ImGui wraps at a full stop too, and would split a name at ".json".
  for (const auto& f : saved.files) export_note_ += "\n• " + f.name;
}

void view_participants::draw_access(ui_context& ui) {
  ImGui::Spacing();
  text_in(ui.font.bold, "Toegang");
  text_wrapped(
      "Is een code bij de verkeerde persoon terechtgekomen? Maak een nieuwe: de oude werkt "
      "daarna meteen niet meer. Wie al meedoet, merkt er niets van. De codes zelf staan "
      "bovenaan het overzicht.");
  if (ImGui::SmallButton("Nieuwe teamcode")) {
    renewing_ = protocol::access_code::team;
    open_dialog_ = true;
  }
  mark(ui, "team/renew-team-code");
  ImGui::SameLine();
  if (ImGui::SmallButton("Nieuwe coördinatorcode")) {
    renewing_ = protocol::access_code::coordinator;
    open_dialog_ = true;
  }
  mark(ui, "team/renew-coordinator-code");
}

void view_participants::draw_removal_dialog(ui_context& ui, const client_core& core) {
  using namespace shared;
  const char* title = "Uit het team halen";
  if (open_dialog_ && removing_ != no_person) {
    ImGui::OpenPopup(title);
    open_dialog_ = false;
  }
  ImGui::SetNextWindowSize(ImVec2(dialog_width(ui, 520), 0));
  if (!ImGui::BeginPopupModal(title, nullptr, ImGuiWindowFlags_NoResize)) return;
  const person* p = find_person(core.state(), removing_);
  if (p == nullptr) {  // meanwhile gone (another coordinator was quicker)
    removing_ = no_person;
    ImGui::CloseCurrentPopup();
    ImGui::EndPopup();
    return;
  }
  text_wrapped(p->name + " kan daarna niet meer meedoen met deze leerlijn: de app van " + p->name +
               " gaat terug naar het startscherm. Wat " + p->name + " schreef, blijft staan " +
               (erase_too_ ? "als ‘" + std::string(erased_person_name) + "’."
                           : std::string("onder die naam.")));
  mark(ui, "team/remove-text");
  // A check box's label does not wrap: short labels, and what they mean below them.
  ImGui::Checkbox("Ook naam en functie wissen (AVG)", &erase_too_);
  mark(ui, "team/remove-erase");
  if (erase_too_) {
    explain_check_box("Overal, ook uit de geschiedenis op de server. Dit kan niet terug.");
    mark(ui, "team/remove-erase-note");
  }
  ImGui::Checkbox("Ook een nieuwe teamcode maken", &renew_team_code_too_);
  mark(ui, "team/remove-renew");
  explain_check_box("Dan werkt de oude teamcode niet meer. Wie al meedoet, merkt er niets van.");
  mark(ui, "team/remove-renew-note");
  ImGui::Spacing();
  if (ImGui::Button("Uit het team halen", ImVec2(ui.px(180), 0))) {
    if (erase_too_)
      ui.todo.submit(op::erase_person{removing_});
    else
      ui.todo.submit(op::remove_person{removing_});
    if (renew_team_code_too_)
      ui.todo.act([](client_core& c) { c.rotate_code(protocol::access_code::team); });
    removing_ = no_person;
    ImGui::CloseCurrentPopup();
  }
  mark(ui, "team/remove-confirm");
  ImGui::SameLine();
  if (ImGui::Button("Annuleren", ImVec2(ui.px(120), 0))) {
    removing_ = no_person;
    ImGui::CloseCurrentPopup();
  }
  mark(ui, "team/remove-cancel");
  ImGui::EndPopup();
}

void view_participants::draw_renewal_dialog(ui_context& ui, const client_core& core) {
  const char* title = "Nieuwe code maken";
  if (open_dialog_ && renewing_) {
    ImGui::OpenPopup(title);
    open_dialog_ = false;
  }
  ImGui::SetNextWindowSize(ImVec2(dialog_width(ui, 520), 0));
  if (!ImGui::BeginPopupModal(title, nullptr, ImGuiWindowFlags_NoResize)) return;
  const bool team = renewing_ == protocol::access_code::team;
  const auto id = core.identity();
  const std::string now = !id ? std::string{} : team ? id->join_code : id->coordinator_code;
  text_wrapped(std::string(team ? "De teamcode" : "De coördinatorcode") +
               (now.empty() ? "" : " " + now) +
               " werkt daarna niet meer. Geef de nieuwe code aan wie nog moet deelnemen" +
               (team ? "." : " als coördinator."));
  ImGui::Spacing();
  if (ImGui::Button("Nieuwe code maken", ImVec2(ui.px(180), 0))) {
    const protocol::access_code which = *renewing_;
    ui.todo.act([which](client_core& c) { c.rotate_code(which); });
    renewing_.reset();
    ImGui::CloseCurrentPopup();
  }
  mark(ui, "team/renew-confirm");
  ImGui::SameLine();
  if (ImGui::Button("Annuleren", ImVec2(ui.px(120), 0))) {
    renewing_.reset();
    ImGui::CloseCurrentPopup();
  }
  ImGui::EndPopup();
}

void view_participants::draw_team(ui_context& ui, const client_core& core) {
  using namespace shared;
  const trajectory& t = core.state();
  const bool coordinator = core.is_coordinator();
  if (editing_ != no_person && find_person(t, editing_) == nullptr) editing_ = no_person;

  const ImGuiTableFlags flags =
      ImGuiTableFlags_RowBg | ImGuiTableFlags_BordersInnerH | ImGuiTableFlags_SizingStretchProp;
  if (ImGui::BeginTable("team", 6, flags)) {
    // The check box and the buttons (one below the other) get what they need; the rest share.
    ImGui::TableSetupColumn("Naam", ImGuiTableColumnFlags_WidthStretch, 2.0f);
    ImGui::TableSetupColumn("Organisatie", ImGuiTableColumnFlags_WidthStretch, 1.3f);
    ImGui::TableSetupColumn("Functie", ImGuiTableColumnFlags_WidthStretch, 2.0f);
    ImGui::TableSetupColumn("Uitvoerder of manager", ImGuiTableColumnFlags_WidthStretch, 1.3f);
    ImGui::TableSetupColumn(
        "Coördinator", ImGuiTableColumnFlags_WidthFixed,
        std::max(ImGui::CalcTextSize("Coördinator").x, ImGui::GetFrameHeight()));
    ImGui::TableSetupColumn(
        "", ImGuiTableColumnFlags_WidthFixed,
        std::max({button_width("Toevoegen"), button_width("Annuleren"), button_width("Wijzigen"),
                  button_width("Opslaan"), button_width("Verwijderen")}));
    table_headers();
    for (const auto& p : t.team) draw_person_row(ui, core, p);
    if (coordinator && adding_) {
      ImGui::TableNextRow();
      const bool valid = draw_person_fields(ui, new_, "new");
      ImGui::TableNextColumn();
      ImGui::TableNextColumn();
      ImGui::BeginDisabled(!valid);
      if (ImGui::SmallButton("Toevoegen")) {
        person p = new_;
        p.id = t.next_person_id;
        p.name = trimmed(p.name);
        p.function = trimmed(p.function);
        p.coordinator = false;
        ui.todo.submit(op::add_person{p});
        new_ = person{};
        adding_ = false;
      }
      mark(ui, "team/add");
      ImGui::EndDisabled();
      if (ImGui::SmallButton("Annuleren")) adding_ = false;
      mark(ui, "team/cancel-new");
    }
    ImGui::EndTable();
  }
  if (coordinator && !adding_) {
    if (ImGui::SmallButton("Teamlid toevoegen")) adding_ = true;
    mark(ui, "team/new");
    help_marker(
        "Voor wie (nog) niet zelf met de app meedoet, zodat je diegene acties kunt geven en "
        "ziet wie er vertegenwoordigd is. Wie zelf meedoet, neemt deel met de teamcode.");
  }

  representation_status(t,
                        "Uitvoerders én managers van school en jongerenwerk zijn vertegenwoordigd.",
                        "Voor de signaleringsbijeenkomst ontbreekt nog:");
  save_export(core);
  if (!export_note_.empty()) {
    text_wrapped(export_note_);
    mark(ui, "team/export-note");
    if (saved_) mark(ui, "team/export-saved");
    // Below the table, the note may lie out of sight of the button that asked for it.
    if (reveal_note_) ImGui::ScrollToItem(ImGuiScrollFlags_KeepVisibleEdgeY);
    reveal_note_ = false;
  }
  if (coordinator) {
    draw_access(ui);
    draw_removal_dialog(ui, core);
    draw_renewal_dialog(ui, core);
  }
}

}  // namespace jos::client
