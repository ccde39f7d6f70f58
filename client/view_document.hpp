#pragma once
// The document an agenda item works on: the Signaleringsinstrument with its scores and
// phase, the Actieplan, the Evaluatielijst, or the comparison of the two
// Signaleringsinstrumenten. The invuller (and the coordinator) write; the others read.

#include "client/text_cell.hpp"
#include "client/ui.hpp"
#include "client/view_factsheet.hpp"
#include "shared/content.hpp"
#include "shared/model.hpp"

namespace jos::client {

class client_core;

class view_document {
 public:
  void draw(ui_context& ui, const client_core& core, int meeting,
            const shared::agenda_item_template& item);
  // Draws one document on its own (the overview's document viewer uses it too).
  void draw_document(ui_context& ui, const client_core& core, shared::document_id doc);

 private:
  void draw_signalering(ui_context& ui, const client_core& core, shared::document_id doc);
  void draw_columns(ui_context& ui, const client_core& core, shared::document_id doc,
                    const std::vector<shared::column>& columns);
  void draw_comparison(ui_context& ui, const client_core& core);
  void draw_score(ui_context& ui, const shared::trajectory& t, shared::document_id doc);

  view_factsheet factsheet_;
  text_cell cell_;
};

}  // namespace jos::client
