// Scenarios with clients live on a running server: fan-out, throughput, growth, a slow
// consumer and idle connections.

#include <cstdio>
#include <stdexcept>

#include "bench/probe.hpp"
#include "bench/scenarios.hpp"

namespace jos::bench {
namespace {

const char* name_of(target kind) { return kind == target::jos ? "jos" : "relay"; }

std::vector<target> targets(const bench_options& o) {
  if (o.baseline) return {target::jos, target::relay};
  return {target::jos};
}

void print_commit_note(const server_counters& c) {
  if (c.commits == 0) return;
  std::printf("  jos group commit: %llu ops in %llu commits (%.1f ops per fsync)\n",
              static_cast<unsigned long long>(c.ops_accepted),
              static_cast<unsigned long long>(c.commits),
              static_cast<double>(c.ops_accepted) / static_cast<double>(c.commits));
}

}  // namespace

int run_fanout(const bench_options& o) {
  const int rooms = or_default(o.rooms, 100);
  const int clients = or_default(o.clients, 10);
  const double rate = or_default(o.rate, 20.0);
  const double seconds = or_default(o.duration, 10.0);
  print_header(o, std::to_string(rooms) + " rooms x " + std::to_string(clients) + " clients, " +
                      fixed(rate, 0) + " ops/s per room, " + fixed(seconds, 0) + " s");
  workspace w(o.keep, o.db_dir);
  table t(load_header());
  std::vector<load_figures> rows;
  server_counters counters;
  for (const auto kind : targets(o)) {
    auto run = open_run(o, w, kind, name_of(kind), rooms, clients);
    run->clients->set_rate(rate);
    run->clients->run_for(std::chrono::seconds(1));  // warm-up, not measured
    rows.push_back(measure_load(*run, seconds_of(seconds), name_of(kind)));
    if (kind == target::jos) counters = read_counters(run->server->port());
    run->clients->close_all();
    run->server->stop();
    t.add(load_cells(rows.back()));
    if (!run->clients->first_errors().empty())
      std::printf("first problems (%s):\n%s", name_of(kind), run->clients->first_errors().c_str());
  }
  if (rows.size() == 2) t.add(ratio_cells(rows[0], rows[1]));
  std::printf("%s\n", t.render().c_str());
  print_commit_note(counters);
  warn_if_generator_bound(rows);
  const auto& j = rows[0];
  std::printf("\ntargets (issue 7):\n");
  print_target("fan-out p99 <= 1.5 ms at 18,000 deliveries/s", fixed(j.latency.p99_ms, 3) + " ms",
               j.latency.p99_ms <= 1.5);
  print_target("zero loss: no rejects, disconnects or missing deliveries",
               std::to_string(j.rejects) + "/" + std::to_string(j.disconnects) + "/" +
                   std::to_string(j.lost),
               j.clean() && j.latency.count > 0);
  print_target("server CPU per delivery <= 6 us", fixed(j.cpu_us_per_delivery, 2) + " us",
               j.cpu_us_per_delivery <= 6);
  if (rows.size() == 2) {
    const double ratio = rows[0].cpu_us_per_delivery / rows[1].cpu_us_per_delivery;
    print_target("CPU per delivery within 1.5x of the bare relay", fixed(ratio, 2) + "x",
                 ratio <= 1.5);
  }
  return 0;
}

int run_throughput(const bench_options& o) {
  const int rooms = or_default(o.rooms, 100);
  const int clients = or_default(o.clients, 10);
  const double seconds = or_default(o.duration, 3.0);
  std::vector<double> steps = {25, 50, 100, 150};
  if (o.rate > 0) steps = {o.rate};
  print_header(o, std::to_string(rooms) + " rooms x " + std::to_string(clients) +
                      " clients, rising op rate, " + fixed(seconds, 0) + " s per step");
  workspace w(o.keep, o.db_dir);
  table t(load_header());
  std::vector<load_figures> jos_rows;
  std::vector<load_figures> relay_rows;
  for (const auto kind : targets(o)) {
    auto run = open_run(o, w, kind, name_of(kind), rooms, clients);
    for (const double rate : steps) {
      run->clients->set_rate(rate);
      run->clients->run_for(std::chrono::milliseconds(500));
      const double offered = rate * rooms * clients;
      // An overloaded step leaves a backlog: give it time to arrive before calling it missing.
      auto row = measure_load(*run, seconds_of(seconds),
                              std::string(name_of(kind)) + " " + fixed(offered / 1000, 0) + "k/s",
                              std::chrono::seconds(15));
      (kind == target::jos ? jos_rows : relay_rows).push_back(row);
      t.add(load_cells(row));
    }
    run->clients->close_all();
    run->server->stop();
    if (!run->clients->first_errors().empty())
      std::printf("first problems (%s):\n%s", name_of(kind), run->clients->first_errors().c_str());
  }
  for (std::size_t i = 0; i < relay_rows.size() && i < jos_rows.size(); ++i) {
    auto cells = ratio_cells(jos_rows[i], relay_rows[i]);
    cells[0] = "  jos/relay " + jos_rows[i].label.substr(4);
    t.add(cells);
  }
  std::printf("%s\n", t.render().c_str());
  std::vector<load_figures> all = jos_rows;
  all.insert(all.end(), relay_rows.begin(), relay_rows.end());
  warn_if_generator_bound(all);
  double best = 0;
  double best_p99 = 0;
  for (const auto& r : jos_rows)
    if (r.latency.p99_ms <= 5 && r.clean() && r.deliveries_per_s > best) {
      best = r.deliveries_per_s;
      best_p99 = r.latency.p99_ms;
    }
  std::printf("\ntargets (issue 7):\n");
  print_target(">= 150,000 deliveries/s sustained with p99 <= 5 ms",
               fixed(best, 0) + "/s (p99 " + fixed(best_p99, 2) + " ms)", best >= 150'000);
  for (std::size_t i = 0; i < relay_rows.size() && i < jos_rows.size(); ++i) {
    const double ratio = jos_rows[i].cpu_us_per_delivery / relay_rows[i].cpu_us_per_delivery;
    print_target("CPU per delivery within 1.5x of the relay at " + jos_rows[i].label.substr(4),
                 fixed(ratio, 2) + "x", ratio <= 1.5);
  }
  return 0;
}

// One room grown step by step on one server; the window at each size is a row.
std::vector<load_figures> grow_one_room(const bench_options& o, const workspace& w, target kind,
                                        const std::vector<int>& sizes, double rate,
                                        double seconds) {
  const std::string name = name_of(kind);
  std::vector<load_figures> rows;
  auto run = open_run(o, w, kind, "growth-" + name, 1, sizes.front());
  int present = sizes.front();
  for (const int size : sizes) {
    if (size > present) {
      run->clients->set_rate(0);
      run->clients->add_members(0, size - present);
      present = size;
      if (!run->clients->settle(std::chrono::seconds(60)))
        throw std::runtime_error("growing to " + std::to_string(size) +
                                 " clients did not finish:\n" + run->clients->first_errors());
    }
    // The joins' presence broadcasts and add_person ops settle before the window opens.
    run->clients->run_for(std::chrono::milliseconds(1000));
    run->clients->set_rate(rate);
    run->clients->run_for(std::chrono::milliseconds(500));
    rows.push_back(
        measure_load(*run, seconds_of(seconds), name + ", " + std::to_string(size) + " clients"));
  }
  run->clients->close_all();
  run->server->stop();
  return rows;
}

int run_growth(const bench_options& o) {
  const double rate = or_default(o.rate, 20.0);
  const double seconds = or_default(o.duration, 5.0);
  const std::vector<int> sizes = {30, 60, 100, 150, 200, 300};
  print_header(o, "one room growing 30 -> 300 clients, " + fixed(rate, 0) + " ops/s, " +
                      fixed(seconds, 0) + " s per step");
  workspace w(o.keep, o.db_dir);
  const auto rows = grow_one_room(o, w, target::jos, sizes, rate, seconds);
  std::vector<load_figures> relay_rows;
  if (o.baseline) relay_rows = grow_one_room(o, w, target::relay, sizes, rate, seconds);
  table t(load_header());
  for (const auto& r : rows) t.add(load_cells(r));
  for (const auto& r : relay_rows) t.add(load_cells(r));
  // Per size: how far jos's tail is from the relay's under the same load.
  for (std::size_t i = 0; i < relay_rows.size(); ++i) {
    auto cells = ratio_cells(rows[i], relay_rows[i]);
    cells[0] = "  jos/relay, " + std::to_string(sizes[i]);
    t.add(cells);
  }
  std::printf("%s\n", t.render().c_str());
  std::vector<load_figures> all = rows;
  all.insert(all.end(), relay_rows.begin(), relay_rows.end());
  warn_if_generator_bound(all);
  double worst = 0;
  double relay_worst = 0;
  bool clean = true;
  for (const auto& r : rows) {
    worst = std::max(worst, r.latency.p99_ms);
    clean = clean && r.clean();
  }
  for (const auto& r : relay_rows) relay_worst = std::max(relay_worst, r.latency.p99_ms);
  std::printf("\ntargets (issue 7):\n");
  print_target("one room 30 -> 300 clients: p99 <= 5 ms at every step",
               "worst p99 " + fixed(worst, 2) + " ms" +
                   (relay_rows.empty() ? "" : " (relay " + fixed(relay_worst, 2) + ")"),
               worst <= 5);
  print_target("zero loss at every step", clean ? "clean" : "see table", clean);
  return 0;
}

int run_slow(const bench_options& o) {
  const int background_rooms = or_default(o.rooms, 49);
  const int busy_clients = or_default(o.clients, 30);
  const double busy_rate = or_default(o.rate, 100.0);
  const double seconds = or_default(o.duration, 10.0);
  print_header(o, "a busy room (" + std::to_string(busy_clients) + " clients, " +
                      fixed(busy_rate, 0) + " ops/s) among " + std::to_string(background_rooms) +
                      " rooms x 10 at 20 ops/s; without and with one client that stops reading");
  workspace w(o.keep, o.db_dir);
  table t(load_header());
  std::vector<load_figures> rows;
  std::uint64_t overflows = 0;
  for (const bool slow : {false, true}) {
    bench_options run_options = o;
    auto run = std::make_unique<live_run>();
    run->server = make_server(o, w, target::jos, slow ? "with-slow" : "without-slow");
    run->server->start();
    run->rss_start_kib = run->server->vm_rss_kib();
    fleet_options f;
    f.server = loopback(run->server->port());
    f.seed = o.seed;
    run->clients = std::make_unique<fleet>(run->io, f);
    const int busy = run->clients->add_room(busy_clients);
    if (slow) run->clients->make_slow(busy);
    for (int r = 0; r < background_rooms; ++r) run->clients->add_room(10);
    if (!run->clients->settle(std::chrono::seconds(120))) {
      std::printf("set-up did not finish:\n%s", run->clients->first_errors().c_str());
      return 1;
    }
    run->clients->set_rate(20);
    run->clients->set_rate(busy, busy_rate);
    run->clients->set_focus_room(busy);
    run->clients->run_for(std::chrono::seconds(1));
    auto row = measure_load(*run, seconds_of(seconds), slow ? "with slow" : "without slow");
    if (slow) overflows = read_counters(run->server->port()).send_queue_overflows;
    run->clients->close_all();
    run->server->stop();
    rows.push_back(row);
    t.add(load_cells(row));
    auto busy_row = row;
    busy_row.label = std::string("  busy room") + (slow ? " (others)" : "");
    t.add(load_cells(busy_row, true));
    if (!run->clients->first_errors().empty())
      std::printf("first problems:\n%s", run->clients->first_errors().c_str());
  }
  std::printf("%s\n", t.render().c_str());
  std::printf("  the slow client was %s by the server's send queue limit during the run\n",
              overflows > 0 ? "cut off" : "not (yet) cut off");
  warn_if_generator_bound(rows);
  const double busy_ratio = rows[1].focus.p99_ms / rows[0].focus.p99_ms;
  const double all_ratio = rows[1].latency.p99_ms / rows[0].latency.p99_ms;
  std::printf("\ntargets (issue 7):\n");
  print_target("a slow consumer leaves others' p99 within 1.5x (its room)",
               fixed(busy_ratio, 2) + "x", busy_ratio <= 1.5);
  print_target("... and within 1.5x over all rooms", fixed(all_ratio, 2) + "x", all_ratio <= 1.5);
  print_target("others lose nothing", std::to_string(rows[1].lost) + " lost",
               rows[1].lost == 0 && rows[1].rejects == 0);
  return 0;
}

int run_idle(const bench_options& o) {
  const int rooms = or_default(o.rooms, 1000);
  const int clients = or_default(o.clients, 10);
  const int connections = rooms * clients;
  const double settle_seconds = or_default(o.duration, 3.0);
  print_header(o, std::to_string(connections) + " idle connections");
  workspace w(o.keep, o.db_dir);
  table t({"run", "connections", "set-up s", "RSS before MiB", "RSS after MiB", "KiB/conn",
           "peak RSS MiB", "disconn"});
  double attached_per_connection = 0;
  double bare_per_connection = 0;
  struct variant {
    std::string label;
    target kind;
    bool handshake_only;
  };
  std::vector<variant> variants = {{"jos, WebSocket only", target::jos, true},
                                   {"jos, in rooms (hello)", target::jos, false}};
  if (o.baseline) variants.push_back({"relay, WebSocket only", target::relay, true});
  for (const auto& v : variants) {
    fleet_options f;
    f.handshake_only = v.handshake_only;
    auto run = open_run(o, w, v.kind,
                        v.kind == target::jos ? (v.handshake_only ? "bare" : "rooms") : "relay",
                        v.handshake_only ? 1 : rooms, v.handshake_only ? connections : clients, f);
    // Let pings and allocator caches settle before reading the resident size.
    run->clients->run_for(seconds_of(settle_seconds));
    const long rss = run->server->vm_rss_kib();
    const double per = static_cast<double>(rss - run->rss_start_kib) / connections;
    if (v.kind == target::jos)
      (v.handshake_only ? bare_per_connection : attached_per_connection) = per;
    t.add({v.label, std::to_string(run->clients->ready_members()), fixed(run->setup_seconds, 1),
           fixed(run->rss_start_kib / 1024.0, 1), fixed(rss / 1024.0, 1), fixed(per, 2),
           fixed(run->server->vm_hwm_kib() / 1024.0, 1),
           std::to_string(run->clients->total_disconnects())});
    run->clients->close_all(std::chrono::seconds(10));
    run->server->stop();
  }
  std::printf("%s\n", t.render().c_str());
  std::printf("\ntargets (issue 7):\n");
  print_target(
      "10,000 idle connections, <= 8 KiB server memory each",
      fixed(bare_per_connection, 2) + " KiB (" + fixed(attached_per_connection, 2) + " in rooms)",
      bare_per_connection <= 8 && attached_per_connection <= 8);
  return 0;
}

}  // namespace jos::bench
