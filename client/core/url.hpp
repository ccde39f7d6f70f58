#pragma once
// The server address as a person types it: "ws://host:port", "wss://host", or just
// "host:port" (plain ws). The WebSocket lives at /ws unless the address names a path.

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

namespace jos::client {

struct server_url {
  bool tls = false;
  std::string host;
  std::uint16_t port = 0;
  std::string target = "/ws";
  // Canonical form, used as the key for what we remember per server.
  std::string text() const;
  bool operator==(const server_url&) const = default;
};

struct url_result {
  std::optional<server_url> url;
  std::string error;  // Dutch, for the start screen
};

url_result parse_server_url(std::string_view text);

}  // namespace jos::client
