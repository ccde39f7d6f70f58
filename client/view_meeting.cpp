#include "client/view_meeting.hpp"

#include "client/agenda_clock.hpp"
#include "client/core/client_core.hpp"
#include "client/meeting_start.hpp"
#include "client/view_schedule.hpp"
#include "shared/rules.hpp"

namespace jos::client {
namespace {

using namespace shared;

// Minutes planned for an item (as the seed gives them) plus what the coordinator added.
std::int64_t planned_ms(const agenda_item_template& item, int extra_minutes) {
  return (static_cast<std::int64_t>(item.minutes) + extra_minutes) * 60'000;
}

bool is_pause(const agenda_item_template& item) {
  return item.pause_minutes > 0 && item.pause_minutes >= item.minutes;
}

// Who held `role` in the latest earlier meeting that had one, if still in the team.
person_id previous_holder(const trajectory& t, int meeting_index, meeting_role role) {
  for (int i = meeting_index - 1; i >= 0; --i) {
    const auto& s = t.meetings[static_cast<std::size_t>(i)].session;
    const person_id id = role == meeting_role::notulist ? s.notulist : s.invuller;
    if (id != no_person) return find_person(t, id) != nullptr ? id : no_person;
  }
  return no_person;
}

}  // namespace

int view_meeting::shown_item(const client_core& core, int meeting_index) const {
  const meeting& m = core.state().meetings[static_cast<std::size_t>(meeting_index)];
  if (auto it = browsing_.find(meeting_index); it != browsing_.end()) return it->second;
  return m.status == meeting_status::bezig ? m.session.agenda_index : 0;
}

void view_meeting::draw(ui_context& ui, const client_core& core) {
  const trajectory& t = core.state();
  const int index = ui.selected_meeting >= 0 ? ui.selected_meeting : t.active_meeting;
  if (index < 0 || index >= static_cast<int>(t.meetings.size())) return draw_choice(ui, core);
  const auto& tpl = template_of(t.meetings[static_cast<std::size_t>(index)]);
  const int item = std::clamp(shown_item(core, index), 0, static_cast<int>(tpl.agenda.size()) - 1);

  if (core.is_coordinator()) lead_by_keys(ui, core, index);
  // On the beamer: the meeting's own item and its form, nothing beside or below them.
  const bool presenting = ui.presenting;
  if (presenting) browsing_.erase(index);
  if (!presenting) {
    // The agenda takes about a quarter of the width, within bounds that keep its buttons.
    const float sidebar =
        std::clamp(ImGui::GetContentRegionAvail().x * 0.27f, ui.px(250), ui.px(320));
    ImGui::BeginChild("agenda", ImVec2(sidebar, 0), true);
    draw_agenda(ui, core, index);
    ImGui::EndChild();
    ImGui::SameLine();
  }

  ImGui::BeginGroup();
  const float available = ImGui::GetContentRegionAvail().y;
  const float minutes_height = std::max(ui.px(130), available * 0.24f);
  ImGui::BeginChild(
      "document",
      ImVec2(0, presenting ? 0.0f : available - minutes_height - ImGui::GetStyle().ItemSpacing.y),
      true);
  if (presenting) draw_presenting(ui, core, index);
  const auto& agenda_item = tpl.agenda[static_cast<std::size_t>(item)];
  view_reactions::draw_highlight(ui, core, index);
  draw_private_look(ui, core, index);
  if (!presenting) attendance_.draw_self_prompt(ui, core, index);
  text_in(ui.font.heading, std::to_string(item + 1) + ". " + agenda_item.title);
  // Votes are on the ratings of a Signaleringsinstrument being filled in.
  const bool rates = agenda_item.shows == agenda_screen::fill && agenda_item.form &&
                     kind_of(*agenda_item.form) == document_kind::signalering;
  vote_.draw(ui, core, index, rates ? agenda_item.form : std::nullopt);
  document_.draw(ui, core, index, agenda_item);
  ImGui::EndChild();
  if (!presenting) {
    ImGui::BeginChild("minutes", ImVec2(0, 0), true);
    draw_talk(ui, core, index, item);
    ImGui::EndChild();
  }
  ImGui::EndGroup();
}

void view_meeting::draw_choice(ui_context& ui, const client_core& core) {
  const trajectory& t = core.state();
  heading(ui, "Geen bijeenkomst bezig");
  // What comes next, as the overview says it too.
  if (const auto next = next_meeting(t)) {
    const meeting& m = t.meetings[static_cast<std::size_t>(*next)];
    text_in(ui.font.bold, "Volgende bijeenkomst: " + std::to_string(*next + 1) + ". " +
                              template_of(m).name + ", " + when_of(m));
    mark(ui, "choice/next");
  }
  text_wrapped(
      "Kies een bijeenkomst om te bekijken. De coördinator start de bijeenkomst; dan "
      "volgt iedereen de agenda vanzelf.");
  for (int i = 0; i < static_cast<int>(t.meetings.size()); ++i) {
    const meeting& m = t.meetings[static_cast<std::size_t>(i)];
    ImGui::PushID(i);
    const std::string label = std::to_string(i + 1) + ". " + template_of(m).name + " (" +
                              std::string(label_of(m.status)) + ")";
    if (ImGui::Button(label.c_str())) ui.selected_meeting = i;
    if (core.is_coordinator() && t.active_meeting < 0 && m.status != meeting_status::bezig) {
      ImGui::SameLine();
      start_button(ui, core, i, "Starten", "choice/start" + std::to_string(i), false);
    }
    ImGui::PopID();
  }
}

void view_meeting::draw_agenda(ui_context& ui, const client_core& core, int meeting_index) {
  const trajectory& t = core.state();
  const meeting& m = t.meetings[static_cast<std::size_t>(meeting_index)];
  const auto& tpl = template_of(m);
  const bool running = m.status == meeting_status::bezig;
  const int current = m.session.agenda_index;
  const int shown = shown_item(core, meeting_index);

  text_in(ui.font.bold, std::to_string(meeting_index + 1) + ". " + tpl.name);
  std::string when = m.planned_date.empty() ? "datum nog niet gepland" : dutch_date(m.planned_date);
  text_coloured(colours::muted, when + " · " + std::string(label_of(m.mode)) + " · " +
                                    std::string(label_of(m.status)));
  if (t.active_meeting >= 0 && t.active_meeting != meeting_index) {
    if (ImGui::Button("Naar de bijeenkomst die nu bezig is")) {
      ui.selected_meeting = t.active_meeting;
    }
  }
  ImGui::Separator();
  if (core.is_coordinator()) draw_controls(ui, core, meeting_index);
  draw_roles(ui, core, meeting_index);
  ImGui::Separator();

  // The timer of the current item: time used against time planned in one format, what is
  // left, and overtime in red.
  if (running) {
    const auto& item = tpl.agenda[static_cast<std::size_t>(current)];
    const agenda_clock clock = clock_of(m.session.timer.elapsed_at(core.server_now_ms()),
                                        planned_ms(item, m.session.timer.extra_minutes));
    ImGui::PushFont(ui.font.large);
    text(clock.used_of_planned);
    mark(ui, "meeting/clock");
    ImGui::PopFont();
    ImGui::PushStyleColor(ImGuiCol_PlotHistogram, clock.over ? colours::warning : colours::accent);
    ImGui::ProgressBar(clock.share, ImVec2(-FLT_MIN, ui.px(8)), "");
    ImGui::PopStyleColor();
    ImGui::PushFont(ui.font.bold);
    text_coloured(clock.over ? colours::warning : ImGui::GetStyleColorVec4(ImGuiCol_Text),
                  clock.left);
    mark(ui, "meeting/left");
    ImGui::PopFont();
    std::string state = m.session.timer.running ? "De tijd loopt" : "De tijd staat stil";
    if (m.session.timer.extra_minutes > 0)
      state += " · verlengd met " + std::to_string(m.session.timer.extra_minutes) + " min";
    text_coloured(colours::muted, state);
    ImGui::Separator();
  }

  text_in(ui.font.bold, "Agenda");
  for (int i = 0; i < static_cast<int>(tpl.agenda.size()); ++i) {
    const auto& item = tpl.agenda[static_cast<std::size_t>(i)];
    ImGui::PushID(i);
    const bool is_current = running && i == current;
    const bool private_look = running && i == shown && !is_current;
    std::string label = (is_current ? "▶ " : "   ") + std::to_string(i + 1) + ". " + item.title;
    if (private_look) label += " (alleen jij)";
    std::string minutes = std::to_string(item.minutes) + " min";
    if (item.pause_minutes > 0 && !is_pause(item))
      minutes += " (incl. " + std::to_string(item.pause_minutes) + " pauze)";
    if (is_current) ImGui::PushFont(ui.font.bold);
    if (is_pause(item)) ImGui::PushStyleColor(ImGuiCol_Text, colours::muted);
    // A selectable as tall as the wrapped title plus its minutes, with the text on top.
    const float width = ImGui::GetContentRegionAvail().x;
    const ImVec2 start = ImGui::GetCursorPos();
    const float title_height = ImGui::CalcTextSize(label.c_str(), nullptr, false, width).y;
    const float height = title_height + ImGui::GetTextLineHeightWithSpacing();
    if (ImGui::Selectable("##item", i == shown, ImGuiSelectableFlags_AllowItemOverlap,
                          ImVec2(0, height))) {
      if (running && i == current) {
        browsing_.erase(meeting_index);
      } else {
        browsing_[meeting_index] = i;
      }
    }
    mark(ui, "agenda/" + std::to_string(i));
    const ImVec2 after = ImGui::GetCursorPos();
    ImGui::SetCursorPos(start);
    ImGui::PushTextWrapPos(start.x + width);
    text_wrapped(label);
    text_coloured(colours::muted, "      " + minutes + (is_pause(item) ? " · pauze" : ""));
    ImGui::PopTextWrapPos();
    ImGui::SetCursorPos(after);
    if (is_pause(item)) ImGui::PopStyleColor();
    if (is_current) ImGui::PopFont();
    ImGui::PopID();
  }

  if (running && shown != current) {
    ImGui::Spacing();
    text_coloured(colours::attention, "Je kijkt zelf bij punt " + std::to_string(shown + 1) +
                                          "; de anderen zien punt " + std::to_string(current + 1) +
                                          ".");
  }
}

void view_meeting::draw_controls(ui_context& ui, const client_core& core, int meeting_index) {
  const trajectory& t = core.state();
  const meeting& m = t.meetings[static_cast<std::size_t>(meeting_index)];
  const auto& tpl = template_of(m);
  if (m.status != meeting_status::bezig) {
    ImGui::BeginDisabled(t.active_meeting >= 0);
    start_button(ui, core, meeting_index, "Bijeenkomst starten", "meeting/start", false, -FLT_MIN);
    ImGui::EndDisabled();
    if (t.active_meeting >= 0)
      text_coloured(colours::muted, "Er is al een andere bijeenkomst bezig.");
    return;
  }
  const int current = m.session.agenda_index;
  const float half = (ImGui::GetContentRegionAvail().x - ImGui::GetStyle().ItemSpacing.x) * 0.5f;
  // Moving the meeting is this pair (and PgUp / PgDn): everyone goes along.
  ImGui::BeginDisabled(current <= 0);
  if (ImGui::Button("◀ Vorige", ImVec2(half, 0))) move_everyone(ui, meeting_index, current - 1);
  mark(ui, "meeting/previous");
  if (ImGui::IsItemHovered(ImGuiHoveredFlags_AllowWhenDisabled))
    ImGui::SetTooltip("Iedereen naar het vorige agendapunt (PgUp)");
  ImGui::EndDisabled();
  ImGui::SameLine();
  ImGui::BeginDisabled(current + 1 >= static_cast<int>(tpl.agenda.size()));
  if (ImGui::Button("Volgende ▶", ImVec2(half, 0))) move_everyone(ui, meeting_index, current + 1);
  mark(ui, "meeting/next");
  if (ImGui::IsItemHovered(ImGuiHoveredFlags_AllowWhenDisabled))
    ImGui::SetTooltip("Iedereen naar het volgende agendapunt (PgDn)");
  ImGui::EndDisabled();
  text_coloured(colours::muted, "Iedereen gaat mee · PgDn / PgUp");
  const float third =
      (ImGui::GetContentRegionAvail().x - 2 * ImGui::GetStyle().ItemSpacing.x) / 3.0f;
  if (m.session.timer.running) {
    if (ImGui::Button("Pauze", ImVec2(third, 0)))
      ui.todo.submit(op::control_timer{meeting_index, timer_action::pause, 0, 0});
  } else if (ImGui::Button("Start tijd", ImVec2(third, 0))) {
    ui.todo.submit(op::control_timer{meeting_index, timer_action::start, 0, 0});
  }
  mark(ui, "meeting/timer");
  ImGui::SameLine();
  if (ImGui::Button("+5 min", ImVec2(third, 0)))
    ui.todo.submit(op::control_timer{meeting_index, timer_action::extend, 5, 0});
  mark(ui, "meeting/extend");
  ImGui::SameLine();
  if (ImGui::Button("Afronden", ImVec2(third, 0))) confirm_end_ = true;
  if (confirm_end_) {
    text_coloured(colours::attention, "De bijeenkomst afronden?");
    if (ImGui::Button("Ja, afronden")) {
      ui.todo.submit(op::end_meeting{meeting_index, 0});
      confirm_end_ = false;
    }
    ImGui::SameLine();
    if (ImGui::Button("Nee")) confirm_end_ = false;
  }
}

// Above the item on the beamer: which meeting, how far along, and the time.
void view_meeting::draw_presenting(ui_context& ui, const client_core& core, int meeting_index) {
  const meeting& m = core.state().meetings[static_cast<std::size_t>(meeting_index)];
  const auto& tpl = template_of(m);
  std::string line = std::to_string(meeting_index + 1) + ". " + tpl.name;
  if (m.status == meeting_status::bezig) {
    const auto& item = tpl.agenda[static_cast<std::size_t>(m.session.agenda_index)];
    const agenda_clock clock = clock_of(m.session.timer.elapsed_at(core.server_now_ms()),
                                        planned_ms(item, m.session.timer.extra_minutes));
    line += " · punt " + std::to_string(m.session.agenda_index + 1) + " van " +
            std::to_string(tpl.agenda.size()) + " · " + clock.left;
  }
  text_coloured(colours::muted, line);
  mark(ui, "present/where");
}

void view_meeting::move_everyone(ui_context& ui, int meeting_index, int item) {
  ui.todo.submit(op::goto_agenda_item{meeting_index, item, 0});
  browsing_.erase(meeting_index);
}

// A presenter's clicker sends Page Down / Page Up: the coordinator moves the meeting with it
// (or the keyboard) as long as no text field has the keys.
void view_meeting::lead_by_keys(ui_context& ui, const client_core& core, int meeting_index) {
  const meeting& m = core.state().meetings[static_cast<std::size_t>(meeting_index)];
  if (m.status != meeting_status::bezig || ImGui::GetIO().WantTextInput ||
      ImGui::IsPopupOpen(nullptr, ImGuiPopupFlags_AnyPopupId))
    return;
  const int current = m.session.agenda_index;
  const int last = static_cast<int>(template_of(m).agenda.size()) - 1;
  if (ImGui::IsKeyPressed(ImGui::GetKeyIndex(ImGuiKey_PageDown), false) && current < last)
    move_everyone(ui, meeting_index, current + 1);
  if (ImGui::IsKeyPressed(ImGui::GetKeyIndex(ImGuiKey_PageUp), false) && current > 0)
    move_everyone(ui, meeting_index, current - 1);
}

// Looking at another agenda item than the meeting's is private, and shows it: a band above
// the item says so, with the way back (and for the coordinator, the way to take everyone).
void view_meeting::draw_private_look(ui_context& ui, const client_core& core, int meeting_index) {
  const meeting& m = core.state().meetings[static_cast<std::size_t>(meeting_index)];
  const int shown = shown_item(core, meeting_index);
  const int current = m.session.agenda_index;
  if (m.status != meeting_status::bezig || shown == current) return;
  const auto& agenda = template_of(m).agenda;
  begin_band(ui);
  ImGui::PushFont(ui.font.bold);
  text_coloured(colours::attention, "Alleen jij kijkt hier. De bijeenkomst is bij punt " +
                                        std::to_string(current + 1) + ": " +
                                        agenda[static_cast<std::size_t>(current)].title);
  ImGui::PopFont();
  mark(ui, "lead/private");
  if (core.is_coordinator()) {
    if (ImGui::Button("Dit punt voor iedereen tonen")) move_everyone(ui, meeting_index, shown);
    mark(ui, "lead/show-all");
    ImGui::SameLine();
    const std::string back = "Terug naar punt " + std::to_string(current + 1);
    if (ImGui::Button(back.c_str())) browsing_.erase(meeting_index);
  } else if (ImGui::Button("Terug naar de bijeenkomst")) {
    browsing_.erase(meeting_index);
  }
  mark(ui, "meeting/follow");
  end_band(ui, ImVec4(1.0f, 0.95f, 0.85f, 1.0f), colours::attention);
  ImGui::Spacing();
}

void view_meeting::draw_roles(ui_context& ui, const client_core& core, int meeting_index) {
  const trajectory& t = core.state();
  const meeting& m = t.meetings[static_cast<std::size_t>(meeting_index)];
  const bool coordinator = core.is_coordinator();
  const std::pair<meeting_role, person_id> roles[] = {{meeting_role::notulist, m.session.notulist},
                                                      {meeting_role::invuller, m.session.invuller}};
  for (const auto& [role, holder] : roles) {
    const person* p = find_person(t, holder);
    const std::string name = p != nullptr ? p->name : "nog niemand";
    const std::string label(label_of(role));
    if (!coordinator) {
      text(std::string(label).append(": ").append(name));
      continue;
    }
    ImGui::PushID(static_cast<int>(role));
    text(label);
    ImGui::SameLine(ui.px(90));
    ImGui::SetNextItemWidth(-FLT_MIN);
    const bool open = ImGui::BeginCombo("##who", name.c_str());
    mark(ui, "role/" + label);
    if (open) {
      if (ImGui::Selectable("nog niemand", holder == no_person))
        ui.todo.submit(op::assign_role{meeting_index, role, no_person});
      for (const auto& person : t.team) {
        ImGui::PushID(static_cast<int>(person.id));
        const std::string option = person.name + " (" + std::string(label_of(person.org)) + ")";
        if (ImGui::Selectable(option.c_str(), holder == person.id))
          ui.todo.submit(op::assign_role{meeting_index, role, person.id});
        mark(ui, "role/" + label + "/" + std::to_string(person.id));
        ImGui::PopID();
      }
      ImGui::EndCombo();
    }
    // Roles tend to stay with the same people: offer last time's.
    if (holder == no_person) {
      if (const person* before = find_person(t, previous_holder(t, meeting_index, role))) {
        ImGui::Indent(ui.px(90));
        const std::string again = before->name + " (vorige keer)";
        if (ImGui::SmallButton(again.c_str()))
          ui.todo.submit(op::assign_role{meeting_index, role, before->id});
        mark(ui, "role/" + label + "/previous");
        ImGui::Unindent(ui.px(90));
      }
    }
    ImGui::PopID();
  }
  draw_writers(ui, core, meeting_index);
}

void view_meeting::draw_talk(ui_context& ui, const client_core& core, int meeting_index, int item) {
  if (!ImGui::BeginTabBar("talk")) return;
  if (ImGui::BeginTabItem("Notulen")) {
    // The notulist's pane follows the agenda item shown.
    minutes_.draw(ui, core, meeting_index, item);
    ImGui::EndTabItem();
  }
  const std::string chat =
      "Chat (" + std::to_string(view_reactions::chat_count(core, meeting_index)) + ")###chat";
  const bool chat_open = ImGui::BeginTabItem(chat.c_str());
  mark(ui, "tab-chat");
  if (chat_open) {
    reactions_.draw_chat(ui, core, meeting_index);
    ImGui::EndTabItem();
  }
  const std::string threads = "Reacties per onderdeel (" +
                              std::to_string(view_reactions::thread_count(core, meeting_index)) +
                              ")###threads";
  if (ImGui::BeginTabItem(threads.c_str())) {
    reactions_.draw_threads(ui, core, meeting_index);
    ImGui::EndTabItem();
  }
  ImGui::EndTabBar();
}

void view_meeting::draw_writers(ui_context& ui, const client_core& core, int meeting_index) {
  const trajectory& t = core.state();
  const meeting& m = t.meetings[static_cast<std::size_t>(meeting_index)];
  const auto& writers = m.session.writers;
  if (!core.is_coordinator()) {
    std::string names;
    for (const auto id : writers)
      if (const person* p = find_person(t, id)) names += (names.empty() ? "" : ", ") + p->name;
    if (!names.empty()) text_wrapped("Schrijven ook mee: " + names);
    return;
  }
  // Small teams fill in together: the coordinator lets others write besides the invuller.
  const std::string label = "Meeschrijvers (" + std::to_string(writers.size()) + ")###writers";
  if (!ImGui::TreeNode(label.c_str())) return;
  for (const auto& p : t.team) {
    if (p.coordinator || p.id == m.session.invuller) continue;
    bool allowed = std::binary_search(writers.begin(), writers.end(), p.id);
    ImGui::PushID(static_cast<int>(p.id));
    if (ImGui::Checkbox(p.name.c_str(), &allowed))
      ui.todo.submit(op::set_writer{meeting_index, p.id, allowed});
    ImGui::PopID();
  }
  ImGui::TreePop();
}

}  // namespace jos::client
