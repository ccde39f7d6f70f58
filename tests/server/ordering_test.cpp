// Every member of a room sees every op in the one order the server chose, and rooms are
// sealed from each other.

#include <gtest/gtest.h>

#include <set>
#include <tuple>

#include "tests/server/test_server.hpp"

namespace jos::server::test {
namespace {

using namespace shared;

using op_key = std::tuple<std::uint64_t, std::string, std::uint64_t>;  // seq, client, client seq

std::vector<op_key> keys_after(const test_client& c, std::uint64_t after) {
  std::vector<op_key> out;
  for (const auto& op : c.ops_seen())
    if (op.seq > after) out.emplace_back(op.seq, op.client_id, op.client_seq);
  return out;
}

TEST(Ordering, ConcurrentSendersAllSeeTheSameSequence) {
  test_server server;
  auto t = make_team(server, {"Anna", "Bram", "Carla"});
  ASSERT_EQ(t.members.size(), 3u);
  // Bram becomes the second coordinator, so two people change ratings concurrently.
  ASSERT_TRUE(t[0]->submit_acked(op::set_coordinator{t[1].person, true}));
  ASSERT_TRUE(settle(server, t));
  const std::uint64_t start = t[0]->replica_seq();

  constexpr int rounds = 25;
  for (int i = 0; i < rounds; ++i) {
    // Without waiting for anything: the server interleaves three streams.
    t[0]->submit(op::set_rating{document_id::signalering_begin, i % 10, 1 + i % 3});
    t[1]->submit(op::set_rating{document_id::signalering_begin, (i + 3) % 10, 1 + (i + 1) % 3});
    t[2]->submit(op::add_reaction{0, -1, "reactie " + std::to_string(i), 0});
  }
  const std::uint64_t end = start + 3 * rounds;
  for (auto& m : t.members) {
    ASSERT_TRUE(m->wait([&] { return m->replica_seq() >= end && m->pending().empty(); }, 10s))
        << m.client_id << " at " << m->replica_seq() << " of " << end << ", " << m->pending().size()
        << " pending";
    EXPECT_TRUE(m->rejects().empty()) << m->rejects().begin()->second.reason;
    EXPECT_TRUE(m->order_faults().empty()) << m->order_faults().front();
  }

  const auto reference = keys_after(*t[0], start);
  ASSERT_EQ(reference.size(), 3u * rounds);
  std::set<std::pair<std::string, std::uint64_t>> distinct;
  for (std::size_t i = 0; i < reference.size(); ++i) {
    EXPECT_EQ(std::get<0>(reference[i]), start + 1 + i) << "strictly increasing, no gaps";
    distinct.emplace(std::get<1>(reference[i]), std::get<2>(reference[i]));
  }
  EXPECT_EQ(distinct.size(), reference.size()) << "every op once";
  EXPECT_EQ(keys_after(*t[1], start), reference);
  EXPECT_EQ(keys_after(*t[2], start), reference);

  // Each sender's own ops keep their order within the global one, and its acks name the
  // sequence its op got.
  for (auto& m : t.members) {
    std::uint64_t last_client_seq = 0;
    for (const auto& [seq, client, client_seq] : reference) {
      if (client != m.client_id) continue;
      EXPECT_GT(client_seq, last_client_seq);
      last_client_seq = client_seq;
      ASSERT_TRUE(m->acks().count(client_seq));
      EXPECT_EQ(m->acks().at(client_seq), seq);
    }
  }

  const auto state = server.state(t.trajectory_id);
  ASSERT_TRUE(state);
  EXPECT_EQ(state->seq, end);
  for (auto& m : t.members) EXPECT_EQ(m->replica_hash(), state->hash) << m.client_id;
}

TEST(Ordering, TwoRoomsNeverSeeEachOthersOps) {
  test_server server;
  auto first = make_team(server, {"Anna", "Bram"});
  auto second = make_team(server, {"Xander", "Yara"});
  ASSERT_EQ(first.members.size(), 2u);
  ASSERT_EQ(second.members.size(), 2u);
  ASSERT_NE(first.trajectory_id, second.trajectory_id);
  const auto first_start = first[0]->replica_seq();
  const auto second_start = second[0]->replica_seq();

  for (int i = 0; i < 10; ++i) {
    first[1]->submit(op::add_reaction{0, -1, "eerste " + std::to_string(i), 0});
    second[1]->submit(op::add_reaction{0, -1, "tweede " + std::to_string(i), 0});
  }
  ASSERT_TRUE(first[0]->wait_seq(first_start + 10));
  ASSERT_TRUE(second[0]->wait_seq(second_start + 10));
  ASSERT_TRUE(settle(server, first));
  ASSERT_TRUE(settle(server, second));

  for (auto* t : {&first, &second}) {
    const auto& own = *t;
    for (auto& m : t->members) {
      for (const auto& op : m->ops_seen()) {
        bool ours = op.client_id.empty();  // joins come from the server
        for (auto& other : own.members) ours = ours || op.client_id == other.client_id;
        EXPECT_TRUE(ours) << m.client_id << " saw " << op.client_id;
      }
    }
  }
  // Each room numbers its own ops; neither's sequence moved with the other's traffic.
  EXPECT_EQ(first[0]->replica_seq(), first_start + 10);
  EXPECT_EQ(second[0]->replica_seq(), second_start + 10);
  const auto& chat = first[0]->replica().meetings[0].session.reactions;
  ASSERT_EQ(chat.size(), 10u);
  for (const auto& r : chat) EXPECT_EQ(r.text.rfind("eerste", 0), 0u) << r.text;
  const auto s1 = server.state(first.trajectory_id);
  const auto s2 = server.state(second.trajectory_id);
  ASSERT_TRUE(s1 && s2);
  EXPECT_EQ(first[1]->replica_hash(), s1->hash);
  EXPECT_EQ(second[1]->replica_hash(), s2->hash);
}

}  // namespace
}  // namespace jos::server::test
