#include "tests/protocol/samples.hpp"

#include "protocol/op_codec.hpp"

namespace jos::protocol::samples {

using namespace shared;

namespace {

constexpr std::int64_t t0 = 1'790'000'000'000;  // some afternoon in 2026, in server ms

person make_person(person_id id, std::string name, organisation org, std::string function,
                   staff_level level, bool coordinator) {
  person p;
  p.id = id;
  p.name = std::move(name);
  p.org = org;
  p.function = std::move(function);
  p.level = level;
  p.coordinator = coordinator;
  return p;
}

}  // namespace

std::vector<operation> every_op() {
  op::edit_text cell;
  cell.target = {.minutes = false,
                 .meeting = 0,
                 .document = document_id::evaluatie_eind,
                 .row = 7,
                 .column = 4};
  cell.edits = {{.pos = 3, .del = 2, .ins = "één"}, {.pos = 0, .del = 0, .ins = "‘Goed’ – "}};
  op::edit_text minutes;
  minutes.target = {.minutes = true, .meeting = 2};
  minutes.edits = {{.pos = 12, .del = 0, .ins = "Afspraken:\n\t– Zoë belt de wijkagent"}};
  op::edit_text decided;
  decided.target = {.minutes = true, .meeting = 1, .item = 6, .decided = true};
  decided.edits = {{.pos = 0, .del = 0, .ins = "Terugkom op dinsdag 3 november, 15:30."}};
  op::edit_text extra_cell;
  extra_cell.target = {.minutes = false,
                       .meeting = 4,
                       .document = document_id::evaluatie_extra,
                       .row = 2,
                       .column = 2};
  extra_cell.edits = {{.pos = 0, .del = 0, .ins = "Overleg blijft wekelijks"}};

  return {
      op::set_partnership{
          {"Het Baken Lyceum ‘De Brug’", "Jongerenwerk Zuidoost – Café Eén", cooperation::fresh}},
      op::set_precondition{.index = 2, .met = true},
      op::add_person{make_person(7, "Chloë de Wit", organisation::jongerenwerk,
                                 "coördinator schooljongerenwerk", staff_level::manager, true)},
      op::update_person{make_person(3, "Noël Bakker", organisation::school, "zorgcoördinator",
                                    staff_level::manager, false)},
      op::set_coordinator{.person = 4, .coordinator = true},
      op::schedule_meeting{.meeting = 2, .date = "2026-11-03", .mode = meeting_mode::hybride},
      op::plan_from_start{.start_date = "2026-09-07"},
      op::add_extra_meeting{.date = "2027-01-11", .mode = meeting_mode::digitaal},
      op::start_meeting{.meeting = 1, .at_ms = t0 + 123},
      op::end_meeting{.meeting = 3, .at_ms = t0 + 900'000},
      op::goto_agenda_item{.meeting = 1, .index = 4, .at_ms = t0 + 100'000},
      op::control_timer{
          .meeting = 1, .action = timer_action::extend, .minutes = 15, .at_ms = t0 + 5},
      op::control_timer{.meeting = 2, .action = timer_action::pause, .minutes = 0, .at_ms = t0},
      op::assign_role{.meeting = 1, .role = meeting_role::notulist, .person = 5},
      op::assign_role{.meeting = 2, .role = meeting_role::invuller, .person = 6},
      op::set_presence{.meeting = 1, .person = 6, .present = true},
      op::set_writer{.meeting = 3, .person = 2, .allowed = true},
      op::set_rating{.document = document_id::signalering_eind, .row = 9, .value = 3},
      cell,
      minutes,
      decided,
      extra_cell,
      op::add_reaction{
          .meeting = 1, .row = 5, .text = "Mooi idee, maar wie betaalt dat?", .at_ms = t0 + 7},
      op::add_reaction{.meeting = 2, .row = -1, .text = "Ik ben er zo – file op de A2", .at_ms = 9},
      op::highlight_reaction{.meeting = 1, .index = 2},
      op::highlight_reaction{.meeting = 3, .index = -1},
      op::open_vote{
          .meeting = 1, .document = document_id::signalering_eind, .row = 6, .anonymous = true},
      op::cast_vote{.meeting = 1, .value = 2},
      // As a client sends it, and as the server completes it with the secret ballots.
      op::reveal_vote{.meeting = 1, .ballots = {}},
      op::reveal_vote{.meeting = 3, .ballots = {{1, 3}, {3, 2}, {6, 1}}},
      op::close_vote{.meeting = 1, .decided = 3},
      op::add_action{.row = 2,
                     .text = "Wekelijks overleg mentor–jongerenwerker",
                     .owner = 4,
                     .due = "2026-12-18"},
      op::update_action{
          .id = 3, .text = "Eén vaste contactpersoon per leerjaar", .owner = 0, .due = ""},
      op::set_action_status{.id = 2, .status = action_status::vervallen},
      op::set_attendance{.meeting = 1, .person = 4, .value = attendance::afgemeld},
      op::set_attendance{.meeting = 2, .person = 6, .value = attendance::online},
      op::set_meeting_details{.meeting = 2,
                              .start_time = "15:30",
                              .place = "Het Baken, lokaal 1.14 (‘de Brug’)",
                              .link = "https://meet.example.nl/jos-zuid"},
      op::record_check_in{
          .person = 4, .going = false, .note = "Nog niet gestart – geen tijd", .at_ms = t0 + 3},
      op::remove_person{.person = 4},
  };
}

trajectory rich_trajectory() {
  trajectory t = make_trajectory(
      "trj_9f2c41",
      {"Stedelijk College ‘Zuid’", "Jongerenwerk Eindhoven – Oost", cooperation::fresh});
  t.preconditions = {true, false, true};
  t.team = {
      make_person(1, "Fatima El Amrani", organisation::school, "teamleider", staff_level::manager,
                  true),
      make_person(2, "Daniël Visser", organisation::jongerenwerk, "jongerenwerker",
                  staff_level::uitvoerder, true),
      make_person(3, "Chloë de Wit", organisation::school, "mentor", staff_level::uitvoerder,
                  false),
      make_person(4, "Noël Bakker", organisation::jongerenwerk, "coördinator schooljongerenwerk",
                  staff_level::manager, false),
      make_person(6, "Zoë Jansen", organisation::school, "conciërge", staff_level::uitvoerder,
                  false),
  };
  // Taken off the team after the first meeting, where they were present.
  t.former = {make_person(5, "Sem Yılmaz", organisation::jongerenwerk, "jongerenwerker",
                          staff_level::uitvoerder, false)};
  t.next_person_id = 7;

  meeting& first = t.meetings[0];
  first.planned_date = "2026-09-07";
  first.mode = meeting_mode::fysiek;
  first.status = meeting_status::afgerond;
  first.session.present = {1, 2, 3, 4, 5};
  first.session.notulist = 3;
  first.session.invuller = 2;
  first.session.agenda_index = 5;
  first.session.timer = {
      .running = false, .started_at_ms = t0, .elapsed_ms = 300'000, .extra_minutes = 0};
  first.session.started_at_ms = t0 - 9'000'000;
  first.session.minutes = "Aanwezig: iedereen behalve Zoë.\nVolgende keer: ‘actieplan’.";
  first.session.reactions = {{.author = 4, .at_ms = t0 - 8'000'000, .row = 2, .text = "Eens!"}};
  first.start_time = "15:30";
  first.place = "Stedelijk College ‘Zuid’, lokaal 2.14";
  // Who was there, and what happened at each agenda item.
  first.session.present = {1, 2, 3, 4};
  first.session.online = {4};
  first.session.excused = {6};
  first.session.items[0].used_ms = 420'000;
  for (auto& item : first.session.items) item.visited = true;
  first.session.items[3].notes = "Iedereen kent de vier elementen.\nVraag: wie is ‘aanspreekpunt’?";
  first.session.items[4].decided = "Score 3 voor tweerichtingsverkeer – na stemming.";
  first.session.items[4].votes = {0, 1};
  first.session.items[4].used_ms = 6'300'000;
  first.session.items[4].extra_minutes = 10;
  first.session.items[5].next_date = "2026-09-21";
  first.session.items[5].actions = {1};

  meeting& second = t.meetings[1];
  second.planned_date = "2026-09-21";
  second.mode = meeting_mode::digitaal;
  second.status = meeting_status::bezig;
  second.link = "https://meet.example.nl/jos-zuid?pwd=één";
  live_session& s = second.session;
  s.present = {1, 2, 3, 4, 6};
  s.notulist = 3;
  s.invuller = 4;
  s.writers = {6};
  s.agenda_index = 4;
  s.timer = {
      .running = true, .started_at_ms = t0 + 60'000, .elapsed_ms = 125'000, .extra_minutes = 10};
  s.started_at_ms = t0;
  s.minutes = "Welkom door Fatima.\n\tDoel: een SMART actieplan – haalbaar in drie maanden.";
  s.reactions = {
      {.author = 6, .at_ms = t0 + 1'000, .row = -1, .text = "Mijn camera doet het niet…"},
      {.author = 3, .at_ms = t0 + 2'000, .row = 2, .text = "Wie zit er in de ‘werkgroep’?"},
      {.author = 2, .at_ms = t0 + 3'000, .row = 9, .text = "Financiering loopt tot juli."},
  };
  s.highlighted_reaction = 1;
  s.vote = {.open = true,
            .document = document_id::signalering_begin,
            .row = 6,
            .anonymous = false,
            .revealed = false,
            .ballots = {{1, 3}, {3, 2}, {6, 2}}};

  t.meetings[2].planned_date = "2026-11-02";
  t.meetings[2].mode = meeting_mode::hybride;
  t.meetings[3].planned_date = "2026-12-28";
  meeting extra = make_meeting(seed_meeting_count);
  extra.planned_date = "2027-01-25";
  extra.mode = meeting_mode::digitaal;
  t.meetings.push_back(extra);
  t.active_meeting = 1;

  auto& signalering = t.documents[static_cast<std::size_t>(document_id::signalering_begin)];
  const int ratings[] = {1, 2, 3, 2, 2, 1, 0, 3, 2, 1};
  for (std::size_t i = 0; i < signalering.rows.size(); ++i) {
    signalering.rows[i].rating = ratings[i];
    signalering.rows[i].cells[0] = "Onderdeel " + std::to_string(i + 1) + ": één keer per week";
  }
  signalering.rows[3].cells[0] = "De jongerenwerker is bekend bij ‘alle’ leerlingen – café-uur";
  auto& actieplan = t.documents[static_cast<std::size_t>(document_id::actieplan)];
  actieplan.rows[2].cells = {"Meer overleg", "Wekelijks één overleg", "Agenda’s afstemmen", "Noël",
                             "Voor de kerstvakantie"};
  auto& eind = t.documents[static_cast<std::size_t>(document_id::evaluatie_eind)];
  eind.rows[9].cells[1] = "Geëvalueerd op 28 december";
  t.documents[static_cast<std::size_t>(document_id::conclusies)].rows[9].cells[0] =
      "Gewenste situatie bereikt: de ruimte is er.";
  t.meetings[4].extra_document->rows[2].cells[2] = "Overleg blijft wekelijks";
  t.check_ins = {{.person = 4, .at_ms = t0 + 86'400'000, .going = true, .note = "Loopt."},
                 {.person = 6, .at_ms = t0 + 90'000'000, .going = false, .note = ""}};

  vote_record named;
  named.document = document_id::signalering_begin;
  named.row = 2;
  named.distribution = {0, 1, 2};
  named.ballots = {{1, 3}, {2, 3}, {4, 2}};
  named.decided = 3;
  vote_record anonymous;
  anonymous.document = document_id::signalering_begin;
  anonymous.row = 5;
  anonymous.distribution = {3, 1, 0};
  anonymous.decided = 1;
  t.votes = {named, anonymous};

  t.actions = {
      {.id = 1,
       .row = 2,
       .text = "Agenda’s afstemmen",
       .owner = 4,
       .due = "2026-12-18",
       .status = action_status::bezig},
      {.id = 2,
       .row = 9,
       .text = "Ruimte zoeken – café?",
       .owner = 0,
       .due = "",
       .status = action_status::open},
      {.id = 3,
       .row = 0,
       .text = "Evalueren met Zoë",
       .owner = 6,
       .due = "2027-01-25",
       .status = action_status::klaar},
  };
  return t;
}

std::vector<client_message> every_client_message() {
  std::vector<client_message> out = {
      create_trajectory{
          {"Het Baken Lyceum ‘De Brug’", "Jongerenwerk Zuidoost", cooperation::existing},
          {"Fatima El Amrani", organisation::school, "teamleider", staff_level::manager},
          {}},
      // On a server whose operator asks for a creation code.
      create_trajectory{{"Het Baken Lyceum", "Jongerenwerk Zuidoost", cooperation::fresh},
                        {"Fatima El Amrani", organisation::school, "", staff_level::uitvoerder},
                        "WELKOM-2026"},
      join_trajectory{
          "K7Q-4PZM",
          {"Daniël Visser", organisation::jongerenwerk, "jongerenwerker", staff_level::uitvoerder}},
      hello{"tok_5c0ffee5d1e", "laptop-3f9a", 42},
      focus{op::text_target{.minutes = false,
                            .meeting = 0,
                            .document = document_id::actieplan,
                            .row = 3,
                            .column = 2}},
      focus{op::text_target{.minutes = true, .meeting = 1}},
      focus{std::nullopt},
      rotate_code{access_code::team},
      rotate_code{access_code::coordinator},
  };
  std::uint64_t client_seq = 7;
  for (auto& o : every_op()) out.push_back(submit{client_seq++, 41, std::move(o)});
  // An anonymous ballot, numbered outside the client's own sequence.
  out.push_back(submit{(std::uint64_t{1} << 52) + 77, 41, op::cast_vote{0, 2}, true});
  return out;
}

std::vector<server_message> every_server_message() {
  op_batch batch;
  batch.ops.push_back(
      {.seq = 1235,
       .author = 4,
       .client_id = "laptop-3f9a",
       .client_seq = 8,
       .op = op::set_rating{.document = document_id::signalering_begin, .row = 6, .value = 2}});
  // Ops the server makes itself (a join) carry no author and no client.
  batch.ops.push_back(
      {.seq = 1236,
       .author = no_person,
       .client_id = "",
       .client_seq = 0,
       .op = op::add_person{make_person(5, "Ilse de Vries", organisation::school, "docent",
                                        staff_level::uitvoerder, false)}});
  return {
      created{"trj_9f2c41", "K7Q-4PZM", "sec_0a1b2c", "tok_5c0ffee5d1e", 1},
      joined{"trj_9f2c41", "tok_77aa", 5},
      welcome{"trj_9f2c41", 5, 1234},
      ack{8, 1235},
      reject{9, error_code::forbidden,
             "Dat mag je niet: dit document invullen (alleen de invuller of coördinator)."},
      batch,
      snapshot{1236, rich_trajectory()},
      presence{{1, 2, 5}},
      error{error_code::malformed, "Het bericht is geen geldige JSON."},
      editing{3, op::text_target{.minutes = true, .meeting = 1}},
      editing{4, op::text_target{.minutes = false,
                                 .meeting = 0,
                                 .document = document_id::signalering_begin,
                                 .row = 9,
                                 .column = 0}},
      editing{6, std::nullopt},
      codes{"K7QZ4-PZMX2", "8FQ3-KMT9-W2XH"},
      codes{"", ""},
  };
}

std::string op_json(const operation& o) { return encode_op(o).dump(); }

bool same(const client_message& a, const client_message& b) {
  if (a.index() != b.index()) return false;
  if (const auto* x = std::get_if<submit>(&a)) {
    const auto& y = std::get<submit>(b);
    return x->client_seq == y.client_seq && x->base_seq == y.base_seq && x->ballot == y.ballot &&
           op_json(x->op) == op_json(y.op);
  }
  return std::visit(
      [&](const auto& x) -> bool {
        using T = std::decay_t<decltype(x)>;
        if constexpr (std::is_same_v<T, submit>) {
          return false;  // handled above
        } else {
          return x == std::get<T>(b);
        }
      },
      a);
}

bool same(const server_message& a, const server_message& b) {
  if (a.index() != b.index()) return false;
  if (const auto* x = std::get_if<op_batch>(&a)) {
    const auto& y = std::get<op_batch>(b);
    if (x->ops.size() != y.ops.size()) return false;
    for (std::size_t i = 0; i < x->ops.size(); ++i) {
      const auto& p = x->ops[i];
      const auto& q = y.ops[i];
      if (p.seq != q.seq || p.author != q.author || p.client_id != q.client_id ||
          p.client_seq != q.client_seq || op_json(p.op) != op_json(q.op))
        return false;
    }
    return true;
  }
  if (const auto* x = std::get_if<snapshot>(&a)) {
    const auto& y = std::get<snapshot>(b);
    return x->seq == y.seq && x->state == y.state;
  }
  return std::visit(
      [&](const auto& x) -> bool {
        using T = std::decay_t<decltype(x)>;
        if constexpr (std::is_same_v<T, op_batch> || std::is_same_v<T, snapshot>) {
          return false;  // handled above
        } else {
          return x == std::get<T>(b);
        }
      },
      a);
}

}  // namespace jos::protocol::samples
