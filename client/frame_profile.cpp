#include "client/frame_profile.hpp"

#include <sys/resource.h>

#include <algorithm>
#include <cmath>
#include <ctime>
#include <fstream>

namespace jos::client {
namespace {

double thread_cpu_seconds() {
  timespec t{};
  clock_gettime(CLOCK_THREAD_CPUTIME_ID, &t);
  return static_cast<double>(t.tv_sec) + static_cast<double>(t.tv_nsec) * 1e-9;
}

// Every thread of the process: the window's, the network's and the journal's.
double process_cpu_seconds() {
  rusage u{};
  getrusage(RUSAGE_SELF, &u);
  auto seconds = [](const timeval& v) {
    return static_cast<double>(v.tv_sec) + static_cast<double>(v.tv_usec) * 1e-6;
  };
  return seconds(u.ru_utime) + seconds(u.ru_stime);
}

double quantile(std::vector<double> v, double q) {
  if (v.empty()) return 0;
  std::sort(v.begin(), v.end());
  const auto i = static_cast<std::size_t>(std::lround(q * static_cast<double>(v.size() - 1)));
  return v[std::min(i, v.size() - 1)];
}

}  // namespace

void frame_profile::link_up(double now) {
  if (link_up_at_ < 0) link_up_at_ = now;
}

void frame_profile::begin_build() { build_started_cpu_ = thread_cpu_seconds(); }

void frame_profile::end_build(bool live) {
  const double spent = thread_cpu_seconds() - build_started_cpu_;
  if (idle_started()) ++idle_frames_;
  if (live) build_us_.push_back(spent * 1e6);
}

void frame_profile::presented(bool live, double now) {
  if (live && shown_at_ < 0) shown_at_ = now;
}

void frame_profile::idle_from(double now) {
  if (idle_started()) return;
  idle_from_ = now;
  idle_from_cpu_ = process_cpu_seconds();
}

bool frame_profile::write(double now) const {
  std::ofstream out(file_);
  const double idle_seconds = idle_started() ? now - idle_from_ : 0;
  const double idle_cpu = idle_started() ? process_cpu_seconds() - idle_from_cpu_ : 0;
  out << "link_up_s " << link_up_at_ << "\n"
      << "shown_s " << shown_at_ << "\n"
      << "frames " << build_us_.size() << "\n"
      << "build_us_median " << quantile(build_us_, 0.5) << "\n"
      << "build_us_p99 " << quantile(build_us_, 0.99) << "\n"
      << "build_us_max " << quantile(build_us_, 1.0) << "\n"
      << "idle_s " << idle_seconds << "\n"
      << "idle_frames " << idle_frames_ << "\n"
      << "idle_cpu_percent " << (idle_seconds > 0 ? 100.0 * idle_cpu / idle_seconds : 0) << "\n";
  return static_cast<bool>(out);
}

}  // namespace jos::client
