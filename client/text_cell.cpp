#include "client/text_cell.hpp"

#include <imgui_internal.h>
#include <imgui_stdlib.h>

#include "client/core/edit_sync.hpp"

namespace jos::client {

bool text_cell::draw(const char* id, const shared::op::text_target& target,
                     const std::string& model, bool editable, float width, float min_height,
                     ui_context& ui, const char* placeholder) {
  ImGui::PushID(id);
  const bool mine = editable && editing_ && *editing_ == target;
  if (!editable && editing_ && *editing_ == target) editing_.reset();  // the right was taken away

  if (mine) {
    const ImGuiID widget = ImGui::GetID("##edit");
    if (ImGui::GetActiveID() != widget) {
      // Not active (yet): the field shows the shared text as it is now.
      buffer_ = model;
      shown_ = model;
    }
    if (focus_) {
      ImGui::SetKeyboardFocusHere();
      focus_ = false;
    }
    const float line = ImGui::GetTextLineHeight();
    const ImVec2 content = ImGui::CalcTextSize(buffer_.c_str(), buffer_.c_str() + buffer_.size());
    const float height =
        std::max(min_height, content.y + line + ImGui::GetStyle().FramePadding.y * 2);
    model_ = &model;
    todo_ = &ui.todo;
    ImGui::InputTextMultiline("##edit", &buffer_, ImVec2(width, height),
                              ImGuiInputTextFlags_CallbackAlways, &text_cell::on_input, this);
    model_ = nullptr;
    todo_ = nullptr;
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
  ImGui::PopID();
  return false;
}

int text_cell::on_input(ImGuiInputTextCallbackData* data) {
  auto* self = static_cast<text_cell*>(data->UserData);
  if (data->EventFlag != ImGuiInputTextFlags_CallbackAlways || self->model_ == nullptr) return 0;
  const std::string_view buffer(data->Buf, static_cast<std::size_t>(data->BufTextLen));
  const edit_cursor cursor{static_cast<std::size_t>(data->CursorPos),
                           static_cast<std::size_t>(data->SelectionStart),
                           static_cast<std::size_t>(data->SelectionEnd)};
  auto result = sync_edit(self->shown_, buffer, *self->model_, cursor);
  if (!result.local.empty())
    self->todo_->submit(shared::op::edit_text{*self->editing_, std::move(result.local)});
  if (result.buffer_changed) {
    data->DeleteChars(0, data->BufTextLen);
    data->InsertChars(0, result.buffer.data(), result.buffer.data() + result.buffer.size());
    // The undo history describes the text before others changed it; replaying it now
    // would undo their words, so it starts afresh.
    if (ImGuiInputTextState* state = ImGui::GetInputTextState(ImGui::GetActiveID())) {
      state->Stb.undostate.undo_point = 0;
      state->Stb.undostate.undo_char_point = 0;
      state->Stb.undostate.redo_point = STB_TEXTEDIT_UNDOSTATECOUNT;
      state->Stb.undostate.redo_char_point = STB_TEXTEDIT_UNDOCHARCOUNT;
    }
  }
  data->CursorPos = static_cast<int>(result.cursor.cursor);
  data->SelectionStart = static_cast<int>(result.cursor.selection_start);
  data->SelectionEnd = static_cast<int>(result.cursor.selection_end);
  self->shown_ = std::move(result.buffer);
  return 0;
}

}  // namespace jos::client
