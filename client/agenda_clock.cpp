#include "client/agenda_clock.hpp"

#include <algorithm>
#include <cstdio>

namespace jos::client {
namespace {

// "1:05:09" with hours, else "05:09"; whole seconds, never negative.
std::string clock_text(std::int64_t ms, bool hours) {
  const long long seconds = std::max<std::int64_t>(0, ms) / 1000;
  char buf[32];
  if (hours) {
    std::snprintf(buf, sizeof buf, "%lld:%02lld:%02lld", seconds / 3600, seconds / 60 % 60,
                  seconds % 60);
  } else {
    std::snprintf(buf, sizeof buf, "%02lld:%02lld", seconds / 60, seconds % 60);
  }
  return buf;
}

}  // namespace

agenda_clock clock_of(std::int64_t used_ms, std::int64_t planned_ms) {
  agenda_clock c;
  // One format for all figures: with hours as soon as one of them needs them.
  const bool hours = std::max(used_ms, planned_ms) >= 3'600'000;
  c.used_of_planned = clock_text(used_ms, hours) + " van " + clock_text(planned_ms, hours);
  c.over = used_ms > planned_ms;
  c.left = c.over ? clock_text(used_ms - planned_ms, hours) + " over tijd"
                  : "nog " + clock_text(planned_ms - used_ms, hours);
  c.share = planned_ms > 0
                ? std::min(1.0f, static_cast<float>(used_ms) / static_cast<float>(planned_ms))
                : 1.0f;
  return c;
}

}  // namespace jos::client
