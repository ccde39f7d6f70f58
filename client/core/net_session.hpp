#pragma once
// The client's connection to a jos server. It owns its io_context and thread; every public
// call only posts to that thread. It reconnects by itself with exponential backoff, notices
// a dead link through WebSocket ping timeouts (and after the laptop slept), and hands the
// decoded server messages and connection events to the UI thread through an inbox.

#include <chrono>
#include <cstdint>
#include <functional>
#include <memory>
#include <string>
#include <vector>

#include "client/core/inbox.hpp"
#include "client/core/url.hpp"

namespace jos::client {

struct net_options {
  std::string trust_cert_file;            // PEM, trusted in addition to the system store (wss://)
  std::chrono::seconds idle_timeout{10};  // pings at half; a silent server is dropped
  std::chrono::seconds connect_timeout{10};
  std::uint64_t backoff_seed = 0;  // 0: random
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
  explicit net_session(net_options options = {});
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
  // Sends a text frame on `link` if that is still the current connection; otherwise the
  // message is dropped (the caller resends what matters after the next link_up).
  void send(std::uint64_t link, std::string text);

  link_status status() const;
  std::vector<net_event> drain() { return inbox_.drain(); }
  bool wait(std::chrono::milliseconds timeout) { return inbox_.wait_for(timeout); }
  // Called on the network thread whenever an event was queued.
  void set_wake(std::function<void()> wake) { inbox_.set_wake(std::move(wake)); }

 private:
  struct impl;
  inbox<net_event> inbox_;
  std::unique_ptr<impl> impl_;
};

}  // namespace jos::client
