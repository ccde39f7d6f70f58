#include "client/view_reactions.hpp"

#include <imgui_stdlib.h>

#include <ctime>

#include "client/core/client_core.hpp"
#include "shared/rules.hpp"

namespace jos::client {
namespace {

using namespace shared;

// "14:05", in the computer's time zone.
std::string clock_of(std::int64_t at_ms) {
  const std::time_t seconds = static_cast<std::time_t>(at_ms / 1000);
  std::tm local{};
  localtime_r(&seconds, &local);
  char buffer[8];
  std::strftime(buffer, sizeof buffer, "%H:%M", &local);
  return buffer;
}

std::string author_of(const trajectory& t, person_id id) {
  const person* p = find_anyone(t, id);  // also someone since taken off the team
  return p != nullptr ? p->name : "onbekend";
}

std::string onderdeel_name(int row) {
  const auto& rows = leerlijn().rows;
  if (row < 0 || row >= static_cast<int>(rows.size())) return "de bijeenkomst";
  return rows[static_cast<std::size_t>(row)].name;
}

const live_session& session_of(const client_core& core, int meeting) {
  return core.state().meetings[static_cast<std::size_t>(meeting)].session;
}

}  // namespace

int view_reactions::chat_count(const client_core& core, int meeting) {
  int n = 0;
  for (const auto& r : session_of(core, meeting).reactions) n += r.row == -1 ? 1 : 0;
  return n;
}

int view_reactions::thread_count(const client_core& core, int meeting) {
  int n = 0;
  for (const auto& r : session_of(core, meeting).reactions) n += r.row >= 0 ? 1 : 0;
  return n;
}

void view_reactions::draw_highlight(ui_context& ui, const client_core& core, int meeting) {
  const live_session& s = session_of(core, meeting);
  if (s.highlighted_reaction < 0 || s.highlighted_reaction >= static_cast<int>(s.reactions.size()))
    return;
  const reaction& r = s.reactions[static_cast<std::size_t>(s.highlighted_reaction)];
  const trajectory& t = core.state();
  ImGui::PushStyleColor(ImGuiCol_ChildBg, ImVec4(0.88f, 0.93f, 0.99f, 1.0f));
  const float wrap = ImGui::GetContentRegionAvail().x - ui.px(24);
  const float text_height = ImGui::CalcTextSize(r.text.c_str(), nullptr, false, wrap).y;
  ImGui::BeginChild("highlight", ImVec2(0, text_height + ui.px(58)), true);
  ImGui::PushFont(ui.font.bold);
  text_coloured(colours::accent, "Uitgelicht door de coördinator · " + author_of(t, r.author) +
                                     " over " + onderdeel_name(r.row) + ", " + clock_of(r.at_ms));
  ImGui::PopFont();
  text_in(ui.font.large, r.text);
  if (core.is_coordinator()) {
    ImGui::SameLine(ImGui::GetContentRegionAvail().x - ui.px(120));
    if (ImGui::SmallButton("Niet meer tonen")) ui.todo.submit(op::highlight_reaction{meeting, -1});
  }
  ImGui::EndChild();
  ImGui::PopStyleColor();
}

void view_reactions::draw_list(ui_context& ui, const client_core& core, int meeting, int row,
                               float height) {
  const trajectory& t = core.state();
  const live_session& s = session_of(core, meeting);
  std::size_t& seen = row == -1 ? seen_chat_ : seen_thread_;
  ImGui::BeginChild("list", ImVec2(0, height), false);
  int shown = 0;
  for (std::size_t i = 0; i < s.reactions.size(); ++i) {
    const reaction& r = s.reactions[i];
    if (r.row != row) continue;
    ++shown;
    ImGui::PushID(static_cast<int>(i));
    text_in(ui.font.bold, author_of(t, r.author), false);
    ImGui::SameLine();
    text_coloured(colours::muted, clock_of(r.at_ms));
    if (core.is_coordinator()) {
      ImGui::SameLine();
      const bool highlighted = s.highlighted_reaction == static_cast<int>(i);
      if (ImGui::SmallButton(highlighted ? "Niet meer tonen" : "Toon aan iedereen"))
        ui.todo.submit(op::highlight_reaction{meeting, highlighted ? -1 : static_cast<int>(i)});
      mark(ui, "highlight-" + std::to_string(i));
    }
    text_wrapped(r.text);
    ImGui::PopID();
  }
  if (shown == 0)
    text_coloured(colours::muted, row == -1 ? "Nog geen berichten. Wie op afstand meedoet, kan "
                                              "hier schriftelijk reageren."
                                            : "Nog geen reacties op dit onderdeel.");
  if (s.reactions.size() != seen) {
    ImGui::SetScrollHereY(1.0f);
    seen = s.reactions.size();
  }
  ImGui::EndChild();
}

void view_reactions::draw_input(ui_context& ui, const client_core& core, int meeting, int row,
                                std::string& draft) {
  const trajectory& t = core.state();
  const bool member = find_person(t, core.me()) != nullptr;
  ImGui::BeginDisabled(!member);
  const float button = ui.px(100);
  ImGui::SetNextItemWidth(ImGui::GetContentRegionAvail().x - button -
                          ImGui::GetStyle().ItemSpacing.x);
  const bool entered = ImGui::InputTextWithHint(
      "##draft", row == -1 ? "Schrijf een bericht…" : "Schrijf een reactie op dit onderdeel…",
      &draft, ImGuiInputTextFlags_EnterReturnsTrue);
  mark(ui, row == -1 ? "chat-input" : "thread-input");
  ImGui::SameLine();
  const bool send = ImGui::Button("Versturen", ImVec2(button, 0)) || entered;
  mark(ui, row == -1 ? "chat-send" : "thread-send");
  ImGui::EndDisabled();
  if (send && !draft.empty()) {
    if (draft.size() > max_reaction_length) {
      ui.todo.act([](client_core& c) {
        c.notify("Een reactie is hooguit " + std::to_string(max_reaction_length) + " tekens.");
      });
      return;
    }
    ui.todo.submit(op::add_reaction{meeting, row, draft, 0});
    draft.clear();
    if (entered) ImGui::SetKeyboardFocusHere(-1);  // keep typing in the same field
  }
}

void view_reactions::draw_chat(ui_context& ui, const client_core& core, int meeting) {
  const float input = ImGui::GetFrameHeightWithSpacing();
  draw_list(ui, core, meeting, -1, std::max(ui.px(40), ImGui::GetContentRegionAvail().y - input));
  ImGui::PushID("chat");
  draw_input(ui, core, meeting, -1, chat_draft_);
  ImGui::PopID();
}

void view_reactions::draw_threads(ui_context& ui, const client_core& core, int meeting) {
  const live_session& s = session_of(core, meeting);
  // During a vote the thread of the onderdeel being voted on is the one to talk in.
  ImGui::SetNextItemWidth(ui.px(360));
  thread_row_ = std::clamp(thread_row_, 0, onderdeel_count - 1);
  if (ImGui::BeginCombo("##onderdeel", onderdeel_name(thread_row_).c_str())) {
    for (int row = 0; row < onderdeel_count; ++row) {
      int n = 0;
      for (const auto& r : s.reactions) n += r.row == row ? 1 : 0;
      const std::string label = std::to_string(row + 1) + ". " + onderdeel_name(row) +
                                (n > 0 ? " (" + std::to_string(n) + ")" : std::string());
      if (ImGui::Selectable(label.c_str(), row == thread_row_)) thread_row_ = row;
    }
    ImGui::EndCombo();
  }
  if (s.vote.open && s.vote.row != thread_row_) {
    ImGui::SameLine();
    if (ImGui::SmallButton("Naar het onderdeel van de stemming")) thread_row_ = s.vote.row;
  }
  const float input = ImGui::GetFrameHeightWithSpacing();
  draw_list(ui, core, meeting, thread_row_,
            std::max(ui.px(40), ImGui::GetContentRegionAvail().y - input));
  ImGui::PushID("thread");
  draw_input(ui, core, meeting, thread_row_, thread_draft_);
  ImGui::PopID();
}

}  // namespace jos::client
