// The limits that keep one client from hurting the server or the room: HTTP header and body
// caps, a connection that never finishes its handshake, a message flood, and rooms that
// nobody uses being unloaded (and loaded again on first use).

#include <arpa/inet.h>
#include <gtest/gtest.h>
#include <netinet/in.h>
#include <poll.h>
#include <sys/socket.h>
#include <unistd.h>

#include <chrono>
#include <thread>

#include "protocol/codec.hpp"
#include "tests/server/test_server.hpp"

namespace jos::server::test {
namespace {

using namespace shared;
using clock_type = std::chrono::steady_clock;

// A bare TCP connection, for requests no well-behaved HTTP client would send.
class raw_socket {
 public:
  explicit raw_socket(std::uint16_t port) : fd_(socket(AF_INET, SOCK_STREAM, 0)) {
    sockaddr_in address{};
    address.sin_family = AF_INET;
    address.sin_port = htons(port);
    address.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
    connected_ =
        fd_ >= 0 && connect(fd_, reinterpret_cast<const sockaddr*>(&address), sizeof address) == 0;
  }
  ~raw_socket() {
    if (fd_ >= 0) ::close(fd_);
  }
  raw_socket(const raw_socket&) = delete;
  raw_socket& operator=(const raw_socket&) = delete;

  bool connected() const { return connected_; }
  bool write(const std::string& bytes) {
    std::size_t done = 0;
    while (done < bytes.size()) {
      const auto n = ::send(fd_, bytes.data() + done, bytes.size() - done, MSG_NOSIGNAL);
      if (n <= 0) return false;
      done += static_cast<std::size_t>(n);
    }
    return true;
  }
  // Everything the server sends until it closes the connection, or the time is up
  // (`closed` tells which).
  std::string read_until_closed(ms timeout, bool& closed) {
    std::string out;
    closed = false;
    const auto deadline = clock_type::now() + timeout;
    while (clock_type::now() < deadline) {
      pollfd p{fd_, POLLIN, 0};
      const auto left = std::chrono::duration_cast<ms>(deadline - clock_type::now()).count();
      if (poll(&p, 1, static_cast<int>(std::max<long long>(left, 1))) <= 0) continue;
      char chunk[4096];
      const auto n = ::recv(fd_, chunk, sizeof chunk, 0);
      if (n <= 0) {
        closed = true;
        break;
      }
      out.append(chunk, static_cast<std::size_t>(n));
    }
    return out;
  }

 private:
  int fd_;
  bool connected_ = false;
};

bool contains(const std::string& text, const std::string& part) {
  return text.find(part) != std::string::npos;
}

TEST(Limits, HttpHeaderAndBodyCapsAnswer413) {
  test_server server;
  {
    raw_socket s(server.port());
    ASSERT_TRUE(s.connected());
    std::string request = "GET /healthz HTTP/1.1\r\nHost: x\r\nX-Vulling: ";
    request += std::string(std::size_t{10} * 1024, 'a');  // the header cap is 8 KiB
    request += "\r\n\r\n";
    s.write(request);
    bool closed = false;
    const auto reply = s.read_until_closed(5s, closed);
    EXPECT_TRUE(contains(reply, "HTTP/1.1 413")) << reply;
    EXPECT_TRUE(contains(reply, "Verzoek te groot")) << reply;
    EXPECT_TRUE(closed);
  }
  {
    raw_socket s(server.port());
    ASSERT_TRUE(s.connected());
    const std::string body(std::size_t{20} * 1024, 'b');  // the body cap is 16 KiB
    s.write("POST /healthz HTTP/1.1\r\nHost: x\r\nContent-Length: " + std::to_string(body.size()) +
            "\r\n\r\n" + body);
    bool closed = false;
    const auto reply = s.read_until_closed(5s, closed);
    EXPECT_TRUE(contains(reply, "HTTP/1.1 413")) << reply;
    EXPECT_TRUE(closed);
  }
  // Within the caps, the same port answers as ever.
  const auto health = http_get(server.port(), "/healthz");
  EXPECT_EQ(health.status, 200) << health.error;
}

TEST(Limits, ConnectionsThatNeverFinishTheirRequestAreDropped) {
  config cfg;
  cfg.handshake_timeout_seconds = 1;
  test_server server(cfg);
  raw_socket silent(server.port());
  raw_socket slow(server.port());  // a request that never ends
  ASSERT_TRUE(silent.connected());
  ASSERT_TRUE(slow.connected());
  ASSERT_TRUE(slow.write("GET /ws HTTP/1.1\r\nHost: x\r\nUpgrade: websocket\r\n"));
  const auto start = clock_type::now();
  bool closed = false;
  silent.read_until_closed(5s, closed);
  EXPECT_TRUE(closed) << "a connection that sent nothing was kept";
  slow.read_until_closed(5s, closed);
  EXPECT_TRUE(closed) << "a request without its end was waited for";
  EXPECT_LT(clock_type::now() - start, 4s);
  // Meanwhile, and after, everyone else is served.
  auto t = make_team(server, {"Anna"});
  ASSERT_EQ(t.members.size(), 1u);
  EXPECT_TRUE(t[0]->submit_acked(op::set_precondition{0, true}));
}

TEST(Limits, AFloodIsCutOffAndTheRoomCarriesOn) {
  config cfg;
  cfg.rate_per_second = 50;
  cfg.rate_burst = 100;
  test_server server(cfg);
  auto t = make_team(server, {"Anna", "Bram"});
  ASSERT_EQ(t.members.size(), 2u);
  ASSERT_TRUE(settle(server, t));
  const auto before = server.state(t.trajectory_id);
  ASSERT_TRUE(before);

  // Bram sends 400 frames at once (harmless ones: focus), far past the burst.
  auto& bram = *t[1];
  const auto focus = protocol::encode(protocol::client_message{protocol::focus{std::nullopt}});
  for (int i = 0; i < 400 && bram.is_open(); ++i) bram.send_text(focus);
  ASSERT_TRUE(bram.wait_closed()) << "a flooding client kept its connection";
  bool told = false;
  for (const auto& e : bram.errors())
    told = told || (e.code == "rate_limited" && contains(e.reason, "Te veel berichten"));
  EXPECT_TRUE(told) << bram.closed_because();

  // Anna sees Bram go and carries on; nothing changed through the flood.
  auto& anna = *t[0];
  ASSERT_TRUE(anna.wait(
      [&] { return anna.presence() && anna.presence()->online == std::vector{t[0].person}; }));
  const auto after = server.state(t.trajectory_id);
  ASSERT_TRUE(after);
  EXPECT_EQ(after->hash, before->hash);
  EXPECT_TRUE(anna.submit_acked(op::set_precondition{1, true}));
  // Bram comes back and is a member as before.
  ASSERT_EQ(bram.reconnect(), "");
  ASSERT_TRUE(settle(server, t));
  EXPECT_TRUE(bram.replica().preconditions[1]);
}

TEST(Limits, IdleRoomsAreUnloadedAndLoadedAgainOnFirstUse) {
  test_server server;
  auto t = make_team(server, {"Anna", "Bram"});
  ASSERT_EQ(t.members.size(), 2u);
  ASSERT_TRUE(t[0]->submit_acked(op::set_precondition{0, true}));
  ASSERT_TRUE(settle(server, t));
  const auto before = server.state(t.trajectory_id);
  ASSERT_TRUE(before);
  EXPECT_EQ(server.metric("jos_rooms"), 1.0);

  // Sweeps until the room goes: the server notices the closed connections on its own time.
  auto unload = [&] {
    const auto deadline = clock_type::now() + 5s;
    while (server.metric("jos_rooms") != 0.0 && clock_type::now() < deadline) {
      server.unload_idle_rooms();
      std::this_thread::sleep_for(std::chrono::milliseconds(20));
    }
    return server.metric("jos_rooms") == 0.0;
  };
  // In use: it stays.
  server.unload_idle_rooms();
  std::this_thread::sleep_for(std::chrono::milliseconds(200));
  EXPECT_EQ(server.metric("jos_rooms"), 1.0);

  for (auto& m : t.members) m->close();
  ASSERT_TRUE(unload()) << "an unused room stayed loaded";

  // The next hello loads it from the store, as it was.
  ASSERT_EQ(t[1]->reconnect(), "");
  EXPECT_EQ(server.metric("jos_rooms"), 1.0);
  EXPECT_EQ(t[1]->replica_seq(), before->seq);
  EXPECT_EQ(t[1]->replica_hash(), before->hash);
  ASSERT_TRUE(t[1]->submit_acked(op::add_reaction{0, -1, "Weer terug.", 0}));
  const auto after = server.state(t.trajectory_id);
  ASSERT_TRUE(after);
  EXPECT_EQ(after->seq, before->seq + 1);
}

}  // namespace
}  // namespace jos::server::test
