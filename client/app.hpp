#pragma once
// The window and its frame loop: wait for input or the network (sleep when idle) → take in
// what the network delivered → draw the views → turn the intents into ops → render.

#include <array>
#include <atomic>
#include <filesystem>
#include <functional>
#include <map>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "client/core/client_core.hpp"
#include "client/core/frame_pacing.hpp"
#include "client/frame_profile.hpp"
#include "client/scripted_clicks.hpp"
#include "client/ui.hpp"
#include "client/view_document.hpp"
#include "client/view_export.hpp"
#include "client/view_meeting.hpp"
#include "client/view_overview.hpp"
#include "client/view_participants.hpp"
#include "client/view_start.hpp"
#include "client/view_status_bar.hpp"

struct GLFWwindow;

namespace jos::client {

struct app_options {
  std::string server;                // --server: preset (and remember) the address
  std::filesystem::path config_dir;  // --config-dir
  std::string trust_cert;            // --trust-cert: extra trusted certificate (PEM)
  std::string screenshot;            // --screenshot FILE.png, then exit
  int frames = 0;                    // --frames N: screenshot after N frames
  bool after_joined = false;         // --after joined: ... after the state arrived (+N frames)
  std::string after_text;            // --after text:T: ... once T stands in a shared text
  std::string marks;      // --marks FILE: where named parts were drawn (tests), kept up to date
  double quit_after = 0;  // --quit-after S: stop after S seconds, say how many frames
  std::string profile;    // --profile FILE: with --quit-after, frame costs and idle CPU (bench)
  std::string show;       // --show overview|documents|comparison: the first screen
  bool present = false;   // --present: start as the presentation for the beamer
  std::vector<std::string> clicks;  // --click NAME: before the screenshot (tests)
  std::string until;                // --until NAME: the screenshot once that part is drawn
  int width = 1280;
  int height = 800;
  float scale = 1;               // the browser: the page's devicePixelRatio
  bool fixed_server = false;     // the browser client talks only to the server of its page
  bool single_threaded = false;  // see core_options (the browser)
};

class app {
 public:
  explicit app(app_options options);
  ~app();
  app(const app&) = delete;
  app& operator=(const app&) = delete;

  // 0 on a normal exit; 1 if the window could not be made; 2 if a screenshot failed.
  int run();

  // For a host with its own event loop (the browser): open the window once; then per turn
  // note input (changed), poll() when the core woke, and render_frame() when a frame is due
  // (pacing(): frame_pacing.hpp). Times are glfwGetTime()'s.
  bool open_window();
  void changed(double now) { pacer_.changed(now); }
  void poll();
  const frame_pacer& pacing() const { return pacer_; }
  void render_frame(bool live);
  const client_core& core() const { return core_; }
  GLFWwindow* window() const { return window_; }
  // Called (possibly on another thread) when the core has news for the next frame.
  void set_wake(std::function<void()> wake) { core_.set_wake(std::move(wake)); }
  void notify(std::string text) { core_.notify(std::move(text)); }
  // The clipboard as the host has it (the browser's); pasting still refuses what jos
  // cannot show.
  void use_clipboard(const char* (*get)(void*), void (*set)(void*, const char*));
  // Tests: where named parts were drawn in the last frame (the --marks format).
  std::string marks_text() const;

 private:
  void apply_scale();
  void on_key(int key, int mods);
  void handle_view_keys();
  void apply_view_changes();
  void draw();
  void draw_main();
  void apply_intents();
  void update_title();
  double still_for() const;
  bool screenshot_due();
  bool save_screenshot(const std::string& file);
  bool save_marks(const std::string& file);
  bool probing() const {
    return !options_.marks.empty() || !options_.clicks.empty() || !options_.until.empty();
  }

  app_options options_;
  client_core core_;
  GLFWwindow* window_ = nullptr;
  ui_context ui_;
  view_start start_;
  view_overview overview_;
  view_meeting meeting_;
  view_participants participants_;
  view_document documents_;  // the documents screen
  view_export export_;
  view_status_bar status_bar_;

  // The text size steps (Ctrl + / Ctrl −), and how much larger the presentation is.
  static constexpr std::array<int, 8> zoom_steps{80, 90, 100, 110, 125, 150, 175, 200};
  static constexpr float presentation_zoom = 1.5f;
  ImGuiStyle base_style_;   // unscaled; scaled again whenever the scale changes
  int zoom_percent_ = 100;  // the reader's own (remembered)
  bool rescale_ = false;    // the screen's scale changed: fonts and sizes anew
  bool presenting_scaled_ = false;
  bool show_codes_ = false;  // after starting a leerlijn: the codes to share
  session_phase last_phase_ = session_phase::start;
  int last_active_meeting_ = -1;
  int frame_ = 0;
  frame_profile profile_;
  int frames_since_joined_ = -1;
  frame_pacer pacer_;
  scripted_clicks clicks_;
  bool clicking_ = false;  // the clicks have begun (the screen they start on is there)
  // Set by the core's wake (network or journal thread): tells such a wake from input.
  std::shared_ptr<std::atomic<bool>> core_woke_ = std::make_shared<std::atomic<bool>>(false);
  std::map<std::string, ImVec4, std::less<>> marks_;  // filled only with --marks
  std::map<std::string, placement, std::less<>> parents_;
  std::vector<std::string> layout_problems_;
  std::string marks_written_;  // what the marks file holds
  std::string title_;          // the window's, as last set
};

}  // namespace jos::client
