#pragma once
// What the client bench asks of a running window (jos-client --profile FILE): how soon the
// state showed, what building each frame cost in CPU, and the CPU of a window left alone.

#include <string>
#include <vector>

namespace jos::client {

// The last seconds before --quit-after in which the bench leaves the window alone.
inline constexpr double profile_idle_seconds = 5.0;

class frame_profile {
 public:
  explicit frame_profile(std::string file) : file_(std::move(file)) {}
  bool enabled() const { return !file_.empty(); }

  // `now` is seconds since the window's clock started (glfwGetTime).
  void link_up(double now);
  // Around building one frame, NewFrame to Render: this thread's CPU time.
  void begin_build();
  void end_build(bool live);
  // After the frame is on screen: the first one with the live state marks "shown".
  void presented(bool live, double now);
  // From here on nothing happens to the window; its CPU is counted until write().
  void idle_from(double now);
  bool idle_started() const { return idle_from_ >= 0; }

  // key value lines; false if the file could not be written.
  bool write(double now) const;

 private:
  std::string file_;
  double build_started_cpu_ = 0;
  double link_up_at_ = -1;
  double shown_at_ = -1;
  std::vector<double> build_us_;  // frames built with the live state
  double idle_from_ = -1;
  double idle_from_cpu_ = 0;
  int idle_frames_ = 0;
};

}  // namespace jos::client
