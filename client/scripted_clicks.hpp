#pragma once
// Tests only (jos-client --click): clicks on named parts (see mark()), one after the other,
// as a hand on the mouse would: where the last frame drew the part, scrolling the window
// that holds it first when it lies below or above the fold. The press and the release come
// in frames of their own, so that Dear ImGui sees a real click on the real layout.

#include <imgui.h>

#include <cstddef>
#include <functional>
#include <map>
#include <string>
#include <vector>

#include "client/ui.hpp"

namespace jos::client {

class scripted_clicks {
 public:
  explicit scripted_clicks(std::vector<std::string> names) : names_(std::move(names)) {}
  // Every click made and the frames after the last one drawn.
  bool done() const { return next_ == names_.size() && settled_ >= settle_frames; }
  // A part that was never drawn where it could be clicked (empty while none).
  const std::string& missing() const { return missing_; }
  // Before a frame (after the platform's input): the mouse for it, from where the last
  // frame drew the named parts and what held them.
  void before_frame(ImGuiIO& io, const std::map<std::string, ImVec4, std::less<>>& marks,
                    const std::map<std::string, placement, std::less<>>& parents);

 private:
  static constexpr int settle_frames = 4;  // for what the click opens to take its place
  static constexpr int patience = 600;     // frames to find (or scroll to) a part

  enum class step { find, press, release };
  std::vector<std::string> names_;
  std::size_t next_ = 0;
  step step_ = step::find;
  ImVec2 at_{};
  ImVec4 seen_{};         // where the part was in the frame before
  bool wheeled_ = false;  // the wheel turned for it in the frame before
  int waited_ = 0;
  int settled_ = settle_frames;
  std::string missing_;
};

}  // namespace jos::client
