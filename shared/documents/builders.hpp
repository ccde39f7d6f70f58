#pragma once
// The documents the seed says everyone receives, before and after a meeting, built from the
// state.

#include "shared/documents/report.hpp"
#include "shared/model.hpp"

namespace jos::documents {

// A filled-in document; `meeting` names the extra meeting whose own Evaluatielijst it is.
report build_document(const shared::trajectory& t, shared::document_id doc, int meeting = -1);
report build_minutes(const shared::trajectory& t, int meeting);
report build_comparison(const shared::trajectory& t);
// What the coordinator prints or attaches before a meeting: the Factsheet and the empty
// forms, worded for this cooperation.
report build_factsheet(const shared::trajectory& t);
report build_blank_form(const shared::trajectory& t, shared::document_kind kind);
// The invitation to a meeting: when, where or which link, the agenda, what to bring.
report build_invitation(const shared::trajectory& t, int meeting);

}  // namespace jos::documents
