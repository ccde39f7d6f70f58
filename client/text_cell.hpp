#pragma once
// One shared text (a document cell or the minutes) as a widget. Readers see it wrapped;
// someone who may write sees a framed field that turns into an editor when clicked. While
// they type, edits by others keep arriving in the same field (see core/edit_sync.hpp), the
// field wraps its lines (core/soft_wrap.hpp), and every change becomes a text splice intent.

#include <imgui.h>

#include <optional>
#include <string>

#include "client/core/soft_wrap.hpp"
#include "client/ui.hpp"
#include "shared/ops.hpp"

namespace jos::client {

class text_cell {
 public:
  // `model` is the replica's current text. Returns true while this cell is being edited.
  bool draw(const char* id, const shared::op::text_target& target, const std::string& model,
            bool editable, float width, float min_height, ui_context& ui,
            const char* placeholder = "Klik om te schrijven…");
  bool editing() const { return editing_.has_value(); }
  void stop() {
    editing_.reset();
    early_.clear();
  }

 private:
  static int on_input(ImGuiInputTextCallbackData* data);

  std::optional<shared::op::text_target> editing_;
  bool focus_ = false;
  bool to_end_ = false;  // put the cursor at the end once the field is active
  int frames_ = 0;       // frames since editing began
  // Letters typed after the click that opened the field, before the field took the keyboard
  // (Dear ImGui drops what no active field reads at the end of each frame).
  ImVector<ImWchar> early_;
  std::string buffer_;    // the edit buffer (ImGui copies it while active): wrapped rows
  wrapped_text wrapped_;  // what the field held after the last sync, with its soft breaks
  std::string shown_;     // the same without soft breaks: the text as it was shared
  line_fitter fit_;       // how many bytes fit on a row of the field
  // Valid during draw() only, for the input callback.
  const std::string* model_ = nullptr;
  intents* todo_ = nullptr;
};

}  // namespace jos::client
