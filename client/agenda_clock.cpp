#include "client/agenda_clock.hpp"

#include <algorithm>

namespace jos::client {
namespace {

constexpr std::int64_t minute_ms = 60'000;

// The minute under way counts: "nog 1 min" until the time is up, then "1 min over tijd".
std::int64_t minutes_left(std::int64_t ms) { return (ms + minute_ms - 1) / minute_ms; }
std::int64_t minutes_over(std::int64_t ms) { return ms / minute_ms + 1; }

}  // namespace

agenda_clock clock_of(std::int64_t used_ms, std::int64_t planned_ms) {
  agenda_clock c;
  const std::int64_t used = std::max<std::int64_t>(0, used_ms) / minute_ms;
  c.used_of_planned =
      std::to_string(used) + " van " + std::to_string(planned_ms / minute_ms) + " min";
  c.over = used_ms >= planned_ms;
  c.left = c.over ? std::to_string(minutes_over(used_ms - planned_ms)) + " min over tijd"
                  : "nog " + std::to_string(minutes_left(planned_ms - used_ms)) + " min";
  c.share = planned_ms > 0
                ? std::min(1.0f, static_cast<float>(used_ms) / static_cast<float>(planned_ms))
                : 1.0f;
  return c;
}

std::int64_t until_clock_changes(std::int64_t used_ms) {
  return minute_ms - std::max<std::int64_t>(0, used_ms) % minute_ms;
}

}  // namespace jos::client
