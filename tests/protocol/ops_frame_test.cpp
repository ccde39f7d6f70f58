// The fast frame builder writes ops frames byte for byte as the codec does: every op type,
// authors and sequence numbers from zero to the largest, and client ids that need escaping.
#include <gtest/gtest.h>

#include <limits>

#include "protocol/codec.hpp"
#include "protocol/op_codec.hpp"
#include "protocol/ops_frame.hpp"
#include "tests/protocol/samples.hpp"

namespace jos::protocol {
namespace {

constexpr std::uint64_t most = std::numeric_limits<std::uint64_t>::max();

const std::vector<std::string> client_ids = {"",
                                             "laptop-daniel-5c1e",
                                             "b7",
                                             "Zoë’s \"laptop\"\\thuis",
                                             std::string("tab\tnew\nline\x01\0", 14),
                                             "😀 ‘’ – …",
                                             "/slash/"};

TEST(OpsFrame, AnOpsMessageIsWhatTheCodecWrites) {
  for (const auto& op : samples::every_op()) {
    const std::string text = op_text(op);
    ASSERT_EQ(text, encode_op(op).dump()) << text;
    for (const auto& id : client_ids) {
      for (const auto& [seq, author, client_seq] :
           std::vector<std::tuple<std::uint64_t, std::uint32_t, std::uint64_t>>{
               {1, 0, 0}, {45, 2, 17}, {most, 0xFFFFFFFF, most}}) {
        const sequenced_op s{seq, author, id, client_seq, op};
        const std::string fast = ops_message(ops_element(seq, author, id, client_seq, text));
        const std::string codec = encode(server_message{op_batch{{s}}});
        ASSERT_EQ(fast, codec) << "client_id " << testing::PrintToString(id);
        ASSERT_TRUE(is_ops_message(fast));
        EXPECT_EQ(ops_elements(fast), ops_element(seq, author, id, client_seq, text));
      }
    }
  }
}

TEST(OpsFrame, SeveralElementsAreOneMessageAsTheCodecWritesIt) {
  op_batch batch;
  std::string elements;
  std::uint64_t seq = 100;
  for (const auto& op : samples::every_op()) {
    batch.ops.push_back({++seq, 3, "laptop-anna", seq * 2, op});
    if (!elements.empty()) elements += ',';
    elements += ops_element(seq, 3, "laptop-anna", seq * 2, op_text(op));
  }
  EXPECT_EQ(ops_message(elements), encode(server_message{batch}));
  EXPECT_EQ(ops_message(""), encode(server_message{op_batch{}}));
  EXPECT_FALSE(is_ops_message(encode(server_message{ack{1, 2}})));
}

TEST(OpsFrame, AnOpMessageIsWhatTheCodecWrites) {
  for (const auto& op : samples::every_op())
    for (const auto& [client_seq, base_seq] :
         std::vector<std::pair<std::uint64_t, std::uint64_t>>{{1, 0}, {17, 44}, {most, most}})
      EXPECT_EQ(op_message(client_seq, base_seq, op_text(op)),
                encode(client_message{submit{client_seq, base_seq, op}}));
}

}  // namespace
}  // namespace jos::protocol
