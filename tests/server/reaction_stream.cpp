#include "tests/server/reaction_stream.hpp"

#include <gtest/gtest.h>

namespace jos::server::test {

std::string stream_reactions(test_client& c, const std::string& id, int count,
                             std::chrono::steady_clock::time_point deadline,
                             std::atomic<int>& acked,
                             const std::function<void()>& ensure_connected) {
  using clock_type = std::chrono::steady_clock;
  std::size_t counted = 0;
  auto count_acks = [&] {
    acked += static_cast<int>(c.acks().size() - counted);
    counted = c.acks().size();
  };
  for (int i = 0; i < count && clock_type::now() < deadline; ++i) {
    ensure_connected();
    c.submit(shared::op::add_reaction{0, -1, id + "#" + std::to_string(i), 0});
    c.wait([&] { return c.pending().size() < 16 || !c.is_open(); }, 2s);
    c.wait([] { return false; }, std::chrono::milliseconds(10));
    count_acks();
  }
  while (!c.pending().empty() && clock_type::now() < deadline) {
    ensure_connected();
    c.wait([&] { return c.pending().empty() || !c.is_open(); }, 200ms);
    count_acks();
  }
  if (c.pending().empty()) return {};
  return std::to_string(c.pending().size()) + " ops never acked: " + c.closed_because();
}

void expect_streamed(test_client& c, const std::string& failure, int count) {
  EXPECT_EQ(failure, "");
  EXPECT_TRUE(c.rejects().empty()) << c.rejects().begin()->second.reason;
  EXPECT_EQ(c.acks().size(), static_cast<std::size_t>(count));
}

}  // namespace jos::server::test
