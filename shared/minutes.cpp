#include "shared/minutes.hpp"

#include "shared/calendar.hpp"
#include "shared/content.hpp"

namespace jos::shared {

int whole_minutes(std::int64_t ms) { return static_cast<int>((ms + 30'000) / 60'000); }

std::string name_or_dash(const trajectory& t, person_id id) {
  const person* p = find_anyone(t, id);  // also someone since taken off the team
  return p == nullptr ? "–" : p->name;
}

std::vector<std::string> recorded_decisions(const trajectory& t, int meeting_index, int item) {
  std::vector<std::string> out;
  if (meeting_index < 0 || meeting_index >= static_cast<int>(t.meetings.size())) return out;
  const auto& items = t.meetings[static_cast<std::size_t>(meeting_index)].session.items;
  if (item < 0 || item >= static_cast<int>(items.size())) return out;
  const agenda_record& r = items[static_cast<std::size_t>(item)];
  const auto& c = leerlijn();
  for (int v : r.votes) {
    if (v < 0 || v >= static_cast<int>(t.votes.size())) continue;
    const vote_record& vote = t.votes[static_cast<std::size_t>(v)];
    std::string line = "Stemming over " + c.rows.at(static_cast<std::size_t>(vote.row)).name + ": ";
    for (int value = 1; value <= 3; ++value) {
      if (value > 1) line += ", ";
      line += std::to_string(vote.distribution[static_cast<std::size_t>(value - 1)]) + " × " +
              std::to_string(value);
    }
    line += "; besloten: " + std::to_string(vote.decided) + " (" +
            c.scale.at(static_cast<std::size_t>(vote.decided - 1)).label + ")";
    out.push_back(std::move(line));
  }
  for (int id : r.actions) {
    if (id < 1 || id > static_cast<int>(t.actions.size())) continue;
    const action_item& a = t.actions[static_cast<std::size_t>(id - 1)];
    std::string line = "Actie " + std::to_string(a.id) + ": " + a.text;
    if (a.owner != no_person) line += " – " + name_or_dash(t, a.owner);
    if (!a.due.empty())
      line += (a.owner != no_person ? ", " : " – ") + std::string("uiterlijk ") +
              long_dutch_date(a.due);
    out.push_back(std::move(line));
  }
  if (!r.next_date.empty()) out.push_back("Volgende bijeenkomst: " + long_dutch_date(r.next_date));
  return out;
}

std::string item_time_line(const trajectory& t, int meeting_index, int item, std::int64_t now_ms) {
  if (meeting_index < 0 || meeting_index >= static_cast<int>(t.meetings.size())) return {};
  const meeting& m = t.meetings[static_cast<std::size_t>(meeting_index)];
  const auto& agenda = template_of(m).agenda;
  if (item < 0 || item >= static_cast<int>(agenda.size()) ||
      item >= static_cast<int>(m.session.items.size()))
    return {};
  const agenda_record& r = m.session.items[static_cast<std::size_t>(item)];
  std::int64_t used = r.used_ms;
  int extra = r.extra_minutes;
  // The item running now has its time on the clock, not yet in its record.
  if (m.status == meeting_status::bezig && m.session.agenda_index == item) {
    used += m.session.timer.elapsed_at(now_ms);
    extra += m.session.timer.extra_minutes;
  }
  std::string line =
      "gepland " + std::to_string(agenda[static_cast<std::size_t>(item)].minutes) + " min · ";
  const bool now = m.status == meeting_status::bezig && m.session.agenda_index == item;
  if (!r.visited && !now)
    return line + (m.status == meeting_status::gepland ? "nog niet begonnen" : "niet behandeld");
  const int minutes = whole_minutes(used);
  line += minutes == 0 ? std::string("duurde minder dan een minuut")
                       : "duurde " + std::to_string(minutes) + " min";
  if (extra > 0) line += " (verlengd met " + std::to_string(extra) + " min)";
  return line;
}

}  // namespace jos::shared
