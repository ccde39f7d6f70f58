// The limits that keep one client from hurting the server or the room: HTTP header and body
// caps, oversized frames, a connection that never finishes its handshake, a message flood,
// and rooms that nobody uses being unloaded (and loaded again on first use).

#include <arpa/inet.h>
#include <gtest/gtest.h>
#include <netinet/in.h>
#include <poll.h>
#include <sys/socket.h>
#include <unistd.h>

#include <cerrno>
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

// What a raw WebSocket client saw of one oversized frame: the server's close code, and
// whether the connection ended cleanly (FIN) or was reset, which loses the close frame.
struct oversized_outcome {
  int close_code = 0;  // 0: no close frame arrived
  bool reset = false;
  bool ended = false;
  std::string error;
};

// The WebSocket handshake and then one masked text frame of `size` bytes in full, as a
// browser or Node's `ws` sends it (no waiting for the server between header and payload),
// reading whatever the server sends meanwhile; then a close frame of its own, and reading
// until the server ends the connection.
oversized_outcome send_oversized_frame(std::uint16_t port, std::size_t size) {
  oversized_outcome out;
  const int fd = socket(AF_INET, SOCK_STREAM, 0);
  sockaddr_in address{};
  address.sin_family = AF_INET;
  address.sin_port = htons(port);
  address.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
  // A small send buffer, as on a real network: the frame is still being written when the
  // server answers, not already all in the kernel's buffers.
  const int send_buffer = 16 * 1024;
  if (fd >= 0) setsockopt(fd, SOL_SOCKET, SO_SNDBUF, &send_buffer, sizeof send_buffer);
  if (fd < 0 || connect(fd, reinterpret_cast<const sockaddr*>(&address), sizeof address) != 0) {
    out.error = "connect";
    if (fd >= 0) ::close(fd);
    return out;
  }
  const std::string upgrade =
      "GET /ws HTTP/1.1\r\nHost: 127.0.0.1\r\nUpgrade: websocket\r\nConnection: Upgrade\r\n"
      "Sec-WebSocket-Key: dGhlIHNhbXBsZSBub25jZQ==\r\nSec-WebSocket-Version: 13\r\n\r\n";
  std::string frame = upgrade;
  const std::size_t handshake_bytes = frame.size();
  frame += static_cast<char>(0x81);  // FIN, text
  frame += static_cast<char>(0x80 | 127);
  for (int shift = 56; shift >= 0; shift -= 8) frame += static_cast<char>((size >> shift) & 0xFF);
  const char mask[4] = {0x12, 0x34, 0x56, 0x78};
  frame.append(mask, 4);
  for (std::size_t i = 0; i < size; ++i) frame += static_cast<char>('x' ^ mask[i % 4]);
  // Our own close frame (1009 echoed back), masked, with the two code bytes.
  const char close_frame[] = {static_cast<char>(0x88), static_cast<char>(0x82), 0, 0, 0, 0, 0x03,
                              static_cast<char>(0xF1)};
  frame.append(close_frame, sizeof close_frame);

  std::string received;
  std::size_t written = 0;
  bool upgraded = false;
  bool eof = false;
  const auto deadline = clock_type::now() + 20s;
  // Like a client busy sending: the whole frame goes out, whatever arrives meanwhile (the
  // server's close frame, its end of the stream), and only a reset stops it.
  while (clock_type::now() < deadline && !out.reset && (!eof || written < frame.size())) {
    const std::size_t limit = upgraded ? frame.size() : handshake_bytes;
    const bool may_write = written < limit;
    pollfd p{fd, static_cast<short>((eof ? 0 : POLLIN) | (may_write ? POLLOUT : 0)), 0};
    if (p.events == 0 || poll(&p, 1, 100) <= 0) continue;
    if ((p.revents & POLLOUT) != 0) {
      const auto n = ::send(fd, frame.data() + written, limit - written, MSG_NOSIGNAL);
      if (n < 0 && (errno == ECONNRESET || errno == EPIPE)) out.reset = true;
      if (n > 0) written += static_cast<std::size_t>(n);
    }
    if ((p.revents & (POLLIN | POLLHUP | POLLERR)) != 0 && !eof) {
      char chunk[65536];
      const auto n = ::recv(fd, chunk, sizeof chunk, 0);
      if (n < 0 && errno == ECONNRESET) out.reset = true;
      if (n == 0) eof = true;
      if (n > 0) received.append(chunk, static_cast<std::size_t>(n));
      if (!upgraded && received.find("\r\n\r\n") != std::string::npos) {
        if (!received.starts_with("HTTP/1.1 101")) {
          out.error = "no upgrade: " + received.substr(0, 40);
          break;
        }
        upgraded = true;
        received.erase(0, received.find("\r\n\r\n") + 4);
      }
    }
  }
  out.ended = eof;
  ::close(fd);
  // The server's frames (unmasked): find the close frame and its code.
  std::size_t at = 0;
  while (upgraded && at + 2 <= received.size()) {
    const auto opcode = static_cast<unsigned char>(received[at]) & 0x0F;
    std::size_t length = static_cast<unsigned char>(received[at + 1]) & 0x7F;
    std::size_t header = 2;
    if (length == 126) {
      if (at + 4 > received.size()) break;
      length = (static_cast<unsigned char>(received[at + 2]) << 8) |
               static_cast<unsigned char>(received[at + 3]);
      header = 4;
    }
    if (at + header + length > received.size()) break;
    if (opcode == 0x8 && length >= 2)
      out.close_code = (static_cast<unsigned char>(received[at + header]) << 8) |
                       static_cast<unsigned char>(received[at + header + 1]);
    at += header + length;
  }
  if (!out.ended && !out.reset && out.error.empty())
    out.error = "the server did not end the connection";
  return out;
}

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

// A frame over the limit is answered with close code 1009 that arrives: the server reads
// the rest of the frame before it closes, instead of resetting a connection that still has
// unread bytes (which throws the close frame away on the client's side).
TEST(Limits, OversizedFramesAlwaysSee1009) {
  test_server server;
  int clean = 0;
  for (int i = 0; i < 20; ++i) {
    const auto outcome = send_oversized_frame(server.port(), std::size_t{1} << 20);
    EXPECT_EQ(outcome.close_code, 1009) << "run " << i << ": " << outcome.error;
    EXPECT_FALSE(outcome.reset) << "run " << i << ": the connection was reset";
    EXPECT_TRUE(outcome.error.empty()) << "run " << i << ": " << outcome.error;
    clean += outcome.close_code == 1009 && !outcome.reset;
  }
  EXPECT_EQ(clean, 20);
  // The server is as it was.
  auto t = make_team(server, {"Anna"});
  ASSERT_EQ(t.members.size(), 1u);
  EXPECT_TRUE(t[0]->submit_acked(op::set_precondition{0, true}));
}

// One address may hold only so many connections; when one goes, the next one comes in.
TEST(Limits, ConnectionsPerAddressAreCapped) {
  config cfg;
  cfg.max_connections_per_address = 3;
  test_server server(cfg);
  std::vector<std::unique_ptr<test_client>> clients;
  for (int i = 0; i < 3; ++i) {
    clients.push_back(std::make_unique<test_client>(server.port()));
    ASSERT_EQ(clients.back()->connect(), "");
  }
  test_client fourth(server.port());
  EXPECT_NE(fourth.connect(2s), "") << "a fourth connection from one address";
  clients[0]->close();
  clients.erase(clients.begin());
  // (Reading /metrics takes the freed place for a moment, and is refused itself until the
  // server noticed the close.)
  std::optional<double> refused;
  for (int attempt = 0; attempt < 50 && !refused; ++attempt) {
    refused = server.metric("jos_connections_refused_total");
    if (!refused) std::this_thread::sleep_for(std::chrono::milliseconds(50));
  }
  ASSERT_TRUE(refused);
  EXPECT_GE(*refused, 1.0);
  // The server notices the close on its own time.
  std::string error = "never tried";
  for (int attempt = 0; attempt < 50 && !error.empty(); ++attempt) {
    error = fourth.connect(2s);
    if (!error.empty()) std::this_thread::sleep_for(std::chrono::milliseconds(50));
  }
  EXPECT_EQ(error, "");
  EXPECT_TRUE(fourth.create(partners(), profile_of("Anna")));
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

// A client past the message rate is read more slowly, not cut off: its messages wait in
// its own socket, everyone else is served meanwhile, and nothing it sent is lost.
TEST(Limits, AFloodIsSlowedDownWhileTheRoomCarriesOn) {
  config cfg;
  cfg.rate_per_second = 100;
  cfg.rate_burst = 50;
  test_server server(cfg);
  auto t = make_team(server, {"Anna", "Bram"});
  ASSERT_EQ(t.members.size(), 2u);
  ASSERT_TRUE(settle(server, t));

  // Bram sends 300 frames at once (harmless ones: focus), far past the burst, then an op.
  auto& bram = *t[1];
  const auto focus = protocol::encode(protocol::client_message{protocol::focus{std::nullopt}});
  for (int i = 0; i < 300; ++i) ASSERT_TRUE(bram.send_text(focus));
  const auto last = bram.submit(op::add_reaction{0, -1, "Na de stortvloed.", 0});

  // Anna is served meanwhile.
  auto& anna = *t[0];
  EXPECT_TRUE(anna.submit_acked(op::set_precondition{1, true}));
  // Bram was slowed down, not cut off: his op, behind all of it, comes through.
  EXPECT_TRUE(bram.wait_ack(last, 15s)) << bram.closed_because();
  EXPECT_TRUE(bram.is_open());
  for (const auto& e : bram.errors())
    EXPECT_NE(e.code, protocol::error_code::rate_limited) << e.reason;
  EXPECT_GT(server.metric("jos_throttled_reads_total").value_or(0), 0.0);
  ASSERT_TRUE(settle(server, t));
  EXPECT_TRUE(bram.replica().preconditions[1]);
}

// A client that comes back with 1,000 ops it could not send, and sends them after hello as
// the protocol tells it to, is not cut off for it: every op is taken.
TEST(Limits, ResendingManyPendingOpsAfterHelloIsNeverCut) {
  test_server server;  // the default rate: 200 a second, bursts of 400
  auto t = make_team(server, {"Anna", "Bram"});
  ASSERT_EQ(t.members.size(), 2u);
  auto& anna = *t[0];
  std::vector<std::uint64_t> sent;
  for (int i = 0; i < 1000; ++i)
    sent.push_back(anna.submit(op::set_precondition{i % 3, i % 2 == 0}));
  for (const auto client_seq : sent)
    ASSERT_TRUE(anna.wait_ack(client_seq, 20s)) << client_seq << ": " << anna.closed_because();
  EXPECT_TRUE(anna.is_open());
  EXPECT_TRUE(anna.rejects().empty());
  ASSERT_TRUE(settle(server, t));
}

// A member cannot grow a trajectory without end (2,000 reactions of 1,000 emoji made an
// 8 MB snapshot that every connection then held): past its maximum size a change is refused
// with a clear Dutch reason, nothing changes, and a change that makes it smaller still goes.
TEST(Limits, ATrajectoryHasAMaximumSize) {
  config cfg;
  cfg.max_trajectory_bytes = 64 * 1024;
  test_server server(cfg);
  auto t = make_team(server, {"Anna", "Bram"});
  ASSERT_EQ(t.members.size(), 2u);
  auto& anna = *t[0];
  auto& bram = *t[1];
  const op::text_target minutes{true, 0, document_id::signalering_begin, 0, 0};
  ASSERT_TRUE(anna.submit_acked(op::edit_text{minutes, {{0, 0, std::string(20'000, 'x')}}}));
  std::string emoji;
  for (int i = 0; i < 1000; ++i) emoji += "😀";  // 4 KB
  std::optional<protocol::reject> full;
  int taken = 0;
  for (; taken < 40 && !full; ++taken) {
    const auto client_seq = bram.submit(op::add_reaction{0, -1, emoji, 0});
    if (!bram.wait_ack(client_seq)) full = bram.wait_reject(client_seq);
  }
  ASSERT_TRUE(full) << "64 KiB held 40 reactions of 4 KB";
  EXPECT_EQ(full->code, protocol::error_code::too_long);
  EXPECT_NE(full->reason.find("De leerlijn is vol"), std::string::npos) << full->reason;
  EXPECT_GT(taken, 3);
  ASSERT_TRUE(settle(server, t));

  // What a newcomer gets: a snapshot within the maximum.
  test_client carla(server.port());
  ASSERT_EQ(carla.connect(), "");
  auto joined = carla.join(t.join_code, profile_of("Carla"));
  ASSERT_TRUE(joined);
  ASSERT_TRUE(carla.hello(joined->token, "carla"));
  std::size_t snapshot_bytes = 0;
  for (const auto& raw : carla.raw())
    if (raw.find(R"("type":"snapshot")") != std::string::npos) snapshot_bytes = raw.size();
  EXPECT_GT(snapshot_bytes, 48u * 1024);
  EXPECT_LE(snapshot_bytes, 64u * 1024 + 1024);

  // The refused reaction is not there; shortening is always possible, and makes room again.
  EXPECT_EQ(carla.replica().meetings[0].session.reactions.size(),
            static_cast<std::size_t>(taken - 1));
  EXPECT_TRUE(anna.submit_acked(op::edit_text{minutes, {{0, 20'000, "Kort verslag."}}}));
  EXPECT_TRUE(bram.submit_acked(op::add_reaction{0, -1, emoji, 0}));
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
