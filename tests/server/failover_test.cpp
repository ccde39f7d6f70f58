// Several jos-server instances on one PostgreSQL database: one serves a trajectory at a
// time, a client that reaches another one is sent on to it, and when the serving instance
// is killed (-9) another takes the trajectory over. Nothing acknowledged is lost, nothing
// is applied twice, and every client ends with the same state.

#include <gtest/gtest.h>

#include <array>
#include <atomic>
#include <map>
#include <mutex>
#include <random>
#include <thread>

#include "tests/server/pg_cluster.hpp"
#include "tests/server/reaction_stream.hpp"
#include "tests/server/server_process.hpp"
#include "tests/server/store_fixture.hpp"
#include "tests/server/test_server.hpp"

namespace jos::server::test {
namespace {

using namespace shared;
using clock_type = std::chrono::steady_clock;

struct streamer {
  std::unique_ptr<test_client> client;
  std::string id;
  std::size_t home = 0;  // the instance it first reached
  std::string failure;
};

// The hello of someone whose trajectory another instance serves is answered with that
// instance's address, as a join is.
TEST(Failover, AHelloToAnotherInstanceIsMovedToTheServingOne) {
  JOS_REQUIRE_POSTGRESQL(cluster);
  config serving;
  serving.db = cluster.fresh_database();
  serving.advertise = "wss://a.example.nl:8443";
  config other;
  other.db = serving.db;
  test_server a(serving);
  test_server b(other);
  test_client anna(a.port());
  ASSERT_EQ(anna.connect(), "");
  const auto created = anna.create(partners(), profile_of("Anna"));
  ASSERT_TRUE(created);
  ASSERT_TRUE(anna.hello(created->token, "moved-anna"));

  test_client elsewhere(b.port());
  ASSERT_EQ(elsewhere.connect(), "");
  EXPECT_FALSE(elsewhere.hello(created->token, "moved-anna-2"));
  ASSERT_TRUE(elsewhere.last_error());
  EXPECT_EQ(elsewhere.last_error()->code, "moved");
  EXPECT_EQ(elsewhere.last_error()->location, "wss://a.example.nl:8443");
}

TEST(Failover, KillingTheServingInstanceLosesNoAckedOpAndAppliesNoneTwice) {
  JOS_REQUIRE_POSTGRESQL(cluster);
  const std::string url = cluster.fresh_database();
  temp_dir dir;
  std::array<std::unique_ptr<server_process>, 2> instances;
  std::array<std::atomic<std::uint16_t>, 2> ports{};
  for (std::size_t i = 0; i < instances.size(); ++i) {
    instances[i] = std::make_unique<server_process>(url, dir.file("port" + std::to_string(i)));
    ASSERT_EQ(instances[i]->start(), "");
    ports[i] = instances[i]->port();
  }

  // Anna creates the trajectory on instance 0, which then serves it. Bram reaches instance 1
  // and is sent on to instance 0.
  std::array<streamer, 2> team;
  team[0] = {std::make_unique<test_client>(ports[0].load()), "failover-anna", 0, {}};
  team[1] = {std::make_unique<test_client>(ports[1].load()), "failover-bram", 1, {}};
  auto& anna = *team[0].client;
  auto& bram = *team[1].client;
  ASSERT_EQ(anna.connect(), "");
  const auto created = anna.create(partners(), profile_of("Anna"));
  ASSERT_TRUE(created);
  ASSERT_TRUE(anna.hello(created->token, team[0].id));
  ASSERT_EQ(bram.connect(), "");
  EXPECT_FALSE(bram.join(created->join_code, profile_of("Bram")));
  const auto moved = moved_to_port(bram.last_error());
  ASSERT_EQ(moved, ports[0].load())
      << (bram.last_error() ? protocol::name_of(bram.last_error()->code) : "no error");
  bram.drop();
  bram.set_port(*moved);
  ASSERT_EQ(bram.connect(), "");
  const auto joined = bram.join(created->join_code, profile_of("Bram"));
  ASSERT_TRUE(joined);
  ASSERT_TRUE(bram.hello(joined->token, team[1].id));

  // Both stream reactions; whenever the connection is gone a client tries where it was, then
  // its own instance, then the other one (what a load balancer in front would do), follows a
  // "moved", and resends what was not acknowledged.
  constexpr int ops_per_client = 100;
  std::atomic<int> acked_total{0};
  auto run = [&](streamer& s) {
    auto& c = *s.client;
    const auto deadline = clock_type::now() + 60s;
    auto ensure_connected = [&] {
      while (!c.is_open() && clock_type::now() < deadline) {
        for (const auto port : {c.port(), ports[s.home].load(), ports[1 - s.home].load()}) {
          if (port == 0) continue;
          c.set_port(port);
          if (c.reconnect(1s).empty()) break;
        }
        if (!c.is_open()) std::this_thread::sleep_for(std::chrono::milliseconds(20));
      }
    };
    s.failure = stream_reactions(c, s.id, ops_per_client, deadline, acked_total, ensure_connected);
  };
  std::vector<std::thread> threads;
  for (auto& s : team) threads.emplace_back(run, std::ref(s));

  // Three times, at a random moment: kill the instance that serves the trajectory (as the
  // database records it) without warning, and start it again.
  const auto seed = std::random_device{}();
  SCOPED_TRACE("seed " + std::to_string(seed));
  std::mt19937 random(seed);
  int kills = 0;
  for (int round = 1; round <= 3; ++round) {
    const int threshold =
        round * 2 * ops_per_client / 4 + std::uniform_int_distribution<int>(-10, 10)(random);
    const auto deadline = clock_type::now() + 20s;
    while (acked_total.load() < threshold && clock_type::now() < deadline)
      std::this_thread::sleep_for(std::chrono::milliseconds(2));
    const auto owner = query_text(
        url, "SELECT location FROM owners WHERE trajectory_id = '" + created->trajectory_id + "'");
    const auto port = moved_to_port(protocol::error{protocol::error_code::moved, "", owner});
    for (std::size_t i = 0; i < instances.size(); ++i) {
      if (!port || ports[i].load() != *port) continue;
      ports[i] = 0;
      instances[i]->kill_now();
      ++kills;
      std::this_thread::sleep_for(
          std::chrono::milliseconds(std::uniform_int_distribution<int>(0, 100)(random)));
      ASSERT_EQ(instances[i]->start(), "");
      ports[i] = instances[i]->port();
    }
  }
  for (auto& th : threads) th.join();
  EXPECT_EQ(kills, 3);
  EXPECT_LT(acked_total.load(), 2 * ops_per_client + 1);

  for (auto& s : team) {
    SCOPED_TRACE(s.id);
    auto& c = *s.client;
    expect_streamed(c, s.failure, ops_per_client);
    // In the database: each of its ops exactly once.
    const std::string mine = "FROM ops WHERE client_id = '" + s.id + "'";
    EXPECT_EQ(query_text(url, "SELECT count(*) " + mine), std::to_string(ops_per_client));
    EXPECT_EQ(query_text(url, "SELECT count(DISTINCT client_seq) " + mine),
              std::to_string(ops_per_client));
  }

  // Every replica: each reaction once, all alike.
  std::uint64_t final_seq = 0;
  for (auto& s : team)
    if (!s.client->acks().empty())
      final_seq = std::max(final_seq, s.client->acks().rbegin()->second);
  for (auto& s : team) {
    auto& c = *s.client;
    ASSERT_TRUE(c.wait_seq(final_seq, 5s)) << s.id << " at " << c.replica_seq();
    std::map<std::string, int> counts;
    for (const auto& r : c.replica().meetings[0].session.reactions) ++counts[r.text];
    EXPECT_EQ(counts.size(), 2u * ops_per_client) << s.id;
    for (const auto& [text, n] : counts) EXPECT_EQ(n, 1) << text;
    EXPECT_TRUE(c.order_faults().empty()) << s.id << ": " << c.order_faults().front();
    EXPECT_EQ(c.replica_hash(), anna.replica_hash()) << s.id;
  }
  EXPECT_EQ(query_text(url, "SELECT max(seq) FROM ops"), std::to_string(final_seq));
}

}  // namespace
}  // namespace jos::server::test
