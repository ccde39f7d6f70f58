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

// Planned date of a seed meeting (0..3) for a trajectory starting on start_date.
std::string planned_date(std::string_view start_date, int template_index);

}  // namespace jos::shared
