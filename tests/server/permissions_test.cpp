// The permission matrix enforced over the wire: one case per right. Each op is first sent
// by someone who lacks the right (refused with "forbidden" and a Dutch reason, state
// unchanged), then by someone who has it (accepted), so a case cannot pass because the op
// itself was broken.

#include <gtest/gtest.h>

#include <functional>

#include "shared/rules.hpp"
#include "tests/server/test_server.hpp"

namespace jos::server::test {
namespace {

using namespace shared;

// The team of every case: Anna coordinates, Ingrid is invuller and Nora notulist of the
// meeting in progress, Piet just attends.
enum who : std::size_t { anna, ingrid, nora, piet };

struct right_case {
  const char* name;
  who refused;
  who allowed;
  std::function<operation(const trajectory&, const team&)> make;
  bool meeting_started = true;
  bool vote_open = false;
  bool action_planned = false;  // the coordinator added action 1 first
};

person_id id(const team& t, who w) { return t.members[w].person; }

const std::vector<right_case>& cases() {
  static const std::vector<right_case> all = {
      // Coordinator-only.
      {"SetPartnership", piet, anna,
       [](const trajectory&, const team&) -> operation {
         return op::set_partnership{partners("De Brug", "Jongerenwerk Zuid")};
       }},
      {"SetPrecondition", piet, anna,
       [](const trajectory&, const team&) -> operation {
         return op::set_precondition{0, true};
       }},
      {"SetCoordinator", piet, anna,
       [](const trajectory&, const team& t) -> operation {
         return op::set_coordinator{id(t, piet), true};
       }},
      {"UpdateSomeoneElse", piet, anna,
       [](const trajectory& s, const team& t) -> operation {
         person p = *find_person(s, id(t, ingrid));
         p.name = "Ingrid de Vries";
         return op::update_person{p};
       }},
      {"ScheduleMeeting", piet, anna,
       [](const trajectory&, const team&) -> operation {
         return op::schedule_meeting{1, "2026-09-21", meeting_mode::hybride};
       }},
      {"PlanFromStart", piet, anna,
       [](const trajectory&, const team&) -> operation {
         return op::plan_from_start{"2026-09-07"};
       }},
      {"AddExtraMeeting", piet, anna,
       [](const trajectory&, const team&) -> operation {
         return op::add_extra_meeting{"2027-02-01", meeting_mode::digitaal};
       }},
      {"StartMeeting", piet, anna,
       [](const trajectory&, const team&) -> operation {
         return op::start_meeting{0, 0};
       },
       false},
      {"EndMeeting", piet, anna,
       [](const trajectory&, const team&) -> operation {
         return op::end_meeting{0, 0};
       }},
      {"GotoAgendaItem", piet, anna,
       [](const trajectory&, const team&) -> operation {
         return op::goto_agenda_item{0, 2, 0};
       }},
      {"ControlTimer", piet, anna,
       [](const trajectory&, const team&) -> operation {
         return op::control_timer{0, timer_action::extend, 10, 0};
       }},
      {"AssignRole", piet, anna,
       [](const trajectory&, const team& t) -> operation {
         return op::assign_role{0, meeting_role::notulist, id(t, piet)};
       }},
      {"SetWriter", piet, anna,
       [](const trajectory&, const team& t) -> operation {
         return op::set_writer{0, id(t, piet), true};
       }},
      {"HighlightReaction", piet, anna,
       [](const trajectory&, const team&) -> operation {
         return op::highlight_reaction{0, -1};
       }},
      {"AddPerson", piet, anna,
       [](const trajectory& s, const team&) -> operation {
         person p;
         p.id = s.next_person_id;
         p.name = "Wendy";
         p.function = "mentor";
         return op::add_person{p};
       }},
      // The invuller's rights.
      {"RatingByNonInvuller", piet, ingrid,
       [](const trajectory&, const team&) -> operation {
         return op::set_rating{document_id::signalering_begin, 4, 3};
       }},
      {"DocumentTextByNotulist", nora, ingrid,
       [](const trajectory&, const team&) -> operation {
         op::edit_text e;
         e.target.document = document_id::signalering_begin;
         e.target.row = 1;
         e.target.column = 0;
         e.edits = {{0, 0, "Er is een vast aanspreekpunt."}};
         return e;
       }},
      // The notulist's right.
      {"MinutesByInvuller", ingrid, nora,
       [](const trajectory&, const team&) -> operation {
         op::edit_text e;
         e.target.minutes = true;
         e.target.meeting = 0;
         e.edits = {{0, 0, "Aanwezig: iedereen."}};
         return e;
       }},
      // Running a vote: coordinator or invuller.
      {"OpenVoteByAttendee", piet, ingrid,
       [](const trajectory&, const team&) -> operation {
         return op::open_vote{0, document_id::signalering_begin, 3, false};
       }},
      {"RevealVoteByAttendee", piet, ingrid,
       [](const trajectory&, const team&) -> operation {
         return op::reveal_vote{0, {}};
       },
       true, true},
      {"CloseVoteByAttendee", piet, anna,
       [](const trajectory&, const team&) -> operation {
         return op::close_vote{0, 0};
       },
       true, true},
      // Over which document a vote may run: one the invuller may fill in now.
      {"OpenVoteOnAnotherDocument", ingrid, anna,
       [](const trajectory&, const team&) -> operation {
         return op::open_vote{0, document_id::signalering_eind, 3, false};
       }},
      // Planning actions: the invuller of a meeting with the actieplan or an evaluation,
      // or the coordinator; not the invuller of the first meeting, not an attendee.
      {"AddActionByAttendee", piet, anna,
       [](const trajectory&, const team&) -> operation {
         return op::add_action{2, "Spreekuur op dinsdag.", no_person, ""};
       }},
      {"AddActionByInvullerWithoutActieplan", ingrid, anna,
       [](const trajectory&, const team&) -> operation {
         return op::add_action{2, "Spreekuur op dinsdag.", no_person, ""};
       }},
      {"UpdateActionByAttendee", piet, anna,
       [](const trajectory&, const team& t) -> operation {
         return op::update_action{1, "Spreekuur op woensdag.", id(t, piet), "2026-10-07"};
       },
       true, false, true},
      // Presence: your own, or the coordinator for anyone.
      {"PresenceOfSomeoneElse", piet, ingrid,
       [](const trajectory&, const team& t) -> operation {
         return op::set_presence{0, id(t, ingrid), true};
       }},
      // Attendance: someone online marks themselves; the notulist marks the room and who
      // sent notice; an attendee marks nobody else.
      {"AttendanceOfSomeoneElseByAttendee", piet, nora,
       [](const trajectory&, const team& t) -> operation {
         return op::set_attendance{0, id(t, ingrid), attendance::afgemeld};
       }},
      {"AttendanceOnlineOfOneself", ingrid, piet,
       [](const trajectory&, const team& t) -> operation {
         return op::set_attendance{0, id(t, piet), attendance::online};
       }},
      // Time, place and link, and contact between the meetings: the coordinator's.
      {"MeetingDetails", nora, anna,
       [](const trajectory&, const team&) -> operation {
         return op::set_meeting_details{1, "09:00", "Aula", "https://meet.example.nl/jos"};
       }},
      {"CheckIn", piet, anna,
       [](const trajectory&, const team& t) -> operation {
         return op::record_check_in{id(t, piet), false, "Nog niet begonnen.", 0};
       }},
      // What was said and decided at an agenda item: the notulist's.
      {"ItemMinutesByInvuller", ingrid, nora,
       [](const trajectory&, const team&) -> operation {
         op::edit_text e;
         e.target.minutes = true;
         e.target.meeting = 0;
         e.target.item = 2;
         e.target.decided = true;
         e.edits = {{0, 0, "Besloten: door naar de Factsheet."}};
         return e;
       }},
      // The team's conclusions belong to the final meeting; the coordinator may always.
      {"ConclusionsByInvullerOfTheFirstMeeting", ingrid, anna,
       [](const trajectory&, const team&) -> operation {
         op::edit_text e;
         e.target.document = document_id::conclusies;
         e.target.row = 0;
         e.edits = {{0, 0, "Bereikt."}};
         return e;
       }},
  };
  return all;
}

void PrintTo(const right_case& c, std::ostream* os) { *os << c.name; }

class Permission : public ::testing::TestWithParam<right_case> {};

TEST_P(Permission, RefusedWithoutTheRightAndAcceptedWithIt) {
  const right_case& c = GetParam();
  test_server server;
  auto t = make_team(server, {"Anna", "Ingrid", "Nora", "Piet"});
  ASSERT_EQ(t.members.size(), 4u);
  auto& coordinator = *t[anna];
  if (c.meeting_started) {
    ASSERT_TRUE(coordinator.submit_acked(op::start_meeting{0, 0}));
    ASSERT_TRUE(
        coordinator.submit_acked(op::assign_role{0, meeting_role::invuller, id(t, ingrid)}));
    ASSERT_TRUE(coordinator.submit_acked(op::assign_role{0, meeting_role::notulist, id(t, nora)}));
  }
  if (c.vote_open) {
    ASSERT_TRUE(
        coordinator.submit_acked(op::open_vote{0, document_id::signalering_begin, 5, false}));
    ASSERT_TRUE(t[nora]->submit_acked(op::cast_vote{0, 2}));
  }
  if (c.action_planned) {
    ASSERT_TRUE(coordinator.submit_acked(op::add_action{0, "Kennismaken.", no_person, ""}));
  }
  ASSERT_TRUE(settle(server, t));
  const auto before = server.state(t.trajectory_id);
  ASSERT_TRUE(before);

  auto& refused = *t[c.refused];
  const auto op = c.make(refused.replica(), t);
  const auto client_seq = refused.submit(op);
  const auto reject = refused.wait_reject(client_seq);
  ASSERT_TRUE(reject) << "not refused: " << op_name(op);
  EXPECT_EQ(reject->client_seq, client_seq);
  EXPECT_EQ(reject->code, protocol::error_code::forbidden);
  EXPECT_NE(reject->reason.find("mag je niet"), std::string::npos) << reject->reason;

  // Nothing changed, and nobody heard of it.
  const auto after = server.state(t.trajectory_id);
  ASSERT_TRUE(after);
  EXPECT_EQ(after->seq, before->seq);
  EXPECT_EQ(after->hash, before->hash);

  // The same op from someone with the right goes through: the refusal was about the role.
  auto& allowed = *t[c.allowed];
  ASSERT_TRUE(allowed.wait_seq(before->seq));
  const auto ack = allowed.submit_acked(c.make(allowed.replica(), t));
  ASSERT_TRUE(ack) << (allowed.rejects().empty() ? "no reply"
                                                 : allowed.rejects().rbegin()->second.reason);
  EXPECT_EQ(*ack, before->seq + 1);
  ASSERT_TRUE(settle(server, t));
  for (auto& m : t.members) {
    // The refused op was never broadcast: the one op after `before` is the allowed one.
    for (const auto& seen : m->ops_seen())
      if (seen.seq > before->seq) {
        EXPECT_EQ(seen.client_id, t.members[c.allowed].client_id);
      }
    EXPECT_TRUE(m->order_faults().empty());
  }
  const auto final_state = server.state(t.trajectory_id);
  ASSERT_TRUE(final_state);
  EXPECT_EQ(final_state->seq, before->seq + 1);
  for (auto& m : t.members) EXPECT_EQ(m->replica_hash(), final_state->hash) << m.client_id;
}

INSTANTIATE_TEST_SUITE_P(Matrix, Permission, ::testing::ValuesIn(cases()),
                         [](const ::testing::TestParamInfo<right_case>& info) {
                           return std::string(info.param.name);
                         });

}  // namespace
}  // namespace jos::server::test
