#include "bench/wire.hpp"

#include <charconv>

#include "protocol/ops_frame.hpp"

namespace jos::bench {
namespace {

// What the relay passes on: an op message with the sender's client id in front.
constexpr std::string_view relayed_prefix = R"({"client_id":)";

}  // namespace

std::string_view type_of(std::string_view message) {
  // The server's encoder sorts keys, so "type" is the second to last: search from the end.
  constexpr std::string_view key = R"("type":")";
  const auto at = message.rfind(key);
  if (at == std::string_view::npos) return {};
  const auto from = at + key.size();
  const auto to = message.find('"', from);
  if (to == std::string_view::npos) return {};
  return message.substr(from, to - from);
}

message_kind kind_of(std::string_view message) {
  if (message.starts_with(protocol::ops_head())) return message_kind::ops;
  if (message.starts_with(relayed_prefix)) return message_kind::relayed_op;
  const auto type = type_of(message);
  if (type == "ack") return message_kind::ack;
  if (type == "reject") return message_kind::reject;
  if (type == "snapshot") return message_kind::snapshot;
  return message_kind::other;
}

bool read_uint(std::string_view s, std::string_view key, std::size_t& pos, std::uint64_t& out) {
  const auto at = s.find(key, pos);
  if (at == std::string_view::npos) return false;
  const char* begin = s.data() + at + key.size();
  const char* end = s.data() + s.size();
  auto [p, ec] = std::from_chars(begin, end, out);
  if (ec != std::errc{}) return false;
  pos = static_cast<std::size_t>(p - s.data());
  return true;
}

bool next_delivered_op(std::string_view message, bool with_seq, std::size_t& pos,
                       delivered_op& out) {
  constexpr std::string_view id_key = R"("client_id":")";
  const auto at = message.find(id_key, pos);
  if (at == std::string_view::npos) return false;
  pos = at + id_key.size();
  out.client.reset();
  if (pos < message.size() && message[pos] == 'b') {
    std::uint32_t index = 0;
    auto [p, ec] =
        std::from_chars(message.data() + pos + 1, message.data() + message.size(), index);
    if (ec == std::errc{}) {
      out.client = index;
      pos = static_cast<std::size_t>(p - message.data());
    }
  }
  if (!read_uint(message, R"("client_seq":)", pos, out.client_seq)) return false;
  out.seq = 0;
  // Keys after client_seq hold no "seq" of their own (the op has none), so the next one is
  // this op's.
  if (with_seq && !read_uint(message, R"("seq":)", pos, out.seq)) return false;
  return true;
}

std::string client_id_of(std::uint32_t index) {
  std::string id(1, 'b');
  id += std::to_string(index);
  return id;
}

std::string op_message(bool relay, std::uint32_t client, std::uint64_t client_seq,
                       std::uint64_t base_seq, std::string_view op_json) {
  std::string m = protocol::op_message(client_seq, base_seq, op_json);
  // The relay passes messages on as they are, so its receivers learn whose op it was from the
  // message itself (jos puts it in the broadcast): the client id goes first, where kind_of
  // recognises a relayed op.
  if (relay) m.insert(1, R"("client_id":")" + client_id_of(client) + "\",");
  return m;
}

namespace op_json {

using namespace shared;

// The bench's rooms all work in meeting 1 (index 0) and on the first Signaleringsinstrument.
constexpr int meeting = 0;
constexpr auto document = document_id::signalering_begin;

std::string edit_text(int row, std::size_t pos, std::size_t del, std::string_view insert) {
  return protocol::op_text(
      op::edit_text{{false, 0, document, row, 0}, {{pos, del, std::string(insert)}}});
}

std::string set_rating(int row, int value) {
  return protocol::op_text(op::set_rating{document, row, value});
}

std::string goto_agenda_item(int index) {
  return protocol::op_text(op::goto_agenda_item{meeting, index, 0});
}

std::string control_timer(bool start) {
  return protocol::op_text(
      op::control_timer{meeting, start ? timer_action::start : timer_action::pause, 0, 0});
}

std::string set_presence(std::uint32_t person, bool present) {
  return protocol::op_text(op::set_presence{meeting, person, present});
}

std::string add_reaction(std::string_view text) {
  return protocol::op_text(op::add_reaction{meeting, -1, std::string(text), 0});
}

std::string cast_vote(int value) { return protocol::op_text(op::cast_vote{meeting, value}); }

std::string start_meeting() { return protocol::op_text(op::start_meeting{meeting, 0}); }

std::string assign_invuller(std::uint32_t person) {
  return protocol::op_text(op::assign_role{meeting, meeting_role::invuller, person});
}

std::string set_writer(std::uint32_t person) {
  return protocol::op_text(op::set_writer{meeting, person, true});
}

std::string open_vote() { return protocol::op_text(op::open_vote{meeting, document, 0, false}); }

}  // namespace op_json
}  // namespace jos::bench
