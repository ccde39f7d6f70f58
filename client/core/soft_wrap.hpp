#pragma once
// Word wrap for the text editor. Dear ImGui 1.86's multi-line field does not wrap, so the
// client wraps for it: the field's buffer holds the text with soft line breaks ('\n')
// inserted where a line gets too wide; the positions of those are remembered, so that they
// never reach the shared text (see DESIGN.md, and the approach in ocornut/imgui#7363).
//
// All offsets here are bytes of UTF-8, as the field counts them.

#include <cstddef>
#include <functional>
#include <string>
#include <string_view>
#include <vector>

namespace jos::client {

// How many bytes of `line` (which has no '\n') go on its first row; line.size() if it all
// fits. Break after the spaces that end a word, never inside a UTF-8 sequence.
using line_fitter = std::function<std::size_t(std::string_view line)>;

struct wrapped_text {
  std::string display;              // the text with soft breaks
  std::vector<std::size_t> breaks;  // offsets in `display` of the soft breaks, ascending
};

wrapped_text soft_wrap(std::string_view text, const line_fitter& fit);

// The text without its soft breaks.
std::string strip_breaks(std::string_view display, const std::vector<std::size_t>& breaks);

// Offsets between the text and its display. A position on a soft break shows at the start
// of the next row.
std::size_t display_to_text(const std::vector<std::size_t>& breaks, std::size_t display_offset);
std::size_t text_to_display(const std::vector<std::size_t>& breaks, std::size_t text_offset);

// Someone typed in the field: which soft breaks of `before` are still soft breaks in
// `edited`. Those in the changed stretch are gone (they were deleted or typed over); the
// others keep their place or move with the text after the change.
std::vector<std::size_t> surviving_breaks(const wrapped_text& before, std::string_view edited);

// A fitter for fixed-width glyphs (tests, and a fallback): `columns` code points a row,
// broken after the last space that fits, or hard at `columns` for a longer word.
line_fitter fixed_width_fitter(std::size_t columns);

}  // namespace jos::client
