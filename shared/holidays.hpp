#pragma once
// The Dutch school holidays per region (noord, midden, zuid) as the government advises them
// per school year, transcribed into content/schoolvakanties.json (embedded at build time):
// a meeting planned in one finds few teachers at school.

#include <string>
#include <string_view>
#include <vector>

namespace jos::shared {

struct school_holiday {
  std::string name;                  // "herfstvakantie"
  std::vector<std::string> regions;  // "noord", "midden", "zuid"
  std::string from;                  // yyyy-mm-dd, the first day off (a Saturday)
  std::string to;                    // the last day off (a Sunday)
};

const std::vector<school_holiday>& school_holidays();
// The holidays `date` (yyyy-mm-dd) falls in, in any region; none for a date that is not one.
std::vector<const school_holiday*> holidays_on(std::string_view date);
// The school years the data covers ("2025-2026", ...).
std::vector<std::string> holiday_school_years();

}  // namespace jos::shared
