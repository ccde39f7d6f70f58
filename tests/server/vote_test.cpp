// Vote secrecy on the wire: while a vote is open, nobody (not even the voter) receives a
// ballot's value, in broadcasts, catch-ups or snapshots; the reveal carries them all; the
// decision becomes the rating.

#include <gtest/gtest.h>

#include "protocol/json_reader.hpp"
#include "tests/server/test_server.hpp"

namespace jos::server::test {
namespace {

using namespace shared;
using protocol::json;

// Every op of type `type` in the raw `ops` messages a client received.
std::vector<json> raw_ops(const test_client& c, const std::string& type) {
  std::vector<json> out;
  for (const auto& text : c.raw()) {
    const json j = json::parse(text, nullptr, false);
    if (j.is_discarded() || j.value("type", "") != "ops") continue;
    for (const auto& element : j["ops"])
      if (element["op"].value("type", "") == type) out.push_back(element["op"]);
  }
  return out;
}

std::vector<json> raw_snapshots(const test_client& c) {
  std::vector<json> out;
  for (const auto& text : c.raw()) {
    const json j = json::parse(text, nullptr, false);
    if (!j.is_discarded() && j.value("type", "") == "snapshot") out.push_back(j);
  }
  return out;
}

TEST(Vote, BallotsStaySecretUntilRevealThenDecideTheRating) {
  test_server server;
  auto t = make_team(server, {"Anna", "Bram", "Carla"});
  ASSERT_EQ(t.members.size(), 3u);
  auto& anna = *t[0];
  ASSERT_TRUE(anna.submit_acked(op::start_meeting{0, 0}));
  ASSERT_TRUE(anna.submit_acked(op::open_vote{0, document_id::signalering_begin, 2, false}));
  ASSERT_TRUE(settle(server, t));
  const auto before_votes = t[1]->replica_seq();

  ASSERT_TRUE(t[1]->submit_acked(op::cast_vote{0, 3}));
  ASSERT_TRUE(t[2]->submit_acked(op::cast_vote{0, 1}));
  ASSERT_TRUE(settle(server, t));

  // Broadcasts: who voted, never what, also to the voter.
  for (auto& m : t.members) {
    SCOPED_TRACE(m.client_id);
    const auto casts = raw_ops(*m, "cast_vote");
    ASSERT_EQ(casts.size(), 2u);
    for (const auto& c : casts) EXPECT_EQ(c["value"], 0) << c.dump();
    const auto& vote = m->replica().meetings[0].session.vote;
    EXPECT_TRUE(vote.open);
    EXPECT_EQ(vote.ballots, (std::map<person_id, int>{{t[1].person, 0}, {t[2].person, 0}}));
  }
  // The server knows the values: its state differs from what the replicas were told.
  const auto secret_state = server.state(t.trajectory_id);
  ASSERT_TRUE(secret_state);
  EXPECT_NE(anna.replica_hash(), secret_state->hash);

  // A newcomer's snapshot shows who voted, not what.
  test_client dirk(server.port());
  ASSERT_EQ(dirk.connect(), "");
  auto joined = dirk.join(t.join_code, profile_of("Dirk"));
  ASSERT_TRUE(joined);
  ASSERT_TRUE(dirk.hello(joined->token, "dirk"));
  const auto snapshots = raw_snapshots(dirk);
  ASSERT_EQ(snapshots.size(), 1u);
  const json& ballots = snapshots[0]["state"]["meetings"][0]["session"]["vote"]["ballots"];
  EXPECT_EQ(ballots, json::parse("[[" + std::to_string(t[1].person) + ",0],[" +
                                 std::to_string(t[2].person) + ",0]]"))
      << ballots.dump();

  // Catching up with the missed ops hides them too.
  t[1]->drop();
  ASSERT_EQ(t[1]->connect(), "");
  const auto raw_before = t[1]->raw().size();
  ASSERT_TRUE(t[1]->hello(t[1].token, t[1].client_id, before_votes));
  std::size_t caught_up_casts = 0;
  for (std::size_t i = raw_before; i < t[1]->raw().size(); ++i) {
    const json j = json::parse(t[1]->raw()[i], nullptr, false);
    if (j.value("type", "") != "ops") continue;
    for (const auto& element : j["ops"]) {
      if (element["op"]["type"] != "cast_vote") continue;
      ++caught_up_casts;
      EXPECT_EQ(element["op"]["value"], 0);
    }
  }
  EXPECT_GE(caught_up_casts, 2u);

  // The reveal carries every ballot; now the replicas equal the server.
  ASSERT_TRUE(anna.submit_acked(op::reveal_vote{0, {}}));
  ASSERT_TRUE(settle(server, t));
  ASSERT_TRUE(dirk.wait_seq(anna.replica_seq()));
  const auto reveals = raw_ops(*t[2], "reveal_vote");
  ASSERT_EQ(reveals.size(), 1u);
  EXPECT_EQ(reveals[0]["ballots"], json::parse("[[" + std::to_string(t[1].person) + ",3],[" +
                                               std::to_string(t[2].person) + ",1]]"))
      << reveals[0].dump();
  const auto revealed = server.state(t.trajectory_id);
  ASSERT_TRUE(revealed);
  for (auto& m : t.members) {
    const auto& vote = m->replica().meetings[0].session.vote;
    EXPECT_TRUE(vote.revealed);
    EXPECT_EQ(vote.ballots, (std::map<person_id, int>{{t[1].person, 3}, {t[2].person, 1}}));
    EXPECT_EQ(m->replica_hash(), revealed->hash) << m.client_id;
  }
  EXPECT_EQ(dirk.replica_hash(), revealed->hash);

  // Closing with a decision sets the rating and records the outcome.
  ASSERT_TRUE(anna.submit_acked(op::close_vote{0, 2}));
  ASSERT_TRUE(settle(server, t));
  const auto closed = server.state(t.trajectory_id);
  ASSERT_TRUE(closed);
  for (auto& m : t.members) {
    const auto& r = m->replica();
    EXPECT_EQ(r.documents[0].rows[2].rating, 2);
    EXPECT_FALSE(r.meetings[0].session.vote.open);
    ASSERT_EQ(r.votes.size(), 1u);
    EXPECT_EQ(r.votes[0].decided, 2);
    EXPECT_EQ(r.votes[0].distribution, (std::array<int, 3>{1, 0, 1}));
    EXPECT_EQ(m->replica_hash(), closed->hash) << m.client_id;
  }
}

TEST(Vote, CastingTwiceKeepsOneBallotAndAnonymousRecordsNoNames) {
  test_server server;
  auto t = make_team(server, {"Anna", "Bram"});
  ASSERT_EQ(t.members.size(), 2u);
  auto& anna = *t[0];
  ASSERT_TRUE(anna.submit_acked(op::start_meeting{0, 0}));
  ASSERT_TRUE(anna.submit_acked(op::open_vote{0, document_id::signalering_begin, 7, true}));
  ASSERT_TRUE(t[1]->submit_acked(op::cast_vote{0, 1}));
  ASSERT_TRUE(t[1]->submit_acked(op::cast_vote{0, 3}));  // changed his mind
  ASSERT_TRUE(anna.submit_acked(op::cast_vote{0, 3}));
  ASSERT_TRUE(anna.submit_acked(op::reveal_vote{0, {}}));
  // After the reveal no more ballots.
  const auto late = t[1]->wait_reject(t[1]->submit(op::cast_vote{0, 2}));
  ASSERT_TRUE(late);
  EXPECT_EQ(late->code, "conflict");
  ASSERT_TRUE(anna.submit_acked(op::close_vote{0, 3}));
  ASSERT_TRUE(settle(server, t));
  const auto& r = t[1]->replica();
  EXPECT_EQ(r.documents[0].rows[7].rating, 3);
  ASSERT_EQ(r.votes.size(), 1u);
  EXPECT_EQ(r.votes[0].distribution, (std::array<int, 3>{0, 0, 2}));
  EXPECT_TRUE(r.votes[0].ballots.empty());
  const auto state = server.state(t.trajectory_id);
  ASSERT_TRUE(state);
  EXPECT_EQ(t[1]->replica_hash(), state->hash);
  EXPECT_EQ(anna.replica_hash(), state->hash);
}

}  // namespace
}  // namespace jos::server::test
