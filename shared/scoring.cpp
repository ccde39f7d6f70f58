#include "shared/scoring.hpp"

namespace jos::shared {

std::optional<phase> phase_for_total(int total) {
  const auto& bands = leerlijn().bands;
  for (std::size_t i = 0; i < bands.size(); ++i)
    if (total >= bands[i].min && total <= bands[i].max) return static_cast<phase>(i);
  return std::nullopt;
}

const phase_band& band_of(phase p) { return leerlijn().bands.at(static_cast<std::size_t>(p)); }

score compute_score(std::span<const int> ratings) {
  score s;
  for (int r : ratings) {
    if (r >= rating_min && r <= rating_max) {
      s.total += r;
      ++s.rated;
    }
  }
  s.missing = onderdeel_count - s.rated;
  if (s.missing == 0) s.final_phase = phase_for_total(s.total);
  return s;
}

}  // namespace jos::shared
