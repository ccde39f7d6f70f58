#pragma once
// A server under test as a child process: pinned to one core, started on port 0 with a
// port file, measured through /proc (CPU time, peak and current RSS), stopped by SIGTERM.

#include <sys/types.h>

#include <chrono>
#include <cstdint>
#include <string>
#include <vector>

namespace jos::bench {

struct process_options {
  std::string binary;
  std::vector<std::string> args;  // without --port/--port-file; those are added
  std::string port_file;
  std::string log_file;  // the child's stdout and stderr
  int cpu = 0;           // core to pin to; -1 leaves it free
};

class server_process {
 public:
  explicit server_process(process_options options);
  ~server_process();
  server_process(const server_process&) = delete;
  server_process& operator=(const server_process&) = delete;

  // Starts on `port` (0: any free port) and waits for the port file; throws on failure.
  void start(std::uint16_t port = 0, std::chrono::milliseconds timeout = std::chrono::seconds(20));
  // SIGTERM, then SIGKILL after `grace`. Returns how long the exit took.
  std::chrono::milliseconds stop(std::chrono::milliseconds grace = std::chrono::seconds(15));
  bool running() const { return pid_ > 0; }
  // SIGKILL, and reaped: gone without a word, as in a crash.
  void kill_now();
  // SIGTERM without waiting; exited() reaps the process once it is gone.
  void terminate();
  bool exited();

  std::uint16_t port() const { return port_; }
  pid_t pid() const { return pid_; }

  // utime + stime of the whole process (every thread, live or ended), in seconds.
  double cpu_seconds() const;
  // From /proc/<pid>/status: peak and current resident set, in KiB.
  long vm_hwm_kib() const { return status_kib("VmHWM:"); }
  long vm_rss_kib() const { return status_kib("VmRSS:"); }
  std::string log_tail() const;

 private:
  long status_kib(const char* key) const;

  process_options options_;
  pid_t pid_ = -1;
  std::uint16_t port_ = 0;
};

// Raises this process's open-file limit as far as allowed (children inherit it).
long raise_file_limit(long wanted);
// Pins the calling thread to one core; false if that core does not exist here.
bool pin_to_core(int cpu);
// CPU seconds this process has used (user + system).
double own_cpu_seconds();

}  // namespace jos::bench
