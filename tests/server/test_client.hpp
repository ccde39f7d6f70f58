#pragma once
// A WebSocket client for the server tests: ws:// or wss://, raw text or protocol messages,
// and a replica kept the way a real client keeps one (a snapshot, then the server's ops in
// order). Every wait has a deadline, so a broken server fails a test instead of hanging it.
// Beast stays inside test_client.cpp; tests include only this header.

#include <chrono>
#include <cstdint>
#include <functional>
#include <map>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "protocol/error_code.hpp"
#include "protocol/messages.hpp"
#include "shared/model.hpp"

namespace jos::protocol {
// Tests name a code by its wire name, as the protocol README does.
inline bool operator==(error_code c, std::string_view name) { return name_of(c) == name; }
}  // namespace jos::protocol

namespace jos::server::test {

using namespace std::chrono_literals;
using ms = std::chrono::milliseconds;
inline constexpr ms default_wait = 5s;

struct client_options {
  bool tls = false;    // wss:// (the server's self-signed certificate is not verified)
  std::string origin;  // sent as the Origin header when not empty (a browser's handshake)
  std::string target = "/ws";
  int receive_buffer = 0;  // SO_RCVBUF when > 0: a reader that falls behind fills it quickly
  std::string host;        // the Host header; empty: 127.0.0.1:<port>
  // More handshake headers (what a reverse proxy adds, say X-Forwarded-For).
  std::vector<std::pair<std::string, std::string>> headers;
};

struct http_reply {
  int status = 0;  // 0: no HTTP answer at all (see error)
  std::string body;
  std::string error;
  std::map<std::string, std::string> headers;  // names in lower case
};

// One plain GET (or over TLS) on the server's port.
// `bearer`: a participant token, sent as "Authorization: Bearer …" (the exports).
// `host`: the address to connect to (the server listens there; the connection then comes
// from this machine's address on that network, not from loopback).
http_reply http_get(std::uint16_t port, const std::string& target, bool tls = false,
                    ms timeout = default_wait, const std::string& bearer = {},
                    const std::string& host = "127.0.0.1");

// A TLS 1.2 handshake offering only `ciphers` (OpenSSL's names); empty if it succeeded,
// otherwise why not.
std::string tls12_handshake(std::uint16_t port, const std::string& ciphers);

// Any request, with its headers both ways (names of the answer's headers in lower case).
struct http_answer {
  int status = 0;  // 0: no HTTP answer (see error)
  std::map<std::string, std::string> headers;
  std::string body;  // as sent (still gzipped if so)
  std::string error;
  std::string header(const std::string& lower_name) const {
    auto it = headers.find(lower_name);
    return it == headers.end() ? std::string{} : it->second;
  }
};
http_answer http_request(std::uint16_t port, const std::string& method, const std::string& target,
                         const std::vector<std::pair<std::string, std::string>>& headers = {},
                         ms timeout = default_wait);

// The server's hash of a state (room::state_hash): FNV-1a of encode_state(t, false).
std::string state_hash(const shared::trajectory& t);

// A profile and a partnership for tests that do not care about the details.
protocol::profile profile_of(std::string name, bool youth_work = false);
shared::partnership partners(std::string school = "Het Baken", std::string youth = "JOOT");

class test_client {
 public:
  explicit test_client(std::uint16_t port, client_options options = {});
  ~test_client();
  test_client(const test_client&) = delete;
  test_client& operator=(const test_client&) = delete;

  // TCP (+TLS) and the WebSocket handshake. Empty on success, otherwise why it failed,
  // including the HTTP status and body the server answered instead of upgrading.
  std::string connect(ms timeout = default_wait);
  bool is_open() const { return open_; }
  void set_port(std::uint16_t port) { port_ = port; }
  std::uint16_t port() const { return port_; }
  // Polite close (close frame, wait for the server's); drop() just closes the socket.
  void close(ms timeout = 2s);
  void drop();
  // Why the connection ended (error text, WebSocket close code and reason).
  const std::string& closed_because() const { return closed_because_; }

  bool send_text(const std::string& text, ms timeout = default_wait);
  // A binary frame (the protocol is text only).
  bool send_binary(const std::string& bytes, ms timeout = default_wait);
  bool send(const protocol::client_message& m, ms timeout = default_wait);
  // A WebSocket ping; the server's pong is counted when it is read (pongs()).
  bool ping(ms timeout = default_wait);
  std::size_t pongs() const;

  // Handles what arrives until `done()` holds (true), or the time is up or the connection
  // ended and `done()` still does not hold (false).
  bool wait(const std::function<bool()>& done, ms timeout = default_wait);
  // Handles what has already arrived, without waiting.
  void poll();
  // Waits until the server has closed this connection.
  bool wait_closed(ms timeout = default_wait);

  // The oldest message not taken yet that satisfies `match`; waits for one.
  // Only messages that arrived as number `since` or later (see received()) are considered.
  std::optional<protocol::server_message> take_if(
      const std::function<bool(const protocol::server_message&)>& match, ms timeout = default_wait,
      std::uint64_t since = 0);
  template <typename T>
  std::optional<T> take(std::function<bool(const T&)> match = {}, ms timeout = default_wait) {
    auto m = take_if(
        [&](const protocol::server_message& s) {
          const T* t = std::get_if<T>(&s);
          return t != nullptr && (!match || match(*t));
        },
        timeout);
    if (!m) return std::nullopt;
    return std::get<T>(std::move(*m));
  }
  void clear_inbox() { inbox_.clear(); }
  // How many messages have arrived so far.
  std::uint64_t received() const { return received_; }

  // ---- identity (each returns nullopt with last_error() set on an error message) ----
  std::optional<protocol::created> create(const shared::partnership& p,
                                          const protocol::profile& me);
  std::optional<protocol::joined> join(const std::string& code, const protocol::profile& me);
  // hello, then waits for the whole catch-up (welcome, snapshot or ops, presence). The
  // token and client id are kept for reconnect(); last_seq defaults to the replica's.
  std::optional<protocol::welcome> hello(const std::string& token, const std::string& client_id,
                                         std::optional<std::uint64_t> last_seq = std::nullopt,
                                         ms timeout = default_wait);
  const std::optional<protocol::error>& last_error() const { return last_error_; }
  shared::person_id person() const { return person_; }

  // ---- ops ----
  // Sends an op with the next client_seq; base_seq defaults to the replica's sequence.
  std::uint64_t submit(shared::operation op, std::optional<std::uint64_t> base_seq = std::nullopt);
  // A cast_vote in an anonymous vote, as a ballot outside this client's own sequence.
  std::uint64_t submit_ballot(shared::operation op);
  // Submits a ballot and waits for its ack and its copy in the ops; nullopt on a reject.
  std::optional<std::uint64_t> submit_ballot_acked(shared::operation op, ms timeout = default_wait);
  // Sends exactly this message again (a client resending after a lost connection); the
  // answer it had before is forgotten, so wait_ack waits for the new one.
  bool resend(std::uint64_t client_seq);
  std::optional<std::uint64_t> wait_ack(std::uint64_t client_seq, ms timeout = default_wait);
  std::optional<protocol::reject> wait_reject(std::uint64_t client_seq, ms timeout = default_wait);
  // Submits and waits for the ack and for the op's broadcast; nullopt on a reject or timeout.
  std::optional<std::uint64_t> submit_acked(shared::operation op, ms timeout = default_wait);
  bool wait_seq(std::uint64_t seq, ms timeout = default_wait);
  // Every op sent and not yet acked or rejected.
  const std::map<std::uint64_t, protocol::submit>& pending() const { return pending_; }
  const std::map<std::uint64_t, std::uint64_t>& acks() const { return acks_; }
  const std::map<std::uint64_t, protocol::reject>& rejects() const { return rejects_; }

  // Connects again (to set_port's port), says hello with the same token and client id and
  // the replica's sequence, then resends every op still pending with its own client_seq.
  // Empty on success, else the last failure.
  // A hello answered with "moved" is followed to the instance it names.
  std::string reconnect(ms timeout = default_wait);

  // ---- what arrived ----
  const shared::trajectory& replica() const { return replica_; }
  bool has_replica() const { return has_replica_; }
  std::uint64_t replica_seq() const { return replica_seq_; }
  std::uint64_t epoch() const { return epoch_; }
  std::string replica_hash() const { return state_hash(replica_); }
  // Every op in every `ops` message, in arrival order (duplicates included).
  const std::vector<protocol::sequenced_op>& ops_seen() const { return ops_seen_; }
  // Ops that arrived out of order (not replica_seq + 1) or twice: a server bug.
  const std::vector<std::string>& order_faults() const { return order_faults_; }
  const std::vector<std::string>& raw() const { return raw_; }
  const std::vector<std::string>& undecodable() const { return undecodable_; }
  const std::vector<protocol::error>& errors() const { return errors_; }
  const std::optional<protocol::presence>& presence() const { return presence_; }
  // The codes the server last sent (to a coordinator).
  const std::optional<protocol::codes>& codes() const { return codes_; }
  const std::optional<protocol::person_export>& person_export() const { return export_; }
  std::size_t snapshots_received() const { return snapshots_; }

 private:
  class connection;
  template <typename Stream>
  class stream_connection;

  void on_text(std::string text);
  void on_closed(std::string why);

  std::uint16_t port_;
  client_options options_;
  std::unique_ptr<connection> conn_;
  bool open_ = false;
  std::string closed_because_;

  struct arrival {
    std::uint64_t number = 0;
    protocol::server_message message;
  };
  std::vector<arrival> inbox_;
  std::uint64_t received_ = 0;
  std::vector<std::string> raw_;
  std::vector<std::string> undecodable_;
  std::vector<protocol::error> errors_;
  std::optional<protocol::error> last_error_;
  std::optional<protocol::presence> presence_;
  std::optional<protocol::codes> codes_;
  std::optional<protocol::person_export> export_;
  bool welcomed_ = false;
  bool caught_up_ = false;

  std::string token_;
  std::string client_id_;
  shared::person_id person_ = shared::no_person;
  std::uint64_t next_client_seq_ = 1;
  std::uint64_t next_ballot_seq_ = std::uint64_t{1} << 52;
  std::map<std::uint64_t, protocol::submit> sent_;  // everything ever submitted
  std::map<std::uint64_t, protocol::submit> pending_;
  std::map<std::uint64_t, std::uint64_t> acks_;
  std::map<std::uint64_t, protocol::reject> rejects_;

  shared::trajectory replica_;
  bool has_replica_ = false;
  std::uint64_t replica_seq_ = 0;
  std::uint64_t epoch_ = 0;  // the run of the room replica_seq_ counts in
  std::size_t snapshots_ = 0;
  std::vector<protocol::sequenced_op> ops_seen_;
  std::vector<std::string> order_faults_;
};

// The port of the instance a "moved" error sends the client to.
std::optional<std::uint16_t> moved_to_port(const std::optional<protocol::error>& e);

}  // namespace jos::server::test
