#include "client/view_attendance.hpp"

#include "client/core/client_core.hpp"
#include "shared/representation.hpp"
#include "shared/rules.hpp"

namespace jos::client {
namespace {

using namespace shared;

constexpr attendance marks[] = {attendance::aanwezig, attendance::online, attendance::afgemeld};

const char* short_label(attendance a) {
  switch (a) {
    case attendance::aanwezig: return "In de zaal";
    case attendance::online: return "Online";
    case attendance::afgemeld: return "Afgemeld";
    case attendance::onbekend: break;
  }
  return "?";
}

ImVec4 colour_of(attendance a) {
  switch (a) {
    case attendance::aanwezig:
    case attendance::online: return colours::ok;
    case attendance::afgemeld: return colours::attention;
    case attendance::onbekend: break;
  }
  return colours::muted;
}

// One toggle per mark, beside the name where they fit, else below it; choosing the mark a
// person has clears it.
void mark_buttons(ui_context& ui, int meeting, person_id who, attendance current,
                  const std::string& name) {
  for (attendance a : marks) {
    next_in_row(button_width(short_label(a)));
    const bool on = current == a;
    if (on) ImGui::PushStyleColor(ImGuiCol_Button, colour_of(a));
    if (on) ImGui::PushStyleColor(ImGuiCol_Text, ImVec4(1, 1, 1, 1));
    if (ImGui::SmallButton(short_label(a)))
      ui.todo.submit(op::set_attendance{meeting, who, on ? attendance::onbekend : a});
    if (on) ImGui::PopStyleColor(2);
    mark(ui, name + "/" + std::string(name_of(a)));
  }
}

}  // namespace

void view_attendance::draw(ui_context& ui, const client_core& core, int meeting_index) {
  const trajectory& t = core.state();
  if (meeting_index < 0 || meeting_index >= static_cast<int>(t.meetings.size())) return;
  const live_session& s = t.meetings[static_cast<std::size_t>(meeting_index)].session;
  ImGui::PushID("attendance");
  text_in(ui.font.bold, "Aanwezig");
  text_coloured(colours::muted, std::to_string(s.present.size()) + " aanwezig (waarvan " +
                                    std::to_string(s.online.size()) + " online) · " +
                                    std::to_string(s.excused.size()) + " afgemeld");
  for (const auto& p : t.team) {
    ImGui::PushID(static_cast<int>(p.id));
    const attendance a = attendance_of(s, p.id);
    text_coloured(colour_of(a), a == attendance::onbekend ? "○" : "●");
    ImGui::SameLine();
    // A long name wraps, and what follows it goes below it when it does not fit beside it.
    ImGui::BeginGroup();
    const std::string name = "attendance/" + std::to_string(p.id);
    text_wrapped(p.name + " (" + std::string(label_of(p.org)) + ", " +
                 std::string(label_of(p.level)) + ")");
    mark(ui, name + "/name");
    if (core.is_online(p.id)) {
      next_in_row(ImGui::CalcTextSize("· in de app").x);
      text_coloured(colours::muted, "· in de app");
    }
    if (can_mark_attendance(t, core.me(), meeting_index, p.id)) {
      mark_buttons(ui, meeting_index, p.id, a, name);
    } else {
      const std::string_view label = label_of(a);
      next_in_row(ImGui::CalcTextSize(label.data(), label.data() + label.size()).x);
      text_coloured(colour_of(a), label);
    }
    ImGui::EndGroup();
    ImGui::PopID();
  }
  ImGui::Spacing();
  const auto gaps = meeting_representation_gaps(t, meeting_index);
  if (gaps.empty()) {
    text_coloured(colours::ok,
                  "✓ Uitvoerders én managers van school en jongerenwerk zijn aanwezig.");
  } else {
    for (const auto& g : gaps) text_coloured(colours::attention, g.message);
  }
  mark(ui, "attendance/gaps");
  ImGui::PopID();
}

void view_attendance::draw_self_prompt(ui_context& ui, const client_core& core, int meeting) {
  const trajectory& t = core.state();
  if (meeting < 0 || meeting >= static_cast<int>(t.meetings.size())) return;
  const auto& m = t.meetings[static_cast<std::size_t>(meeting)];
  if (m.status != meeting_status::bezig || find_person(t, core.me()) == nullptr) return;
  if (attendance_of(m.session, core.me()) != attendance::onbekend) return;
  ImGui::PushID("attendance-self");
  text_coloured(colours::attention, "Ben je bij de bijeenkomst?");
  ImGui::SameLine();
  if (ImGui::SmallButton("Ik ben er, online"))
    ui.todo.submit(op::set_attendance{meeting, core.me(), attendance::online});
  mark(ui, "attendance/self/online");
  ImGui::SameLine();
  if (ImGui::SmallButton("Ik zit in de zaal"))
    ui.todo.submit(op::set_attendance{meeting, core.me(), attendance::aanwezig});
  mark(ui, "attendance/self/aanwezig");
  ImGui::PopID();
}

}  // namespace jos::client
