// The stores on their own (SQLite and PostgreSQL, the same tests for both): what a room
// gets back when it loads, resend lookups, group commit, snapshots.

#include <gtest/gtest.h>
#include <sqlite3.h>

#include <future>

#include "server/pg_store.hpp"
#include "server/sqlite_store.hpp"
#include "server/store_worker.hpp"
#include "tests/server/store_fixture.hpp"
#include "tests/server/test_server.hpp"

namespace jos::server::test {
namespace {

commit_item op_item(const std::string& id, std::uint64_t seq, const std::string& client,
                    std::uint64_t client_seq, shared::person_id author = 1) {
  commit_item item;
  item.trajectory_id = id;
  item.ops.push_back({seq, author, client, client_seq, R"({"type":"noop"})"});
  return item;
}

using mark_map =
    std::map<std::pair<shared::person_id, std::string>, std::pair<std::uint64_t, std::uint64_t>>;

mark_map marks(const room_data& data) {
  mark_map out;
  for (const auto& c : data.clients) out[{c.person, c.client_id}] = {c.last_client_seq, c.last_seq};
  return out;
}

// The commit that makes trajectory t1 as the hub does: both codes as shown, and an older
// server's secret.
commit_item creation_of_t1() {
  commit_item created;
  created.trajectory_id = "t1";
  trajectory_record& r = created.created.emplace();
  r.id = "t1";
  r.join_code = "CODE";
  r.coordinator_secret_hash = "secret-hash";
  r.partnership_json = "{}";
  r.coordinator_code = "CODE-CODE-CODE";
  return created;
}

// Claims t1 on `s` and makes it there.
void create_t1(store& s) {
  s.claim("t1", "");
  const commit_item created = creation_of_t1();
  s.commit(std::span<const commit_item>(&created, 1));
}

// A client's mark (its last client_seq and the seq it got) is what deduplicates a resend
// after a restart. Ops store it in their own row; a snapshot stores all marks as of it.
TEST_P(Stores, ClientMarksComeFromTheSnapshotAndTheOpsAfterIt) {
  auto opened = open_store();
  auto& store = *opened;
  create_t1(store);

  std::vector<commit_item> group{op_item("t1", 1, "a", 1), op_item("t1", 2, "b", 7),
                                 op_item("t1", 3, "a", 2)};
  store.commit(group);
  auto loaded = store.load_room("t1");
  ASSERT_TRUE(loaded);
  EXPECT_EQ(loaded->tail.size(), 3u);
  EXPECT_EQ(marks(*loaded), (mark_map{{{1, "a"}, {2, 3}}, {{1, "b"}, {7, 2}}}));

  // A snapshot at seq 4 carries every mark; the ops after it move them on.
  auto with_snapshot = op_item("t1", 4, "c", 1);
  with_snapshot.snapshot = {4, "{}"};
  with_snapshot.clients = {{1, "a", 2, 3}, {1, "b", 7, 2}, {1, "c", 1, 4}};
  store.commit(std::span<const commit_item>(&with_snapshot, 1));
  // Someone else (person 2) under client id "a": a mark of its own, not a move of 1's.
  std::vector<commit_item> after{op_item("t1", 5, "b", 8), op_item("t1", 6, "d", 1),
                                 op_item("t1", 7, "a", 900, 2)};
  store.commit(after);
  loaded = store.load_room("t1");
  ASSERT_TRUE(loaded);
  EXPECT_EQ(loaded->snapshot_seq, 4u);
  EXPECT_EQ(loaded->tail.size(), 3u);
  EXPECT_EQ(marks(*loaded), (mark_map{{{1, "a"}, {2, 3}},
                                      {{1, "b"}, {8, 5}},
                                      {{1, "c"}, {1, 4}},
                                      {{1, "d"}, {1, 6}},
                                      {{2, "a"}, {900, 7}}}));
}

TEST(Store, TheSqliteFileIsInWalMode) {
  temp_dir dir;
  const std::string db = dir.file("jos.sqlite");
  sqlite_store store(db);
  EXPECT_EQ(query_text(db, "PRAGMA journal_mode"), "wal");
}

TEST_P(Stores, ResendsFindTheirSeq) {
  auto store = open_store();
  create_t1(*store);
  // Client a's ops 1 and 3 were taken (2 was refused), b's 7 between them.
  // Person 2 used client id "a" too, for its op 2: that is not person 1's op 2.
  std::vector<commit_item> group{op_item("t1", 1, "a", 1), op_item("t1", 2, "b", 7),
                                 op_item("t1", 3, "a", 3), op_item("t1", 4, "a", 4),
                                 op_item("t1", 5, "a", 2, 2)};
  store->commit(group);
  EXPECT_EQ(store->op_seq("t1", 1, "a", 1, 4), 1u);
  EXPECT_EQ(store->op_seq("t1", 1, "a", 3, 4), 3u);
  EXPECT_EQ(store->op_seq("t1", 1, "a", 2, 6), std::nullopt);
  EXPECT_EQ(store->op_seq("t1", 2, "a", 2, 6), 5u);
  EXPECT_EQ(store->op_seq("t1", 1, "b", 6, 2), std::nullopt);
  EXPECT_EQ(store->op_seq("t2", 1, "a", 1, 4), std::nullopt);
}

// No seq is taken twice: a group holding a taken seq fails as a whole and changes nothing.
TEST_P(Stores, ASeqIsStoredOnceAndAFailedGroupChangesNothing) {
  auto store = open_store();
  create_t1(*store);
  std::vector<commit_item> first{op_item("t1", 1, "a", 1)};
  store->commit(first);
  std::vector<commit_item> clash{op_item("t1", 2, "a", 2), op_item("t1", 1, "b", 1)};
  EXPECT_THROW(store->commit(clash), store_error);
  // Still usable, and still only the first op.
  std::vector<commit_item> next{op_item("t1", 2, "a", 2)};
  store->commit(next);
  const auto loaded = store->load_room("t1");
  ASSERT_TRUE(loaded);
  ASSERT_EQ(loaded->tail.size(), 2u);
  EXPECT_EQ(loaded->tail[0].client_id, "a");
  EXPECT_EQ(loaded->tail[1].client_seq, 2u);
  EXPECT_EQ(store->trajectories().size(), 1u);
  EXPECT_EQ(store->participant("nobody"), std::nullopt);
  const auto team = store->trajectory_by_code("CODE");
  const auto coordinator = store->trajectory_by_code("CODE-CODE-CODE");
  ASSERT_TRUE(team && coordinator);
  EXPECT_EQ(team->trajectory_id, "t1");
  EXPECT_FALSE(team->coordinator);
  EXPECT_EQ(coordinator->trajectory_id, "t1");
  EXPECT_TRUE(coordinator->coordinator);
  EXPECT_EQ(store->trajectory_by_code("NONE"), std::nullopt);
  EXPECT_EQ(store->trajectory_by_coordinator_secret("secret-hash"), "t1");
}

// Commits that queue up while the store is busy become one transaction: one fsync for all.
TEST_P(Stores, OpsThatArriveTogetherShareOneCommit) {
  metrics m;
  store_worker worker(open_store(), m);
  const commit_item created = creation_of_t1();
  std::promise<void> busy_started, release;
  worker.run([&](store& s) {
    s.claim("t1", "");
    s.commit(std::span<const commit_item>(&created, 1));
    busy_started.set_value();
    release.get_future().wait();
  });
  busy_started.get_future().wait();
  constexpr int n = 50;
  std::atomic<int> durable{0};
  std::promise<void> all_done;
  for (int i = 1; i <= n; ++i)
    worker.commit(op_item("t1", static_cast<std::uint64_t>(i), "a", static_cast<std::uint64_t>(i)),
                  [&](bool ok) {
                    if (ok && ++durable == n) all_done.set_value();
                  });
  release.set_value();
  ASSERT_EQ(all_done.get_future().wait_for(std::chrono::seconds(10)), std::future_status::ready);
  EXPECT_EQ(m.commits.load(), 1u);
  std::promise<std::size_t> tail;
  worker.run([&](store& s) { tail.set_value(s.load_room("t1")->tail.size()); });
  EXPECT_EQ(tail.get_future().get(), static_cast<std::size_t>(n));
}

// A room writes a snapshot every N ops, and loads from the newest one plus the ops after it.
TEST_P(Stores, ARoomWritesASnapshotEveryNOps) {
  config cfg;
  cfg.db = database();
  cfg.snapshot_every = 4;
  test_server server(cfg);
  auto t = make_team(server, {"Anna", "Bram"});  // two joins: seq 1 and 2
  ASSERT_EQ(t.members.size(), 2u);
  for (int i = 0; i < 7; ++i)
    ASSERT_TRUE(
        t[i % 2]->submit_acked(shared::op::add_reaction{0, -1, "r" + std::to_string(i), 0}));
  ASSERT_TRUE(settle(server, t));
  const auto state = server.state(t.trajectory_id);
  ASSERT_TRUE(state);
  ASSERT_EQ(state->seq, 9u);
  EXPECT_EQ(query("SELECT seq FROM snapshots"), "8");
  server.restart();
  const auto reloaded = server.state(t.trajectory_id);
  ASSERT_TRUE(reloaded);
  EXPECT_EQ(reloaded->seq, 9u);
  EXPECT_EQ(reloaded->hash, state->hash);
}

// One instance at a time serves a trajectory, and an instance that lost its database
// session can never commit for it again, even after it reconnects: the fence.
TEST(PostgresqlStore, OnlyTheSessionHoldingATrajectoryCommitsForIt) {
  JOS_REQUIRE_POSTGRESQL(cluster);
  const std::string url = cluster.fresh_database();
  pg_store first(url);
  pg_store second(url);
  EXPECT_TRUE(first.claim("t1", "ws://first:1").ours);
  const commit_item created = creation_of_t1();
  first.commit(std::span<const commit_item>(&created, 1));

  const auto taken = second.claim("t1", "ws://second:2");
  EXPECT_FALSE(taken.ours);
  EXPECT_EQ(taken.owner, "ws://first:1");
  std::vector<commit_item> op{op_item("t1", 1, "b", 1)};
  EXPECT_THROW(second.commit(op), store_error);

  // The first instance's session ends (as when its process is killed, or its link breaks).
  EXPECT_EQ(query_text(url,
                       "SELECT count(pg_terminate_backend(pid)) FROM pg_locks"
                       " WHERE locktype = 'advisory' AND granted"),
            "1");
  std::vector<commit_item> late{op_item("t1", 1, "a", 1)};
  EXPECT_THROW(first.commit(late), store_error);  // the session is gone
  EXPECT_THROW(first.commit(late), store_error);  // a new session, but not the owner

  EXPECT_TRUE(second.claim("t1", "ws://second:2").ours);
  EXPECT_FALSE(first.claim("t1", "ws://first:1").ours);
  second.commit(op);
  const auto loaded = second.load_room("t1");
  ASSERT_TRUE(loaded);
  ASSERT_EQ(loaded->tail.size(), 1u);
  EXPECT_EQ(loaded->tail[0].client_id, "b");
}

INSTANTIATE_TEST_SUITE_P(, Stores, testing::Values("sqlite", "postgresql"), store_name);

}  // namespace
}  // namespace jos::server::test
