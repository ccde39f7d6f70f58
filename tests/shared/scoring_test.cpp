// Totals and phases of the Signaleringsinstrument, checked over every possible filling.

#include <gtest/gtest.h>

#include <array>
#include <optional>

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

// Every filling with at least one onderdeel left open: each of the ten is 0 (not rated) or
// 1..3, so 4^10 fillings, of which the 3^10 complete ones are checked above.
TEST(Scoring, EveryPartialFillingHasTotalMissingAndNoPhase) {
  std::array<int, onderdeel_count> ratings{};
  int partial = 0;
  std::array<int, onderdeel_count + 1> per_missing{};
  for (int code = 0; code < (1 << (2 * onderdeel_count)); ++code) {  // 4^10
    int c = code;
    int sum = 0;
    int rated = 0;
    for (auto& r : ratings) {
      r = c % 4;
      c /= 4;
      sum += r;
      rated += r != 0 ? 1 : 0;
    }
    if (rated == onderdeel_count) continue;
    ++partial;
    const score s = compute_score(ratings);
    ASSERT_EQ(s.total, sum) << code;
    ASSERT_EQ(s.rated, rated) << code;
    ASSERT_EQ(s.missing, onderdeel_count - rated) << code;
    ASSERT_FALSE(s.complete()) << code;
    // Even a partial total inside a band (e.g. nine threes = 27) must not show a phase.
    ASSERT_FALSE(s.final_phase.has_value()) << code << " total " << sum;
    ++per_missing[static_cast<std::size_t>(s.missing)];
  }
  EXPECT_EQ(partial, (1 << (2 * onderdeel_count)) - 59049);
  // With k open onderdelen: C(10, k) ways to choose them times 3^(10-k) ratings for the rest.
  int choose = 1;
  for (int k = 1; k <= onderdeel_count; ++k) {
    choose = choose * (onderdeel_count - k + 1) / k;
    int rest = 1;
    for (int i = 0; i < onderdeel_count - k; ++i) rest *= 3;
    EXPECT_EQ(per_missing[static_cast<std::size_t>(k)], choose * rest) << k << " missing";
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
