#pragma once
// A member streaming reactions while servers are killed under it: the loop the crash tests
// share (durability_test on SQLite, failover_test on PostgreSQL).

#include <atomic>
#include <chrono>
#include <functional>
#include <string>

#include "tests/server/test_client.hpp"

namespace jos::server::test {

// Sends `count` reactions "<id>#<i>" with at most 16 unacknowledged, then waits for every
// acknowledgement; `ensure_connected` brings the connection back whenever it is gone (and
// resends). Adds each acknowledgement to `acked` as it comes. Returns "" or why not all
// were acknowledged before `deadline`.
std::string stream_reactions(test_client& c, const std::string& id, int count,
                             std::chrono::steady_clock::time_point deadline,
                             std::atomic<int>& acked,
                             const std::function<void()>& ensure_connected);

// After the stream: no failure, nothing refused, every one of `count` ops acknowledged.
void expect_streamed(test_client& c, const std::string& failure, int count);

}  // namespace jos::server::test
