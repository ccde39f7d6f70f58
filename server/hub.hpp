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
#include "server/address_limits.hpp"
#include "server/metrics.hpp"
#include "server/room.hpp"
#include "server/store_worker.hpp"

namespace jos::server {

struct hub_options {
  room_options room;
  wrong_code_delay::options wrong_codes;
  std::string creation_code;          // empty: anyone may start a leerlijn
  std::size_t creates_per_hour = 10;  // per client address
};

class hub : public std::enable_shared_from_this<hub> {
 public:
  // Replies are protocol errors (code, Dutch reason) or the success message.
  using created_reply = std::function<void(std::variant<protocol::created, protocol::error>)>;
  using joined_reply = std::function<void(std::variant<protocol::joined, protocol::error>)>;
  struct session_grant {
    std::shared_ptr<jos::server::room> target;
    shared::person_id person = shared::no_person;
    std::string ballot_key;  // see secrets.hpp: this person's anonymous ballots
  };
  using hello_reply = std::function<void(std::variant<session_grant, protocol::error>)>;

  hub(boost::asio::io_context& io, store_worker& store, metrics& m, hub_options options = {});

  void create(protocol::create_trajectory request, std::string address, created_reply reply);
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
  // Retention (hub_retention.cpp): erases every trajectory whose final meeting is more than
  // `months` before `today` (yyyy-mm-dd) and that nobody is in; `done` gets their ids once
  // the erasures are durable.
  void erase_expired(int months, std::string today,
                     std::function<void(std::vector<std::string>)> done);
  // (hub_erasures.cpp) Does again every erasure of a person noted as due and not done: one
  // that failed, or that a crash cut short between the op and the erasure.
  void finish_erasures();
  // Loads (or finds) the room of a trajectory; for tests and admin commands.
  void open_room(std::string id, std::function<void(std::shared_ptr<room>)> done);

 private:
  // Why a trajectory could not be opened here: served by another instance, or unavailable.
  protocol::error not_here(const std::string& id) const;
  // Makes the trajectory, once the operator's rules let the request through (on strand_).
  void start(protocol::create_trajectory request, created_reply reply);
  // The answer to a wrong code, after the delay this address has earned.
  void answer_wrong_code(const std::string& address, joined_reply reply);

  boost::asio::io_context& io_;
  boost::asio::strand<boost::asio::any_io_executor> strand_;
  store_worker& store_;
  metrics& metrics_;
  hub_options options_;
  std::map<std::string, std::shared_ptr<room>> rooms_;
  std::map<std::string, std::vector<std::function<void(std::shared_ptr<room>)>>> loading_;
  wrong_code_delay wrong_codes_;  // on strand_
  per_address_quota creates_;     // on strand_
  std::string location_;
  std::map<std::string, std::string> served_elsewhere_;  // trajectory: the instance's location
};

}  // namespace jos::server
