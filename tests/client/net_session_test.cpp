// The connection logic on its own, above the transport seam: link numbering, decoding,
// reconnecting with backoff, the connect deadline and disconnecting. The transport is the
// network's edge; here it is a script the test plays, so what happens is exactly what the
// browser's single thread or the desktop's Beast thread would report.
#include <gtest/gtest.h>

#include "client/core/net_session.hpp"
#include "protocol/codec.hpp"

namespace jos::client {
namespace {

using namespace std::chrono_literals;

// Records what net_session asks of it; the test queues what "the network" reports.
struct scripted_transport final : transport {
  struct log {
    std::vector<std::uint64_t> opened;
    std::vector<std::uint64_t> closed;
    std::vector<std::pair<std::uint64_t, std::string>> sent;
    std::vector<transport_event> queued;
    std::string problem;
  };
  explicit scripted_transport(std::shared_ptr<log> l) : script(std::move(l)) {}
  void open(std::uint64_t link, const server_url&) override { script->opened.push_back(link); }
  void send(std::uint64_t link, std::string text) override {
    script->sent.emplace_back(link, std::move(text));
  }
  void close(std::uint64_t link) override { script->closed.push_back(link); }
  std::vector<transport_event> drain() override {
    std::vector<transport_event> out;
    out.swap(script->queued);
    return out;
  }
  bool wait(std::chrono::milliseconds) override { return !script->queued.empty(); }
  void set_wake(std::function<void()>) override {}
  std::string setup_problem() const override { return script->problem; }
  std::shared_ptr<log> script;
};

server_url local() { return *parse_server_url("ws://127.0.0.1:9").url; }

struct session_with_script {
  std::shared_ptr<scripted_transport::log> script = std::make_shared<scripted_transport::log>();
  net_session net;
  explicit session_with_script(net_options o = {})
      : net(with_seed(o), std::make_unique<scripted_transport>(script)) {}
  static net_options with_seed(net_options o) {
    o.backoff_seed = 42;
    return o;
  }
  // Drains until `n` events came or five seconds passed (the retry waits are real time).
  std::vector<net_event> events(std::size_t n = 1) {
    std::vector<net_event> all;
    const auto deadline = std::chrono::steady_clock::now() + 5s;
    while (all.size() < n && std::chrono::steady_clock::now() < deadline) {
      for (auto& e : net.drain()) all.push_back(std::move(e));
      if (all.size() < n) net.wait(5ms);
    }
    return all;
  }
};

TEST(NetSession, OnlyTheCurrentLinkSpeaksAndFramesArriveDecoded) {
  session_with_script s;
  s.net.connect(local());
  ASSERT_EQ(s.script->opened, std::vector<std::uint64_t>{1});
  EXPECT_EQ(s.net.status().state, link_state::connecting);

  s.script->queued.push_back(transport_opened{1});
  auto up = s.events();
  ASSERT_EQ(up.size(), 1u);
  EXPECT_EQ(std::get<link_up>(up[0]).link, 1u);
  EXPECT_EQ(s.net.status().state, link_state::connected);

  const std::string presence = protocol::encode(protocol::server_message{protocol::presence{{3}}});
  s.script->queued.push_back(transport_frame{1, presence});
  s.script->queued.push_back(transport_frame{1, R"({"v":99,"type":"presence"})"});
  s.script->queued.push_back(transport_frame{1, "{kapot"});
  auto got = s.events(3);
  ASSERT_EQ(got.size(), 3u);
  EXPECT_EQ(std::get<protocol::presence>(std::get<received>(got[0]).message).online,
            std::vector<shared::person_id>{3});
  EXPECT_TRUE(std::get<unreadable>(got[1]).version_mismatch);
  EXPECT_FALSE(std::get<unreadable>(got[2]).version_mismatch);

  // Resynchronising: the old link is closed and whatever it still reports is ignored.
  s.net.reconnect();
  EXPECT_EQ(s.script->closed, std::vector<std::uint64_t>{1});
  ASSERT_EQ(s.script->opened.size(), 2u);
  const std::uint64_t second = s.script->opened.back();
  EXPECT_GT(second, 1u);
  s.script->queued.push_back(transport_frame{1, presence});
  s.script->queued.push_back(transport_closed{1, "weg"});
  auto after = s.net.drain();
  ASSERT_EQ(after.size(), 1u) << "only our own link_down for the dropped link";
  EXPECT_EQ(std::get<link_down>(after[0]).link, 1u);

  s.net.send(1, "oud");
  s.net.send(second, "nieuw");
  EXPECT_TRUE(s.script->sent.empty()) << "nothing is sent before the link opened";
  s.script->queued.push_back(transport_opened{second});
  s.events();
  s.net.send(1, "oud");
  s.net.send(second, "nieuw");
  ASSERT_EQ(s.script->sent.size(), 1u);
  EXPECT_EQ(s.script->sent[0], std::make_pair(second, std::string("nieuw")));
}

TEST(NetSession, ALostLinkIsRetriedAfterTheBackoffWithoutAnyThread) {
  session_with_script s;
  s.net.connect(local());
  s.script->queued.push_back(transport_closed{1, "De server is niet bereikbaar."});
  auto down = s.events();
  ASSERT_EQ(down.size(), 1u);
  EXPECT_EQ(std::get<link_down>(down[0]).reason, "De server is niet bereikbaar.");
  const auto status = s.net.status();
  EXPECT_EQ(status.state, link_state::offline);
  EXPECT_TRUE(status.retrying);
  EXPECT_LE(status.retry_in_seconds, 0.625);
  EXPECT_EQ(status.last_error, "De server is niet bereikbaar.");
  ASSERT_TRUE(s.net.next_deadline()) << "the owner must know when to call again";

  // Nobody but drain() moves it: the retry happens in the first drain after the deadline.
  const auto deadline = std::chrono::steady_clock::now() + 5s;
  while (s.script->opened.size() < 2 && std::chrono::steady_clock::now() < deadline) {
    s.net.wait(50ms);
    s.net.drain();
  }
  EXPECT_EQ(s.script->opened.size(), 2u);
  EXPECT_EQ(s.net.status().state, link_state::connecting);
  EXPECT_EQ(s.net.status().last_error, "De server is niet bereikbaar.") << "kept until connected";
  s.script->queued.push_back(transport_opened{s.script->opened.back()});
  s.events();
  EXPECT_TRUE(s.net.status().last_error.empty());
}

TEST(NetSession, ALinkThatDoesNotOpenInTimeIsGivenUp) {
  net_options o;
  o.connect_timeout = 1s;
  session_with_script s(o);
  s.net.connect(local());
  auto down = s.events();
  ASSERT_EQ(down.size(), 1u);
  EXPECT_EQ(std::get<link_down>(down[0]).reason, "De server antwoordt niet.");
  EXPECT_EQ(s.script->closed, std::vector<std::uint64_t>{1});
  EXPECT_TRUE(s.net.status().retrying);
}

// The core gives up a link the server keeps open (a move it refused): it ends as if it had
// failed, and the next attempt waits for the backoff instead of knocking again at once.
TEST(NetSession, ALinkDroppedOnPurposeIsRetriedAfterTheBackoff) {
  session_with_script s;
  s.net.connect(local());
  s.script->queued.push_back(transport_opened{1});
  s.events();
  s.net.drop_and_retry_later("Doorverwijzing van de server geweigerd.");
  EXPECT_EQ(s.script->closed, std::vector<std::uint64_t>{1});
  EXPECT_EQ(s.script->opened.size(), 1u) << "not at once";
  const auto status = s.net.status();
  EXPECT_EQ(status.state, link_state::offline);
  EXPECT_TRUE(status.retrying);
  EXPECT_EQ(status.last_error, "Doorverwijzing van de server geweigerd.");
  auto down = s.net.drain();
  ASSERT_EQ(down.size(), 1u);
  EXPECT_EQ(std::get<link_down>(down[0]).link, 1u);
  s.script->queued.push_back(transport_closed{1, "weg"});
  EXPECT_TRUE(s.net.drain().empty()) << "the dropped link's own end is no news";

  s.net.drop_and_retry_later("nog eens");
  EXPECT_EQ(s.net.status().last_error, "Doorverwijzing van de server geweigerd.")
      << "no link: nothing to drop";
  const auto deadline = std::chrono::steady_clock::now() + 5s;
  while (s.script->opened.size() < 2 && std::chrono::steady_clock::now() < deadline) {
    s.net.wait(50ms);
    s.net.drain();
  }
  EXPECT_EQ(s.script->opened.size(), 2u);
}

TEST(NetSession, DisconnectEndsTheLinkOnceAndNeverRetries) {
  session_with_script s;
  s.net.connect(local());
  s.script->queued.push_back(transport_opened{1});
  s.events();
  s.net.disconnect();
  auto down = s.net.drain();
  ASSERT_EQ(down.size(), 1u);
  EXPECT_TRUE(std::holds_alternative<link_down>(down[0]));
  EXPECT_FALSE(s.net.status().retrying);
  EXPECT_FALSE(s.net.next_deadline());
  s.net.retry_now();
  EXPECT_EQ(s.script->opened.size(), 1u) << "not wanted: nothing to retry";
}

TEST(NetSession, ASetupProblemIsShownWhileConnecting) {
  session_with_script s;
  s.script->problem = "Het certificaatbestand kon niet worden gelezen: x.pem";
  s.net.connect(local());
  EXPECT_EQ(s.net.status().last_error, s.script->problem);
}

}  // namespace
}  // namespace jos::client
