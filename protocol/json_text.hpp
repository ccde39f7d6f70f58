#pragma once
// JSON strings written exactly as the codec's serialiser writes them (UTF-8 as it is, only
// quotes, backslashes and control characters escaped), without building a JSON value: for
// the hand-built frames on hot paths and for a client that must know a frame's size before
// it sends it.

#include <cstddef>
#include <string>
#include <string_view>

namespace jos::protocol {

// Appends `s` as a quoted JSON string.
void append_json_string(std::string& out, std::string_view s);

// The bytes `s` takes inside the quotes of a JSON string.
std::size_t json_string_bytes(std::string_view s);

}  // namespace jos::protocol
