#pragma once
// Meeting 4's "analyse van de gerealiseerde verbetering": the second Signaleringsinstrument
// against the first. For a newly started cooperation the first one described the desired
// situation, so the question becomes how far that has been reached.

#include <array>
#include <optional>
#include <string>
#include <string_view>

#include "shared/model.hpp"
#include "shared/scoring.hpp"

namespace jos::shared {

enum class change : std::uint8_t { improved, same, worse, incomplete };

struct row_comparison {
  int before = 0;  // 0: not rated
  int after = 0;
  change verdict = change::incomplete;
};

struct comparison {
  cooperation kind = cooperation::existing;
  std::array<row_comparison, onderdeel_count> rows{};
  score before;
  score after;
  int improved = 0;
  int same = 0;
  int worse = 0;
};

comparison compare_signalering(const trajectory& t);

// Dutch wording of a verdict, following the kind of cooperation ("verbeterd" for an
// existing one; "bereikt" / "nog niet bereikt" against a desired situation).
std::string_view verdict_label(change c, cooperation kind);
std::string_view before_label(cooperation kind);  // "Begin" or "Gewenst"
std::string_view after_label(cooperation kind);   // "Eind" or "Bereikt"

// One sentence on the phases before and after, worded for the kind of cooperation ("De
// gewenste fase (Opbouwfase) is bereikt: de samenwerking zit in de Doorontwikkelfase.").
std::string phase_sentence(const comparison& cmp);

// Where the team's overall conclusion on the comparison is written: the agenda item that
// shows the comparison (meeting, item), nullopt while there is no such meeting.
struct item_ref {
  int meeting = 0;
  int item = 0;
};
std::optional<item_ref> comparison_item(const trajectory& t);

}  // namespace jos::shared
