#pragma once
// Only characters jos can show go in. Dear ImGui 1.86, as Debian builds it, keeps text as
// 16-bit characters, so anything beyond the Basic Multilingual Plane (most emoji: 👍 🙂)
// arrives as U+FFFD; and DejaVu Sans has no emoji at all. Rather than storing a '?' or a '�'
// the writer never meant, such characters are refused where they come in, typed or pasted,
// with a Dutch message saying so.

#include <imgui.h>

#include <functional>
#include <string>
#include <string_view>

namespace jos::client {

inline constexpr const char* refused_characters =
    "Emoji en sommige andere tekens kan jos niet weergeven; ze zijn niet overgenomen. Schrijf "
    "het in woorden.";

// Whether `font` has a glyph for `c` (control characters count as showable: fields take
// them or leave them out by themselves).
bool showable(const ImFont& font, unsigned int c);
// `text` (UTF-8) without the characters `font` cannot show; `refused` is set when some were
// taken out.
std::string showable_part(const ImFont& font, std::string_view text, bool& refused);
// Takes what `font` cannot show out of this frame's typed characters (call right after
// ImGui::NewFrame()); true when it took something.
bool refuse_unshowable_typing(const ImFont& font);
// Pasting goes through the same filter: wraps io.GetClipboardTextFn (set by the backend)
// and calls `refused` when it took something out.
void guard_clipboard(const ImFont& font, std::function<void()> refused);

}  // namespace jos::client
