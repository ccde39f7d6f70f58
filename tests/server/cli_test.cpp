// jos-server on the command line: its flags, --port 0 printing the port it got, SIGTERM,
// and the admin subcommands that make a leerlijn whose codes then work over the wire.

#include <fcntl.h>
#include <gtest/gtest.h>
#include <signal.h>
#include <spawn.h>
#include <sys/wait.h>
#include <unistd.h>

#include <array>
#include <cstdio>
#include <filesystem>
#include <regex>

#include "server/config.hpp"
#include "shared/rules.hpp"
#include "tests/server/cli_run.hpp"
#include "tests/server/test_server.hpp"

namespace jos::server::test {
namespace {

bool contains(const std::string& text, const std::string& part) {
  return text.find(part) != std::string::npos;
}

std::pair<int, std::string> run(const std::string& args) { return run_jos_server(args); }

TEST(Cli, HelpNamesEveryFlag) {
  const auto [status, out] = run("--help");
  EXPECT_EQ(status, 0);
  for (const char* flag : {"--listen",
                           "--port",
                           "--db",
                           "--tls-cert",
                           "--tls-key",
                           "--allow-origin",
                           "--log-level",
                           "--help",
                           "create",
                           "list",
                           "--web",
                           "--trusted-proxy",
                           "--creation-code",
                           "--creates-per-hour",
                           "restore-coordinator",
                           "--persoon",
                           "--metrics-from",
                           "--max-connections-per-address",
                           "--retention-months",
                           "backup",
                           "check",
                           "erase",
                           "export",
                           "migrate",
                           "--advertise"})
    EXPECT_TRUE(contains(out, flag)) << flag << " missing from:\n" << out;
  EXPECT_TRUE(contains(out, "0 kiest een vrije poort")) << out;
  EXPECT_TRUE(contains(out, "jos-data/")) << out;
}

TEST(Cli, ParsesFlagsAndRefusesNonsense) {
  const config defaults;
  EXPECT_EQ(defaults.db.rfind("jos-data/", 0), 0u) << defaults.db;
  EXPECT_EQ(defaults.max_message_bytes, 64u * 1024);

  auto ok = parse_config({"--listen",
                          "0.0.0.0",
                          "--port",
                          "0",
                          "--db",
                          "x.sqlite",
                          "--tls-cert",
                          "c.pem",
                          "--tls-key",
                          "k.pem",
                          "--allow-origin",
                          "https://a.nl",
                          "--allow-origin",
                          "https://b.nl",
                          "--log-level",
                          "debug",
                          "--web",
                          "site",
                          "--trusted-proxy",
                          "10.0.0.2",
                          "--trusted-proxy",
                          "::1"});
  ASSERT_TRUE(ok.cfg) << ok.message;
  EXPECT_EQ(ok.cfg->listen, "0.0.0.0");
  EXPECT_EQ(ok.cfg->port, 0);
  EXPECT_EQ(ok.cfg->db, "x.sqlite");
  EXPECT_EQ(ok.cfg->tls_cert, "c.pem");
  EXPECT_EQ(ok.cfg->tls_key, "k.pem");
  EXPECT_EQ(ok.cfg->allowed_origins, (std::vector<std::string>{"https://a.nl", "https://b.nl"}));
  EXPECT_EQ(ok.cfg->level, log_level::debug);
  EXPECT_EQ(ok.cfg->web_dir, "site");
  EXPECT_EQ(ok.cfg->trusted_proxies, (std::vector<std::string>{"10.0.0.2", "::1"}));
  EXPECT_TRUE(ok.cfg->creation_code.empty()) << "open unless the operator says otherwise";
  const auto guarded = parse_config({"--creation-code", "WELKOM-2026", "--creates-per-hour", "4"});
  ASSERT_TRUE(guarded.cfg) << guarded.message;
  EXPECT_EQ(guarded.cfg->creation_code, "WELKOM-2026");
  EXPECT_EQ(guarded.cfg->creates_per_hour, 4u);

  const std::vector<std::pair<std::vector<std::string>, std::string>> bad = {
      {{"--port", "70000"}, "--port verwacht"},
      {{"--port"}, "--port verwacht"},
      {{"--log-level", "luid"}, "--log-level verwacht"},
      {{"--tls-cert", "c.pem"}, "horen bij elkaar"},
      {{"--vlag"}, "onbekende optie: --vlag"},
      {{"--trusted-proxy"}, "--trusted-proxy verwacht"},
      {{"--web"}, "--web verwacht"},
      {{"--creation-code", ""}, "--creation-code verwacht"},
      {{"--creates-per-hour", "0"}, "--creates-per-hour verwacht"},
  };
  for (const auto& [args, message] : bad) {
    const auto r = parse_config(args);
    EXPECT_FALSE(r.cfg) << args[0];
    EXPECT_TRUE(contains(r.message, message)) << r.message;
  }
  const auto [status, out] = run("--port tachtig");
  EXPECT_EQ(status, 2);
  EXPECT_TRUE(contains(out, "--port verwacht")) << out;

  // A --web without a client in it stops the start with the reason.
  temp_dir dir;
  const auto [web_status, web_out] =
      run("--port 0 --db " + dir.file("j.sqlite") + " --web " + dir.file("nergens"));
  EXPECT_EQ(web_status, 1);
  EXPECT_TRUE(contains(web_out, "index.html ontbreekt")) << web_out;
}

TEST(Cli, PortZeroPrintsThePortAndSigtermStopsCleanly) {
  temp_dir dir;
  int out[2];
  ASSERT_EQ(pipe(out), 0);
  posix_spawn_file_actions_t actions;
  posix_spawn_file_actions_init(&actions);
  posix_spawn_file_actions_adddup2(&actions, out[1], 1);
  posix_spawn_file_actions_addclose(&actions, out[0]);
  const std::string db = dir.file("data/jos.sqlite");
  std::vector<std::string> args{JOS_SERVER_BINARY, "--port", "0", "--db", db,
                                "--log-level",     "error"};
  std::vector<char*> argv;
  argv.reserve(args.size() + 1);
  for (auto& a : args) argv.push_back(a.data());
  argv.push_back(nullptr);
  pid_t pid = -1;
  ASSERT_EQ(posix_spawn(&pid, argv[0], &actions, nullptr, argv.data(), environ), 0);
  posix_spawn_file_actions_destroy(&actions);
  close(out[1]);

  FILE* stdout_of_server = fdopen(out[0], "r");
  ASSERT_NE(stdout_of_server, nullptr);
  char line[128] = {};
  const bool got_line = std::fgets(line, sizeof line, stdout_of_server) != nullptr;
  std::cmatch port;
  const bool printed = got_line && std::regex_search(line, port, std::regex("^port (\\d+)\\n$"));
  if (printed) {
    const int number = std::stoi(port[1].str());
    EXPECT_GT(number, 0);
    // It is the port it listens on: a client gets through.
    const auto health = http_get(static_cast<std::uint16_t>(number), "/healthz");
    EXPECT_EQ(health.status, 200) << health.error;
    test_client c(static_cast<std::uint16_t>(number));
    EXPECT_EQ(c.connect(), "");
    EXPECT_TRUE(c.create(partners(), profile_of("Anna")));
  }
  kill(pid, SIGTERM);
  int status = 0;
  waitpid(pid, &status, 0);
  std::fclose(stdout_of_server);
  ASSERT_TRUE(printed) << "first line: " << line;
  EXPECT_TRUE(WIFEXITED(status) && WEXITSTATUS(status) == 0) << status;
  // --db's directory was made for it.
  EXPECT_TRUE(std::filesystem::exists(db));
}

TEST(Cli, CreateAndListMakeALeerlijnWhoseCodesWork) {
  temp_dir dir;
  const std::string db = dir.file("jos.sqlite");
  const auto [status, out] =
      run("create --db " + db + " --school 'Het Baken' --jongerenwerk 'JOOT' --nieuw");
  ASSERT_EQ(status, 0) << out;
  std::smatch code, secret;
  ASSERT_TRUE(std::regex_search(out, code, std::regex("Teamcode[^:]*: +([0-9A-Z-]+)"))) << out;
  ASSERT_TRUE(std::regex_search(
      out, secret, std::regex("Coördinatorcode[^:]*: +([0-9A-Z]{4}-[0-9A-Z]{4}-[0-9A-Z]{4})")))
      << out;
  const auto listed = run("list --db " + db);
  EXPECT_EQ(listed.first, 0);
  // The codes are stored only as hashes: list cannot show them.
  EXPECT_FALSE(contains(listed.second, code[1].str())) << listed.second;
  EXPECT_TRUE(contains(listed.second, "Het Baken")) << listed.second;

  const auto missing = run("create --db " + db + " --school 'Alleen een school'");
  EXPECT_EQ(missing.first, 2);
  EXPECT_TRUE(contains(missing.second, "--jongerenwerk")) << missing.second;

  // The server on that file: the coordinator code makes a coordinator, the team code a member.
  config cfg;
  cfg.db = db;
  test_server server(cfg);
  test_client anna(server.port());
  ASSERT_EQ(anna.connect(), "");
  const auto coordinator = anna.join(secret[1].str(), profile_of("Anna"));
  ASSERT_TRUE(coordinator) << (anna.last_error() ? anna.last_error()->reason : "");
  ASSERT_TRUE(anna.hello(coordinator->token, "anna"));
  test_client bram(server.port());
  ASSERT_EQ(bram.connect(), "");
  const auto member = bram.join(code[1].str(), profile_of("Bram"));
  ASSERT_TRUE(member) << (bram.last_error() ? bram.last_error()->reason : "");
  ASSERT_TRUE(bram.hello(member->token, "bram"));
  ASSERT_TRUE(anna.wait_seq(bram.replica_seq()));
  EXPECT_EQ(anna.replica().partners.school, "Het Baken");
  const auto* a = shared::find_person(anna.replica(), coordinator->person);
  const auto* b = shared::find_person(anna.replica(), member->person);
  ASSERT_NE(a, nullptr);
  ASSERT_NE(b, nullptr);
  EXPECT_TRUE(a->coordinator);
  EXPECT_FALSE(b->coordinator);
  // Only the coordinator may set a precondition.
  EXPECT_TRUE(anna.submit_acked(shared::op::set_precondition{0, true}));
  const auto refused = bram.wait_reject(bram.submit(shared::op::set_precondition{1, true}));
  ASSERT_TRUE(refused);
  EXPECT_EQ(refused->code, protocol::error_code::forbidden);
}

// Mallory joins with the coordinator code and demotes Anna, who cannot undo it. The
// operator stops the server and restores Anna: she is the only coordinator again, and the
// code Mallory used opens nothing any more.
TEST(Cli, RestoreCoordinatorGivesTheTrajectoryBackToItsCoordinator) {
  test_server server;
  auto t = make_team(server, {"Anna", "Bram"});
  ASSERT_EQ(t.members.size(), 2u);
  test_client mallory(server.port());
  ASSERT_EQ(mallory.connect(), "");
  const auto usurper = mallory.join(t.coordinator_secret, profile_of("Mallory"));
  ASSERT_TRUE(usurper);
  ASSERT_TRUE(mallory.hello(usurper->token, "mallory"));
  ASSERT_TRUE(mallory.submit_acked(shared::op::set_coordinator{t[0].person, false}));
  const auto refused =
      t[0]->wait_reject(t[0]->submit(shared::op::set_coordinator{t[0].person, true}));
  ASSERT_TRUE(refused);
  EXPECT_EQ(refused->code, "forbidden");

  const std::string command = "restore-coordinator --db " + server.db() + " --leerlijn " +
                              t.trajectory_id + " --persoon " + std::to_string(t[0].person);
  // Not beside a running server, which holds the rooms in memory.
  const auto busy = run(command);
  EXPECT_EQ(busy.first, 1) << busy.second;
  EXPECT_TRUE(contains(busy.second, "in gebruik")) << busy.second;

  server.stop();
  // Without --persoon: the team, to choose from.
  const auto team =
      run("restore-coordinator --db " + server.db() + " --leerlijn " + t.trajectory_id);
  EXPECT_EQ(team.first, 2) << team.second;
  EXPECT_TRUE(contains(team.second, "Mallory  (coördinator)")) << team.second;
  EXPECT_TRUE(contains(team.second, std::to_string(t[0].person) + "  Anna\n")) << team.second;
  const auto unknown = run("restore-coordinator --db " + server.db() + " --leerlijn " +
                           t.trajectory_id + " --persoon 99");
  EXPECT_EQ(unknown.first, 1);
  EXPECT_TRUE(contains(unknown.second, "hoort niet bij het team")) << unknown.second;

  const auto [status, out] = run(command);
  ASSERT_EQ(status, 0) << out;
  std::smatch renewed;
  ASSERT_TRUE(std::regex_search(
      out, renewed, std::regex("Coördinatorcode[^:]*: +([0-9A-Z]{4}-[0-9A-Z]{4}-[0-9A-Z]{4})")))
      << out;
  EXPECT_NE(renewed[1].str(), t.coordinator_secret);

  server.restart();
  test_client anna(server.port());
  ASSERT_EQ(anna.connect(), "");
  ASSERT_TRUE(anna.hello(t[0].token, t[0].client_id));
  EXPECT_TRUE(shared::is_coordinator(anna.replica(), t[0].person));
  EXPECT_FALSE(shared::is_coordinator(anna.replica(), usurper->person));
  // The server keeps only the renewed code's hash; the code printed works.
  EXPECT_FALSE(anna.codes());
  EXPECT_TRUE(join_with(server, renewed[1].str(), "Nina").joined);
  // The old code is unknown; Anna may now take Mallory off the team.
  test_client again(server.port());
  ASSERT_EQ(again.connect(), "");
  EXPECT_FALSE(again.join(t.coordinator_secret, profile_of("Mallory")));
  ASSERT_TRUE(again.last_error());
  EXPECT_EQ(again.last_error()->code, "unknown_code");
  EXPECT_TRUE(anna.submit_acked(shared::op::remove_person{usurper->person}));
}

// Two servers on one database would each hold its rooms in memory and overwrite the other.
TEST(Cli, ASecondServerOnTheSameDatabaseIsRefused) {
  test_server first;
  config cfg;
  cfg.db = first.db();
  try {
    test_server second(cfg);
    ADD_FAILURE() << "a second server started on " << first.db();
  } catch (const std::exception& e) {
    EXPECT_TRUE(contains(e.what(), "in gebruik")) << e.what();
  }
  first.stop();
  test_server after(cfg);  // once the first has stopped, the database is free
  EXPECT_TRUE(after.running());
}

}  // namespace
}  // namespace jos::server::test
