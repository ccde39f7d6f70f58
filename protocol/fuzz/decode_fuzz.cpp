// libFuzzer target for the wire protocol. Whatever bytes arrive:
// - decode_client and decode_server never crash, leak or read out of bounds;
// - what decodes encodes to a message that decodes back to the very same bytes;
// - an op a client submits is validated against a realistic meeting in progress for a few
//   actors, and where validate() accepts it, apply() leaves a state that survives its own
//   JSON form (what the store keeps and what a snapshot carries);
// - ops a server sends are applied in order, as a client would, to the state a client sees
//   (ballots hidden); a snapshot's state takes a round of every kind of op.
// A broken invariant aborts, so libFuzzer records the input. Run it with tools/fuzz.sh.

#include <algorithm>
#include <cstddef>
#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <string>
#include <string_view>
#include <vector>

#include "protocol/codec.hpp"
#include "protocol/op_codec.hpp"
#include "protocol/state_codec.hpp"
#include "shared/rules.hpp"
#include "shared/text.hpp"

namespace {

using namespace jos;
using namespace jos::shared;
using protocol::json;

constexpr std::int64_t t0 = 1'790'000'000'000;  // server clock during the fuzzed meeting

[[noreturn]] void broken(const char* invariant, std::string_view detail) {
  std::fprintf(stderr, "\n*** invariant broken: %s\n%.*s\n", invariant,
               static_cast<int>(std::min<std::size_t>(detail.size(), 4000)), detail.data());
  std::abort();
}

// Builds state through the rules themselves, so it is a state the server can really reach.
void must(trajectory& t, operation o, const actor& who) {
  if (auto e = validate(t, o, who)) broken("fixture op refused", e->message);
  apply(t, o, who);
}

person member(person_id id, const char* name, organisation org, const char* function,
              staff_level level, bool coordinator) {
  person p;
  p.id = id;
  p.name = name;
  p.org = org;
  p.function = function;
  p.level = level;
  p.coordinator = coordinator;
  return p;
}

constexpr person_id coordinator_id = 1;
constexpr person_id invuller_id = 2;
constexpr person_id notulist_id = 3;
constexpr person_id attendee_id = 4;

// The server's state: meeting 1 in progress at "invullen Signaleringsinstrument", with an
// invuller and a notulist, some filled cells, a reaction and an open vote with two ballots.
trajectory make_server_state() {
  trajectory t = make_trajectory(
      "trj_fuzz",
      {"Stedelijk College ‘Zuid’", "Jongerenwerk Eindhoven – Oost", cooperation::existing});
  const actor server = actor::server();
  must(t,
       op::add_person{member(coordinator_id, "Fatima El Amrani", organisation::school, "teamleider",
                             staff_level::manager, true)},
       server);
  must(t,
       op::add_person{member(invuller_id, "Daniël Visser", organisation::jongerenwerk,
                             "jongerenwerker", staff_level::uitvoerder, false)},
       server);
  must(t,
       op::add_person{member(notulist_id, "Chloë de Wit", organisation::school, "mentor",
                             staff_level::uitvoerder, false)},
       server);
  must(t,
       op::add_person{member(attendee_id, "Noël Bakker", organisation::jongerenwerk,
                             "coördinator schooljongerenwerk", staff_level::manager, false)},
       server);
  const actor coordinator{coordinator_id, false};
  const actor invuller{invuller_id, false};
  const actor attendee{attendee_id, false};
  must(t, op::set_precondition{.index = 0, .met = true}, coordinator);
  must(t, op::plan_from_start{.start_date = "2026-09-07"}, coordinator);
  must(t, op::start_meeting{.meeting = 0, .at_ms = t0}, coordinator);
  must(t, op::assign_role{.meeting = 0, .role = meeting_role::invuller, .person = invuller_id},
       coordinator);
  must(t, op::assign_role{.meeting = 0, .role = meeting_role::notulist, .person = notulist_id},
       coordinator);
  for (person_id id = coordinator_id; id <= attendee_id; ++id)
    must(t, op::set_presence{.meeting = 0, .person = id, .present = true}, actor{id, false});
  must(t, op::goto_agenda_item{.meeting = 0, .index = 4, .at_ms = t0 + 60'000}, coordinator);
  must(t, op::set_rating{.document = document_id::signalering_begin, .row = 0, .value = 2},
       invuller);
  must(t,
       op::edit_text{.target = {.document = document_id::signalering_begin, .row = 0},
                     .edits = {{.pos = 0, .del = 0, .ins = "Eén keer per week overleg – ‘vast’"}}},
       invuller);
  must(t,
       op::edit_text{.target = {.minutes = true, .meeting = 0},
                     .edits = {{.pos = 0, .del = 0, .ins = "Notulen:\n\t– welkom"}}},
       actor{notulist_id, false});
  must(t, op::add_reaction{.meeting = 0, .row = 3, .text = "Klopt dit wel?", .at_ms = t0 + 1},
       attendee);
  must(t,
       op::open_vote{
           .meeting = 0, .document = document_id::signalering_begin, .row = 1, .anonymous = false},
       invuller);
  must(t, op::cast_vote{.meeting = 0, .value = 3}, coordinator);
  must(t, op::cast_vote{.meeting = 0, .value = 1}, attendee);
  return t;
}

const trajectory& server_state() {
  static const trajectory t = make_server_state();
  return t;
}

// The same state as a client has it from a snapshot: who voted, not what.
const trajectory& client_state() {
  static const trajectory t = [] {
    std::string error;
    auto decoded = protocol::decode_state(protocol::encode_state(server_state(), true), error);
    if (!decoded) broken("client view of the fixture does not decode", error);
    return *decoded;
  }();
  return t;
}

const std::vector<actor>& actors() {
  static const std::vector<actor> all = {
      {coordinator_id, false}, {invuller_id, false}, {attendee_id, false}, actor::server()};
  return all;
}

// A state must survive the store (values kept) and a snapshot (ballots hidden), both as
// text and as an in-memory json value.
void check_state(const trajectory& t) {
  std::string error;
  const json full = protocol::encode_state(t, false);
  auto back = protocol::decode_state(json::parse(full.dump()), error);
  if (!back) broken("state does not decode from its own JSON text", error + "\n" + full.dump());
  if (!(*back == t)) broken("state changed in its round trip", full.dump());
  back = protocol::decode_state(full, error);
  if (!back) broken("state does not decode from its own JSON value", error);
  const json hidden = protocol::encode_state(t, true);
  if (!protocol::decode_state(json::parse(hidden.dump()), error))
    broken("snapshot for clients does not decode", error + "\n" + hidden.dump());
}

// A re-encoded client message may exceed the frame cap (the decoder fills in defaults that
// the input left out), which is a property of the input, not a bug.
void check_client_round_trip(const protocol::client_message& m) {
  const std::string text = protocol::encode(m);
  const auto again = protocol::decode_client(text);
  if (const auto* e = std::get_if<protocol::decode_error>(&again)) {
    if (e->code == protocol::error_code::too_large) return;
    broken("encoded client message does not decode",
           std::string(name_of(e->code)) + ": " + e->message + "\n" + text);
  }
  if (protocol::encode(std::get<protocol::client_message>(again)) != text)
    broken("client message changed in its round trip", text);
}

void check_server_round_trip(const protocol::server_message& m) {
  const std::string text = protocol::encode(m);
  const auto again = protocol::decode_server(text);
  if (const auto* e = std::get_if<protocol::decode_error>(&again))
    broken("encoded server message does not decode",
           std::string(name_of(e->code)) + ": " + e->message + "\n" + text);
  if (protocol::encode(std::get<protocol::server_message>(again)) != text)
    broken("server message changed in its round trip", text);
}

// The server's path: complete (clock, ballots), validate, apply. And the client's
// prediction: its own op applied, as sent, to the state it sees.
void try_submit(const operation& sent) {
  for (const auto& who : actors()) {
    operation o = sent;
    complete_on_server(o, server_state(), t0 + 120'000);
    if (!validate(server_state(), o, who)) {
      trajectory t = server_state();
      apply(t, o, who);
      check_state(t);
    }
    if (!validate(client_state(), sent, who)) {
      trajectory t = client_state();
      apply(t, sent, who);
      check_state(t);
    }
  }
}

actor actor_of(person_id author) {
  return author == no_person ? actor::server() : actor{author, false};
}

// A client follows the server's order; it checks what it applies, as the rules allow it to.
void follow(trajectory& t, const protocol::op_batch& batch) {
  for (const auto& s : batch.ops) {
    const actor who = actor_of(s.author);
    if (!validate(t, s.op, who)) apply(t, s.op, who);
  }
}

// One of each kind of op on whatever meeting is active, from each of the first few people:
// a decoded state must be safe to apply ops to.
void probe(trajectory t) {
  const int m = t.active_meeting >= 0 ? t.active_meeting : 0;
  const std::int64_t now = t0 + 300'000;
  const document_id doc =
      editable_documents(m < static_cast<int>(t.meetings.size())
                             ? t.meetings[static_cast<std::size_t>(m)].template_index
                             : 0)
          .front();
  std::vector<operation> ops = {
      op::cast_vote{.meeting = m, .value = 2},
      op::reveal_vote{.meeting = m, .ballots = {}},
      op::close_vote{.meeting = m, .decided = 2},
      op::open_vote{.meeting = m, .document = document_id::signalering_begin, .row = 0},
      op::cast_vote{.meeting = m, .value = 3},
      op::close_vote{.meeting = m, .decided = 0},
      op::edit_text{.target = {.minutes = true, .meeting = m},
                    .edits = {{.pos = 0, .del = 1, .ins = "ë"}}},
      op::edit_text{.target = {.document = doc, .row = 9, .column = 0},
                    .edits = {{.pos = 0, .del = 0, .ins = "‘x’"}, {.pos = 1, .del = 1, .ins = ""}}},
      op::set_rating{.document = document_id::signalering_begin, .row = 9, .value = 3},
      op::add_reaction{.meeting = m, .row = 0, .text = "é", .at_ms = now},
      op::highlight_reaction{.meeting = m, .index = 0},
      op::goto_agenda_item{.meeting = m, .index = 1, .at_ms = now},
      op::control_timer{.meeting = m, .action = timer_action::pause, .at_ms = now},
      op::control_timer{.meeting = m, .action = timer_action::extend, .minutes = 120, .at_ms = now},
      op::control_timer{.meeting = m, .action = timer_action::start, .at_ms = now + 1},
      op::control_timer{.meeting = m, .action = timer_action::reset, .at_ms = now + 2},
      op::assign_role{.meeting = m, .role = meeting_role::invuller, .person = invuller_id},
      op::set_presence{.meeting = m, .person = attendee_id, .present = true},
      op::set_writer{.meeting = m, .person = attendee_id, .allowed = true},
      op::add_person{member(t.next_person_id, "Zoë", organisation::school, "docent",
                            staff_level::uitvoerder, false)},
      op::update_person{member(coordinator_id, "Fatima", organisation::school, "directielid",
                               staff_level::manager, false)},
      op::set_coordinator{.person = attendee_id, .coordinator = true},
      op::set_partnership{{"A", "B", cooperation::fresh}},
      op::schedule_meeting{.meeting = m, .date = "2026-10-01", .mode = meeting_mode::hybride},
      op::plan_from_start{.start_date = "2026-09-07"},
      op::add_extra_meeting{.date = "", .mode = meeting_mode::digitaal},
      op::add_action{.row = 2, .text = "Overleg – wekelijks", .owner = attendee_id, .due = ""},
      op::update_action{.id = 1, .text = "Eén keer", .owner = 0, .due = "2026-12-18"},
      op::set_action_status{.id = 1, .status = action_status::klaar},
      op::set_attendance{.meeting = m, .person = attendee_id, .value = attendance::online},
      op::set_attendance{.meeting = m, .person = invuller_id, .value = attendance::afgemeld},
      op::set_meeting_details{
          .meeting = m, .start_time = "09:00", .place = "Aula", .link = "https://x.nl/ë"},
      op::record_check_in{.person = attendee_id, .going = false, .note = "ë", .at_ms = now},
      op::edit_text{.target = {.minutes = true, .meeting = m, .item = 1},
                    .edits = {{.pos = 0, .del = 0, .ins = "Besproken – ‘ja’"}}},
      op::edit_text{.target = {.minutes = true, .meeting = m, .item = 1, .decided = true},
                    .edits = {{.pos = 0, .del = 0, .ins = "Besloten"}}},
      op::edit_text{.target = {.meeting = m, .document = document_id::evaluatie_extra, .row = 1},
                    .edits = {{.pos = 0, .del = 0, .ins = "x"}}},
      op::end_meeting{.meeting = m, .at_ms = now + 3},
      op::start_meeting{.meeting = m, .at_ms = now + 4},
  };
  std::vector<actor> who = {actor::server()};
  for (std::size_t i = 0; i < t.team.size() && i < 4; ++i) who.push_back(actor_of(t.team[i].id));
  for (const auto& o : ops)
    for (const auto& a : who)
      if (!validate(t, o, a)) apply(t, o, a);
  check_state(t);
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  const std::string_view text(reinterpret_cast<const char*>(data), size);

  const auto from_client = protocol::decode_client(text);
  if (const auto* m = std::get_if<protocol::client_message>(&from_client)) {
    check_client_round_trip(*m);
    if (const auto* s = std::get_if<protocol::submit>(m)) try_submit(s->op);
  }

  const auto from_server = protocol::decode_server(text);
  if (const auto* m = std::get_if<protocol::server_message>(&from_server)) {
    check_server_round_trip(*m);
    if (const auto* batch = std::get_if<protocol::op_batch>(m)) {
      trajectory t = client_state();
      follow(t, *batch);
      check_state(t);
    }
    if (const auto* snap = std::get_if<protocol::snapshot>(m)) probe(snap->state);
  }
  return 0;
}
