// Presence on its own: who is online, who types where, and our own focus announced when it
// changes but no more often than every 200 ms.
#include <gtest/gtest.h>

#include "client/core/presence.hpp"

namespace jos::client {
namespace {

using namespace std::chrono_literals;

const shared::op::text_target cell{false, 0, shared::document_id::signalering_begin, 0, 0};
const shared::op::text_target other{false, 0, shared::document_id::signalering_begin, 1, 0};

TEST(Presence, OthersTypingAreShownUntilTheyStopOrLeave) {
  presence p;
  p.on_presence({{1, 2, 3}});
  p.on_editing({2, cell});
  p.on_editing({3, cell});
  p.on_editing({1, cell});
  EXPECT_EQ(p.editing(cell, 1), (std::vector<shared::person_id>{2, 3})) << "not ourselves";
  p.on_editing({2, other});
  EXPECT_EQ(p.editing(cell, 1), std::vector<shared::person_id>{3});
  EXPECT_EQ(p.editing(other, 1), std::vector<shared::person_id>{2});
  p.on_presence({{1, 2}});
  EXPECT_TRUE(p.editing(cell, 1).empty()) << "3 left";
  EXPECT_TRUE(p.is_online(2));
  p.link_lost();
  EXPECT_TRUE(p.online().empty());
  EXPECT_TRUE(p.editing(other, 1).empty());
}

TEST(Presence, OurFocusGoesOutWhenItChangesAtMostEveryTwoHundredMilliseconds) {
  presence p;
  const auto t0 = presence::clock::now();
  EXPECT_FALSE(p.take_focus_update(t0)) << "nothing to say yet";
  p.want_focus(cell);
  auto first = p.take_focus_update(t0);
  ASSERT_TRUE(first);
  EXPECT_EQ(first->target, cell);
  EXPECT_FALSE(p.focus_due());

  p.want_focus(other);
  EXPECT_FALSE(p.take_focus_update(t0 + 50ms)) << "held back";
  ASSERT_TRUE(p.focus_due());
  EXPECT_EQ(*p.focus_due(), t0 + 200ms);
  p.want_focus(std::nullopt);  // hopped on: only the latest counts
  auto second = p.take_focus_update(t0 + 200ms);
  ASSERT_TRUE(second);
  EXPECT_EQ(second->target, std::nullopt);

  // The server forgets our focus with the link: say it again on the next one.
  p.want_focus(cell);
  ASSERT_TRUE(p.take_focus_update(t0 + 400ms));
  p.link_lost();
  auto again = p.take_focus_update(t0 + 600ms);
  ASSERT_TRUE(again);
  EXPECT_EQ(again->target, cell);
}

}  // namespace
}  // namespace jos::client
