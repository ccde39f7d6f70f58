// Soft line breaks for the editor: inserted where a row is full, never part of the text.
#include <gtest/gtest.h>

#include "client/core/soft_wrap.hpp"

namespace jos::client {
namespace {

TEST(SoftWrap, BreaksAfterTheSpaceOfTheLastWordThatFits) {
  const auto w = soft_wrap("samen werken aan school", fixed_width_fitter(8));
  EXPECT_EQ(w.display, "samen \nwerken \naan \nschool");
  EXPECT_EQ(w.breaks, (std::vector<std::size_t>{6, 14, 19}));
  EXPECT_EQ(strip_breaks(w.display, w.breaks), "samen werken aan school");
}

TEST(SoftWrap, KeepsHardBreaksAndSplitsWordsLongerThanARow) {
  const auto w = soft_wrap("jongerenwerkers\nkort", fixed_width_fitter(6));
  EXPECT_EQ(w.display, "jonger\nenwerk\ners\nkort");
  EXPECT_EQ(w.breaks, (std::vector<std::size_t>{6, 13}));
  EXPECT_EQ(strip_breaks(w.display, w.breaks), "jongerenwerkers\nkort");
}

TEST(SoftWrap, NeverCutsAMultiByteLetter) {
  const auto w = soft_wrap("ëëëëëë", fixed_width_fitter(4));
  EXPECT_EQ(w.display, "ëëëë\nëë");
  EXPECT_EQ(strip_breaks(w.display, w.breaks), "ëëëëëë");
}

TEST(SoftWrap, OffsetsMapBothWays) {
  const auto w = soft_wrap("abc def ghi", fixed_width_fitter(4));
  ASSERT_EQ(w.display, "abc \ndef \nghi");
  // "d" is text offset 4 and shows at display 5, after the first soft break.
  EXPECT_EQ(text_to_display(w.breaks, 4), 5u);
  EXPECT_EQ(display_to_text(w.breaks, 5), 4u);
  EXPECT_EQ(display_to_text(w.breaks, 4), 4u);  // the end of the first row
  EXPECT_EQ(text_to_display(w.breaks, 2), 2u);
  EXPECT_EQ(text_to_display(w.breaks, 11), 13u);
  for (std::size_t t = 0; t <= 11; ++t)
    EXPECT_EQ(display_to_text(w.breaks, text_to_display(w.breaks, t)), t);
}

TEST(SoftWrap, TypingKeepsTheBreaksOutsideTheChange) {
  const auto w = soft_wrap("abc def ghi", fixed_width_fitter(4));  // "abc \ndef \nghi"
  // Typed "X" at the start of the second row.
  std::string edited = "abc \nXdef \nghi";
  auto kept = surviving_breaks(w, edited);
  EXPECT_EQ(kept, (std::vector<std::size_t>{4, 10}));
  EXPECT_EQ(strip_breaks(edited, kept), "abc Xdef ghi");
  // Typed at the end of the first row, before its soft break.
  edited = "abc Y\ndef \nghi";
  kept = surviving_breaks(w, edited);
  EXPECT_EQ(strip_breaks(edited, kept), "abc Ydef ghi");
  // A hard break typed by the user stays in the text.
  edited = "abc \nd\nef \nghi";
  kept = surviving_breaks(w, edited);
  EXPECT_EQ(strip_breaks(edited, kept), "abc d\nef ghi");
  // Deleting a soft break deletes nothing of the text.
  edited = "abc def \nghi";
  kept = surviving_breaks(w, edited);
  EXPECT_EQ(strip_breaks(edited, kept), "abc def ghi");
}

}  // namespace
}  // namespace jos::client
