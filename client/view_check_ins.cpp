#include "client/view_check_ins.hpp"

#include <imgui_stdlib.h>

#include "client/core/client_core.hpp"
#include "shared/calendar.hpp"
#include "shared/check_ins.hpp"
#include "shared/minutes.hpp"

namespace jos::client {

using namespace shared;

void view_check_ins::draw(ui_context& ui, const client_core& core) {
  const trajectory& t = core.state();
  const auto coming = check_in_period(t);
  if (!coming || !core.is_coordinator()) return;
  const meeting& next = t.meetings[static_cast<std::size_t>(*coming)];
  const meeting_template& tpl = template_of(next);
  ImGui::PushID("check-ins");
  text_in(ui.font.bold, "Tussentijds contact met de actiehouders");
  text_coloured(colours::muted, tpl.tussentijds);

  const auto owners = check_ins_by_owner(t);
  if (owners.empty())
    text_coloured(colours::muted, "Er zijn geen acties meer die nog uitgevoerd moeten worden.");
  for (const auto& o : owners) {
    ImGui::PushID(static_cast<int>(o.owner));
    ImGui::Spacing();
    text_in(ui.font.bold, name_or_dash(t, o.owner), false);
    mark(ui, "checkin/" + std::to_string(o.owner) + "/name");
    ImGui::SameLine();
    if (o.last == nullptr) {
      text_coloured(colours::attention, "nog geen contact");
    } else {
      text_coloured(o.last->going ? colours::ok : colours::warning,
                    std::string(o.last->going ? "loopt" : "komt niet van de grond") +
                        (o.last->note.empty() ? "" : ": " + o.last->note));
    }
    for (int id : o.actions) {
      const action_item& a = t.actions[static_cast<std::size_t>(id - 1)];
      text_wrapped("• " + a.text + " (" + std::string(label_of(a.status)) +
                   (a.due.empty() ? "" : ", uiterlijk " + dutch_date(a.due)) + ")");
    }
    std::string& note = notes_[o.owner];
    ImGui::SetNextItemWidth(ui.px(300));
    ImGui::InputTextWithHint("##note", "Wat zei diegene?", &note);
    mark(ui, "checkin/" + std::to_string(o.owner) + "/note");
    ImGui::SameLine();
    if (ImGui::SmallButton("Loopt")) {
      ui.todo.submit(op::record_check_in{o.owner, true, note, 0});
      note.clear();
    }
    mark(ui, "checkin/" + std::to_string(o.owner) + "/going");
    ImGui::SameLine();
    if (ImGui::SmallButton("Komt niet van de grond")) {
      ui.todo.submit(op::record_check_in{o.owner, false, note, 0});
      note.clear();
    }
    mark(ui, "checkin/" + std::to_string(o.owner) + "/stuck");
    ImGui::PopID();
  }

  // The plan does not get going: the seed lets the coordinator meet earlier.
  const auto stuck = not_getting_going(t);
  if (!stuck.empty()) {
    ImGui::Spacing();
    std::string names;
    for (person_id id : stuck) names += (names.empty() ? "" : ", ") + name_or_dash(t, id);
    text_coloured(colours::warning,
                  "De uitvoering komt niet van de grond bij " + names + ". Overleg of de " +
                      tpl.name + " eerder moet dan gepland (" +
                      (next.planned_date.empty() ? std::string("nog geen datum")
                                                 : dutch_date(next.planned_date)) +
                      ").");
    mark(ui, "checkin/earlier-prompt");
    if (date_field(ui, "checkin/earlier", earlier_, next.planned_date, ui.px(130)) &&
        parse_date(earlier_))
      ui.todo.submit(op::schedule_meeting{*coming, earlier_, next.mode});
    ImGui::SameLine();
    text_coloured(colours::muted, "Nieuwe datum voor de " + tpl.name);
  }
  ImGui::PopID();
}

}  // namespace jos::client
