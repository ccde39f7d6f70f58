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
  for (const char* flag : {"--listen", "--port", "--db", "--tls-cert", "--tls-key",
                           "--allow-origin", "--log-level", "--help", "create", "list"})
    EXPECT_TRUE(contains(out, flag)) << flag << " missing from:\n" << out;
  EXPECT_TRUE(contains(out, "0 kiest een vrije poort")) << out;
  EXPECT_TRUE(contains(out, "jos-data/")) << out;
}

TEST(Cli, ParsesFlagsAndRefusesNonsense) {
  const config defaults;
  EXPECT_EQ(defaults.db.rfind("jos-data/", 0), 0u) << defaults.db;
  EXPECT_EQ(defaults.max_message_bytes, 64u * 1024);

  auto ok = parse_config({"--listen", "0.0.0.0", "--port", "0", "--db", "x.sqlite", "--tls-cert",
                          "c.pem", "--tls-key", "k.pem", "--allow-origin", "https://a.nl",
                          "--allow-origin", "https://b.nl", "--log-level", "debug"});
  ASSERT_TRUE(ok.cfg) << ok.message;
  EXPECT_EQ(ok.cfg->listen, "0.0.0.0");
  EXPECT_EQ(ok.cfg->port, 0);
  EXPECT_EQ(ok.cfg->db, "x.sqlite");
  EXPECT_EQ(ok.cfg->tls_cert, "c.pem");
  EXPECT_EQ(ok.cfg->tls_key, "k.pem");
  EXPECT_EQ(ok.cfg->allowed_origins, (std::vector<std::string>{"https://a.nl", "https://b.nl"}));
  EXPECT_EQ(ok.cfg->level, log_level::debug);

  const std::vector<std::pair<std::vector<std::string>, std::string>> bad = {
      {{"--port", "70000"}, "--port verwacht"},
      {{"--port"}, "--port verwacht"},
      {{"--log-level", "luid"}, "--log-level verwacht"},
      {{"--tls-cert", "c.pem"}, "horen bij elkaar"},
      {{"--vlag"}, "onbekende optie: --vlag"},
  };
  for (const auto& [args, message] : bad) {
    const auto r = parse_config(args);
    EXPECT_FALSE(r.cfg) << args[0];
    EXPECT_TRUE(contains(r.message, message)) << r.message;
  }
  const auto [status, out] = run("--port tachtig");
  EXPECT_EQ(status, 2);
  EXPECT_TRUE(contains(out, "--port verwacht")) << out;
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
  ASSERT_TRUE(std::regex_search(out, secret, std::regex("Coördinatorcode[^:]*: +([0-9a-f]{64})")))
      << out;
  const auto listed = run("list --db " + db);
  EXPECT_EQ(listed.first, 0);
  EXPECT_TRUE(contains(listed.second, code[1].str())) << listed.second;
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
  EXPECT_EQ(refused->code, "forbidden");
}

}  // namespace
}  // namespace jos::server::test
