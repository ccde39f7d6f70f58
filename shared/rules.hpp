#pragma once
// The rules of the leerlijn: who may do what (validate) and what it does (apply).
// The server decides with these; clients predict with the same functions.

#include <optional>
#include <string>

#include "shared/model.hpp"
#include "shared/ops.hpp"

namespace jos::shared {

// Free text limits, in code points: enough for a long answer, small enough that one
// message stays far below the frame cap.
inline constexpr std::size_t max_cell_length = 4000;
inline constexpr std::size_t max_minutes_length = 40000;
// What was said at one agenda item, and what was decided there.
inline constexpr std::size_t max_item_notes_length = 20000;
inline constexpr std::size_t max_item_decided_length = 4000;
inline constexpr std::size_t max_place_length = 200;
inline constexpr std::size_t max_link_length = 500;
inline constexpr std::size_t max_check_in_length = 1000;
inline constexpr std::size_t max_check_ins = 1000;
inline constexpr std::size_t max_reaction_length = 1000;
inline constexpr std::size_t max_name_length = 120;
// Reactions per meeting: with the length limit this keeps the largest possible snapshot
// well within the protocol's snapshot cap.
inline constexpr std::size_t max_reactions = 500;
inline constexpr std::size_t max_vote_records = 10000;
inline constexpr int max_extend_minutes = 120;
// Totals that keep every state the rules can reach small enough to store and to send as a
// snapshot that clients accept (protocol/state_codec checks them when decoding).
inline constexpr int max_extra_minutes = 8 * 60;  // per agenda item
inline constexpr std::size_t max_team_size = 500;
inline constexpr int max_meetings = 12;
inline constexpr std::size_t max_actions = 500;

enum class rule_code : std::uint8_t {
  invalid,    // a value out of range or malformed
  forbidden,  // the actor lacks the right
  not_found,  // person, meeting, row or column does not exist
  conflict,   // not possible in the current state (e.g. no meeting in progress)
  too_long,   // text over its limit
};
std::string_view name_of(rule_code c);

struct rule_error {
  rule_code code = rule_code::invalid;
  std::string message;  // Dutch, fit to show a user
};

// Who sends an op. `system` is the server itself (joins, presence on connect).
struct actor {
  person_id id = no_person;
  bool system = false;
  static actor server() { return {no_person, true}; }
};

std::optional<rule_error> validate(const trajectory& t, const operation& o, const actor& who);
// Applies an op that validate() accepted from the same actor.
void apply(trajectory& t, const operation& o, const actor& who);

// Role checks, shared with the UI so that it greys out what the server would refuse.
bool is_coordinator(const trajectory& t, person_id id);
// `meeting` names the extra meeting that holds an evaluatie_extra; other documents ignore it.
bool can_edit_document(const trajectory& t, person_id id, document_id doc, int meeting = -1);
bool can_edit_minutes(const trajectory& t, person_id id, int meeting);
// The coordinator and that meeting's notulist mark anyone; everyone marks themselves.
bool can_mark_attendance(const trajectory& t, person_id id, int meeting, person_id whom);
bool can_run_vote(const trajectory& t, person_id id, int meeting);
// The Actieplan and both Evaluatielijsten plan actions.
bool can_plan_actions(const trajectory& t, person_id id);

}  // namespace jos::shared
