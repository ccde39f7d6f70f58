#pragma once
// Today's date on this computer, for the views and for tests that plan around today.

#include <string>

namespace jos::client {

// Today's local date as yyyy-mm-dd.
std::string local_today();

}  // namespace jos::client
