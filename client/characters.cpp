#include "client/characters.hpp"

#include <imgui_internal.h>

namespace jos::client {
namespace {

// The clipboard as the backend reads it, and what pasting may hand on.
struct clipboard_guard {
  const char* (*read)(void*) = nullptr;
  void* user_data = nullptr;
  const ImFont* font = nullptr;
  std::function<void()> refused;
  std::string kept;  // what ImGui gets; lives until the next read
};

clipboard_guard& guard() {
  static clipboard_guard g;
  return g;
}

const char* read_guarded(void*) {
  clipboard_guard& g = guard();
  const char* text = g.read != nullptr ? g.read(g.user_data) : nullptr;
  if (text == nullptr || g.font == nullptr) return text;
  bool refused = false;
  g.kept = showable_part(*g.font, text, refused);
  if (refused && g.refused) g.refused();
  return g.kept.c_str();
}

}  // namespace

bool showable(const ImFont& font, unsigned int c) {
  if (c < 0x20 || c == 0x7F) return true;
  if (c > 0xFFFF || c == IM_UNICODE_CODEPOINT_INVALID) return false;
  return font.FindGlyphNoFallback(static_cast<ImWchar>(c)) != nullptr;
}

std::string showable_part(const ImFont& font, std::string_view text, bool& refused) {
  std::string out;
  out.reserve(text.size());
  const char* p = text.data();
  const char* end = text.data() + text.size();
  while (p < end) {
    unsigned int c = 0;
    const int length = ImTextCharFromUtf8(&c, p, end);
    if (length <= 0) break;
    if (showable(font, c)) {
      out.append(p, static_cast<std::size_t>(length));
    } else {
      refused = true;
    }
    p += length;
  }
  return out;
}

bool refuse_unshowable_typing(const ImFont& font) {
  ImVector<ImWchar>& queue = ImGui::GetIO().InputQueueCharacters;
  bool refused = false;
  int kept = 0;
  for (int i = 0; i < queue.Size; ++i) {
    if (showable(font, queue[i])) {
      queue[kept++] = queue[i];
    } else {
      refused = true;
    }
  }
  queue.resize(kept);
  return refused;
}

void guard_clipboard(const ImFont& font, std::function<void()> refused) {
  ImGuiIO& io = ImGui::GetIO();
  clipboard_guard& g = guard();
  if (io.GetClipboardTextFn != read_guarded) {
    g.read = io.GetClipboardTextFn;
    g.user_data = io.ClipboardUserData;
    io.GetClipboardTextFn = read_guarded;
  }
  g.font = &font;
  g.refused = std::move(refused);
}

}  // namespace jos::client
