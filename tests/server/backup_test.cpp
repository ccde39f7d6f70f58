// jos-server backup while the server takes a stream of ops: the copy is one consistent
// moment that holds every op acknowledged before it began, restores by copying it into
// place, and passes jos-server check, which also finds a trajectory that does not load.

#include <gtest/gtest.h>
#include <sqlite3.h>

#include <atomic>
#include <filesystem>
#include <mutex>
#include <thread>

#include "server/sqlite_store.hpp"
#include "server/stored_state.hpp"
#include "tests/server/cli_run.hpp"
#include "tests/server/test_server.hpp"

namespace jos::server::test {
namespace {

using namespace shared;
using clock_type = std::chrono::steady_clock;

bool contains(const std::string& text, const std::string& part) {
  return text.find(part) != std::string::npos;
}

TEST(Backup, TakenUnderLoadHoldsEveryAcknowledgedOpAndRestores) {
  config cfg;
  cfg.snapshot_every = 25;  // snapshots are written during the stream too
  test_server server(cfg);
  auto t = make_team(server, {"Anna", "Bram", "Carla"});

  // Each member streams reactions; what it has seen acknowledged goes into `acked` with the
  // moment it saw the ack (never earlier than the ack itself).
  std::mutex acked_mutex;
  std::vector<std::pair<std::string, clock_type::time_point>> acked;
  std::atomic<bool> stop{false};
  std::atomic<int> acked_count{0};
  auto stream = [&](member& m) {
    auto& c = *m;
    std::map<std::uint64_t, std::string> texts;
    std::size_t counted = 0;
    for (int i = 0; !stop && i < 2000; ++i) {
      const std::string text = m.client_id + "#" + std::to_string(i);
      texts[c.submit(op::add_reaction{0, -1, text, 0})] = text;
      c.wait([&] { return c.pending().size() < 8; });
      if (c.acks().size() == counted) continue;
      const auto now = clock_type::now();
      std::lock_guard lock(acked_mutex);
      for (auto it = std::next(c.acks().begin(), static_cast<long>(counted)); it != c.acks().end();
           ++it)
        acked.emplace_back(texts[it->first], now);
      acked_count += static_cast<int>(c.acks().size() - counted);
      counted = c.acks().size();
    }
    c.wait([&] { return c.pending().empty(); });
  };
  std::vector<std::thread> threads;
  for (auto& m : t.members) threads.emplace_back(stream, std::ref(m));

  while (acked_count.load() < 60) std::this_thread::sleep_for(std::chrono::milliseconds(2));
  const auto backup_started = clock_type::now();
  const std::string backup = server.db() + ".backup";
  const auto [status, out] = run_jos_server("backup --db " + server.db() + " --to " + backup);
  const int acked_after_backup_began = acked_count.load();
  std::this_thread::sleep_for(std::chrono::milliseconds(100));
  stop = true;
  for (auto& th : threads) th.join();
  ASSERT_EQ(status, 0) << out;
  EXPECT_GT(acked_count.load(), acked_after_backup_began) << "the stream ended before the backup";

  // Restore: stop the server, copy the backup over the database, start again.
  server.stop();
  std::filesystem::remove(server.db() + "-wal");
  std::filesystem::remove(server.db() + "-shm");
  std::filesystem::copy_file(backup, server.db(),
                             std::filesystem::copy_options::overwrite_existing);
  server.restart();
  server.stop();

  sqlite_store restored(server.db());
  const auto state = stored_state(*restored.load_room(t.trajectory_id));
  std::set<std::string> present;
  for (const auto& r : state.meetings[0].session.reactions) present.insert(r.text);
  int checked = 0;
  for (const auto& [text, seen] : acked) {
    if (seen >= backup_started) continue;
    ++checked;
    EXPECT_TRUE(present.count(text)) << text << " was acknowledged before the backup began";
  }
  EXPECT_GE(checked, 60);
  EXPECT_LT(present.size(), acked.size()) << "the backup holds a moment, not the end";

  const auto [check_status, report] = run_jos_server("check --db " + backup);
  EXPECT_EQ(check_status, 0) << report;
  EXPECT_TRUE(contains(report, "Integriteit: in orde")) << report;
  EXPECT_TRUE(contains(report, t.trajectory_id + "  in orde: 3 teamleden")) << report;
}

TEST(Backup, RefusesAMissingDatabaseAndLeavesNoHalfCopy) {
  temp_dir dir;
  const auto [status, out] =
      run_jos_server("backup --db " + dir.file("nergens.sqlite") + " --to " + dir.file("b"));
  EXPECT_EQ(status, 1);
  EXPECT_TRUE(contains(out, "bestaat niet")) << out;
  EXPECT_FALSE(std::filesystem::exists(dir.file("b")));
  EXPECT_FALSE(std::filesystem::exists(dir.file("nergens.sqlite")));
}

TEST(Check, FindsATrajectoryThatDoesNotLoad) {
  test_server server;
  auto t = make_team(server, {"Anna"});
  ASSERT_TRUE(t[0]->submit_acked(op::add_reaction{0, -1, "hallo", 0}));
  for (auto& m : t.members) m->close();
  server.stop();
  sqlite3* db = nullptr;
  ASSERT_EQ(sqlite3_open(server.db().c_str(), &db), SQLITE_OK);
  ASSERT_EQ(
      sqlite3_exec(db, "UPDATE ops SET op = '{kapot' WHERE seq = 2", nullptr, nullptr, nullptr),
      SQLITE_OK);
  sqlite3_close(db);
  const auto [status, report] = run_jos_server("check --db " + server.db());
  EXPECT_EQ(status, 1);
  EXPECT_TRUE(contains(report, t.trajectory_id + "  LAADT NIET")) << report;
  EXPECT_TRUE(contains(report, "Er zijn problemen gevonden.")) << report;
}

}  // namespace
}  // namespace jos::server::test
