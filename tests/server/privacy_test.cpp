// The AVG on a real database file: erasing a person or a trajectory leaves no byte of
// their name or function in any row, snapshot, export or later backup (the file and its
// WAL searched as bytes); a person's data can be exported; the file is private.

#include <fcntl.h>
#include <gtest/gtest.h>
#include <sys/stat.h>
#include <unistd.h>

#include <filesystem>
#include <fstream>
#include <sstream>

#include "server/admin.hpp"
#include "server/privacy.hpp"
#include "server/secrets.hpp"
#include "server/sqlite_store.hpp"
#include "server/stored_state.hpp"
#include "tests/server/cli_run.hpp"
#include "tests/server/database_rows.hpp"
#include "tests/server/privacy_scene.hpp"
#include "tests/server/test_server.hpp"

namespace jos::server::test {
namespace {

using namespace shared;

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

// From the app: the coordinator erases Bertus while the server runs. Nobody's copy names him
// any more (those online, one catching up from the ops in memory), his session ends, and
// once the server stops the file and its WAL hold no byte of his names or function; what
// he wrote stays.
TEST(Privacy, ACoordinatorErasesSomeoneFromTheAppAndTheFileNamesThemNoMore) {
  test_server server(privacy_config());
  auto t = make_team(server, {"Cora", old_name, "Dewi"});
  const person_id bertus = t[1].person;
  t[2]->drop();  // Dewi is away, and later catches up on what follows from the server's memory
  person me{bertus, new_name, organisation::school, function, staff_level::uitvoerder, false};
  ASSERT_TRUE(t[1]->submit_acked(op::update_person{me}));
  ASSERT_TRUE(t[1]->submit_acked(op::add_reaction{0, -1, words, 0}));
  for (int i = 0; i < 4; ++i)
    ASSERT_TRUE(t[0]->submit_acked(op::add_reaction{0, -1, "punt " + std::to_string(i), 0}));

  // Only a coordinator erases, and not themselves.
  ASSERT_TRUE(t[1]->send(protocol::submit{50, 0, op::erase_person{t[0].person}}));
  ASSERT_TRUE(t[1]->wait([&] { return t[1]->rejects().contains(50); }));
  EXPECT_EQ(t[1]->rejects().at(50).code, protocol::error_code::forbidden);

  ASSERT_TRUE(t[0]->submit_acked(op::erase_person{bertus}));
  ASSERT_TRUE(t[1]->wait_closed());
  const person* gone = find_anyone(t[0]->replica(), bertus);
  ASSERT_NE(gone, nullptr);
  EXPECT_EQ(gone->name, erased_name);
  EXPECT_EQ(gone->function, "");
  EXPECT_EQ(find_person(t[0]->replica(), bertus), nullptr);

  auto& dewi = *t[2];
  const std::size_t before = dewi.raw().size();
  const std::size_t snapshots_before = dewi.snapshots_received();
  ASSERT_EQ(dewi.reconnect(), "");
  ASSERT_TRUE(dewi.wait_seq(t[0]->replica_seq()));
  EXPECT_EQ(dewi.snapshots_received(), snapshots_before) << "a catch-up, from the ops in memory";
  EXPECT_EQ(find_anyone(dewi.replica(), bertus)->name, erased_name);
  for (std::size_t i = before; i < dewi.raw().size(); ++i)
    for (const char* name : {new_name, function})
      EXPECT_FALSE(contains(dewi.raw()[i], name)) << dewi.raw()[i];
  test_client bertus_again(server.port());
  ASSERT_EQ(bertus_again.connect(), "");
  EXPECT_FALSE(bertus_again.hello(t[1].token, "bertus-again"));

  for (auto& m : t.members) m->close();
  server.stop();
  const auto bytes = database_bytes(server.db());
  for (const char* name : {old_name, new_name, function})
    EXPECT_FALSE(contains(bytes, name)) << name << " still in the database";
  EXPECT_TRUE(contains(bytes, words)) << "what he wrote stays";
}

// From the app: everyone gets their own data, a coordinator anyone's; nobody else's.
TEST(Privacy, EveryoneExportsTheirOwnDataACoordinatorAnyones) {
  test_server server;
  auto t = make_team(server, {"Cora", old_name});
  ASSERT_TRUE(t[1]->submit_acked(op::add_reaction{0, -1, words, 0}));
  auto& bertus = *t[1];
  auto& cora = *t[0];

  ASSERT_TRUE(bertus.send(protocol::export_person{t[1].person}));
  ASSERT_TRUE(bertus.wait([&] { return bertus.person_export().has_value(); }));
  const auto mine = nlohmann::json::parse(bertus.person_export()->json);
  EXPECT_EQ(mine["persoon"]["naam"], old_name);
  EXPECT_EQ(mine["reacties"][0]["tekst"], words);
  EXPECT_TRUE(contains(bertus.person_export()->text, std::string("‘") + words + "’"));

  ASSERT_TRUE(bertus.send(protocol::export_person{t[0].person}));
  ASSERT_TRUE(bertus.wait([&] { return bertus.last_error().has_value(); }));
  EXPECT_EQ(bertus.last_error()->code, protocol::error_code::forbidden);
  EXPECT_EQ(bertus.person_export()->person, t[1].person) << "nothing of Cora's came";

  ASSERT_TRUE(cora.send(protocol::export_person{t[1].person}));
  ASSERT_TRUE(cora.wait([&] { return cora.person_export().has_value(); }));
  EXPECT_EQ(nlohmann::json::parse(cora.person_export()->json)["persoon"]["naam"], old_name);
  ASSERT_TRUE(cora.send(protocol::export_person{99}));
  ASSERT_TRUE(cora.wait([&] { return cora.last_error().has_value(); }));
  EXPECT_EQ(cora.last_error()->code, protocol::error_code::not_found);
}

// Everything this process writes to stderr (where the server logs) while it lives.
class captured_stderr {
 public:
  explicit captured_stderr(std::string path) : path_(std::move(path)) {
    std::fflush(stderr);
    saved_ = ::dup(2);
    const int file = ::open(path_.c_str(), O_WRONLY | O_CREAT | O_TRUNC, 0600);
    ::dup2(file, 2);
    ::close(file);
  }
  ~captured_stderr() { restore(); }
  captured_stderr(const captured_stderr&) = delete;
  captured_stderr& operator=(const captured_stderr&) = delete;
  std::string text() {
    restore();
    return file_bytes(path_);
  }

 private:
  void restore() {
    if (saved_ < 0) return;
    std::fflush(stderr);
    ::dup2(saved_, 2);
    ::close(saved_);
    saved_ = -1;
  }
  std::string path_;
  int saved_ = -1;
};

// A meeting with everything personal a team types (names, a function, a reaction, minutes,
// someone taken off the team): the info log, what an operator keeps, names none of it.
TEST(Privacy, TheInfoLogHoldsNoPersonalData) {
  temp_dir dir;
  captured_stderr log(dir.file("server.log"));
  {
    test_server server(config{}, log_level::info);
    auto t = make_team(server, {"Cora Kaptein", old_name, "Dewi Lammers"});
    person me{t[1].person, new_name, organisation::school, function, staff_level::uitvoerder,
              false};
    EXPECT_TRUE(t[1]->submit_acked(op::update_person{me}));
    EXPECT_TRUE(t[0]->submit_acked(op::start_meeting{0, 0}));
    EXPECT_TRUE(t[1]->submit_acked(op::add_reaction{0, -1, words, 0}));
    EXPECT_TRUE(t[0]->submit_acked(
        op::edit_text{op::minutes_target(0), {{0, 0, "Dewi vertelt over Kees"}}}));
    EXPECT_TRUE(t[0]->submit_acked(op::end_meeting{0, 0}));
    EXPECT_TRUE(t[0]->submit_acked(op::remove_person{t[2].person}));
    for (auto& m : t.members) m->close();
    server.stop();
  }
  const std::string text = log.text();
  EXPECT_TRUE(contains(text, "luistert op")) << "nothing captured: this test could not fail";
  for (const std::string& personal :
       {std::string("Cora"), std::string("Bertus"), std::string("Dewi"), std::string(function),
        std::string(words), std::string("Kees")})
    EXPECT_FALSE(contains(text, personal)) << personal << " in:\n" << text;
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
