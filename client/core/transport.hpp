#pragma once
// What the client core needs from a WebSocket, whatever carries it: open one connection
// (a "link") to a server, send and receive text frames on it, close it, and learn when it
// opened or ended. The desktop uses Boost.Beast on a network thread (beast_transport), the
// browser its own WebSocket on the page's only thread (browser_transport). Everything
// above this line — reconnecting, backoff, resending, epochs — is the same code on both
// (net_session, client_core).
//
// A transport never retries by itself and never decodes: it reports, and net_session
// decides. Events are collected until drain(); a transport that runs on another thread
// calls the wake function when it queued one.

#include <chrono>
#include <cstdint>
#include <functional>
#include <memory>
#include <string>
#include <variant>
#include <vector>

#include "client/core/url.hpp"

namespace jos::client {

struct transport_opened {
  std::uint64_t link = 0;
};
struct transport_frame {
  std::uint64_t link = 0;
  std::string text;
};
// The link failed to open or ended. Not reported for a link the caller closed itself.
struct transport_closed {
  std::uint64_t link = 0;
  std::string reason;  // Dutch, for the status bar
};
using transport_event = std::variant<transport_opened, transport_frame, transport_closed>;

class transport {
 public:
  virtual ~transport() = default;

  // Starts connecting a new link (numbers only grow). Any link still open is closed first.
  virtual void open(std::uint64_t link, const server_url& url) = 0;
  // Sends a text frame if `link` is open; otherwise drops it.
  virtual void send(std::uint64_t link, std::string text) = 0;
  // Closes `link` (with a close frame where possible); no event reports it.
  virtual void close(std::uint64_t link) = 0;

  virtual std::vector<transport_event> drain() = 0;
  // Waits until an event is queued or the time is up. A transport without threads of its
  // own (the browser's) cannot block and returns at once.
  virtual bool wait(std::chrono::milliseconds timeout) = 0;
  // Called whenever an event was queued (possibly on another thread).
  virtual void set_wake(std::function<void()> wake) = 0;
  // Why no link can work as configured (e.g. an unreadable certificate file); empty if fine.
  virtual std::string setup_problem() const { return {}; }
};

struct transport_options {
  std::string trust_cert_file;            // PEM, trusted in addition to the system store (wss://)
  std::chrono::seconds idle_timeout{10};  // pings at half; a silent server is dropped
  std::chrono::seconds connect_timeout{10};
  // Do the I/O on a thread of the transport's own; false: only inside drain() and wait(),
  // on the thread that drives the core (the browser's transport always works that way).
  bool own_thread = true;
};

// The transport of this platform: Beast on the desktop, the browser's WebSocket in the web
// build (each platform links exactly one definition).
std::unique_ptr<transport> make_platform_transport(const transport_options& options);

}  // namespace jos::client
