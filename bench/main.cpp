// jos-bench: the load generator and benchmark harness of jos (issue 7). Starts the server
// under test as a child process pinned to one core, runs thousands of light WebSocket
// clients on one thread pinned to another, and prints one table per scenario.
// bench/README.md explains the scenarios and the latest figures.

#include <sched.h>
#include <sys/resource.h>

#include <cstdio>
#include <iostream>
#include <map>
#include <string>
#include <vector>

#include "bench/scenarios.hpp"
#include "bench/wire.hpp"
#include "protocol/codec.hpp"

namespace {

using namespace jos::bench;

const char* usage = R"(jos-bench: meet de jos-server onder belasting

Gebruik: jos-bench --scenario NAAM [opties]

Scenario's:
  fanout      100 kamers x 10 clients, 20 ops/s per kamer: fan-out-latentie, CPU, geheugen;
              met de kale relay als vergelijking
  throughput  100 x 10 met oplopend tempo, richting 150.000 afleveringen/s (ook de relay)
  idle        10.000 stille verbindingen: servergeheugen per verbinding
  growth      één kamer groeit van 30 naar 300 clients: p99 per stap
  load        een kamer met 50.000 ops geschiedenis laden na een herstart
  storm       3.000 clients, server herstart: tijd tot iedereen weer bij is, niets kwijt/dubbel
  slow        een client die stopt met lezen in een drukke kamer: p99 van de anderen
  commit      kosten van één duurzame SQLite-commit (WAL, FULL) en groepscommits
  failover    twee servers op één PostgreSQL (--server-flag --db --server-flag
              postgresql://…): tijd tot de tweede een leerlijn bedient na kill -9 van de
              eerste (mediaan van --rooms runs, standaard 9)
  client      een jos-client-venster (Xvfb) opent een vergadering met 10.000 ops
              geschiedenis: tijd tot beeld, CPU per beeld, CPU in rust

Opties:
  --duration S     seconden per meting (of per stap); standaard per scenario
  --rooms N        aantal kamers        --clients N   clients per kamer
  --rate R         ops/s per kamer      --history N   ops geschiedenis (load; 50000)
  --seed N         toevalszaad (1)      --no-baseline zonder de relay
  --server PATH    jos-server           --relay PATH  jos-bench-relay
  --server-cpu N   kern voor de server (0)   --bench-cpu N  kern voor de generator (1)
  --nice N         prioriteit van generator en servers (-10; alleen root mag negatief)
  --realtime       SCHED_FIFO voor generator en servers (root; op een drukke machine)
  --db-dir DIR     SQLite-bestanden hier in plaats van /tmp (bv. /dev/shm: zonder schijf-fsync)
  --server-flag F  extra optie voor jos-server (herhaalbaar), bv. --broadcast-after-commit
  --keep           bewaar de tijdelijke map (databases, serverlogs)
)";

bool number(const std::string& s, double& out) {
  try {
    std::size_t used = 0;
    out = std::stod(s, &used);
    return used == s.size();
  } catch (const std::exception&) {
    return false;
  }
}

// The op messages the mix sends must be what the server's decoder accepts.
bool self_check() {
  const std::vector<std::string> ops = {op_json::edit_text(3, 0, 0, "samen "),
                                        op_json::edit_text(3, 0, 120, ""),
                                        op_json::set_rating(2, 3),
                                        op_json::goto_agenda_item(1),
                                        op_json::control_timer(true),
                                        op_json::control_timer(false),
                                        op_json::set_presence(4, true),
                                        op_json::add_reaction("Goed punt 1"),
                                        op_json::cast_vote(2),
                                        op_json::start_meeting(),
                                        op_json::assign_invuller(2),
                                        op_json::set_writer(3),
                                        op_json::open_vote()};
  for (const auto& op : ops) {
    const auto message = op_message(false, 7, 1, 0, op);
    auto decoded = jos::protocol::decode_client(message);
    if (auto* e = std::get_if<jos::protocol::decode_error>(&decoded)) {
      std::cerr << "jos-bench: the server would refuse " << message << ": " << e->message << "\n";
      return false;
    }
  }
  return true;
}

}  // namespace

int main(int argc, char** argv) {
  bench_options o;
  o.server_binary = JOS_SERVER_BINARY;
  o.relay_binary = JOS_RELAY_BINARY;
  std::vector<std::string> args(argv + 1, argv + argc);
  for (std::size_t i = 0; i < args.size(); ++i) {
    const std::string& a = args[i];
    auto value = [&]() -> std::string {
      if (i + 1 >= args.size()) {
        std::cerr << a << " verwacht een waarde\n";
        std::exit(2);
      }
      return args[++i];
    };
    auto numeric = [&]() {
      double v = 0;
      if (!number(value(), v)) {
        std::cerr << a << " verwacht een getal\n";
        std::exit(2);
      }
      return v;
    };
    if (a == "--help" || a == "-h") {
      std::cout << usage;
      return 0;
    } else if (a == "--scenario") {
      o.scenario = value();
    } else if (a == "--duration") {
      o.duration = numeric();
    } else if (a == "--rooms") {
      o.rooms = static_cast<int>(numeric());
    } else if (a == "--clients") {
      o.clients = static_cast<int>(numeric());
    } else if (a == "--rate") {
      o.rate = numeric();
    } else if (a == "--history") {
      o.history = static_cast<std::uint64_t>(numeric());
    } else if (a == "--seed") {
      o.seed = static_cast<std::uint64_t>(numeric());
    } else if (a == "--server") {
      o.server_binary = value();
    } else if (a == "--relay") {
      o.relay_binary = value();
    } else if (a == "--server-cpu") {
      o.server_cpu = static_cast<int>(numeric());
    } else if (a == "--bench-cpu") {
      o.bench_cpu = static_cast<int>(numeric());
    } else if (a == "--no-baseline") {
      o.baseline = false;
    } else if (a == "--nice") {
      o.nice = static_cast<int>(numeric());
    } else if (a == "--realtime") {
      o.realtime = true;
    } else if (a == "--db-dir") {
      o.db_dir = value();
    } else if (a == "--server-flag") {
      o.server_flags.push_back(value());
    } else if (a == "--keep") {
      o.keep = true;
    } else {
      std::cerr << "onbekende optie: " << a << "\n\n" << usage;
      return 2;
    }
  }
  // Bounded runs: nothing here may go on for long, whatever was asked.
  if (o.duration > 120) o.duration = 120;
  if (o.history > 1'000'000) o.history = 1'000'000;

  const std::map<std::string, int (*)(const bench_options&)> scenarios = {
      {"fanout", run_fanout},     {"throughput", run_throughput},
      {"idle", run_idle},         {"growth", run_growth},
      {"load", run_load},         {"storm", run_storm},
      {"slow", run_slow},         {"commit", run_commit},
      {"failover", run_failover},
#ifdef JOS_CLIENT_BINARY
      {"client", run_client},
#endif
  };
  const auto it = scenarios.find(o.scenario);
  if (it == scenarios.end()) {
    std::cerr << (o.scenario.empty() ? "kies een scenario" : "onbekend scenario: " + o.scenario)
              << "\n\n"
              << usage;
    return 2;
  }
  if (!self_check()) return 1;
  // Server and generator each get a core of their own; the children inherit the limit.
  if (!pin_to_core(o.bench_cpu))
    std::cerr << "jos-bench: could not pin to core " << o.bench_cpu << "; running unpinned\n";
  raise_file_limit(65536);
  if (::setpriority(PRIO_PROCESS, 0, o.nice) != 0)
    std::cerr << "jos-bench: could not set nice " << o.nice << "; running at the default\n";
  if (o.realtime) {
    sched_param p{};
    p.sched_priority = 10;
    if (::sched_setscheduler(0, SCHED_FIFO, &p) != 0)
      std::cerr << "jos-bench: could not switch to SCHED_FIFO; running at normal priority\n";
  }
  try {
    return it->second(o);
  } catch (const std::exception& e) {
    std::cerr << "jos-bench: " << e.what() << "\n";
    return 1;
  }
}
