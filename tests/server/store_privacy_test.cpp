// The privacy operations on each store (SQLite and PostgreSQL): erasing a person or a whole
// trajectory and exporting a person with jos-server's commands, and refusing to erase what a
// server is serving. Here the rows are searched; privacy_test.cpp searches a SQLite file's
// bytes as well.

#include <gtest/gtest.h>

#include <chrono>
#include <thread>

#include "server/privacy.hpp"
#include "server/secrets.hpp"
#include "server/stored_state.hpp"
#include "tests/server/cli_run.hpp"
#include "tests/server/privacy_scene.hpp"
#include "tests/server/store_fixture.hpp"

namespace jos::server::test {
namespace {

using namespace shared;

// Rows of ops and snapshots that hold `text`.
std::string rows_holding(const std::string& db, const std::string& text) {
  return query_text(db, "SELECT (SELECT count(*) FROM ops WHERE op LIKE '%" + text +
                            "%') + (SELECT count(*) FROM snapshots WHERE state LIKE '%" + text +
                            "%')");
}

class StorePrivacy : public Stores {};

TEST_P(StorePrivacy, ErasingAPersonNamesThemInNoRowAndKeepsTheirWords) {
  scene s(privacy_config(database()));
  ASSERT_NE(rows_holding(database(), new_name), "0");  // else this test could not fail
  const auto [status, out] = run_jos_server("erase --db '" + database() + "' --leerlijn " +
                                            s.t.trajectory_id + " --persoon '" + new_name + "'");
  ASSERT_EQ(status, 0) << out;

  for (const char* gone : {old_name, new_name, function})
    EXPECT_EQ(rows_holding(database(), gone), "0") << gone;
  EXPECT_EQ(query("SELECT count(*) FROM ops WHERE client_id = '" + s.t[1].client_id + "'"), "0");
  EXPECT_EQ(query("SELECT count(*) FROM clients WHERE person_id = " + std::to_string(s.bertus)),
            "0");
  auto store = open_store();
  EXPECT_FALSE(store->participant(sha256_hex(s.t[1].token))) << "their token still works";
  const auto state = stored_state(*store->load_room(s.t.trajectory_id));
  const person* p = find_person(state, s.bertus);
  ASSERT_NE(p, nullptr);
  EXPECT_EQ(p->name, erased_name);
  bool kept = false;
  for (const auto& r : state.meetings[0].session.reactions)
    kept = kept || (r.text == words && r.author == s.bertus);
  EXPECT_TRUE(kept) << "their words are attributed to the erased entry";

  // An export of someone else afterwards names them nowhere either.
  const auto [exported, text] =
      run_jos_server("export --db '" + database() + "' --leerlijn " + s.t.trajectory_id +
                     " --persoon Cora --formaat json");
  ASSERT_EQ(exported, 0) << text;
  EXPECT_NE(text.find("Cora"), std::string::npos) << text;
  EXPECT_EQ(text.find(new_name), std::string::npos) << text;
}

TEST_P(StorePrivacy, ErasingATrajectoryLeavesNoRowOfIt) {
  scene s(privacy_config(database()));
  const auto [status, out] =
      run_jos_server("erase --db '" + database() + "' --leerlijn " + s.t.trajectory_id);
  ASSERT_EQ(status, 0) << out;
  for (const char* table : {"ops", "clients", "participants", "snapshots"})
    EXPECT_EQ(query(std::string("SELECT count(*) FROM ") + table), "0") << table;
  EXPECT_TRUE(open_store()->trajectories().empty());
}

// A server that serves the trajectory would write its own copy back: the erasure waits.
TEST_P(StorePrivacy, EraseRefusesWhileAServerServesTheTrajectoryAndChangesNothing) {
  scene s(privacy_config(database()), true);
  const auto before = rows_holding(database(), new_name);
  const auto [status, out] = run_jos_server("erase --db '" + database() + "' --leerlijn " +
                                            s.t.trajectory_id + " --persoon '" + new_name + "'");
  EXPECT_EQ(status, 1) << out;
  EXPECT_NE(out.find("jos-server"), std::string::npos) << out;
  EXPECT_EQ(rows_holding(database(), new_name), before);
  EXPECT_TRUE(s.t[0]->submit_acked(op::add_reaction{0, -1, "nog steeds", 0}));
}

// Erased from the app: the store notes the erasure as due with the op and clears the note
// when it has erased; nothing stays due.
TEST_P(StorePrivacy, AnErasureFromTheAppLeavesNothingDue) {
  scene s(privacy_config(database()), true);
  ASSERT_TRUE(s.t[0]->submit_acked(op::erase_person{s.bertus}));
  const auto deadline = std::chrono::steady_clock::now() + std::chrono::seconds(10);
  while (rows_holding(database(), new_name) != "0" && std::chrono::steady_clock::now() < deadline)
    std::this_thread::sleep_for(std::chrono::milliseconds(20));
  EXPECT_EQ(rows_holding(database(), new_name), "0");
  EXPECT_EQ(query("SELECT count(*) FROM erasures_due"), "0");
}

// The op was durable but the erasure never ran (the server was killed in between, or the
// store refused it): it is still due, and the next server to start does it.
TEST_P(StorePrivacy, AnErasureCutShortIsDoneWhenAServerStarts) {
  scene s(privacy_config(database()));
  {
    auto store = open_store();
    commit_item cut_short;
    cut_short.trajectory_id = s.t.trajectory_id;
    cut_short.revoke_person = s.bertus;
    cut_short.erasures_due.push_back(s.bertus);
    ASSERT_TRUE(store->claim(s.t.trajectory_id, "").ours);
    store->commit(std::span(&cut_short, 1));
    const auto due = store->pending_erasures();
    ASSERT_EQ(due.size(), 1u);
    EXPECT_EQ(due[0].first, s.t.trajectory_id);
    EXPECT_EQ(due[0].second, s.bertus);
  }
  ASSERT_NE(rows_holding(database(), new_name), "0");  // else this test could not fail

  test_server again(privacy_config(database()));
  const auto deadline = std::chrono::steady_clock::now() + std::chrono::seconds(10);
  while (query("SELECT count(*) FROM erasures_due") != "0" &&
         std::chrono::steady_clock::now() < deadline)
    std::this_thread::sleep_for(std::chrono::milliseconds(20));
  EXPECT_EQ(query("SELECT count(*) FROM erasures_due"), "0");
  for (const char* gone : {old_name, new_name, function})
    EXPECT_EQ(rows_holding(database(), gone), "0") << gone;
}

INSTANTIATE_TEST_SUITE_P(, StorePrivacy, testing::Values("sqlite", "postgresql"), store_name);

}  // namespace
}  // namespace jos::server::test
