#pragma once
// The trajectory at a glance: the partnership, the three preconditions, the four meetings,
// how far the documents are filled in, and (for the coordinator) the codes to share.

#include <map>
#include <string>

#include "client/ui.hpp"

namespace jos::client {

class client_core;

class view_overview {
 public:
  void draw(ui_context& ui, const client_core& core);

 private:
  void draw_codes(ui_context& ui, const client_core& core);
  void draw_meetings(ui_context& ui, const client_core& core);
  void draw_documents(ui_context& ui, const client_core& core);

  std::map<int, std::string> date_edits_;  // meeting -> date being typed by the coordinator
};

}  // namespace jos::client
