#include "bench/server_process.hpp"

#include <fcntl.h>
#include <sched.h>
#include <signal.h>
#include <sys/resource.h>
#include <sys/wait.h>
#include <unistd.h>

#include <cstring>
#include <fstream>
#include <sstream>
#include <stdexcept>
#include <thread>

namespace jos::bench {

server_process::server_process(process_options options) : options_(std::move(options)) {}

server_process::~server_process() {
  if (pid_ > 0) stop(std::chrono::seconds(5));
}

void server_process::start(std::uint16_t port, std::chrono::milliseconds timeout) {
  if (pid_ > 0) throw std::runtime_error("server already running");
  ::unlink(options_.port_file.c_str());
  std::vector<std::string> args{options_.binary};
  args.insert(args.end(), options_.args.begin(), options_.args.end());
  args.insert(args.end(), {"--port", std::to_string(port), "--port-file", options_.port_file});
  std::vector<char*> argv;
  for (auto& a : args) argv.push_back(a.data());
  argv.push_back(nullptr);

  const pid_t pid = ::fork();
  if (pid < 0) throw std::runtime_error(std::string("fork: ") + std::strerror(errno));
  if (pid == 0) {
    // Child: only async-signal-safe calls until exec.
    if (options_.cpu >= 0) {
      cpu_set_t set;
      CPU_ZERO(&set);
      CPU_SET(options_.cpu, &set);
      ::sched_setaffinity(0, sizeof set, &set);
    }
    const int fd = ::open(options_.log_file.c_str(), O_WRONLY | O_CREAT | O_APPEND, 0644);
    if (fd >= 0) {
      ::dup2(fd, 1);
      ::dup2(fd, 2);
      ::close(fd);
    }
    const int null = ::open("/dev/null", O_RDONLY);
    if (null >= 0) ::dup2(null, 0);
    ::execv(argv[0], argv.data());
    ::_exit(127);
  }
  pid_ = pid;

  // The server writes the port file once it listens.
  const auto deadline = std::chrono::steady_clock::now() + timeout;
  while (std::chrono::steady_clock::now() < deadline) {
    int status = 0;
    if (::waitpid(pid_, &status, WNOHANG) == pid_) {
      pid_ = -1;
      throw std::runtime_error("server exited during start:\n" + log_tail());
    }
    std::ifstream in(options_.port_file);
    unsigned value = 0;
    if (in >> value && value > 0 && value < 65536) {
      port_ = static_cast<std::uint16_t>(value);
      return;
    }
    std::this_thread::sleep_for(std::chrono::milliseconds(5));
  }
  stop(std::chrono::seconds(1));
  throw std::runtime_error("server did not write its port file in time:\n" + log_tail());
}

std::chrono::milliseconds server_process::stop(std::chrono::milliseconds grace) {
  const auto start = std::chrono::steady_clock::now();
  if (pid_ <= 0) return {};
  ::kill(pid_, SIGTERM);
  const auto deadline = start + grace;
  int status = 0;
  for (;;) {
    const pid_t r = ::waitpid(pid_, &status, WNOHANG);
    if (r == pid_ || r < 0) break;
    if (std::chrono::steady_clock::now() > deadline) {
      ::kill(pid_, SIGKILL);
      ::waitpid(pid_, &status, 0);
      break;
    }
    std::this_thread::sleep_for(std::chrono::milliseconds(2));
  }
  pid_ = -1;
  return std::chrono::duration_cast<std::chrono::milliseconds>(std::chrono::steady_clock::now() -
                                                               start);
}

void server_process::kill_now() {
  if (pid_ <= 0) return;
  ::kill(pid_, SIGKILL);
  int status = 0;
  ::waitpid(pid_, &status, 0);
  pid_ = -1;
}

void server_process::terminate() {
  if (pid_ > 0) ::kill(pid_, SIGTERM);
}

bool server_process::exited() {
  if (pid_ <= 0) return true;
  int status = 0;
  const pid_t r = ::waitpid(pid_, &status, WNOHANG);
  if (r == pid_ || r < 0) {
    pid_ = -1;
    return true;
  }
  return false;
}

double server_process::cpu_seconds() const {
  std::ifstream in("/proc/" + std::to_string(pid_) + "/stat");
  std::string line;
  std::getline(in, line);
  // The command name may hold spaces; the fields that follow start after its ')'.
  const auto close = line.rfind(')');
  if (close == std::string::npos) return 0;
  std::istringstream fields(line.substr(close + 2));
  std::string field;
  unsigned long long utime = 0, stime = 0;
  // Fields 3..13 come first; utime is field 14 and stime 15.
  for (int i = 3; i <= 13; ++i) fields >> field;
  fields >> utime >> stime;
  return static_cast<double>(utime + stime) / static_cast<double>(::sysconf(_SC_CLK_TCK));
}

long server_process::status_kib(const char* key) const {
  std::ifstream in("/proc/" + std::to_string(pid_) + "/status");
  std::string line;
  const std::size_t n = std::strlen(key);
  while (std::getline(in, line))
    if (line.compare(0, n, key) == 0) return std::stol(line.substr(n));
  return 0;
}

std::string server_process::log_tail() const {
  std::ifstream in(options_.log_file);
  std::stringstream s;
  s << in.rdbuf();
  std::string text = s.str();
  if (text.size() > 4000) text = "..." + text.substr(text.size() - 4000);
  return text;
}

long raise_file_limit(long wanted) {
  rlimit r{};
  ::getrlimit(RLIMIT_NOFILE, &r);
  // Root may raise the hard limit too; others get as far as the hard limit.
  rlimit want = r;
  want.rlim_cur = static_cast<rlim_t>(wanted);
  if (want.rlim_max < want.rlim_cur) want.rlim_max = want.rlim_cur;
  if (::setrlimit(RLIMIT_NOFILE, &want) != 0) {
    r.rlim_cur = r.rlim_max;
    ::setrlimit(RLIMIT_NOFILE, &r);
  }
  ::getrlimit(RLIMIT_NOFILE, &r);
  return static_cast<long>(r.rlim_cur);
}

bool pin_to_core(int cpu) {
  if (cpu < 0 || cpu >= CPU_SETSIZE) return false;
  cpu_set_t set;
  CPU_ZERO(&set);
  CPU_SET(cpu, &set);
  return ::sched_setaffinity(0, sizeof set, &set) == 0;
}

double own_cpu_seconds() {
  rusage u{};
  ::getrusage(RUSAGE_SELF, &u);
  auto seconds = [](const timeval& t) { return static_cast<double>(t.tv_sec) + t.tv_usec / 1e6; };
  return seconds(u.ru_utime) + seconds(u.ru_stime);
}

}  // namespace jos::bench
