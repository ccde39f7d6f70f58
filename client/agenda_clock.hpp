#pragma once
// The words of an agenda item's timer, in whole minutes as the agenda plans them: time used
// against time planned ("12 van 20 min"), what is left ("nog 8 min"), and how far over ("3
// min over tijd"). Minutes, not seconds: a clock that changes every second costs a frame
// every second on every screen in the meeting (the browser tab's idle CPU), and an item of
// 5 to 40 minutes is steered by the minute.

#include <cstdint>
#include <string>

namespace jos::client {

struct agenda_clock {
  std::string used_of_planned;  // "12 van 20 min"
  std::string left;             // "nog 8 min", or "3 min over tijd"
  bool over = false;            // more time used than planned
  float share = 0.0f;           // used / planned, at most 1
};

agenda_clock clock_of(std::int64_t used_ms, std::int64_t planned_ms);
// How long (ms) until clock_of's words change while the time runs: at the next whole minute
// used (planned time is whole minutes).
std::int64_t until_clock_changes(std::int64_t used_ms);

}  // namespace jos::client
