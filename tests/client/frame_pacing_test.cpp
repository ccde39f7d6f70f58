// When the client draws (frame_pacing.hpp): the policy both the desktop's loop and the
// browser's follow, on a clock of its own (seconds given by the test).
#include "client/core/frame_pacing.hpp"

#include <gtest/gtest.h>

namespace {

using jos::client::frame_pacer;

// Draws as a loop does while frames are due, at 60 a second, from `now`; returns when the
// pacer lets it sleep, and how many frames it drew.
int draw_while_due(frame_pacer& p, double& now, double still_for) {
  int frames = 0;
  while (p.due(now) && frames < 1000) {
    p.drawn(now, still_for);
    ++frames;
    now += 1.0 / 60;
  }
  return frames;
}

TEST(FramePacing, TheFirstFramesAreDueThenNothingUntilTheScreenChangesByItself) {
  frame_pacer p;
  double now = 100;
  EXPECT_TRUE(p.due(now));
  const int settling = draw_while_due(p, now, 10);
  EXPECT_EQ(settling, frame_pacer::settle_frames);
  // Nothing happens: the loop may sleep until the next change of its own (say the clock's
  // next minute), and a wake-up before it draws nothing.
  EXPECT_NEAR(p.wait(now), 10 - 1.0 / 60, 1e-9) << "ten seconds from the last frame";
  EXPECT_FALSE(p.due(now + 5));
  EXPECT_TRUE(p.due(now + 10));
}

TEST(FramePacing, InputKeepsDrawingForAFewFramesAndAMoment) {
  frame_pacer p;
  double now = 0;
  draw_while_due(p, now, 60);
  ASSERT_FALSE(p.due(now));
  p.changed(now);
  const double from = now;
  const int frames = draw_while_due(p, now, 60);
  // Dear ImGui settles over frames; a reply to a click shows within the moment.
  EXPECT_GE(frames, frame_pacer::settle_frames);
  EXPECT_GE(now - from, frame_pacer::settle_seconds);
  EXPECT_LE(now - from, frame_pacer::settle_seconds + 2.0 / 60);
  EXPECT_NEAR(p.wait(now), 60, 0.1) << "then quiet until the next change of its own";
}

TEST(FramePacing, SlowFramesStillSettleForTheirCount) {
  // A slow machine (software rendering): the moment passes within one frame, yet Dear ImGui
  // still gets its frames to settle.
  frame_pacer p;
  double now = 0;
  draw_while_due(p, now, 60);
  p.changed(now);
  int frames = 0;
  while (p.due(now) && frames < 100) {
    p.drawn(now, 60);
    ++frames;
    now += 0.5;
  }
  EXPECT_EQ(frames, frame_pacer::settle_frames);
}

TEST(FramePacing, ASoonerChangeOfItsOwnShortensTheSleep) {
  frame_pacer p;
  double now = 0;
  draw_while_due(p, now, 60);
  p.changed(now);
  draw_while_due(p, now, 0.5);  // a text field has the caret now: it blinks
  EXPECT_NEAR(p.wait(now), 0.5 - 1.0 / 60, 1e-9);
  p.drawn(now, -1);  // already late: due at once
  EXPECT_TRUE(p.due(now));
}

}  // namespace
