#include "client/view_schedule.hpp"

#include <imgui_internal.h>
#include <imgui_stdlib.h>
#include <cctype>

#include "client/core/client_core.hpp"
#include "client/meeting_start.hpp"
#include "shared/calendar.hpp"
#include "shared/content.hpp"
#include "shared/rules.hpp"

namespace jos::client {
namespace {

using namespace shared;

const char* const mode_names[] = {"Fysiek", "Digitaal", "Hybride"};

std::string hours(int minutes) {
  std::string out = std::to_string(minutes / 60);
  if (minutes % 60 != 0) out += "," + std::to_string(minutes % 60 * 10 / 60);
  return out + " uur";
}

// "twee weken", "10 dagen": a span of days as the seed words it.
std::string days_in_words(int days) {
  static const char* const weeks[] = {"een week", "twee weken", "drie weken", "vier weken"};
  if (days % 7 == 0 && days / 7 >= 1 && days / 7 <= 4) return weeks[days / 7 - 1];
  return std::to_string(days) + (days == 1 ? " dag" : " dagen");
}

// What the seed's planning asks of this meeting's date, as a note; empty when all is well.
std::string date_note(const trajectory& t, int i, const std::string& today) {
  const meeting& m = t.meetings[static_cast<std::size_t>(i)];
  const auto date = parse_date(m.planned_date);
  if (!date) return {};
  if (m.status == meeting_status::gepland) {
    if (const auto now = parse_date(today); now && *date < *now) return "Deze datum is voorbij.";
  }
  if (i == 0) return {};
  const auto previous = parse_date(t.meetings[static_cast<std::size_t>(i - 1)].planned_date);
  if (previous && *date <= *previous) return "Ligt niet na de vorige bijeenkomst.";
  // The content says how soon after the meeting before the seed plans this one.
  const int within = template_of(m).within_days;
  if (within > 0 && previous && *date - *previous > within) {
    const std::string span = days_in_words(within);
    std::string before = template_of(t.meetings[static_cast<std::size_t>(i - 1)]).name;
    if (!before.empty()) before[0] = static_cast<char>(std::tolower(before[0]));
    return "Meer dan " + span + " na de " + before + "; de leerlijn raadt binnen " + span + " aan.";
  }
  return {};
}

// "week 3" counted from the first meeting, with the seed's week when they differ.
std::string week_note(const trajectory& t, int i) {
  const meeting& m = t.meetings[static_cast<std::size_t>(i)];
  const auto& tpl = template_of(m);
  const auto first = parse_date(t.meetings.front().planned_date);
  const auto date = parse_date(m.planned_date);
  if (!first || !date || i == 0) return tpl.week > 0 ? "week " + std::to_string(tpl.week) : "";
  const long week = (*date - *first) / 7 + 1;
  std::string out = "week " + std::to_string(week);
  if (tpl.week > 0 && week != tpl.week) out += " (leerlijn: week " + std::to_string(tpl.week) + ")";
  return out;
}

}  // namespace

std::optional<int> next_meeting(const trajectory& t) {
  for (int i = 0; i < static_cast<int>(t.meetings.size()); ++i)
    if (t.meetings[static_cast<std::size_t>(i)].status != meeting_status::afgerond) return i;
  return std::nullopt;
}

std::string when_of(const meeting& m) {
  return (m.planned_date.empty() ? std::string("datum nog niet afgesproken")
                                 : dutch_date(m.planned_date)) +
         " · " + std::string(label_of(m.mode));
}

void view_schedule::draw(ui_context& ui, const client_core& core) {
  const trajectory& t = core.state();
  const bool coordinator = core.is_coordinator();
  const std::string today = today_of(ui);

  // Planning from a start date: only while none of the four has begun.
  bool untouched = true;
  for (int i = 0; i < seed_meeting_count && i < static_cast<int>(t.meetings.size()); ++i)
    untouched =
        untouched && t.meetings[static_cast<std::size_t>(i)].status == meeting_status::gepland;
  if (coordinator && untouched) {
    const bool planned = !t.meetings.empty() && !t.meetings.back().planned_date.empty();
    if (start_.empty() && !t.meetings.empty() && ImGui::GetActiveID() != ImGui::GetID("##start"))
      start_ = t.meetings.front().planned_date;
    ImGui::AlignTextToFramePadding();
    text("Startdatum");
    ImGui::SameLine();
    ImGui::SetNextItemWidth(ui.px(130));
    ImGui::InputTextWithHint("##start", "jjjj-mm-dd", &start_, ImGuiInputTextFlags_CharsNoBlank);
    mark(ui, "schedule/start");
    ImGui::SameLine();
    const bool valid = parse_date(start_).has_value();
    ImGui::BeginDisabled(!valid);
    if (ImGui::Button(planned ? "Opnieuw plannen vanaf de startdatum"
                              : "Plan de vier bijeenkomsten (week 1, 3, 9 en 17)"))
      ui.todo.submit(op::plan_from_start{start_});
    mark(ui, "schedule/plan");
    ImGui::EndDisabled();
    if (planned && ImGui::IsItemHovered(ImGuiHoveredFlags_AllowWhenDisabled))
      ImGui::SetTooltip("Zet de datums van alle vier de bijeenkomsten opnieuw.");
    if (!start_.empty() && !valid) {
      text_coloured(colours::attention,
                    "Schrijf de startdatum als jjjj-mm-dd, bijvoorbeeld 2026-09-07.");
    } else if (valid) {
      text_coloured(colours::muted, "Signalering " + short_date(start_) + " · actieplan " +
                                        short_date(planned_date(start_, 1)) + " · terugkom " +
                                        short_date(planned_date(start_, 2)) + " · eindevaluatie " +
                                        short_date(planned_date(start_, 3)));
      // Before planning: which of the four dates would fall in a school holiday.
      for (int i = 0; i < seed_meeting_count; ++i)
        if (const std::string holiday =
                holiday_note(planned_date(start_, i),
                             "de " + leerlijn().meetings[static_cast<std::size_t>(i)].name);
            !holiday.empty()) {
          text_coloured(colours::attention, holiday);
          mark(ui, "plan/holiday" + std::to_string(i));
        }
    }
  }

  // The date, the form and the buttons get the width they need; the meeting takes the rest,
  // with its status under its name.
  const ImGuiStyle& style = ImGui::GetStyle();
  const float arrows = 2 * ImGui::GetFrameHeight() + 2 * style.ItemSpacing.x;
  const float date_width =
      std::max(coordinator ? ui.px(140) + arrows : 0.0f,
               ImGui::CalcTextSize("wo 30 september 2026").x + style.FramePadding.x);
  float mode_width = 0;
  for (const char* mode : mode_names)
    mode_width = std::max(mode_width, ImGui::CalcTextSize(mode).x);
  mode_width += ImGui::GetFrameHeight() + 2 * style.FramePadding.x + ui.px(4);
  const float button_column =
      std::max({button_width("Openen"), button_width("Starten"), button_width("Documenten…")});
  const ImGuiTableFlags flags =
      ImGuiTableFlags_RowBg | ImGuiTableFlags_BordersInnerH | ImGuiTableFlags_SizingStretchProp;
  if (!ImGui::BeginTable("meetings", 4, flags)) return;
  ImGui::TableSetupColumn("Bijeenkomst", ImGuiTableColumnFlags_WidthStretch, 1.0f);
  ImGui::TableSetupColumn("Datum", ImGuiTableColumnFlags_WidthFixed, date_width);
  ImGui::TableSetupColumn("Vorm", ImGuiTableColumnFlags_WidthFixed, mode_width);
  ImGui::TableSetupColumn("", ImGuiTableColumnFlags_WidthFixed, button_column);
  table_headers();
  for (int i = 0; i < static_cast<int>(t.meetings.size()); ++i) {
    const meeting& m = t.meetings[static_cast<std::size_t>(i)];
    const auto& tpl = template_of(m);
    const bool editable = coordinator && m.status != meeting_status::afgerond;
    ImGui::PushID(i);
    ImGui::TableNextRow();
    if (m.status == meeting_status::bezig)
      ImGui::TableSetBgColor(ImGuiTableBgTarget_RowBg1,
                             ImGui::GetColorU32(ImVec4(0.88f, 0.95f, 0.89f, 1.0f)));
    ImGui::TableNextColumn();
    ImGui::PushFont(ui.font.bold);
    text_wrapped(std::to_string(i + 1) + ". " + tpl.name);
    ImGui::PopFont();
    const std::string week = week_note(t, i);
    text_coloured(colours::muted, (week.empty() ? "" : week + " · ") + hours(tpl.minutes));
    text_coloured(m.status == meeting_status::bezig      ? colours::ok
                  : m.status == meeting_status::afgerond ? colours::muted
                                                         : ImGui::GetStyleColorVec4(ImGuiCol_Text),
                  label_of(m.status));

    ImGui::TableNextColumn();
    if (editable) {
      // A week earlier or later, the most common move, beside the field.
      const auto week_buttons = [&] {
        if (!parse_date(m.planned_date)) return;
        ImGui::SameLine();
        if (ImGui::ArrowButton("earlier", ImGuiDir_Left))
          ui.todo.submit(op::schedule_meeting{i, add_days(m.planned_date, -7), m.mode});
        mark(ui, "schedule/earlier" + std::to_string(i));
        if (ImGui::IsItemHovered()) ImGui::SetTooltip("Een week eerder");
        ImGui::SameLine();
        if (ImGui::ArrowButton("later", ImGuiDir_Right))
          ui.todo.submit(op::schedule_meeting{i, add_days(m.planned_date, 7), m.mode});
        mark(ui, "schedule/later" + std::to_string(i));
        if (ImGui::IsItemHovered()) ImGui::SetTooltip("Een week later");
      };
      const std::string id = "date" + std::to_string(i);
      if (date_field(ui, id.c_str(), dates_[i], m.planned_date,
                     ImGui::GetContentRegionAvail().x - arrows, week_buttons))
        ui.todo.submit(op::schedule_meeting{i, dates_[i], m.mode});  // the rules explain a bad date
    } else {
      text_wrapped(m.planned_date.empty() ? "nog niet afgesproken" : dutch_date(m.planned_date));
    }
    if (const std::string note = date_note(t, i, today);
        !note.empty() && m.status != meeting_status::afgerond)
      text_coloured(colours::attention, note);
    if (const std::string holiday = holiday_note(m.planned_date);
        !holiday.empty() && m.status == meeting_status::gepland) {
      text_coloured(colours::attention, holiday);
      mark(ui, "schedule/holiday" + std::to_string(i));
    }

    ImGui::TableNextColumn();
    if (editable) {
      int mode = static_cast<int>(m.mode);
      ImGui::SetNextItemWidth(-FLT_MIN);
      if (ImGui::Combo("##mode", &mode, mode_names, 3))
        ui.todo.submit(op::schedule_meeting{i, m.planned_date, static_cast<meeting_mode>(mode)});
      mark(ui, "schedule/mode" + std::to_string(i));
    } else {
      text(label_of(m.mode));
    }

    // The buttons one below the other: the column stays as narrow as the widest.
    ImGui::TableNextColumn();
    if (ImGui::SmallButton("Openen")) {
      ui.current = screen::meeting;
      ui.selected_meeting = i;
    }
    mark(ui, "schedule/open" + std::to_string(i));
    if (coordinator && m.status == meeting_status::gepland && t.active_meeting < 0)
      start_button(ui, core, i, "Starten", "schedule/start" + std::to_string(i), true);
    if (m.status == meeting_status::afgerond) {
      if (ImGui::SmallButton("Documenten…")) ui.export_request = i;
      mark(ui, "schedule/export" + std::to_string(i));
      if (ImGui::IsItemHovered()) ImGui::SetTooltip("De documenten van deze bijeenkomst opslaan");
    }
    ImGui::PopID();
  }
  ImGui::EndTable();

  if (!coordinator) return;
  const bool final_reached = t.meetings.size() > static_cast<std::size_t>(seed_meeting_count) ||
                             (t.meetings.size() == static_cast<std::size_t>(seed_meeting_count) &&
                              t.meetings.back().status != meeting_status::gepland);
  if (final_reached) {
    ImGui::Spacing();
    draw_extra(ui, core, "extra");
  } else {
    text_coloured(colours::muted,
                  "Na de eindevaluatie kun je hier een extra evaluatiebijeenkomst toevoegen.");
  }
}

void view_schedule::draw_extra(ui_context& ui, const client_core& core, const char* id) {
  ImGui::PushID(id);
  text_in(ui.font.bold, "Extra evaluatiebijeenkomst");
  text_coloured(colours::muted,
                "Is er behoefte aan het evalueren van de vervolgstappen? Maak dan een afspraak "
                "voor een nieuwe evaluatiebijeenkomst.");
  ImGui::SetNextItemWidth(ui.px(130));
  ImGui::InputTextWithHint("##date", "jjjj-mm-dd", &extra_date_, ImGuiInputTextFlags_CharsNoBlank);
  mark(ui, std::string(id) + "/date");
  ImGui::SameLine();
  ImGui::SetNextItemWidth(ui.px(120));
  ImGui::Combo("##mode", &extra_mode_, mode_names, 3);
  ImGui::SameLine();
  const bool valid = extra_date_.empty() || parse_date(extra_date_).has_value();
  ImGui::BeginDisabled(!valid || static_cast<int>(core.state().meetings.size()) >= max_meetings);
  if (ImGui::Button("Toevoegen")) {
    ui.todo.submit(op::add_extra_meeting{extra_date_, static_cast<meeting_mode>(extra_mode_)});
    extra_date_.clear();
  }
  mark(ui, std::string(id) + "/add");
  ImGui::EndDisabled();
  if (!valid) {
    text_coloured(colours::attention, "Schrijf de datum als jjjj-mm-dd, of laat hem leeg.");
  } else if (!extra_date_.empty()) {
    text_coloured(colours::muted, dutch_date(extra_date_));
  }
  ImGui::PopID();
}

void view_schedule::draw_next_date(ui_context& ui, const client_core& core, int meeting_index) {
  const trajectory& t = core.state();
  if (meeting_index < 0 || meeting_index >= static_cast<int>(t.meetings.size())) return;
  const bool coordinator = core.is_coordinator();
  const meeting& here = t.meetings[static_cast<std::size_t>(meeting_index)];
  const int next = meeting_index + 1;

  if (next >= static_cast<int>(t.meetings.size())) {
    if (here.template_index < seed_meeting_count - 1) return;
    if (coordinator) {
      draw_extra(ui, core, "next_extra");
    } else {
      text_coloured(colours::muted,
                    "Dit is de laatste bijeenkomst; de coördinator kan een extra "
                    "evaluatiebijeenkomst toevoegen.");
    }
    return;
  }

  const meeting& m = t.meetings[static_cast<std::size_t>(next)];
  const auto& tpl = template_of(m);
  text_in(ui.font.bold,
          "Afspraak voor de volgende bijeenkomst: " + std::to_string(next + 1) + ". " + tpl.name);
  if (!coordinator) {
    text_wrapped(when_of(m));
    return;
  }
  // The seed's rhythm from this meeting's date, as a suggestion.
  std::string suggestion;
  const auto& here_tpl = template_of(here);
  if (parse_date(here.planned_date) && tpl.week > 0 && here_tpl.week > 0)
    suggestion = add_days(here.planned_date, static_cast<long>(tpl.week - here_tpl.week) * 7);

  ImGui::AlignTextToFramePadding();
  text("Datum");
  ImGui::SameLine(ui.px(70));
  ImGui::BeginGroup();
  if (date_field(ui, "next", next_, m.planned_date, ui.px(140)))
    ui.todo.submit(op::schedule_meeting{next, next_, m.mode});
  ImGui::EndGroup();
  ImGui::SameLine();
  int mode = static_cast<int>(m.mode);
  ImGui::SetNextItemWidth(ui.px(120));
  if (ImGui::Combo("##nextmode", &mode, mode_names, 3))
    ui.todo.submit(op::schedule_meeting{next, m.planned_date, static_cast<meeting_mode>(mode)});
  mark(ui, "next/mode");
  if (!suggestion.empty() && suggestion != m.planned_date) {
    const std::string label = "Volgens de leerlijn: " + dutch_date(suggestion);
    if (ImGui::SmallButton(label.c_str()))
      ui.todo.submit(op::schedule_meeting{next, suggestion, m.mode});
    mark(ui, "next/suggestion");
    if (ImGui::IsItemHovered()) ImGui::SetTooltip("%s", tpl.planning.c_str());
  }
  if (!m.planned_date.empty())
    text_coloured(colours::ok, "Afgesproken: " + when_of(m));
  else
    text_coloured(colours::attention, "Nog geen datum afgesproken.");
  if (const std::string holiday = holiday_note(m.planned_date); !holiday.empty()) {
    text_coloured(colours::attention, holiday);
    mark(ui, "next/holiday");
  }
}

}  // namespace jos::client
