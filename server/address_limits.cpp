#include "server/address_limits.hpp"

#include <algorithm>

namespace jos::server {
namespace {

// Drops what fell out of the window; true when nothing is left.
bool forget_before(std::deque<steady_time>& times, steady_time cutoff) {
  while (!times.empty() && times.front() < cutoff) times.pop_front();
  return times.empty();
}

void sweep_map(std::map<std::string, std::deque<steady_time>>& recent, steady_time cutoff) {
  for (auto it = recent.begin(); it != recent.end();)
    it = forget_before(it->second, cutoff) ? recent.erase(it) : std::next(it);
}

}  // namespace

std::chrono::milliseconds wrong_code_delay::wrong_code(const std::string& address,
                                                       steady_time now) {
  auto& times = recent_[address];
  forget_before(times, now - options_.window);
  times.push_back(now);
  // Past the ceiling more entries change nothing: keep the memory per address bounded.
  if (times.size() > options_.free + 32) times.pop_front();
  if (times.size() <= options_.free) return std::chrono::milliseconds{0};
  auto delay = options_.first;
  for (std::size_t extra = times.size() - options_.free - 1; extra > 0 && delay < options_.ceiling;
       --extra)
    delay *= 2;
  return std::min(delay, options_.ceiling);
}

void wrong_code_delay::sweep(steady_time now) { sweep_map(recent_, now - options_.window); }

bool per_address_quota::take(const std::string& address, steady_time now) {
  auto& times = recent_[address];
  forget_before(times, now - window_);
  if (times.size() >= limit_) return false;
  times.push_back(now);
  return true;
}

void per_address_quota::sweep(steady_time now) { sweep_map(recent_, now - window_); }

}  // namespace jos::server
