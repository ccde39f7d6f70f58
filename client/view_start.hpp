#pragma once
// The start screen: which server, and either joining a leerlijn with the team code or
// starting a new one as coordinator. What is typed is kept (also across a restart); a
// corrected server address is used at once; the keyboard works it from top to bottom
// (Tab through every field and choice, Enter submits); what is missing is named in reading
// order, and each tab shows only its own problems.

#include <array>
#include <string>

#include "client/core/settings.hpp"
#include "client/ui.hpp"
#include "protocol/messages.hpp"

namespace jos::client {

class client_core;

class view_start {
 public:
  // Fills the form with what the core remembers (server, profile, the rest of the form).
  void load(const client_core& core);
  void draw(ui_context& ui, const client_core& core);
  // Once the new leerlijn is there: ticks the preconditions the coordinator ticked here.
  void carry_over(ui_context& ui, const client_core& core);

 private:
  enum class tab { join, create };
  void draw_server(ui_context& ui, const client_core& core);
  void draw_join(ui_context& ui, const client_core& core);
  void draw_create(ui_context& ui, const client_core& core);
  void draw_profile(ui_context& ui);
  // A single-line field; keeps the form when left after a change, and takes the keyboard
  // when a submit found it empty.
  void field(ui_context& ui, const char* label, const char* hint, std::string& value,
             const char* name, ImGuiInputTextFlags flags = 0);
  void submit(ui_context& ui, tab from);
  // What the form on `from` still misses, in reading order ("de teamcode, je naam en je
  // functie"); empty when complete. `first` names the first missing field's mark.
  std::string missing(tab from, std::string& first) const;
  protocol::profile profile() const;
  start_form form() const;
  void keep(ui_context& ui) const;

  bool loaded_ = false;
  bool select_tab_ = false;  // open the remembered tab once
  tab tab_ = tab::join;
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
  std::string problem_;   // what the form still misses, or why the address is wrong (Dutch)
  tab problem_tab_ = tab::join;
  tab submitted_ = tab::join;  // the tab whose request the server's answer is about
  std::string focus_;          // the field to give the keyboard (its mark), once
};

}  // namespace jos::client
