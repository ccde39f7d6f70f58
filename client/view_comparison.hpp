#pragma once
// Meeting 4's "analyse van de gerealiseerde verbetering", drawn: per onderdeel the first and
// the second Signaleringsinstrument as two bars, the verdict beside them (improved, same,
// worse), and the totals on the scale of the three phases. For a newly started cooperation
// the first instrument described the desired situation, and the wording says so; the texts
// the team wrote each time stand side by side, with room for the team's conclusions.

#include "client/text_cell.hpp"
#include "client/ui.hpp"
#include "shared/comparison.hpp"

namespace jos::client {

class client_core;

class view_comparison {
 public:
  void draw(ui_context& ui, const client_core& core);

 private:
  void draw_summary(ui_context& ui, const shared::comparison& cmp);
  void draw_totals(ui_context& ui, const shared::comparison& cmp);
  void draw_chart(ui_context& ui, const shared::comparison& cmp);
  void draw_texts(ui_context& ui, const client_core& core, const shared::comparison& cmp);
  void draw_conclusion(ui_context& ui, const client_core& core);

  text_cell cell_;
  text_cell overall_;
};

}  // namespace jos::client
