#include "protocol/error_code.hpp"

#include <array>
#include <ostream>

namespace jos::protocol {
namespace {

// In the enum's order.
constexpr std::array<std::string_view, 18> names = {
    "malformed",    "too_large",     "too_deep",     "version",     "invalid",   "unauthorised",
    "unknown_code", "creation_code", "rate_limited", "unavailable", "disk_full", "restarting",
    "moved",        "forbidden",     "not_found",    "conflict",    "too_long",  "stale",
};
static_assert(names.size() == static_cast<std::size_t>(error_code::stale) + 1);

}  // namespace

std::string_view name_of(error_code c) { return names.at(static_cast<std::size_t>(c)); }

std::optional<error_code> parse_error_code(std::string_view name) {
  for (std::size_t i = 0; i < names.size(); ++i)
    if (names[i] == name) return static_cast<error_code>(i);
  return std::nullopt;
}

error_code error_code_of(shared::rule_code c) {
  switch (c) {
    case shared::rule_code::invalid: return error_code::invalid;
    case shared::rule_code::forbidden: return error_code::forbidden;
    case shared::rule_code::not_found: return error_code::not_found;
    case shared::rule_code::conflict: return error_code::conflict;
    case shared::rule_code::too_long: return error_code::too_long;
  }
  return error_code::invalid;
}

std::ostream& operator<<(std::ostream& out, error_code c) { return out << name_of(c); }

}  // namespace jos::protocol
