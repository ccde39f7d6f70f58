// hub::finish_erasures: an erasure of a person (AVG) that did not get done stays due in the
// store until it is. The room erases at once when the op is durable; this round catches
// what that missed, at start and every few minutes.

#include "server/hub.hpp"
#include "server/log.hpp"

namespace jos::server {

void hub::finish_erasures() {
  store_.run([](store& s) {
    try {
      for (const auto& [trajectory_id, person] : s.pending_erasures()) {
        try {
          s.erase_person(trajectory_id, person);
          log_info("room " + trajectory_id + ": an erasure that was still due is done");
        } catch (const std::exception& e) {
          log_warn("room " + trajectory_id + ": an erasure is still due: " + e.what());
        }
      }
    } catch (const std::exception& e) {
      log_warn(std::string("erasures: the store does not say which are due: ") + e.what());
    }
  });
}

}  // namespace jos::server
