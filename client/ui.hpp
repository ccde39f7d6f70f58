#pragma once
// What every view shares: the fonts, the scale, the intents collected while drawing, the
// navigation between screens, and a few drawing helpers. Views never change the replica
// while drawing; they push intents here and the app applies them after the frame.

#include <imgui.h>

#include <cstdint>
#include <functional>
#include <map>
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

enum class screen { overview, meeting, documents };

// What the documents screen shows: one of the documents, the comparison of the two
// Signaleringsinstrumenten, or the Factsheet.
struct shown_document {
  bool comparison = false;
  shared::document_id document = shared::document_id::signalering_begin;
  bool factsheet = false;
};

struct ui_context {
  fonts font;
  float scale = 1.0f;       // screen scale × the reader's zoom (× the presentation's)
  int zoom_percent = 100;   // the reader's zoom, for the status bar
  int zoom_change = 0;      // asked this frame: +1 / −1 a step, else by so many percent
  bool presenting = false;  // the beamer: the current item and its form, large, nothing else
  intents todo;
  screen current = screen::overview;
  int selected_meeting = -1;  // the meeting the meeting view shows (-1: the active one)
  int finished_meeting = -1;  // the meeting just closed, until another starts (see navigation)
  shown_document shown;       // on the documents screen
  // A view asks for the "Documenten opslaan" dialog of this meeting; the app opens it.
  std::optional<int> export_request;
  // ... for the invitation to this meeting with what goes with it.
  std::optional<int> invitation_request;
  // ... for the Factsheet and the empty forms, to print before a meeting.
  bool forms_request = false;
  // Today as yyyy-mm-dd; empty: the computer's date. Tests and screenshots fix it.
  std::string today;
  // The core being drawn (for widgets that show who is doing what); set by the app.
  const client_core* core = nullptr;
  // The shared text this client is typing in, found while drawing; announced afterwards.
  std::optional<shared::op::text_target> focus;
  // The browser client speaks only to the server that served its page: no address to type.
  bool fixed_server = false;
  // Tests only: where named items were drawn in the last frame (see mark()), and what held
  // each of them.
  std::map<std::string, ImVec4, std::less<>>* probe = nullptr;
  std::map<std::string, struct placement, std::less<>>* parents = nullptr;
  float px(float v) const { return v * scale; }
};

// What a named item was drawn in: the rectangle it was clipped to (its window, table column
// or cell, as min x, min y, max x, max y) and whether that window scrolls vertically (then
// the item may lie outside it and be reached by scrolling).
struct placement {
  ImVec4 clip;
  bool scrolls = false;
  ImVec4 window{};  // the window's inside (where the mouse wheel scrolls it)
};

// Records the last item's rectangle (min x, min y, max x, max y) under `name` when a test
// listens, and what it was drawn in; costs nothing otherwise.
void mark(const ui_context& ui, std::string_view name);
// The same for a rectangle drawn without an item (`clip`: what holds it, if not the clip
// rectangle in force).
void mark_rect(const ui_context& ui, std::string_view name, const ImVec4& rect,
               const ImVec4* clip = nullptr);
// Tests only: while `problems` is set, text drawn through the helpers below is checked for
// words broken inside (a word wider than the room it wraps in) and for lines cut off at the
// edge of what holds them; each finding is added as a Dutch-free one-line description.
void watch_layout(std::vector<std::string>* problems);
// How many onderdelen of a document hold a rating or any text.
int filled_rows(const shared::document& d);
// Today's date (yyyy-mm-dd): ui.today if set, else the computer's local date.
std::string today_of(const ui_context& ui);

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
// A tinted box with a border around what is drawn between begin_band() and end_band(), as
// tall as what it holds (Dear ImGui 1.86's child windows cannot size themselves to that).
void begin_band(const ui_context& ui);
void end_band(const ui_context& ui, const ImVec4& fill, const ImVec4& border);
// Rows that reflow: puts the next item (`width` wide) beside the last one when it fits on
// that line, else on the next. button_width() is what a button with `label` needs.
void next_in_row(float width);
float button_width(std::string_view label);
// `s` as it fits in `width` with the current font: whole, or its start and end with "…"
// between them.
std::string elided(std::string_view s, float width);
// The widest word of `s` (words never break inside; a column narrower than this does).
float widest_word(std::string_view s);
// The header row of the current table, each header wrapped in its column (Dear ImGui's own
// header row cuts a long one off with "…"); in `font` if given.
void table_headers(ImFont* font = nullptr);
// A dialog's width: `width` (unscaled), or less on a window too narrow for it.
float dialog_width(const ui_context& ui, float width);
// A "(?)" that explains on hover.
void help_marker(std::string_view s);
// Whether the team holds uitvoerders and managers of both sides: `complete` in green, or
// `missing` in colour with what is missing below it. True when complete.
bool representation_status(const shared::trajectory& t, std::string_view complete,
                           std::string_view missing);

// "a", "a en b", "a, b en c".
std::string dutch_list(const std::vector<std::string>& parts);
// "Let op: deze datum valt in de herfstvakantie (regio midden en zuid)." for a date
// (yyyy-mm-dd) in a Dutch school holiday, with `subject` for "deze datum"; empty otherwise.
std::string holiday_note(std::string_view date, std::string_view subject = "deze datum");
// "ma 7 september 2026" from "2026-09-07"; the input unchanged if it is not a date.
std::string dutch_date(std::string_view iso);
// "7 sep" from "2026-09-07": for narrow columns; the input unchanged if it is not a date.
std::string short_date(std::string_view iso);
// A date field: `buffer` follows `shared_value` unless the user is typing in it. Returns true
// once the user leaves the field with a changed value (then `buffer` holds it). Shows the
// Dutch date below it, or a warning for text that is not a date.
// `beside` draws more on the field's own line (before the line below it).
bool date_field(ui_context& ui, const char* id, std::string& buffer,
                const std::string& shared_value, float width,
                const std::function<void()>& beside = {});

}  // namespace jos::client
