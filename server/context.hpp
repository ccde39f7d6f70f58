#pragma once
// What every connection of a running server shares.

#include <boost/asio/thread_pool.hpp>
#include <memory>
#include <mutex>
#include <set>

#include "server/config.hpp"
#include "server/connection.hpp"
#include "server/descriptors.hpp"
#include "server/hub.hpp"
#include "server/metrics.hpp"
#include "server/web_client.hpp"

namespace jos::server {

// Live connections, so that a shutdown can tell each one the server restarts.
class connection_registry {
 public:
  void add(const std::shared_ptr<connection>& c) {
    std::lock_guard lock(mutex_);
    live_.insert(c);
  }
  void remove(const std::shared_ptr<connection>& c) {
    std::lock_guard lock(mutex_);
    live_.erase(c);
  }
  std::vector<std::shared_ptr<connection>> all() {
    std::lock_guard lock(mutex_);
    std::vector<std::shared_ptr<connection>> out;
    for (const auto& w : live_)
      if (auto c = w.lock()) out.push_back(std::move(c));
    return out;
  }

 private:
  std::mutex mutex_;
  std::set<std::weak_ptr<connection>, std::owner_less<std::weak_ptr<connection>>> live_;
};

struct server_context {
  server_context(config c, metrics& m, std::shared_ptr<hub> h)
      : cfg(std::move(c)),
        stats(m),
        rooms(std::move(h)),
        addresses(cfg.max_connections_per_address) {}
  config cfg;
  metrics& stats;
  std::shared_ptr<hub> rooms;
  connection_registry connections;
  // The browser client served at /; read once at the start.
  web_client web;
  address_slots addresses;
  // Exports (PDF layout takes tens of milliseconds) run here, not on a network thread.
  boost::asio::thread_pool exports{1};
};

}  // namespace jos::server
