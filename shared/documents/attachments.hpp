#pragma once
// What goes with the invitation to a meeting, from the seed's "Benodigdheden voor de
// bijeenkomst": the Factsheet and the empty forms (its appendices 1–4, "in voldoende oplage
// geprint of digitaal beschikbaar"), the documents the team filled in before, and the
// Reader. What the room needs ("Indien fysieke bijeenkomst: …") is for the coordinator, not
// for the invitees.

#include <string>
#include <vector>

#include "shared/model.hpp"

namespace jos::documents {

struct attachment {
  enum class kind { factsheet, blank_form, filled, reader };
  std::string label;  // the seed's words
  kind what = kind::reader;
  shared::document_kind form = shared::document_kind::none;  // blank_form
  shared::document_id filled = shared::document_id::signalering_begin;
  int filled_in = -1;  // filled: the meeting that filled it (-1: none did yet)
};

std::vector<attachment> attachments_of(const shared::trajectory& t, int meeting);

}  // namespace jos::documents
