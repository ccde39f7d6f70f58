#pragma once
// The group vote on a rating of the Signaleringsinstrument (the design card's group-vote
// mode), drawn above the document: the coordinator or invuller opens a vote on one
// onderdeel or a round over all ten; everyone votes 1, 2 or 3 and may change it until the
// reveal; until then only who voted shows (or only how many, when anonymous). After the
// reveal everyone sees the distribution, median and spread, a split vote is marked, and
// the invuller or coordinator sets the rating with the median offered.

#include <map>
#include <optional>
#include <tuple>

#include "client/ui.hpp"
#include "shared/ids.hpp"

namespace jos::client {

class client_core;

class view_vote {
 public:
  // `document`: the Signaleringsinstrument the shown agenda item works on, if any.
  void draw(ui_context& ui, const client_core& core, int meeting,
            std::optional<shared::document_id> document);

 private:
  void draw_open(ui_context& ui, const client_core& core, int meeting, shared::document_id doc);
  void draw_voting(ui_context& ui, const client_core& core, int meeting);
  void draw_revealed(ui_context& ui, const client_core& core, int meeting);

  using vote_key = std::tuple<int, shared::document_id, int>;  // meeting, document, row
  // This client's own ballots: an anonymous vote's echo no longer says whose it was.
  std::map<vote_key, int> mine_;
  bool anonymous_ = false;
  int chosen_row_ = 0;
  // A round over all ten, run from this client: the next row opens when one is decided.
  std::optional<vote_key> round_;
};

}  // namespace jos::client
