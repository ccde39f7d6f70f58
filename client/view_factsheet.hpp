#pragma once
// The Factsheet (Bijlage 1): the four werkzame elementen, one at a time, in large text so
// it reads well on a shared screen.

#include "client/ui.hpp"

namespace jos::client {

class view_factsheet {
 public:
  void draw(ui_context& ui);
};

}  // namespace jos::client
