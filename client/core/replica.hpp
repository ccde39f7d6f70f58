#pragma once
// The client's copy of one trajectory: the state the server confirmed (up to `seq`), the
// local operations it has not confirmed yet, and what the user sees, which is the first
// with the second applied on top. Touched only by the UI thread.
//
// Text edits follow one rule so that the server's single transformation stays right: at
// most one edit_text op of ours is in flight; later ones wait here, are rebased like the
// one in flight on every foreign edit of the same text, and go out once it came back.

#include <cstdint>
#include <deque>
#include <functional>
#include <optional>
#include <string>
#include <vector>

#include "protocol/messages.hpp"
#include "shared/model.hpp"
#include "shared/ops.hpp"
#include "shared/rules.hpp"

namespace jos::client {

struct pending_op {
  std::uint64_t client_seq = 0;  // 0: never sent
  bool sent = false;             // sent on the current connection
  std::uint64_t acked_seq = 0;   // the server's sequence for it, once acknowledged
  shared::operation op;
  // A cast_vote in an anonymous vote: numbered at random, apart from our own sequence, so
  // that no gap in it tells anyone that we voted (protocol/README.md, vote secrecy).
  bool ballot = false;
  int stale_replies = 0;  // times the server sent this text edit back to be sent again
};

// A change of ours that was given up: why (Dutch, for the user), and the text it would have
// added, kept so that the user can copy it and put it back.
struct dropped_change {
  std::string reason;
  std::string kept_text;
};

// How often a text edit may come back "stale" in a row before it is given up: the server
// never says so forever for an edit made on a recent text, so more means something is off.
inline constexpr int max_stale_replies = 10;

struct outgoing {
  std::uint64_t client_seq = 0;
  std::uint64_t base_seq = 0;
  shared::operation op;
  bool ballot = false;
};

class replica {
 public:
  explicit replica(std::string client_id = {});

  void set_client_id(std::string id) { client_id_ = std::move(id); }
  void set_me(shared::person_id me);
  shared::person_id me() const { return me_; }

  bool has_state() const { return has_state_; }
  std::uint64_t seq() const { return seq_; }
  const shared::trajectory& confirmed() const { return confirmed_; }
  // confirmed ⊕ pending; recomputed whenever either changes.
  const shared::trajectory& visible() const { return pending_.empty() ? confirmed_ : visible_; }
  const std::deque<pending_op>& pending() const { return pending_; }
  // Changes whenever visible() or pending() may have changed.
  std::uint64_t revision() const { return revision_; }

  // A snapshot replaces the confirmed state. Our ops numbered up to `taken_client_seq` (the
  // server's mark for our client id, from welcome) are in it, acknowledged or not. Pending
  // text edits are rebased over what else changed in their text meanwhile; pending ops are
  // applied again on top, and those that no longer validate are dropped and returned.
  std::vector<dropped_change> reset(std::uint64_t seq, shared::trajectory state,
                                    std::uint64_t taken_client_seq = 0);
  // State and pending ops as the journal kept them.
  void restore(std::uint64_t seq, shared::trajectory state, std::deque<pending_op> pending);
  void clear();

  // A local change: checked against what the user sees, then queued. Consecutive waiting
  // edits of the same text are merged into one.
  std::optional<shared::rule_error> submit(shared::operation op);

  // Ops in the server's order. Returns false at a gap in the sequence (the ops from there
  // on are not applied; the caller resynchronises).
  bool apply_server(const std::vector<protocol::sequenced_op>& ops);
  void on_ack(const protocol::ack& a);
  // Drops the refused op (and waiting edits of the same text that built on it) and returns
  // what was dropped; nothing if the op was not ours. A text edit refused as stale is not
  // dropped: it was only made against too old a text, and goes again (up to
  // max_stale_replies times in a row). Never sent again in a loop: the refused op is gone.
  std::optional<dropped_change> on_reject(const protocol::reject& r);
  // The connection is gone: everything unconfirmed has to be sent again.
  void link_lost();
  // What may be sent now, in order; `next_client_seq` numbers ops sent for the first time
  // (ballots draw a number of their own). A text edit goes in ops that one frame carries
  // (see split_off_rest).
  std::vector<outgoing> take_outgoing(const std::function<std::uint64_t()>& next_client_seq);

  // A ballot's number: random in [2^52, 2^53), far above any count of ops, exact in JSON.
  static std::uint64_t new_ballot_number();

  // The text a target holds in a state (empty if the target does not exist).
  static const std::string* text_at(const shared::trajectory& t,
                                    const shared::op::text_target& target);

 private:
  void rebuild();
  void rebase(const shared::op::edit_text& foreign);
  void drop_acknowledged();

  std::string client_id_;
  shared::person_id me_ = shared::no_person;
  bool has_state_ = false;
  std::uint64_t seq_ = 0;
  shared::trajectory confirmed_;
  shared::trajectory visible_;
  std::deque<pending_op> pending_;
  std::uint64_t revision_ = 0;
};

// Adds `next` (made on the text after `edits`) to `edits`. Exact, never a diff: a splice
// that replaced a whole stretch would, transformed against someone else's edit inside that
// stretch, bring back or double the text in between. Typing on and correcting one's own
// typing fold into the last splice; anything else is appended.
void append_splice(std::vector<shared::splice>& edits, shared::splice next);

// Splits off what one op cannot carry: the splices past the eighth, and the inserted text
// past protocol::max_insert_bytes_per_op on the wire (a long paste is cut at a code point).
// Returns the rest, which applied after what stays in `edits` does exactly what all of
// `edits` did; empty when everything fits.
std::vector<shared::splice> split_off_rest(std::vector<shared::splice>& edits);

// The text a change would add (inserted text, a reaction, an action), to keep for the user
// when it is given up; empty for changes without text.
std::string kept_text_of(const shared::operation& op);

// Applies splices if each fits the text; leaves the text alone and returns false otherwise.
bool apply_edits(std::string& text, const std::vector<shared::splice>& edits);

}  // namespace jos::client
