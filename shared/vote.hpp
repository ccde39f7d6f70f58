#pragma once
// What a revealed group vote says: how many chose 1, 2 and 3, the median the team is
// offered as its rating, and whether the room is split (someone said 1 and someone 3),
// which the seed would have the team talk through before deciding.

#include <array>
#include <map>

#include "shared/ids.hpp"

namespace jos::shared {

struct vote_summary {
  std::array<int, 3> distribution{};  // how many voted 1, 2, 3
  int count = 0;                      // ballots with a value
  double median = 0;                  // 0 without ballots; x.5 for an even split
  int offered = 0;                    // the median as a rating (x.5 rounds up); 0 if none
  int spread = 0;                     // highest minus lowest value
  bool split() const { return spread >= 2; }
};

// Ballots without a value (0: still hidden) are not counted.
vote_summary summarize_ballots(const std::map<person_id, int>& ballots);
vote_summary summarize_distribution(const std::array<int, 3>& distribution);

}  // namespace jos::shared
