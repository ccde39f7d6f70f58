#pragma once
// The server's "ops" message, built by hand around op elements that are encoded once and
// shared by every recipient. A connection with several of them waiting merges them into
// one message, so one WebSocket frame and one write carry them all.

#include <cstddef>
#include <string>
#include <string_view>

#include "protocol/limits.hpp"

namespace jos::server {

inline const std::string& ops_head() {
  static const std::string head =
      R"({"v":)" + std::to_string(protocol::protocol_version) + R"(,"type":"ops","ops":[)";
  return head;
}
inline constexpr std::string_view ops_tail = "]}";

// `elements`: comma-separated op elements.
inline std::string ops_message(std::string_view elements) {
  std::string out;
  out.reserve(ops_head().size() + elements.size() + ops_tail.size());
  out += ops_head();
  out += elements;
  out += ops_tail;
  return out;
}

inline bool is_ops_message(std::string_view message) {
  return message.size() >= ops_head().size() + ops_tail.size() && message.starts_with(ops_head()) &&
         message.ends_with(ops_tail);
}

// The elements of an ops message (is_ops_message must hold).
inline std::string_view ops_elements(std::string_view message) {
  return message.substr(ops_head().size(), message.size() - ops_head().size() - ops_tail.size());
}

}  // namespace jos::server
