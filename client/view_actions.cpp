#include "client/view_actions.hpp"

#include <imgui_internal.h>
#include <imgui_stdlib.h>

#include <algorithm>

#include "client/core/client_core.hpp"
#include "shared/calendar.hpp"
#include "shared/content.hpp"
#include "shared/rules.hpp"

namespace jos::client {
namespace {

using namespace shared;

const ImVec4 overdue_background{1.0f, 0.90f, 0.88f, 1.0f};

std::string owner_name(const trajectory& t, person_id id) {
  const person* p = find_anyone(t, id);  // also someone since taken off the team
  return p != nullptr ? p->name : std::string("nog niemand");
}

// A choice of team member; returns true when the user picked someone (then `owner` is set).
bool owner_combo(const char* id, const trajectory& t, person_id& owner, float width) {
  bool picked = false;
  ImGui::SetNextItemWidth(width);
  if (ImGui::BeginCombo(id, owner_name(t, owner).c_str())) {
    if (ImGui::Selectable("nog niemand", owner == no_person)) {
      owner = no_person;
      picked = true;
    }
    for (const auto& p : t.team) {
      ImGui::PushID(static_cast<int>(p.id));
      const std::string option = p.name + " (" + std::string(label_of(p.org)) + ")";
      if (ImGui::Selectable(option.c_str(), owner == p.id)) {
        owner = p.id;
        picked = true;
      }
      ImGui::PopID();
    }
    ImGui::EndCombo();
  }
  return picked;
}

std::string days_late(const action_item& a, std::string_view today) {
  const auto due = parse_date(a.due);
  const auto now = parse_date(today);
  if (!due || !now) return {};
  const long days = *now - *due;
  return days == 1 ? "1 dag te laat" : std::to_string(days) + " dagen te laat";
}

ImVec4 status_colour(action_status s) {
  switch (s) {
    case action_status::klaar: return colours::ok;
    case action_status::bezig: return colours::accent;
    case action_status::vervallen: return colours::muted;
    case action_status::open: break;
  }
  return ImVec4(0.40f, 0.42f, 0.48f, 1.0f);
}

}  // namespace

bool is_open(const action_item& a) {
  return a.status == action_status::open || a.status == action_status::bezig;
}

bool is_overdue(const action_item& a, std::string_view today) {
  if (!is_open(a)) return false;
  const auto due = parse_date(a.due);
  const auto now = parse_date(today);
  return due && now && *due < *now;
}

std::vector<const action_item*> open_actions(const trajectory& t, std::string_view today) {
  std::vector<const action_item*> out;
  for (const auto& a : t.actions)
    if (is_open(a)) out.push_back(&a);
  std::stable_sort(out.begin(), out.end(), [&](const action_item* x, const action_item* y) {
    const bool lx = is_overdue(*x, today);
    const bool ly = is_overdue(*y, today);
    if (lx != ly) return lx;
    if (x->due.empty() != y->due.empty()) return y->due.empty();
    if (x->due != y->due) return x->due < y->due;
    return x->id < y->id;
  });
  return out;
}

// Progress as a row of small buttons (anyone in the team may set it); the chosen one filled.
void view_actions::draw_status(ui_context& ui, const action_item& a, bool compact) {
  ImGui::PushID(a.id);
  for (auto s : {action_status::open, action_status::bezig, action_status::klaar,
                 action_status::vervallen}) {
    if (compact && s == action_status::vervallen && a.status != s) continue;
    if (s != action_status::open) ImGui::SameLine(0, ui.px(2));
    const bool chosen = a.status == s;
    ImGui::PushStyleColor(ImGuiCol_Button,
                          chosen ? status_colour(s) : ImGui::GetStyleColorVec4(ImGuiCol_FrameBg));
    ImGui::PushStyleColor(ImGuiCol_Text,
                          chosen ? ImVec4(1, 1, 1, 1) : ImGui::GetStyleColorVec4(ImGuiCol_Text));
    // The same word as in the exported documents.
    if (ImGui::SmallButton(std::string(label_of(s)).c_str()) && !chosen)
      ui.todo.submit(op::set_action_status{a.id, s});
    ImGui::PopStyleColor(2);
    mark(ui, "action" + std::to_string(a.id) + "/" + std::string(name_of(s)));
  }
  ImGui::PopID();
}

void view_actions::draw_open(ui_context& ui, const client_core& core) {
  const trajectory& t = core.state();
  const auto& c = leerlijn();
  const std::string today = today_of(ui);
  auto open = open_actions(t, today);
  if (only_mine_) std::erase_if(open, [&](const action_item* a) { return a->owner != core.me(); });
  const auto late = std::count_if(open.begin(), open.end(),
                                  [&](const action_item* a) { return is_overdue(*a, today); });

  if (t.actions.empty()) {
    text_coloured(colours::muted,
                  "Er zijn nog geen acties. In de actieplanbijeenkomst krijgt elke actie een "
                  "eigenaar en een datum; daarna staan ze hier voor het hele team.");
    return;
  }
  ImGui::AlignTextToFramePadding();
  text(std::to_string(open.size()) + (open.size() == 1 ? " open actie" : " open acties"));
  if (late > 0) {
    ImGui::SameLine();
    text_coloured(colours::warning, "· " + std::to_string(late) + " te laat");
  }
  ImGui::SameLine(0, ui.px(24));
  ImGui::Checkbox("Alleen mijn acties", &only_mine_);
  mark(ui, "actions/mine");

  if (!open.empty()) {
    const ImGuiTableFlags flags =
        ImGuiTableFlags_BordersInnerH | ImGuiTableFlags_RowBg | ImGuiTableFlags_SizingStretchProp;
    if (ImGui::BeginTable("open", 4, flags)) {
      ImGui::TableSetupColumn("Actie", ImGuiTableColumnFlags_WidthStretch, 3.0f);
      ImGui::TableSetupColumn("Wie?", ImGuiTableColumnFlags_WidthStretch, 1.2f);
      ImGui::TableSetupColumn("Wanneer?", ImGuiTableColumnFlags_WidthStretch, 1.3f);
      ImGui::TableSetupColumn("Voortgang", ImGuiTableColumnFlags_WidthFixed, ui.px(170));
      table_headers();
      for (const action_item* a : open) {
        const bool overdue = is_overdue(*a, today);
        ImGui::TableNextRow();
        if (overdue)
          ImGui::TableSetBgColor(ImGuiTableBgTarget_RowBg1, ImGui::GetColorU32(overdue_background));
        ImGui::TableNextColumn();
        text_wrapped(a->text);
        text_coloured(colours::muted, c.rows[static_cast<std::size_t>(a->row)].name);
        ImGui::TableNextColumn();
        const bool mine = a->owner == core.me() && a->owner != no_person;
        if (mine) ImGui::PushFont(ui.font.bold);
        text_coloured(
            a->owner == no_person ? colours::attention : ImGui::GetStyleColorVec4(ImGuiCol_Text),
            owner_name(t, a->owner) + (mine ? " (jij)" : ""));
        if (mine) ImGui::PopFont();
        ImGui::TableNextColumn();
        if (a->due.empty()) {
          text_coloured(colours::attention, "geen datum");
        } else if (overdue) {
          ImGui::PushFont(ui.font.bold);
          text_coloured(colours::warning, dutch_date(a->due));
          ImGui::PopFont();
          text_coloured(colours::warning, days_late(*a, today));
        } else {
          text_wrapped(dutch_date(a->due));
        }
        ImGui::TableNextColumn();
        draw_status(ui, *a, true);
      }
      ImGui::EndTable();
    }
  } else {
    text_coloured(colours::ok, only_mine_ ? "Je hebt geen open acties." : "Alle acties zijn af.");
  }

  const auto done = std::count_if(t.actions.begin(), t.actions.end(),
                                  [](const action_item& a) { return !is_open(a); });
  if (done > 0) {
    const std::string label = "Afgeronde en vervallen acties (" + std::to_string(done) + ")";
    if (ImGui::TreeNode("done", "%s", label.c_str())) {
      for (const auto& a : t.actions) {
        if (is_open(a)) continue;
        text_coloured(status_colour(a.status), std::string(label_of(a.status)) + ": " + a.text);
        ImGui::SameLine();
        ImGui::PushID(a.id);
        if (ImGui::SmallButton("Heropenen"))
          ui.todo.submit(op::set_action_status{a.id, action_status::bezig});
        ImGui::PopID();
      }
      ImGui::TreePop();
    }
  }
}

// One action in its onderdeel's cell: what, who, when and how far, editable by those who
// fill in the plan; progress by anyone.
void view_actions::draw_in_cell(ui_context& ui, const client_core& core, const action_item& a,
                                bool editable) {
  const trajectory& t = core.state();
  const std::string today = today_of(ui);
  const std::string name = "action" + std::to_string(a.id);
  ImGui::PushID(a.id);
  if (editable) {
    std::string& typed = texts_[a.id];
    if (ImGui::GetActiveID() != ImGui::GetID("##text")) typed = a.text;
    ImGui::SetNextItemWidth(-FLT_MIN);
    ImGui::InputText("##text", &typed);
    mark(ui, name + "/text");
    if (ImGui::IsItemDeactivatedAfterEdit() && typed != a.text && !typed.empty())
      ui.todo.submit(op::update_action{a.id, typed, a.owner, a.due});
    // Who and when side by side where they fit, else one below the other.
    const float gap = ImGui::GetStyle().ItemSpacing.x;
    const float room = ImGui::GetContentRegionAvail().x;
    const bool beside = room >= ui.px(260);
    person_id owner = a.owner;
    if (owner_combo("##owner", t, owner, beside ? (room - gap) * 0.55f : -FLT_MIN) &&
        owner != a.owner)
      ui.todo.submit(op::update_action{a.id, a.text, owner, a.due});
    mark(ui, name + "/owner");
    if (beside) ImGui::SameLine();
    ImGui::BeginGroup();
    if (date_field(ui, (name + "/due").c_str(), dates_[a.id], a.due,
                   beside ? -FLT_MIN : ui.px(140)))
      ui.todo.submit(op::update_action{a.id, a.text, a.owner, dates_[a.id]});
    ImGui::EndGroup();
  } else {
    text_wrapped("• " + a.text);
    std::string who = owner_name(t, a.owner);
    if (!a.due.empty()) who += ", " + dutch_date(a.due);
    text_coloured(colours::muted, who);
  }
  if (is_overdue(a, today)) text_coloured(colours::warning, days_late(a, today));
  draw_status(ui, a, true);
  ImGui::PopID();
}

void view_actions::draw_cell(ui_context& ui, const client_core& core, int row, bool still_to_do) {
  const trajectory& t = core.state();
  const bool editable = can_plan_actions(t, core.me());
  bool any = false;
  for (const auto& a : t.actions) {
    if (a.row != row || (still_to_do && !is_open(a))) continue;
    if (any) ImGui::Separator();
    any = true;
    draw_in_cell(ui, core, a, editable);
  }
  if (!editable) {
    if (!any) text_coloured(colours::muted, "geen acties");
    return;
  }
  // A new action for this onderdeel: its words here, its owner and date right after.
  if (any) ImGui::Spacing();
  ImGui::PushID(row);
  std::string& draft = drafts_[row];
  const std::string name = "actions" + std::to_string(row);
  const float add = button_width("+");
  ImGui::SetNextItemWidth(ImGui::GetContentRegionAvail().x - add - ImGui::GetStyle().ItemSpacing.x);
  const bool entered = ImGui::InputTextWithHint("##new", "Nieuwe actie…", &draft,
                                                ImGuiInputTextFlags_EnterReturnsTrue);
  mark(ui, name + "/new");
  ImGui::SameLine();
  ImGui::BeginDisabled(draft.empty());
  const bool clicked = ImGui::Button("+");
  ImGui::EndDisabled();
  mark(ui, name + "/add");
  if (ImGui::IsItemHovered(ImGuiHoveredFlags_AllowWhenDisabled))
    ImGui::SetTooltip("Actie toevoegen; geef haar daarna een eigenaar en een datum");
  if ((entered || clicked) && !draft.empty()) {
    ui.todo.submit(op::add_action{row, draft, no_person, ""});
    draft.clear();
  }
  ImGui::PopID();
}

}  // namespace jos::client
