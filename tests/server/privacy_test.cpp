// The AVG on a real database file: erasing a person or a trajectory leaves no byte of
// their name or function in any row, snapshot, export or later backup (the file and its
// WAL searched as bytes); a person's data can be exported; the file is private.

#include <gtest/gtest.h>
#include <sys/stat.h>

#include <filesystem>
#include <fstream>
#include <sstream>

#include "server/admin.hpp"
#include "server/privacy.hpp"
#include "server/secrets.hpp"
#include "server/sqlite_store.hpp"
#include "server/stored_state.hpp"
#include "tests/server/cli_run.hpp"
#include "tests/server/privacy_scene.hpp"
#include "tests/server/test_server.hpp"

namespace jos::server::test {
namespace {

using namespace shared;

std::string file_bytes(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  return {std::istreambuf_iterator<char>(in), std::istreambuf_iterator<char>()};
}

// Every place SQLite keeps bytes of this database.
std::string database_bytes(const std::string& db) {
  return file_bytes(db) + file_bytes(db + "-wal") + file_bytes(db + "-journal");
}

bool contains(const std::string& haystack, const std::string& needle) {
  return haystack.find(needle) != std::string::npos;
}

TEST(Privacy, TheScenesNamesAreInTheFileBeforeErasure) {
  scene s;  // without this the erasure tests below could not fail
  const auto bytes = database_bytes(s.server.db());
  EXPECT_TRUE(contains(bytes, old_name));
  EXPECT_TRUE(contains(bytes, new_name));
  EXPECT_TRUE(contains(bytes, function));
}

TEST(Privacy, ErasingAPersonLeavesNoByteOfThemAndKeepsTheirWords) {
  scene s;
  const auto [status, out] = run_jos_server("erase --db " + s.server.db() + " --leerlijn " +
                                            s.t.trajectory_id + " --persoon '" + new_name + "'");
  ASSERT_EQ(status, 0) << out;

  const auto bytes = database_bytes(s.server.db());
  for (const char* gone : {old_name, new_name, function, s.t[1].client_id.c_str()})
    EXPECT_FALSE(contains(bytes, gone)) << gone << " still in the database file";

  sqlite_store store(s.server.db());
  const auto state = stored_state(*store.load_room(s.t.trajectory_id));
  const person* p = find_person(state, s.bertus);
  ASSERT_NE(p, nullptr);
  EXPECT_EQ(p->name, erased_name);
  EXPECT_EQ(p->function, "");
  bool kept = false;
  for (const auto& r : state.meetings[0].session.reactions)
    kept = kept || (r.text == words && r.author == s.bertus);
  EXPECT_TRUE(kept) << "their words are attributed to the erased entry";
  EXPECT_FALSE(store.participant(sha256_hex(s.t[1].token))) << "their token still works";

  // An export and a backup made afterwards hold nothing of them either.
  std::ostringstream exported, err;
  ASSERT_EQ(export_person_command(s.server.db(), s.t.trajectory_id, "1", export_format::json,
                                  exported, err),
            0)
      << err.str();
  const std::string backup = s.server.db() + ".backup";
  ASSERT_EQ(backup_database(s.server.db(), backup, exported, err), 0) << err.str();
  for (const char* gone : {old_name, new_name, function}) {
    EXPECT_FALSE(contains(exported.str(), gone));
    EXPECT_FALSE(contains(database_bytes(backup), gone)) << gone << " in the backup";
  }

  // The server starts on the erased file; the team sees the stand-in.
  s.server.restart();
  test_client cora(s.server.port());
  ASSERT_EQ(cora.connect(), "");
  ASSERT_TRUE(cora.hello(s.t[0].token, "cora-again"));
  ASSERT_TRUE(cora.wait([&] {
    const person* q = find_person(cora.replica(), s.bertus);
    return q != nullptr && q->name == erased_name;
  }));
}

TEST(Privacy, ErasingATrajectoryLeavesNoByteOfIt) {
  scene s;
  const auto [status, out] =
      run_jos_server("erase --db " + s.server.db() + " --leerlijn " + s.t.trajectory_id);
  ASSERT_EQ(status, 0) << out;
  const auto bytes = database_bytes(s.server.db());
  for (const char* gone : {old_name, new_name, function, words, "Cora"})
    EXPECT_FALSE(contains(bytes, gone)) << gone;
  EXPECT_FALSE(contains(bytes, s.t.trajectory_id));
  sqlite_store store(s.server.db());
  EXPECT_TRUE(store.trajectories().empty());
}

TEST(Privacy, EraseRefusesWhileAServerUsesTheFileAndChangesNothing) {
  test_server server;
  auto t = make_team(server, {"Cora", old_name});
  const auto [status, out] = run_jos_server("erase --db " + server.db() + " --leerlijn " +
                                            t.trajectory_id + " --persoon 2");
  EXPECT_EQ(status, 1);
  EXPECT_TRUE(contains(out, "stop die eerst")) << out;
  server.stop();
  EXPECT_TRUE(contains(database_bytes(server.db()), old_name));
}

TEST(Privacy, EraseOfSomeoneUnknownSaysSoAndChangesNothing) {
  scene s;
  const auto before = file_bytes(s.server.db());
  const auto [status, out] = run_jos_server("erase --db " + s.server.db() + " --leerlijn " +
                                            s.t.trajectory_id + " --persoon 'Niemand'");
  EXPECT_EQ(status, 1);
  EXPECT_TRUE(contains(out, "geen teamlid ‘Niemand’")) << out;
  const auto [status2, out2] =
      run_jos_server("erase --db " + s.server.db() + "-bestaat-niet --leerlijn x");
  EXPECT_EQ(status2, 1);
  EXPECT_TRUE(contains(out2, "bestaat niet")) << out2;
  EXPECT_FALSE(std::filesystem::exists(s.server.db() + "-bestaat-niet"));
  EXPECT_TRUE(contains(database_bytes(s.server.db()), new_name));
}

TEST(Privacy, ExportsAPersonAsJsonAndAsText) {
  scene s;
  const auto [status, json_out] = run_jos_server("export --db " + s.server.db() + " --leerlijn " +
                                                 s.t.trajectory_id + " --persoon 2 --formaat json");
  ASSERT_EQ(status, 0) << json_out;
  const auto j = nlohmann::json::parse(json_out);
  EXPECT_EQ(j["persoon"]["naam"], new_name);
  EXPECT_EQ(j["persoon"]["functie"], function);
  ASSERT_EQ(j["reacties"].size(), 1u);
  EXPECT_EQ(j["reacties"][0]["tekst"], words);

  const auto [status2, text] = run_jos_server("export --db " + s.server.db() + " --leerlijn " +
                                              s.t.trajectory_id + " --persoon '" + new_name + "'");
  ASSERT_EQ(status2, 0) << text;
  EXPECT_TRUE(contains(text, "Naam:        " + std::string(new_name))) << text;
  EXPECT_TRUE(contains(text, "Reacties (1)")) << text;
  EXPECT_TRUE(contains(text, std::string("‘") + words + "’")) << text;
  EXPECT_FALSE(contains(text, "punt 1")) << "someone else's reaction";
}

TEST(Privacy, TheDatabaseAndItsDirectoryAreCreatedPrivate) {
  temp_dir dir;
  config cfg;
  cfg.db = dir.file("nieuw/diep/jos.sqlite");
  test_server server(cfg);
  make_team(server, {"Cora"});
  struct stat st {};
  for (const std::string& path : {cfg.db, cfg.db + "-wal"}) {
    ASSERT_EQ(::stat(path.c_str(), &st), 0) << path;
    EXPECT_EQ(st.st_mode & 0777, 0600u) << path;
  }
  for (const std::string& path : {dir.file("nieuw"), dir.file("nieuw/diep")}) {
    ASSERT_EQ(::stat(path.c_str(), &st), 0) << path;
    EXPECT_EQ(st.st_mode & 0777, 0700u) << path;
  }
}

}  // namespace
}  // namespace jos::server::test
