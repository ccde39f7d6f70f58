#pragma once
// An in-process jos server on a free port with a fresh SQLite file in its own temporary
// directory, and a team of connected clients in one trajectory.

#include <cstdint>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "server/config.hpp"
#include "server/server.hpp"
#include "tests/server/test_client.hpp"

namespace jos::server::test {

// A directory under /tmp, removed with everything in it.
class temp_dir {
 public:
  temp_dir();
  ~temp_dir();
  temp_dir(const temp_dir&) = delete;
  temp_dir& operator=(const temp_dir&) = delete;
  const std::string& path() const { return path_; }
  std::string file(const std::string& name) const { return path_ + "/" + name; }

 private:
  std::string path_;
};

// What the server itself holds for a trajectory.
struct server_state {
  std::uint64_t seq = 0;  // committed
  std::string hash;       // room::state_hash
};

class test_server {
 public:
  // Port 0 and a database in a new temporary directory unless `cfg` says otherwise.
  explicit test_server(config cfg = {});
  ~test_server();
  test_server(const test_server&) = delete;
  test_server& operator=(const test_server&) = delete;

  std::uint16_t port() const { return port_; }
  const config& cfg() const { return cfg_; }
  const std::string& db() const { return cfg_.db; }
  bool running() const { return server_ != nullptr; }

  void stop();     // graceful (server::stop)
  void restart();  // stop, then a new server on the same file and a new free port

  // What the server's sweep does every 30 seconds, now: unloads rooms nobody uses.
  void unload_idle_rooms();
  // The running server's rooms, for what tests do on the server's side (nullptr if stopped).
  std::shared_ptr<hub> rooms();

  std::optional<server_state> state(const std::string& trajectory_id, ms timeout = default_wait);
  // A metric line's value from /metrics, e.g. "jos_send_queue_overflows_total".
  std::optional<double> metric(const std::string& name);

 private:
  temp_dir dir_;
  config cfg_;
  std::unique_ptr<jos::server::server> server_;
  std::uint16_t port_ = 0;
};

struct member {
  std::unique_ptr<test_client> client;
  std::string token;
  std::string client_id;
  shared::person_id person = shared::no_person;
  test_client& operator*() const { return *client; }
  test_client* operator->() const { return client.get(); }
};

struct team {
  std::string trajectory_id;
  std::string join_code;
  std::string coordinator_secret;
  std::vector<member> members;  // [0] created the trajectory and is its coordinator
  member& operator[](std::size_t i) { return members[i]; }
};

// Creates a trajectory as `names[0]` (coordinator) and joins the others with the team
// code; every member says hello and has caught up. Fails the test (ADD_FAILURE) and
// returns what it has on any error.
team make_team(test_server& server, const std::vector<std::string>& names,
               client_options options = {});

// Waits until every member's replica reached the server's committed sequence; true if
// they did and the server did not move meanwhile.
bool settle(test_server& server, team& t, ms timeout = default_wait);

}  // namespace jos::server::test
