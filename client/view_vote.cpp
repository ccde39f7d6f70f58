#include "client/view_vote.hpp"

#include <cstdio>

#include "client/core/client_core.hpp"
#include "shared/rules.hpp"
#include "shared/vote.hpp"

namespace jos::client {
namespace {

using namespace shared;

std::string onderdeel_name(int row) {
  const auto& rows = leerlijn().rows;
  if (row < 0 || row >= static_cast<int>(rows.size())) return "?";
  return rows[static_cast<std::size_t>(row)].name;
}

std::string scale_label(int value) {
  const auto& scale = leerlijn().scale;
  if (value < 1 || value > static_cast<int>(scale.size())) return {};
  return scale[static_cast<std::size_t>(value - 1)].label;
}

// "1,5" (Dutch decimal comma) or "2".
std::string dutch_number(double v) {
  char buffer[16];
  if (v == static_cast<int>(v)) {
    std::snprintf(buffer, sizeof buffer, "%d", static_cast<int>(v));
  } else {
    std::snprintf(buffer, sizeof buffer, "%.1f", v);
    for (char& c : buffer)
      if (c == '.') c = ',';
  }
  return buffer;
}

std::string names_of(const trajectory& t, const std::vector<person_id>& ids) {
  std::string out;
  for (const auto id : ids) {
    const person* p = find_anyone(t, id);  // also someone since taken off the team
    if (p == nullptr) continue;
    if (!out.empty()) out += ", ";
    out += p->name;
  }
  return out;
}

bool big_button(const ui_context& ui, const std::string& label, bool chosen) {
  ImGui::PushStyleColor(ImGuiCol_Button,
                        chosen ? colours::accent : ImGui::GetStyleColorVec4(ImGuiCol_FrameBg));
  ImGui::PushStyleColor(ImGuiCol_Text,
                        chosen ? ImVec4(1, 1, 1, 1) : ImGui::GetStyleColorVec4(ImGuiCol_Text));
  const bool pressed = ImGui::Button(label.c_str(), ImVec2(ui.px(48), ui.px(36)));
  ImGui::PopStyleColor(2);
  return pressed;
}

}  // namespace

void view_vote::draw(ui_context& ui, const client_core& core, int meeting,
                     std::optional<document_id> document) {
  const trajectory& t = core.state();
  if (meeting < 0 || meeting >= static_cast<int>(t.meetings.size())) return;
  const meeting_status status = t.meetings[static_cast<std::size_t>(meeting)].status;
  const vote_state& v = t.meetings[static_cast<std::size_t>(meeting)].session.vote;
  if (status != meeting_status::bezig) return;
  // Remembered ballots belong to the vote that is open now.
  std::erase_if(mine_, [&](const auto& entry) {
    return std::get<0>(entry.first) == meeting &&
           (!v.open || entry.first != vote_key{meeting, v.document, v.row});
  });
  if (!v.open) {
    if (document && kind_of(*document) == document_kind::signalering &&
        can_run_vote(t, core.me(), meeting) && can_edit_document(t, core.me(), *document))
      draw_open(ui, core, meeting, *document);
    return;
  }
  // A band as tall as what it holds: every button in view, none in a scroll area of its own.
  ImGui::PushID("vote");
  begin_band(ui);
  ImGui::PushFont(ui.font.bold);
  text_wrapped("Stemming: " + onderdeel_name(v.row) + (v.anonymous ? " (anoniem)" : ""));
  ImGui::PopFont();
  if (v.revealed) {
    draw_revealed(ui, core, meeting);
  } else {
    draw_voting(ui, core, meeting);
  }
  end_band(ui, ImVec4(0.96f, 0.93f, 0.85f, 1.0f), ImVec4(0.80f, 0.70f, 0.45f, 1.0f));
  ImGui::PopID();
}

void view_vote::draw_open(ui_context& ui, const client_core& core, int meeting, document_id doc) {
  const trajectory& t = core.state();
  const auto& ratings = t.documents[static_cast<std::size_t>(doc)].rows;
  // One line where it fits, more where it does not.
  ImGui::AlignTextToFramePadding();
  text("Groepsstemming over");
  const float combo = std::min(ui.px(300), ImGui::GetContentRegionAvail().x);
  next_in_row(combo);
  ImGui::SetNextItemWidth(combo);
  chosen_row_ = std::clamp(chosen_row_, 0, onderdeel_count - 1);
  if (ImGui::BeginCombo("##row", onderdeel_name(chosen_row_).c_str())) {
    for (int row = 0; row < onderdeel_count; ++row) {
      std::string label = std::to_string(row + 1) + ". " + onderdeel_name(row);
      if (ratings[static_cast<std::size_t>(row)].rating != 0)
        label += " (nu " + std::to_string(ratings[static_cast<std::size_t>(row)].rating) + ")";
      if (ImGui::Selectable(label.c_str(), row == chosen_row_)) chosen_row_ = row;
    }
    ImGui::EndCombo();
  }
  mark(ui, "vote-row");
  next_in_row(ImGui::GetFrameHeight() + ImGui::GetStyle().ItemInnerSpacing.x +
              ImGui::CalcTextSize("anoniem").x);
  ImGui::Checkbox("anoniem", &anonymous_);
  mark(ui, "vote-anonymous");
  next_in_row(button_width("Stemming openen"));
  if (ImGui::Button("Stemming openen")) {
    ui.todo.submit(op::open_vote{meeting, doc, chosen_row_, anonymous_});
    round_.reset();
  }
  mark(ui, "vote-open");
  next_in_row(button_width("Ronde over alle tien"));
  if (ImGui::Button("Ronde over alle tien")) {
    ui.todo.submit(op::open_vote{meeting, doc, 0, anonymous_});
    round_ = vote_key{meeting, doc, 0};
  }
  mark(ui, "vote-round");
  help_marker(
      "Iedereen stemt 1, 2 of 3 en kan de stem wijzigen tot de stemmen getoond worden. "
      "Tot dan ziet niemand, ook de coördinator niet, wie wat stemde. Als alle aanwezigen "
      "gestemd hebben, worden de stemmen vanzelf getoond.");
}

void view_vote::draw_voting(ui_context& ui, const client_core& core, int meeting) {
  const trajectory& t = core.state();
  const vote_state& v = t.meetings[static_cast<std::size_t>(meeting)].session.vote;
  const vote_key key{meeting, v.document, v.row};
  const auto mine = mine_.find(key);
  const int my_value = mine != mine_.end() ? mine->second : 0;

  ImGui::AlignTextToFramePadding();
  text("Jouw stem:");
  for (int value = rating_min; value <= rating_max; ++value) {
    next_in_row(ui.px(48));
    ImGui::PushID(value);
    if (big_button(ui, std::to_string(value), value == my_value)) {
      ui.todo.submit(op::cast_vote{meeting, value});
      mine_[key] = value;
    }
    mark(ui, "vote-cast-" + std::to_string(value));
    if (ImGui::IsItemHovered()) ImGui::SetTooltip("%d – %s", value, scale_label(value).c_str());
    ImGui::PopID();
  }
  const bool voted = my_value != 0 || v.ballots.contains(core.me());
  const char* state =
      voted ? "je kunt je stem wijzigen tot de stemmen getoond worden" : "je hebt nog niet gestemd";
  next_in_row(widest_word(state));
  text_coloured(voted ? colours::muted : colours::attention, state);

  // Who has voted (or how many): never what.
  std::vector<person_id> voters;
  for (const auto& [who, value] : v.ballots) voters.push_back(who);
  std::vector<person_id> waiting;
  for (const auto id : core.online())
    if (!v.ballots.contains(id) && find_person(t, id) != nullptr) waiting.push_back(id);
  const std::size_t online = core.online().size();
  const std::string count = std::to_string(v.ballots.size()) + " van " + std::to_string(online) +
                            (online == 1 ? " aanwezige" : " aanwezigen") +
                            (v.ballots.size() == 1 ? " heeft gestemd" : " hebben gestemd");
  if (v.anonymous) {
    text_wrapped(count + ".");
  } else {
    text_wrapped(count + (voters.empty() ? "." : ": " + names_of(t, voters) + "."));
    if (!waiting.empty()) text_coloured(colours::muted, "Nog niet: " + names_of(t, waiting) + ".");
  }

  if (can_run_vote(t, core.me(), meeting)) {
    if (ImGui::Button("Stemmen tonen")) ui.todo.submit(op::reveal_vote{meeting, {}});
    mark(ui, "vote-reveal");
    next_in_row(button_width("Stemming sluiten zonder besluit"));
    if (ImGui::Button("Stemming sluiten zonder besluit")) {
      ui.todo.submit(op::close_vote{meeting, 0});
      round_.reset();
    }
    mark(ui, "vote-close");
  }
}

void view_vote::draw_revealed(ui_context& ui, const client_core& core, int meeting) {
  const trajectory& t = core.state();
  const vote_state& v = t.meetings[static_cast<std::size_t>(meeting)].session.vote;
  const vote_summary s = summarize_ballots(v.ballots);

  // The distribution as bars, one per value, scaled to the largest.
  const int most = std::max({1, s.distribution[0], s.distribution[1], s.distribution[2]});
  const float bar_width = std::min(ui.px(220), ImGui::GetContentRegionAvail().x * 0.4f);
  for (int value = rating_min; value <= rating_max; ++value) {
    const int n = s.distribution[static_cast<std::size_t>(value - 1)];
    text(std::to_string(value));
    ImGui::SameLine(ui.px(28));
    const ImVec2 at = ImGui::GetCursorScreenPos();
    const float h = ImGui::GetTextLineHeight();
    ImDrawList* draw = ImGui::GetWindowDrawList();
    draw->AddRectFilled(at, ImVec2(at.x + bar_width, at.y + h),
                        ImGui::GetColorU32(ImGuiCol_FrameBg));
    if (n > 0)
      draw->AddRectFilled(
          at, ImVec2(at.x + bar_width * static_cast<float>(n) / static_cast<float>(most), at.y + h),
          ImGui::GetColorU32(value == s.offered ? colours::accent : colours::muted));
    ImGui::Dummy(ImVec2(bar_width, h));
    ImGui::SameLine();
    ImGui::PushTextWrapPos(0.0f);
    std::string line = std::to_string(n) + (n == 1 ? " stem" : " stemmen");
    if (!v.anonymous) {
      std::vector<person_id> who;
      for (const auto& [id, ballot] : v.ballots)
        if (ballot == value) who.push_back(id);
      if (!who.empty()) line += " (" + names_of(t, who) + ")";
    }
    text_wrapped(line);
    ImGui::PopTextWrapPos();
  }
  if (s.count == 0) {
    text_coloured(colours::muted, "Er is niet gestemd.");
  } else {
    text_wrapped("Mediaan " + dutch_number(s.median) + " · spreiding " + std::to_string(s.spread));
    if (s.split()) {
      ImGui::PushFont(ui.font.bold);
      const char* split = "Verdeeld: bespreek de verschillen eerst.";
      next_in_row(widest_word(split) + ui.px(16));
      text_coloured(colours::warning, split);
      ImGui::PopFont();
    }
  }

  if (!can_run_vote(t, core.me(), meeting)) {
    text_coloured(colours::muted, "De invuller of de coördinator stelt de score vast.");
    return;
  }
  ImGui::AlignTextToFramePadding();
  text("Score vaststellen:");
  for (int value = rating_min; value <= rating_max; ++value) {
    const std::string label =
        std::to_string(value) + (value == s.offered ? " (mediaan)" : std::string());
    next_in_row(button_width(label));
    ImGui::PushID(value);
    ImGui::PushStyleColor(ImGuiCol_Button, value == s.offered
                                               ? colours::accent
                                               : ImGui::GetStyleColorVec4(ImGuiCol_Button));
    if (ImGui::Button(label.c_str())) {
      ui.todo.submit(op::close_vote{meeting, value});
      // In a round, the next onderdeel follows at once.
      if (round_ && std::get<0>(*round_) == meeting && std::get<2>(*round_) == v.row &&
          v.row + 1 < onderdeel_count) {
        ui.todo.submit(op::open_vote{meeting, v.document, v.row + 1, v.anonymous});
        round_ = vote_key{meeting, v.document, v.row + 1};
      } else {
        round_.reset();
      }
    }
    ImGui::PopStyleColor();
    mark(ui, "vote-decide-" + std::to_string(value));
    ImGui::PopID();
  }
  next_in_row(button_width("Sluiten zonder besluit"));
  if (ImGui::Button("Sluiten zonder besluit")) {
    ui.todo.submit(op::close_vote{meeting, 0});
    round_.reset();
  }
  mark(ui, "vote-close");
  if (round_)
    text_coloured(colours::muted, "Ronde: onderdeel " + std::to_string(v.row + 1) + " van " +
                                      std::to_string(onderdeel_count) + ".");
}

}  // namespace jos::client
