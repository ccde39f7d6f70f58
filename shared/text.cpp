#include "shared/text.hpp"

#include <algorithm>

namespace jos::shared {
namespace {

bool is_continuation(unsigned char c) { return (c & 0xC0U) == 0x80U; }

// The code points of well-formed UTF-8, each as the bytes that spell it.
std::vector<std::string_view> split_code_points(std::string_view s) {
  std::vector<std::string_view> out;
  std::size_t i = 0;
  while (i < s.size()) {
    std::size_t end = i + 1;
    while (end < s.size() && is_continuation(static_cast<unsigned char>(s[end]))) ++end;
    out.push_back(s.substr(i, end - i));
    i = end;
  }
  return out;
}

}  // namespace

bool valid_utf8(std::string_view s) {
  std::size_t i = 0;
  while (i < s.size()) {
    const auto c = static_cast<unsigned char>(s[i]);
    std::size_t len = 0;
    char32_t cp = 0;
    if (c < 0x80U) {
      ++i;
      continue;
    }
    if ((c & 0xE0U) == 0xC0U) {
      len = 2;
      cp = c & 0x1FU;
    } else if ((c & 0xF0U) == 0xE0U) {
      len = 3;
      cp = c & 0x0FU;
    } else if ((c & 0xF8U) == 0xF0U) {
      len = 4;
      cp = c & 0x07U;
    } else {
      return false;
    }
    if (i + len > s.size()) return false;
    for (std::size_t k = 1; k < len; ++k) {
      const auto cc = static_cast<unsigned char>(s[i + k]);
      if (!is_continuation(cc)) return false;
      cp = (cp << 6U) | (cc & 0x3FU);
    }
    const bool overlong =
        (len == 2 && cp < 0x80) || (len == 3 && cp < 0x800) || (len == 4 && cp < 0x10000);
    if (overlong || cp > 0x10FFFF || (cp >= 0xD800 && cp <= 0xDFFF)) return false;
    i += len;
  }
  return true;
}

bool printable_text(std::string_view s) {
  return std::none_of(s.begin(), s.end(), [](char ch) {
    const auto c = static_cast<unsigned char>(ch);
    return (c < 0x20U && c != '\n' && c != '\t') || c == 0x7FU;
  });
}

namespace {

// The code point that starts at s[i] (well-formed UTF-8), and its length.
char32_t decode_at(std::string_view s, std::size_t i, std::size_t& length) {
  const auto lead = static_cast<unsigned char>(s[i]);
  if (lead < 0x80) {
    length = 1;
    return lead;
  }
  length = lead >= 0xF0 ? 4 : lead >= 0xE0 ? 3 : 2;
  char32_t cp = lead & (0x3F >> (length - 1));
  for (std::size_t k = 1; k < length && i + k < s.size(); ++k)
    cp = (cp << 6) | (static_cast<unsigned char>(s[i + k]) & 0x3F);
  return cp;
}

bool invisible(char32_t c) {
  struct range {
    char32_t from, to;
  };
  static constexpr range ranges[] = {
      {0x0080, 0x009F},    // C1 controls, U+0085 next line among them
      {0x00AD, 0x00AD},    // soft hyphen
      {0x034F, 0x034F},    // combining grapheme joiner
      {0x061C, 0x061C},    // Arabic letter mark
      {0x115F, 0x1160},    // Hangul fillers
      {0x17B4, 0x17B5},    // Khmer inherent vowels
      {0x180B, 0x180F},    // Mongolian variation selectors and vowel separator
      {0x200B, 0x200F},    // zero-width space, (non-)joiner, direction marks
      {0x2028, 0x202E},    // line and paragraph separators, embeddings and overrides
      {0x2060, 0x206F},    // word joiner, invisible operators, isolates
      {0x3164, 0x3164},    // Hangul filler
      {0xFE00, 0xFE0F},    // variation selectors
      {0xFEFF, 0xFEFF},    // byte order mark, zero-width no-break space
      {0xFFA0, 0xFFA0},    // halfwidth Hangul filler
      {0xFFF0, 0xFFFB},    // interlinear annotation and other specials
      {0x1D173, 0x1D17A},  // musical formatting
      {0xE0000, 0xE0FFF},  // tags, variation selectors supplement
  };
  for (const auto& r : ranges)
    if (c >= r.from && c <= r.to) return true;
  return false;
}

}  // namespace

bool has_invisible(std::string_view s) {
  for (std::size_t i = 0; i < s.size();) {
    std::size_t length = 1;
    if (invisible(decode_at(s, i, length))) return true;
    i += length;
  }
  return false;
}

std::size_t code_points(std::string_view s) {
  return static_cast<std::size_t>(std::count_if(
      s.begin(), s.end(), [](char c) { return !is_continuation(static_cast<unsigned char>(c)); }));
}

std::size_t byte_offset(std::string_view s, std::size_t cp) {
  std::size_t i = 0;
  while (i < s.size() && cp > 0) {
    ++i;
    while (i < s.size() && is_continuation(static_cast<unsigned char>(s[i]))) ++i;
    --cp;
  }
  return i;
}

void apply_splice(std::string& text, const splice& s) {
  const std::size_t from = byte_offset(text, s.pos);
  const std::size_t to = from + byte_offset(std::string_view(text).substr(from), s.del);
  text.replace(from, to - from, s.ins);
}

splice diff_splice(std::string_view before, std::string_view after) {
  std::size_t prefix = 0;
  const std::size_t max_prefix = std::min(before.size(), after.size());
  while (prefix < max_prefix && before[prefix] == after[prefix]) ++prefix;
  // Never cut inside a code point: back up to its first byte.
  // At the end of `before` look at `after` (they share every byte up to here): reading
  // before[before.size()] would run past the caller's buffer.
  const auto inside_code_point = [&](std::size_t i) {
    const std::string_view s = i < before.size() ? before : after;
    return i < s.size() && is_continuation(static_cast<unsigned char>(s[i]));
  };
  while (prefix > 0 && inside_code_point(prefix)) --prefix;

  std::size_t suffix = 0;
  const std::size_t max_suffix = std::min(before.size(), after.size()) - prefix;
  while (suffix < max_suffix &&
         before[before.size() - 1 - suffix] == after[after.size() - 1 - suffix])
    ++suffix;
  // The suffix must start on a code point boundary in both strings.
  while (suffix > 0 && is_continuation(static_cast<unsigned char>(before[before.size() - suffix])))
    --suffix;

  splice out;
  out.pos = code_points(before.substr(0, prefix));
  out.del = code_points(before.substr(prefix, before.size() - prefix - suffix));
  out.ins = std::string(after.substr(prefix, after.size() - prefix - suffix));
  return out;
}

std::vector<splice> diff_splices(std::string_view before, std::string_view after,
                                 std::size_t max_changes) {
  // The common prefix and suffix first; a pure insertion or deletion is exact already.
  const splice whole = diff_splice(before, after);
  if (whole.del == 0 && whole.ins.empty()) return {};
  if (whole.del == 0 || whole.ins.empty()) return {whole};
  const std::size_t from = byte_offset(before, whole.pos);
  const auto a =
      split_code_points(before.substr(from, byte_offset(before.substr(from), whole.del)));
  const auto b = split_code_points(whole.ins);
  const int n = static_cast<int>(a.size());
  const int m = static_cast<int>(b.size());
  const int max_d = static_cast<int>(std::min<std::size_t>(a.size() + b.size(), max_changes));

  // Myers: v[k] is the furthest x reached on diagonal k = x - y with d changes; each
  // round's v is kept to walk the path back.
  const int offset = max_d + 1;
  std::vector<int> v(static_cast<std::size_t>(2 * max_d + 3), 0);
  const auto at = [offset](std::vector<int>& w, int k) -> int& {
    const int index = k + offset;
    return w[static_cast<std::size_t>(index)];
  };
  std::vector<std::vector<int>> trace;
  int found = -1;
  for (int d = 0; d <= max_d && found < 0; ++d) {
    trace.push_back(v);
    for (int k = -d; k <= d; k += 2) {
      int x = k == -d || (k != d && at(v, k - 1) < at(v, k + 1)) ? at(v, k + 1) : at(v, k - 1) + 1;
      int y = x - k;
      while (x < n && y < m && a[static_cast<std::size_t>(x)] == b[static_cast<std::size_t>(y)]) {
        ++x;
        ++y;
      }
      at(v, k) = x;
      if (x >= n && y >= m) {
        found = d;
        break;
      }
    }
  }
  if (found < 0) return {whole};

  // Back along the path: each change deletes a[x] or inserts b[y] before a[x].
  struct change {
    bool insert;
    int x;
    int y;
  };
  std::vector<change> changes;
  int x = n;
  int y = m;
  for (int d = found; d > 0; --d) {
    auto& w = trace[static_cast<std::size_t>(d)];
    const int k = x - y;
    const bool insert = k == -d || (k != d && at(w, k - 1) < at(w, k + 1));
    const int prev_k = insert ? k + 1 : k - 1;
    const int prev_x = at(w, prev_k);
    changes.push_back({insert, prev_x, prev_x - prev_k});
    x = prev_x;
    y = prev_x - prev_k;
  }
  std::reverse(changes.begin(), changes.end());

  // Runs of changes at one place become one splice; positions move with the ones before.
  std::vector<splice> out;
  std::ptrdiff_t shift = 0;
  std::size_t end = 0;  // in `a`: where the last splice's deletion ends
  for (const auto& c : changes) {
    if (out.empty() || static_cast<std::size_t>(c.x) != end) {
      if (!out.empty())
        shift += static_cast<std::ptrdiff_t>(code_points(out.back().ins)) -
                 static_cast<std::ptrdiff_t>(out.back().del);
      out.push_back(
          {static_cast<std::size_t>(static_cast<std::ptrdiff_t>(whole.pos) + c.x + shift), 0, {}});
      end = static_cast<std::size_t>(c.x);
    }
    if (c.insert) {
      out.back().ins += b[static_cast<std::size_t>(c.y)];
    } else {
      ++out.back().del;
      ++end;
    }
  }
  return out;
}

std::vector<splice> transform(const splice& a, const splice& b, bool a_first) {
  const std::size_t b_ins = code_points(b.ins);
  const std::size_t a_end = a.pos + a.del;
  const std::size_t b_end = b.pos + b.del;
  // Where a position of the original text lands once b is applied.
  const auto shifted = [&](std::size_t x) { return x - b.del + b_ins; };

  std::vector<splice> out;
  // The part of a's deletion right of b's range survives, shifted past b's insertion.
  const std::size_t right_from = std::max(a.pos, b_end);
  if (a_end > right_from) out.push_back({shifted(right_from), a_end - right_from, {}});

  // The part left of b's range keeps its place, and a's insertion goes with it.
  splice main;
  main.ins = a.ins;
  if (a.pos < b.pos || (a.pos == b.pos && a_first)) {
    main.pos = a.pos;
    main.del = std::min(a_end, b.pos) - a.pos;
  } else if (a.pos < b_end || a.pos == b.pos) {
    main.pos = b.pos + b_ins;  // inside what b deleted: after b's insertion
  } else {
    main.pos = shifted(a.pos);
  }
  if (main.del > 0 || !main.ins.empty()) out.push_back(std::move(main));
  return out;
}

transformed transform(std::vector<splice> a, std::vector<splice> b, bool a_first) {
  if (a.empty() || b.empty()) return {std::move(a), std::move(b)};
  if (a.size() == 1 && b.size() == 1)
    return {transform(a[0], b[0], a_first), transform(b[0], a[0], !a_first)};
  if (a.size() > 1) {
    // a = [a1, rest...]: a1 meets b first, then the rest meets what b became.
    std::vector<splice> rest(std::make_move_iterator(a.begin() + 1),
                             std::make_move_iterator(a.end()));
    a.resize(1);
    auto first = transform(std::move(a), std::move(b), a_first);
    auto second = transform(std::move(rest), std::move(first.b), a_first);
    first.a.insert(first.a.end(), std::make_move_iterator(second.a.begin()),
                   std::make_move_iterator(second.a.end()));
    return {std::move(first.a), std::move(second.b)};
  }
  std::vector<splice> rest(std::make_move_iterator(b.begin() + 1),
                           std::make_move_iterator(b.end()));
  b.resize(1);
  auto first = transform(std::move(a), std::move(b), a_first);
  auto second = transform(std::move(first.a), std::move(rest), a_first);
  first.b.insert(first.b.end(), std::make_move_iterator(second.b.begin()),
                 std::make_move_iterator(second.b.end()));
  return {std::move(second.a), std::move(first.b)};
}

}  // namespace jos::shared
