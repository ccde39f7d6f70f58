#pragma once
// Retention under the AVG: a trajectory is erased a set number of months after its final
// meeting. Its final meeting is the latest planned date of any of its meetings; one with no
// date at all, or with a meeting in progress, is kept.

#include <optional>
#include <string>

#include "shared/retention.hpp"

namespace jos::server {

using shared::erase_after;  // shared: the app warns before (shared/retention.hpp)

// Today as yyyy-mm-dd (UTC).
std::string today_utc();

}  // namespace jos::server
