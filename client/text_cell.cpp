#include "client/text_cell.hpp"

#include <imgui_internal.h>
#include <imgui_stdlib.h>

#include <algorithm>

#include "client/core/client_core.hpp"
#include "client/core/edit_sync.hpp"

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

// "Anna typt…" on the top right of the field someone else is typing in, with a frame
// around the field, so everyone sees where the words are coming from.
void show_typing(const ui_context& ui, const shared::op::text_target& target) {
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
  const ImVec2 size = ImGui::CalcTextSize(label.c_str());
  const float pad = ui.px(3);
  // Inset from the right edge: a table cell clips at its padding.
  const ImVec2 at(std::max(min.x, max.x - size.x - 2 * pad - ui.px(6)), min.y);
  draw->AddRectFilled(at, ImVec2(at.x + size.x + 2 * pad, at.y + size.y), colour,
                      ImGui::GetStyle().FrameRounding);
  draw->AddText(ImVec2(at.x + pad, at.y), IM_COL32(255, 255, 255, 255), label.c_str());
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
    if (focus_) {
      ImGui::SetKeyboardFocusHere();
      focus_ = false;
    }
    const float rows = static_cast<float>(std::count(buffer_.begin(), buffer_.end(), '\n') + 2);
    const float height =
        std::max(min_height, rows * ImGui::GetTextLineHeight() + style.FramePadding.y * 2);
    model_ = &model;
    todo_ = &ui.todo;
    ImGui::InputTextMultiline("##edit", &buffer_, ImVec2(width, height),
                              ImGuiInputTextFlags_CallbackAlways, &text_cell::on_input, this);
    model_ = nullptr;
    todo_ = nullptr;
    if (ui.probe != nullptr) mark(ui, mark_name(target));
    show_typing(ui, target);
    ui.focus = target;
    ++frames_;
    // Done when the field lets go of the keyboard (click elsewhere, Escape, Tab).
    if (ImGui::IsItemDeactivated() || (frames_ > 2 && !ImGui::IsItemActive())) editing_.reset();
    ImGui::PopID();
    return true;
  }

  // Reading: wrapped text, framed when it can be edited.
  const ImVec2 start = ImGui::GetCursorScreenPos();
  const float pad = ImGui::GetStyle().FramePadding.x;
  const bool empty = model.empty();
  const char* shown = empty && editable ? placeholder : model.c_str();
  const char* shown_end = empty && editable ? nullptr : model.c_str() + model.size();
  const ImVec2 size = ImGui::CalcTextSize(shown, shown_end, false, width - 2 * pad);
  const ImVec2 box(width, std::max(min_height, size.y + 2 * ImGui::GetStyle().FramePadding.y));
  if (editable) {
    if (ImGui::InvisibleButton("##open", box)) {
      editing_ = target;
      focus_ = true;
      to_end_ = true;
      frames_ = 0;
    }
    const bool hovered = ImGui::IsItemHovered();
    if (hovered) ImGui::SetMouseCursor(ImGuiMouseCursor_TextInput);
    ImDrawList* draw = ImGui::GetWindowDrawList();
    draw->AddRectFilled(start, ImVec2(start.x + box.x, start.y + box.y),
                        ImGui::GetColorU32(hovered ? ImGuiCol_FrameBgHovered : ImGuiCol_FrameBg),
                        ImGui::GetStyle().FrameRounding);
    ImGui::SetCursorScreenPos(ImVec2(start.x + pad, start.y + ImGui::GetStyle().FramePadding.y));
  }
  ImGui::PushTextWrapPos(ImGui::GetCursorPosX() + width - (editable ? 2 * pad : 0));
  if (empty && editable) {
    ImGui::TextDisabled("%s", placeholder);
  } else {
    ImGui::TextUnformatted(shown, shown_end);
  }
  ImGui::PopTextWrapPos();
  if (editable) {
    ImGui::SetCursorScreenPos(ImVec2(start.x, start.y + box.y));
    ImGui::Dummy(ImVec2(0, 0));
  }
  // The whole cell as the last item, for the "who is typing" frame.
  const float drawn = ImGui::GetItemRectMax().y - start.y;
  ImGui::SetCursorScreenPos(start);
  ImGui::Dummy(ImVec2(width, editable ? box.y : drawn));
  if (ui.probe != nullptr) mark(ui, mark_name(target));
  show_typing(ui, target);
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
