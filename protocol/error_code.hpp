#pragma once
// The codes of `error` and `reject` messages and their wire names: one closed list that
// server and client share (protocol/README.md, "Error and reject codes", says what each
// means). A code outside it does not decode, as any other unknown value.

#include <cstdint>
#include <iosfwd>
#include <optional>
#include <string_view>

#include "shared/rules.hpp"

namespace jos::protocol {

enum class error_code : std::uint8_t {
  // A frame that was not understood.
  malformed,
  too_large,
  too_deep,
  version,
  invalid,
  // The session.
  unauthorised,
  unknown_code,
  creation_code,
  rate_limited,
  unavailable,
  disk_full,
  restarting,
  moved,
  // An op that was not accepted.
  forbidden,
  not_found,
  conflict,
  too_long,
  stale,
};

std::string_view name_of(error_code c);
std::optional<error_code> parse_error_code(std::string_view name);

// The code a reject carries for an op the rules refused.
error_code error_code_of(shared::rule_code c);

// The wire name, so that a failed expectation in a test names the code.
std::ostream& operator<<(std::ostream& out, error_code c);

}  // namespace jos::protocol
