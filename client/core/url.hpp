#pragma once
// The server address as a person types it: "ws://host:port", "wss://host", or just
// "host:port" (plain ws). The WebSocket lives at /ws unless the address names a path.
// Also the stricter check of an address a server sends us to.

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

// Where a server's `moved` may send a client whose link goes to `here`: only to a plain
// ws:// or wss:// URL, and never from wss:// to ws://, where the token in the hello would
// travel unencrypted. Otherwise `error` is the Dutch notice saying we did not go there.
url_result moved_target(std::string_view location, const server_url& here);

}  // namespace jos::client
