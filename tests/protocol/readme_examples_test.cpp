// protocol/README.md promises that its JSON examples are exactly what the codec writes and
// accepts. This keeps that promise: every ```json block there must decode, and encoding the
// result must give the same JSON back.

#include <gtest/gtest.h>

#include <fstream>
#include <sstream>
#include <string>
#include <vector>

#include "protocol/codec.hpp"
#include "protocol/op_codec.hpp"

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
        continue;
      }
      const auto as_server = decode_server(wire);
      if (const auto* e = std::get_if<decode_error>(&as_server)) {
        ADD_FAILURE() << e->code << ": " << e->message;
        continue;
      }
      const std::string again = encode(std::get<server_message>(as_server));
      EXPECT_TRUE(again == wire) << first_difference(again, wire);
    } else {
      ++ops;
      std::string error;
      const auto op = decode_op(example, "op", error);
      ASSERT_TRUE(op.has_value()) << error;
      EXPECT_TRUE(encode_op(*op).dump() == block) << first_difference(encode_op(*op).dump(), block);
    }
  }
  EXPECT_GE(messages, 15);
  EXPECT_GE(ops, static_cast<int>(std::variant_size_v<shared::operation>));
}

}  // namespace
}  // namespace jos::protocol
