#include "client/input_order.hpp"

#include <GLFW/glfw3.h>

#include <cstddef>
#include <deque>

namespace jos::client {
namespace {

struct held_event {
  enum class kind { key, character, mouse_button } type;
  int a = 0;  // key, code point or button
  int scancode = 0;
  int action = 0;
  int mods = 0;
};

struct input_order {
  GLFWwindow* window = nullptr;
  GLFWkeyfun key = nullptr;
  GLFWcharfun character = nullptr;
  GLFWmousebuttonfun mouse_button = nullptr;
  bool after_click = false;  // a click was passed on since the frame began
  float seen_x = 0;          // where the last frame saw the pointer
  float seen_y = 0;
  std::deque<held_event> held;
};

input_order& order() {
  static input_order o;
  return o;
}

void pass_on(const held_event& e) {
  input_order& o = order();
  switch (e.type) {
    case held_event::kind::key:
      if (o.key != nullptr) o.key(o.window, e.a, e.scancode, e.action, e.mods);
      break;
    case held_event::kind::character:
      if (o.character != nullptr) o.character(o.window, static_cast<unsigned int>(e.a));
      break;
    case held_event::kind::mouse_button:
      if (o.mouse_button != nullptr) o.mouse_button(o.window, e.a, e.action, e.mods);
      // What follows a press or release belongs to the frame after it has been seen.
      o.after_click = true;
      break;
  }
}

// A press that came with a move since the last frame (a tap on a touch screen, a quick hand
// on a busy machine): Dear ImGui 1.86 takes a tab only for a press on what a frame already
// saw under the pointer, so the frame with the pointer there comes first.
bool pressed_where_no_frame_looked(const held_event& e) {
  input_order& o = order();
  if (e.type != held_event::kind::mouse_button || e.action != GLFW_PRESS) return false;
  double x = 0;
  double y = 0;
  glfwGetCursorPos(o.window, &x, &y);
  return static_cast<float>(x) != o.seen_x || static_cast<float>(y) != o.seen_y;
}

// Passed on now, or kept behind what already waits (the order is never changed).
void arrived(const held_event& e) {
  input_order& o = order();
  if (o.after_click || !o.held.empty() || pressed_where_no_frame_looked(e)) {
    o.held.push_back(e);
  } else {
    pass_on(e);
  }
}

}  // namespace

void order_input_after_clicks(GLFWwindow* window) {
  input_order& o = order();
  o.window = window;
  o.key = glfwSetKeyCallback(window, [](GLFWwindow*, int key, int scancode, int action, int mods) {
    arrived({held_event::kind::key, key, scancode, action, mods});
  });
  o.character = glfwSetCharCallback(window, [](GLFWwindow*, unsigned int c) {
    arrived({held_event::kind::character, static_cast<int>(c)});
  });
  o.mouse_button =
      glfwSetMouseButtonCallback(window, [](GLFWwindow*, int button, int action, int mods) {
        arrived({held_event::kind::mouse_button, button, 0, action, mods});
      });
}

bool release_input_held_for_this_frame() {
  input_order& o = order();
  o.after_click = false;
  const bool waited = !o.held.empty();
  while (!o.held.empty() && !o.after_click) {
    const held_event e = o.held.front();
    o.held.pop_front();
    pass_on(e);
  }
  return waited;
}

bool input_waits_for_a_frame() { return !order().held.empty(); }

void frame_saw_pointer_at(float x, float y) {
  order().seen_x = x;
  order().seen_y = y;
}

}  // namespace jos::client
