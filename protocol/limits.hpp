#pragma once
// Protocol version and the limits every decoder applies before trusting a byte.

#include <cstddef>
#include <cstdint>

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
// Tokens, client ids, trajectory ids and secrets; team codes.
inline constexpr std::size_t max_token_bytes = 128;
inline constexpr std::size_t max_join_code_bytes = 64;
// Indexes (meeting, row, column, index) as a decoder takes them; the rules then check that
// they exist.
inline constexpr std::int64_t max_wire_index = 1000;
// Milliseconds since 1970: below 2^52, exact in any JSON reader.
inline constexpr std::int64_t max_time_ms = std::int64_t{1} << 52;

// The server's defaults that a client lives within (protocol/README.md, Limits).
inline constexpr double default_rate_per_second = 200;  // messages read, sustained
inline constexpr double default_rate_burst = 400;
inline constexpr std::size_t default_connections_per_address = 200;
// One trajectory's state as the server stores and sends it (its JSON): the server refuses a
// change that would grow it past this, so that a snapshot stays small enough to store, to
// hold for every connection and to send.
inline constexpr std::size_t max_trajectory_bytes = 4 * 1024 * 1024;
// A server frame: a snapshot of a full trajectory with room to spare (the server's size is
// an estimate between exact measures), or many ops at once.
inline constexpr std::size_t max_snapshot_bytes = 8 * 1024 * 1024;
static_assert(max_snapshot_bytes >= 2 * max_trajectory_bytes);

}  // namespace jos::protocol
