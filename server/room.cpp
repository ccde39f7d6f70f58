#include "server/room.hpp"

#include <boost/asio/post.hpp>
#include <chrono>
#include <random>
#include <utility>

#include "protocol/codec.hpp"
#include "protocol/json_text.hpp"
#include "protocol/limits.hpp"
#include "protocol/op_codec.hpp"
#include "protocol/ops_frame.hpp"
#include "protocol/state_codec.hpp"
#include "server/log.hpp"
#include "server/person_export.hpp"
#include "server/privacy.hpp"
#include "server/secrets.hpp"
#include "shared/rules.hpp"

namespace jos::server {
namespace {

using namespace shared;
using protocol::error_code;
namespace net = boost::asio;

std::int64_t now_ms() {
  return std::chrono::duration_cast<std::chrono::milliseconds>(
             std::chrono::system_clock::now().time_since_epoch())
      .count();
}

std::shared_ptr<const std::string> share(std::string s) {
  return std::make_shared<const std::string>(std::move(s));
}

// The op as every client sees it, around the op's JSON text (encoded once, for the store
// too). A vote's value stays secret until the reveal.
std::string element_json(std::uint64_t seq, person_id author, const std::string& client_id,
                         std::uint64_t client_seq, const operation& op, std::string_view op_text) {
  if (const auto* cast = std::get_if<op::cast_vote>(&op)) {
    op::cast_vote secret = *cast;
    secret.value = 0;
    return protocol::ops_element(seq, author, client_id, client_seq, protocol::op_text(secret));
  }
  return protocol::ops_element(seq, author, client_id, client_seq, op_text);
}

actor actor_for(person_id author) { return author == no_person ? actor::server() : actor{author}; }

// At least what an op adds to the state's JSON: a text edit its inserted text less what it
// deletes; anything else no more than its own JSON (it carries whatever it adds, and more).
std::int64_t growth_bound(const operation& op, std::size_t op_bytes) {
  const auto* edit = std::get_if<op::edit_text>(&op);
  if (edit == nullptr) return static_cast<std::int64_t>(op_bytes);
  std::int64_t growth = 0;
  for (const auto& s : edit->edits)
    growth += static_cast<std::int64_t>(protocol::json_string_bytes(s.ins)) -
              static_cast<std::int64_t>(s.del);  // a deleted code point is at least a byte
  return growth;
}

std::int64_t measured_bytes(const trajectory& t) {
  return static_cast<std::int64_t>(protocol::encode_state(t, false).dump().size());
}

// Below 2^53 so that any JSON reader keeps it exact; never 0, which means "no epoch".
std::uint64_t fresh_epoch() {
  std::random_device random;
  const std::uint64_t high = random();
  const std::uint64_t epoch = ((high << 32) | random()) & ((std::uint64_t{1} << 53) - 1);
  return epoch == 0 ? 1 : epoch;
}

// An anonymous vote's open ballot, as a cast_vote on the wire, belongs to this open vote.
const vote_state* anonymous_open_vote(const trajectory& t, const operation& op) {
  const auto* cast = std::get_if<op::cast_vote>(&op);
  if (cast == nullptr || cast->meeting < 0 || cast->meeting >= static_cast<int>(t.meetings.size()))
    return nullptr;
  const vote_state& v = t.meetings[static_cast<std::size_t>(cast->meeting)].session.vote;
  return v.open && v.anonymous && !v.revealed ? &v : nullptr;
}

}  // namespace

room::room(executor strand, const room_data& data, store_worker& store, metrics& m,
           room_options options)
    : strand_(std::move(strand)),
      id_(data.record.id),
      store_(store),
      metrics_(m),
      options_(options),
      epoch_(fresh_epoch()),
      join_code_(data.record.join_code),
      coordinator_code_(data.record.coordinator_code) {
  std::string error;
  if (data.snapshot_json.empty()) {
    const auto j = protocol::json::parse(data.record.partnership_json, nullptr, false);
    if (j.is_discarded()) throw store_error("partnership of " + id_ + " is not JSON");
    protocol::json_reader r(j, "partnership", error);
    state_ = make_trajectory(id_, protocol::decode_partnership(r));
  } else {
    state_bytes_ = static_cast<std::int64_t>(data.snapshot_json.size());
    const auto j = protocol::json::parse(data.snapshot_json, nullptr, false);
    auto decoded = j.is_discarded() ? std::nullopt : protocol::decode_state(j, error);
    if (!decoded) throw store_error("snapshot of " + id_ + " does not decode: " + error);
    state_ = std::move(*decoded);
  }
  if (!error.empty()) throw store_error("room " + id_ + ": " + error);
  seq_ = data.snapshot_seq;
  for (const auto& stored : data.tail) {
    const auto j = protocol::json::parse(stored.op_json, nullptr, false);
    auto op = j.is_discarded() ? std::nullopt : protocol::decode_op(j, "op", error);
    if (!op || stored.seq != seq_ + 1)
      throw store_error("op " + std::to_string(stored.seq) + " of " + id_ + " is damaged " + error);
    apply(state_, *op, actor_for(stored.author));
    state_bytes_ += growth_bound(*op, stored.op_json.size());
    seq_ = stored.seq;
    history_.push_back({stored.seq, stored.author, stored.client_id, stored.client_seq, *op,
                        element_json(stored.seq, stored.author, stored.client_id, stored.client_seq,
                                     *op, stored.op_json)});
    if (history_.size() > options_.history_size) history_.pop_front();
  }
  committed_seq_ = seq_;
  for (const auto& c : data.clients) {
    if (c.person >= stand_in_base)
      ballots_[c.client_id] = {c.person, c.last_client_seq, c.last_seq};
    else
      clients_[{c.person, c.client_id}] = {c.last_client_seq, c.last_seq};
  }
  state_bytes_ = data.snapshot_json.empty() ? measured_bytes(state_) : state_bytes_;
}

room::member* room::find(const connection_ptr& c) {
  for (auto& m : members_)
    if (m.conn == c) return &m;
  return nullptr;
}

void room::add_person(protocol::profile who, bool coordinator, participant_record token,
                      std::optional<trajectory_record> created, join_done done) {
  net::post(strand_, [self = shared_from_this(), who = std::move(who), coordinator,
                      token = std::move(token), created = std::move(created),
                      done = std::move(done)]() mutable {
    if (self->closed_ || self->broken_)
      return done(std::nullopt, "De leerlijn is even niet beschikbaar; probeer het opnieuw.");
    person p;
    p.id = self->state_.next_person_id;
    p.name = who.name;
    p.org = who.org;
    p.function = who.function;
    p.level = who.level;
    p.coordinator = coordinator && coordinator_count(self->state_) < max_coordinators;
    token.person = p.id;
    const person_id id = p.id;
    auto error = self->accept(op::add_person{std::move(p)}, no_person, {}, 0, std::move(token),
                              std::move(created), [done, id] { done(id, {}); });
    if (error) done(std::nullopt, error->message);
  });
}

void room::attach(connection_ptr c, person_id who, std::string ballot_key, std::string client_id,
                  std::uint64_t last_seq, std::uint64_t epoch) {
  net::post(strand_, [self = shared_from_this(), c = std::move(c), who,
                      ballot_key = std::move(ballot_key), client_id = std::move(client_id),
                      last_seq, epoch]() mutable {
    if (self->closed_ || self->broken_) {
      c->close(error_code::unavailable, "De leerlijn is even niet beschikbaar; verbind opnieuw.");
      return;
    }
    // Taken off the team between the token check and now.
    if (find_person(self->state_, who) == nullptr) {
      c->close(protocol::error_code::unauthorised,
               "Je hoort niet (meer) bij het team van deze leerlijn.");
      return;
    }
    // While an op is being committed, the newcomer's whole stream waits for it: the
    // connection may be its sender's, back after a reconnect, and a sender learns of its
    // op only once it is durable.
    self->members_.push_back({c,
                              who,
                              std::move(ballot_key),
                              client_id,
                              self->seq_,
                              std::nullopt,
                              self->committed_seq_ < self->seq_ ? self->seq_ : 0,
                              {},
                              0});
    const std::size_t index = self->members_.size() - 1;
    auto to_newcomer = [&](std::string message) {
      self->deliver(self->members_[index], share(std::move(message)), self->seq_);
    };
    // Only this person's marks: someone else may use the same client id.
    const auto mark = self->clients_.find({who, client_id});
    to_newcomer(protocol::encode(protocol::server_message{protocol::welcome{
        self->id_, who, self->seq_, self->epoch_,
        mark == self->clients_.end() ? 0 : mark->second.first, self->options_.retention_months}}));
    // Catch up from memory when we can; otherwise (new, far behind, or from another run of
    // the room) send the whole state. Another run may have sent ops that a crash lost
    // before they were durable.
    const bool from_history =
        epoch == self->epoch_ && last_seq > 0 && last_seq <= self->seq_ &&
        self->seq_ - last_seq <= self->options_.max_catch_up &&
        (last_seq == self->seq_ ||
         (!self->history_.empty() && self->history_.front().seq <= last_seq + 1));
    if (from_history) {
      if (last_seq < self->seq_) {
        std::string elements;
        for (const auto& h : self->history_) {
          if (h.seq <= last_seq) continue;
          if (!elements.empty()) elements.push_back(',');
          elements += h.element_json;
        }
        to_newcomer(protocol::ops_message(elements));
      }
    } else {
      self->deliver(self->members_[index], self->snapshot_message(), self->seq_);
    }
    if (is_coordinator(self->state_, who)) self->send_codes(self->members_[index]);
    self->send_presence();
    // Who is typing where right now; otherwise a late joiner learns it only at their next move.
    for (std::size_t i = 0; i < index; ++i)
      if (const member& m = self->members_[i]; m.focus)
        to_newcomer(
            protocol::encode(protocol::server_message{protocol::editing{m.person, m.focus}}));
  });
}

void room::detach(const connection_ptr& c) {
  net::post(strand_, [self = shared_from_this(), c] {
    member* m = self->find(c);
    if (m == nullptr) return;
    if (m->focus) {
      m->focus.reset();
      self->send_editing(*m);
    }
    std::erase_if(self->members_, [&](const member& x) { return x.conn == c; });
    self->send_presence();
  });
}

void room::focus(const connection_ptr& c, std::optional<op::text_target> target) {
  net::post(strand_, [self = shared_from_this(), c, target] {
    member* m = self->find(c);
    if (m == nullptr || m->focus == target) return;
    m->focus = target;
    self->send_editing(*m);
  });
}

void room::send_codes(member& m) {
  protocol::codes codes;
  if (is_coordinator(state_, m.person)) {
    // The store keeps only hashes: a code is known here only since this room made it. A
    // coordinator keeps what their app remembers of the codes the room does not know.
    if (join_code_.empty() && coordinator_code_.empty()) return;
    codes = {join_code_, coordinator_code_};
  }
  deliver(m, share(protocol::encode(protocol::server_message{std::move(codes)})), seq_);
}

void room::close_sessions_of(person_id person) {
  bool any = false;
  for (auto& m : members_) {
    if (m.person != person) continue;
    m.conn->close(protocol::error_code::unauthorised,
                  "Je bent door de coördinator uit het team van deze leerlijn gehaald. Wat je "
                  "schreef blijft bewaard onder je naam.");
    any = true;
  }
  if (!any) return;
  std::erase_if(members_, [&](const member& m) { return m.person == person; });
  send_presence();
}

void room::rotate_code(const connection_ptr& c, protocol::access_code which) {
  net::post(strand_, [self = shared_from_this(), c, which] {
    const member* m = self->find(c);
    if (m == nullptr) return;
    if (!is_coordinator(self->state_, m->person)) {
      c->send(share(protocol::encode(protocol::server_message{protocol::error{
          protocol::error_code::forbidden, "Alleen een coördinator kan een code vernieuwen."}})));
      return;
    }
    self->rotations_.push_back({which, [c](bool stored) {
                                  if (stored) return;
                                  c->send(share(protocol::encode(protocol::server_message{
                                      protocol::error{protocol::error_code::unavailable,
                                                      "De nieuwe code kon niet worden "
                                                      "opgeslagen; probeer het opnieuw."}})));
                                }});
    self->rotate_next_code();
  });
}

void room::export_person(const connection_ptr& c, person_id person) {
  net::post(strand_, [self = shared_from_this(), c, person] {
    const member* m = self->find(c);
    if (m == nullptr) return;
    auto refuse = [&](error_code code, std::string reason) {
      c->send(share(
          protocol::encode(protocol::server_message{protocol::error{code, std::move(reason)}})));
    };
    if (person != m->person && !is_coordinator(self->state_, m->person))
      return refuse(error_code::forbidden,
                    "Je kunt alleen je eigen gegevens opvragen; een coördinator die van een "
                    "teamlid.");
    auto json = person_export_json(self->state_, person);
    if (!json) return refuse(error_code::not_found, "Deze deelnemer bestaat niet.");
    c->send(share(protocol::encode(protocol::server_message{protocol::person_export{
        person, json->dump(2), *person_export_text(self->state_, person)}})));
  });
}

void room::learn_code(protocol::access_code which, std::string code) {
  net::post(strand_, [self = shared_from_this(), which, code = std::move(code)] {
    // A code the room knows is the newest: one renewed since the joiner's code was looked up
    // is never overwritten by it.
    auto& known = which == protocol::access_code::team ? self->join_code_ : self->coordinator_code_;
    if (!known.empty() || self->rotating_ || !self->rotations_.empty()) return;
    known = code;
  });
}

void room::restore_coordinator(person_id person, restored done) {
  net::post(strand_, [self = shared_from_this(), person, done = std::move(done)] {
    if (self->closed_ || self->broken_) return done("De leerlijn is even niet beschikbaar.", {});
    const shared::person* p = find_person(self->state_, person);
    if (p == nullptr)
      return done("Deelnemer " + std::to_string(person) + " hoort niet bij het team.", {});
    // In an order the rules allow: never more than two coordinators, never none.
    std::vector<operation> ops;
    std::vector<person_id> others;
    for (const auto& q : self->state_.team)
      if (q.coordinator && q.id != person) others.push_back(q.id);
    if (!p->coordinator && !others.empty() && coordinator_count(self->state_) >= max_coordinators) {
      ops.push_back(op::set_coordinator{others.back(), false});
      others.pop_back();
    }
    if (!p->coordinator) ops.push_back(op::set_coordinator{person, true});
    for (person_id q : others) ops.push_back(op::set_coordinator{q, false});
    // Then a new coordinator code, once the ops are durable: whoever used the old one
    // cannot come back with it.
    auto renew = [self, done] {
      self->rotations_.push_back(
          {protocol::access_code::coordinator, [self, done](bool stored) {
             if (!stored) return done("De nieuwe coördinatorcode is niet opgeslagen.", {});
             done({}, protocol::codes{self->join_code_, self->coordinator_code_});
           }});
      self->rotate_next_code();
    };
    if (ops.empty()) return renew();
    for (std::size_t i = 0; i < ops.size(); ++i)
      if (auto error = self->accept(ops[i], no_person, {}, 0, std::nullopt, std::nullopt,
                                    i + 1 == ops.size() ? std::function<void()>(renew) : nullptr))
        return done(error->message, {});
  });
}

void room::rotate_next_code() {
  if (rotating_ || rotations_.empty()) return;
  rotating_ = true;
  rotation next = std::move(rotations_.front());
  rotations_.pop_front();
  // Not a commit: a job of its own, so that a code that happens to be taken fails only
  // this (and is drawn again), never a group commit of other rooms' ops.
  store_.run([self = shared_from_this(), which = next.which, reported = std::move(next.reported),
              join = join_code_, coordinator = coordinator_code_](store& s) mutable {
    bool stored = false;
    const bool team = which == protocol::access_code::team;
    for (int attempt = 0; attempt < 3 && !stored; ++attempt) {
      (team ? join : coordinator) = team ? make_join_code() : make_coordinator_code();
      try {
        // Only the renewed code: the other stays as it is (the room may not know it).
        s.set_codes(self->id_, team ? join : std::string{}, team ? std::string{} : coordinator);
        stored = true;
      } catch (const std::exception& e) {
        log_error("room " + self->id_ + ": storing a new code failed: " + e.what());
      }
    }
    net::post(self->strand_,
              [self, stored, join, coordinator, reported = std::move(reported)]() mutable {
                self->rotating_ = false;
                if (stored) {
                  self->join_code_ = join;
                  self->coordinator_code_ = coordinator;
                  for (auto& m : self->members_)
                    if (is_coordinator(self->state_, m.person)) self->send_codes(m);
                }
                reported(stored);
                self->rotate_next_code();
              });
  });
}

void room::send_editing(const member& m) {
  auto message =
      share(protocol::encode(protocol::server_message{protocol::editing{m.person, m.focus}}));
  for (auto& other : members_)
    if (other.conn != m.conn) deliver(other, message, seq_);
}

void room::send_presence() {
  protocol::presence p;
  for (const auto& m : members_) p.online.push_back(m.person);
  std::sort(p.online.begin(), p.online.end());
  p.online.erase(std::unique(p.online.begin(), p.online.end()), p.online.end());
  auto message = share(protocol::encode(protocol::server_message{std::move(p)}));
  for (auto& m : members_) deliver(m, message, seq_);
}

void room::submit(const connection_ptr& c, protocol::submit message) {
  net::post(strand_, [self = shared_from_this(), c, message = std::move(message)]() mutable {
    self->do_submit(c, std::move(message));
  });
}

void room::do_submit(const connection_ptr& c, protocol::submit message) {
  const member* m = find(c);
  if (m == nullptr) return;  // detached meanwhile
  const person_id author = m->person;
  const std::string client_id = m->client_id;
  auto reject = [&](error_code code, std::string reason) {
    metrics_.op_rejected(code);
    c->send(share(protocol::encode(
        protocol::server_message{protocol::reject{message.client_seq, code, std::move(reason)}})));
  };
  if (broken_)
    return reject(error_code::unavailable,
                  "De server kan nu niets opslaan; probeer het zo opnieuw.");
  if (store_.disk_full())
    return reject(error_code::disk_full,
                  "De schijf van de server is vol: je wijziging is niet opgeslagen. Lezen gaat "
                  "gewoon door; zodra er weer ruimte is, kun je verder.");
  if (message.ballot) return submit_ballot(c, *m, std::move(message));

  // A resend of something we already took from this installation of this person:
  // acknowledge again, never apply twice.
  const client_key key{author, client_id};
  if (auto it = clients_.find(key); it != clients_.end() && message.client_seq <= it->second.first)
    return acknowledge_again(c, key, message.client_seq);
  // A base beyond our seq was counted in another run of the room: the client saw ops that
  // a crash took back before they were durable (a resend after a restart, from a client
  // that kept its old base). Only a text edit's positions depend on its base: it comes
  // back stale, and the client rebases it on the state it gets now and sends it again.
  // Every other op stands on its own (last writer wins) and is taken as it is.
  if (message.base_seq > seq_) {
    if (std::holds_alternative<op::edit_text>(message.op))
      return reject(error_code::stale,
                    "De tekst is intussen veranderd; je scherm wordt bijgewerkt.");
    message.base_seq = seq_;
  }

  if (auto* edit = std::get_if<op::edit_text>(&message.op)) {
    if (!transform_text(*edit, message.base_seq, key))
      return reject(error_code::stale,
                    "De tekst is intussen te veel veranderd; je scherm wordt bijgewerkt.");
  }
  // A ballot in an anonymous vote numbered in the voter's own sequence would leave a gap
  // there that tells who voted: it must come as a ballot (the vote may have turned
  // anonymous since the client made it).
  if (anonymous_open_vote(state_, message.op) != nullptr)
    return reject(protocol::error_code::conflict, "Deze stemming is anoniem; stem opnieuw.");
  complete_on_server(message.op, state_, now_ms());
  // The sender's own op comes back to it once durable, with its client_id and client_seq:
  // that is its acknowledgement, one write fewer per op.
  auto error = accept(std::move(message.op), author, client_id, message.client_seq, std::nullopt,
                      std::nullopt, {}, c);
  if (error) return reject(protocol::error_code_of(error->code), error->message);
  if (const auto* cast = std::get_if<op::cast_vote>(&history_.back().op))
    reveal_when_all_voted(cast->meeting);
}

void room::submit_ballot(const connection_ptr& c, const member& voter, protocol::submit message) {
  const std::uint64_t client_seq = message.client_seq;
  auto reject = [&](error_code code, std::string reason) {
    metrics_.op_rejected(code);
    c->send(share(protocol::encode(
        protocol::server_message{protocol::reject{client_seq, code, std::move(reason)}})));
  };
  const auto* cast = std::get_if<op::cast_vote>(&message.op);
  if (cast == nullptr)
    return reject(protocol::error_code::invalid,
                  "Alleen een stem kan als anonieme stem worden verstuurd.");
  const int meeting = cast->meeting;
  // The same ballot again (its ack was lost): acknowledged again, also after the reveal.
  const auto mark = ballots_.find(voter.ballot_key);
  if (mark != ballots_.end() && mark->second.client_seq == client_seq)
    return send_ack(c, client_seq, mark->second.seq);
  if (auto error = validate(state_, message.op, actor{voter.person}))
    return reject(protocol::error_code_of(error->code), error->message);
  if (anonymous_open_vote(state_, message.op) == nullptr)
    return reject(protocol::error_code::conflict, "Deze stemming is niet anoniem; stem opnieuw.");
  // A voter keeps their stand-in for the whole vote: a new ballot replaces the old one.
  const person_id stand_in =
      mark != ballots_.end() ? mark->second.stand_in : next_stand_in(meeting);
  // Its copy in `ops` names nobody, so the voter learns from an ack, just before that copy.
  auto acknowledge = [c, client_seq, this] {
    c->send(share(
        protocol::encode(protocol::server_message{protocol::ack{client_seq, committed_seq_}})));
  };
  const ballot_entry entry{voter.ballot_key, client_seq};
  if (auto error = accept(std::move(message.op), stand_in, {}, 0, std::nullopt, std::nullopt,
                          std::move(acknowledge), c, &entry))
    return reject(protocol::error_code_of(error->code), error->message);
  reveal_when_all_voted(meeting);
}

person_id room::next_stand_in(int meeting) const {
  person_id highest = stand_in_base;
  for (const auto& [key, mark] : ballots_) highest = std::max(highest, mark.stand_in);
  for (const auto& [who, value] :
       state_.meetings[static_cast<std::size_t>(meeting)].session.vote.ballots)
    highest = std::max(highest, who);
  return highest + 1;
}

void room::send_ack(const connection_ptr& c, std::uint64_t client_seq, std::uint64_t seq) {
  // Not durable yet (a resend of an op still being committed): the ack waits for the commit.
  if (seq > committed_seq_) return waiting_acks_.push_back({seq, c, client_seq});
  c->send(share(protocol::encode(protocol::server_message{protocol::ack{client_seq, seq}})));
}

void room::acknowledge_again(const connection_ptr& c, const client_key& key,
                             std::uint64_t client_seq) {
  const auto [last_client_seq, last_seq] = clients_.at(key);
  if (client_seq == last_client_seq) return send_ack(c, client_seq, last_seq);
  // An older one: usually recent enough to be in memory, which holds every op from its
  // front on. Passing one of the client's older ops there means this one was never taken.
  for (auto h = history_.rbegin(); h != history_.rend(); ++h) {
    if (h->author != key.first || h->client_id != key.second || h->client_seq > client_seq)
      continue;
    if (h->client_seq == client_seq) return send_ack(c, client_seq, h->seq);
    return refuse_replay(c, client_seq, false);
  }
  // Else (after a restart, or long ago) the store knows.
  replays_.push_back({c, key.first, key.second, client_seq, last_seq});
  look_up_next_replay();
}

void room::refuse_replay(const connection_ptr& c, std::uint64_t client_seq, bool store_failed) {
  // Never stored: it was refused the first time, and a client seq is not reused.
  const error_code code = store_failed ? error_code::unavailable : error_code::conflict;
  metrics_.op_rejected(code);
  c->send(share(protocol::encode(protocol::server_message{protocol::reject{
      client_seq, code,
      store_failed
          ? "De server kan dit nu niet nagaan; probeer het zo opnieuw."
          : "Deze wijziging is eerder al geweigerd; ze wordt niet opnieuw uitgevoerd."}})));
}

void room::look_up_next_replay() {
  if (replay_lookup_running_ || replays_.empty()) return;
  replay_lookup_running_ = true;
  replay r = replays_.front();
  replays_.pop_front();
  store_.run([self = shared_from_this(), r](store& s) {
    std::optional<std::uint64_t> seq;
    bool failed = false;
    try {
      seq = s.op_seq(self->id_, r.person, r.client_id, r.client_seq, r.before_seq);
    } catch (const std::exception& e) {
      log_error("room " + self->id_ + ": looking up a resent op failed: " + e.what());
      failed = true;
    }
    net::post(self->strand_, [self, r, seq, failed] {
      self->replay_lookup_running_ = false;
      if (seq) {
        self->send_ack(r.conn, r.client_seq, *seq);
      } else {
        self->refuse_replay(r.conn, r.client_seq, failed);
      }
      self->look_up_next_replay();
    });
  });
}

void room::reveal_when_all_voted(int meeting_index) {
  const vote_state& v = state_.meetings[static_cast<std::size_t>(meeting_index)].session.vote;
  if (!v.open || v.revealed || members_.empty()) return;
  for (const auto& m : members_) {
    const bool voted = v.anonymous ? ballots_.contains(m.ballot_key) : v.ballots.contains(m.person);
    if (!voted) return;
  }
  operation reveal = op::reveal_vote{meeting_index, {}};
  complete_on_server(reveal, state_, now_ms());
  if (auto error = accept(std::move(reveal), no_person, {}, 0, std::nullopt, std::nullopt, {}))
    log_error("room " + id_ + ": automatic reveal refused: " + error->message);
}

bool room::transform_text(op::edit_text& edit, std::uint64_t base_seq,
                          const client_key& sender) const {
  // False when the client must rebase the edit and send it again (it does so by itself):
  // its base is older than our memory, the transformation split it past what one op may
  // carry, or nothing is left of it because others deleted the same text first (then the
  // client's copy comes to nothing as well and is dropped, with nothing typed after it).
  if (base_seq >= seq_) return !edit.edits.empty();
  if (history_.empty() || history_.front().seq > base_seq + 1) return false;
  std::vector<splice> edits = std::move(edit.edits);
  for (const auto& h : history_) {
    if (h.seq <= base_seq || (h.author == sender.first && h.client_id == sender.second)) continue;
    const auto* other = std::get_if<op::edit_text>(&h.op);
    if (other == nullptr || !(other->target == edit.target)) continue;
    // The op the server already ordered wins ties, on the server and in every replica.
    edits = transform(std::move(edits), other->edits, false).a;
  }
  edit.edits = std::move(edits);
  return !edit.edits.empty() && edit.edits.size() <= op::max_splices_per_edit;
}

std::shared_ptr<const std::string> room::snapshot_message() {
  // Shared by everyone who attaches before the next op: thirty clients reconnecting at once
  // hold one copy of a large state, not thirty.
  if (!snapshot_message_ || snapshot_seq_ != seq_) {
    snapshot_message_ =
        share(protocol::encode(protocol::server_message{protocol::snapshot{seq_, state_}}));
    snapshot_seq_ = seq_;
  }
  return snapshot_message_;
}

std::optional<rule_error> room::refuse_growth(std::int64_t growth) {
  const auto limit = static_cast<std::int64_t>(options_.max_trajectory_bytes);
  if (growth <= 0 || state_bytes_ + growth <= limit) return std::nullopt;
  state_bytes_ = measured_bytes(state_);  // the estimate may have run ahead of the truth
  if (state_bytes_ + growth <= limit) return std::nullopt;
  return rule_error{rule_code::too_long,
                    "De leerlijn is vol: alles samen mag hooguit " +
                        std::to_string(options_.max_trajectory_bytes / (1024 * 1024)) +
                        " MB tekst beslaan, en deze wijziging past er niet meer bij. Maak "
                        "eerst ergens tekst korter."};
}

std::optional<rule_error> room::accept(operation op, person_id author, const std::string& client_id,
                                       std::uint64_t client_seq,
                                       std::optional<participant_record> token,
                                       std::optional<trajectory_record> created,
                                       std::function<void()> on_durable,
                                       const connection_ptr& sender, const ballot_entry* ballot) {
  if (ballot == nullptr)
    if (auto error = validate(state_, op, actor_for(author))) return error;
  std::string op_json = protocol::op_text(op);
  // The server's own ops (joins, the automatic reveal) are small and bounded by the rules.
  const std::int64_t growth = growth_bound(op, op_json.size());
  if (author != no_person && ballot == nullptr)
    if (auto error = refuse_growth(growth)) return error;
  apply(state_, op, actor_for(author));
  state_bytes_ = std::max<std::int64_t>(0, state_bytes_ + growth);
  const std::uint64_t seq = ++seq_;
  if (!client_id.empty()) clients_[{author, client_id}] = {client_seq, seq};

  commit_item item;
  item.trajectory_id = id_;
  item.created = std::move(created);
  item.participant = std::move(token);
  // A new vote: the keys of the last one's ballots go, so that no key outlives its vote
  // (it is the same for one person in every vote of the trajectory).
  if (std::holds_alternative<op::open_vote>(op)) {
    ballots_.clear();
    item.clear_ballot_marks = true;
  }
  // Their access ends with the op, in one commit; their sessions, once it is durable.
  if (const auto* removal = std::get_if<op::remove_person>(&op)) {
    item.revoke_person = removal->person;
    on_durable = [this, person = removal->person, then = std::move(on_durable)] {
      if (then) then();
      close_sessions_of(person);
    };
  }
  // Erased (AVG): the ops kept for catch-up stop naming them now; the stored rows and
  // snapshots once the op is durable (after it, nothing new names them).
  if (const auto* erasure = std::get_if<op::erase_person>(&op)) {
    item.revoke_person = erasure->person;
    item.erasures_due.push_back(erasure->person);
    forget_person(erasure->person);
    on_durable = [this, person = erasure->person, then = std::move(on_durable)] {
      if (then) then();
      close_sessions_of(person);
      store_.run([id = id_, person](store& s) {
        try {
          s.erase_person(id, person);
        } catch (const std::exception& e) {
          log_error("room " + id +
                    ": erasing a person from the store failed (tried again later): " + e.what());
        }
      });
    };
  }
  if (ballot != nullptr) {
    ballots_[ballot->key] = {author, ballot->client_seq, seq};
    item.clients.push_back({author, ballot->key, ballot->client_seq, seq});
  }
  item.ops.push_back({seq, author, client_id, client_seq, std::move(op_json)});
  if (seq % options_.snapshot_every == 0) {
    item.snapshot = {seq, protocol::encode_state(state_, false).dump()};
    state_bytes_ = static_cast<std::int64_t>(item.snapshot->second.size());
    for (const auto& [key, mark] : clients_)
      item.clients.push_back({key.first, key.second, mark.first, mark.second});
    for (const auto& [key, mark] : ballots_)
      item.clients.push_back({mark.stand_in, key, mark.client_seq, mark.seq});
  }

  history_.push_back({seq, author, client_id, client_seq, std::move(op), {}});
  history_.back().element_json =
      element_json(seq, author, client_id, client_seq, history_.back().op, item.ops.back().op_json);
  // Out to the others now, not after the commit: a group commit waits for the disk, and
  // the room should see the keystroke within a blink. The sender learns of it only once
  // it is durable, so its ack never runs ahead of the disk.
  if (options_.broadcast_after_commit) {
    for (auto& m : members_) m.hold_until = seq;
  } else if (member* m = sender ? find(sender) : nullptr) {
    m->hold_until = seq;
  }
  broadcast(protocol::ops_message(history_.back().element_json), seq);
  // Who became (or stopped being) a coordinator learns (or forgets) the codes.
  if (const auto* change = std::get_if<op::set_coordinator>(&history_.back().op))
    for (auto& m : members_)
      if (m.person == change->person) send_codes(m);
  if (history_.size() > options_.history_size) history_.pop_front();
  on_durable_.emplace(seq, std::move(on_durable));

  store_.commit(std::move(item), [self = shared_from_this(), seq](bool durable) {
    net::post(self->strand_, [self, seq, durable] { self->committed(seq, durable); });
  });
  return std::nullopt;
}

void room::forget_person(person_id person) {
  for (auto& h : history_) {
    shared::person* named = nullptr;
    if (auto* added = std::get_if<op::add_person>(&h.op)) named = &added->value;
    if (auto* updated = std::get_if<op::update_person>(&h.op)) named = &updated->value;
    const bool names = named != nullptr && named->id == person;
    const bool their_device = h.author == person && !h.client_id.empty();
    if (!names && !their_device) continue;
    if (names) {
      named->name = erased_name;
      named->function.clear();
    }
    if (their_device) h.client_id.clear();
    h.element_json =
        element_json(h.seq, h.author, h.client_id, h.client_seq, h.op, protocol::op_text(h.op));
  }
  std::erase_if(clients_, [&](const auto& c) { return c.first.first == person; });
}

void room::committed(std::uint64_t seq, bool durable) {
  if (!durable) {
    // What is in memory is ahead of the disk. Stop, drop everyone; the next load starts
    // from what was durable, and clients resend what was never acknowledged.
    if (!broken_) log_error("room " + id_ + ": commit failed; closing the room");
    broken_ = true;
    closed_ = true;  // whoever comes back gets the room anew, as the disk has it
    for (auto& m : members_)
      m.conn->close(error_code::unavailable, "Opslaan mislukt; de verbinding wordt hersteld.");
    members_.clear();
    on_durable_.clear();
    for (auto& report : std::exchange(when_all_durable_, {})) report();
    return;
  }
  committed_seq_ = seq;
  ++metrics_.ops_accepted;
  if (auto it = on_durable_.find(seq); it != on_durable_.end()) {
    auto done = std::move(it->second);
    on_durable_.erase(it);
    if (done) done();
  }
  release_held();
  if (committed_seq_ == seq_)
    for (auto& report : std::exchange(when_all_durable_, {})) report();
  std::erase_if(waiting_acks_, [&](const waiting_ack& w) {
    if (w.seq > committed_seq_) return false;
    w.conn->send(
        share(protocol::encode(protocol::server_message{protocol::ack{w.client_seq, w.seq}})));
    return true;
  });
}

void room::broadcast(std::string message, std::uint64_t seq) {
  auto shared_message = share(std::move(message));
  for (auto& m : members_)
    if (m.seen_seq < seq) deliver(m, shared_message, seq);
}

void room::deliver(member& m, std::shared_ptr<const std::string> message, std::uint64_t after) {
  if (m.hold_until != 0)
    m.held.emplace_back(after, std::move(message));
  else
    m.conn->send(std::move(message));
}

void room::release_held() {
  for (auto& m : members_) {
    if (m.hold_until == 0) continue;
    // Once its own ops are all durable, nothing needs to wait any more; before that, what
    // is durable may go, so a sender that keeps typing still sees the others' ops flow.
    const bool own_durable = m.hold_until <= committed_seq_;
    while (m.held_from < m.held.size() &&
           (own_durable || m.held[m.held_from].first <= committed_seq_))
      m.conn->send(std::move(m.held[m.held_from++].second));
    if (m.held_from == m.held.size()) {
      decltype(m.held)().swap(m.held);  // nothing kept for the next hold: most members idle
      m.held_from = 0;
    }
    if (own_durable) m.hold_until = 0;
  }
}

void room::try_close(std::function<void(bool)> done) {
  net::post(strand_, [self = shared_from_this(), done = std::move(done)] {
    if (self->members_.empty() && self->on_durable_.empty() && self->waiting_acks_.empty() &&
        self->replays_.empty() && !self->replay_lookup_running_ && !self->rotating_)
      self->closed_ = true;
    done(self->closed_);
  });
}

void room::read_state(std::function<void(trajectory)> done) {
  net::post(strand_, [self = shared_from_this(), done = std::move(done)] { done(self->state_); });
}

void room::state_hash(std::function<void(std::uint64_t, std::string)> done) {
  net::post(strand_, [self = shared_from_this(), done = std::move(done)] {
    auto report = [self, done] { done(self->committed_seq_, protocol::state_hash(self->state_)); };
    if (self->committed_seq_ == self->seq_ || self->broken_) return report();
    self->when_all_durable_.push_back(std::move(report));
  });
}

}  // namespace jos::server
