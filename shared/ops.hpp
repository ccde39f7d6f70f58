#pragma once
// Every change to a trajectory is one of these typed operations. The server validates and
// applies them in its order; clients apply the same ops to predict and to follow.

#include <cstdint>
#include <map>
#include <string>
#include <variant>
#include <vector>

#include "shared/ids.hpp"
#include "shared/model.hpp"
#include "shared/text.hpp"

namespace jos::shared {

namespace op {

struct set_partnership {
  partnership value;
};
struct set_precondition {
  int index = 0;
  bool met = false;
};
// People join through the server (actor: system) or are added by a coordinator.
struct add_person {
  person value;
};
struct update_person {
  person value;  // id selects the person; coordinator flag is ignored (see set_coordinator)
};
struct set_coordinator {
  person_id person = no_person;
  bool coordinator = false;
};
struct schedule_meeting {
  int meeting = 0;
  std::string date;  // yyyy-mm-dd or empty
  meeting_mode mode = meeting_mode::fysiek;
};
// Plans the four meetings from a start date in the seed's weeks 1, 3, 9 and 17.
struct plan_from_start {
  std::string start_date;
};
struct add_extra_meeting {
  std::string date;
  meeting_mode mode = meeting_mode::fysiek;
};
struct start_meeting {
  int meeting = 0;
  std::int64_t at_ms = 0;  // stamped by the server
};
struct end_meeting {
  int meeting = 0;
  std::int64_t at_ms = 0;
};
struct goto_agenda_item {
  int meeting = 0;
  int index = 0;
  std::int64_t at_ms = 0;
};
struct control_timer {
  int meeting = 0;
  timer_action action = timer_action::start;
  int minutes = 0;  // for extend
  std::int64_t at_ms = 0;
};
struct assign_role {
  int meeting = 0;
  meeting_role role = meeting_role::invuller;
  person_id person = no_person;  // no_person clears the role
};
// Kept for older clients: present is "aanwezig", not present clears the mark.
struct set_presence {
  int meeting = 0;
  person_id person = no_person;
  bool present = false;
};
// Who was at a meeting: someone online marks themselves; the notulist or the coordinator
// marks those in the room and those who sent notice.
struct set_attendance {
  int meeting = 0;
  person_id person = no_person;
  attendance value = attendance::aanwezig;
};
// When and where a meeting takes place, for the invitation and the calendar.
struct set_meeting_details {
  int meeting = 0;
  std::string start_time;  // hh:mm or empty
  std::string place;
  std::string link;
};
// Between the meetings the coordinator checks in with an action owner.
struct record_check_in {
  person_id person = no_person;
  bool going = true;
  std::string note;
  std::int64_t at_ms = 0;  // stamped by the server
};
struct set_writer {
  int meeting = 0;
  person_id person = no_person;
  bool allowed = false;
};
struct set_rating {
  document_id document = document_id::signalering_begin;
  int row = 0;
  int value = 0;  // 0 clears
};

// Where a text splice goes: a cell of a document, or the minutes of a meeting (the whole
// meeting's, or what was said or decided at one agenda item).
struct text_target {
  bool minutes = false;
  int meeting = 0;  // the minutes' meeting; for a cell, the extra meeting holding it
  document_id document = document_id::signalering_begin;
  int row = 0;
  int column = 0;
  int item = -1;         // minutes only: the agenda item, -1 for the meeting as a whole
  bool decided = false;  // at an item: what was decided (else what was said)
  bool operator==(const text_target&) const = default;
};
// The minutes of a meeting as a whole, or what was said (or decided) at one agenda item.
inline text_target minutes_target(int meeting, int item = -1, bool decided = false) {
  text_target t;
  t.minutes = true;
  t.meeting = meeting;
  t.item = item;
  t.decided = decided;
  return t;
}
// Splices applied in order. A client sends one; the server's transformation over
// concurrent edits can split it in two (a deletion around someone else's insertion).
struct edit_text {
  text_target target;
  std::vector<splice> edits;
};
inline constexpr std::size_t max_splices_per_edit = 8;
struct add_reaction {
  int meeting = 0;
  int row = -1;
  std::string text;
  std::int64_t at_ms = 0;
};
struct highlight_reaction {
  int meeting = 0;
  int index = -1;  // -1 clears
};
struct open_vote {
  int meeting = 0;
  document_id document = document_id::signalering_begin;
  int row = 0;
  bool anonymous = false;
};
struct cast_vote {
  int meeting = 0;
  int value = 0;
};
// The server fills in the ballots: until now clients only knew who had voted.
struct reveal_vote {
  int meeting = 0;
  std::map<person_id, int> ballots;
};
// Actions: added and reworded by those who may fill in the plan; progress by anyone.
struct add_action {
  int row = 0;
  std::string text;
  person_id owner = no_person;
  std::string due;
};
struct update_action {
  int id = 0;
  std::string text;
  person_id owner = no_person;
  std::string due;
};
struct set_action_status {
  int id = 0;
  action_status status = action_status::open;
};

// Ends the vote; with a value 1..3 that value becomes the rating and the vote is recorded.
struct close_vote {
  int meeting = 0;
  int decided = 0;  // 0: closed without a decision, nothing changes
};

// A coordinator takes someone off the team: they lose every right and role (the server
// ends their access too), while what they wrote stays under their name (trajectory::former).
struct remove_person {
  person_id person = no_person;
};

}  // namespace op

using operation =
    std::variant<op::set_partnership, op::set_precondition, op::add_person, op::update_person,
                 op::set_coordinator, op::schedule_meeting, op::plan_from_start,
                 op::add_extra_meeting, op::start_meeting, op::end_meeting, op::goto_agenda_item,
                 op::control_timer, op::assign_role, op::set_presence, op::set_writer,
                 op::set_rating, op::edit_text, op::add_reaction, op::highlight_reaction,
                 op::open_vote, op::cast_vote, op::reveal_vote, op::close_vote, op::add_action,
                 op::update_action, op::set_action_status, op::set_attendance,
                 op::set_meeting_details, op::record_check_in, op::remove_person>;

// The text a target names, or null when there is none (a meeting, item, document, row or
// column that does not exist).
const std::string* find_text(const trajectory& t, const op::text_target& target);
std::string* find_text(trajectory& t, const op::text_target& target);

// The wire name of an operation ("set_rating", ...).
std::string_view op_name(const operation& o);

// Fills in what only the server knows before it orders an op: its clock (so every replica
// computes the same timers) and, at a reveal, the secret ballots.
void complete_on_server(operation& o, const trajectory& t, std::int64_t now_ms);

}  // namespace jos::shared
