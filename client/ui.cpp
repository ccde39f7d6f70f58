#include "client/ui.hpp"

#include <imgui_internal.h>
#include <imgui_stdlib.h>

#include <cstdio>

#include "client/core/today.hpp"
#include "shared/calendar.hpp"
#include "shared/holidays.hpp"
#include "shared/representation.hpp"

namespace jos::client {
namespace {

std::vector<std::string>* layout_problems = nullptr;  // see watch_layout()

// Text that would be cut off: the line (or its longest word, when wrapped) does not fit
// where it is drawn.
void check_text(std::string_view s, bool wrapped) {
  if (layout_problems == nullptr || s.empty()) return;
  ImGuiWindow* window = ImGui::GetCurrentWindow();
  const float room = wrapped
                         ? ImGui::CalcWrapWidthForPos(window->DC.CursorPos, window->DC.TextWrapPos)
                         : ImGui::GetWindowDrawList()->GetClipRectMax().x - window->DC.CursorPos.x;
  const std::string text(s);
  if (!wrapped) {
    // Every line starts where the first does.
    std::size_t start = 0;
    while (start <= text.size()) {
      const std::size_t end = std::min(text.find('\n', start), text.size());
      const float width = ImGui::CalcTextSize(text.data() + start, text.data() + end).x;
      if (width > room + 1.0f)
        layout_problems->push_back("cut off (" + std::to_string(static_cast<int>(width)) + " > " +
                                   std::to_string(static_cast<int>(room)) + " px): " + text);
      start = end + 1;
    }
    return;
  }
  std::size_t start = 0;
  while (start < text.size()) {
    const std::size_t end = std::min(text.find_first_of(" \n", start), text.size());
    if (end > start) {
      const float width = ImGui::CalcTextSize(text.data() + start, text.data() + end).x;
      if (width > room + 1.0f)
        layout_problems->push_back("word broken (" + std::to_string(static_cast<int>(width)) +
                                   " > " + std::to_string(static_cast<int>(room)) +
                                   " px): " + text.substr(start, end - start) + " in: " + text);
    }
    start = end + 1;
  }
}

}  // namespace

void text(std::string_view s) {
  check_text(s, false);
  ImGui::TextUnformatted(s.data(), s.data() + s.size());
}

void text_wrapped(std::string_view s) {
  // Like ImGui::TextWrapped: keep a wrap position the caller set, else wrap at the edge.
  const bool own = ImGui::GetCurrentWindow()->DC.TextWrapPos < 0.0f;
  if (own) ImGui::PushTextWrapPos(0.0f);
  check_text(s, true);
  ImGui::TextUnformatted(s.data(), s.data() + s.size());
  if (own) ImGui::PopTextWrapPos();
}

void text_coloured(const ImVec4& colour, std::string_view s) {
  ImGui::PushStyleColor(ImGuiCol_Text, colour);
  text_wrapped(s);
  ImGui::PopStyleColor();
}

void text_in(ImFont* font, std::string_view s, bool wrapped) {
  if (font != nullptr) ImGui::PushFont(font);
  if (wrapped) {
    text_wrapped(s);
  } else {
    text(s);
  }
  if (font != nullptr) ImGui::PopFont();
}

void heading(const ui_context& ui, std::string_view s) { text_in(ui.font.heading, s); }

void begin_band(const ui_context& ui) {
  ImDrawList* draw = ImGui::GetWindowDrawList();
  draw->ChannelsSplit(2);
  draw->ChannelsSetCurrent(1);  // the contents, over the box drawn afterwards
  const float pad = ui.px(8);
  ImGui::SetCursorPos(ImVec2(ImGui::GetCursorPosX() + pad, ImGui::GetCursorPosY() + pad));
  ImGui::BeginGroup();
  ImGui::PushTextWrapPos(ImGui::GetContentRegionMax().x - pad);
}

void end_band(const ui_context& ui, const ImVec4& fill, const ImVec4& border) {
  ImGui::PopTextWrapPos();
  ImGui::EndGroup();
  const float pad = ui.px(8);
  ImDrawList* draw = ImGui::GetWindowDrawList();
  draw->ChannelsSetCurrent(0);
  const ImVec2 min(ImGui::GetItemRectMin().x - pad, ImGui::GetItemRectMin().y - pad);
  const ImVec2 max(ImGui::GetWindowPos().x + ImGui::GetWindowContentRegionMax().x,
                   ImGui::GetItemRectMax().y + pad);
  const float rounding = ImGui::GetStyle().FrameRounding;
  draw->AddRectFilled(min, max, ImGui::GetColorU32(fill), rounding);
  draw->AddRect(min, max, ImGui::GetColorU32(border), rounding, 0, ui.px(2));
  draw->ChannelsMerge();
  ImGui::SetCursorScreenPos(ImVec2(min.x, max.y));
  ImGui::Dummy(ImVec2(max.x - min.x, ImGui::GetStyle().ItemSpacing.y));
}

void next_in_row(float width) {
  ImGui::SameLine();
  if (ImGui::GetCursorPosX() + width > ImGui::GetContentRegionMax().x) ImGui::NewLine();
}

float button_width(std::string_view label) {
  const char* end = ImGui::FindRenderedTextEnd(label.data(), label.data() + label.size());
  return ImGui::CalcTextSize(label.data(), end).x + ImGui::GetStyle().FramePadding.x * 2;
}

std::string elided(std::string_view s, float width) {
  if (ImGui::CalcTextSize(s.data(), s.data() + s.size()).x <= width) return std::string(s);
  // Code points from both ends, alternately, while they fit.
  std::size_t head = 0;
  std::size_t tail = s.size();
  std::string best = "…";
  while (head < tail) {
    std::size_t next_head = head + 1;
    while (next_head < tail && (static_cast<unsigned char>(s[next_head]) & 0xC0) == 0x80)
      ++next_head;
    std::size_t next_tail = tail - 1;
    while (next_tail > next_head && (static_cast<unsigned char>(s[next_tail]) & 0xC0) == 0x80)
      --next_tail;
    const std::string candidate =
        std::string(s.substr(0, next_head)) + "…" + std::string(s.substr(next_tail));
    if (next_tail <= next_head || ImGui::CalcTextSize(candidate.c_str()).x > width) break;
    best = candidate;
    head = next_head;
    tail = next_tail;
  }
  return best;
}

float widest_word(std::string_view s) {
  float widest = 0;
  std::size_t start = 0;
  while (start < s.size()) {
    const std::size_t end = std::min(s.find_first_of(" \n", start), s.size());
    if (end > start)
      widest = std::max(widest, ImGui::CalcTextSize(s.data() + start, s.data() + end).x);
    start = end + 1;
  }
  return widest;
}

void table_headers(ImFont* font) {
  ImGui::TableNextRow(ImGuiTableRowFlags_Headers);
  for (int column = 0; column < ImGui::TableGetColumnCount(); ++column) {
    ImGui::TableSetColumnIndex(column);
    if (font != nullptr) ImGui::PushFont(font);
    text_wrapped(ImGui::TableGetColumnName(column));
    if (font != nullptr) ImGui::PopFont();
  }
}

float dialog_width(const ui_context& ui, float width) {
  return std::min(ui.px(width), ImGui::GetMainViewport()->WorkSize.x - ui.px(20));
}

void help_marker(std::string_view s) {
  next_in_row(ImGui::CalcTextSize("(?)").x);
  ImGui::TextDisabled("(?)");
  if (ImGui::IsItemHovered()) {
    ImGui::BeginTooltip();
    ImGui::PushTextWrapPos(ImGui::GetFontSize() * 30.0f);
    text(s);
    ImGui::PopTextWrapPos();
    ImGui::EndTooltip();
  }
}

bool representation_status(const shared::trajectory& t, std::string_view complete,
                           std::string_view missing) {
  const auto gaps = shared::team_representation_gaps(t);
  if (gaps.empty()) {
    text_coloured(colours::ok, complete);
    return true;
  }
  text_coloured(colours::attention, missing);
  for (const auto& g : gaps) {
    ImGui::Bullet();
    text_wrapped(g.message);
  }
  return false;
}

std::string dutch_list(const std::vector<std::string>& parts) {
  std::string out;
  for (std::size_t i = 0; i < parts.size(); ++i) {
    if (i > 0) out += i + 1 == parts.size() ? " en " : ", ";
    out += parts[i];
  }
  return out;
}

std::string holiday_note(std::string_view date, std::string_view subject) {
  std::vector<std::string> holidays;
  for (const auto* h : shared::holidays_on(date))
    holidays.push_back(
        h->name + " (" +
        (h->regions.size() == 3 ? std::string("alle regio’s") : "regio " + dutch_list(h->regions)) +
        ")");
  if (holidays.empty()) return {};
  return "Let op: " + std::string(subject) + " valt in de " + dutch_list(holidays) + ".";
}

std::string dutch_date(std::string_view iso) {
  static constexpr const char* months[] = {"januari",   "februari", "maart",    "april",
                                           "mei",       "juni",     "juli",     "augustus",
                                           "september", "oktober",  "november", "december"};
  static constexpr const char* days[] = {"do", "vr", "za", "zo",
                                         "ma", "di", "wo"};  // 1970-01-01: do
  const auto d = shared::parse_date(iso);
  if (!d) return std::string(iso);
  const int month = std::stoi(std::string(iso.substr(5, 2)));
  const int day = std::stoi(std::string(iso.substr(8, 2)));
  const long weekday = ((*d % 7) + 7) % 7;
  return std::string(days[weekday]) + " " + std::to_string(day) + " " + months[month - 1] + " " +
         std::string(iso.substr(0, 4));
}

std::string short_date(std::string_view iso) {
  static constexpr const char* months[] = {"jan", "feb", "mrt", "apr", "mei", "jun",
                                           "jul", "aug", "sep", "okt", "nov", "dec"};
  if (!shared::parse_date(iso)) return std::string(iso);
  const int month = std::stoi(std::string(iso.substr(5, 2)));
  const int day = std::stoi(std::string(iso.substr(8, 2)));
  return std::to_string(day) + " " + months[month - 1];
}

void mark(const ui_context& ui, std::string_view name) {
  // A window scrolled wholly out of sight draws nothing: its last item is not this one.
  if (ui.probe == nullptr || ImGui::GetCurrentWindowRead()->SkipItems) return;
  const ImVec2 a = ImGui::GetItemRectMin();
  const ImVec2 b = ImGui::GetItemRectMax();
  mark_rect(ui, name, ImVec4(a.x, a.y, b.x, b.y));
}

void mark_rect(const ui_context& ui, std::string_view name, const ImVec4& rect,
               const ImVec4* clip) {
  if (ui.probe == nullptr) return;
  // A window in the frame Dear ImGui hides while it measures it (a popup that just opened)
  // is not yet where it will be drawn: a click aimed at this place would miss.
  const ImGuiWindow* window = ImGui::GetCurrentWindowRead();
  if (window->Hidden) return;
  (*ui.probe)[std::string(name)] = rect;
  if (ui.parents == nullptr) return;
  const ImVec2 c = ImGui::GetWindowDrawList()->GetClipRectMin();
  const ImVec2 d = ImGui::GetWindowDrawList()->GetClipRectMax();
  const ImRect inside = window->InnerRect;
  (*ui.parents)[std::string(name)] = {
      clip != nullptr ? *clip : ImVec4(c.x, c.y, d.x, d.y), window->ScrollMax.y > 0.0f,
      ImVec4(inside.Min.x, inside.Min.y, inside.Max.x, inside.Max.y)};
}

void watch_layout(std::vector<std::string>* problems) { layout_problems = problems; }

int filled_rows(const shared::document& d) {
  int n = 0;
  for (const auto& row : d.rows) {
    bool any = row.rating != 0;
    for (const auto& cell : row.cells) any = any || !cell.empty();
    n += any ? 1 : 0;
  }
  return n;
}

std::string today_of(const ui_context& ui) { return ui.today.empty() ? local_today() : ui.today; }

bool date_field(ui_context& ui, const char* id, std::string& buffer,
                const std::string& shared_value, float width, const std::function<void()>& beside) {
  ImGui::PushID(id);
  const bool typing = ImGui::GetActiveID() == ImGui::GetID("##date");
  if (!typing) buffer = shared_value;
  ImGui::SetNextItemWidth(width);
  ImGui::InputTextWithHint("##date", "jjjj-mm-dd", &buffer,
                           ImGuiInputTextFlags_CharsNoBlank | ImGuiInputTextFlags_AutoSelectAll);
  mark(ui, id);
  const bool done = ImGui::IsItemDeactivatedAfterEdit() && buffer != shared_value;
  if (beside) beside();
  if (typing && !buffer.empty() && !shared::parse_date(buffer)) {
    text_coloured(colours::attention, "jjjj-mm-dd");
  } else if (!buffer.empty() && shared::parse_date(buffer)) {
    text_coloured(colours::muted, dutch_date(buffer));
  }
  ImGui::PopID();
  return done;
}

}  // namespace jos::client
