// Ops reach the others before they are durable, so a client may hold an op that a crash
// loses. Each run of a room has its own epoch: a client catches up from memory only within
// the run it counted its sequence in, and gets the whole state otherwise. Its own op comes
// back only after its ack, that is once it is durable.

#include <gtest/gtest.h>

#include <algorithm>
#include <variant>

#include "protocol/codec.hpp"
#include "tests/server/test_server.hpp"

namespace jos::server::test {
namespace {

using namespace shared;

operation reaction(const std::string& text) { return op::add_reaction{0, -1, text, 0}; }

// Every member holds the server's state, having seen every op once and in order.
void expect_all_equal_to_the_server(test_server& server, team& t) {
  const auto state = server.state(t.trajectory_id);
  ASSERT_TRUE(state);
  for (auto& m : t.members) {
    EXPECT_EQ(m->replica_hash(), state->hash) << m.client_id;
    EXPECT_TRUE(m->order_faults().empty()) << m->order_faults().front();
  }
}

// Anna and Bram, with one reaction of Anna's that both have.
team pair_with_one_reaction(test_server& server, const std::string& text) {
  auto t = make_team(server, {"Anna", "Bram"});
  if (t.members.size() != 2u) return t;
  EXPECT_TRUE(t[0]->submit_acked(reaction(text)));
  EXPECT_TRUE(settle(server, t));
  return t;
}

TEST(Epoch, AReconnectWithinTheSameRunCatchesUpFromMemory) {
  test_server server;
  auto t = make_team(server, {"Anna", "Bram"});
  ASSERT_EQ(t.members.size(), 2u);
  const std::uint64_t epoch = t[1]->epoch();
  ASSERT_NE(epoch, 0u);

  t[1]->close();
  for (int i = 0; i < 3; ++i)
    ASSERT_TRUE(t[0]->submit_acked(reaction("punt " + std::to_string(i))));

  const std::size_t snapshots = t[1]->snapshots_received();
  ASSERT_EQ(t[1]->reconnect(), "");
  EXPECT_EQ(t[1]->epoch(), epoch);
  EXPECT_EQ(t[1]->snapshots_received(), snapshots) << "only the missed ops, not the whole state";
  ASSERT_TRUE(settle(server, t));
  EXPECT_EQ(t[1]->replica_hash(), t[0]->replica_hash());
}

TEST(Epoch, AnotherRunOfTheRoomSendsTheWholeState) {
  test_server server;
  auto t = pair_with_one_reaction(server, "voor de herstart");
  ASSERT_EQ(t.members.size(), 2u);
  const std::uint64_t first_epoch = t[1]->epoch();

  server.restart();
  for (auto& m : t.members) m->set_port(server.port());
  // Anna comes back first and moves the new run on; Bram's sequence is still a valid
  // number here, but it was counted in the old run.
  ASSERT_EQ(t[0]->reconnect(), "");
  ASSERT_TRUE(t[0]->submit_acked(reaction("na de herstart")));

  const std::size_t snapshots = t[1]->snapshots_received();
  ASSERT_EQ(t[1]->reconnect(), "");
  EXPECT_NE(t[1]->epoch(), first_epoch);
  EXPECT_EQ(t[1]->snapshots_received(), snapshots + 1);
  ASSERT_TRUE(settle(server, t));
  expect_all_equal_to_the_server(server, t);
}

TEST(Epoch, AnUnknownOrForeignEpochGetsASnapshot) {
  test_server server;
  auto t = pair_with_one_reaction(server, "een");
  ASSERT_EQ(t.members.size(), 2u);
  const std::uint64_t seq = t[0]->replica_seq();
  const std::uint64_t epoch = t[0]->epoch();

  for (const std::uint64_t claimed : {std::uint64_t{0}, epoch + 1}) {
    SCOPED_TRACE(claimed);
    test_client c(server.port());
    ASSERT_EQ(c.connect(), "");
    ASSERT_TRUE(c.send(protocol::hello{t[1].token, "elders", seq, claimed}));
    ASSERT_TRUE(c.wait([&] { return c.snapshots_received() == 1; })) << "no snapshot";
    ASSERT_TRUE(c.wait_seq(seq));
    EXPECT_EQ(c.replica_hash(), t[0]->replica_hash());
  }
}

TEST(Epoch, TheSendersOwnOpIsItsAcknowledgement) {
  test_server server;
  auto t = make_team(server, {"Anna", "Bram"});
  ASSERT_EQ(t.members.size(), 2u);
  const auto since = t[0]->raw().size();
  // Both send at once: whatever the order, Anna's stream has her op exactly once, in
  // sequence, and no separate ack for it (the op comes back to her only once it is durable).
  const std::uint64_t mine = t[0]->submit(reaction("van Anna"));
  t[1]->submit(reaction("van Bram"));
  ASSERT_TRUE(t[0]->wait([&] { return t[0]->pending().empty(); }));
  ASSERT_TRUE(settle(server, t));
  const std::uint64_t seq = t[0]->acks().at(mine);

  int acks = 0;
  int copies = 0;
  for (std::size_t i = since; i < t[0]->raw().size(); ++i) {
    const auto decoded = protocol::decode_server(t[0]->raw()[i]);
    const auto* m = std::get_if<protocol::server_message>(&decoded);
    if (m == nullptr) continue;
    if (const auto* a = std::get_if<protocol::ack>(m); a && a->client_seq == mine) ++acks;
    if (const auto* b = std::get_if<protocol::op_batch>(m))
      for (const auto& s : b->ops)
        if (s.seq == seq) {
          ++copies;
          EXPECT_EQ(s.client_seq, mine);
        }
  }
  EXPECT_EQ(acks, 0);
  EXPECT_EQ(copies, 1);
  for (auto& m : t.members) EXPECT_TRUE(m->order_faults().empty()) << m->order_faults().front();
}

// A crash can take back ops a client already built on; it may then resend with a base_seq
// beyond the new run's seq. The op is not lost for that: one that does not depend on its
// base is taken, a text edit (whose positions do) comes back stale to be rebased.
TEST(Epoch, AResendBasedOnOpsACrashTookBackIsTakenOrRebased) {
  test_server server;
  auto t = pair_with_one_reaction(server, "een");
  ASSERT_EQ(t.members.size(), 2u);
  auto& anna = *t[0];
  const std::uint64_t beyond = anna.replica_seq() + 5;

  const auto taken = anna.wait_ack(anna.submit(reaction("na de crash"), beyond));
  ASSERT_TRUE(taken) << anna.rejects().begin()->second.reason;
  ASSERT_TRUE(settle(server, t));
  const auto& reactions = t[1]->replica().meetings[0].session.reactions;
  EXPECT_EQ(std::count_if(reactions.begin(), reactions.end(),
                          [](const shared::reaction& r) { return r.text == "na de crash"; }),
            1);

  op::edit_text edit;
  edit.target.document = document_id::actieplan;
  edit.target.row = 3;
  edit.target.column = 2;
  edit.edits = {{0, 0, "Meer overleg"}};
  const auto refused = anna.wait_reject(anna.submit(edit, anna.replica_seq() + 5));
  ASSERT_TRUE(refused);
  EXPECT_EQ(refused->code, protocol::error_code::stale);
  ASSERT_TRUE(anna.submit_acked(edit)) << "the same edit on the current state is taken";
  ASSERT_TRUE(settle(server, t));
  expect_all_equal_to_the_server(server, t);
}

// A sender that keeps streaming without waiting still sees the others' ops as they become
// durable, in order; with --broadcast-after-commit everyone waits for the disk instead.
TEST(Epoch, StreamingSendersStayInOrderInBothModes) {
  for (const bool after_commit : {false, true}) {
    SCOPED_TRACE(after_commit);
    config cfg;
    cfg.broadcast_after_commit = after_commit;
    test_server server(cfg);
    auto t = make_team(server, {"Anna", "Bram", "Carla"});
    ASSERT_EQ(t.members.size(), 3u);
    const std::uint64_t start = t[0]->replica_seq();
    constexpr int rounds = 60;
    for (int i = 0; i < rounds; ++i) {
      t[0]->submit(reaction("a" + std::to_string(i)));
      t[1]->submit(reaction("b" + std::to_string(i)));
    }
    for (auto& m : t.members)
      ASSERT_TRUE(m->wait([&] { return m->replica_seq() >= start + 2 * rounds; }, 10s))
          << m.client_id;
    ASSERT_TRUE(t[0]->wait([&] { return t[0]->pending().empty(); }));
    ASSERT_TRUE(t[1]->wait([&] { return t[1]->pending().empty(); }));
    ASSERT_TRUE(settle(server, t));
    expect_all_equal_to_the_server(server, t);
    for (auto& m : t.members) EXPECT_TRUE(m->rejects().empty()) << m.client_id;
  }
}

}  // namespace
}  // namespace jos::server::test
