// The outcome of a revealed vote: distribution, median offered as the rating, split marked.
#include "shared/vote.hpp"

#include <gtest/gtest.h>

namespace jos::shared {
namespace {

TEST(VoteSummary, NoBallotsOffersNothing) {
  const auto s = summarize_ballots({});
  EXPECT_EQ(s.count, 0);
  EXPECT_EQ(s.offered, 0);
  EXPECT_FALSE(s.split());
}

TEST(VoteSummary, OddCountTakesTheMiddleValue) {
  const auto s = summarize_ballots({{1, 1}, {2, 3}, {3, 3}});
  EXPECT_EQ(s.distribution, (std::array<int, 3>{1, 0, 2}));
  EXPECT_EQ(s.count, 3);
  EXPECT_DOUBLE_EQ(s.median, 3.0);
  EXPECT_EQ(s.offered, 3);
  EXPECT_EQ(s.spread, 2);
  EXPECT_TRUE(s.split());
}

TEST(VoteSummary, EvenCountAveragesTheMiddleTwoAndRoundsHalfUp) {
  const auto s = summarize_ballots({{1, 1}, {2, 2}});
  EXPECT_DOUBLE_EQ(s.median, 1.5);
  EXPECT_EQ(s.offered, 2);
  EXPECT_EQ(s.spread, 1);
  EXPECT_FALSE(s.split());
  EXPECT_EQ(summarize_ballots({{1, 2}, {2, 3}, {3, 3}, {4, 2}}).offered, 3);
}

TEST(VoteSummary, HiddenBallotsAreNotCounted) {
  const auto s = summarize_ballots({{1, 0}, {2, 2}, {7, 0}});
  EXPECT_EQ(s.count, 1);
  EXPECT_EQ(s.offered, 2);
  EXPECT_EQ(s.spread, 0);
}

TEST(VoteSummary, AgreesWithTheRecordedDistribution) {
  for (int a = 0; a <= 4; ++a)
    for (int b = 0; b <= 4; ++b)
      for (int c = 0; c <= 4; ++c) {
        std::map<person_id, int> ballots;
        person_id id = 1;
        for (int i = 0; i < a; ++i) ballots[id++] = 1;
        for (int i = 0; i < b; ++i) ballots[id++] = 2;
        for (int i = 0; i < c; ++i) ballots[id++] = 3;
        const auto from_ballots = summarize_ballots(ballots);
        const auto from_record = summarize_distribution({a, b, c});
        EXPECT_EQ(from_ballots.distribution, from_record.distribution);
        EXPECT_EQ(from_ballots.offered, from_record.offered);
        EXPECT_EQ(from_ballots.spread, from_record.spread);
        if (a + b + c > 0) {
          EXPECT_GE(from_record.offered, 1);
          EXPECT_LE(from_record.offered, 3);
          EXPECT_EQ(from_record.split(), a > 0 && c > 0);
        }
      }
}

}  // namespace
}  // namespace jos::shared
