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
// One trajectory's state as the server stores and sends it (its JSON): the server refuses a
// change that would grow it past this, so that a snapshot stays small enough to store, to
// hold for every connection and to send.
inline constexpr std::size_t max_trajectory_bytes = 4 * 1024 * 1024;
// A server frame: a snapshot of a full trajectory with room to spare (the server's size is
// an estimate between exact measures), or many ops at once.
inline constexpr std::size_t max_snapshot_bytes = 8 * 1024 * 1024;
static_assert(max_snapshot_bytes >= 2 * max_trajectory_bytes);

}  // namespace jos::protocol
