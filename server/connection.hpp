#pragma once
// A client connection as rooms and the hub see it: something to send messages to.

#include <memory>
#include <string>

#include "protocol/error_code.hpp"

namespace jos::server {

class connection {
 public:
  virtual ~connection() = default;
  // Thread-safe; never blocks. A connection whose queue is full cuts itself off.
  virtual void send(std::shared_ptr<const std::string> message) = 0;
  // Sends an error message with this reason, then closes.
  virtual void close(protocol::error_code code, std::string reason) = 0;
};

using connection_ptr = std::shared_ptr<connection>;

}  // namespace jos::server
