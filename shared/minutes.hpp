#pragma once
// The minutes as the seed's meetings produce them: per agenda item what was said and
// decided, and what the rules recorded there (a vote's distribution and decision, the
// actions made, the next date agreed), with the time the item took against its plan. The
// meeting view and the exported minutes word them the same way.

#include <string>
#include <vector>

#include "shared/model.hpp"

namespace jos::shared {

// "Stemming over Tweerichtingsverkeer: 1 × 1, 2 × 2, 1 × 3; besloten: 2 (enigszins)",
// "Actie 3: Overleg inplannen – Noël Öztürk, uiterlijk donderdag 1 oktober 2026",
// "Volgende bijeenkomst: dinsdag 22 september 2026". Empty when nothing was recorded.
std::vector<std::string> recorded_decisions(const trajectory& t, int meeting_index, int item);

// "gepland 10 min · duurde 14 min (verlengd met 5 min)"; "gepland 10 min · niet behandeld".
// The item running now counts its clock up to `now_ms` (server time).
std::string item_time_line(const trajectory& t, int meeting_index, int item,
                           std::int64_t now_ms = 0);

// Minutes, rounded to the nearest whole minute.
int whole_minutes(std::int64_t ms);

// A person's name, or "–" for nobody or someone no longer on the team.
std::string name_or_dash(const trajectory& t, person_id id);

}  // namespace jos::shared
