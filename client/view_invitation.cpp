#include "client/view_invitation.hpp"

#include <imgui_stdlib.h>

#include "client/core/client_core.hpp"
#include "shared/calendar.hpp"
#include "shared/documents/builders.hpp"
#include "shared/documents/render.hpp"
#include "shared/rules.hpp"

namespace jos::client {
namespace {

using namespace shared;

// What the invitation still lacks, in the order the coordinator would add it.
std::string missing(const meeting& m) {
  if (m.planned_date.empty()) return "Spreek eerst een datum af.";
  if (m.start_time.empty()) return "Vul de begintijd in.";
  if (m.mode != meeting_mode::digitaal && m.place.empty()) return "Vul de plaats in.";
  if (m.mode != meeting_mode::fysiek && m.link.empty())
    return "Vul de link naar de bijeenkomst in.";
  return {};
}

}  // namespace

void view_invitation::draw(ui_context& ui, const client_core& core, int meeting_index) {
  const trajectory& t = core.state();
  if (meeting_index < 0 || meeting_index >= static_cast<int>(t.meetings.size())) return;
  const meeting& m = t.meetings[static_cast<std::size_t>(meeting_index)];
  ImGui::PushID("invitation");
  ImGui::PushID(meeting_index);
  text_in(ui.font.bold,
          "Uitnodiging voor " + std::to_string(meeting_index + 1) + ". " + template_of(m).name);

  if (core.is_coordinator()) {
    // The fields keep what the coordinator typed until the shared values change.
    draft& d = drafts_[meeting_index];
    if (d.seen_time != m.start_time || d.seen_place != m.place || d.seen_link != m.link) {
      d = {m.start_time, m.place, m.link, m.start_time, m.place, m.link};
    }
    ImGui::AlignTextToFramePadding();
    text("Begintijd");
    ImGui::SameLine(ui.px(90));
    ImGui::SetNextItemWidth(ui.px(70));
    ImGui::InputTextWithHint("##time", "uu:mm", &d.time, ImGuiInputTextFlags_CharsNoBlank);
    mark(ui, "invitation/time");
    if (m.mode != meeting_mode::digitaal) {
      ImGui::AlignTextToFramePadding();
      text("Plaats");
      ImGui::SameLine(ui.px(90));
      ImGui::SetNextItemWidth(-FLT_MIN);
      ImGui::InputTextWithHint("##place", "school, lokaal", &d.place);
      mark(ui, "invitation/place");
    }
    if (m.mode != meeting_mode::fysiek) {
      ImGui::AlignTextToFramePadding();
      text("Link");
      ImGui::SameLine(ui.px(90));
      ImGui::SetNextItemWidth(-FLT_MIN);
      ImGui::InputTextWithHint("##link", "https://…", &d.link, ImGuiInputTextFlags_CharsNoBlank);
      mark(ui, "invitation/link");
    }
    const op::set_meeting_details details{meeting_index, d.time, d.place, d.link};
    const auto problem = validate(t, details, actor{core.me(), false});
    const bool changed = d.time != m.start_time || d.place != m.place || d.link != m.link;
    ImGui::BeginDisabled(!changed || problem.has_value());
    if (ImGui::SmallButton("Tijd en plaats opslaan")) ui.todo.submit(details);
    mark(ui, "invitation/save");
    ImGui::EndDisabled();
    if (changed && problem) {
      ImGui::SameLine();
      text_coloured(colours::attention, problem->message);
    }
  }
  if (const std::string lacking = missing(m); !lacking.empty())
    text_coloured(colours::attention, lacking);

  const std::string letter = documents::to_text(documents::build_invitation(t, meeting_index));
  if (ImGui::TreeNode("Tekst van de uitnodiging")) {
    text_wrapped(letter);
    ImGui::TreePop();
  }
  if (ImGui::SmallButton("Tekst kopiëren")) ImGui::SetClipboardText(letter.c_str());
  mark(ui, "invitation/copy");
  if (core.is_coordinator()) {
    ImGui::SameLine();
    if (ImGui::SmallButton("Uitnodiging en bijlagen opslaan…"))
      ui.invitation_request = meeting_index;
    mark(ui, "invitation/export");
  }
  ImGui::PopID();
  ImGui::PopID();
}

}  // namespace jos::client
