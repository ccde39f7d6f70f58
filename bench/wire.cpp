#include "bench/wire.hpp"

#include <charconv>

namespace jos::bench {
namespace {

constexpr std::string_view ops_prefix = R"({"v":1,"type":"ops",)";
constexpr std::string_view relayed_prefix = R"({"v":1,"type":"op",)";
constexpr std::string_view meeting = "0";  // the bench's rooms all work in meeting 1

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
  if (message.starts_with(ops_prefix)) return message_kind::ops;
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
  std::string m;
  m.reserve(80 + op_json.size());
  m += R"({"v":1,"type":"op",)";
  if (relay) {
    m += R"("client_id":"b)";
    m += std::to_string(client);
    m += R"(",)";
  }
  m += R"("client_seq":)";
  m += std::to_string(client_seq);
  m += R"(,"base_seq":)";
  m += std::to_string(base_seq);
  m += R"(,"op":)";
  m += op_json;
  m += '}';
  return m;
}

namespace op_json {

// Inserts are plain ASCII letters and spaces, so no escaping is needed.
std::string edit_text(int row, std::size_t pos, std::size_t del, std::string_view insert) {
  std::string s = R"({"type":"edit_text","target":{"document":"signalering_1","row":)";
  s += std::to_string(row);
  s += R"(,"column":0},"edits":[{"pos":)";
  s += std::to_string(pos);
  s += R"(,"del":)";
  s += std::to_string(del);
  s += R"(,"ins":")";
  s += insert;
  s += R"("}]})";
  return s;
}

std::string set_rating(int row, int value) {
  return R"({"type":"set_rating","document":"signalering_1","row":)" + std::to_string(row) +
         R"(,"value":)" + std::to_string(value) + "}";
}

std::string goto_agenda_item(int index) {
  return R"({"type":"goto_agenda_item","meeting":)" + std::string(meeting) + R"(,"index":)" +
         std::to_string(index) + "}";
}

std::string control_timer(bool start) {
  return R"({"type":"control_timer","meeting":)" + std::string(meeting) + R"(,"action":")" +
         (start ? "start" : "pauze") + R"("})";
}

std::string set_presence(std::uint32_t person, bool present) {
  return R"({"type":"set_presence","meeting":)" + std::string(meeting) + R"(,"person":)" +
         std::to_string(person) + R"(,"present":)" + (present ? "true" : "false") + "}";
}

std::string add_reaction(std::string_view text) {
  return R"({"type":"add_reaction","meeting":)" + std::string(meeting) + R"(,"text":")" +
         std::string(text) + R"("})";
}

std::string cast_vote(int value) {
  return R"({"type":"cast_vote","meeting":)" + std::string(meeting) + R"(,"value":)" +
         std::to_string(value) + "}";
}

std::string start_meeting() {
  return R"({"type":"start_meeting","meeting":)" + std::string(meeting) + "}";
}

std::string assign_invuller(std::uint32_t person) {
  return R"({"type":"assign_role","meeting":)" + std::string(meeting) +
         R"(,"role":"invuller","person":)" + std::to_string(person) + "}";
}

std::string set_writer(std::uint32_t person) {
  return R"({"type":"set_writer","meeting":)" + std::string(meeting) + R"(,"person":)" +
         std::to_string(person) + R"(,"allowed":true})";
}

std::string open_vote() {
  return R"({"type":"open_vote","meeting":)" + std::string(meeting) +
         R"(,"document":"signalering_1","row":0,"anonymous":false})";
}

}  // namespace op_json
}  // namespace jos::bench
