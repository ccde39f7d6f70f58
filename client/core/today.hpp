#pragma once
// Today's date and the time on this computer, for the views, the core's estimate of the
// server's clock, and tests that plan around today.

#include <cstdint>
#include <string>

namespace jos::client {

// Today's local date as yyyy-mm-dd.
std::string local_today();
// Milliseconds since 1970 on this computer's clock.
std::int64_t wall_clock_ms();

}  // namespace jos::client
