// hub::erase_expired: retention, next to the rooms it has to close first.

#include "server/hub.hpp"
#include "server/log.hpp"
#include "server/retention.hpp"
#include "server/stored_state.hpp"

namespace jos::server {

namespace net = boost::asio;

void hub::erase_expired(int months, std::string today,
                        std::function<void(std::vector<std::string>)> done) {
  store_.run([self = shared_from_this(), months, today = std::move(today),
              done = std::move(done)](store& s) mutable {
    std::vector<std::string> expired;
    for (const auto& record : s.trajectories()) {
      try {
        const auto data = s.load_room(record.id);
        const auto after = data ? erase_after(stored_state(*data), months) : std::nullopt;
        if (after && *after <= today) expired.push_back(record.id);
      } catch (const std::exception& e) {
        log_warn(std::string("retention: a trajectory does not load: ") + e.what());
      }
    }
    net::post(self->strand_, [self, expired = std::move(expired), done = std::move(done)] {
      auto erased = std::make_shared<std::vector<std::string>>();
      auto remaining = std::make_shared<std::size_t>(expired.size());
      // On the hub's strand. A room being loaded is in use after all: it stays this round.
      auto decide = [self, erased, remaining, done](const std::string& id, bool go) {
        // Counted once done: on a shared database another instance may be serving it, and
        // then the store refuses (it goes when that instance's own round comes).
        if (go && !self->loading_.count(id))
          self->store_.run([id, erased](store& st) {
            st.erase_trajectory(id);
            erased->push_back(id);
          });
        if (--*remaining == 0) {
          self->store_.run([erased, done](store&) {
            if (!erased->empty())
              log_info("retention: " + std::to_string(erased->size()) + " leerlijn(en) gewist");
            done(*erased);
          });
        }
      };
      if (expired.empty()) return done({});
      for (const auto& id : expired) {
        auto it = self->rooms_.find(id);
        if (it == self->rooms_.end()) {
          decide(id, true);
          continue;
        }
        // Loaded: only once nobody is in it (it closes), else next round.
        auto r = it->second;
        r->try_close([self, id, r, decide](bool closed) {
          net::post(self->strand_, [self, id, r, closed, decide] {
            auto at = self->rooms_.find(id);
            if (closed && at != self->rooms_.end() && at->second == r) {
              self->rooms_.erase(at);
              --self->metrics_.rooms;
            }
            decide(id, closed);
          });
        });
      }
    });
  });
}

}  // namespace jos::server
