// Restart loses nothing that was acked: the jos-server binary is SIGKILLed while clients
// stream ops, and a graceful stop tells every client it restarts. Clients reconnect by
// themselves, resend what was not acked, and end up with the server's state.

#include <fcntl.h>
#include <gtest/gtest.h>
#include <signal.h>
#include <spawn.h>
#include <sqlite3.h>
#include <sys/wait.h>
#include <unistd.h>

#include <atomic>
#include <cstring>
#include <filesystem>
#include <fstream>
#include <map>
#include <mutex>
#include <thread>

#include "tests/server/reaction_stream.hpp"
#include "tests/server/server_process.hpp"
#include "tests/server/test_server.hpp"

namespace jos::server::test {
namespace {

using namespace shared;
using clock_type = std::chrono::steady_clock;

// (client_id, client_seq) -> how many rows the ops table holds for it.
std::map<std::pair<std::string, std::uint64_t>, int> stored_ops(const std::string& db) {
  std::map<std::pair<std::string, std::uint64_t>, int> out;
  sqlite3* handle = nullptr;
  if (sqlite3_open_v2(db.c_str(), &handle, SQLITE_OPEN_READONLY, nullptr) != SQLITE_OK) {
    ADD_FAILURE() << "cannot open " << db;
    sqlite3_close(handle);
    return out;
  }
  sqlite3_stmt* stmt = nullptr;
  sqlite3_prepare_v2(handle,
                     "SELECT client_id, client_seq, COUNT(*) FROM ops WHERE client_id <> ''"
                     " GROUP BY client_id, client_seq",
                     -1, &stmt, nullptr);
  while (stmt != nullptr && sqlite3_step(stmt) == SQLITE_ROW) {
    const auto* id = reinterpret_cast<const char*>(sqlite3_column_text(stmt, 0));
    out[{id ? id : "", static_cast<std::uint64_t>(sqlite3_column_int64(stmt, 1))}] =
        sqlite3_column_int(stmt, 2);
  }
  sqlite3_finalize(stmt);
  sqlite3_close(handle);
  return out;
}

std::map<std::string, int> reaction_counts(const trajectory& t) {
  std::map<std::string, int> counts;
  for (const auto& r : t.meetings[0].session.reactions) ++counts[r.text];
  return counts;
}

TEST(Durability, SigkillMidStreamLosesNoAckedOpAndAppliesNoneTwice) {
  temp_dir dir;
  const std::string db = dir.file("jos.sqlite");
  server_process child(db, dir.file("port"));
  ASSERT_EQ(child.start(), "");
  std::atomic<std::uint16_t> port{child.port()};

  // Anna creates, Bram joins with the coordinator secret, Carla with the team code.
  struct streamer {
    std::unique_ptr<test_client> client;
    std::string id;
    std::string token;
    std::string failure;
  };
  std::vector<streamer> team(3);
  std::string join_code, secret, trajectory_id;
  for (std::size_t i = 0; i < team.size(); ++i) {
    auto& s = team[i];
    s.id = std::string("durable-") + "abc"[i];
    s.client = std::make_unique<test_client>(port.load());
    ASSERT_EQ(s.client->connect(), "");
    if (i == 0) {
      auto created = s.client->create(partners(), profile_of("Anna"));
      ASSERT_TRUE(created);
      join_code = created->join_code;
      secret = created->coordinator_secret;
      trajectory_id = created->trajectory_id;
      s.token = created->token;
    } else {
      auto joined =
          s.client->join(i == 1 ? secret : join_code, profile_of(i == 1 ? "Bram" : "Carla"));
      ASSERT_TRUE(joined);
      s.token = joined->token;
    }
    ASSERT_TRUE(s.client->hello(s.token, s.id));
  }

  // Each client streams reactions at under 100 per second (the server allows 200), keeping
  // up to 16 unacked; whenever the connection is gone it reconnects and resends.
  constexpr int ops_per_client = 80;
  std::atomic<int> acked_total{0};
  std::mutex failures;
  auto run = [&](streamer& s) {
    auto& c = *s.client;
    const auto deadline = clock_type::now() + 40s;
    auto ensure_connected = [&] {
      while (!c.is_open() && clock_type::now() < deadline) {
        const auto p = port.load();
        if (p == 0) {
          std::this_thread::sleep_for(std::chrono::milliseconds(10));
          continue;
        }
        c.set_port(p);
        c.reconnect(1s);
      }
    };
    auto failure =
        stream_reactions(c, s.id, ops_per_client, deadline, acked_total, ensure_connected);
    std::lock_guard lock(failures);
    s.failure = std::move(failure);
  };

  std::vector<std::thread> threads;
  for (auto& s : team) threads.emplace_back(run, std::ref(s));

  // Kill the server in the middle of the stream, without warning, and start it again.
  const auto kill_deadline = clock_type::now() + 20s;
  while (acked_total.load() < 40 && clock_type::now() < kill_deadline)
    std::this_thread::sleep_for(std::chrono::milliseconds(2));
  const int acked_before_kill = acked_total.load();
  port = 0;
  child.kill_now();
  std::this_thread::sleep_for(std::chrono::milliseconds(100));
  ASSERT_EQ(child.start(), "");
  port = child.port();
  for (auto& th : threads) th.join();

  EXPECT_GE(acked_before_kill, 40);
  EXPECT_LT(acked_before_kill, 3 * ops_per_client) << "the kill came after the stream";
  for (auto& s : team) {
    SCOPED_TRACE(s.id);
    auto& c = *s.client;
    expect_streamed(c, s.failure, ops_per_client);
    EXPECT_TRUE(c.undecodable().empty());
  }

  // In the database: every op of every client exactly once.
  const auto stored = stored_ops(db);
  for (auto& s : team)
    for (std::uint64_t cs = 1; cs <= ops_per_client; ++cs) {
      auto it = stored.find({s.id, cs});
      ASSERT_NE(it, stored.end()) << s.id << " op " << cs << " lost";
      EXPECT_EQ(it->second, 1) << s.id << " op " << cs;
    }

  // In every replica: each reaction once, and all replicas alike.
  const std::uint64_t final_seq = [&] {
    std::uint64_t seq = 0;
    for (auto& s : team) seq = std::max(seq, s.client->acks().rbegin()->second);
    return seq;
  }();
  for (auto& s : team) {
    auto& c = *s.client;
    ASSERT_TRUE(c.wait_seq(final_seq, 5s)) << s.id << " at " << c.replica_seq();
    const auto counts = reaction_counts(c.replica());
    EXPECT_EQ(counts.size(), 3u * ops_per_client) << s.id;
    for (const auto& [text, n] : counts) EXPECT_EQ(n, 1) << text;
    EXPECT_TRUE(c.order_faults().empty()) << s.id << ": " << c.order_faults().front();
    EXPECT_EQ(c.replica_seq(), final_seq);
    EXPECT_EQ(c.replica_hash(), team[0].client->replica_hash()) << s.id;
  }

  // And the server's own state, as it reloads from the file, is the replicas' state.
  for (auto& s : team) s.client->close();
  EXPECT_EQ(child.terminate(), 0);
  config cfg;
  cfg.db = db;
  test_server reloaded(cfg);
  const auto state = reloaded.state(trajectory_id);
  ASSERT_TRUE(state);
  EXPECT_EQ(state->seq, final_seq);
  EXPECT_EQ(state->hash, team[0].client->replica_hash());
}

TEST(Durability, GracefulStopSaysRestartingAndKeepsEveryAckedOp) {
  test_server server;
  auto t = make_team(server, {"Anna", "Bram", "Carla"});
  ASSERT_EQ(t.members.size(), 3u);
  auto& anna = *t[0];

  constexpr int ops = 40;
  for (int i = 0; i < ops; ++i) {
    anna.submit(op::add_reaction{0, -1, "punt " + std::to_string(i), 0});
    if (i == ops / 2) {
      ASSERT_TRUE(anna.wait([&] { return anna.acks().size() >= 5; }));
    }
  }
  // Stop while ops are still in flight; the clients keep reading meanwhile.
  std::thread stopper([&] { server.stop(); });
  const auto deadline = clock_type::now() + 10s;
  auto any_open = [&] {
    for (auto& m : t.members)
      if (m->is_open()) return true;
    return false;
  };
  while (any_open() && clock_type::now() < deadline)
    for (auto& m : t.members) m->wait([&] { return !m->is_open(); }, 5ms);
  stopper.join();
  const auto acked_before = anna.acks();

  for (auto& m : t.members) {
    SCOPED_TRACE(m.client_id);
    EXPECT_FALSE(m->is_open());
    bool told = false;
    for (const auto& e : m->errors())
      told = told || (e.code == protocol::error_code::restarting && e.reason == "Server herstart");
    EXPECT_TRUE(told) << "no 'Server herstart'; closed: " << m->closed_because();
  }

  server.restart();
  // Before anyone resends: everything acked is there, from the store.
  test_client reader(server.port());
  ASSERT_EQ(reader.connect(), "");
  ASSERT_TRUE(reader.hello(t[2].token, "reader"));
  const auto stored = reaction_counts(reader.replica());
  for (const auto& [client_seq, seq] : acked_before) {
    const std::string text = "punt " + std::to_string(client_seq - 1);
    EXPECT_EQ(stored.count(text) ? stored.at(text) : 0, 1) << text << " (acked as " << seq << ")";
  }

  // The clients come back by themselves and resend what was not acked.
  for (auto& m : t.members) {
    m->set_port(server.port());
    ASSERT_EQ(m->reconnect(), "") << m.client_id;
  }
  ASSERT_TRUE(anna.wait([&] { return anna.pending().empty(); }));
  EXPECT_EQ(anna.acks().size(), static_cast<std::size_t>(ops));
  EXPECT_TRUE(anna.rejects().empty());
  ASSERT_TRUE(settle(server, t));
  ASSERT_TRUE(reader.wait_seq(anna.replica_seq()));
  const auto state = server.state(t.trajectory_id);
  ASSERT_TRUE(state);
  const auto counts = reaction_counts(anna.replica());
  EXPECT_EQ(counts.size(), static_cast<std::size_t>(ops));
  for (const auto& [text, n] : counts) EXPECT_EQ(n, 1) << text;
  for (auto& m : t.members) EXPECT_EQ(m->replica_hash(), state->hash) << m.client_id;
  EXPECT_EQ(reader.replica_hash(), state->hash);
}

}  // namespace
}  // namespace jos::server::test
