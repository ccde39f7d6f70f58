#include "client/fonts.hpp"

#include <cstdio>
#include <string>

namespace jos::client {
namespace {

// Latin-1 and Latin Extended-A/B (ë, é, ï, ğ, ş, ș), Greek, Latin Extended Additional,
// General Punctuation (‘ ’ “ ” – …), the euro sign, arrows, mathematical operators, the
// shapes used as markers (● ○ ▶ ◀ □), symbols and dingbats (☺ ✓ ✗), and U+FFFD, shown where
// stored text holds a character beyond these (see characters.hpp).
const ImWchar glyph_ranges[] = {0x0020, 0x024F, 0x0370, 0x03FF, 0x1E00, 0x1EFF,
                                0x2010, 0x205E, 0x20AC, 0x20AC, 0x2190, 0x22FF,
                                0x25A0, 0x27BF, 0xFFFD, 0xFFFD, 0};

std::string find_font(const char* name) {
  // /fonts/ is where the browser client's page puts the fonts it was served.
  for (const char* dir : {"/fonts/", "/usr/share/fonts/truetype/dejavu/", "/usr/share/fonts/TTF/",
                          "/usr/share/fonts/dejavu/", "/usr/local/share/fonts/"}) {
    std::string path = std::string(dir) + name;
    if (std::FILE* f = std::fopen(path.c_str(), "rb")) {
      std::fclose(f);
      return path;
    }
  }
  return {};
}

}  // namespace

fonts build_fonts(ImFontAtlas& atlas, float scale, float raster) {
  atlas.Clear();
  fonts f;
  const std::string regular = find_font("DejaVuSans.ttf");
  const std::string bold = find_font("DejaVuSans-Bold.ttf");
  if (regular.empty() || bold.empty()) {
    std::fprintf(stderr, "jos-client: DejaVu Sans niet gevonden; letters als ë en ‘ ontbreken.\n");
    f.regular = atlas.AddFontDefault();
    f.bold = f.large = f.heading = f.regular;
    return f;
  }
  const float px = scale * raster;
  f.regular = atlas.AddFontFromFileTTF(regular.c_str(), 17.0f * px, nullptr, glyph_ranges);
  f.bold = atlas.AddFontFromFileTTF(bold.c_str(), 17.0f * px, nullptr, glyph_ranges);
  f.large = atlas.AddFontFromFileTTF(regular.c_str(), 21.0f * px, nullptr, glyph_ranges);
  f.heading = atlas.AddFontFromFileTTF(bold.c_str(), 24.0f * px, nullptr, glyph_ranges);
  atlas.Build();
  return f;
}

}  // namespace jos::client
