#pragma once
// The start screen: which server, and either joining a leerlijn with the team code or
// starting a new one as coordinator.

#include <array>
#include <string>

#include "client/ui.hpp"
#include "protocol/messages.hpp"

namespace jos::client {

class client_core;

class view_start {
 public:
  // Fills the form with what the core remembers (server, name, organisation, function).
  void load(const client_core& core);
  void draw(ui_context& ui, const client_core& core);
  // Once the new leerlijn is there: ticks the preconditions the coordinator ticked here.
  void carry_over(ui_context& ui, const client_core& core);

 private:
  void draw_profile(ui_context& ui);
  bool profile_complete(std::string& missing) const;

  bool loaded_ = false;
  std::string server_;
  std::string name_;
  int organisation_ = 0;  // 0 school, 1 jongerenwerk
  std::string function_;
  int level_ = 0;  // 0 uitvoerder, 1 manager
  std::string code_;
  std::string school_;
  std::string youth_;
  std::string creation_code_;  // asked for only by a server whose operator wants one
  int cooperation_ = 0;        // 0 bestaande, 1 pas gestarte
  std::array<bool, 3> preconditions_{};
  bool created_ = false;  // a leerlijn was started from here; its preconditions follow
  std::string problem_;   // what the form still misses (Dutch)
};

}  // namespace jos::client
