#pragma once
// File descriptors, which every connection holds one of: how many the process may open, and
// how many one client address may take.

#include <boost/system/error_code.hpp>
#include <cstddef>
#include <cstdint>
#include <memory>
#include <string>

namespace jos::server {

// Raises the soft limit on open files to the hard limit (distributions start processes at
// 1,024 while allowing far more); returns the limit now in force.
std::uint64_t raise_descriptor_limit();

// Whether an accept failed for want of descriptors or kernel memory: then the listener
// waits a moment instead of trying again at once, which would only spin.
bool out_of_descriptors(const boost::system::error_code& ec);

// Connections per client address, so that one address cannot take every descriptor. A
// school behind one NAT shows up as one address, so the cap must be generous.
class address_slots {
 public:
  explicit address_slots(std::size_t per_address);  // 0: no cap

  // A slot for one connection from `address`, released when the last copy goes; null when
  // that address holds all its slots already.
  std::shared_ptr<void> take(const std::string& address);

 private:
  struct counts;
  std::shared_ptr<counts> counts_;
};

}  // namespace jos::server
