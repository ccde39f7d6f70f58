#pragma once
// Protocol version and the limits every decoder applies before trusting a byte.

#include <cstddef>

namespace jos::protocol {

// Bumped on any incompatible change; hello carries it and the server refuses a mismatch.
inline constexpr int protocol_version = 1;

inline constexpr std::size_t max_message_bytes = 64 * 1024;
// A client sends a text edit whose insertions take more than this on the wire (escaped, as
// in the frame) as several ops, one after the other, each acknowledged: a long paste never
// builds a frame the server must refuse.
inline constexpr std::size_t max_insert_bytes_per_op = 32 * 1024;
inline constexpr int max_json_depth = 12;
inline constexpr std::size_t max_ops_per_message = 10'000;
// Snapshots of a long trajectory outgrow a single op message; they are server-sent only.
inline constexpr std::size_t max_snapshot_bytes = 64 * 1024 * 1024;

}  // namespace jos::protocol
