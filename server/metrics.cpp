#include "server/metrics.hpp"

#include <sys/statvfs.h>

#include <sstream>

namespace jos::server {

void metrics::op_rejected(protocol::error_code code) {
  std::lock_guard lock(mutex_);
  ++rejected_[code];
}

void metrics::commit_latency(double seconds) {
  std::lock_guard lock(mutex_);
  for (std::size_t i = 0; i < bounds_.size(); ++i)
    if (seconds <= bounds_[i]) ++buckets_[i];
  ++commit_count_;
  commit_sum_ += seconds;
}

void metrics::watch_disk(std::string directory) { disk_directory_ = std::move(directory); }

std::optional<std::uint64_t> metrics::disk_free() const {
  struct statvfs fs {};
  if (disk_directory_.empty() || statvfs(disk_directory_.c_str(), &fs) != 0) return std::nullopt;
  return static_cast<std::uint64_t>(fs.f_bavail) * fs.f_frsize;
}

std::string metrics::render() const {
  std::ostringstream out;
  out << "# HELP jos_connections Open WebSocket connections.\n# TYPE jos_connections gauge\n"
      << "jos_connections " << connections.load() << "\n"
      << "# HELP jos_rooms Trajectories loaded in memory.\n# TYPE jos_rooms gauge\n"
      << "jos_rooms " << rooms.load() << "\n"
      << "# HELP jos_ops_accepted_total Operations accepted and committed.\n"
      << "# TYPE jos_ops_accepted_total counter\n"
      << "jos_ops_accepted_total " << ops_accepted.load() << "\n"
      << "# HELP jos_send_queue_overflows_total Connections cut off for not reading.\n"
      << "# TYPE jos_send_queue_overflows_total counter\n"
      << "jos_send_queue_overflows_total " << send_queue_overflows.load() << "\n"
      << "# HELP jos_messages_sent_total Messages queued to clients.\n"
      << "# TYPE jos_messages_sent_total counter\n"
      << "jos_messages_sent_total " << messages_sent.load() << "\n"
      << "# HELP jos_malformed_frames_total Frames that could not be decoded.\n"
      << "# TYPE jos_malformed_frames_total counter\n"
      << "jos_malformed_frames_total " << malformed_frames.load() << "\n"
      << "# HELP jos_connections_refused_total Connections refused: their address had its "
         "maximum.\n"
      << "# TYPE jos_connections_refused_total counter\n"
      << "jos_connections_refused_total " << connections_refused.load() << "\n"
      << "# HELP jos_throttled_reads_total Times a client's next message was read later: it "
         "sent faster than the rate.\n"
      << "# TYPE jos_throttled_reads_total counter\n"
      << "jos_throttled_reads_total " << throttled_reads.load() << "\n"
      << "# HELP jos_store_errors_total Commits and store jobs that failed (disk full, I/O).\n"
      << "# TYPE jos_store_errors_total counter\n"
      << "jos_store_errors_total " << store_errors.load() << "\n";
  if (const auto free = disk_free())
    out << "# HELP jos_disk_free_bytes Space left for the database's directory.\n"
        << "# TYPE jos_disk_free_bytes gauge\n"
        << "jos_disk_free_bytes " << *free << "\n";
  std::lock_guard lock(mutex_);
  out << "# HELP jos_ops_rejected_total Operations refused, by code.\n"
      << "# TYPE jos_ops_rejected_total counter\n";
  for (const auto& [code, n] : rejected_)
    out << "jos_ops_rejected_total{code=\"" << name_of(code) << "\"} " << n << "\n";
  out << "# HELP jos_commit_seconds Duration of one durable group commit.\n"
      << "# TYPE jos_commit_seconds histogram\n";
  for (std::size_t i = 0; i < bounds_.size(); ++i)
    out << "jos_commit_seconds_bucket{le=\"" << bounds_[i] << "\"} " << buckets_[i] << "\n";
  out << "jos_commit_seconds_bucket{le=\"+Inf\"} " << commit_count_ << "\n"
      << "jos_commit_seconds_sum " << commit_sum_ << "\n"
      << "jos_commit_seconds_count " << commit_count_ << "\n";
  return out.str();
}

}  // namespace jos::server
