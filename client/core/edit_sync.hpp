#pragma once
// Keeps a text field that someone is typing in, and the shared text it edits, in step.
//
// Each frame the field's buffer may hold the user's typing, and the replica's text may hold
// edits from others that arrived meanwhile. Both started from `shown` (what the buffer held
// after the previous frame). The user's edit is rebased past the others' (theirs first, as
// on the server) and becomes the splices to submit; the others' edit is rebased past the
// user's and applied to the buffer, with the cursor and selection moved along, so nobody's
// typing is lost and nobody's cursor jumps. No ImGui here: the GUI calls this from its
// input callback, the tests call it directly.

#include <cstddef>
#include <string>
#include <string_view>
#include <vector>

#include "shared/text.hpp"

namespace jos::client {

struct edit_cursor {
  std::size_t cursor = 0;  // byte offsets in the buffer
  std::size_t selection_start = 0;
  std::size_t selection_end = 0;
  bool operator==(const edit_cursor&) const = default;
};

struct edit_sync_result {
  std::string buffer;                 // what the field must hold now
  edit_cursor cursor;                 // moved along with the others' edit
  std::vector<shared::splice> local;  // the user's edit, to apply to `model` (empty: none)
  bool buffer_changed = false;        // buffer differs from the one passed in
};

edit_sync_result sync_edit(std::string_view shown, std::string_view buffer, std::string_view model,
                           edit_cursor cursor);

// Where a code point position ends up after a splice: before an insertion at the same place,
// at the end of the replacement if it was inside deleted text.
std::size_t map_position(std::size_t pos, const shared::splice& s);

}  // namespace jos::client
