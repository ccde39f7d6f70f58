#pragma once
// How long to wait before the next reconnect: doubling from 0.5 s up to 10 s, with jitter
// so that a room full of laptops does not knock on a restarted server all at once.

#include <chrono>
#include <cstdint>
#include <random>

namespace jos::client {

class backoff {
 public:
  using duration = std::chrono::milliseconds;

  explicit backoff(std::uint64_t seed = std::random_device{}(), duration first = duration(500),
                   duration cap = duration(10'000));

  // The wait before the next attempt; each call doubles the base up to the cap. The result
  // lies within ±25 % of the base and always within [first, cap].
  duration next();
  // A connection was established: start small again.
  void reset() { attempt_ = 0; }
  int attempts() const { return attempt_; }

 private:
  std::mt19937_64 random_;
  duration first_;
  duration cap_;
  int attempt_ = 0;
};

}  // namespace jos::client
