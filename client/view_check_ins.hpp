#pragma once
// Between the Actieplanbijeenkomst and the Terugkombijeenkomst: the coordinator keeps in
// touch with everyone who owns an action and notes whether the plan gets going for them.
// When it does not, the view says so and offers to hold the terugkombijeenkomst earlier, as
// the seed allows.

#include <map>
#include <string>

#include "client/ui.hpp"

namespace jos::client {

class client_core;

class view_check_ins {
 public:
  // Draws nothing outside that period.
  void draw(ui_context& ui, const client_core& core);

 private:
  std::map<shared::person_id, std::string> notes_;  // owner -> note being typed
  std::string earlier_;                             // the earlier date being typed
};

}  // namespace jos::client
