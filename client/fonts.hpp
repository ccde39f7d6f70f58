#pragma once
// The UI's typefaces: DejaVu Sans, regular and bold at the body size, larger for what is
// shown to the room, largest for titles; with the glyphs the Dutch UI and people's names
// need (Latin with its accents, typographic punctuation, arrows, the marker shapes and a
// few symbols). The app builds them for its scale (screen, zoom, presentation); tests build
// them to measure text as the window does.

#include <imgui.h>

#include "client/ui.hpp"

namespace jos::client {

// Fills `atlas` afresh with the faces for `scale` (1: 17 px body text), rasterised `raster`
// times finer for screens with more pixels than points (the app then draws them at
// 1 / raster). Without DejaVu Sans: Dear ImGui's own font, and a message on stderr.
fonts build_fonts(ImFontAtlas& atlas, float scale, float raster = 1.0f);

}  // namespace jos::client
