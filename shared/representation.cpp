#include "shared/representation.hpp"

#include <utility>

namespace jos::shared {

std::vector<representation_gap> representation_gaps(const trajectory& t,
                                                    const std::vector<person_id>& people) {
  std::vector<representation_gap> gaps;
  for (auto org : {organisation::school, organisation::jongerenwerk}) {
    for (auto level : {staff_level::uitvoerder, staff_level::manager}) {
      bool found = false;
      for (person_id id : people) {
        const person* p = find_person(t, id);
        if (p != nullptr && p->org == org && p->level == level) found = true;
      }
      if (found) continue;
      const std::string who = level == staff_level::manager ? "manager" : "uitvoerder";
      const std::string where = org == organisation::school ? "de school" : "het jongerenwerk";
      std::string message = "Er is nog geen ";
      message.append(who).append(" van ").append(where).append(".");
      gaps.push_back({org, level, std::move(message)});
    }
  }
  return gaps;
}

std::vector<representation_gap> team_representation_gaps(const trajectory& t) {
  std::vector<person_id> everyone;
  for (const auto& p : t.team) everyone.push_back(p.id);
  return representation_gaps(t, everyone);
}

}  // namespace jos::shared
