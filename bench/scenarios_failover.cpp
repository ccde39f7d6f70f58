// The failover scenario (issue 17): two jos-server instances on one PostgreSQL database. A
// trajectory is made on A (so A serves it); A is killed with SIGKILL; a client that says
// hello to B over and over, as fast as it can, times how long until B welcomes it: B has
// claimed the trajectory as soon as PostgreSQL ended A's session, and loaded it.

#include <algorithm>
#include <chrono>
#include <cstdio>
#include <stdexcept>
#include <thread>

#include "bench/probe.hpp"
#include "bench/scenarios.hpp"
#include "bench/server_process.hpp"
#include "bench/stats.hpp"

namespace jos::bench {
namespace {

// The database the run uses: the last --db among the server flags.
std::string database_of(const bench_options& o) {
  std::string db;
  for (std::size_t i = 0; i + 1 < o.server_flags.size(); ++i)
    if (o.server_flags[i] == "--db") db = o.server_flags[i + 1];
  return db;
}

}  // namespace

int run_failover(const bench_options& o) {
  const std::string db = database_of(o);
  if (db.rfind("postgresql://", 0) != 0 && db.rfind("postgres://", 0) != 0) {
    std::fprintf(stderr,
                 "failover needs a PostgreSQL database: --server-flag --db --server-flag "
                 "postgresql://…\n");
    return 2;
  }
  const int runs = or_default(o.rooms, 9);
  print_header(o, "time until another instance serves a trajectory after kill -9 (PostgreSQL)");
  workspace w(o.keep, o.db_dir);
  std::vector<double> welcome_ms;
  std::vector<double> attempts;
  for (int run = 0; run < runs; ++run) {
    auto a = make_server(o, w, target::jos, "a" + std::to_string(run));
    auto b = make_server(o, w, target::jos, "b" + std::to_string(run));
    a->start();
    b->start();
    const std::string token = create_trajectory_on(a->port());
    const auto killed = std::chrono::steady_clock::now();
    a->kill_now();
    int tries = 0;
    for (;;) {
      ++tries;
      if (hello_welcomed(b->port(), token)) break;
      if (std::chrono::steady_clock::now() - killed > std::chrono::seconds(30))
        throw std::runtime_error("B did not take the trajectory over within 30 s");
      std::this_thread::sleep_for(std::chrono::milliseconds(2));
    }
    welcome_ms.push_back(
        std::chrono::duration<double, std::milli>(std::chrono::steady_clock::now() - killed)
            .count());
    attempts.push_back(tries);
    b->stop();
  }
  table t({"runs", "median ms", "min ms", "max ms", "hellos per run (median)"});
  t.add({std::to_string(runs), fixed(median(welcome_ms), 1),
         fixed(*std::min_element(welcome_ms.begin(), welcome_ms.end()), 1),
         fixed(*std::max_element(welcome_ms.begin(), welcome_ms.end()), 1),
         fixed(median(attempts), 0)});
  std::printf("%s\n", t.render().c_str());
  std::printf(
      "  from SIGKILL of the serving instance to a welcome from the other one; a desktop or "
      "browser client adds its first reconnect wait (0.5 s ± 25 %%) to this\n");
  return 0;
}

}  // namespace jos::bench
