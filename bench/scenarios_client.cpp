// The desktop client under load: a real jos-client window (Xvfb, llvmpipe) joins a meeting
// with 10,000 ops of history while the invuller and the others keep typing and voting, then
// is left alone. The window reports its own figures (jos-client --profile).

#include <sched.h>
#include <sys/resource.h>
#include <sys/wait.h>
#include <unistd.h>

#include <chrono>
#include <csignal>
#include <cstdio>
#include <cstdlib>
#include <fstream>
#include <map>
#include <thread>

#include "bench/scenarios.hpp"
#include "client/core/client_core.hpp"

namespace jos::bench {
namespace {

constexpr double quit_after_seconds = 16;       // the window's own clock
constexpr double idle_seconds = 5;              // its last seconds: nobody does anything
constexpr int signaleringsinstrument_item = 4;  // "Invullen van het Signaleringsinstrument"

std::map<std::string, double> read_profile(const std::string& file) {
  std::map<std::string, double> out;
  std::ifstream in(file);
  std::string key;
  double value = 0;
  while (in >> key >> value) out[key] = value;
  return out;
}

// The GUI's person joins once from its config directory, like a first run would; the
// window then opens the leerlijn as that person with the kept token.
bool join_as_the_window(const std::string& config_dir, const std::string& url,
                        const std::string& code, fleet& others) {
  client::core_options options;
  options.config_dir = config_dir;
  client::client_core first_run(options);
  first_run.use_server(url);
  first_run.join(code, protocol::profile{"Zoë Çelik", shared::organisation::jongerenwerk,
                                         "jongerenwerker", shared::staff_level::uitvoerder});
  const auto deadline = std::chrono::steady_clock::now() + std::chrono::seconds(30);
  while (!first_run.live() && std::chrono::steady_clock::now() < deadline) {
    first_run.wait_and_poll(std::chrono::milliseconds(5));
    others.run_for(std::chrono::milliseconds(1));
  }
  return first_run.live();
}

}  // namespace

int run_client(const bench_options& o) {
  const std::uint64_t history = o.history == 50'000 ? 10'000 : o.history;
  print_header(o, "a jos-client window joins a meeting with " + std::to_string(history) +
                      " ops of history, watches it for a while, then is left alone");
  if (::access(JOS_CLIENT_BINARY, X_OK) != 0 ||
      std::system("command -v xvfb-run >/dev/null") != 0) {
    std::printf("needs %s and xvfb-run\n", JOS_CLIENT_BINARY);
    return 1;
  }
  workspace w(o.keep, o.db_dir);
  live_run run;
  run.server = make_server(o, w, target::jos, "client");
  run.server->start();
  const std::string url = "ws://127.0.0.1:" + std::to_string(run.server->port());

  // The meeting, written through the server as in the load scenario: the coordinator, the
  // invuller and writers typing long texts into their rows, the others voting and coming
  // and going; all of it in the trajectory the window opens.
  fleet_options f;
  f.server = loopback(run.server->port());
  f.seed = o.seed;
  f.history_mode = true;
  run.clients = std::make_unique<fleet>(run.io, f);
  run.clients->add_room(or_default(o.clients, 21), 9);
  if (!run.clients->settle(std::chrono::seconds(60))) {
    std::printf("set-up did not finish:\n%s", run.clients->first_errors().c_str());
    return 1;
  }
  run.clients->set_rate(0, 50'000);
  run.clients->run_until([&] { return run.clients->total_acked() >= history; },
                         std::chrono::seconds(180));
  run.clients->set_rate(0, 0);
  // The busiest view: the Signaleringsinstrument being filled in (agenda item 5 of meeting
  // 1), the meeting's clock stopped so that the quiet spell is quiet.
  run.clients->hold_meeting_at(0, signaleringsinstrument_item);
  run.clients->run_until([&] { return run.clients->unacknowledged() == 0; },
                         std::chrono::seconds(10));
  const std::string config_dir = w.file("window");
  if (!join_as_the_window(config_dir, url, run.clients->join_code(0), *run.clients)) {
    std::printf("the window's person could not join\n");
    return 1;
  }
  const std::uint64_t seq_at_launch = run.clients->room_seq(0);

  // The window, while the meeting goes on at 20 ops/s; the generator stops before the
  // window's quiet spell begins (xvfb-run starts the window's clock a moment after this).
  const std::string profile = w.file("window.profile");
  const std::string command =
      "xvfb-run -a -s '-screen 0 1280x800x24' '" JOS_CLIENT_BINARY "' --server '" + url +
      "' --config-dir '" + config_dir + "' --quit-after " + fixed(quit_after_seconds, 0) +
      " --profile '" + profile + "' > '" + w.file("window.log") + "' 2>&1";
  const auto launched = std::chrono::steady_clock::now();
  const pid_t child = ::fork();
  if (child < 0) return 1;
  if (child == 0) {
    // A window like anyone's: time-shared, on any core, at normal priority. Under the
    // generator's SCHED_FIFO on its core it would starve the generator (or be starved).
    sched_param normal{};
    ::sched_setscheduler(0, SCHED_OTHER, &normal);
    cpu_set_t all;
    CPU_ZERO(&all);
    for (int cpu = 0; cpu < CPU_SETSIZE; ++cpu) CPU_SET(cpu, &all);
    ::sched_setaffinity(0, sizeof all, &all);
    ::setpriority(PRIO_PROCESS, 0, 0);
    ::execl("/bin/sh", "sh", "-c", command.c_str(), static_cast<char*>(nullptr));
    ::_exit(127);
  }
  run.clients->set_rate(0, 20);
  int status = 0;
  bool quiet = false;
  for (;;) {
    if (::waitpid(child, &status, WNOHANG) == child) break;
    const double since = seconds_since(launched);
    // Well before the quiet spell: the last ops and the window's busy moment after them
    // (it draws on for a quarter second after each event) are over by then.
    if (!quiet && since >= quit_after_seconds - idle_seconds - 2) {
      run.clients->set_rate(0, 0);
      quiet = true;
    }
    if (since > quit_after_seconds + 60) {
      ::kill(child, SIGKILL);
      ::waitpid(child, &status, 0);
      break;
    }
    run.clients->run_for(std::chrono::milliseconds(10));
  }
  const std::uint64_t seq_at_end = run.clients->room_seq(0);
  run.clients->close_all();
  run.server->stop();
  const auto p = read_profile(profile);
  if (!WIFEXITED(status) || WEXITSTATUS(status) != 0 || p.empty()) {
    std::printf("the window did not finish cleanly (status %d); see %s\n", status,
                w.file("window.log").c_str());
    return 1;
  }

  auto at = [&](const char* key) {
    const auto it = p.find(key);
    return it == p.end() ? 0.0 : it->second;
  };
  const double join_ms = (at("shown_s") - at("link_up_s")) * 1000;
  table t({"history ops", "ops while open", "connected -> shown ms", "start -> shown ms", "frames",
           "build CPU p50 us", "p99 us", "max us", "idle s", "idle frames", "idle CPU %"});
  t.add({std::to_string(seq_at_launch), std::to_string(seq_at_end - seq_at_launch),
         fixed(join_ms, 0), fixed(at("shown_s") * 1000, 0), fixed(at("frames"), 0),
         fixed(at("build_us_median"), 0), fixed(at("build_us_p99"), 0),
         fixed(at("build_us_max"), 0), fixed(at("idle_s"), 1), fixed(at("idle_frames"), 0),
         fixed(at("idle_cpu_percent"), 2)});
  std::printf("%s\n", t.render().c_str());
  std::printf(
      "  the window shows the meeting the coordinator leads; its frames are built while the\n"
      "  others type and vote (build = ImGui NewFrame to Render, the window thread's CPU)\n");
  std::printf("\ntargets (issue 7):\n");
  print_target("an idle window uses under 1% of a core", fixed(at("idle_cpu_percent"), 2) + " %",
               at("idle_cpu_percent") < 1);
  print_target("building a frame of the busiest view <= 1 ms CPU (p99)",
               fixed(at("build_us_p99") / 1000, 2) + " ms", at("build_us_p99") <= 1000);
  print_target("joining with 10,000 ops of history shows it in <= 500 ms",
               fixed(join_ms, 0) + " ms", join_ms <= 500);
  return 0;
}

}  // namespace jos::bench
