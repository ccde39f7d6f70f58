#include "shared/check_ins.hpp"

namespace jos::shared {

std::optional<int> check_in_period(const trajectory& t) {
  for (int i = 1; i < static_cast<int>(t.meetings.size()); ++i) {
    const meeting& m = t.meetings[static_cast<std::size_t>(i)];
    if (template_of(m).tussentijds.empty()) continue;
    if (t.meetings[static_cast<std::size_t>(i - 1)].status == meeting_status::afgerond &&
        m.status == meeting_status::gepland)
      return i;
  }
  return std::nullopt;
}

std::vector<owner_check_in> check_ins_by_owner(const trajectory& t) {
  std::vector<owner_check_in> out;
  for (const auto& p : t.team) {
    owner_check_in o;
    o.owner = p.id;
    for (const auto& a : t.actions)
      if (a.owner == p.id && (a.status == action_status::open || a.status == action_status::bezig))
        o.actions.push_back(a.id);
    if (o.actions.empty()) continue;
    for (const auto& c : t.check_ins)
      if (c.person == p.id && (o.last == nullptr || c.at_ms >= o.last->at_ms)) o.last = &c;
    out.push_back(std::move(o));
  }
  return out;
}

std::vector<person_id> not_getting_going(const trajectory& t) {
  std::vector<person_id> out;
  for (const auto& o : check_ins_by_owner(t))
    if (o.last != nullptr && !o.last->going) out.push_back(o.owner);
  return out;
}

}  // namespace jos::shared
