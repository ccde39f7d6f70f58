#pragma once
// The invitation to a meeting, as the seed asks for every meeting ("De coördinator nodigt
// alle betrokkenen uit … Stuur de benodigde documenten mee met de uitnodiging"): the
// coordinator sets the time and the place or the link; everyone sees the text with the date,
// the agenda and what to bring, ready to paste into an e-mail, and the coordinator saves it
// with its calendar event (.ics) and the documents that go with it.

#include <map>
#include <string>

#include "client/ui.hpp"

namespace jos::client {

class client_core;

class view_invitation {
 public:
  void draw(ui_context& ui, const client_core& core, int meeting);

 private:
  struct draft {
    std::string time;
    std::string place;
    std::string link;
    // The shared values the draft started from.
    std::string seen_time;
    std::string seen_place;
    std::string seen_link;
  };
  std::map<int, draft> drafts_;  // meeting -> what the coordinator is typing
};

}  // namespace jos::client
