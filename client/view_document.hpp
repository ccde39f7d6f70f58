#pragma once
// The document an agenda item works on: the Signaleringsinstrument with its scores and
// phase, the Actieplan, the Evaluatielijst, or the comparison of the two
// Signaleringsinstrumenten. The invuller (and the coordinator) write; the others read.
//
// Documents carry over between meetings: meeting 2 discusses the filled Signaleringsinstrument
// weakest onderdelen first and gives the Actieplan's actions an owner and a date; meeting 3
// looks back on the Actieplan and evaluates it row by row beside it; meeting 4 ends with the
// comparison. The afsluiting of every meeting agrees the next date and saves the documents
// everyone receives; before a meeting the coordinator sees its preparation.

#include <functional>
#include <vector>

#include "client/text_cell.hpp"
#include "client/ui.hpp"
#include "client/view_actions.hpp"
#include "client/view_attendance.hpp"
#include "client/view_comparison.hpp"
#include "client/view_factsheet.hpp"
#include "client/view_invitation.hpp"
#include "client/view_preparation.hpp"
#include "client/view_presentation.hpp"
#include "client/view_schedule.hpp"
#include "shared/content.hpp"
#include "shared/model.hpp"

namespace jos::client {

class client_core;

// The onderdelen of a Signaleringsinstrument from the lowest rating up; unrated ones last.
std::vector<int> weakest_first(const shared::document& signalering);

class view_document {
 public:
  void draw(ui_context& ui, const client_core& core, int meeting,
            const shared::agenda_item_template& item);
  // Draws one document on its own.
  void draw_document(ui_context& ui, const client_core& core, shared::document_id doc);
  // The documents screen: any document or the comparison, and saving them.
  void draw_screen(ui_context& ui, const client_core& core);

 private:
  struct column_options {
    std::vector<int> order;                    // rows in this order (empty: as in the document)
    const shared::document* scores = nullptr;  // show each row's rating in this instrument
    const char* first_label = "Onderdeel";     // the first column's header
    float first_weight = 1.3f;                 // its width against the others
    std::function<void(int row)> beside;       // more read-only lines under the onderdeel
    bool fill_height = true;                   // scroll inside the table, or grow with its rows
    bool still_to_do = false;                  // the actions cell lists only open actions
    int meeting = -1;  // the extra meeting that holds the document (evaluatie_extra)
  };

  // One per agenda_screen: what the content says an agenda item shows.
  void draw_welcome(ui_context& ui, const client_core& core, int meeting,
                    const shared::agenda_item_template& item);
  void draw_present(ui_context& ui, const client_core& core, int meeting,
                    const shared::agenda_item_template& item);
  void draw_look_back(ui_context& ui, const client_core& core,
                      const shared::agenda_item_template& item);
  void draw_fill(ui_context& ui, const client_core& core, int meeting,
                 const shared::agenda_item_template& item);
  void draw_close(ui_context& ui, const client_core& core, int meeting,
                  const shared::agenda_item_template& item);
  static void draw_instructions(const shared::agenda_item_template& item);
  void draw_signalering(ui_context& ui, const client_core& core, shared::document_id doc);
  void draw_signalering_stacked(ui_context& ui, const client_core& core, shared::document_id doc);
  void draw_rating(ui_context& ui, shared::document_id doc, int row, int rating, bool editable);
  void draw_signalering_summary(ui_context& ui, const client_core& core, shared::document_id doc);
  void draw_actieplan_step(ui_context& ui, const client_core& core, bool explain);
  void draw_terugblik(ui_context& ui, const client_core& core);
  void draw_evaluation(ui_context& ui, const client_core& core, shared::document_id doc,
                       int meeting, bool explain);
  void draw_columns(ui_context& ui, const client_core& core, shared::document_id doc,
                    const std::vector<shared::column>& columns, const column_options& options);
  void draw_columns_stacked(ui_context& ui, const client_core& core, shared::document_id doc,
                            const shared::document& d, bool editable,
                            const std::vector<shared::column>& columns,
                            const std::vector<int>& texts, const std::string& actions_label,
                            const std::vector<int>& order, const column_options& options);
  void draw_onderdeel(ui_context& ui, int row, const column_options& options);
  void draw_text_cell(ui_context& ui, shared::document_id doc, const shared::document& d, int row,
                      int column, bool editable, const column_options& options);
  void draw_actions_cell(ui_context& ui, const client_core& core, const shared::document& d,
                         int row, const std::vector<shared::column>& columns,
                         const column_options& options);
  void draw_score(ui_context& ui, const shared::trajectory& t, shared::document_id doc);

  view_factsheet factsheet_;
  view_comparison comparison_;
  view_actions actions_;
  view_schedule schedule_;
  view_preparation preparation_;
  view_attendance attendance_;
  view_presentation presentation_;
  view_invitation invitation_;
  text_cell cell_;
  bool full_signalering_ = false;  // meeting 2's terugkoppeling: the whole instrument
};

}  // namespace jos::client
