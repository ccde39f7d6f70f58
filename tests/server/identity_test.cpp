// Identity over the wire: creating a leerlijn, joining with the team code (as typed by a
// person), reconnecting as the same person with the same roles, and refusing guessers.

#include <gtest/gtest.h>

#include <algorithm>
#include <cctype>
#include <regex>

#include "shared/rules.hpp"
#include "tests/server/test_server.hpp"

namespace jos::server::test {
namespace {

using namespace shared;

const person* find(const trajectory& t, person_id id) { return find_person(t, id); }

std::string typed_lowercase_with_spaces(const std::string& code) {
  std::string out;
  for (char c : code) {
    if (c == '-') {
      out += "  ";
      continue;
    }
    out.push_back(static_cast<char>(std::tolower(static_cast<unsigned char>(c))));
  }
  return " " + out + " ";
}

TEST(Identity, CreateGivesCodeSecretAndTokenAndHelloShowsTheCoordinator) {
  test_server server;
  test_client anna(server.port());
  ASSERT_EQ(anna.connect(), "");
  auto created = anna.create(partners("Het Baken", "JOOT"), profile_of("Anna"));
  ASSERT_TRUE(created) << (anna.last_error() ? anna.last_error()->reason : "no reply");
  // Five and five Crockford symbols: readable aloud, no I, L, O or U.
  EXPECT_TRUE(std::regex_match(created->join_code,
                               std::regex("[0-9A-HJKMNP-TV-Z]{5}-[0-9A-HJKMNP-TV-Z]{5}")))
      << created->join_code;
  EXPECT_TRUE(std::regex_match(created->token, std::regex("[0-9a-f]{64}"))) << created->token;
  // The coordinator code: three groups of four, short enough to read out.
  EXPECT_TRUE(std::regex_match(
      created->coordinator_secret,
      std::regex("[0-9A-HJKMNP-TV-Z]{4}-[0-9A-HJKMNP-TV-Z]{4}-[0-9A-HJKMNP-TV-Z]{4}")))
      << created->coordinator_secret;
  EXPECT_NE(created->token, created->coordinator_secret);
  EXPECT_FALSE(created->trajectory_id.empty());
  EXPECT_EQ(created->person, 1u);

  auto welcome = anna.hello(created->token, "anna-laptop");
  ASSERT_TRUE(welcome) << (anna.last_error() ? anna.last_error()->reason : anna.closed_because());
  EXPECT_EQ(welcome->trajectory_id, created->trajectory_id);
  EXPECT_EQ(welcome->person, created->person);
  ASSERT_TRUE(anna.has_replica());
  EXPECT_EQ(anna.snapshots_received(), 1u);
  EXPECT_EQ(anna.replica().partners.school, "Het Baken");
  EXPECT_EQ(anna.replica().partners.youth_organisation, "JOOT");
  const person* me = find(anna.replica(), created->person);
  ASSERT_NE(me, nullptr);
  EXPECT_EQ(me->name, "Anna");
  EXPECT_TRUE(me->coordinator);
  ASSERT_TRUE(anna.presence());
  EXPECT_EQ(anna.presence()->online, std::vector<person_id>{created->person});

  const auto state = server.state(created->trajectory_id);
  ASSERT_TRUE(state);
  EXPECT_EQ(anna.replica_seq(), state->seq);
  EXPECT_EQ(anna.replica_hash(), state->hash);
  EXPECT_TRUE(anna.undecodable().empty());
}

TEST(Identity, JoinWithTheCodeAsTypedAndReconnectAsTheSamePersonWithRoles) {
  test_server server;
  auto t = make_team(server, {"Anna"});
  ASSERT_EQ(t.members.size(), 1u);
  auto& anna = t[0];

  test_client bram(server.port());
  ASSERT_EQ(bram.connect(), "");
  auto joined = bram.join(t.join_code, profile_of("Bram", true));
  ASSERT_TRUE(joined) << (bram.last_error() ? bram.last_error()->reason : "no reply");
  EXPECT_EQ(joined->trajectory_id, t.trajectory_id);
  EXPECT_EQ(joined->person, 2u);
  EXPECT_TRUE(std::regex_match(joined->token, std::regex("[0-9a-f]{64}")));

  // The code as a person might type it: lowercase, spaces instead of the dash.
  test_client carla(server.port());
  ASSERT_EQ(carla.connect(), "");
  auto carla_joined = carla.join(typed_lowercase_with_spaces(t.join_code), profile_of("Carla"));
  ASSERT_TRUE(carla_joined) << typed_lowercase_with_spaces(t.join_code) << ": "
                            << (carla.last_error() ? carla.last_error()->reason : "no reply");
  EXPECT_EQ(carla_joined->trajectory_id, t.trajectory_id);
  EXPECT_EQ(carla_joined->person, 3u);
  EXPECT_NE(carla_joined->token, joined->token);

  auto welcome = bram.hello(joined->token, "bram-laptop");
  ASSERT_TRUE(welcome);
  EXPECT_EQ(welcome->person, joined->person);
  const person* b = find(bram.replica(), joined->person);
  ASSERT_NE(b, nullptr);
  EXPECT_EQ(b->name, "Bram");
  EXPECT_EQ(b->org, organisation::jongerenwerk);
  EXPECT_FALSE(b->coordinator);
  ASSERT_NE(find(bram.replica(), carla_joined->person), nullptr);

  // The coordinator starts meeting 1 and makes Bram its invuller.
  ASSERT_TRUE(anna->submit_acked(op::start_meeting{0, 0}));
  ASSERT_TRUE(anna->submit_acked(op::assign_role{0, meeting_role::invuller, joined->person}));
  ASSERT_TRUE(bram.wait_seq(anna->replica_seq()));
  EXPECT_EQ(bram.replica().meetings[0].session.invuller, joined->person);

  // Bram's laptop loses the connection; a new connection with the same token is the same
  // person, and the role is still his: the server lets him rate.
  bram.drop();
  test_client bram_again(server.port());
  ASSERT_EQ(bram_again.connect(), "");
  auto again = bram_again.hello(joined->token, "bram-laptop-2");
  ASSERT_TRUE(again) << (bram_again.last_error() ? bram_again.last_error()->reason : "");
  EXPECT_EQ(again->person, joined->person);
  EXPECT_EQ(bram_again.replica().meetings[0].session.invuller, joined->person);
  auto rated = bram_again.submit_acked(op::set_rating{document_id::signalering_begin, 0, 2});
  ASSERT_TRUE(rated) << (bram_again.rejects().empty()
                             ? "no reply"
                             : bram_again.rejects().begin()->second.reason);
  // Carla, not the invuller, may not: the right belongs to Bram's person, not a connection.
  ASSERT_TRUE(carla.hello(carla_joined->token, "carla-laptop"));
  auto refused =
      carla.wait_reject(carla.submit(op::set_rating{document_id::signalering_begin, 0, 3}));
  ASSERT_TRUE(refused);
  EXPECT_EQ(refused->code, protocol::error_code::forbidden);

  ASSERT_TRUE(settle(server, t));
  ASSERT_TRUE(carla.wait_seq(anna->replica_seq()));
  ASSERT_TRUE(bram_again.wait_seq(anna->replica_seq()));
  EXPECT_EQ(anna->replica().documents[0].rows[0].rating, 2);
  const auto state = server.state(t.trajectory_id);
  ASSERT_TRUE(state);
  EXPECT_EQ(anna->replica_hash(), state->hash);
  EXPECT_EQ(bram_again.replica_hash(), state->hash);
  EXPECT_EQ(carla.replica_hash(), state->hash);
}

TEST(Identity, ReconnectWithLastSeqGetsOnlyTheMissedOps) {
  test_server server;
  auto t = make_team(server, {"Anna", "Bram"});
  ASSERT_EQ(t.members.size(), 2u);
  const auto seen = t[1]->replica_seq();
  t[1]->drop();
  for (int i = 0; i < 3; ++i) ASSERT_TRUE(t[0]->submit_acked(op::set_precondition{i, true}));
  ASSERT_EQ(t[1]->connect(), "");
  auto welcome = t[1]->hello(t[1].token, t[1].client_id, seen);
  ASSERT_TRUE(welcome);
  EXPECT_EQ(welcome->seq, seen + 3);
  EXPECT_EQ(t[1]->snapshots_received(), 1u) << "caught up with a second snapshot, not the ops";
  EXPECT_EQ(t[1]->replica_seq(), seen + 3);
  EXPECT_TRUE(t[1]->replica().preconditions[2]);
  EXPECT_TRUE(t[1]->order_faults().empty()) << t[1]->order_faults().front();
  const auto state = server.state(t.trajectory_id);
  ASSERT_TRUE(state);
  EXPECT_EQ(t[1]->replica_hash(), state->hash);

  // A client that claims more than the server has (a server restored from a backup) is
  // given the whole state again.
  test_client confused(server.port());
  ASSERT_EQ(confused.connect(), "");
  auto welcome_again = confused.hello(t[1].token, "confused", state->seq + 50);
  ASSERT_TRUE(welcome_again);
  EXPECT_EQ(welcome_again->seq, state->seq);
  EXPECT_EQ(confused.snapshots_received(), 1u);
  EXPECT_EQ(confused.replica_seq(), state->seq);
  EXPECT_EQ(confused.replica_hash(), state->hash);
}

TEST(Identity, ReconnectFarBehindGetsASnapshotInstead) {
  config cfg;
  cfg.max_catch_up = 3;
  test_server server(cfg);
  auto t = make_team(server, {"Anna", "Bram"});
  ASSERT_EQ(t.members.size(), 2u);
  auto& bram = *t[1];
  // Three missed: caught up with the ops.
  auto seen = bram.replica_seq();
  bram.drop();
  for (int i = 0; i < 3; ++i) ASSERT_TRUE(t[0]->submit_acked(op::set_precondition{i, true}));
  ASSERT_EQ(bram.reconnect(), "");
  EXPECT_EQ(bram.snapshots_received(), 1u) << "three ops came as a snapshot";
  EXPECT_EQ(bram.replica_seq(), seen + 3);
  // Four missed: too many, so the whole state.
  seen = bram.replica_seq();
  bram.drop();
  for (int i = 0; i < 4; ++i)
    ASSERT_TRUE(t[0]->submit_acked(op::add_reaction{0, -1, "punt " + std::to_string(i), 0}));
  ASSERT_EQ(bram.reconnect(), "");
  EXPECT_EQ(bram.snapshots_received(), 2u) << "four ops came one by one";
  EXPECT_EQ(bram.replica_seq(), seen + 4);
  EXPECT_TRUE(bram.order_faults().empty()) << bram.order_faults().front();
  const auto state = server.state(t.trajectory_id);
  ASSERT_TRUE(state);
  EXPECT_EQ(bram.replica_hash(), state->hash);
}

TEST(Identity, BadTokenAndHelloWithoutClientIdAreRefused) {
  test_server server;
  test_client c(server.port());
  ASSERT_EQ(c.connect(), "");
  EXPECT_FALSE(c.hello(std::string(64, 'a'), "x"));
  ASSERT_TRUE(c.last_error());
  EXPECT_EQ(c.last_error()->code, protocol::error_code::unauthorised);
  EXPECT_NE(c.last_error()->reason.find("teamcode"), std::string::npos) << c.last_error()->reason;
  EXPECT_TRUE(c.is_open());

  auto t = make_team(server, {"Anna"});
  EXPECT_FALSE(c.hello(t[0].token, ""));
  ASSERT_TRUE(c.last_error());
  EXPECT_EQ(c.last_error()->code, protocol::error_code::invalid);
  // The same connection can still say a proper hello.
  EXPECT_TRUE(c.hello(t[0].token, "second-device"));
}

TEST(Identity, UnknownCodeAndTheCoordinatorCode) {
  test_server server;
  auto t = make_team(server, {"Anna"});
  ASSERT_EQ(t.members.size(), 1u);

  test_client guesser(server.port());
  ASSERT_EQ(guesser.connect(), "");
  EXPECT_FALSE(guesser.join("ABCDE-FGHJK", profile_of("Gerrit")));
  ASSERT_TRUE(guesser.last_error());
  EXPECT_EQ(guesser.last_error()->code, protocol::error_code::unknown_code);
  EXPECT_NE(guesser.last_error()->reason.find("teamcode is onbekend"), std::string::npos)
      << guesser.last_error()->reason;

  // The coordinator secret works as a code and makes a second coordinator; it is not a
  // failure, so it does not count towards the limit.
  test_client dirk(server.port());
  ASSERT_EQ(dirk.connect(), "");
  auto dirk_joined = dirk.join(t.coordinator_secret, profile_of("Dirk", true));
  ASSERT_TRUE(dirk_joined) << (dirk.last_error() ? dirk.last_error()->reason : "no reply");
  ASSERT_TRUE(dirk.hello(dirk_joined->token, "dirk"));
  const person* d = find_person(dirk.replica(), dirk_joined->person);
  ASSERT_NE(d, nullptr);
  EXPECT_TRUE(d->coordinator);
  EXPECT_EQ(coordinator_count(dirk.replica()), 2);
  // As coordinator Dirk may do what only coordinators may.
  EXPECT_TRUE(dirk.submit_acked(op::set_precondition{1, true}));

  // (How guessing is slowed down: Access.AGuesserSlowsOnlyThemselvesNeverARightCode.)
}

TEST(Identity, AThirdCoordinatorIsNotMade) {
  test_server server;
  auto t = make_team(server, {"Anna"});
  ASSERT_EQ(t.members.size(), 1u);
  std::vector<std::unique_ptr<test_client>> joiners;
  for (const char* name : {"Dirk", "Eva"}) {
    auto c = std::make_unique<test_client>(server.port());
    ASSERT_EQ(c->connect(), "");
    auto j = c->join(t.coordinator_secret, profile_of(name));
    ASSERT_TRUE(j);
    ASSERT_TRUE(c->hello(j->token, name));
    joiners.push_back(std::move(c));
  }
  // Two coordinators at most: the second secret-joiner is an ordinary member.
  EXPECT_EQ(coordinator_count(joiners.back()->replica()), 2);
  const person* eva = find_person(joiners.back()->replica(), joiners.back()->person());
  ASSERT_NE(eva, nullptr);
  EXPECT_FALSE(eva->coordinator);
}

TEST(Identity, InvalidProfileIsRefused) {
  test_server server;
  test_client c(server.port());
  ASSERT_EQ(c.connect(), "");
  EXPECT_FALSE(c.create(partners(), profile_of("")));
  ASSERT_TRUE(c.last_error());
  EXPECT_EQ(c.last_error()->code, protocol::error_code::invalid);
  EXPECT_FALSE(c.create(partners("", "JOOT"), profile_of("Anna")));
  ASSERT_TRUE(c.last_error());
  EXPECT_EQ(c.last_error()->code, protocol::error_code::invalid);
  EXPECT_TRUE(c.create(partners(), profile_of("Anna")));
}

}  // namespace
}  // namespace jos::server::test
