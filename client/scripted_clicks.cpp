#include "client/scripted_clicks.hpp"

#include <cfloat>

namespace jos::client {

void scripted_clicks::before_frame(ImGuiIO& io,
                                   const std::map<std::string, ImVec4, std::less<>>& marks,
                                   const std::map<std::string, placement, std::less<>>& parents) {
  // What the last click opened takes its place first (a dialog sizes itself in its first
  // frames).
  if (settled_ < settle_frames || next_ == names_.size() || !missing_.empty()) {
    ++settled_;
    // The hand leaves the mouse: no part stays lit by where the pointer happens to be.
    if (!names_.empty()) io.MousePos = ImVec2(-FLT_MAX, -FLT_MAX);
    return;
  }
  switch (step_) {
    case step::find: {
      const auto part = marks.find(names_[next_]);
      if (part == marks.end()) {
        if (++waited_ > patience) missing_ = names_[next_];
        return;
      }
      const ImVec4 r = part->second;
      const bool still = r.x == seen_.x && r.y == seen_.y && r.z == seen_.z && r.w == seen_.w;
      seen_ = r;
      const auto held = parents.find(names_[next_]);
      const ImVec4 clip = held != parents.end() ? held->second.clip : r;
      const float middle = (r.y + r.w) / 2;
      const bool in_sight = middle >= clip.y && middle <= clip.w;
      // Scrolled to, a part comes up into the upper part of its window, as a reader would
      // scroll it: what it opens below it is in sight too. Where the wheel moves it no further
      // (the end of the window), it is clicked where it is.
      const bool scrolling = held != parents.end() && held->second.scrolls;
      const ImVec4 w = scrolling ? held->second.window : clip;
      const bool low = r.w > w.y + (w.w - w.y) * 0.6f;
      if (scrolling && (!in_sight || (low && !(still && wheeled_)))) {
        if (++waited_ > patience) {
          missing_ = names_[next_];
          return;
        }
        io.MousePos = ImVec2((w.x + w.z) / 2, (w.y + w.w) / 2);
        io.MouseWheel = middle > w.w || low ? -1.0f : 1.0f;
        wheeled_ = true;
        return;
      }
      wheeled_ = false;
      if (!in_sight) {
        missing_ = names_[next_];
        return;
      }
      if (!still) {  // moving still (scrolled, a dialog placing itself): where it stays
        if (++waited_ > patience) missing_ = names_[next_];
        return;
      }
      at_ = ImVec2((r.x + r.z) / 2, middle);
      io.MousePos = at_;  // hovered first, as a hand arrives before it presses
      step_ = step::press;
      return;
    }
    case step::press:
      io.MousePos = at_;
      io.MouseDown[0] = true;
      step_ = step::release;
      return;
    case step::release:
      io.MousePos = at_;
      io.MouseDown[0] = false;
      step_ = step::find;
      waited_ = 0;
      settled_ = 0;
      ++next_;
      return;
  }
}

}  // namespace jos::client
