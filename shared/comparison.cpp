#include "shared/comparison.hpp"

namespace jos::shared {

comparison compare_signalering(const trajectory& t) {
  comparison c;
  c.kind = t.partners.kind;
  const auto before =
      ratings_of(t.documents[static_cast<std::size_t>(document_id::signalering_begin)]);
  const auto after =
      ratings_of(t.documents[static_cast<std::size_t>(document_id::signalering_eind)]);
  for (std::size_t i = 0; i < c.rows.size(); ++i) {
    auto& r = c.rows[i];
    r.before = before[i];
    r.after = after[i];
    if (r.before == 0 || r.after == 0) {
      r.verdict = change::incomplete;
    } else if (r.after > r.before) {
      r.verdict = change::improved;
      ++c.improved;
    } else if (r.after == r.before) {
      r.verdict = change::same;
      ++c.same;
    } else {
      r.verdict = change::worse;
      ++c.worse;
    }
  }
  c.before = compute_score(before);
  c.after = compute_score(after);
  return c;
}

std::string_view verdict_label(change c, cooperation kind) {
  if (kind == cooperation::fresh) {
    switch (c) {
      case change::improved: return "Meer dan gewenst";
      case change::same: return "Bereikt";
      case change::worse: return "Nog niet bereikt";
      case change::incomplete: return "Nog niet gescoord";
    }
  }
  switch (c) {
    case change::improved: return "Verbeterd";
    case change::same: return "Gelijk gebleven";
    case change::worse: return "Achteruitgegaan";
    case change::incomplete: return "Nog niet gescoord";
  }
  return "?";
}

std::string_view before_label(cooperation kind) {
  return kind == cooperation::fresh ? "Gewenst" : "Begin";
}

std::string_view after_label(cooperation kind) {
  return kind == cooperation::fresh ? "Bereikt" : "Eind";
}

std::string phase_sentence(const comparison& cmp) {
  if (!cmp.before.final_phase || !cmp.after.final_phase)
    return "De fase volgt zodra beide Signaleringsinstrumenten helemaal zijn ingevuld.";
  const std::string before = band_of(*cmp.before.final_phase).name;
  const std::string after = band_of(*cmp.after.final_phase).name;
  if (cmp.kind == cooperation::fresh) {
    if (*cmp.after.final_phase >= *cmp.before.final_phase)
      return "De gewenste fase (" + before + ") is bereikt: de samenwerking zit in de " + after +
             ".";
    return "De gewenste fase (" + before + ") is nog niet bereikt: de samenwerking zit in de " +
           after + ".";
  }
  if (*cmp.after.final_phase > *cmp.before.final_phase)
    return "De samenwerking is van de " + before + " naar de " + after + " gegaan.";
  if (*cmp.after.final_phase == *cmp.before.final_phase)
    return "De samenwerking is in de " + after + " gebleven.";
  return "De samenwerking is teruggegaan van de " + before + " naar de " + after + ".";
}

std::optional<item_ref> comparison_item(const trajectory& t) {
  for (int m = 0; m < static_cast<int>(t.meetings.size()); ++m) {
    const auto& agenda = template_of(t.meetings[static_cast<std::size_t>(m)]).agenda;
    for (int i = 0; i < static_cast<int>(agenda.size()); ++i)
      if (agenda[static_cast<std::size_t>(i)].document == document_kind::vergelijking)
        return item_ref{m, i};
  }
  return std::nullopt;
}

}  // namespace jos::shared
