#include "protocol/json_text.hpp"

#include <nlohmann/json.hpp>

#include "shared/text.hpp"

namespace jos::protocol {
namespace {

// The escape of a byte below 0x20, a quote or a backslash; nullptr for any other byte.
const char* short_escape(unsigned char c) {
  switch (c) {
    case '"': return "\\\"";
    case '\\': return "\\\\";
    case '\b': return "\\b";
    case '\f': return "\\f";
    case '\n': return "\\n";
    case '\r': return "\\r";
    case '\t': return "\\t";
    default: return nullptr;
  }
}

constexpr std::size_t long_escape_bytes = 6;  // \u001f

}  // namespace

void append_json_string(std::string& out, std::string_view s) {
  if (!shared::valid_utf8(s)) {
    // The serialiser's own replacement of invalid bytes, rather than a copy of its rules.
    out += nlohmann::json(std::string(s))
               .dump(-1, ' ', false, nlohmann::json::error_handler_t::replace);
    return;
  }
  out += '"';
  std::size_t plain_from = 0;
  for (std::size_t i = 0; i < s.size(); ++i) {
    const auto c = static_cast<unsigned char>(s[i]);
    if (c >= 0x20 && c != '"' && c != '\\') continue;
    out.append(s.data() + plain_from, i - plain_from);
    plain_from = i + 1;
    if (const char* e = short_escape(c)) {
      out += e;
    } else {
      static constexpr char hex[] = "0123456789abcdef";
      out += "\\u00";
      out += hex[c >> 4];
      out += hex[c & 0xF];
    }
  }
  out.append(s.data() + plain_from, s.size() - plain_from);
  out += '"';
}

std::size_t json_string_bytes(std::string_view s) {
  std::size_t n = s.size();
  for (const char ch : s) {
    const auto c = static_cast<unsigned char>(ch);
    if (c >= 0x20 && c != '"' && c != '\\') continue;
    n += short_escape(c) != nullptr ? 1 : long_escape_bytes - 1;
  }
  return n;
}

}  // namespace jos::protocol
