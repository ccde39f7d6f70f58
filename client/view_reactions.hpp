#pragma once
// Written reactions during a meeting, so remote attendees take part as the seed asks: the
// meeting's chat and a comment thread per onderdeel. Anyone in the team writes; the
// coordinator can bring one reaction into view for everyone (shown as a banner above the
// document until taken away).

#include <string>

#include "client/ui.hpp"

namespace jos::client {

class client_core;

class view_reactions {
 public:
  // The chat and the threads, as tabs (the minutes are the first tab, drawn by the caller).
  void draw_chat(ui_context& ui, const client_core& core, int meeting);
  void draw_threads(ui_context& ui, const client_core& core, int meeting);
  // The highlighted reaction, if any, as a banner for everyone.
  static void draw_highlight(ui_context& ui, const client_core& core, int meeting);
  // Reactions in the chat, and in all threads (for the tab labels).
  static int chat_count(const client_core& core, int meeting);
  static int thread_count(const client_core& core, int meeting);

 private:
  void draw_list(ui_context& ui, const client_core& core, int meeting, int row, float height);
  void draw_input(ui_context& ui, const client_core& core, int meeting, int row,
                  std::string& draft);

  std::string chat_draft_;
  std::string thread_draft_;
  int thread_row_ = 0;
  std::size_t seen_chat_ = 0;  // scroll to the bottom when new reactions arrive
  std::size_t seen_thread_ = 0;
};

}  // namespace jos::client
