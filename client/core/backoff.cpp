#include "client/core/backoff.hpp"

#include <algorithm>

namespace jos::client {

backoff::backoff(std::uint64_t seed, duration first, duration cap)
    : random_(seed), first_(first), cap_(cap) {}

backoff::duration backoff::next() {
  // 2^attempt × first, without overflowing for a server that stays away for days.
  const int shift = std::min(attempt_, 20);
  const auto base = std::min<std::int64_t>(first_.count() << shift, cap_.count());
  if (attempt_ < 20) ++attempt_;
  // ±25 % around the base, kept within [first, cap]: spread out, never faster than the
  // first retry and never slower than the cap.
  std::uniform_int_distribution<std::int64_t> pick(base * 3 / 4, base * 5 / 4);
  return duration(std::clamp<std::int64_t>(pick(random_), first_.count(), cap_.count()));
}

}  // namespace jos::client
