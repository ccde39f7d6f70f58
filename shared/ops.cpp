#include "shared/ops.hpp"

#include <algorithm>
#include <type_traits>

namespace jos::shared {

std::string_view op_name(const operation& o) {
  static constexpr std::string_view names[] = {
      "set_partnership", "set_precondition",  "add_person",         "update_person",
      "set_coordinator", "schedule_meeting",  "plan_from_start",    "add_extra_meeting",
      "start_meeting",   "end_meeting",       "goto_agenda_item",   "control_timer",
      "assign_role",     "set_presence",      "set_writer",         "set_rating",
      "edit_text",       "add_reaction",      "highlight_reaction", "open_vote",
      "cast_vote",       "reveal_vote",       "close_vote",         "add_action",
      "update_action",   "set_action_status", "set_attendance",     "set_meeting_details",
      "record_check_in", "remove_person"};
  static_assert(std::size(names) == std::variant_size_v<operation>);
  return names[o.index()];
}

const std::string* find_text(const trajectory& t, const op::text_target& target) {
  if (target.minutes) {
    if (target.meeting < 0 || target.meeting >= static_cast<int>(t.meetings.size())) return nullptr;
    const live_session& s = t.meetings[static_cast<std::size_t>(target.meeting)].session;
    if (target.item < 0) return target.decided ? nullptr : &s.minutes;
    if (target.item >= static_cast<int>(s.items.size())) return nullptr;
    const agenda_record& r = s.items[static_cast<std::size_t>(target.item)];
    return target.decided ? &r.decided : &r.notes;
  }
  const document* d = find_document(t, target.document, target.meeting);
  if (d == nullptr || target.row < 0 || target.row >= onderdeel_count) return nullptr;
  const auto& cells = d->rows[static_cast<std::size_t>(target.row)].cells;
  if (target.column < 0 || target.column >= static_cast<int>(cells.size())) return nullptr;
  return &cells[static_cast<std::size_t>(target.column)];
}

std::string* find_text(trajectory& t, const op::text_target& target) {
  return const_cast<std::string*>(find_text(static_cast<const trajectory&>(t), target));
}

void complete_on_server(operation& o, const trajectory& t, std::int64_t now_ms) {
  std::visit(
      [now_ms](auto& body) {
        if constexpr (requires { body.at_ms; }) body.at_ms = now_ms;
      },
      o);
  if (auto* reveal = std::get_if<op::reveal_vote>(&o)) {
    reveal->ballots.clear();
    if (reveal->meeting < 0 || reveal->meeting >= static_cast<int>(t.meetings.size())) return;
    const vote_state& vote = t.meetings[static_cast<std::size_t>(reveal->meeting)].session.vote;
    if (!vote.anonymous) {
      reveal->ballots = vote.ballots;
      return;
    }
    // Anonymous: the values under stand-in numbers, ordered by value, so that nobody (the
    // server's own state included, once applied) can tell who voted what.
    std::vector<int> values;
    for (const auto& [voter, value] : vote.ballots) values.push_back(value);
    std::sort(values.begin(), values.end());
    person_id stand_in = 1;
    for (int value : values) reveal->ballots[stand_in++] = value;
  }
}

}  // namespace jos::shared
