#include "client/core/replica.hpp"

#include <algorithm>
#include <random>

#include "protocol/json_text.hpp"
#include "protocol/limits.hpp"
#include "shared/text.hpp"

namespace jos::client {
namespace {

using namespace shared;

shared::actor actor_for(person_id author) {
  return author == no_person ? actor::server() : actor{author};
}

const op::edit_text* as_edit(const operation& o) { return std::get_if<op::edit_text>(&o); }
op::edit_text* as_edit(operation& o) { return std::get_if<op::edit_text>(&o); }

bool same_target(const operation& o, const op::text_target& target) {
  const auto* e = as_edit(o);
  return e != nullptr && e->target == target;
}

bool is_noop(const splice& s) { return s.del == 0 && s.ins.empty(); }

// A ballot of an anonymous vote open now: it goes outside our own sequence.
bool is_anonymous_ballot(const trajectory& t, const operation& o) {
  const auto* cast = std::get_if<op::cast_vote>(&o);
  if (cast == nullptr || cast->meeting < 0 || cast->meeting >= static_cast<int>(t.meetings.size()))
    return false;
  const vote_state& v = t.meetings[static_cast<std::size_t>(cast->meeting)].session.vote;
  return v.open && v.anonymous && !v.revealed;
}

// Whether one op can carry these splices (see split_off_rest).
bool fits_one_op(const std::vector<splice>& edits) {
  if (edits.size() > op::max_splices_per_edit) return false;
  std::size_t bytes = 0;
  for (const auto& s : edits) bytes += protocol::json_string_bytes(s.ins);
  return bytes <= protocol::max_insert_bytes_per_op;
}

// The length of the UTF-8 sequence that starts with `lead`.
std::size_t sequence_length(unsigned char lead) {
  if (lead < 0x80) return 1;
  if ((lead >> 5) == 0x6) return 2;
  if ((lead >> 4) == 0xE) return 3;
  return 4;
}

// The server sends cast_vote with the value hidden (0) until the reveal, and in an
// anonymous vote under a stand-in instead of the voter, so the full validation would
// refuse it; everything it indexes is checked here instead.
bool plausible(const trajectory& t, const operation& o, const actor& who) {
  if (const auto* v = std::get_if<op::cast_vote>(&o)) {
    if (v->meeting < 0 || v->meeting >= static_cast<int>(t.meetings.size())) return false;
    const vote_state& vote = t.meetings[static_cast<std::size_t>(v->meeting)].session.vote;
    return vote.open && (vote.anonymous || find_person(t, who.id) != nullptr);
  }
  return !validate(t, o, who).has_value();
}

// The rules' check for an op of ours still pending. Rebasing splits a deletion around
// someone else's insertion, so a text edit can come to hold more splices than one op may
// carry. It goes out in pieces all the same (a waiting one in take_outgoing; the one on its
// way comes back "stale" and goes again, see on_reject), and until then it is checked as
// those pieces: refused whole, it would vanish from what the user sees while the edits
// typed on top of it stayed, and those would land in the wrong place.
std::optional<rule_error> check_pending(const trajectory& t, const operation& o, const actor& who) {
  const auto* e = as_edit(o);
  if (e == nullptr || e->edits.size() <= op::max_splices_per_edit) return validate(t, o, who);
  trajectory probe = t;
  for (std::size_t i = 0; i < e->edits.size(); i += op::max_splices_per_edit) {
    const auto from = e->edits.begin() + static_cast<std::ptrdiff_t>(i);
    const auto to = e->edits.begin() + static_cast<std::ptrdiff_t>(
                                           std::min(i + op::max_splices_per_edit, e->edits.size()));
    const operation piece = op::edit_text{e->target, std::vector<splice>(from, to)};
    if (auto error = validate(probe, piece, who)) return error;
    apply(probe, piece, who);
  }
  return std::nullopt;
}

}  // namespace

void append_splice(std::vector<splice>& edits, splice next) {
  if (!edits.empty()) {
    splice& last = edits.back();
    const std::size_t inserted = code_points(last.ins);
    // Within what the last splice inserted (typing on, correcting one's own typing): fold
    // it into that insertion.
    if (next.pos >= last.pos && next.pos + next.del <= last.pos + inserted) {
      apply_splice(last.ins, {next.pos - last.pos, next.del, next.ins});
      if (last.del == 0 && last.ins.empty()) edits.pop_back();
      return;
    }
    // Backspace from inside the insertion to before it: the deletion grows to the left.
    if (next.ins.empty() && next.pos < last.pos && next.pos + next.del >= last.pos &&
        next.pos + next.del <= last.pos + inserted) {
      const std::size_t eaten = next.pos + next.del - last.pos;
      last.ins.erase(0, byte_offset(last.ins, eaten));
      last.del += last.pos - next.pos;
      last.pos = next.pos;
      return;
    }
  }
  if (!is_noop(next)) edits.push_back(std::move(next));
}

std::vector<splice> split_off_rest(std::vector<splice>& edits) {
  std::size_t budget = protocol::max_insert_bytes_per_op;
  for (std::size_t i = 0; i < edits.size(); ++i) {
    std::vector<splice> rest;
    if (i == op::max_splices_per_edit) {
      rest.assign(std::make_move_iterator(edits.begin() + static_cast<std::ptrdiff_t>(i)),
                  std::make_move_iterator(edits.end()));
      edits.resize(i);
      return rest;
    }
    std::string& ins = edits[i].ins;
    const std::size_t bytes = protocol::json_string_bytes(ins);
    if (bytes <= budget) {
      budget -= bytes;
      continue;
    }
    // As much of the insertion as the budget takes (at least one code point, so that the
    // rest always shrinks); the remainder is inserted right behind it by the next op.
    std::size_t cut = 0;
    std::size_t used = 0;
    while (cut < ins.size()) {
      const std::size_t length = sequence_length(static_cast<unsigned char>(ins[cut]));
      const std::size_t cost =
          protocol::json_string_bytes(std::string_view(ins).substr(cut, length));
      if (used + cost > budget && (cut > 0 || i > 0)) break;
      used += cost;
      cut += length;
    }
    if (cut == 0) {
      rest.assign(std::make_move_iterator(edits.begin() + static_cast<std::ptrdiff_t>(i)),
                  std::make_move_iterator(edits.end()));
      edits.resize(i);
      return rest;
    }
    rest.push_back(
        {edits[i].pos + code_points(std::string_view(ins).substr(0, cut)), 0, ins.substr(cut)});
    ins.resize(cut);
    rest.insert(rest.end(),
                std::make_move_iterator(edits.begin() + static_cast<std::ptrdiff_t>(i) + 1),
                std::make_move_iterator(edits.end()));
    edits.resize(i + 1);
    return rest;
  }
  return {};
}

std::string kept_text_of(const operation& o) {
  if (const auto* e = as_edit(o)) {
    std::string text;
    for (const auto& s : e->edits) text += s.ins;
    return text;
  }
  if (const auto* r = std::get_if<op::add_reaction>(&o)) return r->text;
  if (const auto* a = std::get_if<op::add_action>(&o)) return a->text;
  if (const auto* a = std::get_if<op::update_action>(&o)) return a->text;
  return {};
}

bool apply_edits(std::string& text, const std::vector<splice>& edits) {
  std::string out = text;
  std::size_t length = code_points(out);
  for (const auto& e : edits) {
    if (e.pos > length || e.del > length - e.pos) return false;
    apply_splice(out, e);
    length = length - e.del + code_points(e.ins);
  }
  text = std::move(out);
  return true;
}

replica::replica(std::string client_id) : client_id_(std::move(client_id)) {}

void replica::set_me(person_id me) {
  if (me_ == me) return;
  me_ = me;
  rebuild();
}

const std::string* replica::text_at(const trajectory& t, const op::text_target& target) {
  return find_text(t, target);
}

std::vector<dropped_change> replica::reset(std::uint64_t seq, trajectory state,
                                           std::uint64_t taken_client_seq) {
  trajectory before = std::move(confirmed_);
  const bool had_state = has_state_;
  confirmed_ = std::move(state);
  seq_ = seq;
  has_state_ = true;
  // Our ops the server took are in the new state, whether or not their ack reached us; put
  // our text edits among them in the old one too, so that only what others changed counts
  // as theirs below. (Those are the oldest of ours: client seqs rise in pending order.)
  for (auto& p : pending_) {
    const bool taken = !p.ballot && p.client_seq != 0 && p.client_seq <= taken_client_seq;
    if (!taken && !(p.acked_seq != 0 && p.acked_seq <= seq_)) continue;
    if (taken && (p.acked_seq == 0 || p.acked_seq > seq_)) p.acked_seq = seq_;
    if (as_edit(p.op) != nullptr && !check_pending(before, p.op, actor{me_}))
      apply(before, p.op, actor{me_});
  }
  drop_acknowledged();
  // Our text edits were made on the old state, and the new one may hold edits we never
  // saw (we were too far behind, or the server restarted from a stored snapshot). What
  // changed in each text between the two is taken as someone else's edit, the differences
  // one by one (as the field does, see sync_edit), and ours are rebased over it as over
  // any other.
  if (had_state) {
    std::vector<op::text_target> targets;
    for (const auto& p : pending_)
      if (const auto* e = as_edit(p.op);
          e != nullptr && std::find(targets.begin(), targets.end(), e->target) == targets.end())
        targets.push_back(e->target);
    for (const auto& target : targets) {
      const std::string* old_text = text_at(before, target);
      const std::string* new_text = text_at(confirmed_, target);
      if (old_text == nullptr || new_text == nullptr || *old_text == *new_text) continue;
      rebase(op::edit_text{target, diff_splices(*old_text, *new_text, 1000)});
    }
  }
  // Pending ops were made against the old state; keep those that still make sense.
  std::vector<dropped_change> dropped;
  trajectory probe = confirmed_;
  for (auto it = pending_.begin(); it != pending_.end();) {
    if (auto error = check_pending(probe, it->op, actor{me_})) {
      dropped.push_back({error->message, kept_text_of(it->op)});
      it = pending_.erase(it);
      continue;
    }
    apply(probe, it->op, actor{me_});
    ++it;
  }
  rebuild();
  return dropped;
}

void replica::restore(std::uint64_t seq, trajectory state, std::deque<pending_op> pending) {
  confirmed_ = std::move(state);
  seq_ = seq;
  has_state_ = true;
  pending_ = std::move(pending);
  for (auto& p : pending_) {
    p.sent = false;
    p.acked_seq = 0;
  }
  rebuild();
}

void replica::clear() {
  confirmed_ = trajectory{};
  visible_ = trajectory{};
  seq_ = 0;
  has_state_ = false;
  pending_.clear();
  ++revision_;
}

std::optional<rule_error> replica::submit(operation op) {
  if (!has_state_)
    return rule_error{rule_code::conflict,
                      "Nog niet verbonden met de leerlijn; probeer het zo opnieuw."};
  const trajectory& now = visible();
  if (auto error = validate(now, op, actor{me_})) return error;

  if (auto* edit = as_edit(op)) {
    // The last edit of this text still waiting to be sent takes this one in: one op per
    // round trip instead of one per keystroke.
    std::optional<std::size_t> waiting;
    for (std::size_t i = pending_.size(); i-- > 0;) {
      if (!same_target(pending_[i].op, edit->target)) continue;
      if (pending_[i].client_seq == 0) waiting = i;
      break;
    }
    if (waiting) {
      std::vector<splice> merged = as_edit(pending_[*waiting].op)->edits;
      for (const auto& s : edit->edits) append_splice(merged, s);
      if (merged.size() <= op::max_splices_per_edit) {
        if (merged.empty()) {
          pending_.erase(pending_.begin() + static_cast<std::ptrdiff_t>(*waiting));
        } else {
          as_edit(pending_[*waiting].op)->edits = std::move(merged);
        }
        rebuild();
        return std::nullopt;
      }
    }
  }
  const bool ballot = is_anonymous_ballot(now, op);
  pending_.push_back({0, false, 0, std::move(op), ballot});
  rebuild();
  return std::nullopt;
}

std::uint64_t replica::new_ballot_number() {
  std::random_device random;
  const std::uint64_t high = random();
  return (std::uint64_t{1} << 52) | (((high << 32) | random()) & ((std::uint64_t{1} << 52) - 1));
}

void replica::rebase(const op::edit_text& foreign) {
  // The foreign edit was ordered first; each of our edits of the same text moves past it,
  // and what is left of it moves past ours, in the order ours apply.
  std::vector<splice> theirs = foreign.edits;
  for (auto& p : pending_) {
    auto* mine = as_edit(p.op);
    if (mine == nullptr || !(mine->target == foreign.target)) continue;
    auto r = transform(std::move(mine->edits), std::move(theirs), false);
    mine->edits = std::move(r.a);
    theirs = std::move(r.b);
  }
  // A waiting edit whose text someone else already removed has nothing left to do.
  std::erase_if(pending_, [](const pending_op& p) {
    const auto* e = as_edit(p.op);
    return e != nullptr && p.client_seq == 0 && e->edits.empty();
  });
}

bool replica::apply_server(const std::vector<protocol::sequenced_op>& ops) {
  bool in_order = true;
  for (const auto& s : ops) {
    if (s.seq <= seq_) continue;  // already in the state (a snapshot overtook it)
    if (s.seq != seq_ + 1) {
      in_order = false;
      break;
    }
    const actor who = actor_for(s.author);
    // Ours: our person's op under our client id. Anyone can read our client id in the ops
    // and send under it; the server keeps such ops apart from ours, and so do we.
    const bool ours = !client_id_.empty() && s.author == me_ && s.client_id == client_id_;
    auto mine = pending_.end();
    if (ours && s.client_seq != 0)
      mine = std::find_if(pending_.begin(), pending_.end(),
                          [&](const pending_op& p) { return p.client_seq == s.client_seq; });
    if (plausible(confirmed_, s.op, who)) {
      apply(confirmed_, s.op, who);
    } else {
      // The server accepted it, so our copy must differ from the server's: stop and let
      // the caller fetch a fresh snapshot rather than build on a wrong state.
      in_order = false;
      break;
    }
    seq_ = s.seq;
    if (mine != pending_.end()) {
      pending_.erase(mine);
    } else if (!ours) {
      if (const auto* e = as_edit(s.op)) rebase(*e);
    }
  }
  drop_acknowledged();
  rebuild();
  return in_order;
}

void replica::drop_acknowledged() {
  // Acknowledged ops at or below our sequence are in the confirmed state already (they
  // came in a snapshot, or the server had taken them before a reconnect).
  std::erase_if(pending_,
                [this](const pending_op& p) { return p.acked_seq != 0 && p.acked_seq <= seq_; });
}

void replica::on_ack(const protocol::ack& a) {
  for (auto& p : pending_) {
    if (p.client_seq != a.client_seq || p.client_seq == 0) continue;
    p.acked_seq = a.seq;
    if (a.seq <= seq_) {
      drop_acknowledged();
      rebuild();
    }
    return;
  }
}

std::optional<dropped_change> replica::on_reject(const protocol::reject& r) {
  auto it = std::find_if(pending_.begin(), pending_.end(), [&](const pending_op& p) {
    return p.client_seq != 0 && p.client_seq == r.client_seq;
  });
  if (it == pending_.end()) return std::nullopt;
  if (r.code == protocol::error_code::stale && as_edit(it->op) != nullptr &&
      ++it->stale_replies < max_stale_replies) {
    // Not refused, only made against a text that changed too much on its way (transformed
    // past the splices one op may carry, or older than the server remembers). Ours has
    // been rebased on everything we received since: it simply goes again, as a new op.
    it->client_seq = 0;
    it->sent = false;
    it->acked_seq = 0;
    rebuild();
    return std::nullopt;
  }
  dropped_change dropped{r.reason, kept_text_of(it->op)};
  if (const auto* e = as_edit(it->op)) {
    // Edits of the same text waiting behind it were made on top of it.
    const op::text_target target = e->target;
    const auto index = static_cast<std::size_t>(it - pending_.begin());
    std::size_t i = 0;
    std::erase_if(pending_, [&](const pending_op& p) {
      const bool later = i++ > index;
      const bool on_top = later && p.client_seq == 0 && same_target(p.op, target);
      if (on_top) dropped.kept_text += kept_text_of(p.op);
      return on_top;
    });
    it = pending_.begin() + static_cast<std::ptrdiff_t>(index);
  }
  pending_.erase(it);
  rebuild();
  return dropped;
}

void replica::link_lost() {
  for (auto& p : pending_) p.sent = false;
}

std::vector<outgoing> replica::take_outgoing(
    const std::function<std::uint64_t()>& next_client_seq) {
  std::vector<outgoing> out;
  if (!has_state_) return out;
  // First what an earlier connection may have lost, in the order it was numbered: the
  // server takes a client's ops in ascending client_seq and ignores anything older.
  std::vector<pending_op*> resend;
  for (auto& p : pending_) {
    if (p.client_seq == 0 || p.sent || p.acked_seq != 0) continue;
    // An edit that others' edits emptied while its answer was lost: nothing is left to
    // send, and the server would refuse an edit without splices unread (and the refusal
    // take what was typed on top of it). As a new op it is dropped below.
    if (const auto* e = as_edit(p.op);
        e != nullptr && (e->edits.empty() || (e->edits.size() == 1 && is_noop(e->edits[0])))) {
      p.client_seq = 0;
      continue;
    }
    // An edit that rebasing grew past what one op may carry: the server, transforming the
    // copy it may have had alike, can only have refused it as stale. It goes as new ops.
    // So does one too big for a frame (kept by an older version of this client): the
    // server refused its frame unread.
    if (const auto* e = as_edit(p.op); e != nullptr && !fits_one_op(e->edits)) {
      p.client_seq = 0;
      continue;
    }
    resend.push_back(&p);
  }
  std::sort(resend.begin(), resend.end(),
            [](const pending_op* a, const pending_op* b) { return a->client_seq < b->client_seq; });
  for (auto* p : resend) {
    p->sent = true;
    out.push_back({p->client_seq, seq_, p->op, p->ballot});
  }

  bool text_in_flight = std::any_of(pending_.begin(), pending_.end(), [](const pending_op& p) {
    return p.client_seq != 0 && as_edit(p.op) != nullptr;
  });
  bool changed = false;
  for (std::size_t i = 0; i < pending_.size(); ++i) {
    if (pending_[i].client_seq != 0) continue;
    if (auto* edit = as_edit(pending_[i].op)) {
      if (text_in_flight) continue;
      // Rebasing can split splices, and a paste can be long; one op carries eight splices
      // and a frame's worth of text, so the rest waits as an op of its own (it applies
      // after these, exactly as before, once this one came back).
      if (auto rest = split_off_rest(edit->edits); !rest.empty()) {
        pending_.insert(pending_.begin() + static_cast<std::ptrdiff_t>(i) + 1,
                        pending_op{0, false, 0, op::edit_text{edit->target, std::move(rest)}});
        edit = as_edit(pending_[i].op);  // the insert moved it
        changed = true;
      }
      if (edit->edits.empty() || (edit->edits.size() == 1 && is_noop(edit->edits[0]))) {
        pending_.erase(pending_.begin() + static_cast<std::ptrdiff_t>(i--));
        changed = true;
        continue;
      }
      text_in_flight = true;
    }
    auto& p = pending_[i];
    p.client_seq = p.ballot ? new_ballot_number() : next_client_seq();
    p.sent = true;
    out.push_back({p.client_seq, seq_, p.op, p.ballot});
  }
  if (changed) rebuild();
  if (!out.empty()) ++revision_;
  return out;
}

void replica::rebuild() {
  ++revision_;
  if (pending_.empty()) {
    visible_ = trajectory{};
    return;
  }
  visible_ = confirmed_;
  for (const auto& p : pending_) {
    // An op that does not fit any more stays queued (the server has the last word) but
    // is not shown.
    if (check_pending(visible_, p.op, actor{me_})) continue;
    apply(visible_, p.op, actor{me_});
  }
}

}  // namespace jos::client
