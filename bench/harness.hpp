#pragma once
// What every scenario shares: options, a scratch directory, starting a server under test
// with a fleet of clients on it, one measurement window as a table row, and the header.

#include <chrono>
#include <cstdint>
#include <memory>
#include <string>
#include <vector>

#include "bench/fleet.hpp"
#include "bench/server_process.hpp"
#include "bench/stats.hpp"

namespace jos::bench {

struct bench_options {
  std::string scenario;
  double duration = -1;  // seconds per measurement (per step); < 0: the scenario's default
  int rooms = -1;        // < 0: the scenario's default
  int clients = -1;      // per room
  double rate = -1;      // ops/s per room
  std::uint64_t history = 50'000;
  std::uint64_t seed = 1;
  std::string server_binary;
  std::string relay_binary;
  int server_cpu = 0;
  int bench_cpu = 1;
  // Scheduling priority of the generator and the servers it starts (they inherit it): on a
  // shared machine this keeps other work off their cores while a run lasts.
  int nice = -10;
  // SCHED_FIFO for the generator and the servers: on a machine busy with other work, the
  // only way to measure the server rather than the scheduler's queue. Opt-in.
  bool realtime = false;
  bool baseline = true;
  bool keep = false;
  // Where the servers' SQLite files go (empty: the scratch directory under /tmp). A tmpfs
  // such as /dev/shm takes the disk's fsync out of the measurement.
  std::string db_dir;
  // Extra flags for jos-server, e.g. --broadcast-after-commit.
  std::vector<std::string> server_flags;
};

// A fresh directory under /tmp, removed afterwards unless kept.
class workspace {
 public:
  // `db_base`: where SQLite files go instead (a directory is made there too).
  workspace(bool keep, const std::string& db_base);
  ~workspace();
  workspace(const workspace&) = delete;
  workspace& operator=(const workspace&) = delete;
  std::string file(const std::string& name) const { return path_ + "/" + name; }
  std::string db(const std::string& name) const { return db_path_ + "/" + name + ".sqlite"; }
  const std::string& path() const { return path_; }

 private:
  std::string path_;
  std::string db_path_;
  bool keep_;
};

std::unique_ptr<server_process> make_server(const bench_options& o, const workspace& w, target kind,
                                            const std::string& name);
tcp::endpoint loopback(std::uint16_t port);

// A server with a fleet on it. Members are destroyed in reverse: clients, server, io.
struct live_run {
  net::io_context io{1};
  std::unique_ptr<server_process> server;
  std::unique_ptr<fleet> clients;
  long rss_start_kib = 0;
  double setup_seconds = 0;
};

// Starts the server, opens `rooms` rooms of `per_room` clients and waits until all are set
// up; throws with the server's log tail when that fails.
std::unique_ptr<live_run> open_run(const bench_options& o, const workspace& w, target kind,
                                   const std::string& name, int rooms, int per_room,
                                   fleet_options tweaks = {});

struct load_figures {
  std::string label;
  summary latency;  // fan-out to the others in the room
  summary focus;
  summary ack;  // the sender's wait for its ack
  double seconds = 0;
  double ops_per_s = 0;
  double deliveries_per_s = 0;
  double messages_per_s = 0;
  double server_cpu_s = 0;
  double cpu_ms_per_kop = 0;
  double cpu_us_per_delivery = 0;
  double peak_rss_mib = 0;
  double rss_per_connection_kib = 0;
  std::uint64_t rejects = 0;
  std::uint64_t disconnects = 0;
  std::uint64_t lost = 0;     // not delivered to someone in time, or a receiver saw a hole/repeat
  double generator_busy = 0;  // share of one core
  bool clean() const { return rejects == 0 && disconnects == 0 && lost == 0; }
};

// Measures one window of `d` on a run whose rate is already set.
// Ops still on their way get up to `drain` to arrive; what has not arrived by then counts
// as missing.
load_figures measure_load(live_run& run, std::chrono::milliseconds d, std::string label,
                          std::chrono::milliseconds drain = std::chrono::seconds(3));
std::vector<std::string> load_header();
std::vector<std::string> load_cells(const load_figures& f, bool focus = false);
std::vector<std::string> ratio_cells(const load_figures& jos, const load_figures& relay);

void print_header(const bench_options& o, const std::string& what);
void print_target(const std::string& target, const std::string& measured, bool met);
// A warning when the generator itself was near a full core.
void warn_if_generator_bound(const std::vector<load_figures>& rows);

std::chrono::milliseconds seconds_of(double s);
double seconds_since(std::chrono::steady_clock::time_point start);
// An option's value, or the scenario's default when it was not given (< 0).
double or_default(double value, double fallback);
int or_default(int value, int fallback);

}  // namespace jos::bench
