#pragma once
// Retention under the AVG: a trajectory is erased a set number of months after its final
// meeting. Its final meeting is the latest planned date of any of its meetings; one with no
// date at all, or with a meeting in progress, is kept.

#include <optional>
#include <string>

#include "shared/model.hpp"

namespace jos::server {

// The date (yyyy-mm-dd) from which the trajectory may be erased, or nullopt if never yet.
std::optional<std::string> erase_after(const shared::trajectory& t, int months);

// Today as yyyy-mm-dd (UTC).
std::string today_utc();

}  // namespace jos::server
