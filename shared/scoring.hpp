#pragma once
// Totals and phases of the Signaleringsinstrument (Bijlage 2, "Score").

#include <array>
#include <optional>
#include <span>

#include "shared/content.hpp"

namespace jos::shared {

enum class phase : std::uint8_t { opstartfase, opbouwfase, doorontwikkelfase };

struct score {
  int total = 0;    // sum of the ratings given so far
  int rated = 0;    // how many onderdelen carry a rating
  int missing = 0;  // onderdeel_count - rated
  // Only when all ten are rated: a phase from a partial total would mislead the team.
  std::optional<phase> final_phase;
  bool complete() const { return missing == 0; }
};

// ratings: one per onderdeel, 0 meaning "not rated yet", otherwise 1..3.
score compute_score(std::span<const int> ratings);

// The band a complete total (10..30) falls in; nullopt outside that range.
std::optional<phase> phase_for_total(int total);
const phase_band& band_of(phase p);

}  // namespace jos::shared
