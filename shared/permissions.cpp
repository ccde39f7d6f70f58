#include <algorithm>

#include "shared/rules.hpp"

namespace jos::shared {

bool is_coordinator(const trajectory& t, person_id id) {
  const person* p = find_person(t, id);
  return p != nullptr && p->coordinator;
}

namespace {

bool in_progress(const trajectory& t, int meeting) {
  return meeting >= 0 && meeting < static_cast<int>(t.meetings.size()) &&
         t.meetings[static_cast<std::size_t>(meeting)].status == meeting_status::bezig;
}

bool is_invuller_or_writer(const meeting& m, person_id id) {
  const auto& writers = m.session.writers;
  return m.session.invuller == id || std::binary_search(writers.begin(), writers.end(), id);
}

}  // namespace

bool can_edit_document(const trajectory& t, person_id id, document_id doc, int meeting) {
  if (find_document(t, doc, meeting) == nullptr) return false;
  if (is_coordinator(t, id)) return true;
  if (!in_progress(t, t.active_meeting)) return false;
  // An extra meeting's own Evaluatielijst is filled in that meeting only.
  if (!held_by_trajectory(doc) && meeting != t.active_meeting) return false;
  const shared::meeting& m = t.meetings[static_cast<std::size_t>(t.active_meeting)];
  const auto& docs = editable_documents(m.template_index);
  if (std::find(docs.begin(), docs.end(), doc) == docs.end()) return false;
  return is_invuller_or_writer(m, id);
}

bool can_edit_minutes(const trajectory& t, person_id id, int meeting) {
  if (is_coordinator(t, id)) return true;
  return in_progress(t, meeting) &&
         t.meetings[static_cast<std::size_t>(meeting)].session.notulist == id;
}

bool can_plan_actions(const trajectory& t, person_id id) {
  if (is_coordinator(t, id)) return true;
  if (!in_progress(t, t.active_meeting)) return false;
  const meeting& m = t.meetings[static_cast<std::size_t>(t.active_meeting)];
  const auto& docs = editable_documents(m.template_index);
  const bool plans = std::any_of(docs.begin(), docs.end(), [](document_id d) {
    return kind_of(d) == document_kind::actieplan || kind_of(d) == document_kind::evaluatielijst;
  });
  return plans && is_invuller_or_writer(m, id);
}

bool can_mark_attendance(const trajectory& t, person_id id, int meeting, person_id whom) {
  if (find_person(t, id) == nullptr) return false;
  if (id == whom || is_coordinator(t, id)) return true;
  return meeting >= 0 && meeting < static_cast<int>(t.meetings.size()) &&
         t.meetings[static_cast<std::size_t>(meeting)].session.notulist == id;
}

bool can_run_vote(const trajectory& t, person_id id, int meeting) {
  if (is_coordinator(t, id)) return true;
  return in_progress(t, meeting) &&
         t.meetings[static_cast<std::size_t>(meeting)].session.invuller == id;
}

}  // namespace jos::shared
