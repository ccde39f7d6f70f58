// jos-server migrate moves every trajectory of a SQLite file into PostgreSQL: the ops,
// snapshots, client marks and participants, so that a server on PostgreSQL continues where
// the one on SQLite stopped and every member gets in with the token they had.

#include <gtest/gtest.h>

#include "tests/server/cli_run.hpp"
#include "tests/server/pg_cluster.hpp"
#include "tests/server/store_fixture.hpp"
#include "tests/server/test_server.hpp"

namespace jos::server::test {
namespace {

TEST(Migrate, EveryTrajectoryMovesToPostgresqlAndContinuesThere) {
  JOS_REQUIRE_POSTGRESQL(cluster);
  temp_dir dir;
  config cfg;
  cfg.db = dir.file("jos.sqlite");
  cfg.snapshot_every = 4;  // a snapshot, client marks and a tail of ops after it
  auto sqlite = std::make_unique<test_server>(cfg);
  auto t = make_team(*sqlite, {"Anna", "Bram"});
  auto other = make_team(*sqlite, {"Carla"});
  ASSERT_EQ(t.members.size(), 2u);
  for (int i = 0; i < 7; ++i)
    ASSERT_TRUE(t[0]->submit_acked(shared::op::add_reaction{0, -1, "r" + std::to_string(i), 0}));
  ASSERT_TRUE(settle(*sqlite, t));
  const auto before = sqlite->state(t.trajectory_id);
  const auto other_before = sqlite->state(other.trajectory_id);
  ASSERT_TRUE(before && other_before);
  sqlite->stop();

  const std::string url = cluster.fresh_database();
  auto [status, out] = run_jos_server("migrate --from " + cfg.db + " --to '" + url + "'");
  EXPECT_EQ(status, 0) << out;
  EXPECT_NE(out.find("2 leerlijn(en) overgezet"), std::string::npos) << out;
  EXPECT_EQ(query_text(url, "SELECT count(*) FROM ops"),
            query_text(cfg.db, "SELECT count(*) FROM ops"));
  EXPECT_EQ(query_text(url, "SELECT count(*) FROM participants"), "3");
  // Every table and column, the codes (#12) and each person's marks included.
  const std::vector<std::pair<std::string, std::string>> tables{
      {"token_hash || ':' || person_id", "participants ORDER BY token_hash"},
      {"id || ':' || join_code_hash || ':' || coalesce(coordinator_code_hash, '-')",
       "trajectories ORDER BY id"},
      {"person_id || ':' || client_id || ':' || last_client_seq || ':' || last_seq",
       "clients ORDER BY person_id, client_id"},
      {"trajectory_id || ':' || seq", "snapshots ORDER BY trajectory_id"}};
  for (const auto& [row, from] : tables) {
    const std::string ordered = "(SELECT " + row + " AS x FROM " + from + ") AS r";
    const auto copied = query_text(url, "SELECT string_agg(x, ',') FROM " + ordered);
    EXPECT_EQ(copied, query_text(cfg.db, "SELECT group_concat(x, ',') FROM " + ordered)) << from;
    EXPECT_NE(copied, "") << from;
  }

  // Run again (after an interruption, say): nothing moves twice.
  std::tie(status, out) = run_jos_server("migrate --from " + cfg.db + " --to '" + url + "'");
  EXPECT_EQ(status, 0) << out;
  EXPECT_NE(out.find("0 leerlijn(en) overgezet"), std::string::npos) << out;
  EXPECT_NE(out.find("2 stond(en) er al"), std::string::npos) << out;

  config pg = cfg;
  pg.db = url;
  test_server postgresql(pg);
  const auto after = postgresql.state(t.trajectory_id);
  ASSERT_TRUE(after);
  EXPECT_EQ(after->seq, before->seq);
  EXPECT_EQ(after->hash, before->hash);
  const auto other_after = postgresql.state(other.trajectory_id);
  ASSERT_TRUE(other_after);
  EXPECT_EQ(other_after->hash, other_before->hash);

  // The members come back with their own tokens and carry on; a resend of an op from before
  // the move is recognised (the client marks moved too).
  const auto last_client_seq = t[0]->acks().rbegin()->first;
  for (auto& m : t.members) {
    m->set_port(postgresql.port());
    ASSERT_EQ(m->reconnect(), "") << m.client_id;
  }
  const auto first_ack = t[0]->acks().at(last_client_seq);
  ASSERT_TRUE(t[0]->resend(last_client_seq));
  ASSERT_TRUE(t[0]->wait([&] { return t[0]->pending().empty(); }));
  EXPECT_TRUE(t[0]->rejects().empty());
  EXPECT_EQ(t[0]->acks().at(last_client_seq), first_ack);
  ASSERT_TRUE(t[1]->submit_acked(shared::op::add_reaction{0, -1, "na de verhuizing", 0}));
  ASSERT_TRUE(settle(postgresql, t));
  EXPECT_EQ(postgresql.state(t.trajectory_id)->seq, before->seq + 1);
}

TEST(Migrate, AMissingFileIsAClearErrorAndChangesNothing) {
  JOS_REQUIRE_POSTGRESQL(cluster);
  const std::string url = cluster.fresh_database();
  const auto [status, out] =
      run_jos_server("migrate --from /nonexistent/jos.sqlite --to '" + url + "'");
  EXPECT_NE(status, 0);
  EXPECT_NE(out.find("geen SQLite-bestand: /nonexistent/jos.sqlite"), std::string::npos) << out;
  EXPECT_EQ(query_text(url, "SELECT count(*) FROM trajectories"), "0");
}

}  // namespace
}  // namespace jos::server::test
