// Presence: everyone in a room is told who is online when someone comes or goes, whether
// they close politely, drop, or fall silent (noticed by the keep-alive pings).

#include <gtest/gtest.h>

#include "tests/server/test_server.hpp"

namespace jos::server::test {
namespace {

using namespace shared;
using clock_type = std::chrono::steady_clock;

bool online_is(test_client& c, std::vector<person_id> expected, ms timeout = default_wait) {
  return c.wait([&] { return c.presence() && c.presence()->online == expected; }, timeout);
}

TEST(Presence, ComingAndGoing) {
  test_server server;
  auto t = make_team(server, {"Anna", "Bram", "Carla", "Dirk"});
  ASSERT_EQ(t.members.size(), 4u);
  const auto a = t[0].person, b = t[1].person, c = t[2].person, d = t[3].person;
  for (auto& m : t.members) EXPECT_TRUE(online_is(*m, {a, b, c, d})) << m.client_id;

  // A polite close.
  t[3]->close();
  EXPECT_TRUE(online_is(*t[0], {a, b, c}));
  EXPECT_TRUE(online_is(*t[1], {a, b, c}));
  // An abrupt one: the socket just goes.
  t[2]->drop();
  EXPECT_TRUE(online_is(*t[0], {a, b}));
  EXPECT_TRUE(online_is(*t[1], {a, b}));

  // Bram on a second device is listed once; he stays online while one device is.
  auto next_presence = [&](std::uint64_t since) -> std::vector<person_id> {
    const auto update = t[0]->take_if(
        [](const protocol::server_message& m) {
          return std::holds_alternative<protocol::presence>(m);
        },
        default_wait, since);
    if (!update) return {};
    return std::get<protocol::presence>(*update).online;
  };
  auto mark = t[0]->received();
  test_client second(server.port());
  ASSERT_EQ(second.connect(), "");
  ASSERT_TRUE(second.hello(t[1].token, "bram-telefoon"));
  EXPECT_TRUE(online_is(second, {a, b}));
  EXPECT_EQ(next_presence(mark), (std::vector<person_id>{a, b}));
  mark = t[0]->received();
  t[1]->close();
  // The update after the first device left still lists Bram.
  EXPECT_EQ(next_presence(mark), (std::vector<person_id>{a, b}));

  // Coming back is announced too.
  ASSERT_EQ(t[2]->connect(), "");
  ASSERT_TRUE(t[2]->hello(t[2].token, t[2].client_id));
  EXPECT_TRUE(online_is(*t[0], {a, b, c}));
  EXPECT_TRUE(online_is(second, {a, b, c}));
}

TEST(Presence, ASilentPeerIsNoticedWithinSeconds) {
  config cfg;
  cfg.idle_timeout_seconds = 2;  // pings after one second of silence
  test_server server(cfg);
  auto t = make_team(server, {"Anna", "Bram"});
  ASSERT_EQ(t.members.size(), 2u);
  const auto a = t[0].person, b = t[1].person;

  ASSERT_TRUE(online_is(*t[0], {a, b}));
  // From here on Bram's client never reads again: no pong, as if his laptop's lid closed.
  const auto start = clock_type::now();
  ASSERT_TRUE(online_is(*t[0], {a}, 8s)) << "Bram still online after 8 s";
  const auto noticed = clock_type::now() - start;
  EXPECT_GE(noticed, 1s);
  EXPECT_LT(noticed, 6s);

  // Anna, who keeps reading (and so answers pings), stays connected.
  EXPECT_TRUE(t[0]->is_open());
  EXPECT_TRUE(t[0]->submit_acked(op::set_precondition{0, true}));
}

TEST(Presence, WhoIsTypingWhereReachesTheOthers) {
  test_server server;
  auto t = make_team(server, {"Anna", "Bram"});
  ASSERT_EQ(t.members.size(), 2u);
  op::text_target cell;
  cell.document = document_id::actieplan;
  cell.row = 4;
  cell.column = 1;
  auto is_editing = [](person_id who, std::optional<op::text_target> where) {
    return
        [who, where](const protocol::editing& e) { return e.person == who && e.target == where; };
  };

  ASSERT_TRUE(t[0]->send(protocol::focus{cell}));
  EXPECT_TRUE(t[1]->take<protocol::editing>(is_editing(t[0].person, cell)));

  // Someone who arrives while Anna types is told too, not only at her next move.
  test_client carla(server.port());
  ASSERT_EQ(carla.connect(), "");
  auto joined = carla.join(t.join_code, profile_of("Carla"));
  ASSERT_TRUE(joined);
  ASSERT_TRUE(carla.hello(joined->token, "carla"));
  EXPECT_TRUE(carla.take<protocol::editing>(is_editing(t[0].person, cell)))
      << "a newcomer does not see who is typing";

  // Nobody is told their own focus.
  ASSERT_TRUE(t[0]->submit_acked(op::set_precondition{0, true}));
  EXPECT_FALSE(t[0]->take<protocol::editing>({}, 100ms));

  // When Anna goes, her focus goes with her.
  t[0]->close();
  EXPECT_TRUE(t[1]->take<protocol::editing>(is_editing(t[0].person, std::nullopt)));
  EXPECT_TRUE(carla.take<protocol::editing>(is_editing(t[0].person, std::nullopt)));
}

}  // namespace
}  // namespace jos::server::test
