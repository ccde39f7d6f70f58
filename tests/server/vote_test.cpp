// Vote secrecy on the wire: while a vote is open, nobody (not even the voter) receives a
// ballot's value, in broadcasts, catch-ups or snapshots; the reveal carries them all; the
// decision becomes the rating.

#include <gtest/gtest.h>

#include <set>

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
  ASSERT_TRUE(t[1]->submit_ballot_acked(op::cast_vote{0, 1}));
  ASSERT_TRUE(t[1]->submit_ballot_acked(op::cast_vote{0, 3}));  // changed his mind
  ASSERT_TRUE(anna.submit_ballot_acked(op::cast_vote{0, 3}));
  // Both online have voted: the server revealed by itself, so a second reveal is refused.
  ASSERT_TRUE(t[1]->wait([&] { return t[1]->replica().meetings[0].session.vote.revealed; }));
  const auto again = anna.wait_reject(anna.submit(op::reveal_vote{0, {}}));
  ASSERT_TRUE(again);
  EXPECT_EQ(again->code, protocol::error_code::conflict);
  // After the reveal no more ballots.
  const auto late = t[1]->wait_reject(t[1]->submit_ballot(op::cast_vote{0, 2}));
  ASSERT_TRUE(late);
  EXPECT_EQ(late->code, protocol::error_code::conflict);
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

bool is_stand_in(const json& author) {
  return author.is_number_unsigned() && author.get<std::uint64_t>() >= 0x80000000u;
}

TEST(Vote, AnonymousBallotsNameNeitherVoterNorClientOnTheWire) {
  test_server server;
  auto t = make_team(server, {"Anna", "Bram", "Carla", "Dirk"});
  ASSERT_EQ(t.members.size(), 4u);
  auto& anna = *t[0];
  ASSERT_TRUE(anna.submit_acked(op::start_meeting{0, 0}));
  ASSERT_TRUE(anna.submit_acked(op::open_vote{0, document_id::signalering_begin, 4, true}));
  ASSERT_TRUE(t[1]->submit_ballot_acked(op::cast_vote{0, 1}));
  ASSERT_TRUE(t[2]->submit_ballot_acked(op::cast_vote{0, 3}));
  ASSERT_TRUE(t[1]->submit_ballot_acked(op::cast_vote{0, 2}));  // Bram changes his mind
  ASSERT_TRUE(settle(server, t));

  std::set<person_id> team_ids;
  for (auto& m : t.members) team_ids.insert(m.person);
  for (auto& m : t.members) {
    SCOPED_TRACE(m.client_id);
    std::set<std::uint64_t> stand_ins;
    std::size_t casts = 0;
    for (const auto& text : m->raw()) {
      const json j = json::parse(text, nullptr, false);
      if (j.is_discarded() || j.value("type", "") != "ops") continue;
      for (const auto& element : j["ops"]) {
        if (element["op"]["type"] != "cast_vote") continue;
        ++casts;
        // Not what, not who, and not through which client (a client id gives its owner away).
        EXPECT_EQ(element["op"]["value"], 0) << element.dump();
        EXPECT_TRUE(is_stand_in(element["author"])) << element.dump();
        EXPECT_EQ(element["client_id"], "") << element.dump();
        EXPECT_EQ(element["client_seq"], 0) << element.dump();
        stand_ins.insert(element["author"].get<std::uint64_t>());
      }
    }
    EXPECT_EQ(casts, 3u);
    // One stand-in per voter, kept when a voter changes the ballot: two people voted.
    EXPECT_EQ(stand_ins.size(), 2u);
    const auto& vote = m->replica().meetings[0].session.vote;
    EXPECT_EQ(vote.ballots.size(), 2u);
    for (const auto& [who, value] : vote.ballots) {
      EXPECT_EQ(team_ids.count(who), 0u) << who;
      EXPECT_EQ(value, 0);
    }
  }

  // Someone joining now sees two anonymous ballots in the snapshot.
  test_client eva(server.port());
  ASSERT_EQ(eva.connect(), "");
  auto joined = eva.join(t.join_code, profile_of("Eva"));
  ASSERT_TRUE(joined);
  ASSERT_TRUE(eva.hello(joined->token, "eva"));
  const auto snapshots = raw_snapshots(eva);
  ASSERT_EQ(snapshots.size(), 1u);
  const json& ballots = snapshots[0]["state"]["meetings"][0]["session"]["vote"]["ballots"];
  ASSERT_EQ(ballots.size(), 2u) << ballots.dump();
  for (const auto& pair : ballots) {
    EXPECT_TRUE(is_stand_in(pair[0])) << ballots.dump();
    EXPECT_EQ(pair[1], 0) << ballots.dump();
  }
  // The late joiner votes too; the others' count follows.
  ASSERT_TRUE(eva.submit_ballot_acked(op::cast_vote{0, 2}));
  ASSERT_TRUE(settle(server, t));
  EXPECT_EQ(anna.replica().meetings[0].session.vote.ballots.size(), 3u);
  EXPECT_FALSE(anna.replica().meetings[0].session.vote.revealed);

  // Anna and Dirk vote: everyone online has, so the server reveals by itself, by value.
  ASSERT_TRUE(t[3]->submit_ballot_acked(op::cast_vote{0, 3}));
  ASSERT_TRUE(anna.submit_ballot_acked(op::cast_vote{0, 2}));
  // The reveal follows the last ballot in an op of its own.
  auto revealed_to = [](test_client& c) {
    return c.wait([&] { return c.replica().meetings[0].session.vote.revealed; });
  };
  for (auto& m : t.members) ASSERT_TRUE(revealed_to(*m)) << m.client_id;
  ASSERT_TRUE(revealed_to(eva));
  ASSERT_TRUE(settle(server, t));
  const auto reveals = raw_ops(*t[1], "reveal_vote");
  ASSERT_EQ(reveals.size(), 1u);
  EXPECT_EQ(reveals[0]["ballots"], json::parse("[[1,2],[2,2],[3,2],[4,3],[5,3]]"))
      << reveals[0].dump();
  const auto revealed = server.state(t.trajectory_id);
  ASSERT_TRUE(revealed);
  for (auto& m : t.members) {
    EXPECT_TRUE(m->replica().meetings[0].session.vote.revealed);
    EXPECT_EQ(m->replica_hash(), revealed->hash) << m.client_id;
  }
  EXPECT_EQ(eva.replica_hash(), revealed->hash);

  ASSERT_TRUE(anna.submit_acked(op::close_vote{0, 2}));
  ASSERT_TRUE(settle(server, t));
  const auto& r = t[2]->replica();
  ASSERT_EQ(r.votes.size(), 1u);
  EXPECT_EQ(r.votes[0].distribution, (std::array<int, 3>{0, 3, 2}));
  EXPECT_TRUE(r.votes[0].ballots.empty());
  EXPECT_EQ(r.documents[0].rows[4].rating, 2);
}

TEST(Vote, ADisconnectKeepsTheBallotAndClosingWithoutDecisionChangesNothing) {
  test_server server;
  auto t = make_team(server, {"Anna", "Bram", "Carla"});
  ASSERT_EQ(t.members.size(), 3u);
  auto& anna = *t[0];
  ASSERT_TRUE(anna.submit_acked(op::start_meeting{0, 0}));
  ASSERT_TRUE(anna.submit_acked(op::set_rating{document_id::signalering_begin, 6, 1}));
  ASSERT_TRUE(anna.submit_acked(op::open_vote{0, document_id::signalering_begin, 6, false}));
  ASSERT_TRUE(t[1]->submit_acked(op::cast_vote{0, 3}));
  t[1]->drop();
  // Anna and Carla are the ones online now; Carla votes, Anna not yet: no reveal.
  ASSERT_TRUE(t[2]->submit_acked(op::cast_vote{0, 2}));
  ASSERT_EQ(t[1]->reconnect(), "");
  ASSERT_TRUE(settle(server, t));
  const auto& vote = t[1]->replica().meetings[0].session.vote;
  EXPECT_FALSE(vote.revealed);
  EXPECT_EQ(vote.ballots, (std::map<person_id, int>{{t[1].person, 0}, {t[2].person, 0}}));

  ASSERT_TRUE(anna.submit_acked(op::reveal_vote{0, {}}));
  ASSERT_TRUE(settle(server, t));
  EXPECT_EQ(t[2]->replica().meetings[0].session.vote.ballots,
            (std::map<person_id, int>{{t[1].person, 3}, {t[2].person, 2}}));

  // Closing without a decision: the rating and the record stay as they were.
  const auto before = server.state(t.trajectory_id);
  ASSERT_TRUE(before);
  ASSERT_TRUE(anna.submit_acked(op::close_vote{0, 0}));
  ASSERT_TRUE(settle(server, t));
  for (auto& m : t.members) {
    const auto& r = m->replica();
    EXPECT_FALSE(r.meetings[0].session.vote.open);
    EXPECT_EQ(r.documents[0].rows[6].rating, 1);
    EXPECT_TRUE(r.votes.empty());
  }
}

}  // namespace
}  // namespace jos::server::test
