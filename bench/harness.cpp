#include "bench/harness.hpp"

#include <sched.h>
#include <sys/resource.h>
#include <sys/utsname.h>
#include <unistd.h>

#include <algorithm>
#include <cerrno>
#include <cstdio>
#include <ctime>
#include <filesystem>
#include <fstream>
#include <iostream>
#include <stdexcept>

namespace jos::bench {

namespace {

std::string make_directory(const std::string& base) {
  std::string pattern = base + "/jos-bench-XXXXXX";
  if (::mkdtemp(pattern.data()) == nullptr)
    throw std::runtime_error("cannot make a directory in " + base);
  return pattern;
}

}  // namespace

workspace::workspace(bool keep, const std::string& db_base)
    : path_(make_directory("/tmp")),
      db_path_(db_base.empty() ? path_ : make_directory(db_base)),
      keep_(keep) {}

workspace::~workspace() {
  if (keep_) {
    std::cerr << "kept: " << path_ << (db_path_ != path_ ? " and " + db_path_ : "") << "\n";
    return;
  }
  std::error_code ec;
  std::filesystem::remove_all(path_, ec);
  if (db_path_ != path_) std::filesystem::remove_all(db_path_, ec);
}

tcp::endpoint loopback(std::uint16_t port) { return {net::ip::make_address("127.0.0.1"), port}; }

std::chrono::milliseconds seconds_of(double s) {
  return std::chrono::milliseconds(static_cast<long long>(s * 1000));
}

double seconds_since(std::chrono::steady_clock::time_point start) {
  return std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
}

double or_default(double value, double fallback) { return value > 0 ? value : fallback; }
int or_default(int value, int fallback) { return value > 0 ? value : fallback; }

std::unique_ptr<server_process> make_server(const bench_options& o, const workspace& w, target kind,
                                            const std::string& name) {
  process_options p;
  p.cpu = o.server_cpu;
  p.port_file = w.file(name + ".port");
  p.log_file = w.file(name + ".log");
  if (kind == target::jos) {
    p.binary = o.server_binary;
    // Thousands of bench clients come from one address.
    p.args = {"--listen", "127.0.0.1", "--log-level", "warn", "--max-connections-per-address", "0",
              // ... and so do their rooms: one create per room (storm: 300).
              "--creates-per-hour", "1000000"};
    // A database among the server flags (PostgreSQL, say) replaces the run's own file: the
    // server takes --db once.
    const bool own_db =
        std::find(o.server_flags.begin(), o.server_flags.end(), "--db") == o.server_flags.end();
    if (own_db) p.args.insert(p.args.end(), {"--db", w.db(name)});
    p.args.insert(p.args.end(), o.server_flags.begin(), o.server_flags.end());
  } else {
    p.binary = o.relay_binary;
  }
  return std::make_unique<server_process>(p);
}

std::unique_ptr<live_run> open_run(const bench_options& o, const workspace& w, target kind,
                                   const std::string& name, int rooms, int per_room,
                                   fleet_options tweaks) {
  auto run = std::make_unique<live_run>();
  run->server = make_server(o, w, kind, name);
  run->server->start();
  run->rss_start_kib = run->server->vm_rss_kib();
  tweaks.kind = kind;
  tweaks.server = loopback(run->server->port());
  tweaks.seed = o.seed;
  run->clients = std::make_unique<fleet>(run->io, tweaks);
  for (int r = 0; r < rooms; ++r) run->clients->add_room(per_room);
  const auto start = std::chrono::steady_clock::now();
  if (!run->clients->settle(std::chrono::seconds(120))) {
    throw std::runtime_error(
        "set-up did not finish: " + std::to_string(run->clients->ready_members()) + " of " +
        std::to_string(run->clients->member_count()) + " clients ready\n" +
        run->clients->first_errors() + run->server->log_tail());
  }
  run->setup_seconds =
      std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
  return run;
}

load_figures measure_load(live_run& run, std::chrono::milliseconds d, std::string label,
                          std::chrono::milliseconds drain) {
  auto& f = *run.clients;
  auto& s = *run.server;
  const double cpu_before = s.cpu_seconds();
  f.begin_window();
  f.run_for(d);
  const double cpu_after = s.cpu_seconds();
  auto w = f.end_window(drain);
  load_figures out;
  out.label = std::move(label);
  out.latency = summarise(w.fanout_us);
  out.focus = summarise(w.focus_us);
  out.ack = summarise(w.ack_us);
  out.seconds = w.seconds;
  out.ops_per_s = static_cast<double>(w.ops_acked) / w.seconds;
  out.deliveries_per_s = static_cast<double>(w.deliveries) / w.seconds;
  out.messages_per_s = static_cast<double>(w.messages) / w.seconds;
  out.server_cpu_s = cpu_after - cpu_before;
  if (w.ops_acked > 0)
    out.cpu_ms_per_kop = out.server_cpu_s * 1e6 / static_cast<double>(w.ops_acked);
  if (w.deliveries > 0)
    out.cpu_us_per_delivery = out.server_cpu_s * 1e6 / static_cast<double>(w.deliveries);
  out.peak_rss_mib = static_cast<double>(s.vm_hwm_kib()) / 1024.0;
  if (f.member_count() > 0)
    out.rss_per_connection_kib = static_cast<double>(s.vm_rss_kib() - run.rss_start_kib) /
                                 static_cast<double>(f.member_count());
  out.rejects = w.rejects;
  out.disconnects = w.disconnects;
  out.lost = w.incomplete + w.gaps + w.duplicates;
  out.generator_busy = w.generator_cpu / w.seconds;
  return out;
}

std::vector<std::string> load_header() {
  return {"run",          "ops",          "p50 ms",       "p99 ms",   "max ms",
          "ack p99 ms",   "acked ops/s",  "deliveries/s", "msgs/s",   "CPU ms/1k ops",
          "CPU us/deliv", "peak RSS MiB", "RSS/conn KiB", "rejected", "disconn",
          "missing",      "gen CPU %"};
}

std::vector<std::string> load_cells(const load_figures& f, bool focus) {
  const summary& l = focus ? f.focus : f.latency;
  return {f.label,
          std::to_string(l.count),
          fixed(l.p50_ms, 3),
          fixed(l.p99_ms, 3),
          fixed(l.max_ms, 2),
          fixed(f.ack.p99_ms, 2),
          fixed(f.ops_per_s, 0),
          fixed(f.deliveries_per_s, 0),
          fixed(f.messages_per_s, 0),
          fixed(f.cpu_ms_per_kop, 1),
          fixed(f.cpu_us_per_delivery, 2),
          fixed(f.peak_rss_mib, 1),
          fixed(f.rss_per_connection_kib, 1),
          std::to_string(f.rejects),
          std::to_string(f.disconnects),
          std::to_string(f.lost),
          fixed(f.generator_busy * 100, 0)};
}

std::vector<std::string> ratio_cells(const load_figures& jos, const load_figures& relay) {
  auto ratio = [](double a, double b) { return b > 0 ? fixed(a / b, 2) + "x" : "-"; };
  return {"  jos/relay",
          "",
          ratio(jos.latency.p50_ms, relay.latency.p50_ms),
          ratio(jos.latency.p99_ms, relay.latency.p99_ms),
          ratio(jos.latency.max_ms, relay.latency.max_ms),
          ratio(jos.ack.p99_ms, relay.ack.p99_ms),
          "",
          "",
          "",
          "",
          ratio(jos.cpu_us_per_delivery, relay.cpu_us_per_delivery),
          ratio(jos.peak_rss_mib, relay.peak_rss_mib),
          "",
          "",
          "",
          "",
          ""};
}

void print_header(const bench_options& o, const std::string& what) {
  char date[64];
  const std::time_t now = std::time(nullptr);
  std::strftime(date, sizeof date, "%Y-%m-%d %H:%M UTC", std::gmtime(&now));
  utsname u{};
  ::uname(&u);
  std::string cpu;
  std::ifstream info("/proc/cpuinfo");
  for (std::string line; std::getline(info, line);)
    if (line.rfind("model name", 0) == 0) {
      cpu = line.substr(line.find(':') + 2);
      break;
    }
  double load[3] = {0, 0, 0};
  ::getloadavg(load, 3);
  std::printf("jos-bench --scenario %s  (%s)\n", o.scenario.c_str(), what.c_str());
  errno = 0;
  const int nice = ::getpriority(PRIO_PROCESS, 0);
  const bool fifo = ::sched_getscheduler(0) == SCHED_FIFO;
  std::printf(
      "%s; %s, %ld cores, Linux %s; server on core %d, generator on core %d, %s; "
      "load average %.2f\n\n",
      date, cpu.c_str(), ::sysconf(_SC_NPROCESSORS_ONLN), u.release, o.server_cpu, o.bench_cpu,
      fifo ? "SCHED_FIFO" : ("nice " + std::to_string(nice)).c_str(), load[0]);
  std::fflush(stdout);
}

void print_target(const std::string& target, const std::string& measured, bool met) {
  std::printf("  %-62s %-28s %s\n", target.c_str(), measured.c_str(), met ? "met" : "MISSED");
}

void warn_if_generator_bound(const std::vector<load_figures>& rows) {
  for (const auto& r : rows)
    if (r.generator_busy > 0.85) {
      std::printf(
          "  note: the generator used %.0f%% of its core in \"%s\": those figures may "
          "be bounded by the generator.\n",
          r.generator_busy * 100, r.label.c_str());
    }
}

}  // namespace jos::bench
