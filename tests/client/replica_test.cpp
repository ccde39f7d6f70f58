// The replica against a small in-test room that orders ops exactly like the server's room
// (dedup by client_seq, transformation of text edits against concurrent foreign ones,
// validate, apply), so rebasing, merging and resending can be checked op by op.
#include <gtest/gtest.h>

#include <deque>
#include <map>
#include <random>

#include "client/core/replica.hpp"
#include "protocol/codec.hpp"
#include "protocol/limits.hpp"
#include "shared/rules.hpp"
#include "shared/text.hpp"

namespace jos::client {
namespace {

using namespace shared;

constexpr person_id anna = 1;  // coordinator
constexpr person_id bram = 2;  // coordinator too (a school and a youth-work coordinator)
constexpr person_id cees = 3;  // team member without rights

const op::text_target cell{false, 0, document_id::signalering_begin, 0, 0};
const op::text_target other_cell{false, 0, document_id::signalering_begin, 1, 0};

trajectory team() {
  trajectory t = make_trajectory("t1", {"Het Baken", "JoU", cooperation::existing});
  apply(t,
        op::add_person{{anna, "Anna", organisation::school, "docent", staff_level::manager, true}},
        actor::server());
  apply(t,
        op::add_person{{bram, "Bram", organisation::jongerenwerk, "jongerenwerker",
                        staff_level::uitvoerder, true}},
        actor::server());
  apply(t,
        op::add_person{
            {cees, "Cees", organisation::school, "mentor", staff_level::uitvoerder, false}},
        actor::server());
  return t;
}

struct room_answer {
  std::optional<protocol::sequenced_op> op;
  std::optional<protocol::reject> refused;
  std::optional<protocol::ack> ack;
};

// The server's room, minus the network and the disk.
struct fake_room {
  trajectory state = team();
  std::uint64_t seq = 0;
  std::vector<protocol::sequenced_op> history;
  // Keyed like the server's marks: a person's installation, not a client id alone.
  std::map<std::pair<person_id, std::string>, std::pair<std::uint64_t, std::uint64_t>> clients;
  int stale = 0;  // text edits sent back to be rebased and sent again

  room_answer submit(const std::string& client_id, person_id author, outgoing o) {
    room_answer a;
    if (auto it = clients.find({author, client_id});
        it != clients.end() && o.client_seq <= it->second.first) {
      a.ack =
          protocol::ack{o.client_seq, o.client_seq == it->second.first ? it->second.second : seq};
      return a;
    }
    if (auto* edit = std::get_if<op::edit_text>(&o.op)) {
      for (const auto& h : history) {
        if (h.seq <= o.base_seq || (h.author == author && h.client_id == client_id)) continue;
        const auto* other = std::get_if<op::edit_text>(&h.op);
        if (other == nullptr || !(other->target == edit->target)) continue;
        edit->edits = transform(std::move(edit->edits), other->edits, false).a;
      }
      // Nothing left, or more splices than one op may carry: go again (room::transform_text).
      if (edit->edits.empty() || edit->edits.size() > op::max_splices_per_edit) {
        ++stale;
        a.refused =
            protocol::reject{o.client_seq, protocol::error_code::stale, "te veel veranderd"};
        return a;
      }
    }
    auto error = validate(state, o.op, actor{author});
    if (error) {
      a.refused =
          protocol::reject{o.client_seq, protocol::error_code_of(error->code), error->message};
      return a;
    }
    apply(state, o.op, actor{author});
    ++seq;
    clients[{author, client_id}] = {o.client_seq, seq};
    history.push_back({seq, author, client_id, o.client_seq, o.op});
    a.ack = protocol::ack{o.client_seq, seq};
    a.op = history.back();
    return a;
  }
};

std::string text_of(const trajectory& t, const op::text_target& target = cell) {
  return *replica::text_at(t, target);
}

// A client: its replica, its numbering, and what the network has not delivered yet.
struct fake_client {
  std::string id;
  person_id who;
  replica r;
  std::uint64_t next_seq = 1;
  std::deque<outgoing> to_server;
  std::deque<room_answer> from_server;
  std::size_t seen = 0;  // history entries already queued for it
  std::vector<std::string> refusals;

  fake_client(std::string client_id, person_id person, const fake_room& room)
      : id(client_id), who(person), r(client_id) {
    r.set_me(person);
    r.reset(room.seq, room.state);
    seen = room.history.size();
  }

  void flush() {
    for (auto& o : r.take_outgoing([this] { return next_seq++; }))
      to_server.push_back(std::move(o));
  }
  void deliver_one() {
    auto a = std::move(from_server.front());
    from_server.pop_front();
    if (a.ack) r.on_ack(*a.ack);
    if (a.refused && r.on_reject(*a.refused)) refusals.push_back(a.refused->reason);
    if (a.op) {
      // Our own op coming back must not move anything on screen: the prediction (our edit
      // rebased over everything ordered before it) is what the server did.
      const bool own = a.op->author == who && a.op->client_id == id;
      const std::string before = text_of(r.visible());
      EXPECT_TRUE(r.apply_server({*a.op}));
      if (own) {
        EXPECT_EQ(text_of(r.visible()), before) << id << " saw its own edit land elsewhere";
      }
    }
    flush();
  }
  void type(const splice& s) {
    auto error = r.submit(op::edit_text{cell, {s}});
    ASSERT_FALSE(error) << error->message;
    flush();
  }
};

// The server handles one message from `c`; everyone attached gets the op, in order.
void server_takes_one(fake_room& room, fake_client& c, std::vector<fake_client*> everyone) {
  auto o = std::move(c.to_server.front());
  c.to_server.pop_front();
  auto a = room.submit(c.id, c.who, std::move(o));
  if (!a.op) {
    c.from_server.push_back({std::nullopt, a.refused, a.ack});
    return;
  }
  // The sender gets the ack first, then (like everyone) the op.
  c.from_server.push_back({std::nullopt, std::nullopt, a.ack});
  for (auto* e : everyone) {
    e->from_server.push_back({a.op, std::nullopt, std::nullopt});
    e->seen = room.history.size();
  }
}

// Until everything is through: the server takes what each sent, everyone reads.
void run_to_the_end(fake_room& room, std::vector<fake_client*> everyone) {
  for (int guard = 0; guard < 10000; ++guard) {
    bool idle = true;
    for (auto* c : everyone) {
      if (!c->to_server.empty()) {
        server_takes_one(room, *c, everyone);
        idle = false;
      }
      while (!c->from_server.empty()) {
        c->deliver_one();
        idle = false;
      }
    }
    if (idle) return;
  }
  ADD_FAILURE() << "never settled";
}

TEST(Replica, LocalEditIsVisibleAtOnceAndConfirmedByItsEcho) {
  fake_room room;
  fake_client a("ca", anna, room);
  a.type({0, 0, "Goed"});
  EXPECT_EQ(text_of(a.r.visible()), "Goed");
  EXPECT_EQ(text_of(a.r.confirmed()), "");
  ASSERT_EQ(a.to_server.size(), 1u);
  EXPECT_EQ(a.to_server.front().client_seq, 1u);
  EXPECT_EQ(a.to_server.front().base_seq, 0u);

  server_takes_one(room, a, {&a});
  while (!a.from_server.empty()) a.deliver_one();
  EXPECT_TRUE(a.r.pending().empty());
  EXPECT_EQ(text_of(a.r.confirmed()), "Goed");
  EXPECT_EQ(a.r.seq(), 1u);
}

TEST(Replica, RefusesLocallyWhatTheRulesForbid) {
  fake_room room;
  fake_client c("cc", cees, room);
  auto error = c.r.submit(op::set_rating{document_id::signalering_begin, 0, 2});
  ASSERT_TRUE(error);
  EXPECT_EQ(error->code, rule_code::forbidden);
  EXPECT_TRUE(c.r.pending().empty());
}

TEST(Replica, OnlyOneTextEditInFlightLaterOnesWaitAndMerge) {
  fake_room room;
  fake_client a("ca", anna, room);
  a.type({0, 0, "a"});
  a.type({1, 0, "b"});
  a.type({2, 0, "c"});
  a.type({1, 1, "B"});  // replaces the b while it waits
  EXPECT_EQ(text_of(a.r.visible()), "aBc");
  ASSERT_EQ(a.to_server.size(), 1u) << "a second text op went out before the first came back";
  ASSERT_EQ(a.r.pending().size(), 2u) << "waiting edits of one text are merged";
  const auto& waiting = std::get<op::edit_text>(a.r.pending()[1].op);
  ASSERT_EQ(waiting.edits.size(), 1u);
  EXPECT_EQ(waiting.edits[0], (splice{1, 0, "Bc"}));

  // A rating is not held back by the text in flight.
  ASSERT_FALSE(a.r.submit(op::set_rating{document_id::signalering_begin, 3, 2}));
  a.flush();
  EXPECT_EQ(a.to_server.size(), 2u);

  server_takes_one(room, a, {&a});
  while (!a.from_server.empty()) a.deliver_one();
  // The first came back; the merged edit goes out based on what is now confirmed.
  ASSERT_EQ(a.to_server.size(), 2u);
  EXPECT_EQ(a.to_server.back().base_seq, 1u);
  while (!a.to_server.empty()) {
    server_takes_one(room, a, {&a});
    while (!a.from_server.empty()) a.deliver_one();
  }
  EXPECT_EQ(text_of(room.state), "aBc");
  EXPECT_EQ(text_of(a.r.confirmed()), "aBc");
  EXPECT_EQ(room.state.documents[0].rows[3].rating, 2);
  EXPECT_TRUE(a.r.pending().empty());
}

TEST(Replica, AppendSpliceFoldsOnlyWhatItCanFoldExactly) {
  std::vector<splice> edits;
  append_splice(edits, {5, 0, "ab"});
  append_splice(edits, {7, 0, "c"});  // typing on
  append_splice(edits, {6, 1, ""});   // backspace over the b
  EXPECT_EQ(edits, (std::vector<splice>{{5, 0, "ac"}}));
  append_splice(edits, {3, 3, ""});  // backspace from inside to before the insertion
  EXPECT_EQ(edits, (std::vector<splice>{{3, 2, "c"}}));
  append_splice(edits, {0, 0, "X"});  // elsewhere: a splice of its own, never a diff
  EXPECT_EQ(edits, (std::vector<splice>{{3, 2, "c"}, {0, 0, "X"}}));
  std::vector<splice> gone{{2, 0, "x"}};
  append_splice(gone, {2, 1, ""});
  EXPECT_TRUE(gone.empty()) << "typed and taken back: nothing left to send";
}

// Waiting edits far apart in one cell, while someone else deletes in between: what they
// deleted stays deleted (a diff-based merge would replace the whole stretch and bring it
// back, or with two such merges double it).
TEST(Replica, DistantWaitingEditsDoNotDoubleTheTextBetween) {
  fake_room room;
  room.state.documents[0].rows[0].cells[0] = "0123456789";
  fake_client a("ca", anna, room);
  fake_client b("cb", bram, room);
  a.type({10, 0, "!"});  // in flight
  a.type({0, 0, "<"});   // waits
  a.type({12, 0, ">"});  // waits too, at the other end
  b.type({5, 1, ""});    // someone deletes the 5 in the middle
  b.type({0, 0, "B"});
  std::vector<fake_client*> both{&a, &b};
  run_to_the_end(room, both);
  const std::string text = text_of(room.state);
  EXPECT_EQ(code_points(text), 13u) << text;
  EXPECT_EQ(text.find('5'), std::string::npos) << text;
  EXPECT_EQ(text_of(a.r.visible()), text);
  EXPECT_EQ(text_of(b.r.visible()), text);
}

TEST(Replica, ForeignEditRebasesWaitingAndInFlightEdits) {
  fake_room room;
  room.state.documents[0].rows[0].cells[0] = "samen werken";
  fake_client a("ca", anna, room);
  fake_client b("cb", bram, room);
  a.type({0, 0, "goed "});              // in flight
  a.type({12 + 5, 0, "!"});             // waits: "goed samen werken!"
  b.type({6, 0, "hard "});              // "samen hard werken"
  server_takes_one(room, b, {&a, &b});  // b's edit is ordered first
  server_takes_one(room, a, {&a, &b});
  while (!a.from_server.empty() || !b.from_server.empty() || !a.to_server.empty()) {
    while (!a.from_server.empty()) a.deliver_one();
    while (!b.from_server.empty()) b.deliver_one();
    if (!a.to_server.empty()) server_takes_one(room, a, {&a, &b});
  }
  EXPECT_EQ(text_of(room.state), "goed samen hard werken!");
  EXPECT_EQ(text_of(a.r.visible()), text_of(room.state));
  EXPECT_EQ(text_of(b.r.visible()), text_of(room.state));
}

TEST(Replica, RejectDropsTheOpAndWaitingEditsOnTopOfIt) {
  fake_room room;
  fake_client a("ca", anna, room);
  a.type({0, 0, "x"});
  a.type({1, 0, "y"});
  ASSERT_EQ(a.r.pending().size(), 2u);
  const auto sent = a.to_server.front();
  a.to_server.clear();
  EXPECT_TRUE(
      a.r.on_reject({sent.client_seq, protocol::error_code::forbidden, "Dat mag je niet."}));
  EXPECT_TRUE(a.r.pending().empty());
  EXPECT_EQ(text_of(a.r.visible()), "");
  EXPECT_FALSE(a.r.on_reject({99, protocol::error_code::forbidden, "?"})) << "not ours";
}

TEST(Replica, ARefusedChangeKeepsItsTextAndThatOfTheEditsOnTopOfIt) {
  fake_room room;
  fake_client a("ca", anna, room);
  a.type({0, 0, "Eerst dit, "});
  a.type({11, 0, "dan dat."});
  const auto sent = a.to_server.front();
  const auto dropped =
      a.r.on_reject({sent.client_seq, protocol::error_code::forbidden, "Dat mag je niet."});
  ASSERT_TRUE(dropped);
  EXPECT_EQ(dropped->reason, "Dat mag je niet.");
  EXPECT_EQ(dropped->kept_text, "Eerst dit, dan dat.") << "what was typed is kept to copy";
  EXPECT_TRUE(a.r.pending().empty());
  ASSERT_FALSE(a.r.submit(op::add_reaction{0, -1, "Een reactie", 0}));
  a.flush();
  const auto reaction =
      a.r.on_reject({a.to_server.back().client_seq, protocol::error_code::conflict, "Vol."});
  ASSERT_TRUE(reaction);
  EXPECT_EQ(reaction->kept_text, "Een reactie");
}

// A text edit the server keeps sending back as stale (something is off: it never does so
// for long with an edit made on a recent text) goes again a few times, then is given up,
// its text kept; it is never sent in a loop.
TEST(Replica, AnEditThatKeepsComingBackStaleIsGivenUp) {
  fake_room room;
  fake_client a("ca", anna, room);
  a.type({0, 0, "Hallo"});
  int sends = 1;
  std::optional<dropped_change> dropped;
  for (int i = 0; i < 100 && !dropped && !a.to_server.empty(); ++i) {
    const auto o = a.to_server.front();
    a.to_server.pop_front();
    dropped = a.r.on_reject(
        {o.client_seq, protocol::error_code::stale, "De tekst is intussen veranderd."});
    a.flush();
    sends += static_cast<int>(a.to_server.size());
  }
  ASSERT_TRUE(dropped) << "sent " << sends << " times and still going";
  EXPECT_EQ(sends, max_stale_replies);
  EXPECT_EQ(dropped->kept_text, "Hallo");
  EXPECT_TRUE(a.r.pending().empty());
  EXPECT_TRUE(a.to_server.empty());
}

// Content limits and frame limits agree: 25,000 euro signs (75 KB, within the 40,000
// characters of the minutes) pasted at once go as several ops, one after the other, each
// in a frame the server takes; together they put exactly the paste in the minutes. Quotes,
// backslashes and line breaks, which take two bytes on the wire, are counted as such.
TEST(Replica, ALongPasteGoesInOpsThatEachFitAFrame) {
  const op::text_target minutes{true, 0, document_id::signalering_begin, 0, 0};
  std::string euros;
  for (int i = 0; i < 25'000; ++i) euros += "€";
  std::string mixed;
  for (int i = 0; i < 18'000; ++i) mixed += i % 3 == 0 ? "\"\n" : i % 3 == 1 ? "\\€" : "ab";
  for (const std::string& paste : {euros, mixed}) {
    SCOPED_TRACE(paste.substr(0, 8));
    fake_room room;
    fake_client a("ca", anna, room);
    ASSERT_FALSE(a.r.submit(op::edit_text{minutes, {{0, 0, paste}}}));
    a.flush();
    ASSERT_EQ(a.r.visible().meetings[0].session.minutes, paste);
    int ops = 0;
    while (!a.to_server.empty()) {
      ASSERT_EQ(a.to_server.size(), 1u) << "one text op in flight at a time";
      const auto& o = a.to_server.front();
      const auto frame = protocol::encode(
          protocol::client_message{protocol::submit{o.client_seq, o.base_seq, o.op}});
      EXPECT_LE(frame.size(), protocol::max_message_bytes) << "op " << ops;
      ++ops;
      server_takes_one(room, a, {&a});
      while (!a.from_server.empty()) a.deliver_one();
    }
    EXPECT_GE(ops, 3);
    EXPECT_EQ(room.state.meetings[0].session.minutes, paste);
    EXPECT_EQ(a.r.confirmed().meetings[0].session.minutes, paste);
    EXPECT_TRUE(a.r.pending().empty());
  }
}

// A journal from before the split kept a paste numbered as one op too big for a frame; the
// server refused that frame unread, so it goes again as new ops that fit, not as itself.
TEST(Replica, AnOversizedOpFromTheJournalGoesAgainInPieces) {
  const op::text_target minutes{true, 0, document_id::signalering_begin, 0, 0};
  fake_room room;
  std::string paste;
  for (int i = 0; i < 25'000; ++i) paste += "€";
  replica r("ca");
  r.set_me(anna);
  std::deque<pending_op> kept;
  kept.push_back({41, false, 0, op::edit_text{minutes, {{0, 0, paste}}}});
  r.restore(room.seq, room.state, std::move(kept));
  std::uint64_t next = 42;
  const auto out = r.take_outgoing([&] { return next++; });
  ASSERT_EQ(out.size(), 1u);
  EXPECT_EQ(out[0].client_seq, 42u) << "not the refused frame again";
  const auto frame = protocol::encode(
      protocol::client_message{protocol::submit{out[0].client_seq, out[0].base_seq, out[0].op}});
  EXPECT_LE(frame.size(), protocol::max_message_bytes);
  EXPECT_EQ(r.visible().meetings[0].session.minutes, paste) << "nothing of it lost meanwhile";
}

TEST(Replica, SplitOffRestKeepsWhatOneOpCarriesAndTheRestAppliesAfterIt) {
  std::string text = "0123456789";
  std::string big;
  for (std::size_t i = 0; i < protocol::max_insert_bytes_per_op / 2; ++i)
    big += i % 2 == 0 ? "x" : "€";
  std::vector<splice> edits{{2, 1, "a"}, {0, 0, big}, {3, 2, "zz"}};
  std::string whole = text;
  ASSERT_TRUE(apply_edits(whole, edits));
  auto rest = split_off_rest(edits);
  ASSERT_FALSE(rest.empty());
  ASSERT_EQ(edits.size(), 2u);
  EXPECT_EQ(edits[1].pos, 0u);
  EXPECT_LE(edits[0].ins.size() + edits[1].ins.size(), protocol::max_insert_bytes_per_op);
  std::string in_two = text;
  ASSERT_TRUE(apply_edits(in_two, edits));
  ASSERT_TRUE(apply_edits(in_two, rest));
  EXPECT_EQ(in_two, whole);
  EXPECT_TRUE(valid_utf8(edits[1].ins)) << "cut at a code point";
  // Nine small splices: the ninth waits.
  std::vector<splice> nine(9, splice{0, 0, "x"});
  rest = split_off_rest(nine);
  EXPECT_EQ(nine.size(), op::max_splices_per_edit);
  EXPECT_EQ(rest.size(), 1u);
}

// Anna deletes "012", "456", "89a", ... (eight splices, on its way) and then types "!" at
// the end; Bram, ordered first, types a "+" inside each of those stretches. Rebased, her
// deletion is sixteen splices, more than one op may carry: it must stay visible (with her
// "!" still at the end, not somewhere in the middle), the server sends it back as stale,
// and it goes again in two pieces. Nothing typed is lost, nothing deleted comes back.
TEST(Replica, EditSplitPastWhatOneOpCarriesStaysVisibleAndGoesAgainInPieces) {
  fake_room room;
  room.state.documents[0].rows[0].cells[0] = "0123456789abcdefghijklmnopqrstuvwxyz";
  fake_client a("ca", anna, room);
  fake_client b("cb", bram, room);
  std::vector<splice> deletions;
  for (std::size_t i = 0; i < op::max_splices_per_edit; ++i) deletions.push_back({i, 3, ""});
  ASSERT_FALSE(a.r.submit(op::edit_text{cell, deletions}));
  a.flush();
  a.type({12, 0, "!"});  // waits behind it
  ASSERT_EQ(text_of(a.r.visible()), "37bfjnrvwxyz!");
  std::vector<splice> pluses;
  for (std::size_t i = 0; i < op::max_splices_per_edit; ++i) pluses.push_back({1 + 5 * i, 0, "+"});
  ASSERT_FALSE(b.r.submit(op::edit_text{cell, pluses}));
  b.flush();
  server_takes_one(room, b, {&a, &b});
  while (!a.from_server.empty()) a.deliver_one();
  ASSERT_GT(std::get<op::edit_text>(a.r.pending()[0].op).edits.size(), op::max_splices_per_edit);
  EXPECT_EQ(text_of(a.r.visible()), "+3+7+b+f+j+n+r+vwxyz!");

  run_to_the_end(room, {&a, &b});
  EXPECT_GE(room.stale, 1);
  EXPECT_TRUE(a.refusals.empty());
  EXPECT_EQ(text_of(room.state), "+3+7+b+f+j+n+r+vwxyz!");
  EXPECT_EQ(text_of(a.r.visible()), text_of(room.state));
  EXPECT_EQ(text_of(b.r.visible()), text_of(room.state));
}

// The same edit grown past eight splices while the connection was down: it cannot go again
// as it was (no op carries that many), so it goes as new ops, split.
TEST(Replica, EditSplitPastWhatOneOpCarriesGoesAsNewOpsAfterReconnect) {
  fake_room room;
  room.state.documents[0].rows[0].cells[0] = "0123456789abcdefghijklmnopqrstuvwxyz";
  fake_client a("ca", anna, room);
  fake_client b("cb", bram, room);
  std::vector<splice> deletions;
  for (std::size_t i = 0; i < op::max_splices_per_edit; ++i) deletions.push_back({i, 3, ""});
  ASSERT_FALSE(a.r.submit(op::edit_text{cell, deletions}));
  a.flush();
  a.to_server.clear();  // lost on the way
  std::vector<splice> pluses;
  for (std::size_t i = 0; i < op::max_splices_per_edit; ++i) pluses.push_back({1 + 5 * i, 0, "+"});
  ASSERT_FALSE(b.r.submit(op::edit_text{cell, pluses}));
  b.flush();
  server_takes_one(room, b, {&a, &b});
  while (!a.from_server.empty()) a.deliver_one();
  a.r.link_lost();
  a.flush();
  ASSERT_EQ(a.to_server.size(), 1u) << "one text op at a time";
  EXPECT_NE(a.to_server.front().client_seq, 1u) << "a new op, not the old one again";
  EXPECT_LE(std::get<op::edit_text>(a.to_server.front().op).edits.size(), op::max_splices_per_edit);
  run_to_the_end(room, {&a, &b});
  EXPECT_TRUE(a.refusals.empty());
  EXPECT_EQ(text_of(room.state), "+3+7+b+f+j+n+r+vwxyz");
  EXPECT_EQ(text_of(a.r.visible()), text_of(room.state));
}

// Anna deletes "cd" and types "X" at the end; Bram, ordered first, deleted "bcde". Nothing is
// left of her deletion: it comes back stale and is dropped, alone; her "X" still goes.
TEST(Replica, EditThatCameToNothingIsDroppedAloneNotWhatWasTypedAfterIt) {
  fake_room room;
  room.state.documents[0].rows[0].cells[0] = "abcdef";
  fake_client a("ca", anna, room);
  fake_client b("cb", bram, room);
  a.type({2, 2, ""});
  a.type({4, 0, "X"});
  ASSERT_EQ(text_of(a.r.visible()), "abefX");
  b.type({1, 4, ""});
  server_takes_one(room, b, {&a, &b});
  server_takes_one(room, a, {&a, &b});  // before Anna heard of Bram's: it comes to nothing
  run_to_the_end(room, {&a, &b});
  EXPECT_EQ(room.stale, 1);
  EXPECT_TRUE(a.refusals.empty());
  EXPECT_EQ(text_of(room.state), "afX");
  EXPECT_EQ(text_of(a.r.visible()), "afX");
  EXPECT_TRUE(a.r.pending().empty());
}

// The same, but Anna's deletion was lost on the way, and she heard of Bram's before she
// could send it again: nothing is left of it, so nothing goes again. The server refuses an
// edit without splices unread, and that refusal used to take her "X", typed on top, with it.
TEST(Replica, AnEditEmptiedWhileItsAnswerWasLostIsNotSentAgain) {
  fake_room room;
  room.state.documents[0].rows[0].cells[0] = "abcdef";
  fake_client a("ca", anna, room);
  fake_client b("cb", bram, room);
  a.type({2, 2, ""});
  a.to_server.clear();  // lost on the way
  a.type({4, 0, "X"});
  b.type({1, 4, ""});
  server_takes_one(room, b, {&a, &b});
  while (!a.from_server.empty()) a.deliver_one();
  a.r.link_lost();
  a.flush();
  for (const auto& o : a.to_server) {
    const auto* e = std::get_if<op::edit_text>(&o.op);
    ASSERT_TRUE(e == nullptr || !e->edits.empty()) << "an edit without splices went out";
  }
  run_to_the_end(room, {&a, &b});
  EXPECT_TRUE(a.refusals.empty());
  EXPECT_EQ(text_of(room.state), "afX");
  EXPECT_EQ(text_of(a.r.visible()), "afX");
  EXPECT_TRUE(a.r.pending().empty());
}

TEST(Replica, SnapshotKeepsPendingThatStillFitsAndDropsTheRest) {
  fake_room room;
  fake_client a("ca", anna, room);
  ASSERT_FALSE(a.r.submit(op::set_rating{document_id::signalering_begin, 2, 3}));
  ASSERT_FALSE(a.r.submit(op::start_meeting{0, 5}));
  // Meanwhile (we missed it) meeting 1 was started by someone else: our start no longer fits.
  trajectory newer = room.state;
  apply(newer, op::start_meeting{1, 7}, actor{bram});
  auto dropped = a.r.reset(40, newer);
  ASSERT_EQ(dropped.size(), 1u);
  EXPECT_NE(dropped[0].reason.find("andere bijeenkomst"), std::string::npos) << dropped[0].reason;
  ASSERT_EQ(a.r.pending().size(), 1u);
  EXPECT_EQ(a.r.visible().documents[0].rows[2].rating, 3);
  EXPECT_EQ(a.r.seq(), 40u);
}

// Long offline (or back after the server restarted from a stored snapshot): a snapshot
// replaces the state, with edits in it we never saw. What we typed meanwhile is rebased
// over the difference, not applied where it stood in the old text.
TEST(Replica, SnapshotRebasesWaitingTextEditsOverWhatChangedMeanwhile) {
  fake_room room;
  room.state.documents[0].rows[0].cells[0] = "samen werken";
  fake_client a("ca", anna, room);
  ASSERT_FALSE(a.r.submit(op::edit_text{cell, {{0, 6, ""}}}));   // "werken"
  ASSERT_FALSE(a.r.submit(op::edit_text{cell, {{6, 0, "!"}}}));  // "werken!"
  trajectory newer = room.state;
  newer.documents[0].rows[0].cells[0] = "Wij gaan samen werken";
  EXPECT_TRUE(a.r.reset(7, newer).empty());
  EXPECT_EQ(text_of(a.r.visible()), "Wij gaan werken!");

  // What the server confirmed of ours is in the snapshot already: not counted as theirs.
  fake_client b("cb", bram, room);
  b.type({12, 0, " hard"});                                       // on its way
  ASSERT_FALSE(b.r.submit(op::edit_text{cell, {{12, 0, "!"}}}));  // waits: "samen werken! hard"
  server_takes_one(room, b, {&b});
  b.r.on_ack(*b.from_server.front().ack);  // the ack came, the op itself did not yet
  trajectory later = room.state;
  later.documents[0].rows[0].cells[0] = "samen werken hard, echt";
  b.r.reset(room.seq + 1, later);
  EXPECT_EQ(text_of(b.r.visible()), "samen werken! hard, echt");
}

// The server took our edit, but its ack and echo were lost with the connection; the welcome
// of the next one says which of our ops the server has taken, and the snapshot holds them.
// What we typed on top of the taken edit lands where we typed it, not shifted by its length.
TEST(Replica, SnapshotHoldsTheEditsTheWelcomeSaysWereTaken) {
  fake_room room;
  room.state.documents[0].rows[0].cells[0] = "samen werken";
  for (const std::uint64_t mark : {std::uint64_t{0}, std::uint64_t{1}}) {
    SCOPED_TRACE(mark);
    fake_client b("cb" + std::to_string(mark), bram, room);
    b.type({0, 0, "Wij gaan "});                                    // 1, on its way
    ASSERT_FALSE(b.r.submit(op::edit_text{cell, {{21, 0, "!"}}}));  // waits, after "werken"
    b.r.link_lost();
    trajectory later = room.state;
    later.documents[0].rows[0].cells[0] = "Wij gaan echt samen werken";  // 1 and someone else
    b.r.reset(room.seq + 5, later, mark);
    if (mark == 0) {
      // Without the mark our own edit looks like someone else's, and ours is rebased over it.
      EXPECT_NE(text_of(b.r.visible()), "Wij gaan echt samen werken!");
      continue;
    }
    EXPECT_EQ(text_of(b.r.visible()), "Wij gaan echt samen werken!");
    ASSERT_EQ(b.r.pending().size(), 1u) << "the taken edit is confirmed, not sent again";
    auto out = b.r.take_outgoing([&] { return b.next_seq++; });
    ASSERT_EQ(out.size(), 1u);
    EXPECT_EQ(out[0].client_seq, 2u);
  }
}

TEST(Replica, AckAtOrBelowTheStateMeansItIsAlreadyIn) {
  fake_room room;
  fake_client a("ca", anna, room);
  ASSERT_FALSE(a.r.submit(op::set_rating{document_id::signalering_begin, 2, 3}));
  a.flush();
  // The connection dropped; the server had taken it; we got a snapshot with it included.
  a.r.link_lost();
  trajectory newer = room.state;
  apply(newer, op::set_rating{document_id::signalering_begin, 2, 3}, actor{anna});
  a.r.reset(1, newer);
  auto again = a.r.take_outgoing([] { return 100; });
  ASSERT_EQ(again.size(), 1u);
  EXPECT_EQ(again[0].client_seq, 1u) << "a resend keeps its number";
  a.r.on_ack({1, 1});
  EXPECT_TRUE(a.r.pending().empty());
}

TEST(Replica, ResendsAfterReconnectInTheirOriginalOrder) {
  fake_room room;
  fake_client a("ca", anna, room);
  a.type({0, 0, "x"});                                                             // 1, in flight
  ASSERT_FALSE(a.r.submit(op::set_rating{document_id::signalering_begin, 0, 1}));  // 2
  a.flush();
  a.type({1, 0, "y"});  // waits
  a.r.link_lost();
  auto again = a.r.take_outgoing([&] { return a.next_seq++; });
  ASSERT_EQ(again.size(), 2u);
  EXPECT_EQ(again[0].client_seq, 1u);
  EXPECT_EQ(again[1].client_seq, 2u);
}

// Client ids travel with every op, so another person can send under ours, with the very
// client_seq our op in flight has. That is their op, not the echo of ours.
TEST(Replica, AnotherPersonsOpUnderOurClientIdIsNotOurs) {
  fake_room room;
  fake_client a("ca", anna, room);
  ASSERT_FALSE(a.r.submit(op::set_rating{document_id::signalering_begin, 2, 3}));
  a.flush();
  ASSERT_EQ(a.r.pending().size(), 1u);
  ASSERT_EQ(a.r.pending().front().client_seq, 1u);
  const protocol::sequenced_op theirs{1, bram, "ca", 1, op::set_precondition{0, true}};
  ASSERT_TRUE(a.r.apply_server({theirs}));
  ASSERT_EQ(a.r.pending().size(), 1u) << "our op was taken for confirmed by someone else's";
  EXPECT_EQ(a.r.visible().documents[0].rows[2].rating, 3);
  // Our own echo does confirm it.
  protocol::sequenced_op ours{2, anna, "ca", 1,
                              op::set_rating{document_id::signalering_begin, 2, 3}};
  ASSERT_TRUE(a.r.apply_server({ours}));
  EXPECT_TRUE(a.r.pending().empty());
  EXPECT_EQ(a.r.confirmed().documents[0].rows[2].rating, 3);
}

// A ballot in an anonymous vote is numbered apart from our ops: our own sequence runs on
// without a gap, so nobody who sees our ops can tell that we voted.
TEST(Replica, AnonymousBallotGoesOutsideOurOwnSequence) {
  fake_room room;
  trajectory t = room.state;
  apply(t, op::start_meeting{0, 0}, actor{anna});
  apply(t, op::open_vote{0, document_id::signalering_begin, 3, true}, actor{anna});
  fake_client c("cc", cees, room);
  c.r.reset(2, t);
  ASSERT_FALSE(c.r.submit(op::add_reaction{0, -1, "eerst", 0}));
  ASSERT_FALSE(c.r.submit(op::cast_vote{0, 2}));
  ASSERT_FALSE(c.r.submit(op::add_reaction{0, -1, "daarna", 0}));
  auto out = c.r.take_outgoing([&] { return c.next_seq++; });
  ASSERT_EQ(out.size(), 3u);
  EXPECT_FALSE(out[0].ballot);
  EXPECT_EQ(out[0].client_seq, 1u);
  EXPECT_TRUE(out[1].ballot);
  EXPECT_GE(out[1].client_seq, std::uint64_t{1} << 52);
  EXPECT_FALSE(out[2].ballot);
  EXPECT_EQ(out[2].client_seq, 2u) << "a gap where the ballot went";
  // Its ack confirms it; a snapshot that says our ops up to 2 were taken does not.
  const std::uint64_t ballot = out[1].client_seq;
  c.r.link_lost();
  c.r.reset(2, t, 2);
  auto again = c.r.take_outgoing([&] { return c.next_seq++; });
  ASSERT_EQ(again.size(), 1u);
  EXPECT_TRUE(again[0].ballot);
  EXPECT_EQ(again[0].client_seq, ballot);
  c.r.on_ack({ballot, 2});
  EXPECT_TRUE(c.r.pending().empty());
  // In a vote with names, a ballot is one of our ops like any other.
  trajectory named = room.state;
  apply(named, op::start_meeting{0, 0}, actor{anna});
  apply(named, op::open_vote{0, document_id::signalering_begin, 3, false}, actor{anna});
  c.r.reset(2, named);
  ASSERT_FALSE(c.r.submit(op::cast_vote{0, 3}));
  out = c.r.take_outgoing([&] { return c.next_seq++; });
  ASSERT_EQ(out.size(), 1u);
  EXPECT_FALSE(out[0].ballot);
  EXPECT_EQ(out[0].client_seq, 3u);
}

TEST(Replica, GapInTheSequenceIsReported) {
  fake_room room;
  fake_client a("ca", anna, room);
  protocol::sequenced_op far{5, bram, "cb", 1,
                             op::set_rating{document_id::signalering_begin, 0, 1}};
  EXPECT_FALSE(a.r.apply_server({far}));
  EXPECT_EQ(a.r.seq(), 0u);
}

// Two people type in one cell at random moments with random delivery delays; at the end
// both replicas and the room hold the same text.
TEST(Replica, ConcurrentTypingConverges) {
  for (unsigned seed = 1; seed <= 40; ++seed) {
    std::mt19937 random(seed);
    fake_room room;
    room.state.documents[0].rows[0].cells[0] = "begin";
    fake_client a("ca", anna, room);
    fake_client b("cb", bram, room);
    std::vector<fake_client*> both{&a, &b};
    const char* words[] = {"ë", "x", "samen ", "‘j’", "–", "ab"};
    for (int step = 0; step < 300; ++step) {
      fake_client& c = *both[random() % 2];
      switch (random() % 4) {
        case 0: {
          const std::string text = text_of(c.r.visible());
          const std::size_t length = code_points(text);
          const std::size_t pos = random() % (length + 1);
          const std::size_t del = length > pos && random() % 3 == 0
                                      ? random() % std::min<std::size_t>(3, length - pos + 1)
                                      : 0;
          c.type({pos, del, random() % 4 == 0 ? "" : words[random() % 6]});
          break;
        }
        case 1:
          if (!c.to_server.empty()) server_takes_one(room, c, both);
          break;
        default:
          if (!c.from_server.empty()) c.deliver_one();
      }
    }
    run_to_the_end(room, both);
    ASSERT_TRUE(a.r.pending().empty()) << "seed " << seed;
    ASSERT_TRUE(b.r.pending().empty()) << "seed " << seed;
    EXPECT_EQ(text_of(a.r.visible()), text_of(room.state)) << "seed " << seed;
    EXPECT_EQ(text_of(b.r.visible()), text_of(room.state)) << "seed " << seed;
    EXPECT_TRUE(valid_utf8(text_of(room.state)));
  }
}

}  // namespace
}  // namespace jos::client
