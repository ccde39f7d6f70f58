#pragma once
// Who is here and who types where: the server's presence list, the others' focus, and our
// own focus, announced when it changes but at most every 200 ms (a cell hopped through
// quickly need not be announced on every hop). Never stored; the server forgets it all
// with the connection, and so does this.

#include <chrono>
#include <optional>
#include <utility>
#include <vector>

#include "protocol/messages.hpp"

namespace jos::client {

class presence {
 public:
  using clock = std::chrono::steady_clock;

  void on_presence(const protocol::presence& p);
  void on_editing(const protocol::editing& e);
  // The link is gone: nobody is known to be here, and the server no longer has our focus.
  void link_lost();
  // Another trajectory: nobody of the old one counts.
  void clear();

  const std::vector<shared::person_id>& online() const { return online_; }
  bool is_online(shared::person_id id) const;
  // Others (not `me`) typing in `target`, in the order the server told us.
  std::vector<shared::person_id> editing(const shared::op::text_target& target,
                                         shared::person_id me) const;

  void want_focus(std::optional<shared::op::text_target> target) { wanted_ = std::move(target); }
  // The focus message to send now, if ours changed and the last one is old enough.
  std::optional<protocol::focus> take_focus_update(clock::time_point now);
  // When take_focus_update will have something, if it is only held back.
  std::optional<clock::time_point> focus_due() const;

 private:
  std::vector<shared::person_id> online_;
  std::vector<std::pair<shared::person_id, shared::op::text_target>> editors_;
  std::optional<shared::op::text_target> wanted_;
  std::optional<shared::op::text_target> sent_;  // what the server last heard from us
  clock::time_point sent_at_;
};

}  // namespace jos::client
