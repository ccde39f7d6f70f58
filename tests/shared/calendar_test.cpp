// ISO dates for planning meetings: validation, formatting and the seed's weeks 1, 3, 9, 17.

#include <gtest/gtest.h>

#include <string>

#include "shared/calendar.hpp"

namespace jos::shared {
namespace {

TEST(Calendar, ParsesRealDates) {
  EXPECT_FALSE(parse_date("1970-01-01").has_value());  // before 2000: not a planning date
  EXPECT_EQ(parse_date("2000-01-01"), 10957L);
  EXPECT_EQ(parse_date("2000-03-01"), 11017L);  // 2000 is a leap year: 31 + 29 days after
  EXPECT_EQ(parse_date("2026-09-07"), 20703L);
  EXPECT_EQ(parse_date("2026-12-31"), 20818L);
  EXPECT_EQ(parse_date("2027-01-01"), 20819L);
}

TEST(Calendar, LeapYears) {
  EXPECT_FALSE(parse_date("2026-02-29").has_value());
  EXPECT_TRUE(parse_date("2028-02-29").has_value());
  EXPECT_FALSE(parse_date("2028-02-30").has_value());
  EXPECT_TRUE(parse_date("2000-02-29").has_value());   // divisible by 400
  EXPECT_FALSE(parse_date("2100-02-29").has_value());  // divisible by 100, not 400
  EXPECT_TRUE(parse_date("2400-02-29").has_value());
  EXPECT_EQ(*parse_date("2028-03-01") - *parse_date("2028-02-28"), 2);
  EXPECT_EQ(*parse_date("2026-03-01") - *parse_date("2026-02-28"), 1);
}

TEST(Calendar, DaysPerMonth) {
  const char* last_days[] = {"2026-01-31", "2026-02-28", "2026-03-31", "2026-04-30",
                             "2026-05-31", "2026-06-30", "2026-07-31", "2026-08-31",
                             "2026-09-30", "2026-10-31", "2026-11-30", "2026-12-31"};
  const char* one_too_far[] = {"2026-01-32", "2026-02-29", "2026-03-32", "2026-04-31",
                               "2026-05-32", "2026-06-31", "2026-07-32", "2026-08-32",
                               "2026-09-31", "2026-10-32", "2026-11-31", "2026-12-32"};
  for (const char* d : last_days) EXPECT_TRUE(parse_date(d).has_value()) << d;
  for (const char* d : one_too_far) EXPECT_FALSE(parse_date(d).has_value()) << d;
}

TEST(Calendar, RejectsGarbage) {
  for (const char* bad :
       {"",           "2026",        "2026-9-7",      "2026-09-7",        "26-09-07",
        "2026/09/07", "2026-09-07 ", " 2026-09-07",   "2026-09-07T10:00", "2026-00-10",
        "2026-13-01", "2026-01-00",  "abcd-ef-gh",    "2026-0a-01",       "2026--9-07",
        "-026-09-07", "+026-09-07",  "2026-09-0\xC3", "07-09-2026",       "9999-99-99"}) {
    EXPECT_FALSE(parse_date(bad).has_value()) << '"' << bad << '"';
  }
}

TEST(Calendar, FormatRoundTrip) {
  const long first = *parse_date("2000-01-01");
  const long last = *parse_date("2040-12-31");
  for (long day = first; day <= last; ++day) {
    const std::string s = format_date(day);
    ASSERT_EQ(s.size(), 10U) << day;
    const auto back = parse_date(s);
    ASSERT_TRUE(back.has_value()) << s;
    ASSERT_EQ(*back, day) << s;
  }
  EXPECT_EQ(format_date(*parse_date("2028-02-29")), "2028-02-29");
  EXPECT_EQ(format_date(0), "1970-01-01");
}

TEST(Calendar, AddDays) {
  EXPECT_EQ(add_days("2026-12-25", 7), "2027-01-01");
  EXPECT_EQ(add_days("2028-02-28", 1), "2028-02-29");
  EXPECT_EQ(add_days("2026-02-28", 1), "2026-03-01");
  EXPECT_EQ(add_days("2026-03-01", -1), "2026-02-28");
  EXPECT_EQ(add_days("2026-09-07", 0), "2026-09-07");
}

TEST(Calendar, PlannedDatesInWeeks1_3_9_17) {
  // Week 1 is the start date itself; week n starts (n - 1) * 7 days later.
  EXPECT_EQ(planned_date("2026-09-07", 0), "2026-09-07");
  EXPECT_EQ(planned_date("2026-09-07", 1), "2026-09-21");
  EXPECT_EQ(planned_date("2026-09-07", 2), "2026-11-02");
  EXPECT_EQ(planned_date("2026-09-07", 3), "2026-12-28");

  // Across a leap day and a year end.
  EXPECT_EQ(planned_date("2027-12-20", 0), "2027-12-20");
  EXPECT_EQ(planned_date("2027-12-20", 1), "2028-01-03");
  EXPECT_EQ(planned_date("2027-12-20", 2), "2028-02-14");
  EXPECT_EQ(planned_date("2027-12-20", 3), "2028-04-10");

  const long start = *parse_date("2026-01-15");
  const int weeks[] = {1, 3, 9, 17};
  for (int i = 0; i < 4; ++i) {
    const auto d = parse_date(planned_date("2026-01-15", i));
    ASSERT_TRUE(d.has_value());
    EXPECT_EQ(*d - start, (weeks[i] - 1) * 7L);
  }
}

// How a date is written in minutes and letters: weekday, day, month, year, in Dutch.
TEST(Calendar, LongDutchDates) {
  EXPECT_EQ(long_dutch_date("2026-12-08"), "dinsdag 8 december 2026");
  EXPECT_EQ(long_dutch_date("2026-09-07"), "maandag 7 september 2026");
  EXPECT_EQ(long_dutch_date("2028-02-29"), "dinsdag 29 februari 2028");
  EXPECT_EQ(long_dutch_date("2027-01-03"), "zondag 3 januari 2027");
  EXPECT_EQ(long_dutch_date("2026-05-02"), "zaterdag 2 mei 2026");
  EXPECT_EQ(long_dutch_date(""), "");
  EXPECT_EQ(long_dutch_date("2026-13-01"), "2026-13-01");
}

TEST(Calendar, TimesOfDay) {
  EXPECT_EQ(parse_time("09:00"), 540);
  EXPECT_EQ(parse_time("23:59"), 1439);
  EXPECT_EQ(parse_time("00:00"), 0);
  for (const char* bad : {"9:00", "24:00", "12:60", "12.30", "", "12:3a", "012:30"})
    EXPECT_FALSE(parse_time(bad).has_value()) << bad;
  EXPECT_EQ(format_time(540 + 150), "11:30");
  EXPECT_EQ(format_time(1439 + 2), "00:01");
}

}  // namespace
}  // namespace jos::shared
