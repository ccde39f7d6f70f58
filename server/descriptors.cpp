#include "server/descriptors.hpp"

#include <sys/resource.h>

#include <map>
#include <mutex>

namespace jos::server {

std::uint64_t raise_descriptor_limit() {
  rlimit limit{};
  if (getrlimit(RLIMIT_NOFILE, &limit) != 0) return 0;
  if (limit.rlim_cur < limit.rlim_max) {
    rlimit raised = limit;
    raised.rlim_cur = limit.rlim_max;
    if (setrlimit(RLIMIT_NOFILE, &raised) == 0) limit = raised;
  }
  return limit.rlim_cur;
}

bool out_of_descriptors(const boost::system::error_code& ec) {
  using errc = boost::system::errc::errc_t;
  return ec == errc::too_many_files_open || ec == errc::too_many_files_open_in_system ||
         ec == errc::no_buffer_space || ec == errc::not_enough_memory;
}

struct address_slots::counts {
  std::size_t per_address = 0;
  std::mutex mutex;
  std::map<std::string, std::size_t, std::less<>> taken;
};

address_slots::address_slots(std::size_t per_address) : counts_(std::make_shared<counts>()) {
  counts_->per_address = per_address;
}

std::shared_ptr<void> address_slots::take(const std::string& address) {
  {
    std::lock_guard lock(counts_->mutex);
    std::size_t& n = counts_->taken[address];
    if (counts_->per_address != 0 && n >= counts_->per_address) return nullptr;
    ++n;
  }
  // Points at the counts only to be non-null: what matters is its release.
  return std::shared_ptr<void>(counts_.get(), [counts = counts_, address](void*) {
    std::lock_guard lock(counts->mutex);
    auto it = counts->taken.find(address);
    if (it != counts->taken.end() && --it->second == 0) counts->taken.erase(it);
  });
}

}  // namespace jos::server
