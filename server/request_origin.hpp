#pragma once
// Who is asking, as far as a request can tell: the client's own address when a trusted
// reverse proxy (one that terminates TLS in front of jos-server) forwards it, the scheme
// the browser used, and whether a browser page of that Origin may open a session.

#include <string>
#include <string_view>
#include <vector>

namespace jos::server {

struct request_facts {
  std::string peer;                  // the TCP peer's address
  bool tls = false;                  // the connection to us is TLS
  std::string_view host;             // Host header
  std::string_view origin;           // Origin header ("" when absent)
  std::string_view forwarded_for;    // X-Forwarded-For
  std::string_view forwarded_proto;  // X-Forwarded-Proto
  // The server listens on a loopback address: its pages can only have been loaded under a
  // loopback name (a page of another name is a DNS-rebinding trick).
  bool loopback_only = false;
};

// The client's address: the peer's, or, when the peer is a trusted proxy, the nearest
// address in X-Forwarded-For that is not one (each proxy appends the address it saw, so
// only what trusted proxies appended can be believed).
std::string client_address(const request_facts& r, const std::vector<std::string>& trusted);

// The scheme the browser used: https behind a trusted proxy that says so, else ours.
std::string request_scheme(const request_facts& r, const std::vector<std::string>& trusted);

// A handshake without Origin (native clients) may always; a browser's only from a page of
// this very server (its Origin is the scheme and Host it asked) or of an allowed Origin.
bool origin_allowed(const request_facts& r, const std::vector<std::string>& allowed,
                    const std::vector<std::string>& trusted);

}  // namespace jos::server
