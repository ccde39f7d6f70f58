// The school holidays as data: well-formed periods for every region and school year, and the
// question a planner asks of them.
#include <gtest/gtest.h>

#include <map>
#include <set>

#include "shared/calendar.hpp"
#include "shared/holidays.hpp"

namespace {

using namespace jos::shared;

long weekday(const std::string& date) { return ((*parse_date(date) % 7) + 7 + 3) % 7; }  // 0: ma

TEST(SchoolHolidays, EveryRegionHasEveryHolidayOfEachSchoolYearFromSaturdayToSunday) {
  const auto years = holiday_school_years();
  ASSERT_TRUE(std::find(years.begin(), years.end(), "2025-2026") != years.end());
  ASSERT_TRUE(std::find(years.begin(), years.end(), "2026-2027") != years.end());
  std::map<std::string, std::set<std::string>> per_region;  // region -> "name start-year"
  for (const auto& h : school_holidays()) {
    SCOPED_TRACE(h.name + " " + h.from);
    EXPECT_EQ(weekday(h.from), 5) << "starts on a Saturday";
    EXPECT_EQ(weekday(h.to), 6) << "ends on a Sunday";
    const long days = *parse_date(h.to) - *parse_date(h.from) + 1;
    EXPECT_GE(days, 9);
    EXPECT_LE(days, h.name == "zomervakantie" ? 44 : 16);
    for (const auto& r : h.regions) {
      EXPECT_TRUE(r == "noord" || r == "midden" || r == "zuid") << r;
      // A school year's holidays fall between August and August.
      const int year = std::stoi(h.from.substr(0, 4)) - (h.from.substr(5, 2) < "08" ? 1 : 0);
      per_region[r].insert(h.name + " " + std::to_string(year));
    }
  }
  for (const char* region : {"noord", "midden", "zuid"})
    for (const char* name :
         {"herfstvakantie", "kerstvakantie", "voorjaarsvakantie", "meivakantie", "zomervakantie"})
      for (const char* year : {"2025", "2026"})
        EXPECT_TRUE(per_region[region].contains(std::string(name) + " " + year))
            << region << " " << name << " " << year;
}

TEST(SchoolHolidays, ADateFindsTheHolidaysItFallsIn) {
  const auto autumn = holidays_on("2026-10-20");
  ASSERT_EQ(autumn.size(), 1u);
  EXPECT_EQ(autumn[0]->name, "herfstvakantie");
  EXPECT_EQ(autumn[0]->regions, (std::vector<std::string>{"midden", "zuid"}));
  const auto christmas = holidays_on("2026-12-28");
  ASSERT_EQ(christmas.size(), 1u);
  EXPECT_EQ(christmas[0]->regions.size(), 3u);
  EXPECT_TRUE(holidays_on("2026-09-07").empty());
  EXPECT_TRUE(holidays_on("2026-10-26").empty()) << "the Monday after";
  EXPECT_TRUE(holidays_on("geen datum").empty());
}

}  // namespace
