#include "client/core/frame_pacing.hpp"

#include <algorithm>

namespace jos::client {

void frame_pacer::changed(double now) {
  settle_left_ = settle_frames;
  lively_until_ = std::max(lively_until_, now + settle_seconds);
}

void frame_pacer::drawn(double now, double still_for) {
  if (settle_left_ > 0) --settle_left_;
  next_change_ = now + std::max(0.0, still_for);
}

double frame_pacer::wait(double now) const {
  if (settle_left_ > 0 || now < lively_until_) return 0;
  return std::max(0.0, next_change_ - now);
}

}  // namespace jos::client
