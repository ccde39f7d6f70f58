#pragma once
// Counters for /metrics (Prometheus text format). Updated from any thread.

#include <array>
#include <atomic>
#include <cstdint>
#include <map>
#include <mutex>
#include <optional>
#include <string>

#include "protocol/error_code.hpp"

namespace jos::server {

class metrics {
 public:
  std::atomic<std::int64_t> connections{0};
  std::atomic<std::int64_t> rooms{0};
  std::atomic<std::uint64_t> ops_accepted{0};
  std::atomic<std::uint64_t> send_queue_overflows{0};
  std::atomic<std::uint64_t> messages_sent{0};
  std::atomic<std::uint64_t> malformed_frames{0};
  std::atomic<std::uint64_t> commits{0};
  std::atomic<std::uint64_t> connections_refused{0};
  std::atomic<std::uint64_t> throttled_reads{0};
  std::atomic<std::uint64_t> store_errors{0};  // failed commits and store jobs

  // The database's directory, whose free space /metrics reports (disk full stops writes).
  void watch_disk(std::string directory);
  std::optional<std::uint64_t> disk_free() const;  // nullopt when not watched or unknown

  void op_rejected(protocol::error_code code);
  void commit_latency(double seconds);
  std::string render() const;

 private:
  static constexpr std::array<double, 10> bounds_{0.0001, 0.00025, 0.0005, 0.001, 0.0025,
                                                  0.005,  0.01,    0.025,  0.1,   1.0};
  std::string disk_directory_;  // set once before serving
  mutable std::mutex mutex_;
  std::map<protocol::error_code, std::uint64_t> rejected_;
  std::array<std::uint64_t, bounds_.size()> buckets_{};
  std::uint64_t commit_count_ = 0;
  double commit_sum_ = 0;
};

}  // namespace jos::server
