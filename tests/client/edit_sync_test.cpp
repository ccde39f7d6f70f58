// The merge between a text field someone types in and the shared text that others change.
#include <gtest/gtest.h>

#include "client/core/edit_sync.hpp"
#include "client/core/replica.hpp"

namespace jos::client {
namespace {

edit_cursor at(std::size_t byte) { return {byte, byte, byte}; }

TEST(EditSync, NothingChangedDoesNothing) {
  auto r = sync_edit("abc", "abc", "abc", at(1));
  EXPECT_TRUE(r.local.empty());
  EXPECT_FALSE(r.buffer_changed);
  EXPECT_EQ(r.buffer, "abc");
}

TEST(EditSync, TypingBecomesASplice) {
  auto r = sync_edit("samen", "samen!", "samen", at(6));
  ASSERT_EQ(r.local.size(), 1u);
  EXPECT_EQ(r.local[0], (shared::splice{5, 0, "!"}));
  EXPECT_FALSE(r.buffer_changed);
}

TEST(EditSync, OthersEditBeforeTheCursorMovesIt) {
  // Someone put "Wij " in front while the cursor stood after "werken".
  auto r = sync_edit("werken", "werken", "Wij werken", at(6));
  EXPECT_TRUE(r.local.empty());
  EXPECT_EQ(r.buffer, "Wij werken");
  EXPECT_TRUE(r.buffer_changed);
  EXPECT_EQ(r.cursor, at(10));
}

TEST(EditSync, OthersEditAfterTheCursorLeavesIt) {
  auto r = sync_edit("werken", "werken", "werken samen", at(2));
  EXPECT_EQ(r.buffer, "werken samen");
  EXPECT_EQ(r.cursor, at(2));
}

TEST(EditSync, BothTypedInTheSameFrameKeepBoth) {
  // We appended "!" while someone prefixed "Wij ": nothing is lost, the splice we send
  // applies to the text the replica already has.
  auto r = sync_edit("werken", "werken!", "Wij werken", at(7));
  EXPECT_EQ(r.buffer, "Wij werken!");
  EXPECT_EQ(r.cursor, at(11));
  ASSERT_EQ(r.local.size(), 1u);
  std::string model = "Wij werken";
  ASSERT_TRUE(apply_edits(model, r.local));
  EXPECT_EQ(model, r.buffer);
}

TEST(EditSync, CursorsCountBytesAcrossMultiByteLetters) {
  // "ë" and "‘" are two and three bytes; positions move by whole code points.
  auto r = sync_edit("één", "één", "‘één", at(5));
  EXPECT_EQ(r.buffer, "‘één");
  EXPECT_EQ(r.cursor, at(8));
}

TEST(EditSync, SelectionInsideDeletedTextCollapsesToTheReplacement) {
  auto r = sync_edit("abcdef", "abcdef", "aXf", {3, 2, 4});
  EXPECT_EQ(r.buffer, "aXf");
  EXPECT_EQ(r.cursor, (edit_cursor{2, 2, 2}));
}

// In one frame the user deleted "c" while the others' edits put "X" before and "Y" after
// it. Taken as one splice, theirs would replace "bcde" with "XbcdeY" and bring the "c"
// back; taken apart, the deletion stands and lands in the model.
TEST(EditSync, OthersEditingOnBothSidesDoNotUndoTheUsersDeletion) {
  auto r = sync_edit("abcde", "abde", "aXbcdeY", at(2));
  EXPECT_EQ(r.buffer, "aXbdeY");
  EXPECT_EQ(r.cursor, at(3));
  ASSERT_EQ(r.local.size(), 1u);
  EXPECT_EQ(r.local[0], (shared::splice{3, 1, ""}));
  std::string model = "aXbcdeY";
  ASSERT_TRUE(apply_edits(model, r.local));
  EXPECT_EQ(model, r.buffer);

  // And typing between their edits stays where it was typed.
  auto typed = sync_edit("abcde", "abc!de", "aXbcdeY", at(4));
  EXPECT_EQ(typed.buffer, "aXbc!deY");
  EXPECT_EQ(typed.cursor, at(5));
}

TEST(EditSync, MapPosition) {
  const shared::splice s{2, 2, "xyz"};
  EXPECT_EQ(map_position(1, s), 1u);
  EXPECT_EQ(map_position(2, s), 2u);  // before an insertion at the same place
  EXPECT_EQ(map_position(3, s), 5u);  // inside the deleted part
  EXPECT_EQ(map_position(4, s), 5u);
  EXPECT_EQ(map_position(6, s), 7u);
}

}  // namespace
}  // namespace jos::client
