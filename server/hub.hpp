#pragma once
// The rooms of all trajectories and the identity around them: creating a leerlijn, joining
// with a team code, and opening a session with a participant token.

#include <boost/asio/any_io_executor.hpp>
#include <boost/asio/io_context.hpp>
#include <boost/asio/strand.hpp>
#include <chrono>
#include <functional>
#include <map>
#include <memory>
#include <string>
#include <variant>
#include <vector>

#include "protocol/messages.hpp"
#include "server/metrics.hpp"
#include "server/room.hpp"
#include "server/store_worker.hpp"

namespace jos::server {

struct hub_options {
  room_options room;
  int max_join_failures = 10;  // per address within the window
  std::chrono::seconds join_failure_window{600};
};

class hub : public std::enable_shared_from_this<hub> {
 public:
  // Replies are protocol errors (code, Dutch reason) or the success message.
  using created_reply = std::function<void(std::variant<protocol::created, protocol::error>)>;
  using joined_reply = std::function<void(std::variant<protocol::joined, protocol::error>)>;
  struct session_grant {
    std::shared_ptr<jos::server::room> target;
    shared::person_id person = shared::no_person;
  };
  using hello_reply = std::function<void(std::variant<session_grant, protocol::error>)>;

  hub(boost::asio::io_context& io, store_worker& store, metrics& m, hub_options options = {});

  void create(protocol::create_trajectory request, created_reply reply);
  void join(protocol::join_trajectory request, std::string address, joined_reply reply);
  void hello(protocol::hello request, hello_reply reply);

  // The state of the trajectory a participant token belongs to (exports are for members).
  using state_reply = std::function<void(std::variant<shared::trajectory, protocol::error>)>;
  void member_state(std::string token, state_reply reply);

  // Where clients reach this instance (ws:// or wss:// URL), for other instances on the same
  // database to send them here; set before the server starts.
  void set_location(std::string location);

  // Unloads rooms nobody uses; called periodically.
  void unload_idle();
  // Loads (or finds) the room of a trajectory; for tests and admin commands.
  void open_room(std::string id, std::function<void(std::shared_ptr<room>)> done);

 private:
  // Why a trajectory could not be opened here: served by another instance, or unavailable.
  protocol::error not_here(const std::string& id) const;
  bool too_many_failures(const std::string& address);
  void record_failure(const std::string& address);

  boost::asio::io_context& io_;
  boost::asio::strand<boost::asio::any_io_executor> strand_;
  store_worker& store_;
  metrics& metrics_;
  hub_options options_;
  std::map<std::string, std::shared_ptr<room>> rooms_;
  std::map<std::string, std::vector<std::function<void(std::shared_ptr<room>)>>> loading_;
  std::map<std::string, std::vector<std::chrono::steady_clock::time_point>> join_failures_;
  std::string location_;
  std::map<std::string, std::string> served_elsewhere_;  // trajectory: the instance's location
};

}  // namespace jos::server
