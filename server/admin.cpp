#include "server/admin.hpp"

#include <boost/asio/executor_work_guard.hpp>
#include <boost/asio/io_context.hpp>
#include <filesystem>
#include <functional>
#include <memory>
#include <stdexcept>

#include "server/database_lock.hpp"
#include "server/hub.hpp"
#include "server/sqlite_store.hpp"
#include "server/store_worker.hpp"

namespace jos::server {
namespace {

namespace net = boost::asio;

// Loads the trajectory's room from `db` and hands it to `use`, which calls `finished` once
// it is done; returns then, with everything committed durable. False: no such trajectory.
bool with_room(const std::string& db, const std::string& trajectory_id,
               const std::function<void(std::shared_ptr<room>, std::function<void()>)>& use) {
  if (!std::filesystem::exists(db)) throw std::runtime_error("database " + db + " bestaat niet");
  const database_lock lock(db);
  net::io_context io;
  auto work = net::make_work_guard(io);
  metrics stats;
  store_worker store(std::make_unique<sqlite_store>(db), stats);
  auto rooms = std::make_shared<hub>(io, store, stats);
  bool found = false;
  rooms->open_room(trajectory_id, [&](std::shared_ptr<room> r) {
    if (!r) return work.reset();
    found = true;
    use(std::move(r), [&] { work.reset(); });
  });
  io.run();
  store.stop();  // every commit queued is written before this returns
  return found;
}

}  // namespace

std::optional<std::vector<shared::person>> team_of(const std::string& db,
                                                   const std::string& trajectory_id) {
  std::vector<shared::person> team;
  const bool found = with_room(db, trajectory_id, [&](auto r, auto finished) {
    r->read_state([&, finished](shared::trajectory t) {
      team = std::move(t.team);
      finished();
    });
  });
  if (!found) return std::nullopt;
  return team;
}

restored_coordinator restore_coordinator(const std::string& db, const std::string& trajectory_id,
                                         shared::person_id person) {
  restored_coordinator out;
  const bool found = with_room(db, trajectory_id, [&](auto r, auto finished) {
    r->restore_coordinator(person, [&, finished](std::string error, protocol::codes codes) {
      out = {std::move(error), std::move(codes)};
      finished();
    });
  });
  if (!found) out.error = "Er is geen leerlijn " + trajectory_id + " in " + db + ".";
  return out;
}

}  // namespace jos::server
