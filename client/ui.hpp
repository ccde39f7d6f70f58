#pragma once
// What every view shares: the fonts, the scale, the intents collected while drawing, the
// navigation between screens, and a few drawing helpers. Views never change the replica
// while drawing; they push intents here and the app applies them after the frame.

#include <imgui.h>

#include <cstdint>
#include <functional>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "shared/ops.hpp"

namespace jos::client {

class client_core;

struct fonts {
  ImFont* regular = nullptr;
  ImFont* bold = nullptr;
  ImFont* large = nullptr;    // the factsheet and documents shown to the room
  ImFont* heading = nullptr;  // titles
};

// Changes found while drawing, applied in order once the frame is drawn.
struct intents {
  std::vector<shared::operation> ops;
  std::vector<std::function<void(client_core&)>> actions;
  void submit(shared::operation op) { ops.push_back(std::move(op)); }
  void act(std::function<void(client_core&)> f) { actions.push_back(std::move(f)); }
  bool empty() const { return ops.empty() && actions.empty(); }
};

enum class screen { overview, meeting };

struct ui_context {
  fonts font;
  float scale = 1.0f;
  intents todo;
  screen current = screen::overview;
  int selected_meeting = -1;  // the meeting the meeting view shows (-1: the active one)
  float px(float v) const { return v * scale; }
};

namespace colours {
inline const ImVec4 ok{0.13f, 0.55f, 0.25f, 1.0f};
inline const ImVec4 warning{0.80f, 0.12f, 0.10f, 1.0f};
inline const ImVec4 attention{0.80f, 0.45f, 0.00f, 1.0f};
inline const ImVec4 muted{0.45f, 0.45f, 0.48f, 1.0f};
inline const ImVec4 accent{0.10f, 0.35f, 0.65f, 1.0f};
}  // namespace colours

// Text helpers that take std::string_view (ImGui wants begin/end pointers).
void text(std::string_view s);
void text_wrapped(std::string_view s);
void text_coloured(const ImVec4& colour, std::string_view s);
void text_in(ImFont* font, std::string_view s, bool wrapped = true);
void heading(const ui_context& ui, std::string_view s);
// A "(?)" that explains on hover.
void help_marker(std::string_view s);

// "12:05" for durations in milliseconds ("-" signs are not used: overtime shows in colour).
std::string format_clock(std::int64_t ms);
// "ma 7 september 2026" from "2026-09-07"; the input unchanged if it is not a date.
std::string dutch_date(std::string_view iso);

}  // namespace jos::client
