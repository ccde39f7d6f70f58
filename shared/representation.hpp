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
// Gaps among those present at a meeting, worded for it ("Geen manager van de school
// aanwezig."): the rule holds for the meeting itself, not only for the team on paper.
std::vector<representation_gap> meeting_representation_gaps(const trajectory& t, int meeting);

// Who was at a meeting, one mark per person.
attendance attendance_of(const live_session& s, person_id id);
// The people with a given mark, in team order.
std::vector<const person*> people_marked(const trajectory& t, const live_session& s,
                                         attendance mark);

}  // namespace jos::shared
