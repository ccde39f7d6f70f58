// jos in the browser: the desktop's app (views, client core, fonts) on emscripten's GLFW
// and WebGL2, driven by the page's animation frames. What the page adds (page.js): text
// input through a hidden text field, so dead keys, input methods and pasting give Dutch
// characters; the browser's clipboard; and a note of every user input. The app's frame
// pacing (frame_pacing.hpp, as on the desktop) says when a frame is due; in between the
// main loop is paused, not polled, and input, the core's news or a timer for the next
// change on screen resume it.
//
// Storage: settings and journal live under /jos, an IDBFS folder that is read from
// IndexedDB before the app starts and written back after each change (storage_sync).
#include <GLFW/glfw3.h>
#include <emscripten.h>
#include <emscripten/eventloop.h>
#include <imgui.h>

#include <algorithm>
#include <array>
#include <cmath>
#include <cstdio>
#include <memory>
#include <set>
#include <string>
#include <vector>

#include "client/app.hpp"
#include "client/core/storage_sync.hpp"
#include "protocol/json_reader.hpp"

namespace {

using jos::client::app;
using jos::client::app_options;

constexpr const char* storage_dir = "/jos";

std::unique_ptr<app> the_app;
bool resting = false;          // the main loop is paused until input, news or `alarm`
long alarm = 0;                // emscripten_set_timeout's id for the next change on screen, or 0
std::string clipboard;         // what a paste brought in, or what we copied last
std::string marks;             // for jos_marks()
std::string status;            // for jos_status()
double first_live_ms = -1;     // performance.now() of the first frame with the meeting's state
std::vector<double> build_ms;  // building each live frame (NewFrame to Render and drawing)
int frames = 0;

// Key releases that came before any frame saw the press: Dear ImGui 1.86 reads key state
// once per frame, so a press and release between two frames would be lost.
std::set<int> pressed_unseen;
std::vector<std::pair<int, int>> held_releases;  // key, mods
GLFWkeyfun app_key_callback = nullptr;           // the app's own (zoom, presentation, Dear ImGui)

// Mouse buttons held back a frame: a press that came with a move since the last frame, and
// what follows it. Dear ImGui 1.86 opens a combo, or takes a tab while a field has the
// keyboard, only for a press on what a frame already saw under the pointer; a tap on a touch
// screen (and a quick hand) moves and presses between two frames.
bool moved_since_frame = false;
std::vector<std::array<int, 3>> held_buttons;  // button, action, mods
GLFWmousebuttonfun app_mouse_button = nullptr;
GLFWcursorposfun app_cursor_pos = nullptr;

// The page's side of these is in page.js (EM_JS bodies stay one call: they pass through
// the C++ preprocessor and formatter, which do not know JavaScript).
EM_JS(void, jos_mount_storage, (const char* dir), { Module.josMountStorage(UTF8ToString(dir)); });
EM_JS(void, jos_fit_canvas, (int width, int height), { Module.josFitCanvas(width, height); });
EM_JS(int, jos_page_width, (), { return Module.josPageWidth(); });
EM_JS(int, jos_page_height, (), { return Module.josPageHeight(); });
EM_JS(double, jos_page_scale, (), { return Module.josPageScale(); });
EM_JS(int, jos_page_test, (), { return Module.josPageTest(); });
EM_JS(int, jos_page_mac, (), { return Module.josPageMac(); });
EM_JS(void, jos_forget_key, (int key), { Module.josForgetKey(key); });
EM_JS(int, jos_take_page_input, (), { return Module.josTakeInput(); });
EM_JS(void, jos_page_ready, (), { Module.josReady(); });
EM_JS(void, jos_clipboard_write, (const char* text), { Module.josCopy(UTF8ToString(text)); });
EM_JS(void, jos_page_server, (char* buffer, int size),
      { stringToUTF8(Module.josServerAddress(), buffer, size); });

void set_clipboard(void*, const char* text) {
  clipboard = text != nullptr ? text : "";
  jos_clipboard_write(clipboard.c_str());
}

const char* get_clipboard(void*) { return clipboard.c_str(); }

void on_key(GLFWwindow* window, int key, int scancode, int action, int mods) {
  if (action == GLFW_PRESS) pressed_unseen.insert(key);
  if (action == GLFW_RELEASE && pressed_unseen.count(key) != 0) {
    held_releases.emplace_back(key, mods);
    return;
  }
  app_key_callback(window, key, scancode, action, mods);
  // A browser on a Mac sends no release for a key pressed while Cmd is down: Cmd+V would
  // stay pressed and paste again and again. Such a key is let go after the frame that saw it.
  if (action == GLFW_PRESS && (mods & GLFW_MOD_SUPER) != 0 && key != GLFW_KEY_LEFT_SUPER &&
      key != GLFW_KEY_RIGHT_SUPER)
    held_releases.emplace_back(key, mods);
}

void on_cursor_pos(GLFWwindow* window, double x, double y) {
  moved_since_frame = true;
  if (app_cursor_pos != nullptr) app_cursor_pos(window, x, y);
}

void on_mouse_button(GLFWwindow* window, int button, int action, int mods) {
  if (!held_buttons.empty() || (action == GLFW_PRESS && moved_since_frame)) {
    held_buttons.push_back({button, action, mods});
    return;
  }
  app_mouse_button(window, button, action, mods);
}

// After a frame: what it saw the pointer on may be pressed now.
void release_held_buttons() {
  moved_since_frame = false;
  if (held_buttons.empty()) return;
  const auto buttons = std::move(held_buttons);
  held_buttons.clear();
  for (const auto& [button, action, mods] : buttons)
    app_mouse_button(the_app->window(), button, action, mods);
  the_app->changed(glfwGetTime());  // a frame for the press
}

void release_held_keys() {
  pressed_unseen.clear();
  for (const auto& [key, mods] : held_releases) {
    app_key_callback(the_app->window(), key, 0, GLFW_RELEASE, mods);
    jos_forget_key(key);
  }
  held_releases.clear();
}

// The canvas follows the page: its pixels are the page's size times devicePixelRatio.
void fit_canvas(double scale) {
  const int width = static_cast<int>(std::lround(jos_page_width() * scale));
  const int height = static_cast<int>(std::lround(jos_page_height() * scale));
  int current_width = 0;
  int current_height = 0;
  glfwGetWindowSize(the_app->window(), &current_width, &current_height);
  if (width > 0 && height > 0 && (width != current_width || height != current_height))
    jos_fit_canvas(width, height);
}

// Back to animation frames (the page calls this on input; the core on news; the alarm).
void wake_up() {
  if (alarm != 0) emscripten_clear_timeout(alarm);
  alarm = 0;
  if (!resting) return;
  resting = false;
  emscripten_resume_main_loop();
}

// No frame is due for `seconds`: pause the loop rather than look at every animation frame,
// which keeps the page's compositor busy.
void rest(double seconds) {
  resting = true;
  emscripten_pause_main_loop();
  alarm = emscripten_set_timeout(
      [](void*) {
        alarm = 0;
        wake_up();
      },
      seconds * 1000.0 + 1, nullptr);
}

void tick() {
  fit_canvas(jos_page_scale());
  if (jos_take_page_input() != 0) the_app->changed(glfwGetTime());
  the_app->poll();  // the core's news, and its own timers (a reconnect) when they are due
  const double now = glfwGetTime();
  if (const double wait = the_app->pacing().wait(now); wait > 0) return rest(wait);
  const auto& core = the_app->core();
  const bool live = core.live() && core.has_state();
  const double started = emscripten_get_now();
  the_app->render_frame(live);
  const double spent = emscripten_get_now() - started;
  release_held_keys();
  release_held_buttons();
  ++frames;
  if (live) {
    if (first_live_ms < 0) first_live_ms = emscripten_get_now();
    if (build_ms.size() < 100000) build_ms.push_back(spent);
  }
}

void start(bool storage_failed) {
  app_options options;
  options.config_dir = storage_dir;
  char server[512] = {};
  jos_page_server(server, sizeof server);
  options.server = server;
  options.fixed_server = true;
  options.single_threaded = true;
  options.scale = static_cast<float>(jos_page_scale());
  options.width = std::max(320, jos_page_width());
  options.height = std::max(240, jos_page_height());
  if (jos_page_test() != 0) options.marks = "page";
  the_app = std::make_unique<app>(options);
  if (!the_app->open_window()) {
    std::fprintf(stderr, "jos: geen WebGL2-venster\n");
    return;
  }
  if (storage_failed)
    the_app->notify(
        "De browser bewaart niets voor jos (IndexedDB); wijzigingen zonder verbinding "
        "gaan verloren bij sluiten.");
  the_app->set_wake(wake_up);
  GLFWwindow* window = the_app->window();
  // Characters come from the page's text field (page.js), not from key presses, so that
  // dead keys and input methods work; the keys themselves still go through GLFW.
  glfwSetCharCallback(window, nullptr);
  glfwSetScrollCallback(window, nullptr);  // the wheel comes from the page too (jos_wheel)
  ImGui::GetIO().ConfigMacOSXBehaviors = jos_page_mac() != 0;
  app_key_callback = glfwSetKeyCallback(window, on_key);
  app_mouse_button = glfwSetMouseButtonCallback(window, on_mouse_button);
  app_cursor_pos = glfwSetCursorPosCallback(window, on_cursor_pos);
  the_app->use_clipboard(get_clipboard, set_clipboard);
  jos_page_ready();
  emscripten_set_main_loop(tick, 0, false);
}

double quantile(std::vector<double> v, double q) {
  if (v.empty()) return 0;
  std::sort(v.begin(), v.end());
  return v[std::min(v.size() - 1, static_cast<std::size_t>(q * static_cast<double>(v.size() - 1)))];
}

}  // namespace

extern "C" {

EMSCRIPTEN_KEEPALIVE void jos_storage_loaded(int failed) { start(failed != 0); }

// The page saw input: draw at animation frames again.
EMSCRIPTEN_KEEPALIVE void jos_wake_up() { wake_up(); }

// The wheel or touchpad, in notches (page.js): horizontal and vertical, left and up positive.
EMSCRIPTEN_KEEPALIVE void jos_wheel(double x, double y) {
  if (!the_app) return;
  ImGuiIO& io = ImGui::GetIO();
  io.MouseWheelH += static_cast<float>(x);
  io.MouseWheel += static_cast<float>(y);
  wake_up();
}

// Text typed, composed (dead keys, input methods) or dropped into the page's text field.
EMSCRIPTEN_KEEPALIVE void jos_text_input(const char* utf8) {
  if (the_app) ImGui::GetIO().AddInputCharactersUTF8(utf8);
}

// What the browser's paste brought: Dear ImGui's Ctrl+V takes it from here.
EMSCRIPTEN_KEEPALIVE void jos_paste(const char* utf8) { clipboard = utf8 != nullptr ? utf8 : ""; }

// Tests: where named parts were drawn in the last frame ("name left top right bottom").
EMSCRIPTEN_KEEPALIVE const char* jos_marks() {
  marks = the_app ? the_app->marks_text() : std::string{};
  return marks.c_str();
}

// Tests and the bench: what the client is doing, as JSON.
EMSCRIPTEN_KEEPALIVE const char* jos_status() {
  if (!the_app || ImGui::GetCurrentContext() == nullptr) return "{}";
  const auto& core = the_app->core();
  jos::protocol::json rows = jos::protocol::json::array();
  if (core.has_state())
    for (const auto& row : core.state().documents.front().rows)
      rows.push_back({{"rating", row.rating}, {"cells", row.cells}});
  const jos::protocol::json out{
      {"live", core.live()},
      {"phase", static_cast<int>(core.phase())},
      {"connected", core.connection().state == jos::client::link_state::connected},
      {"waiting", core.waiting_changes()},
      {"text_input", ImGui::GetIO().WantTextInput},
      {"stored", jos::client::storage_sync_idle()},
      {"seq", core.seq()},
      {"frames", frames},
      {"first_live_ms", first_live_ms},
      {"build_ms_median", quantile(build_ms, 0.5)},
      {"build_ms_p99", quantile(build_ms, 0.99)},
      {"build_ms_max", quantile(build_ms, 1.0)},
      {"live_frames", build_ms.size()},
      {"journal_error", core.journal_error()},
      {"notice", core.last_notice() ? core.last_notice()->text : std::string{}},
      {"join_code", core.identity() ? core.identity()->join_code : std::string{}},
      {"signalering", std::move(rows)}};
  status = out.dump(-1, ' ', false, jos::protocol::json::error_handler_t::replace);
  return status.c_str();
}

// The bench: forget the frames so far (the next ones are the view it measures).
EMSCRIPTEN_KEEPALIVE void jos_reset_frame_times() { build_ms.clear(); }

}  // extern "C"

int main() {
  jos_mount_storage(storage_dir);
  return 0;
}
