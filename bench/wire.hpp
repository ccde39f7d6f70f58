#pragma once
// The few bytes of each message the load generator needs, found without a JSON parser, and
// the op messages it sends (written by protocol/ops_frame, as the codec writes them).
// Thousands of clients share one thread: a full decode of every delivery would make the
// generator, not the server, the bottleneck.

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

namespace jos::bench {

enum class message_kind { ops, relayed_op, ack, reject, snapshot, other };

// What kind of message this is, from its first bytes (broadcasts) or its "type".
message_kind kind_of(std::string_view message);

// The value of the "type" key of an envelope ("created", "welcome", ...).
std::string_view type_of(std::string_view message);

// Parses the unsigned integer after `key` (e.g. `"seq":`), searching from `pos`; on
// success `pos` points just past the number.
bool read_uint(std::string_view s, std::string_view key, std::size_t& pos, std::uint64_t& out);

// One op inside a delivery, in the order the keys appear on the wire (sorted by the
// server; client order in a relayed message).
struct delivered_op {
  std::optional<std::uint32_t> client;  // our client index, from client_id "b<index>"
  std::uint64_t client_seq = 0;
  std::uint64_t seq = 0;  // 0 in a relayed message
};

// Reads the next op of a delivery from `pos`; false when there is none.
bool next_delivered_op(std::string_view message, bool with_seq, std::size_t& pos,
                       delivered_op& out);

// The client id the bench uses for client index `i`.
std::string client_id_of(std::uint32_t index);

// The envelope of an op message. The relay gets the client id inside the message so that
// its receivers can tell whose op it was (jos puts it in the broadcast itself).
std::string op_message(bool relay, std::uint32_t client, std::uint64_t client_seq,
                       std::uint64_t base_seq, std::string_view op_json);

// The op bodies of the mix (protocol::op_text of the ops).
namespace op_json {
std::string edit_text(int row, std::size_t pos, std::size_t del, std::string_view insert);
std::string set_rating(int row, int value);
std::string goto_agenda_item(int index);
std::string control_timer(bool start);
std::string set_presence(std::uint32_t person, bool present);
std::string add_reaction(std::string_view text);
std::string cast_vote(int value);
std::string start_meeting();
std::string assign_invuller(std::uint32_t person);
std::string set_writer(std::uint32_t person);
std::string open_vote();
}  // namespace op_json

}  // namespace jos::bench
