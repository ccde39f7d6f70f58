#pragma once
// Command-line configuration of jos-server.

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

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
  log_level level = log_level::info;
  int threads = 1;
  std::string port_file;  // write the bound port here (for scripts using --port 0)
  // Limits
  std::size_t max_message_bytes = 64 * 1024;
  std::size_t send_queue_limit = 4096;  // messages
  double rate_per_second = 200;         // messages a client may send, sustained
  double rate_burst = 400;
  int idle_timeout_seconds = 12;  // pings at half of this; a silent peer is dropped
  int handshake_timeout_seconds = 10;
  std::uint64_t snapshot_every = 500;
  std::uint64_t max_catch_up = 2000;  // a client further behind gets a snapshot, not ops
  // Everyone gets an op only once it is durable (not only its sender): slower fan-out, for
  // whoever wants no client ever to see an op that a crash could take back.
  bool broadcast_after_commit = false;
};

struct parse_result {
  std::optional<config> cfg;
  std::string message;  // help text or the error
  bool help = false;
};

parse_result parse_config(const std::vector<std::string>& args);
std::string usage();

}  // namespace jos::server
