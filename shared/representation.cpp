#include "shared/representation.hpp"

#include <algorithm>
#include <utility>

namespace jos::shared {

namespace {

std::string who_of(organisation org, staff_level level) {
  return std::string(level == staff_level::manager ? "manager" : "uitvoerder") + " van " +
         (org == organisation::school ? "de school" : "het jongerenwerk");
}

}  // namespace

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
      gaps.push_back({org, level, "Er is nog geen " + who_of(org, level) + "."});
    }
  }
  return gaps;
}

std::vector<representation_gap> team_representation_gaps(const trajectory& t) {
  std::vector<person_id> everyone;
  for (const auto& p : t.team) everyone.push_back(p.id);
  return representation_gaps(t, everyone);
}

std::vector<representation_gap> meeting_representation_gaps(const trajectory& t, int meeting) {
  if (meeting < 0 || meeting >= static_cast<int>(t.meetings.size())) return {};
  auto gaps = representation_gaps(t, t.meetings[static_cast<std::size_t>(meeting)].session.present);
  for (auto& g : gaps) g.message = "Geen " + who_of(g.org, g.level) + " aanwezig.";
  return gaps;
}

attendance attendance_of(const live_session& s, person_id id) {
  const auto in = [id](const std::vector<person_id>& sorted) {
    return std::binary_search(sorted.begin(), sorted.end(), id);
  };
  if (in(s.online)) return attendance::online;
  if (in(s.present)) return attendance::aanwezig;
  if (in(s.excused)) return attendance::afgemeld;
  return attendance::onbekend;
}

std::vector<const person*> people_marked(const trajectory& t, const live_session& s,
                                         attendance mark) {
  std::vector<const person*> out;
  for (const auto& p : t.team)
    if (attendance_of(s, p.id) == mark) out.push_back(&p);
  return out;
}

}  // namespace jos::shared
