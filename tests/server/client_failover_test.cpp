// The desktop client core (the browser's is the same code) on two jos-server instances
// sharing one PostgreSQL: configured with B, it joins a trajectory A serves, is sent to A
// without noticing, and when A is killed it comes back through B, which takes the
// trajectory over. Nothing acknowledged is lost or doubled; edits made meanwhile go out.
// A client that reached its server over wss:// is never sent on to a ws:// address.

#include <gtest/gtest.h>

#include <cstdlib>
#include <map>
#include <thread>

#include "client/core/client_core.hpp"
#include "tests/server/pg_cluster.hpp"
#include "tests/server/recording_listener.hpp"
#include "tests/server/server_process.hpp"
#include "tests/server/store_fixture.hpp"

namespace jos::server::test {
namespace {

using client::client_core;
using namespace shared;

constexpr auto patience = 30s;

const partnership baken{"Het Baken", "JoU Utrecht", cooperation::existing};
const protocol::profile anna_profile{"Anna de Wit", organisation::school, "docent",
                                     staff_level::manager};
const protocol::profile bram_profile{"Bram Öztürk", organisation::jongerenwerk, "jongerenwerker",
                                     staff_level::uitvoerder};

std::string url_of(const server_process& p) { return "ws://127.0.0.1:" + std::to_string(p.port()); }

std::unique_ptr<client_core> core_in(const temp_dir& dir, const std::string& name) {
  client::core_options o;
  o.config_dir = dir.file(name);
  return std::make_unique<client_core>(o);
}

std::map<std::string, int> reactions(const trajectory& t) {
  std::map<std::string, int> out;
  for (const auto& r : t.meetings[0].session.reactions) ++out[r.text];
  return out;
}

TEST(ClientFailover, TheClientFollowsItsTrajectoryAndComesBackThroughItsOwnServer) {
  JOS_REQUIRE_POSTGRESQL(cluster);
  temp_dir dir;
  const std::string db = cluster.fresh_database();
  server_process a(db, dir.file("a.port"));
  server_process b(db, dir.file("b.port"));
  ASSERT_EQ(a.start(), "");
  ASSERT_EQ(b.start(), "");

  // Anna starts the leerlijn on A, which serves it from then on.
  auto anna = core_in(dir, "anna");
  ASSERT_EQ(anna->use_server(url_of(a)), "");
  anna->create_trajectory(baken, anna_profile);
  ASSERT_TRUE(anna->run_until([&] { return anna->live(); }, patience));

  // Bram's client knows only B. B sends him on to A; he notices nothing.
  auto bram = core_in(dir, "bram");
  ASSERT_EQ(bram->use_server(url_of(b)), "");
  bram->join(anna->identity()->join_code, bram_profile);
  ASSERT_TRUE(bram->run_until([&] { return bram->live(); }, patience));
  ASSERT_TRUE(bram->followed());
  EXPECT_EQ(bram->followed()->text(), url_of(a));
  EXPECT_EQ(bram->server()->text(), url_of(b));  // what he chose stays his server
  EXPECT_FALSE(bram->last_notice()) << bram->last_notice()->text;

  constexpr int before = 10;
  for (int i = 0; i < before; ++i)
    ASSERT_FALSE(bram->submit(op::add_reaction{0, -1, "voor " + std::to_string(i), 0}));
  ASSERT_TRUE(bram->run_until([&] { return bram->waiting_changes() == 0; }, patience));
  ASSERT_TRUE(anna->run_until([&] { return reactions(anna->state()).size() == before; }, patience));

  // A dies without a word; Bram goes on typing.
  a.kill_now();
  constexpr int after = 10;
  for (int i = 0; i < after; ++i) {
    bram->poll();
    ASSERT_FALSE(bram->submit(op::add_reaction{0, -1, "na " + std::to_string(i), 0}));
  }
  ASSERT_TRUE(bram->run_until(
      [&] { return bram->live() && bram->waiting_changes() == 0 && !bram->followed(); }, patience))
      << bram->connection().last_error;

  // B has it now: someone joining there gets every reaction exactly once.
  auto carla = core_in(dir, "carla");
  ASSERT_EQ(carla->use_server(url_of(b)), "");
  carla->join(anna->identity()->join_code,
              {"Carla Jansen", organisation::school, "mentor", staff_level::uitvoerder});
  ASSERT_TRUE(carla->run_until([&] { return carla->live(); }, patience));
  EXPECT_FALSE(carla->followed());
  const auto seen = reactions(carla->state());
  EXPECT_EQ(seen.size(), static_cast<std::size_t>(before + after));
  for (const auto& [text, n] : seen) EXPECT_EQ(n, 1) << text;
  EXPECT_EQ(reactions(bram->state()), seen);
  EXPECT_EQ(query_text(db, "SELECT count(*) FROM ops WHERE op LIKE '%add_reaction%'"),
            std::to_string(before + after));
  EXPECT_FALSE(bram->last_notice()) << bram->last_notice()->text;
}

// A certificate for 127.0.0.1 in `dir` (c.pem, k.pem), which the clients are told to trust.
void make_certificate(const temp_dir& dir) {
  const std::string command =
      "openssl req -x509 -newkey rsa:2048 -nodes -days 1 -subj /CN=127.0.0.1"
      " -addext subjectAltName=IP:127.0.0.1 -keyout " +
      dir.file("k.pem") + " -out " + dir.file("c.pem") + " >/dev/null 2>&1";
  ASSERT_EQ(std::system(command.c_str()), 0) << command;
}

// An instance on `db` in this process; over TLS with the certificate in `dir` if given.
std::unique_ptr<server> instance(const std::string& db, std::uint16_t port,
                                 const temp_dir* tls = nullptr, std::string advertise = {}) {
  config cfg;
  cfg.port = port;
  cfg.db = db;
  cfg.level = log_level::error;
  cfg.advertise = std::move(advertise);
  if (tls != nullptr) {
    cfg.tls_cert = tls->file("c.pem");
    cfg.tls_key = tls->file("k.pem");
  }
  auto s = std::make_unique<server>(cfg);
  s->start();
  return s;
}

// Until PostgreSQL let go of every instance's claim (a stopped instance's session ends on
// the database's side a moment after it closed it).
bool claims_released(const std::string& db) {
  const auto deadline = std::chrono::steady_clock::now() + patience;
  while (query_text(db, "SELECT count(*) FROM pg_locks WHERE locktype = 'advisory'") != "0") {
    if (std::chrono::steady_clock::now() > deadline) return false;
    std::this_thread::sleep_for(20ms);
  }
  return true;
}

bool says(const std::optional<client::notice>& n, const std::string& part) {
  return n && n->text.find(part) != std::string::npos;
}

// B speaks wss://; A, which serves the leerlijn, tells the others to send clients to a plain
// ws:// address: a listener that only records who comes. From a plain ws:// instance C a
// client is sent there (so the listener does notice a client). A client of B is told of the
// insecure address and goes nowhere near it; it keeps its identity and its edits, and gets
// in through B once B can take the leerlijn over.
TEST(ClientFailover, AClientOfAWssServerIsNeverSentToWs) {
  JOS_REQUIRE_POSTGRESQL(cluster);
  temp_dir dir;
  make_certificate(dir);
  if (HasFatalFailure()) return;
  const std::string db = cluster.fresh_database();
  recording_listener insecure;
  client::core_options trusting;
  trusting.trust_cert_file = dir.file("c.pem");

  // Anna starts the leerlijn through B, over TLS; B serves it.
  auto b = instance(db, 0, &dir);
  const std::uint16_t b_port = b->port();
  const std::string b_url = "wss://127.0.0.1:" + std::to_string(b_port);
  trusting.config_dir = dir.file("anna");
  client_core anna(trusting);
  ASSERT_EQ(anna.use_server(b_url), "");
  anna.create_trajectory(baken, anna_profile);
  ASSERT_TRUE(anna.run_until([&] { return anna.live(); }, patience));
  const std::string join_code = anna.identity()->join_code;

  // B goes away; Carla joins on A, which serves the leerlijn from then on.
  b.reset();
  ASSERT_TRUE(claims_released(db));
  auto a = instance(db, 0, nullptr, insecure.url());
  auto carla = core_in(dir, "carla");
  ASSERT_EQ(carla->use_server("ws://127.0.0.1:" + std::to_string(a->port())), "");
  carla->join(join_code, {"Carla Jansen", organisation::school, "mentor", staff_level::uitvoerder});
  ASSERT_TRUE(carla->run_until([&] { return carla->live(); }, patience));

  // ws:// to ws:// is followed: Dirk, through C, ends up at the listener.
  {
    auto c = instance(db, 0);
    auto dirk = core_in(dir, "dirk");
    ASSERT_EQ(dirk->use_server("ws://127.0.0.1:" + std::to_string(c->port())), "");
    dirk->join(join_code, {"Dirk Smit", organisation::school, "docent", staff_level::uitvoerder});
    ASSERT_TRUE(dirk->run_until([&] { return insecure.received().starts_with("GET "); }, patience));
  }
  const std::size_t came = insecure.connections();

  // B is back on its address; Anna's hello there is answered with A's plain address.
  b = instance(db, b_port, &dir);
  anna.retry_now();
  ASSERT_TRUE(
      anna.run_until([&] { return says(anna.last_notice(), "onbeveiligd adres"); }, patience))
      << anna.connection().last_error << "; " << insecure.connections() - came
      << " connection(s) to the plain address: " << insecure.received();
  EXPECT_EQ(anna.last_notice()->text,
            "De server stuurde je door naar een onbeveiligd adres (" + insecure.url() +
                "). Daar is geen verbinding mee gemaakt, want je gegevens zouden dan "
                "onversleuteld over het netwerk gaan. Meld dit aan de beheerder van de server.");
  EXPECT_TRUE(anna.last_notice()->error);
  EXPECT_FALSE(anna.followed());
  EXPECT_EQ(anna.phase(), client::session_phase::waiting) << "who she is stays known";
  ASSERT_TRUE(anna.identity());
  ASSERT_FALSE(anna.submit(op::add_reaction{0, -1, "tijdens de weigering", 0}));

  // Bram's join through B is answered the same way: back on the start screen, told why.
  trusting.config_dir = dir.file("bram");
  client_core bram(trusting);
  ASSERT_EQ(bram.use_server(b_url), "");
  bram.join(join_code, bram_profile);
  ASSERT_TRUE(
      bram.run_until([&] { return says(bram.last_notice(), "onbeveiligd adres"); }, patience));
  EXPECT_EQ(bram.phase(), client::session_phase::start);
  EXPECT_FALSE(bram.identity());

  // Anna asks B again after the usual wait; nobody came to the plain address meanwhile.
  anna.run_until([] { return false; }, 1500ms);
  EXPECT_FALSE(anna.live());
  EXPECT_EQ(insecure.connections(), came) << insecure.received();

  // Once A is gone, B takes the leerlijn over and Anna is in, with her reaction.
  carla.reset();
  a.reset();
  ASSERT_TRUE(claims_released(db));
  anna.retry_now();
  ASSERT_TRUE(anna.run_until([&] { return anna.live() && anna.waiting_changes() == 0; }, patience))
      << anna.connection().last_error;
  EXPECT_FALSE(anna.followed());
  EXPECT_EQ(reactions(anna.state()), (std::map<std::string, int>{{"tijdens de weigering", 1}}));
  EXPECT_EQ(insecure.connections(), came) << insecure.received();
}

}  // namespace
}  // namespace jos::server::test
