// The plain HTTP side of the port (/healthz, /metrics), the Origin allowlist on the
// WebSocket upgrade, and TLS: wss:// works, and a plain client to a TLS port is told so.

#include <gtest/gtest.h>
#include <ifaddrs.h>
#include <netinet/in.h>

#include <arpa/inet.h>

#include <cstdlib>
#include <filesystem>

#include "tests/server/test_server.hpp"

namespace jos::server::test {
namespace {

using namespace shared;

bool contains(const std::string& text, const std::string& part) {
  return text.find(part) != std::string::npos;
}

TEST(Http, HealthzAndMetrics) {
  test_server server;
  const auto health = http_get(server.port(), "/healthz");
  EXPECT_EQ(health.status, 200) << health.error;
  EXPECT_EQ(health.body, "ok\n");
  EXPECT_EQ(http_get(server.port(), "/elders").status, 404);

  auto t = make_team(server, {"Anna", "Bram"});
  ASSERT_EQ(t.members.size(), 2u);
  ASSERT_TRUE(t[0]->submit_acked(op::set_precondition{0, true}));
  const auto refused = t[1]->wait_reject(t[1]->submit(op::set_precondition{1, true}));
  ASSERT_TRUE(refused);
  ASSERT_TRUE(settle(server, t));

  const auto metrics = http_get(server.port(), "/metrics");
  ASSERT_EQ(metrics.status, 200) << metrics.error;
  const auto& body = metrics.body;
  EXPECT_TRUE(contains(body, "# TYPE jos_connections gauge")) << body;
  EXPECT_TRUE(contains(body, "jos_connections 2\n")) << body;
  EXPECT_TRUE(contains(body, "jos_rooms 1\n")) << body;
  // Two joins (server ops) and Anna's precondition.
  EXPECT_TRUE(contains(body, "jos_ops_accepted_total 3\n")) << body;
  EXPECT_TRUE(contains(body, "jos_ops_rejected_total{code=\"forbidden\"} 1\n")) << body;
  EXPECT_TRUE(contains(body, "jos_commit_seconds_bucket{le=\"+Inf\"}")) << body;
  EXPECT_TRUE(contains(body, "jos_commit_seconds_bucket{le=\"0.001\"}")) << body;
  EXPECT_TRUE(contains(body, "jos_send_queue_overflows_total 0\n")) << body;
  const auto commits = server.metric("jos_commit_seconds_count");
  ASSERT_TRUE(commits);
  EXPECT_GE(*commits, 1.0);
  EXPECT_LE(*commits, 3.0);

  // A connection that goes away is no longer counted.
  t[1]->close();
  ASSERT_TRUE(t[0]->wait([&] { return t[0]->presence()->online.size() == 1; }));
  EXPECT_EQ(server.metric("jos_connections"), 1.0);
}

// An address of this machine that is not loopback (an Ethernet or Wi-Fi address), or "".
std::string non_loopback_address() {
  ifaddrs* all = nullptr;
  if (getifaddrs(&all) != 0) return {};
  std::string found;
  for (ifaddrs* a = all; a != nullptr && found.empty(); a = a->ifa_next) {
    if (a->ifa_addr == nullptr || a->ifa_addr->sa_family != AF_INET) continue;
    const auto* in = reinterpret_cast<const sockaddr_in*>(a->ifa_addr);
    if ((ntohl(in->sin_addr.s_addr) >> 24) == 127) continue;
    char text[INET_ADDRSTRLEN] = {};
    if (inet_ntop(AF_INET, &in->sin_addr, text, sizeof text) != nullptr) found = text;
  }
  freeifaddrs(all);
  return found;
}

// What the server is doing is for its operator: /metrics answers loopback and the addresses
// given with --metrics-from, and nobody else; /healthz answers everyone.
TEST(Http, MetricsOnlyForLoopbackOrAConfiguredAddress) {
  const std::string here = non_loopback_address();
  if (here.empty()) GTEST_SKIP() << "this machine has no address but loopback";
  config cfg;
  cfg.listen = "0.0.0.0";
  {
    test_server server(cfg);
    EXPECT_EQ(http_get(server.port(), "/metrics").status, 200);
    const auto outside = http_get(server.port(), "/metrics", false, default_wait, {}, here);
    EXPECT_EQ(outside.status, 403) << outside.error;
    EXPECT_TRUE(contains(outside.body, "--metrics-from")) << outside.body;
    EXPECT_FALSE(contains(outside.body, "jos_")) << outside.body;
    EXPECT_EQ(http_get(server.port(), "/healthz", false, default_wait, {}, here).status, 200);
  }
  cfg.metrics_from = {here};
  test_server server(cfg);
  const auto allowed = http_get(server.port(), "/metrics", false, default_wait, {}, here);
  EXPECT_EQ(allowed.status, 200) << allowed.error;
  EXPECT_TRUE(contains(allowed.body, "jos_connections")) << allowed.body;
}

TEST(Http, OriginAllowlistGuardsTheUpgrade) {
  config cfg;
  cfg.allowed_origins = {"https://jos.example.nl"};
  test_server server(cfg);

  client_options evil;
  evil.origin = "https://kwaadaardig.example";
  test_client page(server.port(), evil);
  const auto refused = page.connect();
  EXPECT_TRUE(contains(refused, "HTTP 403")) << refused;
  EXPECT_TRUE(contains(refused, "Origin is niet toegestaan")) << refused;
  EXPECT_FALSE(page.is_open());

  client_options good;
  good.origin = "https://jos.example.nl";
  test_client allowed(server.port(), good);
  ASSERT_EQ(allowed.connect(), "");
  EXPECT_TRUE(allowed.create(partners(), profile_of("Anna")));

  // Native clients send no Origin at all.
  test_client native(server.port());
  ASSERT_EQ(native.connect(), "");

  client_options elsewhere;
  elsewhere.target = "/chat";
  test_client wrong_path(server.port(), elsewhere);
  EXPECT_TRUE(contains(wrong_path.connect(), "HTTP 404"));
}

class Tls : public ::testing::Test {
 protected:
  void SetUp() override {
    const std::string command =
        "openssl req -x509 -newkey rsa:2048 -nodes -days 1 -subj /CN=localhost"
        " -keyout " +
        dir_.file("k.pem") + " -out " + dir_.file("c.pem") + " >/dev/null 2>&1";
    ASSERT_EQ(std::system(command.c_str()), 0) << command;
    ASSERT_TRUE(std::filesystem::exists(dir_.file("c.pem")));
    config cfg;
    cfg.tls_cert = dir_.file("c.pem");
    cfg.tls_key = dir_.file("k.pem");
    server_ = std::make_unique<test_server>(cfg);
  }

  temp_dir dir_;
  std::unique_ptr<test_server> server_;
};

TEST_F(Tls, WssClientCompletesHello) {
  client_options tls;
  tls.tls = true;
  auto t = make_team(*server_, {"Anna", "Bram"}, tls);
  ASSERT_EQ(t.members.size(), 2u);
  const auto ack = t[0]->submit_acked(op::set_precondition{2, true});
  ASSERT_TRUE(ack);
  ASSERT_TRUE(t[1]->wait_seq(*ack));
  EXPECT_TRUE(t[1]->replica().preconditions[2]);
  const auto state = server_->state(t.trajectory_id);
  ASSERT_TRUE(state);
  EXPECT_EQ(t[1]->replica_hash(), state->hash);

  const auto health = http_get(server_->port(), "/healthz", true);
  EXPECT_EQ(health.status, 200) << health.error;
  EXPECT_EQ(health.body, "ok\n");
}

// TLS 1.2 only with forward secrecy and authenticated encryption; HSTS over TLS.
TEST_F(Tls, OnlyEcdheWithAeadAndStrictTransportSecurity) {
  for (const char* weak : {"AES128-SHA", "AES256-GCM-SHA384", "ECDHE-RSA-AES128-SHA",
                           "ECDHE-RSA-AES256-SHA384", "DHE-RSA-AES128-GCM-SHA256"})
    EXPECT_NE(tls12_handshake(server_->port(), weak), "") << weak << " was accepted";
  for (const char* strong : {"ECDHE-RSA-AES128-GCM-SHA256", "ECDHE-RSA-AES256-GCM-SHA384",
                             "ECDHE-RSA-CHACHA20-POLY1305"})
    EXPECT_EQ(tls12_handshake(server_->port(), strong), "") << strong;

  const auto health = http_get(server_->port(), "/healthz", true);
  ASSERT_EQ(health.status, 200) << health.error;
  ASSERT_TRUE(health.headers.contains("strict-transport-security"));
  EXPECT_EQ(health.headers.at("strict-transport-security"), "max-age=31536000");
  // Not over plain HTTP, where it means nothing (and a browser ignores it).
  test_server plain;
  const auto unencrypted = http_get(plain.port(), "/healthz");
  ASSERT_EQ(unencrypted.status, 200);
  EXPECT_FALSE(unencrypted.headers.contains("strict-transport-security"));
}

TEST_F(Tls, PlainClientToTlsPortIsToldClearly) {
  test_client plain(server_->port());
  const auto why = plain.connect();
  EXPECT_TRUE(contains(why, "HTTP 426")) << why;
  EXPECT_TRUE(contains(why, "Deze server gebruikt TLS")) << why;
  EXPECT_FALSE(plain.is_open());

  const auto reply = http_get(server_->port(), "/healthz");
  EXPECT_EQ(reply.status, 426) << reply.error;
  EXPECT_TRUE(contains(reply.body, "wss://")) << reply.body;

  // The server is none the worse for it.
  client_options tls;
  tls.tls = true;
  test_client secure(server_->port(), tls);
  ASSERT_EQ(secure.connect(), "");
  EXPECT_TRUE(secure.create(partners(), profile_of("Anna")));
}

}  // namespace
}  // namespace jos::server::test
