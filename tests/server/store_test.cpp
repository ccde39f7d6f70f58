// The SQLite store on its own: what a room gets back when it loads.

#include <gtest/gtest.h>

#include "server/sqlite_store.hpp"
#include "tests/server/test_server.hpp"

namespace jos::server::test {
namespace {

commit_item op_item(const std::string& id, std::uint64_t seq, const std::string& client,
                    std::uint64_t client_seq) {
  commit_item item;
  item.trajectory_id = id;
  item.ops.push_back({seq, 1, client, client_seq, R"({"type":"noop"})"});
  return item;
}

std::map<std::string, std::pair<std::uint64_t, std::uint64_t>> marks(const room_data& data) {
  std::map<std::string, std::pair<std::uint64_t, std::uint64_t>> out;
  for (const auto& c : data.clients) out[c.client_id] = {c.last_client_seq, c.last_seq};
  return out;
}

// A client's mark (its last client_seq and the seq it got) is what deduplicates a resend
// after a restart. Ops store it in their own row; a snapshot stores all marks as of it.
TEST(Store, ClientMarksComeFromTheSnapshotAndTheOpsAfterIt) {
  temp_dir dir;
  sqlite_store store(dir.file("jos.sqlite"));
  commit_item created;
  created.trajectory_id = "t1";
  created.created = trajectory_record{"t1", "CODE", "secret-hash", "{}", 0};
  store.commit(std::span<const commit_item>(&created, 1));

  std::vector<commit_item> group{op_item("t1", 1, "a", 1), op_item("t1", 2, "b", 7),
                                 op_item("t1", 3, "a", 2)};
  store.commit(group);
  auto loaded = store.load_room("t1");
  ASSERT_TRUE(loaded);
  EXPECT_EQ(loaded->tail.size(), 3u);
  EXPECT_EQ(marks(*loaded), (std::map<std::string, std::pair<std::uint64_t, std::uint64_t>>{
                                {"a", {2, 3}}, {"b", {7, 2}}}));

  // A snapshot at seq 4 carries every mark; the ops after it move them on.
  auto with_snapshot = op_item("t1", 4, "c", 1);
  with_snapshot.snapshot = {4, "{}"};
  with_snapshot.clients = {{"a", 2, 3}, {"b", 7, 2}, {"c", 1, 4}};
  store.commit(std::span<const commit_item>(&with_snapshot, 1));
  std::vector<commit_item> after{op_item("t1", 5, "b", 8), op_item("t1", 6, "d", 1)};
  store.commit(after);
  loaded = store.load_room("t1");
  ASSERT_TRUE(loaded);
  EXPECT_EQ(loaded->snapshot_seq, 4u);
  EXPECT_EQ(loaded->tail.size(), 2u);
  EXPECT_EQ(marks(*loaded), (std::map<std::string, std::pair<std::uint64_t, std::uint64_t>>{
                                {"a", {2, 3}}, {"b", {8, 5}}, {"c", {1, 4}}, {"d", {1, 6}}}));
}

}  // namespace
}  // namespace jos::server::test
