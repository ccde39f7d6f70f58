#pragma once
// Minimal leveled logging to stderr, one line per event, safe from any thread.

#include <chrono>
#include <cstdint>
#include <mutex>
#include <string_view>

namespace jos::server {

enum class log_level { error = 0, warn = 1, info = 2, debug = 3 };

void set_log_level(log_level level);
bool parse_log_level(std::string_view name, log_level& out);
void log_error(std::string_view message);
void log_warn(std::string_view message);
void log_info(std::string_view message);
void log_debug(std::string_view message);

// A warning that can repeat in a tight loop (accepting while out of descriptors, one address
// over its connections): written at most once per interval, saying how often it happened
// in between, so that trouble shows in the log without flooding it.
class throttled_warning {
 public:
  explicit throttled_warning(std::chrono::steady_clock::duration interval) : interval_(interval) {}
  void operator()(std::string_view message);

 private:
  std::chrono::steady_clock::duration interval_;
  std::mutex mutex_;
  std::chrono::steady_clock::time_point next_{};
  std::uint64_t unwritten_ = 0;
};

}  // namespace jos::server
