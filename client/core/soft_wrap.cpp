#include "client/core/soft_wrap.hpp"

#include <algorithm>

namespace jos::client {
namespace {

bool continuation(char c) { return (static_cast<unsigned char>(c) & 0xC0) == 0x80; }

}  // namespace

wrapped_text soft_wrap(std::string_view text, const line_fitter& fit) {
  wrapped_text out;
  out.display.reserve(text.size() + text.size() / 32);
  std::size_t start = 0;
  for (;;) {
    const std::size_t end = std::min(text.find('\n', start), text.size());
    std::string_view rest = text.substr(start, end - start);
    while (!rest.empty()) {
      std::size_t take = fit(rest);
      if (take >= rest.size()) break;
      // At least one whole code point per row, whatever the fitter says.
      if (take == 0) {
        take = 1;
        while (take < rest.size() && continuation(rest[take])) ++take;
      }
      while (take < rest.size() && continuation(rest[take])) ++take;
      if (take >= rest.size()) break;
      out.display.append(rest.substr(0, take));
      out.breaks.push_back(out.display.size());
      out.display.push_back('\n');
      rest.remove_prefix(take);
    }
    out.display.append(rest);
    if (end >= text.size()) break;
    out.display.push_back('\n');  // the text's own line break
    start = end + 1;
  }
  return out;
}

std::string strip_breaks(std::string_view display, const std::vector<std::size_t>& breaks) {
  std::string out;
  out.reserve(display.size());
  std::size_t from = 0;
  for (std::size_t b : breaks) {
    if (b < from || b >= display.size()) continue;
    out.append(display.substr(from, b - from));
    from = b + 1;
  }
  out.append(display.substr(std::min(from, display.size())));
  return out;
}

std::size_t display_to_text(const std::vector<std::size_t>& breaks, std::size_t display_offset) {
  // Each soft break before the offset is one byte the text does not have.
  const auto before =
      std::lower_bound(breaks.begin(), breaks.end(), display_offset) - breaks.begin();
  return display_offset - static_cast<std::size_t>(before);
}

std::size_t text_to_display(const std::vector<std::size_t>& breaks, std::size_t text_offset) {
  std::size_t shift = 0;
  for (std::size_t i = 0; i < breaks.size(); ++i) {
    // Break i sits at text offset breaks[i] - i; a position there shows after it.
    if (breaks[i] - i <= text_offset) {
      shift = i + 1;
    } else {
      break;
    }
  }
  return text_offset + shift;
}

std::vector<std::size_t> surviving_breaks(const wrapped_text& before, std::string_view edited) {
  const std::string_view old = before.display;
  std::size_t prefix = 0;
  const std::size_t shortest = std::min(old.size(), edited.size());
  while (prefix < shortest && old[prefix] == edited[prefix]) ++prefix;
  std::size_t suffix = 0;
  while (suffix < shortest - prefix &&
         old[old.size() - 1 - suffix] == edited[edited.size() - 1 - suffix])
    ++suffix;
  const std::size_t changed_end = old.size() - suffix;  // in `old`
  std::vector<std::size_t> out;
  for (std::size_t b : before.breaks) {
    if (b < prefix) {
      out.push_back(b);
    } else if (b >= changed_end) {
      out.push_back(b - old.size() + edited.size());
    }
  }
  return out;
}

line_fitter fixed_width_fitter(std::size_t columns) {
  return [columns](std::string_view line) -> std::size_t {
    std::size_t bytes = 0;
    std::size_t points = 0;
    std::size_t after_space = 0;  // bytes up to and including the last space in the row
    while (bytes < line.size()) {
      std::size_t next = bytes + 1;
      while (next < line.size() && continuation(line[next])) ++next;
      if (line[bytes] == ' ') {
        after_space = next;  // spaces may hang over the edge
      } else if (points >= columns) {
        break;
      }
      bytes = next;
      ++points;
    }
    if (bytes >= line.size()) return line.size();
    while (after_space < line.size() && line[after_space] == ' ') ++after_space;
    return after_space > 0 ? after_space : bytes;
  };
}

}  // namespace jos::client
