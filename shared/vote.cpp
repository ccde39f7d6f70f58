#include "shared/vote.hpp"

#include <cmath>
#include <vector>

#include "shared/content.hpp"

namespace jos::shared {

vote_summary summarize_distribution(const std::array<int, 3>& distribution) {
  vote_summary s;
  s.distribution = distribution;
  std::vector<int> values;
  for (int value = rating_min; value <= rating_max; ++value)
    for (int i = 0; i < distribution[static_cast<std::size_t>(value - rating_min)]; ++i)
      values.push_back(value);
  s.count = static_cast<int>(values.size());
  if (values.empty()) return s;
  const std::size_t n = values.size();
  s.median = (values[(n - 1) / 2] + values[n / 2]) / 2.0;
  s.offered = static_cast<int>(std::floor(s.median + 0.5));
  s.spread = values.back() - values.front();
  return s;
}

vote_summary summarize_ballots(const std::map<person_id, int>& ballots) {
  std::array<int, 3> distribution{};
  for (const auto& [voter, value] : ballots)
    if (value >= rating_min && value <= rating_max)
      ++distribution[static_cast<std::size_t>(value - rating_min)];
  return summarize_distribution(distribution);
}

}  // namespace jos::shared
