#pragma once
// What the coordinator puts in front of the room at a "present" agenda item, in large type
// for a shared screen: the seed's paragraphs on the leerlijn (its goal; its four steps with
// their introductions, duration, instruments and literature; its instruments; the
// coordinator) or this meeting's own goal and programme, as the item's content asks.

#include "client/ui.hpp"
#include "shared/content.hpp"

namespace jos::client {

class client_core;

class view_presentation {
 public:
  void draw(ui_context& ui, const client_core& core, int meeting,
            const shared::agenda_item_template& item);

 private:
  void draw_material(ui_context& ui, const client_core& core, int meeting, shared::material m);
};

}  // namespace jos::client
