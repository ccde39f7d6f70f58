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

}  // namespace

bool can_edit_document(const trajectory& t, person_id id, document_id doc) {
  if (is_coordinator(t, id)) return true;
  if (!in_progress(t, t.active_meeting)) return false;
  const meeting& m = t.meetings[static_cast<std::size_t>(t.active_meeting)];
  const auto docs = editable_documents(m.template_index);
  if (std::find(docs.begin(), docs.end(), doc) == docs.end()) return false;
  const auto& writers = m.session.writers;
  return m.session.invuller == id || std::binary_search(writers.begin(), writers.end(), id);
}

bool can_edit_minutes(const trajectory& t, person_id id, int meeting) {
  if (is_coordinator(t, id)) return true;
  return in_progress(t, meeting) &&
         t.meetings[static_cast<std::size_t>(meeting)].session.notulist == id;
}

bool can_plan_actions(const trajectory& t, person_id id) {
  return can_edit_document(t, id, document_id::actieplan) ||
         can_edit_document(t, id, document_id::evaluatie_tussentijds) ||
         can_edit_document(t, id, document_id::evaluatie_eind);
}

bool can_run_vote(const trajectory& t, person_id id, int meeting) {
  if (is_coordinator(t, id)) return true;
  return in_progress(t, meeting) &&
         t.meetings[static_cast<std::size_t>(meeting)].session.invuller == id;
}

}  // namespace jos::shared
