#include "server/retention.hpp"

#include <chrono>
#include <cstdio>

namespace jos::server {

std::optional<std::string> erase_after(const shared::trajectory& t, int months) {
  std::string last;
  for (const auto& m : t.meetings) {
    if (m.status == shared::meeting_status::bezig) return std::nullopt;
    if (m.planned_date > last) last = m.planned_date;
  }
  int y = 0;
  unsigned mo = 0, d = 0;
  if (months <= 0 || std::sscanf(last.c_str(), "%d-%u-%u", &y, &mo, &d) != 3) return std::nullopt;
  const auto total = static_cast<int>(mo) - 1 + months;
  const std::chrono::year_month_day end{std::chrono::year{y + total / 12},
                                        std::chrono::month{static_cast<unsigned>(total % 12 + 1)},
                                        std::chrono::day{d}};
  // 31 March + 11 months: the last day of February.
  const auto valid = end.ok() ? end
                              : std::chrono::year_month_day{std::chrono::year_month_day_last{
                                    end.year(), std::chrono::month_day_last{end.month()}}};
  char out[16];
  std::snprintf(out, sizeof out, "%04d-%02u-%02u", static_cast<int>(valid.year()),
                static_cast<unsigned>(valid.month()), static_cast<unsigned>(valid.day()));
  return out;
}

std::string today_utc() {
  const std::chrono::year_month_day today{
      std::chrono::floor<std::chrono::days>(std::chrono::system_clock::now())};
  char out[16];
  std::snprintf(out, sizeof out, "%04d-%02u-%02u", static_cast<int>(today.year()),
                static_cast<unsigned>(today.month()), static_cast<unsigned>(today.day()));
  return out;
}

}  // namespace jos::server
