// protocol/README.md promises that its JSON examples are exactly what the codec writes and
// accepts. This keeps that promise: every ```json block there must decode, and encoding the
// result must give the same JSON back. It also keeps the README complete: every message type
// and every operation type has an example.

#include <gtest/gtest.h>

#include <fstream>
#include <set>
#include <sstream>
#include <string>
#include <vector>

#include "protocol/codec.hpp"
#include "protocol/op_codec.hpp"
#include "tests/protocol/samples.hpp"

namespace jos::protocol {
namespace {

// Where two long texts part, so a failure shows the difference instead of two snapshots.
std::string first_difference(const std::string& a, const std::string& b) {
  std::size_t i = 0;
  while (i < a.size() && i < b.size() && a[i] == b[i]) ++i;
  const std::size_t from = i < 40 ? 0 : i - 40;
  return "at byte " + std::to_string(i) + ":\n  codec:  " + a.substr(from, 120) +
         "\n  README: " + b.substr(from, 120);
}

// The wire name of operation type #i, for a failure message.
std::string op_kind_name(std::size_t i) {
  for (const auto& o : samples::every_op())
    if (o.index() == i) return std::string(shared::op_name(o));
  return "?";
}

std::vector<std::string> json_blocks_of_readme() {
  std::ifstream in(std::string(JOS_SOURCE_DIR) + "/protocol/README.md");
  std::stringstream text;
  text << in.rdbuf();
  const std::string s = text.str();
  std::vector<std::string> blocks;
  const std::string open = "```json\n";
  for (auto at = s.find(open); at != std::string::npos; at = s.find(open, at)) {
    at += open.size();
    const auto end = s.find("\n```", at);
    if (end == std::string::npos) break;
    blocks.push_back(s.substr(at, end - at));
    at = end;
  }
  return blocks;
}

TEST(ReadmeExamples, EveryExampleIsExactlyWhatTheCodecWrites) {
  const auto blocks = json_blocks_of_readme();
  ASSERT_GE(blocks.size(), 40U) << "protocol/README.md not found or lost its examples";
  int messages = 0;
  int ops = 0;
  // Which message and operation types have an example: every one must, for people who
  // write a client of their own.
  std::set<std::size_t> client_kinds;
  std::set<std::size_t> server_kinds;
  std::set<std::size_t> op_kinds;
  for (const auto& block : blocks) {
    SCOPED_TRACE(block.substr(0, 160));
    const json example = json::parse(block, nullptr, false);
    ASSERT_FALSE(example.is_discarded());
    ASSERT_TRUE(example.is_object());
    if (example.contains("v")) {
      ++messages;
      // The README shows one message spread over lines for reading; the rest are verbatim.
      const std::string wire = example.dump();
      if (block.find('\n') == std::string::npos) {
        EXPECT_TRUE(wire == block) << first_difference(wire, block);
      }
      const auto as_client = decode_client(wire);
      if (const auto* m = std::get_if<client_message>(&as_client)) {
        EXPECT_TRUE(encode(*m) == wire) << first_difference(encode(*m), wire);
        client_kinds.insert(m->index());
        if (const auto* s = std::get_if<submit>(m)) op_kinds.insert(s->op.index());
        continue;
      }
      const auto as_server = decode_server(wire);
      if (const auto* e = std::get_if<decode_error>(&as_server)) {
        ADD_FAILURE() << e->code << ": " << e->message;
        continue;
      }
      const server_message& m = std::get<server_message>(as_server);
      const std::string again = encode(m);
      EXPECT_TRUE(again == wire) << first_difference(again, wire);
      server_kinds.insert(m.index());
      if (const auto* batch = std::get_if<op_batch>(&m))
        for (const auto& s : batch->ops) op_kinds.insert(s.op.index());
    } else {
      ++ops;
      std::string error;
      const auto op = decode_op(example, "op", error);
      ASSERT_TRUE(op.has_value()) << error;
      op_kinds.insert(op->index());
      EXPECT_TRUE(encode_op(*op).dump() == block) << first_difference(encode_op(*op).dump(), block);
    }
  }
  EXPECT_GE(messages, 15);
  EXPECT_GE(ops, static_cast<int>(std::variant_size_v<shared::operation>));
  for (std::size_t i = 0; i < std::variant_size_v<client_message>; ++i)
    EXPECT_EQ(client_kinds.count(i), 1U) << "no example of client message #" << i;
  for (std::size_t i = 0; i < std::variant_size_v<server_message>; ++i)
    EXPECT_EQ(server_kinds.count(i), 1U) << "no example of server message #" << i;
  for (std::size_t i = 0; i < std::variant_size_v<shared::operation>; ++i)
    EXPECT_EQ(op_kinds.count(i), 1U)
        << "no example of operation #" << i << " (" << op_kind_name(i) << ")";
}

}  // namespace
}  // namespace jos::protocol
