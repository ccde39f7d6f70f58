#include "shared/documents/render.hpp"

namespace jos::documents {

std::string to_text(const report& r) {
  std::string out = r.title + "\n";
  if (!r.subtitle.empty()) out += r.subtitle + "\n";
  for (const auto& b : r.blocks) {
    if (b.for_whom == block::audience::spreadsheet) continue;
    switch (b.type) {
      case block::kind::heading:
      case block::kind::subheading:
      case block::kind::paragraph:
      case block::kind::note: out += "\n" + b.text + "\n"; break;
      case block::kind::list:
        for (const auto& item : b.items) out += "- " + item + "\n";
        break;
      case block::kind::chart: break;
      case block::kind::table:
        out += "\n";
        for (const auto& row : b.grid.rows) {
          std::string line;
          for (std::size_t c = 0; c < row.size() && c < b.grid.headers.size(); ++c)
            if (!row[c].empty()) line += (line.empty() ? "" : " · ") + row[c];
          out += "- " + line + "\n";
        }
        break;
    }
  }
  return out;
}

}  // namespace jos::documents
