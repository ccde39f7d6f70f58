#include "server/retention.hpp"

#include <chrono>
#include <cstdio>

namespace jos::server {

std::string today_utc() {
  const std::chrono::year_month_day today{
      std::chrono::floor<std::chrono::days>(std::chrono::system_clock::now())};
  char out[16];
  std::snprintf(out, sizeof out, "%04d-%02u-%02u", static_cast<int>(today.year()),
                static_cast<unsigned>(today.month()), static_cast<unsigned>(today.day()));
  return out;
}

}  // namespace jos::server
