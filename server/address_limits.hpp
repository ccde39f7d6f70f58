#pragma once
// What one client address may do, counted per address: a school behind one NAT shares one,
// so nothing here may ever lock out a person who has the right code.

#include <chrono>
#include <cstddef>
#include <deque>
#include <map>
#include <string>

namespace jos::server {

using steady_time = std::chrono::steady_clock::time_point;

// Wrong team or coordinator codes slow down whoever keeps guessing: the first few from an
// address are answered at once, every further one only after a delay that doubles up to a
// ceiling. A right code is checked and answered at once, whatever its address did before.
// (Each connection has one join in flight at a time, so the delay bounds how fast one
// connection can guess.)
class wrong_code_delay {
 public:
  struct options {
    std::size_t free = 10;                      // per address within the window
    std::chrono::milliseconds first{1000};      // the delay after those, then doubling
    std::chrono::milliseconds ceiling{30'000};  // at most this
    std::chrono::seconds window{600};
  };
  explicit wrong_code_delay(options o) : options_(o) {}

  // Records a wrong code from `address`; how long its answer waits.
  std::chrono::milliseconds wrong_code(const std::string& address, steady_time now);
  // Forgets what is older than the window (called now and then, so the map stays small).
  void sweep(steady_time now);

 private:
  options options_;
  std::map<std::string, std::deque<steady_time>> recent_;
};

// At most `limit` attempts per address in a window (e.g. creating a leerlijn).
class per_address_quota {
 public:
  per_address_quota(std::size_t limit, std::chrono::seconds window)
      : limit_(limit), window_(window) {}
  // Counts an attempt; false when the address has used its quota (the attempt is refused).
  bool take(const std::string& address, steady_time now);
  void sweep(steady_time now);

 private:
  std::size_t limit_;
  std::chrono::seconds window_;
  std::map<std::string, std::deque<steady_time>> recent_;
};

}  // namespace jos::server
