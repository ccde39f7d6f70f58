// Totals and phases of the Signaleringsinstrument, checked over every possible filling.

#include <gtest/gtest.h>

#include <array>
#include <optional>
#include <random>

#include "shared/scoring.hpp"

namespace jos::shared {
namespace {

// The seed's bands, written out independently of the content file.
std::optional<phase> expected_phase(int total) {
  if (total >= 10 && total <= 14) return phase::opstartfase;
  if (total >= 15 && total <= 24) return phase::opbouwfase;
  if (total >= 25 && total <= 30) return phase::doorontwikkelfase;
  return std::nullopt;
}

TEST(Scoring, PhaseForTotalBoundaries) {
  EXPECT_FALSE(phase_for_total(9).has_value());
  EXPECT_EQ(phase_for_total(10), phase::opstartfase);
  EXPECT_EQ(phase_for_total(14), phase::opstartfase);
  EXPECT_EQ(phase_for_total(15), phase::opbouwfase);
  EXPECT_EQ(phase_for_total(24), phase::opbouwfase);
  EXPECT_EQ(phase_for_total(25), phase::doorontwikkelfase);
  EXPECT_EQ(phase_for_total(30), phase::doorontwikkelfase);
  EXPECT_FALSE(phase_for_total(31).has_value());
  EXPECT_FALSE(phase_for_total(0).has_value());
  EXPECT_FALSE(phase_for_total(-10).has_value());
  for (int total = -5; total <= 40; ++total)
    EXPECT_EQ(phase_for_total(total), expected_phase(total));
}

TEST(Scoring, BandOfNamesEachPhase) {
  EXPECT_EQ(band_of(phase::opstartfase).name, "Opstartfase");
  EXPECT_EQ(band_of(phase::opbouwfase).name, "Opbouwfase");
  EXPECT_EQ(band_of(phase::doorontwikkelfase).name, "Doorontwikkelfase");
  EXPECT_EQ(band_of(phase::opbouwfase).min, 15);
  EXPECT_EQ(band_of(phase::opbouwfase).max, 24);
}

TEST(Scoring, EveryCompleteFillingGivesSumAndPhase) {
  std::array<int, onderdeel_count> ratings{};
  int seen = 0;
  std::array<int, 3> per_phase{};
  for (int code = 0; code < 59049; ++code) {  // 3^10
    int c = code;
    int sum = 0;
    for (auto& r : ratings) {
      r = c % 3 + 1;
      c /= 3;
      sum += r;
    }
    const score s = compute_score(ratings);
    ASSERT_EQ(s.total, sum) << code;
    ASSERT_EQ(s.rated, onderdeel_count);
    ASSERT_EQ(s.missing, 0);
    ASSERT_TRUE(s.complete());
    ASSERT_TRUE(s.final_phase.has_value()) << code;
    ASSERT_EQ(s.final_phase, expected_phase(sum)) << code;
    ++per_phase[static_cast<std::size_t>(*s.final_phase)];
    ++seen;
  }
  EXPECT_EQ(seen, 59049);
  // Every phase is reachable: all ones is opstart, all threes doorontwikkel.
  EXPECT_GT(per_phase[0], 0);
  EXPECT_GT(per_phase[1], 0);
  EXPECT_GT(per_phase[2], 0);
  EXPECT_EQ(per_phase[0] + per_phase[1] + per_phase[2], 59049);
}

TEST(Scoring, ExtremeCompleteFillings) {
  std::array<int, onderdeel_count> ones{};
  ones.fill(1);
  EXPECT_EQ(compute_score(ones).total, 10);
  EXPECT_EQ(compute_score(ones).final_phase, phase::opstartfase);
  std::array<int, onderdeel_count> threes{};
  threes.fill(3);
  EXPECT_EQ(compute_score(threes).total, 30);
  EXPECT_EQ(compute_score(threes).final_phase, phase::doorontwikkelfase);
}

TEST(Scoring, EveryPartialFillingHasTotalMissingAndNoPhase) {
  std::mt19937 rng(20260907);
  std::uniform_int_distribution<int> value(1, 3);
  std::array<int, onderdeel_count> ratings{};
  for (int mask = 0; mask < (1 << onderdeel_count) - 1; ++mask) {  // all but "all rated"
    for (int round = 0; round < 24; ++round) {
      int sum = 0;
      int rated = 0;
      for (int i = 0; i < onderdeel_count; ++i) {
        const bool is_rated = (mask >> i) & 1;
        ratings[static_cast<std::size_t>(i)] = is_rated ? value(rng) : 0;
        if (is_rated) {
          sum += ratings[static_cast<std::size_t>(i)];
          ++rated;
        }
      }
      const score s = compute_score(ratings);
      ASSERT_EQ(s.total, sum) << "mask " << mask;
      ASSERT_EQ(s.rated, rated) << "mask " << mask;
      ASSERT_EQ(s.missing, onderdeel_count - rated) << "mask " << mask;
      ASSERT_GT(s.missing, 0);
      ASSERT_FALSE(s.complete());
      // Even a partial total inside a band (e.g. nine threes = 27) must not show a phase.
      ASSERT_FALSE(s.final_phase.has_value()) << "mask " << mask << " total " << sum;
    }
  }
}

TEST(Scoring, ValuesOutsideTheScaleCountAsNotRated) {
  std::array<int, onderdeel_count> ratings{};
  ratings.fill(2);
  ratings[3] = 4;
  ratings[7] = -1;
  const score s = compute_score(ratings);
  EXPECT_EQ(s.total, 16);
  EXPECT_EQ(s.rated, 8);
  EXPECT_EQ(s.missing, 2);
  EXPECT_FALSE(s.final_phase.has_value());
}

TEST(Scoring, EmptyInstrument) {
  std::array<int, onderdeel_count> ratings{};
  const score s = compute_score(ratings);
  EXPECT_EQ(s.total, 0);
  EXPECT_EQ(s.rated, 0);
  EXPECT_EQ(s.missing, onderdeel_count);
  EXPECT_FALSE(s.final_phase.has_value());
}

}  // namespace
}  // namespace jos::shared
