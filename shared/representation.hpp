#pragma once
// The preparation rule of the Signaleringsbijeenkomst: "Zorg ervoor dat zowel uitvoerders
// als managers van zowel het jongerenwerk als het schoolpersoneel vertegenwoordigd zijn."

#include <string>
#include <vector>

#include "shared/model.hpp"

namespace jos::shared {

struct representation_gap {
  organisation org;
  staff_level level;
  std::string message;  // Dutch, e.g. "Er is nog geen manager van de school."
};

// Gaps among `people` (the team, or those present at a meeting).
std::vector<representation_gap> representation_gaps(const trajectory& t,
                                                    const std::vector<person_id>& people);
std::vector<representation_gap> team_representation_gaps(const trajectory& t);

}  // namespace jos::shared
