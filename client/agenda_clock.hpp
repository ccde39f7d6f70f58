#pragma once
// The words of an agenda item's timer: time used and time planned in one format, what is
// left, and how far over. "02:13 van 2:00:00" read as overtime; "0:02:13 van 2:00:00 · nog
// 1:57:47" does not.

#include <cstdint>
#include <string>

namespace jos::client {

struct agenda_clock {
  std::string used_of_planned;  // "0:02:13 van 2:00:00", "12:05 van 20:00"
  std::string left;             // "nog 7:55", or "3:10 over tijd"
  bool over = false;            // more time used than planned
  float share = 0.0f;           // used / planned, at most 1
};

agenda_clock clock_of(std::int64_t used_ms, std::int64_t planned_ms);

}  // namespace jos::client
