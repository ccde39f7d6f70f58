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

// A paragraph keeps its own line breaks (two spaces before a newline are a break in Markdown).
std::string lines(const std::string& text) {
  std::string out;
  for (char c : text) {
    if (c == '\n') out += "  ";
    out.push_back(c);
  }
  return out;
}

}  // namespace

std::string to_markdown(const report& r) {
  std::string out = "# " + r.title + "\n\n";
  if (!r.subtitle.empty()) out += "_" + r.subtitle + "_\n\n";
  for (const auto& b : r.blocks) {
    if (b.for_whom == block::audience::spreadsheet) continue;
    switch (b.type) {
      case block::kind::heading: out += "## " + b.text + "\n\n"; break;
      case block::kind::subheading: out += "### " + b.text + "\n\n"; break;
      case block::kind::paragraph: out += lines(b.text) + "\n\n"; break;
      case block::kind::note: out += "_" + lines(b.text) + "_\n\n"; break;
      case block::kind::list:
        for (const auto& item : b.items) out += "- " + lines(item) + "\n";
        out += "\n";
        break;
      case block::kind::chart: break;  // the table beside it holds the same numbers
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
