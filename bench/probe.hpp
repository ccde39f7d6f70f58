#pragma once
// Blocking one-off clients for the measurements that are not load: a single session's
// hello-to-snapshot time, the server's /metrics counters, and a check of the store file.

#include <cstdint>
#include <string>
#include <utility>
#include <vector>

namespace jos::bench {

struct hello_timing {
  double welcome_ms = 0;   // hello sent -> welcome received (room found or loaded)
  double snapshot_ms = 0;  // hello sent -> the whole snapshot received
  std::size_t snapshot_bytes = 0;
  std::uint64_t seq = 0;
};
// Opens a session (connect and handshake not timed) and times hello -> snapshot.
hello_timing time_hello(std::uint16_t port, const std::string& token, const std::string& client_id);

// Starts a leerlijn on the server at `port` and says hello there, so that this server serves
// it; returns the creator's token. Throws when refused.
std::string create_trajectory_on(std::uint16_t port);
// A hello with `token`: true when welcomed, false when refused (moved, unavailable) or the
// server cannot be reached.
bool hello_welcomed(std::uint16_t port, const std::string& token);

struct server_counters {
  std::uint64_t ops_accepted = 0;
  std::uint64_t commits = 0;
  std::uint64_t send_queue_overflows = 0;
  std::uint64_t messages_sent = 0;
};
// GET /metrics; zeros if the server does not answer.
server_counters read_counters(std::uint16_t port);

// What a store file holds after a run, checked against the acknowledgements clients got.
struct store_check {
  std::uint64_t ops = 0;
  std::uint64_t sequence_holes = 0;  // a trajectory's seqs are not 1..n
  std::uint64_t doubled = 0;         // one (client id, client seq) stored twice
  std::uint64_t lost = 0;            // acknowledged but not stored
};
store_check check_store(const std::string& db_path,
                        const std::vector<std::pair<std::uint32_t, std::uint64_t>>& acked);

}  // namespace jos::bench
