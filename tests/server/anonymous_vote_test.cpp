// An anonymous vote keeps its secret from everyone, the server's admin included: nothing in
// any frame anyone receives and nothing in any row of the database links a ballot, or the
// fact of voting, to a person. The voter still gets an acknowledgement, can resend
// idempotently, and can change their ballot, also after a restart.

#include <gtest/gtest.h>

#include <set>

#include "protocol/json_reader.hpp"
#include "protocol/state_codec.hpp"
#include "tests/server/database_rows.hpp"
#include "tests/server/test_server.hpp"

namespace jos::server::test {
namespace {

using namespace shared;
using protocol::json;

constexpr std::uint64_t stand_in_base = 0x80000000u;

bool is_stand_in(const json& author) {
  return author.is_number_unsigned() && author.get<std::uint64_t>() >= stand_in_base;
}

struct voter {
  person_id person = no_person;
  std::string client_id;
  std::string token;
};

// Every frame one client received, parsed.
std::vector<json> frames(const test_client& c) {
  std::vector<json> out;
  for (const auto& text : c.raw()) out.push_back(json::parse(text, nullptr, false));
  return out;
}

// What every frame anyone received says about the anonymous ballots (seqs `ballots`).
void expect_frames_name_no_voter(const std::vector<json>& received, const std::string& who,
                                 const std::set<std::uint64_t>& ballots,
                                 const std::set<std::uint64_t>& ballot_numbers_of_others) {
  SCOPED_TRACE(who);
  for (const auto& f : received) {
    ASSERT_FALSE(f.is_discarded());
    const std::string type = f.value("type", "");
    if (type == "ops") {
      for (const auto& e : f["ops"]) {
        if (!ballots.contains(e["seq"].get<std::uint64_t>())) continue;
        EXPECT_TRUE(is_stand_in(e["author"])) << e.dump();
        EXPECT_EQ(e["client_id"], "") << e.dump();
        EXPECT_EQ(e["client_seq"], 0) << e.dump();
        EXPECT_EQ(e["op"]["value"], 0) << e.dump();
      }
    } else if (type == "snapshot") {
      for (const auto& m : f["state"]["meetings"]) {
        const auto& v = m["session"]["vote"];
        if (!v["anonymous"].get<bool>() || !v["open"].get<bool>()) continue;
        for (const auto& pair : v["ballots"]) {
          EXPECT_TRUE(is_stand_in(pair[0]) || v["revealed"].get<bool>()) << v.dump();
        }
      }
    } else if (type == "ack" || type == "reject") {
      // Acks and refusals go only to the one who sent: never someone else's ballot.
      EXPECT_FALSE(ballot_numbers_of_others.contains(f["client_seq"].get<std::uint64_t>()))
          << f.dump();
    }
  }
}

// The client_seqs of one client's ops as everyone sees them: 1, 2, 3, … without a gap that
// would say "here it sent something nobody saw".
void expect_no_gap(const test_client& observer, const std::string& client_id, person_id person) {
  std::vector<std::uint64_t> seen;
  for (const auto& s : observer.ops_seen())
    if (s.client_id == client_id && s.author == person) seen.push_back(s.client_seq);
  std::sort(seen.begin(), seen.end());
  seen.erase(std::unique(seen.begin(), seen.end()), seen.end());
  for (std::size_t i = 0; i < seen.size(); ++i) EXPECT_EQ(seen[i], i + 1) << client_id;
}

TEST(AnonymousVote, NoFrameAndNoRowLinksABallotOrTheFactOfVotingToAPerson) {
  config cfg;
  cfg.snapshot_every = 3;  // snapshots stored while the vote is open, too
  test_server server(cfg);
  auto t = make_team(server, {"Anna", "Bram", "Carla", "Dirk"});
  ASSERT_EQ(t.members.size(), 4u);
  auto& anna = *t[0];
  auto& bram = *t[1];
  auto& carla = *t[2];
  ASSERT_TRUE(anna.submit_acked(op::start_meeting{0, 0}));
  ASSERT_TRUE(anna.submit_acked(op::open_vote{0, document_id::signalering_begin, 4, true}));

  // Bram works before, between and after his ballots; Carla votes once; Dirk does not.
  ASSERT_TRUE(bram.submit_acked(op::add_reaction{0, -1, "voor mijn stem", 0}));
  const auto bram_first = bram.submit_ballot(op::cast_vote{0, 3});
  ASSERT_TRUE(bram.wait_ack(bram_first));
  ASSERT_TRUE(bram.submit_acked(op::add_reaction{0, -1, "tussen mijn stemmen", 0}));
  const auto bram_second = bram.submit_ballot(op::cast_vote{0, 1});  // changed his mind
  ASSERT_TRUE(bram.wait_ack(bram_second));
  const auto carla_ballot = carla.submit_ballot(op::cast_vote{0, 2});
  ASSERT_TRUE(carla.wait_ack(carla_ballot));
  ASSERT_TRUE(bram.submit_acked(op::add_reaction{0, -1, "na mijn stemmen", 0}));
  ASSERT_TRUE(settle(server, t));

  // A resend of Bram's ballot (its ack was lost) is acknowledged again, not applied.
  const auto before_resend = server.state(t.trajectory_id);
  ASSERT_TRUE(before_resend);
  const auto second_seq = bram.acks().at(bram_second);
  ASSERT_TRUE(bram.resend(bram_second));
  EXPECT_EQ(bram.wait_ack(bram_second), second_seq);
  const auto after_resend = server.state(t.trajectory_id);
  ASSERT_TRUE(after_resend);
  EXPECT_EQ(after_resend->seq, before_resend->seq);

  // Two voters, three ballots: everyone counts two.
  for (auto& m : t.members) EXPECT_EQ(m->replica().meetings[0].session.vote.ballots.size(), 2u);

  // The server restarts with the vote open. Bram changes his mind once more: his ballot is
  // replaced, not added, although nothing stored says which ballot was his.
  for (auto& m : t.members) m->drop();
  server.restart();
  for (auto& m : t.members) {
    m->set_port(server.port());
    ASSERT_EQ(m->reconnect(), "") << m.client_id;
  }
  const auto bram_third = bram.submit_ballot(op::cast_vote{0, 2});
  ASSERT_TRUE(bram.wait_ack(bram_third));
  ASSERT_TRUE(settle(server, t));
  for (auto& m : t.members) {
    const auto& vote = m->replica().meetings[0].session.vote;
    EXPECT_EQ(vote.ballots.size(), 2u) << m.client_id;
    EXPECT_FALSE(vote.revealed);
  }

  // Which seqs were ballots, as the server ordered them.
  std::set<std::uint64_t> ballots;
  for (const auto& s : anna.ops_seen())
    if (std::holds_alternative<op::cast_vote>(s.op)) ballots.insert(s.seq);
  ASSERT_EQ(ballots.size(), 4u);

  // -- On the wire, to everyone (the voters themselves included).
  const std::set<std::uint64_t> bram_numbers{bram_first, bram_second, bram_third};
  const std::set<std::uint64_t> carla_numbers{carla_ballot};
  for (auto& m : t.members) {
    std::set<std::uint64_t> others;
    if (m->person() != bram.person()) others.insert(bram_numbers.begin(), bram_numbers.end());
    if (m->person() != carla.person()) others.insert(carla_numbers.begin(), carla_numbers.end());
    expect_frames_name_no_voter(frames(*m), m.client_id, ballots, others);
    // Nobody's main sequence shows where a ballot went.
    for (auto& other : t.members) expect_no_gap(*m, other.client_id, other.person);
  }
  // What the server says it took from Bram's installation counts his ops only.
  test_client bram_again(server.port());
  ASSERT_EQ(bram_again.connect(), "");
  auto welcome = bram_again.hello(t[1].token, t[1].client_id);
  ASSERT_TRUE(welcome);
  EXPECT_EQ(welcome->last_client_seq, 3u) << "Bram's three reactions, not his ballots";

  // -- At rest: every row of every table.
  const auto rows = read_every_row(server.db());
  std::set<std::string> real_client_ids, token_hashes;
  for (auto& m : t.members) real_client_ids.insert(m.client_id);
  for (const auto& row : rows.at("participants")) token_hashes.insert(row.at("token_hash"));
  std::set<std::string> checked;
  for (const auto& [table, table_rows] : rows) {
    SCOPED_TRACE(table);
    checked.insert(table);
    for (const auto& row : table_rows) {
      if (table == "ops") {
        if (!ballots.contains(std::stoull(row.at("seq")))) continue;
        EXPECT_GE(std::stoull(row.at("author")), stand_in_base) << row.at("op");
        EXPECT_EQ(row.at("client_id"), "");
        EXPECT_EQ(row.at("client_seq"), "0");
      } else if (table == "clients") {
        // A person's mark never points at a ballot; a ballot's mark names a stand-in and a
        // key that nothing else in the file leads to.
        const auto person = std::stoull(row.at("person_id"));
        if (person < stand_in_base) {
          EXPECT_FALSE(ballots.contains(std::stoull(row.at("last_seq"))));
        } else {
          EXPECT_FALSE(real_client_ids.contains(row.at("client_id")));
          EXPECT_FALSE(token_hashes.contains(row.at("client_id")));
        }
      } else if (table == "snapshots") {
        std::string error;
        const auto state = protocol::decode_state(json::parse(row.at("state")), error);
        ASSERT_TRUE(state) << error;
        for (const auto& m : state->meetings) {
          if (!m.session.vote.anonymous || m.session.vote.revealed) continue;
          for (const auto& [who, value] : m.session.vote.ballots)
            EXPECT_GE(who, stand_in_base) << row.at("seq");
        }
      } else if (table == "participants" || table == "trajectories" || table == "admin_requests") {
        // Who is on the team and how they got in: nothing about ballots.
        for (const auto& [column, value] : row)
          EXPECT_EQ(value.find("vote"), std::string::npos) << column;
      } else {
        ADD_FAILURE() << "a table this test does not know: check it for ballots too";
      }
    }
  }
  EXPECT_TRUE(checked.contains("ops") && checked.contains("clients") &&
              checked.contains("snapshots"));

  // The reveal and the record: the distribution, no names.
  ASSERT_TRUE(anna.submit_acked(op::reveal_vote{0, {}}));
  ASSERT_TRUE(anna.submit_acked(op::close_vote{0, 2}));
  ASSERT_TRUE(settle(server, t));
  const auto& r = carla.replica();
  ASSERT_EQ(r.votes.size(), 1u);
  EXPECT_EQ(r.votes[0].distribution, (std::array<int, 3>{0, 2, 0}));
  EXPECT_TRUE(r.votes[0].ballots.empty());
  const auto state = server.state(t.trajectory_id);
  ASSERT_TRUE(state);
  EXPECT_EQ(carla.replica_hash(), state->hash);
}

TEST(AnonymousVote, ABallotOutsideItsOwnSequenceOnlyInAnAnonymousVote) {
  test_server server;
  auto t = make_team(server, {"Anna", "Bram"});
  ASSERT_EQ(t.members.size(), 2u);
  auto& anna = *t[0];
  auto& bram = *t[1];
  ASSERT_TRUE(anna.submit_acked(op::start_meeting{0, 0}));
  ASSERT_TRUE(anna.submit_acked(op::open_vote{0, document_id::signalering_begin, 1, true}));
  // In an anonymous vote, a ballot numbered in the voter's own sequence would leave a gap
  // there: refused, nothing changes.
  const auto named = bram.wait_reject(bram.submit(op::cast_vote{0, 2}));
  ASSERT_TRUE(named);
  EXPECT_EQ(named->code, protocol::error_code::conflict);
  EXPECT_TRUE(anna.replica().meetings[0].session.vote.ballots.empty());
  // Only a cast_vote travels as a ballot.
  const auto odd = bram.wait_reject(bram.submit_ballot(op::set_precondition{0, true}));
  ASSERT_TRUE(odd);
  EXPECT_EQ(odd->code, protocol::error_code::invalid);
  ASSERT_TRUE(anna.submit_acked(op::close_vote{0, 0}));
  // In a vote with names a ballot is an ordinary op: sent as a secret one, it is refused.
  ASSERT_TRUE(anna.submit_acked(op::open_vote{0, document_id::signalering_begin, 1, false}));
  const auto secret = bram.wait_reject(bram.submit_ballot(op::cast_vote{0, 2}));
  ASSERT_TRUE(secret);
  EXPECT_EQ(secret->code, protocol::error_code::conflict);
  EXPECT_TRUE(bram.submit_acked(op::cast_vote{0, 2}));
  ASSERT_TRUE(settle(server, t));
  EXPECT_EQ(anna.replica().meetings[0].session.vote.ballots,
            (std::map<person_id, int>{{bram.person(), 0}}));
}

}  // namespace
}  // namespace jos::server::test
