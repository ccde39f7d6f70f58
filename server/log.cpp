#include "server/log.hpp"

#include <atomic>
#include <chrono>
#include <cstdio>
#include <ctime>
#include <mutex>
#include <string>
#include <utility>

namespace jos::server {
namespace {

std::atomic<int> current_level{static_cast<int>(log_level::info)};
std::mutex output_mutex;

void write(log_level level, std::string_view tag, std::string_view message) {
  if (static_cast<int>(level) > current_level.load(std::memory_order_relaxed)) return;
  const auto now = std::chrono::system_clock::to_time_t(std::chrono::system_clock::now());
  std::tm tm{};
  gmtime_r(&now, &tm);
  char stamp[32];
  std::strftime(stamp, sizeof stamp, "%Y-%m-%dT%H:%M:%SZ", &tm);
  std::lock_guard lock(output_mutex);
  std::fprintf(stderr, "%s %.*s %.*s\n", stamp, static_cast<int>(tag.size()), tag.data(),
               static_cast<int>(message.size()), message.data());
}

}  // namespace

void set_log_level(log_level level) { current_level = static_cast<int>(level); }

bool parse_log_level(std::string_view name, log_level& out) {
  if (name == "error")
    out = log_level::error;
  else if (name == "warn")
    out = log_level::warn;
  else if (name == "info")
    out = log_level::info;
  else if (name == "debug")
    out = log_level::debug;
  else
    return false;
  return true;
}

void log_error(std::string_view m) { write(log_level::error, "ERROR", m); }
void log_warn(std::string_view m) { write(log_level::warn, "WARN", m); }
void log_info(std::string_view m) { write(log_level::info, "INFO", m); }
void log_debug(std::string_view m) { write(log_level::debug, "DEBUG", m); }

void throttled_warning::operator()(std::string_view message) {
  const auto now = std::chrono::steady_clock::now();
  std::uint64_t skipped = 0;
  {
    std::lock_guard lock(mutex_);
    if (now < next_) {
      ++unwritten_;
      return;
    }
    next_ = now + interval_;
    skipped = std::exchange(unwritten_, 0);
  }
  if (skipped == 0) return log_warn(message);
  log_warn(std::string(message) + " (en " + std::to_string(skipped) +
           " keer sinds de vorige melding)");
}

}  // namespace jos::server
