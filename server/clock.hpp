#pragma once
// The server's wall clock in Unix milliseconds: what ops and calendar files are stamped with.

#include <chrono>
#include <cstdint>

namespace jos::server {

inline std::int64_t wall_clock_ms() {
  return std::chrono::duration_cast<std::chrono::milliseconds>(
             std::chrono::system_clock::now().time_since_epoch())
      .count();
}

}  // namespace jos::server
