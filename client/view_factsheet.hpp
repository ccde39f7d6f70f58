#pragma once
// The Factsheet (Bijlage 1): the four werkzame elementen, one at a time, in large text so
// it reads well on a shared screen.

#include "client/ui.hpp"

namespace jos::client {

class view_factsheet {
 public:
  void draw(ui_context& ui);
  // A small "Factsheet" button beside an onderdeel of a form that opens what the Factsheet
  // says about it ("Gebruik hierbij … de Factsheet"), right where the team fills it in.
  static void explain_onderdeel(ui_context& ui, int row);
};

}  // namespace jos::client
