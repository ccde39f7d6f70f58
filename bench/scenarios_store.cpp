// Scenarios around the store: loading a long history, a reconnect storm across a server
// restart, and the cost of a durable commit.

#include <algorithm>
#include <cstdio>
#include <filesystem>

#include "bench/commit_bench.hpp"
#include "bench/probe.hpp"
#include "bench/scenarios.hpp"

namespace jos::bench {

int run_load(const bench_options& o) {
  const std::uint64_t history = o.history;
  constexpr int loads = 5;
  print_header(o, "load a room with " + std::to_string(history) +
                      " ops of history after a restart (hello -> snapshot)");
  workspace w(o.keep, o.db_dir);

  // 1. Write the history through the server itself, as a meeting would: the coordinator,
  //    the invuller and nine writers typing in their own rows, attendees voting and
  //    toggling presence, everyone as fast as the per-connection rate limit allows.
  auto run = std::make_unique<live_run>();
  run->server = make_server(o, w, target::jos, "history");
  run->server->start();
  fleet_options f;
  f.server = loopback(run->server->port());
  f.seed = o.seed;
  f.history_mode = true;
  run->clients = std::make_unique<fleet>(run->io, f);
  const int writers = 9;
  run->clients->add_room(or_default(o.clients, 21), writers);
  run->clients->add_room(1);  // a small room, opened first after each restart
  if (!run->clients->settle(std::chrono::seconds(60))) {
    std::printf("set-up did not finish:\n%s", run->clients->first_errors().c_str());
    return 1;
  }
  const auto generation_start = std::chrono::steady_clock::now();
  const double cpu_before = run->server->cpu_seconds();
  run->clients->set_rate(0, 50'000);
  const bool written = run->clients->run_until(
      [&] { return run->clients->total_acked() >= history; }, std::chrono::seconds(180));
  run->clients->set_rate(0, 0);
  run->clients->run_until([&] { return run->clients->unacknowledged() == 0; },
                          std::chrono::seconds(10));
  const double generation_seconds = seconds_since(generation_start);
  const double generation_cpu = run->server->cpu_seconds() - cpu_before;
  const std::uint64_t seq = run->clients->room_seq(0);
  const std::string token = run->clients->coordinator_token(0);
  const std::string small_token = run->clients->coordinator_token(1);
  const auto rejects = run->clients->total_rejects();
  run->clients->close_all();
  run->server->stop();
  std::printf(
      "history: %llu ops written in %.1f s (%.0f ops/s, server CPU %.0f us per op), "
      "%llu rejected%s\n\n",
      static_cast<unsigned long long>(seq), generation_seconds,
      static_cast<double>(seq) / generation_seconds,
      generation_cpu * 1e6 / static_cast<double>(std::max<std::uint64_t>(seq, 1)),
      static_cast<unsigned long long>(rejects), written ? "" : " (stopped early)");
  if (!run->clients->first_errors().empty())
    std::printf("first problems:\n%s\n", run->clients->first_errors().c_str());

  // 2. Restart the server on that file and open the room cold, several times. A small
  //    room is opened first so that what is measured is the room's load, not the start of
  //    a fresh process (first use of the seed content, lazy symbol binding, cold caches).
  table t({"run", "hello->welcome ms", "hello->snapshot ms", "snapshot KiB", "seq"});
  std::vector<double> cold;
  hello_timing warm;
  hello_timing first;
  for (int i = 0; i < loads; ++i) {
    run->server->start();
    const auto port = run->server->port();
    const auto f0 = time_hello(port, small_token, "warmup" + std::to_string(i));
    if (i == 0) first = f0;
    const auto c = time_hello(port, token, "probe" + std::to_string(i));
    cold.push_back(c.snapshot_ms);
    t.add({"cold load " + std::to_string(i + 1), fixed(c.welcome_ms, 2), fixed(c.snapshot_ms, 2),
           fixed(c.snapshot_bytes / 1024.0, 1), std::to_string(c.seq)});
    if (i == 0) warm = time_hello(port, token, "probe-warm");
    run->server->stop();
  }
  t.add({"warm (room in memory)", fixed(warm.welcome_ms, 2), fixed(warm.snapshot_ms, 2),
         fixed(warm.snapshot_bytes / 1024.0, 1), std::to_string(warm.seq)});
  t.add({"first hello of a fresh process", fixed(first.welcome_ms, 2), fixed(first.snapshot_ms, 2),
         fixed(first.snapshot_bytes / 1024.0, 1), "(2-op room)"});
  std::printf("%s\n", t.render().c_str());
  std::printf(
      "  (the server keeps a snapshot every 500 ops; a load reads the latest and replays "
      "the %llu ops after it)\n",
      static_cast<unsigned long long>(seq % 500));
  const double m = median(cold);
  std::printf("\ntargets (issue 7):\n");
  print_target("load a room with 50,000 ops of history <= 20 ms",
               "median " + fixed(m, 2) + " ms of " + std::to_string(loads), m <= 20);
  return 0;
}

int run_storm(const bench_options& o) {
  const int rooms = or_default(o.rooms, 300);
  const int clients = or_default(o.clients, 10);
  const double rate = or_default(o.rate, 2.0);
  const double seconds = or_default(o.duration, 3.0);
  const int total = rooms * clients;
  print_header(o, std::to_string(total) + " clients in " + std::to_string(rooms) +
                      " rooms, ops flowing at " + fixed(rate, 0) +
                      "/s per room, server restarted (SIGTERM) under them");
  workspace w(o.keep, o.db_dir);
  fleet_options f;
  f.reconnect = true;
  auto run = open_run(o, w, target::jos, "storm", rooms, clients, f);
  auto& clients_ = *run->clients;
  clients_.keep_acked_log(true);
  clients_.set_rate(rate);
  clients_.run_for(seconds_of(seconds));

  clients_.begin_window();  // receivers' sequence checks span the restart
  const auto reconnected_before = clients_.reconnections();
  const auto stop_start = std::chrono::steady_clock::now();
  const std::uint16_t port = run->server->port();
  run->server->terminate();
  const bool stopped =
      clients_.run_until([&] { return run->server->exited(); }, std::chrono::seconds(30));
  const double down_seconds = seconds_since(stop_start);
  if (!stopped) {
    std::printf("the server did not stop within 30 s\n");
    return 1;
  }
  run->server->start(port);
  const auto restarted = std::chrono::steady_clock::now();
  const double restart_seconds = seconds_since(stop_start);
  const bool resynced = clients_.run_until(
      [&] {
        return clients_.reconnections() - reconnected_before >= static_cast<std::uint64_t>(total) &&
               clients_.ready_members() == clients_.member_count();
      },
      std::chrono::seconds(60));
  const double resync_seconds = seconds_since(restarted);
  clients_.run_for(seconds_of(seconds));
  clients_.set_rate(0);
  clients_.run_until([&] { return clients_.unacknowledged() == 0; }, std::chrono::seconds(15));
  const auto window = clients_.end_window(std::chrono::milliseconds(200));
  const auto never_acked = clients_.unacknowledged();
  const auto acked = clients_.total_acked();
  const auto rejects = clients_.total_rejects();
  const auto acked_log = clients_.acked_log();
  clients_.close_all();
  run->server->stop();
  const auto check = check_store(w.db("storm"), acked_log);

  table t({"clients", "SIGTERM->exit s", "->listening s", "listening->all resynced s", "total s",
           "ops acked", "resent", "never acked", "lost", "doubled", "seq holes",
           "receiver gaps/repeats", "rejected"});
  t.add({std::to_string(total), fixed(down_seconds, 2), fixed(restart_seconds, 2),
         resynced ? fixed(resync_seconds, 2) : "> 60", fixed(restart_seconds + resync_seconds, 2),
         std::to_string(acked), std::to_string(clients_.resent()), std::to_string(never_acked),
         std::to_string(check.lost), std::to_string(check.doubled),
         std::to_string(check.sequence_holes),
         std::to_string(window.gaps) + "/" + std::to_string(window.duplicates),
         std::to_string(rejects)});
  std::printf("%s\n", t.render().c_str());
  if (!clients_.first_errors().empty())
    std::printf("first problems:\n%s\n", clients_.first_errors().c_str());
  std::printf(
      "  clients reconnect like the real one: a first try after 60-250 ms, then doubling "
      "back-off up to 2 s; unacknowledged ops are resent with their client sequence\n");
  std::printf("\ntargets (issue 7):\n");
  print_target("3,000 clients resynced within 10 s of the restart",
               resynced ? fixed(resync_seconds, 2) + " s" : "not all",
               resynced && resync_seconds <= 10);
  print_target("no op lost or doubled",
               std::to_string(check.lost + never_acked) + " lost, " +
                   std::to_string(check.doubled) + " doubled",
               check.lost == 0 && never_acked == 0 && check.doubled == 0 &&
                   check.sequence_holes == 0 && window.gaps == 0 && window.duplicates == 0);
  return 0;
}

int run_commit(const bench_options& o) {
  const double seconds = or_default(o.duration, 2.0);
  print_header(o, "one durable SQLite commit (WAL, synchronous=FULL) through jos's sqlite_store");
  workspace w(o.keep, o.db_dir);
  const std::string directory = std::filesystem::path(w.db("x")).parent_path().string();
  const auto rows = measure_commits(directory, seconds);
  const auto sync = measure_fdatasync(directory, seconds);
  table t({"ops per commit", "commits", "median ms", "p99 ms", "us per op", "durable ops/s"});
  for (const auto& r : rows)
    t.add({std::to_string(r.rows_per_commit), std::to_string(r.commits), fixed(r.median_ms, 3),
           fixed(r.p99_ms, 3), fixed(r.per_row_us, 1),
           fixed(r.rows_per_commit / (r.median_ms / 1000.0), 0)});
  t.add({"bare 4 KiB fdatasync", std::to_string(sync.commits), fixed(sync.median_ms, 3),
         fixed(sync.p99_ms, 3), "", ""});
  std::printf("%s\n", t.render().c_str());
  std::printf(
      "  durable ops/s: with one commit in flight at a time (jos's store thread), what "
      "that group size allows\n");
  std::printf("  the directory is %s (the same file system as the bench's server databases)\n",
              directory.c_str());
  return 0;
}

}  // namespace jos::bench
