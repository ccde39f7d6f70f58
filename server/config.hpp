#pragma once
// Command-line configuration of jos-server.

#include <chrono>
#include <cstddef>
#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "protocol/limits.hpp"
#include "server/log.hpp"

namespace jos::server {

struct config {
  std::string listen = "127.0.0.1";
  std::uint16_t port = 8765;
  std::string db = "jos-data/jos.sqlite";  // or postgresql://… (several instances may share it)
  std::string advertise;  // the URL other instances send clients to; default from listen/port
  std::string tls_cert;   // PEM; with tls_key, the port speaks only TLS (wss://, https://)
  std::string tls_key;
  std::vector<std::string> allowed_origins;  // browsers send Origin; native clients do not
  // Reverse proxies in front of the server (their addresses): only from them are
  // X-Forwarded-For and X-Forwarded-Proto believed.
  std::vector<std::string> trusted_proxies;
  // The browser client (index.html and its files); empty: the one this build made, if any.
  std::string web_dir;
  std::vector<std::string> metrics_from;  // besides loopback, who may read /metrics
  log_level level = log_level::info;
  int threads = 1;
  std::string port_file;  // write the bound port here (for scripts using --port 0)
  // Limits
  std::size_t max_message_bytes = protocol::max_message_bytes;
  std::size_t send_queue_limit = 4096;  // messages
  // Bytes those messages may hold: one snapshot of a full trajectory and then some.
  std::size_t send_queue_bytes_limit = 2 * protocol::max_trajectory_bytes;
  // Connections one client address may hold (0: no cap). A school behind one NAT is one
  // address with 30 laptops, each reconnecting now and then: generous.
  std::size_t max_connections_per_address = protocol::default_connections_per_address;
  double rate_per_second = protocol::default_rate_per_second;  // messages read, sustained
  double rate_burst = protocol::default_rate_burst;
  int idle_timeout_seconds = 12;  // pings at half of this; a silent peer is dropped
  // The kernel's send buffer per WebSocket connection in bytes (0: the kernel tunes it).
  // Small in tests, so that a lagging reader leaves frames half written.
  int socket_send_buffer = 0;
  int handshake_timeout_seconds = 10;
  std::uint64_t snapshot_every = 500;
  std::uint64_t max_catch_up = 2000;  // a client further behind gets a snapshot, not ops
  std::size_t max_trajectory_bytes = protocol::max_trajectory_bytes;  // lower only in tests
  // Everyone gets an op only once it is durable (not only its sender): slower fan-out, for
  // whoever wants no client ever to see an op that a crash could take back.
  bool broadcast_after_commit = false;
  // Guessing codes: per address this many wrong codes are answered at once, then each
  // answer waits, from this delay doubling up to 30 s. A right code never waits.
  std::size_t free_wrong_codes = 10;
  std::chrono::milliseconds wrong_code_delay{1000};
  // Who may start a leerlijn: anyone (empty), or whoever gives this code. Either way at
  // most this many per client address per hour.
  std::string creation_code;
  std::size_t creates_per_hour = 10;
  // AVG: a trajectory is erased this many months after its final meeting (0: never).
  int retention_months = 12;
};

// An admin subcommand (create, list, migrate, backup, check, erase, export,
// restore-coordinator) and
// its options.
struct admin_request {
  std::string name;
  std::string db = "jos-data/jos.sqlite";
  std::string to;                  // backup; migrate: postgresql://…
  std::string from;                // migrate: the SQLite file
  std::string school, youth;       // create
  bool fresh = false;              // create --nieuw
  std::string trajectory, person;  // erase, export, restore-coordinator
  std::string format = "tekst";    // export: json or tekst
};

// Parsed with CLI11 (config.cpp); help and errors in Dutch.
struct parse_result {
  std::optional<config> cfg;           // serve
  std::optional<admin_request> admin;  // or run a subcommand
  std::string message;                 // help text or the error
  bool help = false;
};

parse_result parse_config(const std::vector<std::string>& args);
std::string usage();

}  // namespace jos::server
