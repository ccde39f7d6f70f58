#pragma once
// The simulated people of a run: rooms of clients that create, join and say hello the way
// the real client does, then send a realistic mix of ops at a chosen rate per room, and
// time every op from its send until the last member of the room has it.

#include <array>
#include <chrono>
#include <cstdint>
#include <deque>
#include <functional>
#include <memory>
#include <optional>
#include <random>
#include <string>
#include <vector>

#include "bench/load_client.hpp"

namespace jos::bench {

using bench_clock = std::chrono::steady_clock;

enum class target { jos, relay };

struct fleet_options {
  target kind = target::jos;
  tcp::endpoint server;
  std::uint64_t seed = 1;
  std::size_t max_concurrent_setups = 256;
  // Stay under the server's per-connection rate limit (200/s sustained, burst 400).
  double client_rate = 180;
  double client_burst = 300;
  // Only connect (WebSocket handshake), no create/join/hello: bare idle connections.
  bool handshake_only = false;
  // History generation: every member sends as fast as its rate allows, several in flight.
  bool history_mode = false;
  // Clients reconnect by themselves (with jittered backoff) and resend unacknowledged ops.
  bool reconnect = false;
};

// What one measurement window saw. Rates count events between begin and end; latencies
// are of ops sent in the window, however late their last delivery came.
struct window_result {
  double seconds = 0;
  // send -> the last other member of the room has it (the sender's screen shows its own
  // change at once; what it waits for is the ack)
  std::vector<std::uint32_t> fanout_us;
  std::vector<std::uint32_t> focus_us;  // the same, for the focus room only
  std::vector<std::uint32_t> ack_us;    // send -> ack (jos: durable; relay: the echo)
  std::uint64_t ops_sent = 0;
  std::uint64_t ops_acked = 0;
  std::uint64_t deliveries = 0;  // op copies received
  std::uint64_t messages = 0;    // every message received
  std::uint64_t rejects = 0;
  std::uint64_t disconnects = 0;
  std::uint64_t incomplete = 0;  // ops of the window some receiver never got
  std::uint64_t gaps = 0;        // a receiver's sequence jumped
  std::uint64_t duplicates = 0;  // a receiver got a sequence twice
  std::uint64_t skipped = 0;     // ticks with nobody free to send (rate not reached)
  double generator_cpu = 0;      // seconds of this process's CPU
};

class fleet final : public client_events {
 public:
  fleet(net::io_context& io, fleet_options options);
  ~fleet() override;

  // A new room with `clients` members (the first creates it, the second becomes the
  // invuller); `writers` more members get write access (history mode). Returns its index.
  int add_room(int clients, int writers = 0);
  void add_members(int room, int count);
  // Makes one member of `room` stop reading once it is set up.
  void make_slow(int room);

  // Drives the io_context until every room is ready or `timeout`; false on timeout.
  bool settle(std::chrono::milliseconds timeout);
  void run_for(std::chrono::milliseconds d);
  bool run_until(const std::function<bool()>& done, std::chrono::milliseconds timeout);

  void set_rate(double ops_per_second_per_room);
  void set_rate(int room, double ops_per_second);
  // Latencies of this room are also kept apart (window_result::focus_us).
  void set_focus_room(int room) { focus_room_ = room; }
  void begin_window();
  // Stops marking ops, lets the window's ops finish (at most `drain`), returns the result.
  window_result end_window(std::chrono::milliseconds drain = std::chrono::seconds(3));

  // Points clients at a restarted server (reconnect mode).
  void retarget(const tcp::endpoint& server) { options_.server = server; }
  void close_all(std::chrono::milliseconds timeout = std::chrono::seconds(3));

  // Members that are set up (synced) / all members.
  std::size_t ready_members() const { return ready_count_; }
  std::size_t member_count() const { return members_.size(); }
  std::size_t room_count() const { return rooms_.size(); }
  bool all_ready() const;
  // Ops acknowledged so far by the server (all time).
  std::uint64_t total_acked() const { return total_acked_; }
  std::uint64_t total_rejects() const { return total_rejects_; }
  std::uint64_t total_disconnects() const { return total_disconnects_; }
  // Sessions re-established after a connection was lost (reconnect mode).
  std::uint64_t reconnections() const { return reconnections_; }
  // Ops sent again after a reconnect because no acknowledgement had come.
  std::uint64_t resent() const { return resent_; }
  // Sent ops the server never acknowledged (still waiting).
  std::uint64_t unacknowledged() const;
  // Every (client id, client seq) acknowledged, for checking the store afterwards.
  const std::vector<std::pair<std::uint32_t, std::uint64_t>>& acked_log() const {
    return acked_log_;
  }
  void keep_acked_log(bool on) { keep_acked_log_ = on; }
  // Credentials of a room's coordinator, to open a fresh session later.
  std::string coordinator_token(int room) const;
  // The coordinator takes the meeting to `agenda_item` and stops its clock; the agenda and
  // the clock then stay put while the others go on.
  void hold_meeting_at(int room, int agenda_item);
  // The team code others join a room with.
  std::string join_code(int room) const;
  std::uint64_t room_seq(int room) const;
  std::string first_errors() const { return errors_; }

  // client_events
  void on_open(load_client& c) override;
  void on_message(load_client& c, std::string_view message) override;
  void on_closed(load_client& c, const beast::error_code& ec) override;

 private:
  enum class phase : std::uint8_t { waiting, connecting, creating, joining, hello, ready, down };

  struct sent_op {
    std::uint64_t client_seq = 0;
    bench_clock::time_point sent;
    std::uint32_t expected = 0;
    std::uint32_t got = 0;
    bool acked = false;
    bool rejected = false;
    bool measured = false;
    bool recorded = false;
    bool setup = false;
    bool focus = false;
    int edit_row = -1;
    long edit_delta = 0;
    std::string message;  // kept in reconnect mode, for the resend
  };

  struct member {
    std::unique_ptr<load_client> link;
    std::unique_ptr<net::steady_timer> retry;
    int room = 0;
    int slot = 0;  // 0 coordinator, 1 invuller, then the others
    phase state = phase::waiting;
    std::string token;
    std::uint32_t person = 0;
    std::uint64_t next_client_seq = 1;
    std::uint64_t last_seq = 0;
    std::uint64_t welcome_seq = 0;
    std::uint64_t epoch = 0;  // of the welcome last_seq counts under
    std::deque<sent_op> in_flight;
    double tokens = 0;
    bench_clock::time_point refilled;
    bool edit_pending = false;
    bool present = false;
    bool slow = false;
    bool writer = false;
    bool closing = false;
    bool was_ready = false;
    bool in_setup = false;
    int edit_row = -1;  // the row this member types in (history mode); -1 rotates
    int backoff_ms = 0;
  };

  struct room {
    std::vector<std::uint32_t> members;
    std::string join_code;
    std::vector<std::uint32_t> waiting_for_code;
    double rate = 0;
    double credit = 0;
    std::array<long, 10> text_length{};
    int typing_row = 0;
    int typed_in_row = 0;
    int reactions = 0;
    int agenda = 0;
    bool timer_running = false;
    bool fixed_agenda = false;  // hold_meeting_at: no agenda moves or clock from now on
    bool start_sent = false;
    bool started = false;
    bool roles_sent = false;
    int setup_pending = 0;
    bool ready = false;
    int slow_wanted = 0;
    std::uint64_t seq = 0;
  };

  member& at(std::uint32_t i) { return members_[i]; }
  void enqueue_setup(std::uint32_t index);
  void pump_setups();
  void start_connect(std::uint32_t index);
  void became_ready(member& m);
  void advance_room(int room_index);
  void tick();
  void schedule_tick();
  void emit(int room_index);
  bool take_token(member& m);
  std::uint32_t receivers(const room& r) const;
  sent_op& send_op(member& m, std::string body, bool setup = false, int edit_row = -1,
                   long edit_delta = 0);
  bool emit_edit(room& r, member& m);
  member* pick_attendee(room& r);
  void on_delivered(std::uint32_t sender, std::uint64_t client_seq, std::uint32_t receiver,
                    bench_clock::time_point now);
  void on_ack(member& m, std::uint64_t client_seq, bench_clock::time_point now);
  void on_reject(member& m, std::string_view message);
  void on_setup_message(member& m, std::string_view message);
  void check_synced(member& m);
  void pop_finished(member& m);
  void note_error(const std::string& what);
  void schedule_reconnect(std::uint32_t index);

  net::io_context& io_;
  fleet_options options_;
  std::mt19937_64 random_;
  net::steady_timer ticker_;
  bench_clock::time_point last_tick_;
  bool ticking_ = false;
  std::optional<net::executor_work_guard<net::io_context::executor_type>> work_;
  std::vector<member> members_;
  std::vector<room> rooms_;
  std::deque<std::uint32_t> setup_queue_;
  std::size_t in_setup_ = 0;
  std::size_t ready_count_ = 0;
  std::size_t agenda_size_ = 6;
  int focus_room_ = -1;

  bool measuring_ = false;
  bench_clock::time_point window_start_;
  double window_cpu_ = 0;
  window_result window_;
  std::uint64_t total_acked_ = 0;
  std::uint64_t total_rejects_ = 0;
  std::uint64_t total_disconnects_ = 0;
  std::uint64_t reconnections_ = 0;
  std::uint64_t resent_ = 0;
  bool keep_acked_log_ = false;
  std::vector<std::pair<std::uint32_t, std::uint64_t>> acked_log_;
  std::string errors_;
  int error_count_ = 0;
};

}  // namespace jos::bench
