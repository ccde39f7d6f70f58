#pragma once
// ISO dates (yyyy-mm-dd) without a time zone: meetings are planned on days.

#include <optional>
#include <string>
#include <string_view>

namespace jos::shared {

// Days since 1970-01-01, or nullopt if s is not a real date in yyyy-mm-dd form.
std::optional<long> parse_date(std::string_view s);
std::string format_date(long days);
std::string add_days(std::string_view date, long days);  // date must be valid

// "dinsdag 8 december 2026" from "2026-12-08": how a date is written in a letter or in
// minutes. The input unchanged if it is not a date.
std::string long_dutch_date(std::string_view iso);

// Minutes since midnight for "hh:mm" (00:00 to 23:59), or nullopt.
std::optional<int> parse_time(std::string_view s);
std::string format_time(int minutes);  // "09:05"; wraps past midnight

// Planned date of a seed meeting (0..3) for a trajectory starting on start_date.
std::string planned_date(std::string_view start_date, int template_index);

}  // namespace jos::shared
