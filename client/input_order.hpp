#pragma once
// The order of input events across frames. GLFW hands over everything that happened since
// the last frame at once; Dear ImGui 1.86 then sees a click and the letters typed right
// after it in one frame, when the click has not yet opened the field they were typed for:
// they went to the field the click left, or nowhere. This is the cause on a slow or busy
// machine, where a frame takes long enough for a click and letters to arrive together.
// Here the keys, letters and clicks that follow a click wait for the next frame, one
// click a frame, as Dear ImGui 1.87's input queue does; and a press that came with a move
// (a tap on a touch screen) waits for a frame that saw the pointer where it pressed.

struct GLFWwindow;

namespace jos::client {

// Once, after ImGui_ImplGlfw_InitForOpenGL and the app's own callbacks: takes the window's
// key, character and mouse button callbacks, and passes the events on to them in order.
void order_input_after_clicks(GLFWwindow* window);

// Before a frame's events are polled: passes on what waited for this frame (up to and with
// the next click). True when something had waited: this frame, and any after it that more
// waiting events need, should come at once.
bool release_input_held_for_this_frame();

// After the events are polled: true when some wait for the next frame, which must then be
// drawn (else they would be passed on with no frame having seen the pointer where they
// happened; a machine that stalled looks to the loop as if it had slept out its timeout).
bool input_waits_for_a_frame();

// Where the frame being built sees the pointer (Dear ImGui's io.MousePos). Not the pointer's
// place when the loop comes round: X11 answers that with where it is now, events not yet read.
void frame_saw_pointer_at(float x, float y);

}  // namespace jos::client
