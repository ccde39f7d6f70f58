#pragma once
// The client's connection to a jos server, whatever carries it (see transport.hpp). While
// wanted it keeps a link up: it reconnects with exponential backoff, gives up on a link
// that does not open in time, starts over at once after the laptop slept, and turns the
// server's frames into decoded messages for the client core.
//
// Single-threaded: it moves only when its owner calls drain() (once per frame, or after
// wait()), so the browser, which has one thread, and the desktop, whose Beast transport
// runs a network thread of its own, run the very same logic.

#include <chrono>
#include <cstdint>
#include <functional>
#include <memory>
#include <optional>
#include <string>
#include <variant>
#include <vector>

#include "client/core/backoff.hpp"
#include "client/core/transport.hpp"
#include "client/core/url.hpp"
#include "protocol/messages.hpp"

namespace jos::client {

// Every connection attempt gets a new link number, so that nothing meant for an old
// connection is taken for the current one.
struct link_up {
  std::uint64_t link = 0;
};
struct link_down {
  std::uint64_t link = 0;
  std::string reason;  // Dutch, for the status bar
};
struct received {
  std::uint64_t link = 0;
  protocol::server_message message;
};
// A frame from the server that this client cannot read.
struct unreadable {
  std::uint64_t link = 0;
  std::string reason;  // Dutch
  bool version_mismatch = false;
};
using net_event = std::variant<link_up, link_down, received, unreadable>;

struct net_options {
  std::string trust_cert_file;            // PEM, trusted in addition to the system store (wss://)
  std::chrono::seconds idle_timeout{10};  // pings at half; a silent server is dropped
  std::chrono::seconds connect_timeout{10};
  std::uint64_t backoff_seed = 0;  // 0: random
  bool own_thread = true;          // see transport_options
};

enum class link_state { offline, connecting, connected };

struct link_status {
  link_state state = link_state::offline;
  bool retrying = false;        // offline but a retry is scheduled
  double retry_in_seconds = 0;  // when retrying
  std::string last_error;       // Dutch; why the last connection ended or failed
};

class net_session {
 public:
  using clock = std::chrono::steady_clock;

  // Without a transport, the platform's own (make_platform_transport).
  explicit net_session(net_options options = {}, std::unique_ptr<transport> carrier = nullptr);
  ~net_session();
  net_session(const net_session&) = delete;
  net_session& operator=(const net_session&) = delete;

  // Connects (or switches) to `url` and keeps the connection up until disconnect().
  void connect(server_url url);
  void disconnect();
  // Skips the wait before the next attempt ("Nu verbinden").
  void retry_now();
  // Drops the current connection and connects again at once (to resynchronise).
  void reconnect();
  // Drops the current connection as if it had failed (`reason`, for the status): the next
  // attempt comes after the backoff.
  void drop_and_retry_later(const std::string& reason);
  // Where the next connection goes, without touching the current one or the backoff.
  void retarget(server_url url) { url_ = std::move(url); }
  // Sends a text frame on `link` if that is still the current connection; otherwise the
  // message is dropped (the caller resends what matters after the next link_up).
  void send(std::uint64_t link, std::string text);

  link_status status() const;
  // What happened since the last call, after running the timers that are due.
  std::vector<net_event> drain();
  // Waits for the transport, at most until the next timer is due. False if nothing came.
  bool wait(std::chrono::milliseconds timeout);
  // When drain() has a timer to run even if nothing arrives (a retry, a connect deadline).
  std::optional<clock::time_point> next_deadline() const;
  // Called (possibly on another thread) whenever the transport queued an event.
  void set_wake(std::function<void()> wake) { transport_->set_wake(std::move(wake)); }

 private:
  void start_link();
  void drop_link(const std::string& reason);
  void on_opened(std::uint64_t link);
  void on_frame(std::uint64_t link, const std::string& text);
  void on_closed(std::uint64_t link, const std::string& reason);
  void run_timers(clock::time_point now);
  void set_status(link_state state, const std::string& error,
                  std::optional<clock::time_point> retry_at);

  net_options options_;
  std::unique_ptr<transport> transport_;
  backoff backoff_;
  std::vector<net_event> events_;
  std::optional<server_url> url_;
  bool wanted_ = false;
  std::uint64_t link_ = 0;   // the current link's number (it may be closed)
  bool link_alive_ = false;  // link_ is connecting or connected
  clock::time_point started_at_;
  std::optional<clock::time_point> retry_at_;
  // Suspend stops the steady clock but not the wall clock: a jump between the two means
  // the laptop slept.
  std::chrono::system_clock::time_point wall_last_;
  clock::time_point steady_last_;
  link_status status_;
};

}  // namespace jos::client
