// The desktop client core (the browser's is the same code) on two jos-server instances
// sharing one PostgreSQL: configured with B, it joins a trajectory A serves, is sent to A
// without noticing, and when A is killed it comes back through B, which takes the
// trajectory over. Nothing acknowledged is lost or doubled; edits made meanwhile go out.

#include <gtest/gtest.h>

#include <map>

#include "client/core/client_core.hpp"
#include "tests/server/pg_cluster.hpp"
#include "tests/server/server_process.hpp"
#include "tests/server/store_fixture.hpp"

namespace jos::server::test {
namespace {

using client::client_core;
using namespace shared;

constexpr auto patience = 30s;

const partnership baken{"Het Baken", "JoU Utrecht", cooperation::existing};
const protocol::profile anna_profile{"Anna de Wit", organisation::school, "docent",
                                     staff_level::manager};
const protocol::profile bram_profile{"Bram Öztürk", organisation::jongerenwerk, "jongerenwerker",
                                     staff_level::uitvoerder};

std::string url_of(const server_process& p) { return "ws://127.0.0.1:" + std::to_string(p.port()); }

std::unique_ptr<client_core> core_in(const temp_dir& dir, const std::string& name) {
  client::core_options o;
  o.config_dir = dir.file(name);
  return std::make_unique<client_core>(o);
}

std::map<std::string, int> reactions(const trajectory& t) {
  std::map<std::string, int> out;
  for (const auto& r : t.meetings[0].session.reactions) ++out[r.text];
  return out;
}

TEST(ClientFailover, TheClientFollowsItsTrajectoryAndComesBackThroughItsOwnServer) {
  JOS_REQUIRE_POSTGRESQL(cluster);
  temp_dir dir;
  const std::string db = cluster.fresh_database();
  server_process a(db, dir.file("a.port"));
  server_process b(db, dir.file("b.port"));
  ASSERT_EQ(a.start(), "");
  ASSERT_EQ(b.start(), "");

  // Anna starts the leerlijn on A, which serves it from then on.
  auto anna = core_in(dir, "anna");
  ASSERT_EQ(anna->use_server(url_of(a)), "");
  anna->create_trajectory(baken, anna_profile);
  ASSERT_TRUE(anna->run_until([&] { return anna->live(); }, patience));

  // Bram's client knows only B. B sends him on to A; he notices nothing.
  auto bram = core_in(dir, "bram");
  ASSERT_EQ(bram->use_server(url_of(b)), "");
  bram->join(anna->identity()->join_code, bram_profile);
  ASSERT_TRUE(bram->run_until([&] { return bram->live(); }, patience));
  ASSERT_TRUE(bram->followed());
  EXPECT_EQ(bram->followed()->text(), url_of(a));
  EXPECT_EQ(bram->server()->text(), url_of(b));  // what he chose stays his server
  EXPECT_FALSE(bram->last_notice()) << bram->last_notice()->text;

  constexpr int before = 10;
  for (int i = 0; i < before; ++i)
    ASSERT_FALSE(bram->submit(op::add_reaction{0, -1, "voor " + std::to_string(i), 0}));
  ASSERT_TRUE(bram->run_until([&] { return bram->waiting_changes() == 0; }, patience));
  ASSERT_TRUE(anna->run_until([&] { return reactions(anna->state()).size() == before; }, patience));

  // A dies without a word; Bram goes on typing.
  a.kill_now();
  constexpr int after = 10;
  for (int i = 0; i < after; ++i) {
    bram->poll();
    ASSERT_FALSE(bram->submit(op::add_reaction{0, -1, "na " + std::to_string(i), 0}));
  }
  ASSERT_TRUE(bram->run_until(
      [&] { return bram->live() && bram->waiting_changes() == 0 && !bram->followed(); }, patience))
      << bram->connection().last_error;

  // B has it now: someone joining there gets every reaction exactly once.
  auto carla = core_in(dir, "carla");
  ASSERT_EQ(carla->use_server(url_of(b)), "");
  carla->join(anna->identity()->join_code,
              {"Carla Jansen", organisation::school, "mentor", staff_level::uitvoerder});
  ASSERT_TRUE(carla->run_until([&] { return carla->live(); }, patience));
  EXPECT_FALSE(carla->followed());
  const auto seen = reactions(carla->state());
  EXPECT_EQ(seen.size(), static_cast<std::size_t>(before + after));
  for (const auto& [text, n] : seen) EXPECT_EQ(n, 1) << text;
  EXPECT_EQ(reactions(bram->state()), seen);
  EXPECT_EQ(query_text(db, "SELECT count(*) FROM ops WHERE op LIKE '%add_reaction%'"),
            std::to_string(before + after));
  EXPECT_FALSE(bram->last_notice()) << bram->last_notice()->text;
}

}  // namespace
}  // namespace jos::server::test
