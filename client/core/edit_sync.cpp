#include "client/core/edit_sync.hpp"

namespace jos::client {
namespace {

using shared::splice;

bool is_noop(const splice& s) { return s.del == 0 && s.ins.empty(); }

std::size_t to_byte(std::string_view text, std::size_t cp) { return shared::byte_offset(text, cp); }
std::size_t to_cp(std::string_view text, std::size_t byte) {
  return shared::code_points(text.substr(0, std::min(byte, text.size())));
}

}  // namespace

std::size_t map_position(std::size_t pos, const splice& s) {
  const std::size_t ins = shared::code_points(s.ins);
  if (pos <= s.pos) return pos;
  if (pos >= s.pos + s.del) return pos - s.del + ins;
  return s.pos + ins;
}

edit_sync_result sync_edit(std::string_view shown, std::string_view buffer, std::string_view model,
                           edit_cursor cursor) {
  edit_sync_result out;
  out.buffer = std::string(buffer);
  out.cursor = cursor;
  const bool typed = buffer != shown;
  const bool others = model != shown;
  if (!typed && !others) return out;

  std::vector<splice> mine;
  if (typed) {
    splice u = shared::diff_splice(shown, buffer);
    if (!is_noop(u)) mine.push_back(std::move(u));
  }
  // The others' edits since the last frame may lie on both sides of ours (several ops, or
  // one of several splices): found one by one, so that a splice spanning ours from one of
  // theirs to the next does not take our deletion for theirs and put the text back.
  std::vector<splice> theirs;
  if (others) theirs = shared::diff_splices(shown, model);
  // Ours after theirs (theirs already has its place in the replica), theirs after ours.
  auto t = shared::transform(mine, theirs, false);
  out.local = std::move(t.a);
  if (t.b.empty()) return out;

  // Cursor positions are bytes of the buffer before theirs is applied.
  std::size_t cp[3] = {to_cp(buffer, cursor.cursor), to_cp(buffer, cursor.selection_start),
                       to_cp(buffer, cursor.selection_end)};
  for (const auto& s : t.b) {
    shared::apply_splice(out.buffer, s);
    for (auto& p : cp) p = map_position(p, s);
  }
  out.cursor = {to_byte(out.buffer, cp[0]), to_byte(out.buffer, cp[1]), to_byte(out.buffer, cp[2])};
  out.buffer_changed = out.buffer != buffer;
  return out;
}

}  // namespace jos::client
