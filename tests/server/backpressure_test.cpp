// A client that stops reading is cut off once its send queue is full, and nobody else in
// the room waits for it.

#include <gtest/gtest.h>

#include <thread>

#include "tests/server/test_server.hpp"

namespace jos::server::test {
namespace {

using namespace shared;
using clock_type = std::chrono::steady_clock;

// A receive window of 4 KB: a client that stops reading fills it at once.
client_options small_window() {
  client_options o;
  o.receive_buffer = 4096;
  return o;
}

TEST(Backpressure, AStalledReaderIsCutOffWhileOthersKeepUp) {
  config cfg;
  cfg.send_queue_limit = 64;
  cfg.rate_per_second = 100000;  // the pusher is not what this test limits
  cfg.rate_burst = 100000;
  // Carla answers no ping while she does not read; on a slow machine the idle timeout would
  // cut her off before her queue fills, and that is not what this test is about.
  cfg.idle_timeout_seconds = 600;
  test_server server(cfg);
  auto t = make_team(server, {"Anna", "Bram"});
  ASSERT_EQ(t.members.size(), 2u);
  auto& anna = *t[0];
  auto& bram = *t[1];

  // Carla joins, then stops reading: her small receive window fills at once.
  test_client carla(server.port(), small_window());
  ASSERT_EQ(carla.connect(), "");
  auto joined = carla.join(t.join_code, profile_of("Carla"));
  ASSERT_TRUE(joined);
  ASSERT_TRUE(carla.hello(joined->token, "carla"));
  ASSERT_TRUE(settle(server, t));
  EXPECT_EQ(server.metric("jos_send_queue_overflows_total"), 0.0);

  // Anna rewrites the minutes again and again. Every broadcast is ~60 KB (20000 en dashes),
  // so the kernel's socket buffers toward Carla fill after few ops; then her queue does.
  std::string page;
  for (int i = 0; i < 20000; ++i) page += "–";
  const std::size_t page_length = 20000;
  std::size_t length = 0;  // the minutes as Anna's own ops leave them
  double overflows = 0;
  clock_type::duration worst_lag{};
  int sent = 0;
  // Bounded by count, not by time: under ASan on a busy machine an op of 60 KB takes a
  // quarter of a second, and the queue fills after a few hundred of them all the same.
  for (; sent < 1000; ++sent) {
    op::edit_text e;
    e.target.minutes = true;
    e.target.meeting = 0;
    e.edits = {{0, length, page}};
    length = page_length;
    anna.submit(e);
    ASSERT_TRUE(anna.wait([&] { return anna.pending().size() < 16; })) << anna.closed_because();
    ASSERT_TRUE(anna.rejects().empty()) << anna.rejects().begin()->second.reason;
    if (sent % 8 != 7) continue;
    // Bram keeps up with what Anna had acked, within a short time.
    const auto acked = anna.acks().empty() ? 0 : anna.acks().rbegin()->second;
    const auto start = clock_type::now();
    ASSERT_TRUE(bram.wait_seq(acked, 5s)) << "Bram fell behind at " << bram.replica_seq();
    worst_lag = std::max(worst_lag, clock_type::now() - start);
    overflows = server.metric("jos_send_queue_overflows_total").value_or(0);
    if (overflows > 0) break;
  }
  EXPECT_GE(overflows, 1.0) << "no overflow after " << sent << " ops of 30 KB";
  RecordProperty("ops_until_cut_off", sent);
  // How long Bram waited is a figure, not a verdict (the wait above bounds it at 5 s).
  RecordProperty("worst_lag_ms",
                 static_cast<int>(std::chrono::duration_cast<ms>(worst_lag).count()));

  // The others are told Carla is gone.
  ASSERT_TRUE(bram.wait([&] {
    return bram.presence() &&
           bram.presence()->online == std::vector<person_id>{t[0].person, t[1].person};
  })) << "Carla still listed as online";

  // Anna and Bram carry on; everything reached Bram in order.
  const auto ack = anna.submit_acked(op::set_precondition{0, true});
  ASSERT_TRUE(ack);
  ASSERT_TRUE(bram.wait_seq(*ack));
  EXPECT_TRUE(bram.order_faults().empty());
  const auto state = server.state(t.trajectory_id);
  ASSERT_TRUE(state);
  EXPECT_EQ(bram.replica_hash(), state->hash);
  EXPECT_EQ(anna.replica_hash(), state->hash);

  // When Carla finally reads, she finds the connection closed.
  EXPECT_TRUE(carla.wait_closed(20s));
  EXPECT_LT(carla.replica_seq(), state->seq);
  // She comes back by herself and resyncs to the room's state.
  ASSERT_EQ(carla.reconnect(20s), "");
  ASSERT_TRUE(carla.wait_seq(state->seq, 10s)) << carla.replica_seq();
  EXPECT_EQ(carla.replica_hash(), state->hash);
  EXPECT_TRUE(carla.order_faults().empty());
}

// The queue is bounded by what it holds too, not only by its number of messages: a reader
// that stops while large messages come (a long text rewritten again and again; snapshots)
// is cut off long before thousands of them pile up.
TEST(Backpressure, AStalledReaderIsCutOffByTheBytesItsQueueHolds) {
  config cfg;
  cfg.send_queue_limit = 1'000'000;  // never reached here: the bytes are the limit
  cfg.send_queue_bytes_limit = 512 * 1024;
  cfg.rate_per_second = 100000;
  cfg.rate_burst = 100000;
  test_server server(cfg);
  auto t = make_team(server, {"Anna"});
  ASSERT_EQ(t.members.size(), 1u);
  auto& anna = *t[0];
  test_client carla(server.port(), small_window());
  ASSERT_EQ(carla.connect(), "");
  auto joined = carla.join(t.join_code, profile_of("Carla"));
  ASSERT_TRUE(joined);
  ASSERT_TRUE(carla.hello(joined->token, "carla"));
  ASSERT_TRUE(anna.wait([&] { return anna.presence() && anna.presence()->online.size() == 2; }));

  std::string page;
  for (int i = 0; i < 10000; ++i) page += "–";  // 30 KB a broadcast
  const op::text_target minutes{true, 0, document_id::signalering_begin, 0, 0};
  std::size_t length = 0;
  int sent = 0;
  double overflows = 0;
  for (; sent < 300 && overflows == 0; ++sent) {
    ASSERT_TRUE(anna.submit_acked(op::edit_text{minutes, {{0, length, page}}}))
        << anna.closed_because();
    length = 10000;
    overflows = server.metric("jos_send_queue_overflows_total").value_or(0);
  }
  EXPECT_GE(overflows, 1.0) << sent << " messages of 30 KB waited for Carla";
  EXPECT_LT(sent, 200);
  EXPECT_TRUE(carla.wait_closed(20s));
}

// The server writes its frames straight to the socket, and Beast writes its own (pongs,
// pings) to the same socket. While a receiver lags, a large frame of the server's stays
// half written; a pong asked for meanwhile must wait until that frame is whole, or its
// bytes land inside the frame and the receiver reads garbage (session_socket).
TEST(Backpressure, APongWaitsForTheHalfWrittenFrameOfALaggingReader) {
  config cfg;
  cfg.rate_per_second = 100000;
  cfg.rate_burst = 100000;
  cfg.idle_timeout_seconds = 600;  // only the pings Carla asks for
  cfg.socket_send_buffer = 8192;   // the kernel's part of a frame stays small
  test_server server(cfg);
  auto t = make_team(server, {"Anna"});
  ASSERT_EQ(t.members.size(), 1u);
  auto& anna = *t[0];

  // Four meetings' minutes of 60 KB each: a snapshot of some 240 KB, many times what the
  // kernel takes at once toward a receive window of 4 KB.
  std::string page;
  for (int i = 0; i < 20000; ++i) page += "–";
  for (int meeting = 0; meeting < 4; ++meeting) {
    const op::text_target minutes{true, meeting, document_id::signalering_begin, 0, 0};
    ASSERT_TRUE(anna.submit_acked(op::edit_text{minutes, {{0, 0, page}}}))
        << meeting << ": "
        << (anna.rejects().empty() ? anna.closed_because()
                                   : anna.rejects().rbegin()->second.reason);
  }
  const auto before = server.state(t.trajectory_id);
  ASSERT_TRUE(before);

  // Carla says hello and does not read: her snapshot is left half written.
  test_client carla(server.port(), small_window());
  ASSERT_EQ(carla.connect(), "");
  auto joined = carla.join(t.join_code, profile_of("Carla"));
  ASSERT_TRUE(joined);
  ASSERT_TRUE(carla.send(protocol::hello{joined->token, "carla", 0, 0}));
  std::this_thread::sleep_for(100ms);
  // She pings three times meanwhile: each pong must wait for the snapshot's last byte.
  for (int i = 0; i < 3; ++i) ASSERT_TRUE(carla.ping()) << carla.closed_because();
  std::this_thread::sleep_for(100ms);

  // Her joining added her to the team: the state she must end up with.
  const auto state = server.state(t.trajectory_id);
  ASSERT_TRUE(state);
  ASSERT_GT(state->seq, before->seq);
  ASSERT_TRUE(
      carla.wait([&] { return carla.replica_seq() >= state->seq && carla.pongs() == 3; }, 20s))
      << carla.closed_because() << ", pongs " << carla.pongs();
  EXPECT_TRUE(carla.undecodable().empty());
  EXPECT_EQ(carla.replica_hash(), state->hash);
  EXPECT_TRUE(carla.is_open()) << carla.closed_because();
  // The connection still carries what comes next, whole.
  const auto ack = anna.submit_acked(op::set_precondition{0, true});
  ASSERT_TRUE(ack);
  ASSERT_TRUE(carla.wait_seq(*ack));
  EXPECT_TRUE(carla.order_faults().empty());
  EXPECT_EQ(carla.replica_hash(), server.state(t.trajectory_id)->hash);
}

}  // namespace
}  // namespace jos::server::test
