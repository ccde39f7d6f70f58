#include "shared/documents/render.hpp"

namespace jos::documents {
namespace {

std::string field(const std::string& text) {
  const bool quote = text.find_first_of(";\"\n\r") != std::string::npos;
  if (!quote) return text;
  std::string out = "\"";
  for (char c : text) {
    if (c == '"')
      out += "\"\"";
    else
      out.push_back(c);
  }
  return out + "\"";
}

void line(std::string& out, const std::vector<std::string>& fields) {
  for (std::size_t i = 0; i < fields.size(); ++i) {
    if (i > 0) out.push_back(';');
    out += field(fields[i]);
  }
  out += "\r\n";
}

}  // namespace

std::string to_csv(const report& r) {
  std::string out = "\xEF\xBB\xBF";  // UTF-8 byte order mark
  bool first = true;
  for (const auto& b : r.blocks) {
    if (b.type != block::kind::table || b.for_whom == block::audience::reader) continue;
    if (!first) out += "\r\n";
    first = false;
    line(out, b.grid.headers);
    for (const auto& row : b.grid.rows) line(out, row);
  }
  return out;
}

}  // namespace jos::documents
