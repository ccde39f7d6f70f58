#pragma once
// Retention under the AVG: a trajectory is erased a set number of months after its final
// meeting (the server's --retention-months, told to the app in `welcome`). Its final
// meeting is the latest planned date of any of its meetings; one with no date at all, or
// with a meeting in progress, is kept. The app warns a while before.

#include <optional>
#include <string>
#include <string_view>

#include "shared/model.hpp"

namespace jos::shared {

// How many days before the erasure the app warns (and offers the documents to save).
inline constexpr int retention_warning_days = 30;

// The date (yyyy-mm-dd) from which the trajectory may be erased, or nullopt if never yet
// (months 0: never).
std::optional<std::string> erase_after(const trajectory& t, int months);
// That date once `today` (yyyy-mm-dd) is within retention_warning_days of it (or past it).
std::optional<std::string> erasure_warning(const trajectory& t, int months, std::string_view today);

}  // namespace jos::shared
