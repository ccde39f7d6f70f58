#pragma once
// When the client draws: only when the picture may have changed. Both loops ask this one
// policy: the desktop's (how long glfwWaitEventsTimeout may sleep) and the browser's (draw
// at the next animation frame, or rest). A frame is due
// - after a change: input, or news from the core (network, journal, a timer of its own);
//   then for a few frames and a moment longer, since Dear ImGui settles over frames (hover,
//   a popup's size, the reply to a click) and typing should show at once;
// - when something on screen changes by itself: the meeting clock's text, the caret's blink,
//   a notice that fades (the app says when: `still_for`).
// Otherwise it is not, however often the loop wakes.

namespace jos::client {

class frame_pacer {
 public:
  static constexpr int settle_frames = 3;
  static constexpr double settle_seconds = 0.25;

  // The picture may have changed at `now` (seconds on any steady clock).
  void changed(double now);
  // A frame was drawn at `now`; by itself nothing on screen changes for `still_for` seconds.
  void drawn(double now, double still_for);
  // Seconds from `now` until the next frame is due: 0 means draw now (at the display's
  // rate); the loop may sleep that long unless something happens.
  double wait(double now) const;
  bool due(double now) const { return wait(now) <= 0; }

 private:
  int settle_left_ = settle_frames;  // the first frames are due
  double lively_until_ = 0;
  double next_change_ = 0;
};

}  // namespace jos::client
