#include "shared/documents/render.hpp"

namespace jos::documents {
namespace {

// A table cell must stay on one line and must not close the cell early.
std::string cell(const std::string& text) {
  std::string out;
  for (char c : text) {
    if (c == '|')
      out += "\\|";
    else if (c == '\n')
      out += "<br>";
    else if (c != '\r')
      out.push_back(c);
  }
  return out.empty() ? " " : out;
}

}  // namespace

std::string to_markdown(const report& r) {
  std::string out = "# " + r.title + "\n\n";
  if (!r.subtitle.empty()) out += "_" + r.subtitle + "_\n\n";
  for (const auto& b : r.blocks) {
    switch (b.type) {
      case block::kind::heading: out += "## " + b.text + "\n\n"; break;
      case block::kind::paragraph: out += b.text + "\n\n"; break;
      case block::kind::table: {
        std::string sep = "|";
        out += "|";
        for (const auto& h : b.grid.headers) {
          out += " " + cell(h) + " |";
          sep += " --- |";
        }
        out += "\n" + sep + "\n";
        for (const auto& row : b.grid.rows) {
          out += "|";
          for (const auto& c : row) out += " " + cell(c) + " |";
          out += "\n";
        }
        out += "\n";
        break;
      }
    }
  }
  return out;
}

}  // namespace jos::documents
