#include "client/app.hpp"

#include <GLFW/glfw3.h>
#include <backends/imgui_impl_glfw.h>
#include <backends/imgui_impl_opengl3.h>
#ifndef __EMSCRIPTEN__
#include <stb_image_write.h>
#endif

#include <algorithm>
#include <charconv>
#include <cstdio>
#include <cstdlib>
#include <tuple>
#include <vector>

#include "client/agenda_clock.hpp"
#include "client/characters.hpp"
#include "client/fonts.hpp"
#include "client/input_order.hpp"
#include "client/keyboard.hpp"
#include "client/navigation.hpp"

namespace jos::client {
namespace {

constexpr const char* default_title = "jos – Jongerenwerk en Onderwijs Samen";

void on_glfw_error(int code, const char* description) {
  std::fprintf(stderr, "jos-client: GLFW-fout %d: %s\n", code, description);
}

// Whether `text` stands in one of the shared texts: a document cell or a meeting's minutes.
bool stands_in(const shared::trajectory& t, const std::string& text) {
  for (const auto& d : t.documents)
    for (const auto& row : d.rows)
      for (const auto& cell : row.cells)
        if (cell.find(text) != std::string::npos) return true;
  for (const auto& m : t.meetings)
    if (m.session.minutes.find(text) != std::string::npos) return true;
  return false;
}

}  // namespace

namespace {
core_options core_options_of(const app_options& o) {
  core_options c;
  c.config_dir = o.config_dir;
  c.trust_cert_file = o.trust_cert;
  c.single_threaded = o.single_threaded;
  return c;
}
}  // namespace

app::app(app_options options)
    : options_(std::move(options)),
      core_(core_options_of(options_)),
      profile_(options_.profile),
      clicks_(options_.clicks) {
  ui_.presenting = options_.present;
  ui_.fixed_server = options_.fixed_server;
  if (options_.show == "documents" || options_.show == "comparison") {
    ui_.current = screen::documents;
    ui_.shown.comparison = options_.show == "comparison";
  }
  if (!options_.server.empty()) {
    if (auto error = core_.use_server(options_.server); !error.empty()) core_.notify(error);
  }
}

app::~app() {
  core_.set_wake(nullptr);
  if (window_ != nullptr) {
    ImGui_ImplOpenGL3_Shutdown();
    ImGui_ImplGlfw_Shutdown();
    ImGui::DestroyContext();
    glfwDestroyWindow(window_);
#if defined(__SANITIZE_ADDRESS__)
    // Closing the display unloads Mesa's driver (dlclose); what the driver still holds then
    // shows up in LeakSanitizer's report as leaks of an unnamed module, which no suppression
    // can match. Sanitizer builds leave the display to the exit of the process, so the
    // report shows only leaks of ours.
#else
    glfwTerminate();
#endif
  }
}

bool app::open_window() {
  glfwSetErrorCallback(on_glfw_error);
  if (!glfwInit()) return false;
#ifdef __EMSCRIPTEN__
  // WebGL2, which is OpenGL ES 3.0; the page sizes the canvas in its own pixels.
  const char* glsl = "#version 300 es";
#else
  const char* glsl = "#version 130";
  glfwWindowHint(GLFW_CONTEXT_VERSION_MAJOR, 3);
  glfwWindowHint(GLFW_CONTEXT_VERSION_MINOR, 0);
  // --size is in the units of a 96 dpi screen: on a high-DPI one the window gets as many
  // more pixels (where the system counts in points already, GLFW leaves it as it is).
  glfwWindowHint(GLFW_SCALE_TO_MONITOR, GLFW_TRUE);
#endif
  window_ = glfwCreateWindow(options_.width, options_.height, default_title, nullptr, nullptr);
  if (window_ == nullptr) {
    glfwTerminate();
    return false;
  }
  glfwMakeContextCurrent(window_);
  glfwSwapInterval(1);
  glfwSetWindowUserPointer(window_, this);
#ifndef __EMSCRIPTEN__
  // Dragged to a screen with another scale: everything is measured again.
  glfwSetWindowContentScaleCallback(window_, [](GLFWwindow* w, float, float) {
    static_cast<app*>(glfwGetWindowUserPointer(w))->rescale_ = true;
  });
#endif

  IMGUI_CHECKVERSION();
  ImGui::CreateContext();
  ImGuiIO& io = ImGui::GetIO();
  io.IniFilename = nullptr;  // the layout is fixed; nothing to remember
  io.ConfigFlags |= ImGuiConfigFlags_NavEnableKeyboard;
  ImGui::StyleColorsLight();
  ImGuiStyle& style = ImGui::GetStyle();
  style.WindowRounding = 0.0f;
  style.FrameRounding = 4.0f;
  style.ChildRounding = 4.0f;
  style.FramePadding = ImVec2(8, 5);
  style.ItemSpacing = ImVec2(8, 6);
  style.CellPadding = ImVec2(6, 5);
  // Dialogs on the windows' grey: on the light style's white, an empty check box or radio
  // button (white, no border) cannot be seen.
  style.Colors[ImGuiCol_PopupBg] = style.Colors[ImGuiCol_WindowBg];
  // And a thin edge on every field, check box and radio button: white on the light grey
  // alone is faint on a projector or a washed-out laptop screen.
  style.FrameBorderSize = 1.0f;
  style.Colors[ImGuiCol_Border] = ImVec4(0.0f, 0.0f, 0.0f, 0.22f);
  base_style_ = style;
  zoom_percent_ = core_.remembered().zoom_percent;
  ImGui_ImplGlfw_InitForOpenGL(window_, true);
  // The view's own keys are taken from the events themselves: Dear ImGui 1.86 sees only
  // whether a key is down when a frame starts, and misses a quick press and release.
  glfwSetKeyCallback(window_, [](GLFWwindow* w, int key, int scancode, int action, int mods) {
    if (action == GLFW_PRESS) static_cast<app*>(glfwGetWindowUserPointer(w))->on_key(key, mods);
    ImGui_ImplGlfw_KeyCallback(w, key, scancode, action, mods);
  });
#ifndef __EMSCRIPTEN__
  // The desktop loop releases what a click held back (run()); the browser hands events over
  // one by one between frames and sets its own key callbacks (client/web/main.cpp).
  order_input_after_clicks(window_);
#endif
  ImGui_ImplOpenGL3_Init(glsl);
  apply_scale();
  guard_clipboard(*ui_.font.regular, [this] { core_.notify(refused_characters); });
  return true;
}

void app::use_clipboard(const char* (*get)(void*), void (*set)(void*, const char*)) {
  ImGuiIO& io = ImGui::GetIO();
  io.GetClipboardTextFn = get;
  io.SetClipboardTextFn = set;
  guard_clipboard(*ui_.font.regular, [this] { core_.notify(refused_characters); });
}

void app::apply_scale() {
  rescale_ = false;
  // The screen's scale (1 on a 96 dpi screen), less what the framebuffer already adds where
  // the system counts in points: fonts are then rasterised for the pixels and drawn at
  // their size in points.
  float xs = 1.0f;
  float ys = 1.0f;
#ifdef __EMSCRIPTEN__
  xs = ys = options_.scale;  // the page's devicePixelRatio
#else
  glfwGetWindowContentScale(window_, &xs, &ys);
#endif
  int points = 0;
  int pixels = 0;
  glfwGetWindowSize(window_, &points, nullptr);
  glfwGetFramebufferSize(window_, &pixels, nullptr);
  const float raster = points > 0 && pixels > points
                           ? static_cast<float>(pixels) / static_cast<float>(points)
                           : 1.0f;
  const float screen = std::max(1.0f, std::max(xs, ys) / raster);
  zoom_percent_ = std::clamp(zoom_percent_, zoom_steps.front(), zoom_steps.back());
  ui_.zoom_percent = zoom_percent_;
  ui_.scale = screen * static_cast<float>(zoom_percent_) / 100.0f *
              (ui_.presenting ? presentation_zoom : 1.0f);
  presenting_scaled_ = ui_.presenting;
  ImGuiStyle& style = ImGui::GetStyle();
  style = base_style_;
  style.ScaleAllSizes(ui_.scale);
  ImGuiIO& io = ImGui::GetIO();
  ui_.font = build_fonts(*io.Fonts, ui_.scale, raster);
  io.FontDefault = ui_.font.regular;
  io.FontGlobalScale = 1.0f / raster;
  ImGui_ImplOpenGL3_DestroyFontsTexture();
  ImGui_ImplOpenGL3_CreateFontsTexture();
}

// Ctrl + and Ctrl − change the text size in steps, Ctrl 0 goes back to 100 %; remembered.
// F5 starts and ends the presentation for the beamer.
void app::on_key(int key, int mods) {
  if ((mods & GLFW_MOD_CONTROL) != 0) {
    if (key == GLFW_KEY_EQUAL || key == GLFW_KEY_KP_ADD) ui_.zoom_change = +1;
    if (key == GLFW_KEY_MINUS || key == GLFW_KEY_KP_SUBTRACT) ui_.zoom_change = -1;
    if (key == GLFW_KEY_0 || key == GLFW_KEY_KP_0) ui_.zoom_change = 100 - zoom_percent_;
  }
  if (key == GLFW_KEY_F5 && core_.has_state()) ui_.presenting = !ui_.presenting;
}

// Escape ends the presentation too, unless a text field or a dialog takes it.
void app::handle_view_keys() {
  if (ui_.presenting && ImGui::IsKeyPressed(GLFW_KEY_ESCAPE, false) &&
      !ImGui::GetIO().WantTextInput && !ImGui::IsPopupOpen(nullptr, ImGuiPopupFlags_AnyPopupId))
    ui_.presenting = false;
}

// What a frame asked of the view (a zoom step, the presentation on or off), applied between
// frames: fonts cannot change while one is drawn.
void app::apply_view_changes() {
  if (ui_.zoom_change != 0) {
    const int change = ui_.zoom_change;
    ui_.zoom_change = 0;
    int next = zoom_percent_ + change;   // by so many percent
    if (change == +1 || change == -1) {  // a step
      const auto it = std::find(zoom_steps.begin(), zoom_steps.end(), zoom_percent_);
      const std::ptrdiff_t here = it == zoom_steps.end() ? 2 : it - zoom_steps.begin();
      const std::ptrdiff_t last = static_cast<std::ptrdiff_t>(zoom_steps.size()) - 1;
      next =
          zoom_steps[static_cast<std::size_t>(std::clamp<std::ptrdiff_t>(here + change, 0, last))];
    }
    next = std::clamp(next, zoom_steps.front(), zoom_steps.back());
    if (next != zoom_percent_) {
      zoom_percent_ = next;
      core_.remember_zoom(next);
      rescale_ = true;
    }
  }
  if (ui_.presenting != presenting_scaled_) rescale_ = true;
  if (rescale_) apply_scale();
}

int app::run() {
  if (!open_window()) {
    std::fprintf(stderr, "jos-client: kan geen venster openen (geen beeldscherm of OpenGL 3).\n");
    return 1;
  }
  core_.set_wake([woke = core_woke_] {
    woke->store(true);
    glfwPostEmptyEvent();
  });
  const bool screenshot_mode = !options_.screenshot.empty();
  while (!glfwWindowShouldClose(window_)) {
    const double now = glfwGetTime();
    if (release_input_held_for_this_frame()) pacer_.changed(now);
    if (screenshot_mode) {
      glfwPollEvents();
    } else {
      // Sleep until input, the network (glfwPostEmptyEvent) or the next change on screen
      // (the clock's minute, the caret); while frames are due, at up to 60 a second.
      double timeout = pacer_.wait(now);
      if (timeout <= 0) timeout = 1.0 / 60.0;
      if (options_.quit_after > 0)
        timeout = std::clamp(options_.quit_after - now + 0.01, 0.01, timeout);
      // Wake once when the profile's quiet spell begins, so that it starts on time.
      if (profile_.enabled() && !profile_.idle_started() &&
          now < options_.quit_after - profile_idle_seconds)
        timeout = std::min(timeout, options_.quit_after - profile_idle_seconds - now + 0.01);
      glfwWaitEventsTimeout(timeout);
      // Woken early by the user (input): the picture may change. A wake from the network or
      // the journal is not that; it counts only if poll() finds a change.
      const bool by_core = core_woke_->exchange(false);
      if (!by_core && glfwGetTime() - now < timeout * 0.95) pacer_.changed(glfwGetTime());
    }
    if (input_waits_for_a_frame()) pacer_.changed(glfwGetTime());
    poll();
    const bool live = core_.live() && core_.has_state();
    const double t = glfwGetTime();
    if (profile_.enabled()) {
      if (core_.connection().state == link_state::connected) profile_.link_up(t);
      if (t >= options_.quit_after) {
        std::printf("beelden: %d in %.1f s\n", frame_, t);
        return profile_.write(t) ? 0 : 2;
      }
      if (!profile_.idle_started() && t >= options_.quit_after - profile_idle_seconds)
        profile_.idle_from(t);
    }
    if (options_.quit_after > 0 && t >= options_.quit_after) {
      // For the test that an idle window sleeps: what it drew while it was left alone.
      std::printf("beelden: %d in %.1f s\n", frame_, t);
      break;
    }
    // Woken with nothing to show (a wake that brought no change, the profile's spell):
    // a frame drawn anyway would cost as much as any other.
    if (!screenshot_mode && !pacer_.due(t)) continue;
    if (profile_.enabled()) profile_.begin_build();

    render_frame(live);
    if (screenshot_mode) {
      if (screenshot_due()) {
        const bool ok = save_screenshot(options_.screenshot) &&
                        (options_.marks.empty() || save_marks(options_.marks));
        glfwSwapBuffers(window_);
        return ok ? 0 : 2;
      }
      if (!clicks_.missing().empty()) {
        std::fprintf(stderr, "jos-client: geen schermafbeelding: ‘%s’ staat niet in beeld.\n",
                     clicks_.missing().c_str());
        return 3;
      }
      if (glfwGetTime() > 60.0) {
        if (!options_.until.empty() && clicks_.done()) {
          std::fprintf(stderr, "jos-client: geen schermafbeelding: ‘%s’ verscheen niet.\n",
                       options_.until.c_str());
        } else if (options_.after_text.empty()) {
          std::fprintf(stderr,
                       "jos-client: geen schermafbeelding: de leerlijn werd niet geladen.\n");
        } else {
          std::fprintf(stderr, "jos-client: geen schermafbeelding: ‘%s’ kwam niet binnen.\n",
                       options_.after_text.c_str());
        }
        return 3;
      }
    }
    glfwSwapBuffers(window_);
    if (!options_.marks.empty()) save_marks(options_.marks);  // for tests that click by name
    if (profile_.enabled()) profile_.presented(live, glfwGetTime());
  }
  return 0;
}

void app::poll() {
  if (core_.poll()) pacer_.changed(glfwGetTime());
}

void app::render_frame(bool live) {
  ImGui_ImplOpenGL3_NewFrame();
  ImGui_ImplGlfw_NewFrame();
  if (clicking_) clicks_.before_frame(ImGui::GetIO(), marks_, parents_);
  limit_frame_step(ImGui::GetIO());
  ImGui::NewFrame();
  frame_saw_pointer_at(ImGui::GetIO().MousePos.x, ImGui::GetIO().MousePos.y);
  keyboard_new_frame();
  if (refuse_unshowable_typing(*ui_.font.regular)) core_.notify(refused_characters);
  handle_view_keys();
  draw();
  ImGui::Render();
  if (profile_.enabled()) profile_.end_build(live);
  // The draw data is complete; the replica may change now.
  apply_intents();
  update_title();

  int width = 0;
  int height = 0;
  glfwGetFramebufferSize(window_, &width, &height);
  glViewport(0, 0, width, height);
  glClearColor(0.94f, 0.94f, 0.95f, 1.0f);
  glClear(GL_COLOR_BUFFER_BIT);
  ImGui_ImplOpenGL3_RenderDrawData(ImGui::GetDrawData());
  ++frame_;
  apply_view_changes();  // the next frame's fonts and scale; this one's are on their way
  pacer_.drawn(glfwGetTime(), still_for());
}

// The window's (or the browser tab's) title names the leerlijn once it is known.
void app::update_title() {
  std::string title = default_title;
  if (core_.has_state()) {
    const auto& p = core_.state().partners;
    title = "jos – " + p.school + " en " + p.youth_organisation;
  }
  if (title == title_) return;
  title_ = title;
  glfwSetWindowTitle(window_, title_.c_str());
}

// How long nothing on screen changes by itself (frame_pacing.hpp).
double app::still_for() const {
  double still = 60.0;  // what goes by the minute (a date at midnight) is at most that late
  if (ImGui::GetIO().WantTextInput) {
    still = 0.5;  // the text cursor blinks
  } else if (const auto status = core_.connection();
             status.retrying || status.state == link_state::connecting || core_.last_notice()) {
    still = 1.0;  // the reconnect's countdown; a notice fades after a few seconds
  } else if (export_.busy()) {
    still = 0.1;  // documents being saved: show when they are
  } else if (core_.has_state()) {
    const auto& t = core_.state();
    if (t.active_meeting >= 0) {
      const auto& timer = t.meetings[static_cast<std::size_t>(t.active_meeting)].session.timer;
      // The meeting clock's words change at the next whole minute (a moment after, so that
      // the frame shows the new one).
      if (timer.running)
        still = static_cast<double>(until_clock_changes(timer.elapsed_at(core_.server_now_ms()))) /
                    1000.0 +
                0.005;
    }
  }
  // The core's own timers (a reconnect, a held-back focus) run in poll().
  if (const auto due = core_.next_due()) {
    const double left =
        std::chrono::duration<double>(*due - std::chrono::steady_clock::now()).count();
    still = std::clamp(left + 0.001, 0.001, still);
  }
  return still;
}

bool app::screenshot_due() {
  if (options_.after_joined || !options_.after_text.empty()) {
    const bool ready = core_.has_state() && (options_.after_text.empty()
                                                 ? core_.live()
                                                 : stands_in(core_.state(), options_.after_text));
    if (frames_since_joined_ < 0 && ready) frames_since_joined_ = 0;
    if (frames_since_joined_ >= 0) ++frames_since_joined_;
    clicking_ = frames_since_joined_ > std::max(options_.frames, 5);
  } else {
    clicking_ = frame_ >= options_.frames;
  }
  return clicking_ && clicks_.done() && (options_.until.empty() || marks_.contains(options_.until));
}

bool app::save_screenshot(const std::string& file) {
#ifdef __EMSCRIPTEN__
  (void)file;  // the browser's own screenshot serves
  return false;
#else
  int width = 0;
  int height = 0;
  glfwGetFramebufferSize(window_, &width, &height);
  std::vector<unsigned char> pixels(static_cast<std::size_t>(width) *
                                    static_cast<std::size_t>(height) * 4);
  glPixelStorei(GL_PACK_ALIGNMENT, 1);
  glReadBuffer(GL_BACK);
  glReadPixels(0, 0, width, height, GL_RGBA, GL_UNSIGNED_BYTE, pixels.data());
  // OpenGL's rows run bottom-up; PNG's top-down.
  const std::size_t stride = static_cast<std::size_t>(width) * 4;
  std::vector<unsigned char> flipped(pixels.size());
  for (int y = 0; y < height; ++y) {
    std::copy_n(pixels.data() + static_cast<std::size_t>(height - 1 - y) * stride, stride,
                flipped.data() + static_cast<std::size_t>(y) * stride);
  }
  for (std::size_t i = 3; i < flipped.size(); i += 4) flipped[i] = 255;
  if (!stbi_write_png(file.c_str(), width, height, 4, flipped.data(), static_cast<int>(stride))) {
    std::fprintf(stderr, "jos-client: kan %s niet schrijven.\n", file.c_str());
    return false;
  }
  return true;
#endif
}

std::string app::marks_text() const {
  // One line per part: its name, its rectangle in window pixels (left top right bottom), the
  // rectangle it was clipped to and whether that scrolls (1) or not (0); then a line
  // "! ..." for each piece of text that did not fit (see watch_layout()).
  std::string text;
  char line[160];
  for (const auto& [name, r] : marks_) {
    const auto p = parents_.find(name);
    const placement where = p != parents_.end() ? p->second : placement{r, false, r};
    std::snprintf(line, sizeof line, " %.1f %.1f %.1f %.1f %.1f %.1f %.1f %.1f %d\n",
                  static_cast<double>(r.x), static_cast<double>(r.y), static_cast<double>(r.z),
                  static_cast<double>(r.w), static_cast<double>(where.clip.x),
                  static_cast<double>(where.clip.y), static_cast<double>(where.clip.z),
                  static_cast<double>(where.clip.w), where.scrolls ? 1 : 0);
    text += name + line;
  }
  for (const auto& problem : layout_problems_) text += "! " + problem + "\n";
  return text;
}

bool app::save_marks(const std::string& file) {
  std::string text = marks_text();
  if (text == marks_written_) return true;
  // Whole or not at all: a test may read the file while the window runs.
  const std::string part = file + ".part";
  std::FILE* f = std::fopen(part.c_str(), "w");
  const bool written = f != nullptr && std::fwrite(text.data(), 1, text.size(), f) == text.size();
  if (f == nullptr || std::fclose(f) != 0 || !written ||
      std::rename(part.c_str(), file.c_str()) != 0) {
    std::fprintf(stderr, "jos-client: kan %s niet schrijven.\n", file.c_str());
    return false;
  }
  marks_written_ = std::move(text);
  return true;
}

void app::apply_intents() {
  core_.set_focus(ui_.focus);
  intents todo = std::move(ui_.todo);
  ui_.todo = intents{};
  for (auto& action : todo.actions) action(core_);
  for (auto& op : todo.ops)
    if (auto error = core_.submit(std::move(op))) core_.notify(error->message);
  if (!todo.empty()) pacer_.changed(glfwGetTime());
}

void app::draw() {
  ui_.core = &core_;
  if (probing()) {
    marks_.clear();  // only what this frame draws
    parents_.clear();
    layout_problems_.clear();
    ui_.probe = &marks_;
    ui_.parents = &parents_;
    watch_layout(&layout_problems_);
  }
  ui_.focus.reset();  // the text fields say again where this client types
  const session_phase phase = core_.phase();
  if (last_phase_ == session_phase::registering && phase != session_phase::registering &&
      phase != session_phase::start) {
    const auto id = core_.identity();
    show_codes_ = id && !id->join_code.empty();
  }
  last_phase_ = phase;
  if (core_.has_state()) {
    follow_the_meeting(ui_, core_.state(), last_active_meeting_);
    start_.carry_over(ui_, core_);
  }

  const ImGuiViewport* viewport = ImGui::GetMainViewport();
  const float bar = status_bar_.height(ui_);
  const ImGuiWindowFlags fixed = ImGuiWindowFlags_NoDecoration | ImGuiWindowFlags_NoMove |
                                 ImGuiWindowFlags_NoSavedSettings |
                                 ImGuiWindowFlags_NoBringToFrontOnFocus;
  ImGui::SetNextWindowPos(viewport->WorkPos);
  ImGui::SetNextWindowSize(ImVec2(viewport->WorkSize.x, viewport->WorkSize.y - bar));
  if (ImGui::Begin("jos", nullptr, fixed)) {
    const bool start = phase == session_phase::start || phase == session_phase::registering;
    if (start) {
      ImGui::Dummy(ImVec2(0, ui_.px(24)));
      start_.draw(ui_, core_);
    } else if (!core_.has_state()) {
      ImGui::Dummy(ImVec2(0, ui_.px(40)));
      heading(ui_, phase == session_phase::incompatible ? "Deze versie past niet bij de server"
                                                        : "De leerlijn wordt geladen…");
      if (const auto& n = core_.last_notice()) text_wrapped(n->text);
      const auto status = core_.connection();
      if (!status.last_error.empty()) text_coloured(colours::muted, status.last_error);
    } else {
      if (phase == session_phase::incompatible && core_.last_notice())
        text_coloured(colours::warning, core_.last_notice()->text);
      draw_main();
    }
  }
  ImGui::End();

  ImGui::SetNextWindowPos(
      ImVec2(viewport->WorkPos.x, viewport->WorkPos.y + viewport->WorkSize.y - bar));
  ImGui::SetNextWindowSize(ImVec2(viewport->WorkSize.x, bar));
  if (ImGui::Begin("status", nullptr, fixed)) status_bar_.draw(ui_, core_);
  ImGui::End();

  if (show_codes_) {
    ImGui::OpenPopup("Je leerlijn is gestart");
    show_codes_ = false;
  }
  ImGui::SetNextWindowSize(ImVec2(ui_.px(560), 0));
  if (ImGui::BeginPopupModal("Je leerlijn is gestart", nullptr, ImGuiWindowFlags_NoResize)) {
    const auto id = core_.identity();
    text_wrapped(
        "Deel de teamcode met iedereen die meedoet. Zij kiezen op het startscherm "
        "‘Deelnemen met teamcode’.");
    if (id) {
      for (const auto& [label, value, name] :
           {std::tuple{"Teamcode", id->join_code, "started/copy-team"},
            std::tuple{"Coördinatorcode", id->coordinator_code, "started/copy-coordinator"}}) {
        ImGui::PushID(label);
        text(label);
        ImGui::SameLine(ui_.px(170));
        text_in(ui_.font.heading, value, false);
        ImGui::SameLine();
        if (ImGui::Button("Kopiëren")) ImGui::SetClipboardText(value.c_str());
        mark(ui_, name);
        ImGui::PopID();
      }
    }
    text_coloured(colours::muted,
                  "De coördinatorcode is alleen voor een tweede coördinator. Beide codes staan ook "
                  "in het overzicht.");
    if (ImGui::Button("Sluiten", ImVec2(ui_.px(120), 0))) ImGui::CloseCurrentPopup();
    ImGui::EndPopup();
  }
  if (core_.has_state()) export_.draw(ui_, core_);
}

void app::draw_main() {
  const auto& t = core_.state();
  if (ui_.presenting && t.active_meeting < 0) ui_.presenting = false;  // nothing to show
  if (ui_.presenting) {
    // The beamer: the meeting's current item and its form, large, and the way out.
    if (ImGui::Button("Presentatie verlaten (F5)")) ui_.presenting = false;
    mark(ui_, "present/leave");
    ImGui::Separator();
    ui_.current = screen::meeting;
    ui_.selected_meeting = -1;
    meeting_.draw(ui_, core_);
    return;
  }
  // Top bar: the screens, the team when there is no room beside, presenting, and who you are.
  auto tab = [&](const char* label, screen s, const char* name) {
    const bool on = ui_.current == s;
    if (on) ImGui::PushStyleColor(ImGuiCol_Button, colours::accent);
    if (on) ImGui::PushStyleColor(ImGuiCol_Text, ImVec4(1, 1, 1, 1));
    if (ImGui::Button(label)) {
      ui_.current = s;
      if (s == screen::meeting && t.active_meeting >= 0) ui_.selected_meeting = -1;
    }
    mark(ui_, name);
    if (on) ImGui::PopStyleColor(2);
  };
  tab("Overzicht", screen::overview, "tab/overview");
  ImGui::SameLine();
  tab(t.active_meeting >= 0 ? "Bijeenkomst (bezig)" : "Bijeenkomst", screen::meeting,
      "tab/meeting");
  ImGui::SameLine();
  tab("Documenten", screen::documents, "tab/documents");
  // The team beside the screen where it fits (about a 1280 px window at 100 %), else behind
  // a button: on a small laptop the forms need the room.
  const bool side_panel = ImGui::GetContentRegionAvail().x >= ui_.px(1200);
  if (!side_panel) {
    ImGui::SameLine();
    const auto online = std::count_if(t.team.begin(), t.team.end(), [&](const shared::person& p) {
      return core_.is_online(p.id);
    });
    const std::string label = "Deelnemers (" + std::to_string(online) + " van " +
                              std::to_string(t.team.size()) + " online)";
    if (ImGui::Button(label.c_str())) ImGui::OpenPopup("participants");
    mark(ui_, "tab/participants");
    ImGui::SetNextWindowSizeConstraints(
        ImVec2(ui_.px(280), 0), ImVec2(ui_.px(360), ImGui::GetMainViewport()->Size.y * 0.8f));
    if (ImGui::BeginPopup("participants")) {
      participants_.draw(ui_, core_);
      ImGui::EndPopup();
    }
  }
  if (t.active_meeting >= 0) {
    ImGui::SameLine();
    if (ImGui::Button("Presenteren (F5)")) ui_.presenting = true;
    mark(ui_, "tab/present");
    if (ImGui::IsItemHovered())
      ImGui::SetTooltip("Voor de beamer: het huidige agendapunt en het formulier, groot");
  }
  if (const auto* me = core_.my_person()) {
    const std::string who = me->name + (me->coordinator ? " · coördinator" : "");
    const float w = ImGui::CalcTextSize(who.c_str()).x;
    ImGui::SameLine();
    const float x = ImGui::GetWindowContentRegionMax().x - w;
    if (x > ImGui::GetCursorPosX() + ui_.px(16)) {
      ImGui::SameLine(x);
      text_coloured(colours::muted, who);
    } else {
      ImGui::NewLine();
    }
  }
  ImGui::Separator();

  const float side = side_panel ? ui_.px(235) + ImGui::GetStyle().ItemSpacing.x : 0.0f;
  ImGui::BeginChild("content", ImVec2(ImGui::GetContentRegionAvail().x - side, 0), false);
  if (ui_.current == screen::overview) {
    ImGui::BeginChild("overview", ImVec2(0, 0), false);
    overview_.draw(ui_, core_);
    ImGui::EndChild();
  } else if (ui_.current == screen::documents) {
    documents_.draw_screen(ui_, core_);
  } else {
    meeting_.draw(ui_, core_);
  }
  ImGui::EndChild();
  if (!side_panel) return;
  ImGui::SameLine();
  ImGui::BeginChild("participants", ImVec2(0, 0), true);
  participants_.draw(ui_, core_);
  ImGui::EndChild();
}

}  // namespace jos::client
