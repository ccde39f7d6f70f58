#include "client/text_cell.hpp"

#include <imgui_internal.h>
#include <imgui_stdlib.h>

#include <algorithm>

#include "client/core/client_core.hpp"
#include "client/core/edit_sync.hpp"
#include "client/keyboard.hpp"

namespace jos::client {
namespace {

// Rows as ImGui would wrap them when drawing: after the last word that fits, the spaces
// after it hanging at the end of the row.
line_fitter imgui_fitter(ImFont* font, float size, float width) {
  return [font, size, width](std::string_view line) -> std::size_t {
    const char* begin = line.data();
    const char* end = begin + line.size();
    if (font->CalcTextSizeA(size, FLT_MAX, 0.0f, begin, end).x <= width) return line.size();
    const char* eol = font->CalcWordWrapPositionA(size / font->FontSize, begin, end, width);
    std::size_t take = static_cast<std::size_t>(eol - begin);
    while (take < line.size() && (line[take] == ' ' || line[take] == '\t')) ++take;
    return take;
  };
}

// "Anna typt…" at the top right of the field someone else is typing in, on its border and
// above its first line (never over the words being typed), with a frame around the field,
// so everyone sees where the words are coming from.
void show_typing(const ui_context& ui, const shared::op::text_target& target,
                 const std::string& name) {
  if (ui.core == nullptr) return;
  const auto others = ui.core->editing(target);
  if (others.empty()) return;
  std::string names;
  for (const auto id : others) {
    const shared::person* p = shared::find_person(ui.core->state(), id);
    if (p == nullptr) continue;
    if (!names.empty()) names += ", ";
    names += p->name;
  }
  if (names.empty()) return;
  const std::string label = names + (others.size() == 1 ? " typt…" : " typen…");
  const ImVec2 min = ImGui::GetItemRectMin();
  const ImVec2 max = ImGui::GetItemRectMax();
  ImDrawList* draw = ImGui::GetWindowDrawList();
  const ImU32 colour = ImGui::GetColorU32(colours::attention);
  draw->AddRect(min, max, colour, ImGui::GetStyle().FrameRounding, 0, ui.px(2));
  ImFont* font = ImGui::GetFont();
  const float size = ImGui::GetFontSize() * 0.8f;
  const ImVec2 text = font->CalcTextSizeA(size, FLT_MAX, 0.0f, label.c_str());
  const float pad = ui.px(4);
  // Its lower edge just above where the text begins (the field's top padding), the rest in
  // the gap between this row and the one above.
  const float bottom = min.y + ImGui::GetStyle().FramePadding.y - ui.px(1);
  const ImVec2 at(std::max(min.x, max.x - text.x - 2 * pad - ui.px(6)), bottom - text.y);
  const ImVec2 end(at.x + text.x + 2 * pad, bottom);
  // Drawn over the cell's own clipping, within the window's.
  const ImGuiWindow* window = ImGui::GetCurrentWindowRead();
  draw->PushClipRect(window->InnerClipRect.Min, window->InnerClipRect.Max, false);
  draw->AddRectFilled(at, end, colour, ImGui::GetStyle().FrameRounding);
  draw->AddText(font, size, ImVec2(at.x + pad, at.y), IM_COL32(255, 255, 255, 255), label.c_str());
  draw->PopClipRect();
  const ImVec4 clip(window->InnerClipRect.Min.x, window->InnerClipRect.Min.y,
                    window->InnerClipRect.Max.x, window->InnerClipRect.Max.y);
  mark_rect(ui, "typing/" + name, ImVec4(at.x, at.y, end.x, end.y), &clip);
}

// The name a test finds this text under (see mark()): "text/<document>/<row>/<column>",
// "minutes/<meeting>" or, at an agenda item, "minutes/<meeting>/<item>[/besloten]".
std::string mark_name(const shared::op::text_target& t) {
  if (t.minutes && t.item >= 0)
    return "minutes/" + std::to_string(t.meeting) + "/" + std::to_string(t.item) +
           (t.decided ? "/besloten" : "");
  if (t.minutes) return "minutes/" + std::to_string(t.meeting);
  return "text/" + std::to_string(static_cast<int>(t.document)) + "/" + std::to_string(t.row) +
         "/" + std::to_string(t.column);
}

// Moves what was typed this frame and not read by a field into `kept`.
void keep_typed(ImVector<ImWchar>& kept) {
  ImVector<ImWchar>& queue = ImGui::GetIO().InputQueueCharacters;
  for (const ImWchar c : queue) kept.push_back(c);
  queue.resize(0);
}

}  // namespace

bool text_cell::draw(const char* id, const shared::op::text_target& target,
                     const std::string& model, bool editable, float width, float min_height,
                     ui_context& ui, const char* placeholder) {
  ImGui::PushID(id);
  const bool mine = editable && editing_ && *editing_ == target;
  if (!editable && editing_ && *editing_ == target) editing_.reset();  // the right was taken away

  if (mine) {
    const ImGuiID widget = ImGui::GetID("##edit");
    const ImGuiStyle& style = ImGui::GetStyle();
    const float wrap = std::max(ui.px(40), width - 2 * style.FramePadding.x - style.ScrollbarSize);
    fit_ = imgui_fitter(ImGui::GetFont(), ImGui::GetFontSize(), wrap);
    if (ImGui::GetActiveID() != widget) {
      // Not active (yet): the field shows the shared text as it is now.
      wrapped_ = soft_wrap(model, fit_);
      buffer_ = wrapped_.display;
      shown_ = model;
    }
    if (ImGui::GetActiveID() != widget) {
      // Not the keyboard's yet, and in the frame it becomes so, Dear ImGui drops what was
      // typed: keep the letters for the frame after.
      keep_typed(early_);
      // Until it is, the app draws frames at the cursor's pace instead of sleeping: the
      // letters kept never wait for the next key, however long frames take.
      GImGui->WantTextInputNextFrame = 1;
    } else if (!early_.empty()) {
      // The letters typed since the click go first, as if typed now.
      ImVector<ImWchar>& queue = ImGui::GetIO().InputQueueCharacters;
      for (const ImWchar c : queue) early_.push_back(c);
      queue.swap(early_);
      early_.clear();
    }
    if (focus_) {
      ImGui::SetKeyboardFocusHere();
      focus_ = false;
    }
    // As tall as the same text read (below): opening the field moves no row.
    const float rows = static_cast<float>(std::count(buffer_.begin(), buffer_.end(), '\n') + 1);
    const float height =
        std::max(min_height, rows * ImGui::GetTextLineHeight() + style.FramePadding.y * 2);
    model_ = &model;
    todo_ = &ui.todo;
    ImGui::InputTextMultiline("##edit", &buffer_, ImVec2(width, height),
                              ImGuiInputTextFlags_CallbackAlways, &text_cell::on_input, this);
    model_ = nullptr;
    todo_ = nullptr;
    const std::string name = mark_name(target);
    mark(ui, name);
    show_typing(ui, target, name);
    ui.focus = target;
    ++frames_;
    // Done when the field lets go of the keyboard (click elsewhere, Escape, Tab).
    if (ImGui::IsItemDeactivated() || (frames_ > 2 && !ImGui::IsItemActive())) stop();
    ImGui::PopID();
    return true;
  }

  // Reading: wrapped text where the field would wrap it, framed when it can be edited.
  const ImGuiStyle& style = ImGui::GetStyle();
  const ImVec2 start = ImGui::GetCursorScreenPos();
  const float wrap = std::max(ui.px(40), width - 2 * style.FramePadding.x - style.ScrollbarSize);
  const bool empty = model.empty();
  const char* shown = empty && editable ? placeholder : model.c_str();
  const char* shown_end = empty && editable ? nullptr : model.c_str() + model.size();
  const ImVec2 size = ImGui::CalcTextSize(shown, shown_end, false, wrap);
  const float text_height = size.y + 2 * style.FramePadding.y;
  const ImVec2 box(width, editable ? std::max(min_height, text_height) : text_height);
  if (editable) {
    bool open = false;
    {
      const tab_stops stops;  // Tab from the field before opens this one
      open = ImGui::InvisibleButton("##open", box);
    }
    open = open || GImGui->NavActivateInputId == ImGui::GetItemID();
    if (open) {
      editing_ = target;
      focus_ = true;
      to_end_ = true;
      frames_ = 0;
      early_.clear();
      keep_typed(early_);  // typed in the frame of the click
    }
    const bool hovered = ImGui::IsItemHovered();
    if (hovered) ImGui::SetMouseCursor(ImGuiMouseCursor_TextInput);
    ImDrawList* draw = ImGui::GetWindowDrawList();
    draw->AddRectFilled(start, ImVec2(start.x + box.x, start.y + box.y),
                        ImGui::GetColorU32(hovered ? ImGuiCol_FrameBgHovered : ImGuiCol_FrameBg),
                        style.FrameRounding);
    if (style.FrameBorderSize > 0.0f)  // edged as Dear ImGui's own fields are
      draw->AddRect(start, ImVec2(start.x + box.x, start.y + box.y),
                    ImGui::GetColorU32(ImGuiCol_Border), style.FrameRounding, 0,
                    style.FrameBorderSize);
  }
  const ImVec2 text_at(start.x + style.FramePadding.x, start.y + style.FramePadding.y);
  ImGui::SetCursorScreenPos(text_at);
  ImGui::PushTextWrapPos(ImGui::GetCursorPosX() + wrap);
  if (empty && editable) {
    ImGui::TextDisabled("%s", placeholder);
  } else {
    ImGui::TextUnformatted(shown, shown_end);
  }
  ImGui::PopTextWrapPos();
  // The whole cell as the last item, for the marks and the "who is typing" frame.
  ImGui::SetCursorScreenPos(start);
  ImGui::Dummy(box);
  const std::string name = mark_name(target);
  mark(ui, name);
  mark_rect(ui, name + "/lines",
            ImVec4(text_at.x, text_at.y, text_at.x + size.x, text_at.y + size.y));
  show_typing(ui, target, name);
  ImGui::PopID();
  return false;
}

int text_cell::on_input(ImGuiInputTextCallbackData* data) {
  auto* self = static_cast<text_cell*>(data->UserData);
  if (data->EventFlag != ImGuiInputTextFlags_CallbackAlways || self->model_ == nullptr) return 0;
  const std::string_view edited(data->Buf, static_cast<std::size_t>(data->BufTextLen));
  // Back from the field's rows to the text: drop the soft breaks the typing left alone.
  const auto breaks = surviving_breaks(self->wrapped_, edited);
  const std::string typed = strip_breaks(edited, breaks);
  const edit_cursor cursor{display_to_text(breaks, static_cast<std::size_t>(data->CursorPos)),
                           display_to_text(breaks, static_cast<std::size_t>(data->SelectionStart)),
                           display_to_text(breaks, static_cast<std::size_t>(data->SelectionEnd))};
  auto result = sync_edit(self->shown_, typed, *self->model_, cursor);
  if (!result.local.empty())
    self->todo_->submit(shared::op::edit_text{*self->editing_, std::move(result.local)});

  // And back to rows, wrapped for the field's width as it is now.
  self->wrapped_ = soft_wrap(result.buffer, self->fit_);
  const bool replace = self->wrapped_.display != edited;
  if (replace) {
    data->DeleteChars(0, data->BufTextLen);
    const std::string& shown = self->wrapped_.display;
    data->InsertChars(0, shown.data(), shown.data() + shown.size());
    // The undo history describes the rows before others' words or the wrapping moved them;
    // replaying it now would damage the text, so it starts afresh.
    if (ImGuiInputTextState* state = ImGui::GetInputTextState(ImGui::GetActiveID())) {
      state->Stb.undostate.undo_point = 0;
      state->Stb.undostate.undo_char_point = 0;
      state->Stb.undostate.redo_point = STB_TEXTEDIT_UNDOSTATECOUNT;
      state->Stb.undostate.redo_char_point = STB_TEXTEDIT_UNDOCHARCOUNT;
    }
  }
  // A cursor at the end of a row and at the start of the next are the same place in the
  // text; leave it where the user put it unless the rows changed under it.
  if (self->to_end_) {
    // Just opened: continue where the text ends (not at its start, not over a selection).
    self->to_end_ = false;
    const auto end = static_cast<int>(self->wrapped_.display.size());
    data->CursorPos = data->SelectionStart = data->SelectionEnd = end;
  } else if (replace || !(result.cursor == cursor)) {
    const auto& b = self->wrapped_.breaks;
    data->CursorPos = static_cast<int>(text_to_display(b, result.cursor.cursor));
    data->SelectionStart = static_cast<int>(text_to_display(b, result.cursor.selection_start));
    data->SelectionEnd = static_cast<int>(text_to_display(b, result.cursor.selection_end));
  }
  self->shown_ = std::move(result.buffer);
  return 0;
}

}  // namespace jos::client
