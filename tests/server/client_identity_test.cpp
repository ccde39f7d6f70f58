// A client_id names one installation of one person. Anyone can read another member's
// client_id from the ops everyone receives; claiming it in a hello must give nothing away
// (no marks of theirs) and must not let anyone speak for that installation: its resends
// are recognised per person, never across people.

#include <gtest/gtest.h>

#include "shared/rules.hpp"
#include "tests/server/test_server.hpp"

namespace jos::server::test {
namespace {

using namespace shared;

// An op as a hand-made client would send it, with the client_seq it chooses.
protocol::submit raw_op(std::uint64_t client_seq, operation op, std::uint64_t base_seq = 0) {
  return protocol::submit{client_seq, base_seq, std::move(op)};
}

bool has_reaction(const trajectory& t, const std::string& text) {
  for (const auto& r : t.meetings[0].session.reactions)
    if (r.text == text) return true;
  return false;
}

TEST(ClientIdentity, HelloWithSomeoneElsesClientIdShowsNoneOfTheirMarks) {
  test_server server;
  auto t = make_team(server, {"Anna", "Eve"});
  ASSERT_EQ(t.members.size(), 2u);
  for (int i = 0; i < 3; ++i) ASSERT_TRUE(t[0]->submit_acked(op::set_precondition{i, true}));

  // Eve read "client-Anna" from the ops she received and claims it as her own.
  test_client eve(server.port());
  ASSERT_EQ(eve.connect(), "");
  auto welcome = eve.hello(t[1].token, t[0].client_id);
  ASSERT_TRUE(welcome) << (eve.last_error() ? eve.last_error()->reason : eve.closed_because());
  EXPECT_EQ(welcome->person, t[1].person);
  EXPECT_EQ(welcome->last_client_seq, 0u) << "Eve learnt Anna's client_seq";

  // Anna herself, on a new connection from the same installation, still gets her own mark.
  test_client anna_again(server.port());
  ASSERT_EQ(anna_again.connect(), "");
  auto anna_welcome = anna_again.hello(t[0].token, t[0].client_id);
  ASSERT_TRUE(anna_welcome);
  EXPECT_EQ(anna_welcome->last_client_seq, 3u);
}

TEST(ClientIdentity, AHugeClientSeqUnderMyClientIdDoesNotMakeMyNextOpsConflict) {
  test_server server;
  auto t = make_team(server, {"Anna", "Eve"});
  ASSERT_EQ(t.members.size(), 2u);
  auto& anna = *t[0];
  ASSERT_TRUE(anna.submit_acked(op::start_meeting{0, 0}));

  test_client eve(server.port());
  ASSERT_EQ(eve.connect(), "");
  ASSERT_TRUE(eve.hello(t[1].token, t[0].client_id));
  // One op from Eve numbered 10^12 under Anna's client id ...
  ASSERT_TRUE(eve.send(raw_op(1'000'000'000'000, op::add_reaction{0, -1, "van Eve", 0})));
  ASSERT_TRUE(eve.wait([&] { return has_reaction(eve.replica(), "van Eve"); }));

  // ... and Anna's next op must still be taken and applied, not refused as a resend.
  const auto seq = anna.submit_acked(op::add_reaction{0, -1, "van Anna", 0});
  ASSERT_TRUE(seq) << (anna.rejects().empty()
                           ? "no reply"
                           : std::string(protocol::name_of(anna.rejects().rbegin()->second.code)) +
                                 ": " + anna.rejects().rbegin()->second.reason);
  ASSERT_TRUE(settle(server, t));
  EXPECT_TRUE(has_reaction(t[1]->replica(), "van Anna"));
  const auto state = server.state(t.trajectory_id);
  ASSERT_TRUE(state);
  EXPECT_EQ(anna.replica_hash(), state->hash);
}

TEST(ClientIdentity, MyNextClientSeqUsedBySomeoneElseDoesNotSwallowMyOp) {
  test_server server;
  auto t = make_team(server, {"Anna", "Eve"});
  ASSERT_EQ(t.members.size(), 2u);
  auto& anna = *t[0];
  ASSERT_TRUE(anna.submit_acked(op::start_meeting{0, 0}));  // Anna's client_seq 1

  test_client eve(server.port());
  ASSERT_EQ(eve.connect(), "");
  ASSERT_TRUE(eve.hello(t[1].token, t[0].client_id));
  // Eve sends first what Anna will number 2.
  ASSERT_TRUE(eve.send(raw_op(2, op::add_reaction{0, -1, "van Eve", 0})));
  ASSERT_TRUE(eve.wait([&] { return has_reaction(eve.replica(), "van Eve"); }));
  // Anna's test client takes only her own person's op as her ack.
  ASSERT_TRUE(anna.wait([&] { return has_reaction(anna.replica(), "van Eve"); }));
  EXPECT_TRUE(anna.pending().empty());

  // Anna's real op 2: applied, not acknowledged as if it had been taken already.
  const auto seq = anna.submit_acked(op::add_reaction{0, -1, "van Anna", 0});
  ASSERT_TRUE(seq);
  ASSERT_TRUE(settle(server, t));
  EXPECT_TRUE(has_reaction(anna.replica(), "van Anna"));
  EXPECT_TRUE(has_reaction(t[1]->replica(), "van Anna"));

  // A real resend of Anna's op 2 is still recognised as hers: acknowledged, not applied.
  const auto before = server.state(t.trajectory_id);
  ASSERT_TRUE(before);
  ASSERT_TRUE(anna.resend(2));
  EXPECT_EQ(anna.wait_ack(2), seq);
  const auto after = server.state(t.trajectory_id);
  ASSERT_TRUE(after);
  EXPECT_EQ(after->seq, before->seq);
}

TEST(ClientIdentity, MarksStayPerPersonAfterARestart) {
  test_server server;
  auto t = make_team(server, {"Anna", "Eve"});
  ASSERT_EQ(t.members.size(), 2u);
  auto& anna = *t[0];
  ASSERT_TRUE(anna.submit_acked(op::start_meeting{0, 0}));
  test_client eve(server.port());
  ASSERT_EQ(eve.connect(), "");
  ASSERT_TRUE(eve.hello(t[1].token, t[0].client_id));
  ASSERT_TRUE(eve.send(raw_op(50, op::add_reaction{0, -1, "van Eve", 0})));
  ASSERT_TRUE(eve.wait([&] { return has_reaction(eve.replica(), "van Eve"); }));
  ASSERT_TRUE(settle(server, t));
  eve.drop();
  anna.drop();
  t[1]->drop();

  // From the file alone: Anna's mark is 1, Eve's under the same client id is 50.
  server.restart();
  test_client anna_back(server.port());
  ASSERT_EQ(anna_back.connect(), "");
  auto welcome = anna_back.hello(t[0].token, t[0].client_id);
  ASSERT_TRUE(welcome);
  EXPECT_EQ(welcome->last_client_seq, 1u);
  test_client eve_back(server.port());
  ASSERT_EQ(eve_back.connect(), "");
  auto eve_welcome = eve_back.hello(t[1].token, t[0].client_id);
  ASSERT_TRUE(eve_welcome);
  EXPECT_EQ(eve_welcome->last_client_seq, 50u);
}

}  // namespace
}  // namespace jos::server::test
