// validate() and apply(): the permission matrix for every operation and role, the limits on
// values and text, and the effect of each operation on the trajectory.

#include <gtest/gtest.h>

#include <algorithm>
#include <array>
#include <functional>
#include <limits>
#include <map>
#include <ostream>
#include <set>
#include <string>
#include <variant>
#include <vector>

#include "shared/calendar.hpp"
#include "shared/check_ins.hpp"
#include "shared/rules.hpp"

namespace jos::shared {
namespace {

// ---------------------------------------------------------------------------------------
// A team in the middle of its Signaleringsbijeenkomst (meeting 0), one person per role.

enum class role { coordinator, invuller, notulist, writer, attendee, outsider, server };
constexpr role all_roles[] = {role::coordinator, role::invuller, role::notulist, role::writer,
                              role::attendee,    role::outsider, role::server};

constexpr person_id coordinator_id = 1;
constexpr person_id invuller_id = 2;
constexpr person_id notulist_id = 3;
constexpr person_id writer_id = 4;
constexpr person_id attendee_id = 5;
constexpr person_id outsider_id = 99;  // never added to the team

const char* role_name(role r) {
  switch (r) {
    case role::coordinator: return "coordinator";
    case role::invuller: return "invuller";
    case role::notulist: return "notulist";
    case role::writer: return "writer";
    case role::attendee: return "attendee";
    case role::outsider: return "outsider";
    case role::server: return "server";
  }
  return "?";
}

person_id id_of(role r) {
  switch (r) {
    case role::coordinator: return coordinator_id;
    case role::invuller: return invuller_id;
    case role::notulist: return notulist_id;
    case role::writer: return writer_id;
    case role::attendee: return attendee_id;
    case role::outsider: return outsider_id;
    case role::server: return no_person;
  }
  return no_person;
}

actor actor_of(role r) { return r == role::server ? actor::server() : actor{id_of(r), false}; }

bool in_team(role r) { return r != role::outsider && r != role::server; }

std::string describe(const std::optional<rule_error>& e) {
  return e ? std::string(name_of(e->code)) + ": " + e->message : "accepted";
}

// Validates and applies, failing the test if the op is refused.
void must(trajectory& t, const operation& o, const actor& who) {
  const auto e = validate(t, o, who);
  ASSERT_FALSE(e.has_value()) << op_name(o) << " refused: " << describe(e);
  apply(t, o, who);
}

// Validates, expects the given refusal, and checks that nothing changed.
void refused(trajectory& t, const operation& o, const actor& who, rule_code code) {
  const trajectory before = t;
  const auto e = validate(t, o, who);
  ASSERT_TRUE(e.has_value()) << op_name(o) << " accepted, expected " << name_of(code);
  EXPECT_EQ(e->code, code) << op_name(o) << ": " << describe(e);
  EXPECT_FALSE(e->message.empty());
  EXPECT_TRUE(valid_utf8(e->message));
  EXPECT_TRUE(t == before);
}

struct op_by {
  operation o;
  actor who;
};

person make_person(person_id id, std::string name, organisation org, staff_level level,
                   bool coordinator = false) {
  person p;
  p.id = id;
  p.name = std::move(name);
  p.org = org;
  p.function = org == organisation::school ? "docent" : "jongerenwerker";
  p.level = level;
  p.coordinator = coordinator;
  return p;
}

constexpr std::int64_t t0 = 1'000'000;  // when meeting 0 starts (server ms)

trajectory fresh_team() {
  trajectory t = make_trajectory("lyceum-jou", {"Het Lyceum", "JoU", cooperation::existing});
  const actor server = actor::server();
  // The first person joins as coordinator through the server; the coordinator adds the rest.
  must(t,
       op::add_person{make_person(coordinator_id, "Cor Coördinator", organisation::school,
                                  staff_level::manager, true)},
       server);
  const actor coord{coordinator_id, false};
  must(t,
       op::add_person{make_person(invuller_id, "Ilse Invuller", organisation::jongerenwerk,
                                  staff_level::uitvoerder)},
       coord);
  must(t,
       op::add_person{make_person(notulist_id, "Noor Notulist", organisation::school,
                                  staff_level::uitvoerder)},
       coord);
  must(t,
       op::add_person{make_person(writer_id, "Wim Schrijver", organisation::jongerenwerk,
                                  staff_level::manager)},
       coord);
  must(t,
       op::add_person{
           make_person(attendee_id, "Ada Aanwezig", organisation::school, staff_level::uitvoerder)},
       server);
  return t;
}

trajectory in_meeting() {
  trajectory t = fresh_team();
  const actor coord{coordinator_id, false};
  must(t, op::start_meeting{0, t0}, coord);
  must(t, op::assign_role{0, meeting_role::invuller, invuller_id}, coord);
  must(t, op::assign_role{0, meeting_role::notulist, notulist_id}, coord);
  must(t, op::set_writer{0, writer_id, true}, coord);
  for (person_id id : {coordinator_id, invuller_id, notulist_id, writer_id, attendee_id})
    must(t, op::set_presence{0, id, true}, actor::server());
  return t;
}

TEST(RulesFixture, IsWhatTheTestsAssume) {
  const trajectory t = in_meeting();
  EXPECT_EQ(t.team.size(), 5U);
  EXPECT_EQ(coordinator_count(t), 1);
  EXPECT_EQ(t.active_meeting, 0);
  EXPECT_EQ(t.meetings[0].status, meeting_status::bezig);
  EXPECT_EQ(t.meetings[0].session.invuller, invuller_id);
  EXPECT_EQ(t.meetings[0].session.notulist, notulist_id);
  EXPECT_EQ(t.meetings[0].session.writers, std::vector<person_id>{writer_id});
  EXPECT_EQ(t.meetings[0].session.present, (std::vector<person_id>{1, 2, 3, 4, 5}));
  EXPECT_EQ(t.next_person_id, 6U);
  EXPECT_EQ(find_person(t, outsider_id), nullptr);
}

// ---------------------------------------------------------------------------------------
// The permission matrix: one case per operation (some ops have several cases, e.g. a
// document the meeting works on and one it does not).

struct permission_case {
  std::string name;
  std::function<operation(role)> make;
  std::set<role> allowed;
  std::function<void(trajectory&)> prepare = [](trajectory&) {};
};

const std::set<role> members = {role::coordinator, role::invuller, role::notulist, role::writer,
                                role::attendee};

// gtest prints the parameter next to each test name; the case name says it all.
void PrintTo(const permission_case& c, std::ostream* os) { *os << c.name; }

// Someone other than the actor (for "own data" rules).
person_id other_than(role r) { return r == role::attendee ? notulist_id : attendee_id; }
person_id self_or_attendee(role r) { return in_team(r) ? id_of(r) : attendee_id; }

void open_a_vote(trajectory& t) {
  must(t, op::open_vote{0, document_id::signalering_begin, 3, false}, {coordinator_id, false});
}

std::vector<permission_case> permission_cases() {
  std::vector<permission_case> c;
  c.push_back({"set_partnership",
               [](role) {
                 return op::set_partnership{{"Het Nieuwe Lyceum", "JoU", cooperation::fresh}};
               },
               {role::coordinator}});
  c.push_back({"set_precondition",
               [](role) {
                 return op::set_precondition{1, true};
               },
               {role::coordinator}});
  c.push_back({"add_person",
               [](role) {
                 return op::add_person{make_person(50, "Nieuwe Docent", organisation::school,
                                                   staff_level::uitvoerder)};
               },
               {role::coordinator, role::server}});
  c.push_back({"update_person_own",
               [](role r) {
                 person p = make_person(self_or_attendee(r), "Nieuwe Naam", organisation::school,
                                        staff_level::uitvoerder);
                 p.function = "mentor";
                 return op::update_person{p};
               },
               members});
  c.push_back({"update_person_other",
               [](role r) {
                 return op::update_person{make_person(other_than(r), "Andermans Naam",
                                                      organisation::school, staff_level::manager)};
               },
               {role::coordinator}});
  // The server too: its admin restores a coordinator (jos-server restore-coordinator).
  c.push_back({"set_coordinator",
               [](role) {
                 return op::set_coordinator{writer_id, true};
               },
               {role::coordinator, role::server}});
  c.push_back({"remove_person",
               [](role) { return op::remove_person{attendee_id}; },
               {role::coordinator, role::server}});
  c.push_back({"schedule_meeting",
               [](role) {
                 return op::schedule_meeting{1, "2026-09-21", meeting_mode::digitaal};
               },
               {role::coordinator}});
  c.push_back({"plan_from_start",
               [](role) { return op::plan_from_start{"2026-09-07"}; },
               {role::coordinator}});
  c.push_back({"add_extra_meeting",
               [](role) {
                 return op::add_extra_meeting{"2027-02-01", meeting_mode::hybride};
               },
               {role::coordinator}});
  c.push_back({"start_meeting",
               [](role) {
                 return op::start_meeting{1, t0 + 50};
               },
               {role::coordinator},
               [](trajectory& t) {
                 must(t, op::end_meeting{0, t0 + 10}, {coordinator_id, false});
               }});
  c.push_back({"end_meeting",
               [](role) {
                 return op::end_meeting{0, t0 + 9000};
               },
               {role::coordinator}});
  c.push_back({"goto_agenda_item",
               [](role) {
                 return op::goto_agenda_item{0, 3, t0 + 7000};
               },
               {role::coordinator}});
  c.push_back({"control_timer",
               [](role) {
                 return op::control_timer{0, timer_action::pause, 0, t0 + 8000};
               },
               {role::coordinator}});
  c.push_back({"assign_role",
               [](role) {
                 return op::assign_role{0, meeting_role::notulist, attendee_id};
               },
               {role::coordinator}});
  c.push_back({"set_presence_own",
               [](role r) {
                 return op::set_presence{0, self_or_attendee(r), false};
               },
               {role::coordinator, role::invuller, role::notulist, role::writer, role::attendee,
                role::server}});
  // The notulist marks those in the room (and those who sent notice).
  c.push_back({"set_presence_other",
               [](role r) {
                 return op::set_presence{0, other_than(r), false};
               },
               {role::coordinator, role::notulist, role::server}});
  c.push_back({"set_attendance_own",
               [](role r) {
                 return op::set_attendance{0, self_or_attendee(r), attendance::online};
               },
               {role::coordinator, role::invuller, role::notulist, role::writer, role::attendee,
                role::server}});
  c.push_back({"set_attendance_other",
               [](role r) {
                 return op::set_attendance{0, other_than(r), attendance::afgemeld};
               },
               {role::coordinator, role::notulist, role::server}});
  c.push_back(
      {"set_meeting_details",
       [](role) {
         return op::set_meeting_details{1, "15:30", "Lokaal 2.14", "https://meet.example.nl/jos"};
       },
       {role::coordinator}});
  c.push_back({"record_check_in",
               [](role) {
                 return op::record_check_in{attendee_id, false, "Nog niet begonnen.", t0 + 5};
               },
               {role::coordinator}});
  c.push_back({"set_writer",
               [](role) {
                 return op::set_writer{0, attendee_id, true};
               },
               {role::coordinator}});
  c.push_back({"set_rating_meeting_document",
               [](role) {
                 return op::set_rating{document_id::signalering_begin, 2, 3};
               },
               {role::coordinator, role::invuller, role::writer}});
  c.push_back({"set_rating_other_document",
               [](role) {
                 return op::set_rating{document_id::signalering_eind, 2, 3};
               },
               {role::coordinator}});
  c.push_back({"edit_text_meeting_document",
               [](role) {
                 op::edit_text e;
                 e.target.document = document_id::signalering_begin;
                 e.target.row = 1;
                 e.target.column = 0;
                 e.edits = {{0, 0, "Wekelijks overleg over de rolverdeling"}};
                 return e;
               },
               {role::coordinator, role::invuller, role::writer}});
  c.push_back({"edit_text_other_document",
               [](role) {
                 op::edit_text e;
                 e.target.document = document_id::actieplan;
                 e.target.row = 0;
                 e.target.column = 2;
                 e.edits = {{0, 0, "Kennismaking plannen"}};
                 return e;
               },
               {role::coordinator}});
  c.push_back({"edit_text_minutes",
               [](role) {
                 op::edit_text e;
                 e.target.minutes = true;
                 e.target.meeting = 0;
                 e.edits = {{0, 0, "Aanwezig: iedereen."}};
                 return e;
               },
               {role::coordinator, role::notulist}});
  c.push_back({"edit_text_minutes_other_meeting",
               [](role) {
                 op::edit_text e;
                 e.target.minutes = true;
                 e.target.meeting = 1;
                 e.edits = {{0, 0, "Voorbereiding."}};
                 return e;
               },
               {role::coordinator}});
  c.push_back({"edit_text_item_notes",
               [](role) {
                 op::edit_text e;
                 e.target.minutes = true;
                 e.target.meeting = 0;
                 e.target.item = 3;
                 e.edits = {{0, 0, "Iedereen kent nu de vier elementen."}};
                 return e;
               },
               {role::coordinator, role::notulist}});
  c.push_back({"edit_text_item_decided",
               [](role) {
                 op::edit_text e;
                 e.target.minutes = true;
                 e.target.meeting = 0;
                 e.target.item = 5;
                 e.target.decided = true;
                 e.edits = {{0, 0, "Actieplanbijeenkomst over twee weken."}};
                 return e;
               },
               {role::coordinator, role::notulist}});
  // The conclusions beside the comparison belong to the final meeting, not this one.
  c.push_back({"edit_text_conclusions",
               [](role) {
                 op::edit_text e;
                 e.target.document = document_id::conclusies;
                 e.target.row = 4;
                 e.edits = {{0, 0, "Bereikt."}};
                 return e;
               },
               {role::coordinator}});
  c.push_back({"add_reaction",
               [](role) {
                 return op::add_reaction{0, -1, "Goed punt, mee eens!", t0 + 100};
               },
               members});
  c.push_back({"add_reaction_on_row",
               [](role) {
                 return op::add_reaction{0, 4, "Wie is dat bij ons?", t0 + 100};
               },
               members});
  c.push_back({"highlight_reaction",
               [](role) {
                 return op::highlight_reaction{0, 0};
               },
               {role::coordinator},
               [](trajectory& t) {
                 must(t, op::add_reaction{0, -1, "Vraag van Ada", t0 + 5}, {attendee_id, false});
               }});
  c.push_back({"open_vote",
               [](role) {
                 return op::open_vote{0, document_id::signalering_begin, 3, false};
               },
               {role::coordinator, role::invuller}});
  c.push_back({"cast_vote", [](role) { return op::cast_vote{0, 2}; }, members, open_a_vote});
  c.push_back({"reveal_vote",
               [](role) {
                 return op::reveal_vote{0, {}};
               },
               // The server reveals by itself once everyone online has voted.
               {role::coordinator, role::invuller, role::server},
               open_a_vote});
  c.push_back({"close_vote",
               [](role) {
                 return op::close_vote{0, 2};
               },
               {role::coordinator, role::invuller},
               [](trajectory& t) {
                 open_a_vote(t);
                 must(t, op::cast_vote{0, 2}, {attendee_id, false});
                 must(t, op::reveal_vote{0, {}}, {coordinator_id, false});
               }});
  const auto add_an_action = [](trajectory& t) {
    must(t, op::add_action{2, "Wekelijks overleg plannen", attendee_id, "2026-10-01"},
         {coordinator_id, false});
  };
  // Meeting 1 works on the Signaleringsinstrument: its invuller plans no actions.
  c.push_back({"add_action",
               [](role) {
                 return op::add_action{2, "Vast aanspreekpunt benoemen", writer_id, "2026-10-15"};
               },
               {role::coordinator}});
  c.push_back({"update_action",
               [](role) {
                 return op::update_action{1, "Tweewekelijks overleg plannen", notulist_id, ""};
               },
               {role::coordinator},
               add_an_action});
  c.push_back({"set_action_status",
               [](role) {
                 return op::set_action_status{1, action_status::bezig};
               },
               members, add_an_action});
  c.push_back({"close_vote_without_decision",
               [](role) {
                 return op::close_vote{0, 0};
               },
               {role::coordinator, role::invuller},
               open_a_vote});
  return c;
}

TEST(RulesPermissions, EveryOperationTypeHasACase) {
  std::set<std::size_t> covered;
  for (const auto& pc : permission_cases()) covered.insert(pc.make(role::coordinator).index());
  for (std::size_t i = 0; i < std::variant_size_v<operation>; ++i)
    EXPECT_TRUE(covered.count(i)) << "no permission case for op #" << i;
  EXPECT_EQ(covered.size(), std::variant_size_v<operation>);
}

class RulesPermission : public ::testing::TestWithParam<permission_case> {};

TEST_P(RulesPermission, AllowedRolesAcceptedOthersForbidden) {
  const permission_case& pc = GetParam();
  for (role r : all_roles) {
    SCOPED_TRACE(std::string(role_name(r)) + " does " + pc.name);
    trajectory t = in_meeting();
    pc.prepare(t);
    ASSERT_FALSE(HasFatalFailure());
    const operation o = pc.make(r);
    const trajectory before = t;
    const auto e = validate(t, o, actor_of(r));
    ASSERT_TRUE(t == before) << "validate changed the state";
    if (pc.allowed.count(r) != 0) {
      EXPECT_FALSE(e.has_value()) << describe(e);
      if (!e) {
        apply(t, o, actor_of(r));
        EXPECT_FALSE(t == before) << "an accepted op changed nothing";
      }
    } else {
      ASSERT_TRUE(e.has_value()) << "accepted, but " << role_name(r) << " may not";
      EXPECT_EQ(e->code, rule_code::forbidden) << describe(e);
      EXPECT_FALSE(e->message.empty());
      EXPECT_TRUE(valid_utf8(e->message));
      // Dutch, for the user: "Dat mag je niet: …".
      EXPECT_NE(e->message.find("niet"), std::string::npos) << e->message;
    }
  }
}

INSTANTIATE_TEST_SUITE_P(AllOperations, RulesPermission, ::testing::ValuesIn(permission_cases()),
                         [](const ::testing::TestParamInfo<permission_case>& info) {
                           return info.param.name;
                         });

// The role checks the UI uses to grey things out agree with validate.
TEST(RulesPermissions, RoleChecksMatchTheMatrix) {
  const trajectory t = in_meeting();
  for (role r : all_roles) {
    const person_id id = id_of(r);
    const bool edits = r == role::coordinator || r == role::invuller || r == role::writer;
    EXPECT_EQ(can_edit_document(t, id, document_id::signalering_begin), edits) << role_name(r);
    EXPECT_EQ(can_edit_document(t, id, document_id::actieplan), r == role::coordinator)
        << role_name(r);
    EXPECT_EQ(can_edit_minutes(t, id, 0), r == role::coordinator || r == role::notulist)
        << role_name(r);
    EXPECT_EQ(can_run_vote(t, id, 0), r == role::coordinator || r == role::invuller)
        << role_name(r);
    EXPECT_EQ(is_coordinator(t, id), r == role::coordinator) << role_name(r);
  }
}

// ---------------------------------------------------------------------------------------
// Roles are tied to the meeting in progress.

TEST(RulesMeetingRoles, InvullerOfAMeetingNotInProgressCannotEdit) {
  trajectory t = in_meeting();
  const actor coord{coordinator_id, false};
  // Ada is invuller of meeting 2 (the Actieplanbijeenkomst), which has not started.
  must(t, op::assign_role{1, meeting_role::invuller, attendee_id}, coord);
  op::edit_text e;
  e.target.document = document_id::actieplan;
  e.edits = {{0, 0, "Meer overleg"}};
  refused(t, e, {attendee_id, false}, rule_code::forbidden);

  // Once meeting 1 ends and meeting 2 starts, she may; Ilse, invuller of meeting 1, no longer.
  must(t, op::end_meeting{0, t0 + 1000}, coord);
  refused(t, op::set_rating{document_id::signalering_begin, 0, 2}, {invuller_id, false},
          rule_code::forbidden);
  must(t, op::start_meeting{1, t0 + 2000}, coord);
  must(t, e, {attendee_id, false});
  EXPECT_EQ(t.documents[static_cast<std::size_t>(document_id::actieplan)].rows[0].cells[0],
            "Meer overleg");
  refused(t, e, {invuller_id, false}, rule_code::forbidden);
  // The Actieplanbijeenkomst only looks back at the Signaleringsinstrument: nobody but the
  // coordinator may still change its ratings.
  refused(t, op::set_rating{document_id::signalering_begin, 0, 2}, {attendee_id, false},
          rule_code::forbidden);
}

TEST(RulesMeetingRoles, EditableDocumentsPerMeeting) {
  EXPECT_EQ(editable_documents(0), std::vector<document_id>{document_id::signalering_begin});
  EXPECT_EQ(editable_documents(1), std::vector<document_id>{document_id::actieplan});
  EXPECT_EQ(editable_documents(2), std::vector<document_id>{document_id::evaluatie_tussentijds});
  EXPECT_EQ(editable_documents(3),
            (std::vector<document_id>{document_id::evaluatie_eind, document_id::signalering_eind,
                                      document_id::conclusies}));
  // An extra evaluation meeting fills an Evaluatielijst of its own, never the final one.
  EXPECT_EQ(editable_documents(4), std::vector<document_id>{document_id::evaluatie_extra});
}

TEST(RulesMeetingRoles, InvullerOfTheEindevaluatieFillsBothItsDocuments) {
  trajectory t = fresh_team();
  const actor coord{coordinator_id, false};
  const actor ilse{invuller_id, false};
  must(t, op::start_meeting{3, t0}, coord);
  must(t, op::assign_role{3, meeting_role::invuller, invuller_id}, coord);
  must(t, op::set_rating{document_id::signalering_eind, 9, 3}, ilse);
  op::edit_text e;
  e.target.document = document_id::evaluatie_eind;
  e.target.row = 9;
  e.target.column = 4;
  e.edits = {{0, 0, "Voor de zomer"}};
  must(t, e, ilse);
  refused(t, op::set_rating{document_id::signalering_begin, 9, 3}, ilse, rule_code::forbidden);
  e.target.document = document_id::evaluatie_tussentijds;
  refused(t, e, ilse, rule_code::forbidden);
  EXPECT_EQ(t.documents[static_cast<std::size_t>(document_id::signalering_eind)].rows[9].rating, 3);
}

TEST(RulesMeetingRoles, NotulistWritesOnlyTheMinutesOfTheMeetingInProgress) {
  trajectory t = in_meeting();
  const actor noor{notulist_id, false};
  op::edit_text minutes;
  minutes.target.minutes = true;
  minutes.target.meeting = 0;
  minutes.edits = {{0, 0, "Notulen"}};
  must(t, minutes, noor);
  EXPECT_EQ(t.meetings[0].session.minutes, "Notulen");
  refused(t, op::set_rating{document_id::signalering_begin, 0, 1}, noor, rule_code::forbidden);
  must(t, op::end_meeting{0, t0 + 10}, {coordinator_id, false});
  minutes.edits = {{7, 0, "."}};
  refused(t, minutes, noor, rule_code::forbidden);
  must(t, minutes, {coordinator_id, false});  // the coordinator can still tidy them up
  EXPECT_EQ(t.meetings[0].session.minutes, "Notulen.");
}

TEST(RulesMeetingRoles, WritersOnlyForTheMeetingTheyWereGivenRightsIn) {
  trajectory t = in_meeting();
  const actor coord{coordinator_id, false};
  must(t, op::set_writer{1, attendee_id, true}, coord);  // meeting 2, not started
  refused(t, op::set_rating{document_id::signalering_begin, 0, 1}, {attendee_id, false},
          rule_code::forbidden);
  must(t, op::set_writer{0, writer_id, false}, coord);
  refused(t, op::set_rating{document_id::signalering_begin, 0, 1}, {writer_id, false},
          rule_code::forbidden);
  EXPECT_TRUE(t.meetings[0].session.writers.empty());
}

// ---------------------------------------------------------------------------------------
// Values.

TEST(RulesValues, RatingsOnly0To3) {
  trajectory t = in_meeting();
  const actor ilse{invuller_id, false};
  for (int v : {-1, 4, 5, 100, std::numeric_limits<int>::min(), std::numeric_limits<int>::max()})
    refused(t, op::set_rating{document_id::signalering_begin, 0, v}, ilse, rule_code::invalid);
  for (int v : {1, 2, 3, 0}) {
    must(t, op::set_rating{document_id::signalering_begin, 0, v}, ilse);
    EXPECT_EQ(t.documents[0].rows[0].rating, v);
  }
  // Rows outside 0..9 do not exist; documents without ratings take none.
  refused(t, op::set_rating{document_id::signalering_begin, -1, 2}, ilse, rule_code::not_found);
  refused(t, op::set_rating{document_id::signalering_begin, 10, 2}, ilse, rule_code::not_found);
  refused(t, op::set_rating{document_id::actieplan, 0, 2}, {coordinator_id, false},
          rule_code::invalid);
  refused(t, op::set_rating{document_id::evaluatie_eind, 0, 2}, {coordinator_id, false},
          rule_code::invalid);
}

TEST(RulesValues, PreconditionsAndMeetingsMustExist) {
  trajectory t = in_meeting();
  const actor coord{coordinator_id, false};
  refused(t, op::set_precondition{3, true}, coord, rule_code::not_found);
  refused(t, op::set_precondition{-1, true}, coord, rule_code::not_found);
  for (int i = 0; i < precondition_count; ++i) must(t, op::set_precondition{i, true}, coord);
  EXPECT_EQ(t.preconditions, (std::array<bool, 3>{true, true, true}));
  refused(t, op::schedule_meeting{4, "2026-09-07", meeting_mode::fysiek}, coord,
          rule_code::not_found);
  refused(t, op::schedule_meeting{-1, "2026-09-07", meeting_mode::fysiek}, coord,
          rule_code::not_found);
  refused(t, op::schedule_meeting{1, "2026-02-29", meeting_mode::fysiek}, coord,
          rule_code::invalid);
  refused(t, op::schedule_meeting{1, "volgende week", meeting_mode::fysiek}, coord,
          rule_code::invalid);
  must(t, op::schedule_meeting{1, "2028-02-29", meeting_mode::hybride}, coord);
  EXPECT_EQ(t.meetings[1].planned_date, "2028-02-29");
  EXPECT_EQ(t.meetings[1].mode, meeting_mode::hybride);
  must(t, op::schedule_meeting{1, "", meeting_mode::fysiek}, coord);  // not agreed yet
  EXPECT_EQ(t.meetings[1].planned_date, "");
  refused(t, op::assign_role{0, meeting_role::invuller, outsider_id}, coord, rule_code::not_found);
  refused(t, op::set_writer{0, outsider_id, true}, coord, rule_code::not_found);
  refused(t, op::set_presence{0, outsider_id, true}, actor::server(), rule_code::not_found);
  refused(t, op::set_presence{9, attendee_id, true}, actor::server(), rule_code::not_found);
  refused(
      t,
      op::update_person{make_person(outsider_id, "X", organisation::school, staff_level::manager)},
      coord, rule_code::not_found);
  must(t, op::assign_role{0, meeting_role::invuller, no_person}, coord);  // clears the role
  EXPECT_EQ(t.meetings[0].session.invuller, no_person);
}

std::string repeat(const std::string& unit, std::size_t n) {
  std::string out;
  for (std::size_t i = 0; i < n; ++i) out += unit;
  return out;
}

op::edit_text cell_edit(splice s, int row = 0, document_id doc = document_id::signalering_begin,
                        int column = 0) {
  op::edit_text e;
  e.target.document = doc;
  e.target.row = row;
  e.target.column = column;
  e.edits = {std::move(s)};
  return e;
}

TEST(RulesValues, CellLengthCountsCodePoints) {
  trajectory t = in_meeting();
  const actor ilse{invuller_id, false};
  // 'ë' is two bytes: the limit is in code points, so max_cell_length of them fit.
  refused(t, cell_edit({0, 0, repeat("ë", max_cell_length + 1)}), ilse, rule_code::too_long);
  must(t, cell_edit({0, 0, repeat("ë", max_cell_length)}), ilse);
  EXPECT_EQ(code_points(t.documents[0].rows[0].cells[0]), max_cell_length);
  // Full: adding one more is too long, replacing one is fine.
  refused(t, cell_edit({0, 0, "a"}), ilse, rule_code::too_long);
  must(t, cell_edit({5, 1, "a"}), ilse);
  must(t, cell_edit({0, 10, ""}), ilse);
  must(t, cell_edit({0, 0, repeat("x", 10)}), ilse);
  refused(t, cell_edit({0, 0, "y"}), ilse, rule_code::too_long);
}

TEST(RulesValues, MinutesReactionAndNameLimits) {
  trajectory t = in_meeting();
  const actor coord{coordinator_id, false};
  op::edit_text minutes;
  minutes.target.minutes = true;
  minutes.target.meeting = 0;
  minutes.edits = {{0, 0, repeat("é", max_minutes_length + 1)}};
  refused(t, minutes, {notulist_id, false}, rule_code::too_long);
  minutes.edits = {{0, 0, repeat("é", max_minutes_length)}};
  must(t, minutes, {notulist_id, false});

  refused(t, op::add_reaction{0, -1, repeat("–", max_reaction_length + 1), t0}, coord,
          rule_code::too_long);
  must(t, op::add_reaction{0, -1, repeat("–", max_reaction_length), t0}, coord);

  const std::string long_name = repeat("ï", max_name_length + 1);
  refused(t, op::add_person{make_person(60, long_name, organisation::school, staff_level::manager)},
          coord, rule_code::too_long);
  person p = make_person(60, "Nieuw", organisation::school, staff_level::manager);
  p.function = long_name;
  refused(t, op::add_person{p}, coord, rule_code::too_long);
  refused(t, op::set_partnership{{long_name, "JoU", cooperation::existing}}, coord,
          rule_code::too_long);
  refused(t, op::set_partnership{{"Het Lyceum", long_name, cooperation::existing}}, coord,
          rule_code::too_long);
  refused(t,
          op::update_person{
              make_person(attendee_id, long_name, organisation::school, staff_level::uitvoerder)},
          {attendee_id, false}, rule_code::too_long);
  must(t,
       op::add_person{make_person(60, repeat("ï", max_name_length), organisation::school,
                                  staff_level::manager)},
       coord);
}

// A name with a character that shows nothing looks like another name, or like none: such
// names (and functions, and the partnership's names) are refused; names in any script, with
// any diacritics, are not.
TEST(RulesValues, NamesWithInvisibleCharactersAreInvalid) {
  trajectory t = in_meeting();
  const actor coord{coordinator_id, false};
  const char* invisible[] = {"\u0085",     "\u2028",     "\u2029", "\uFEFF", "\u200B",
                             "\u200D",     "\u200E",     "\u202E", "\u2060", "\u2066",
                             "\u00AD",     "\u034F",     "\u3164", "\uFE0F", "\u180E",
                             "\U000E0041", "\U0001D173", "\u061C", "\uFFA0", "\u0080"};
  person_id id = 60;
  for (const char* c : invisible) {
    SCOPED_TRACE(testing::PrintToString(std::string(c)));
    const std::string name = std::string("Zoë") + c + "Jansen";
    refused(t, op::add_person{make_person(id, name, organisation::school, staff_level::manager)},
            coord, rule_code::invalid);
    refused(t, op::add_person{make_person(id, c, organisation::school, staff_level::manager)},
            coord, rule_code::invalid);
    person p = make_person(id, "Zoë Jansen", organisation::school, staff_level::manager);
    p.function = std::string("mentor") + c;
    refused(t, op::add_person{p}, coord, rule_code::invalid);
    refused(t,
            op::set_partnership{{std::string("Het") + c + "Lyceum", "JoU", cooperation::existing}},
            coord, rule_code::invalid);
  }
  const auto e = validate(
      t, op::add_person{make_person(id, "Zoë\u2028", organisation::school, staff_level::manager)},
      coord);
  ASSERT_TRUE(e);
  EXPECT_NE(e->message.find("onzichtbaar teken"), std::string::npos) << e->message;
  for (const char* name : {"Zoë Çelik", "Daniël van ’t Hof", "Ñandú Ørsted-Łukasz", "محمد العلي",
                           "Nguyễn Thị Ánh", "김민준", "Ali ibn Abī Ṭālib"})
    must(t, op::add_person{make_person(id++, name, organisation::school, staff_level::manager)},
         coord);
}

TEST(RulesValues, EmptyAndMultiLineNamesAreInvalid) {
  trajectory t = in_meeting();
  const actor coord{coordinator_id, false};
  refused(t, op::add_person{make_person(60, "", organisation::school, staff_level::manager)}, coord,
          rule_code::invalid);
  refused(
      t,
      op::add_person{make_person(60, "Twee\nregels", organisation::school, staff_level::manager)},
      coord, rule_code::invalid);
  refused(t, op::set_partnership{{"", "JoU", cooperation::existing}}, coord, rule_code::invalid);
  refused(t, op::add_reaction{0, -1, "", t0}, coord, rule_code::invalid);
}

TEST(RulesValues, InvalidUtf8AndControlCharactersAreInvalid) {
  trajectory t = in_meeting();
  const actor coord{coordinator_id, false};
  const actor ilse{invuller_id, false};
  for (const std::string& bad :
       {std::string("co\xC3"), std::string("\xED\xA0\x80"), std::string("\xC0\xAF"),
        std::string("bel\a"), std::string("esc\x1B[2J"), std::string("nul\0nul", 7),
        std::string("cr\r"), std::string("del\x7F")}) {
    SCOPED_TRACE(bad);
    refused(t, cell_edit({0, 0, bad}), ilse, rule_code::invalid);
    refused(t, op::add_reaction{0, -1, bad, t0}, coord, rule_code::invalid);
    refused(t,
            op::add_person{make_person(60, "A" + bad, organisation::school, staff_level::manager)},
            coord, rule_code::invalid);
    refused(t, op::set_partnership{{"Lyceum " + bad, "JoU", cooperation::existing}}, coord,
            rule_code::invalid);
    op::edit_text minutes;
    minutes.target.minutes = true;
    minutes.edits = {{0, 0, bad}};
    refused(t, minutes, {notulist_id, false}, rule_code::invalid);
  }
  // Newlines and tabs are what people type in long answers.
  must(t, cell_edit({0, 0, "Eerste punt\n\tTweede punt"}), ilse);
}

TEST(RulesValues, SplicesOutOfRangeAreInvalid) {
  trajectory t = in_meeting();
  const actor ilse{invuller_id, false};
  must(t, cell_edit({0, 0, "ëé"}), ilse);  // two code points, four bytes
  constexpr std::size_t huge = std::numeric_limits<std::size_t>::max();
  refused(t, cell_edit({3, 0, "x"}), ilse, rule_code::invalid);
  refused(t, cell_edit({4, 0, "x"}), ilse, rule_code::invalid);  // a byte offset, not a cp
  refused(t, cell_edit({0, 3, ""}), ilse, rule_code::invalid);
  refused(t, cell_edit({1, 2, ""}), ilse, rule_code::invalid);
  refused(t, cell_edit({huge, 0, ""}), ilse, rule_code::invalid);
  refused(t, cell_edit({0, huge, ""}), ilse, rule_code::invalid);
  refused(t, cell_edit({1, huge, ""}), ilse, rule_code::invalid);
  refused(t, cell_edit({huge, 2, ""}), ilse, rule_code::invalid);
  must(t, cell_edit({2, 0, "!"}), ilse);
  must(t, cell_edit({1, 1, "e"}), ilse);
  EXPECT_EQ(t.documents[0].rows[0].cells[0], "ëe!");

  // Targets that do not exist.
  refused(t, cell_edit({0, 0, "x"}, 10), ilse, rule_code::not_found);
  refused(t, cell_edit({0, 0, "x"}, -1), ilse, rule_code::not_found);
  refused(t, cell_edit({0, 0, "x"}, 0, document_id::signalering_begin, 1), ilse,
          rule_code::not_found);
  refused(t, cell_edit({0, 0, "x"}, 0, document_id::actieplan, 5), {coordinator_id, false},
          rule_code::not_found);
  refused(t, cell_edit({0, 0, "x"}, 0, document_id::actieplan, -1), {coordinator_id, false},
          rule_code::not_found);
  refused(t, cell_edit({0, 0, "x"}, 0, static_cast<document_id>(document_count)),
          {coordinator_id, false}, rule_code::not_found);
  op::edit_text minutes;
  minutes.target.minutes = true;
  minutes.target.meeting = 4;
  minutes.edits = {{0, 0, "x"}};
  refused(t, minutes, {coordinator_id, false}, rule_code::not_found);
}

TEST(RulesValues, EditsCarryOneToEightSplicesEachCheckedInTurn) {
  trajectory t = in_meeting();
  const actor ilse{invuller_id, false};
  op::edit_text e = cell_edit({0, 0, "abc"});
  e.edits.clear();
  refused(t, e, ilse, rule_code::invalid);  // no splice at all
  e.edits.assign(op::max_splices_per_edit + 1, splice{0, 0, "x"});
  refused(t, e, ilse, rule_code::invalid);
  e.edits.assign(op::max_splices_per_edit, splice{0, 0, "x"});
  must(t, e, ilse);
  EXPECT_EQ(t.documents[0].rows[0].cells[0], std::string(op::max_splices_per_edit, 'x'));

  // Each splice is checked against the text as the previous ones left it.
  e.edits = {{0, 8, "ëé"}, {2, 0, "!"}, {0, 1, ""}};
  must(t, e, ilse);
  EXPECT_EQ(t.documents[0].rows[0].cells[0], "é!");
  e.edits = {{0, 2, ""}, {1, 0, "x"}};  // the second splice no longer fits
  refused(t, e, ilse, rule_code::invalid);
  e.edits = {{0, 0, "a"}, {0, 0, "\x01"}};
  refused(t, e, ilse, rule_code::invalid);
  // The limit holds after every step, not just at the end.
  e.edits = {{0, 0, repeat("a", max_cell_length)}, {0, 2, ""}};
  refused(t, e, ilse, rule_code::too_long);
  e.edits = {{0, 2, ""}, {0, 0, repeat("a", max_cell_length)}};
  must(t, e, ilse);
  EXPECT_EQ(code_points(t.documents[0].rows[0].cells[0]), max_cell_length);
}

TEST(RulesValues, ReactionsAndHighlights) {
  trajectory t = in_meeting();
  const actor ada{attendee_id, false};
  refused(t, op::add_reaction{0, 10, "Te ver", t0}, ada, rule_code::not_found);
  refused(t, op::add_reaction{0, -2, "Te ver", t0}, ada, rule_code::not_found);
  refused(t, op::add_reaction{7, -1, "Welke bijeenkomst?", t0}, ada, rule_code::not_found);
  operation o = op::add_reaction{0, 3, "Wie is ons aanspreekpunt?", 0};
  complete_on_server(o, t, t0 + 42);
  must(t, o, ada);
  ASSERT_EQ(t.meetings[0].session.reactions.size(), 1U);
  EXPECT_EQ(t.meetings[0].session.reactions[0],
            (reaction{attendee_id, t0 + 42, 3, "Wie is ons aanspreekpunt?"}));
  const actor coord{coordinator_id, false};
  refused(t, op::highlight_reaction{0, 1}, coord, rule_code::not_found);
  refused(t, op::highlight_reaction{0, -2}, coord, rule_code::not_found);
  must(t, op::highlight_reaction{0, 0}, coord);
  EXPECT_EQ(t.meetings[0].session.highlighted_reaction, 0);
  must(t, op::highlight_reaction{0, -1}, coord);
  EXPECT_EQ(t.meetings[0].session.highlighted_reaction, -1);
}

// ---------------------------------------------------------------------------------------
// Group vote.

TEST(RulesVote, OpenCastRevealCloseWithDecision) {
  trajectory t = in_meeting();
  const actor ilse{invuller_id, false};
  must(t, op::open_vote{0, document_id::signalering_begin, 3, false}, ilse);
  const vote_state& v = t.meetings[0].session.vote;
  EXPECT_TRUE(v.open);
  EXPECT_EQ(v.row, 3);
  EXPECT_FALSE(v.revealed);
  refused(t, op::open_vote{0, document_id::signalering_begin, 4, false}, ilse, rule_code::conflict);

  must(t, op::cast_vote{0, 3}, {coordinator_id, false});
  must(t, op::cast_vote{0, 1}, {invuller_id, false});
  must(t, op::cast_vote{0, 2}, {notulist_id, false});
  must(t, op::cast_vote{0, 3}, {writer_id, false});
  must(t, op::cast_vote{0, 1}, {attendee_id, false});
  must(t, op::cast_vote{0, 2}, {attendee_id, false});  // changed her mind: one ballot each
  refused(t, op::cast_vote{0, 0}, {attendee_id, false}, rule_code::invalid);
  refused(t, op::cast_vote{0, 4}, {attendee_id, false}, rule_code::invalid);
  EXPECT_EQ(v.ballots.size(), 5U);
  EXPECT_EQ(v.ballots.at(attendee_id), 2);

  refused(t, op::close_vote{0, 2}, ilse, rule_code::conflict);  // reveal first
  must(t, op::reveal_vote{0, {}}, ilse);
  EXPECT_TRUE(t.meetings[0].session.vote.revealed);
  refused(t, op::cast_vote{0, 1}, {attendee_id, false}, rule_code::conflict);
  refused(t, op::reveal_vote{0, {}}, ilse, rule_code::conflict);
  refused(t, op::close_vote{0, 4}, ilse, rule_code::invalid);

  const std::map<person_id, int> ballots = t.meetings[0].session.vote.ballots;
  trajectory expected = t;
  expected.documents[0].rows[3].rating = 2;
  expected.meetings[0].session.vote = vote_state{};
  vote_record record;
  record.document = document_id::signalering_begin;
  record.row = 3;
  record.distribution = {1, 2, 2};
  record.ballots = ballots;
  record.decided = 2;
  expected.votes.push_back(record);
  expected.meetings[0].session.items[0].votes = {0};  // decided at the current item

  must(t, op::close_vote{0, 2}, ilse);
  EXPECT_TRUE(t == expected);
  ASSERT_EQ(t.votes.size(), 1U);
  EXPECT_EQ(t.votes[0].distribution, (std::array<int, 3>{1, 2, 2}));
  EXPECT_EQ(t.votes[0].decided, 2);
  EXPECT_EQ(t.documents[0].rows[3].rating, 2);
  EXPECT_FALSE(t.meetings[0].session.vote.open);
  refused(t, op::reveal_vote{0, {}}, ilse, rule_code::conflict);
  refused(t, op::cast_vote{0, 1}, {attendee_id, false}, rule_code::conflict);
  refused(t, op::close_vote{0, 0}, ilse, rule_code::conflict);
}

TEST(RulesVote, AnonymousVoteKeepsOnlyTheDistribution) {
  trajectory t = in_meeting();
  const actor coord{coordinator_id, false};
  must(t, op::open_vote{0, document_id::signalering_begin, 7, true}, coord);
  must(t, op::cast_vote{0, 3}, {writer_id, false});
  must(t, op::cast_vote{0, 3}, {attendee_id, false});
  must(t, op::reveal_vote{0, {}}, coord);
  must(t, op::close_vote{0, 3}, coord);
  ASSERT_EQ(t.votes.size(), 1U);
  EXPECT_TRUE(t.votes[0].ballots.empty());
  EXPECT_EQ(t.votes[0].distribution, (std::array<int, 3>{0, 0, 2}));
  EXPECT_EQ(t.votes[0].row, 7);
  EXPECT_EQ(t.documents[0].rows[7].rating, 3);
}

TEST(RulesVote, CloseWithoutDecisionChangesNothingButTheVote) {
  trajectory t = in_meeting();
  const actor ilse{invuller_id, false};
  must(t, op::set_rating{document_id::signalering_begin, 3, 1}, ilse);
  must(t, op::open_vote{0, document_id::signalering_begin, 3, false}, ilse);
  must(t, op::cast_vote{0, 3}, {attendee_id, false});
  must(t, op::reveal_vote{0, {}}, ilse);
  trajectory expected = t;
  expected.meetings[0].session.vote = vote_state{};
  must(t, op::close_vote{0, 0}, ilse);
  EXPECT_TRUE(t == expected);
  EXPECT_EQ(t.documents[0].rows[3].rating, 1);
  EXPECT_TRUE(t.votes.empty());
  // Closing before the reveal without a decision is allowed too (the team talks instead).
  must(t, op::open_vote{0, document_id::signalering_begin, 3, false}, ilse);
  must(t, op::close_vote{0, 0}, ilse);
  EXPECT_TRUE(t.votes.empty());
}

TEST(RulesVote, OnlyOnRatingsOfAMeetingInProgress) {
  trajectory t = in_meeting();
  const actor coord{coordinator_id, false};
  refused(t, op::open_vote{0, document_id::actieplan, 3, false}, coord, rule_code::invalid);
  refused(t, op::open_vote{0, document_id::signalering_begin, 10, false}, coord,
          rule_code::not_found);
  refused(t, op::open_vote{1, document_id::signalering_begin, 0, false}, coord,
          rule_code::conflict);
  refused(t, op::open_vote{9, document_id::signalering_begin, 0, false}, coord,
          rule_code::not_found);
  // The invuller of meeting 1 cannot put the second instrument to a vote.
  refused(t, op::open_vote{0, document_id::signalering_eind, 0, false}, {invuller_id, false},
          rule_code::forbidden);
  // Ending the meeting ends its vote.
  must(t, op::open_vote{0, document_id::signalering_begin, 0, false}, coord);
  must(t, op::end_meeting{0, t0 + 5}, coord);
  EXPECT_FALSE(t.meetings[0].session.vote.open);
  refused(t, op::cast_vote{0, 2}, {attendee_id, false}, rule_code::conflict);
}

// ---------------------------------------------------------------------------------------
// Timers and agenda.

TEST(RulesTimer, StampedTimesDriveTheClock) {
  trajectory t = in_meeting();
  const actor coord{coordinator_id, false};
  const agenda_timer& timer = t.meetings[0].session.timer;
  EXPECT_TRUE(timer.running);
  EXPECT_EQ(timer.started_at_ms, t0);
  EXPECT_EQ(t.meetings[0].session.started_at_ms, t0);
  EXPECT_EQ(timer.elapsed_at(t0), 0);
  EXPECT_EQ(timer.elapsed_at(t0 + 60'000), 60'000);
  EXPECT_EQ(timer.elapsed_at(t0 - 5), 0);  // a clock behind the server never goes negative

  // The client's time is ignored: the server stamps every op that carries one.
  operation pause = op::control_timer{0, timer_action::pause, 0, 123};
  complete_on_server(pause, t, t0 + 90'000);
  EXPECT_EQ(std::get<op::control_timer>(pause).at_ms, t0 + 90'000);
  must(t, pause, coord);
  EXPECT_FALSE(timer.running);
  EXPECT_EQ(timer.elapsed_ms, 90'000);
  EXPECT_EQ(timer.elapsed_at(t0 + 500'000), 90'000);
  must(t, op::control_timer{0, timer_action::pause, 0, t0 + 95'000}, coord);  // paused twice
  EXPECT_EQ(timer.elapsed_at(t0 + 500'000), 90'000);

  must(t, op::control_timer{0, timer_action::start, 0, t0 + 100'000}, coord);
  EXPECT_TRUE(timer.running);
  EXPECT_EQ(timer.elapsed_at(t0 + 130'000), 120'000);
  must(t, op::control_timer{0, timer_action::start, 0, t0 + 110'000}, coord);  // already running
  EXPECT_EQ(timer.elapsed_at(t0 + 130'000), 120'000);

  must(t, op::control_timer{0, timer_action::extend, 10, t0 + 131'000}, coord);
  must(t, op::control_timer{0, timer_action::extend, max_extend_minutes, t0 + 131'000}, coord);
  EXPECT_EQ(timer.extra_minutes, 10 + max_extend_minutes);
  refused(t, op::control_timer{0, timer_action::extend, 0, t0}, coord, rule_code::invalid);
  refused(t, op::control_timer{0, timer_action::extend, -5, t0}, coord, rule_code::invalid);
  refused(t, op::control_timer{0, timer_action::extend, max_extend_minutes + 1, t0}, coord,
          rule_code::invalid);

  must(t, op::control_timer{0, timer_action::reset, 0, t0 + 200'000}, coord);
  EXPECT_EQ(timer.elapsed_at(t0 + 200'000), 0);
  EXPECT_EQ(timer.extra_minutes, 0);
  EXPECT_EQ(timer.elapsed_at(t0 + 203'000), 3'000);

  refused(t, op::control_timer{1, timer_action::start, 0, t0}, coord, rule_code::conflict);

  must(t, op::end_meeting{0, t0 + 210'000}, coord);
  EXPECT_FALSE(timer.running);
  EXPECT_EQ(timer.elapsed_ms, 10'000);
  EXPECT_EQ(timer.elapsed_at(t0 + 999'999), 10'000);
}

TEST(RulesServer, CompleteOnServerStampsTimesOnly) {
  const trajectory t = in_meeting();
  operation rating = op::set_rating{document_id::signalering_begin, 1, 2};
  complete_on_server(rating, t, 77);
  EXPECT_EQ(std::get<op::set_rating>(rating).document, document_id::signalering_begin);
  EXPECT_EQ(std::get<op::set_rating>(rating).row, 1);
  EXPECT_EQ(std::get<op::set_rating>(rating).value, 2);
  operation start = op::start_meeting{2, 5};
  complete_on_server(start, t, 77);
  EXPECT_EQ(std::get<op::start_meeting>(start).at_ms, 77);
  EXPECT_EQ(std::get<op::start_meeting>(start).meeting, 2);
  operation reaction = op::add_reaction{0, -1, "x", 0};
  complete_on_server(reaction, t, 78);
  EXPECT_EQ(std::get<op::add_reaction>(reaction).at_ms, 78);
  operation go = op::goto_agenda_item{0, 1, 0};
  complete_on_server(go, t, 79);
  EXPECT_EQ(std::get<op::goto_agenda_item>(go).at_ms, 79);
  operation end = op::end_meeting{0, 0};
  complete_on_server(end, t, 80);
  EXPECT_EQ(std::get<op::end_meeting>(end).at_ms, 80);
  operation timer = op::control_timer{0, timer_action::extend, 5, 0};
  complete_on_server(timer, t, 81);
  EXPECT_EQ(std::get<op::control_timer>(timer).at_ms, 81);
  EXPECT_EQ(std::get<op::control_timer>(timer).minutes, 5);
}

// Clients only learn who voted; the server puts the secret ballots into the reveal, so a
// replica that never saw them ends with the same record as the server.
TEST(RulesServer, RevealCarriesTheBallotsToReplicasThatDidNotSeeThem) {
  trajectory server_side = in_meeting();
  const actor coord{coordinator_id, false};
  must(server_side, op::open_vote{0, document_id::signalering_begin, 5, false}, coord);
  must(server_side, op::cast_vote{0, 1}, {attendee_id, false});
  must(server_side, op::cast_vote{0, 3}, {writer_id, false});

  // A client replica with the ballots redacted (voters known, values hidden).
  trajectory client_side = server_side;
  for (auto& [voter, value] : client_side.meetings[0].session.vote.ballots) value = 0;

  operation reveal = op::reveal_vote{0, {{attendee_id, 2}}};  // whatever a client claims
  complete_on_server(reveal, server_side, t0 + 10);
  EXPECT_EQ(std::get<op::reveal_vote>(reveal).ballots,
            (std::map<person_id, int>{{attendee_id, 1}, {writer_id, 3}}));
  must(server_side, reveal, coord);
  apply(client_side, reveal, coord);
  EXPECT_TRUE(server_side == client_side);

  // A reveal for a meeting that does not exist keeps none of the ballots a client claimed.
  operation bogus = op::reveal_vote{7, {{attendee_id, 3}}};
  complete_on_server(bogus, server_side, t0 + 11);
  EXPECT_TRUE(std::get<op::reveal_vote>(bogus).ballots.empty());

  const operation close = op::close_vote{0, 3};
  must(server_side, close, coord);
  apply(client_side, close, coord);
  EXPECT_TRUE(server_side == client_side);
  ASSERT_EQ(client_side.votes.size(), 1U);
  EXPECT_EQ(client_side.votes[0].distribution, (std::array<int, 3>{1, 0, 1}));
}

TEST(RulesAgenda, MovesWithinTheMeetingsAgenda) {
  trajectory t = in_meeting();
  const actor coord{coordinator_id, false};
  const int items = static_cast<int>(leerlijn().meetings[0].agenda.size());
  ASSERT_EQ(items, 6);
  refused(t, op::goto_agenda_item{0, -1, t0}, coord, rule_code::not_found);
  refused(t, op::goto_agenda_item{0, items, t0}, coord, rule_code::not_found);
  refused(t, op::goto_agenda_item{1, 0, t0}, coord, rule_code::conflict);
  refused(t, op::goto_agenda_item{0, 1, t0}, {invuller_id, false}, rule_code::forbidden);

  // Each item has its own clock, running if the previous one ran.
  must(t, op::goto_agenda_item{0, 4, t0 + 1000}, coord);
  const live_session& s = t.meetings[0].session;
  EXPECT_EQ(s.agenda_index, 4);
  EXPECT_TRUE(s.timer.running);
  EXPECT_EQ(s.timer.elapsed_at(t0 + 1000), 0);
  EXPECT_EQ(s.timer.elapsed_at(t0 + 4000), 3000);
  must(t, op::control_timer{0, timer_action::pause, 0, t0 + 5000}, coord);
  must(t, op::goto_agenda_item{0, items - 1, t0 + 6000}, coord);
  EXPECT_EQ(s.agenda_index, items - 1);
  EXPECT_FALSE(s.timer.running);
  EXPECT_EQ(s.timer.elapsed_at(t0 + 9000), 0);
  // Going to the item already shown keeps its clock.
  must(t, op::control_timer{0, timer_action::start, 0, t0 + 7000}, coord);
  must(t, op::goto_agenda_item{0, items - 1, t0 + 8000}, coord);
  EXPECT_EQ(s.timer.elapsed_at(t0 + 9000), 2000);
  must(t, op::goto_agenda_item{0, 0, t0 + 9000}, coord);
  EXPECT_EQ(s.agenda_index, 0);
}

TEST(RulesAgenda, LaterMeetingsHaveSevenItems) {
  trajectory t = fresh_team();
  const actor coord{coordinator_id, false};
  must(t, op::start_meeting{3, t0}, coord);
  must(t, op::goto_agenda_item{3, 6, t0 + 1}, coord);
  refused(t, op::goto_agenda_item{3, 7, t0 + 2}, coord, rule_code::not_found);
}

// ---------------------------------------------------------------------------------------
// Meetings.

TEST(RulesMeetings, OnlyOneInProgress) {
  trajectory t = fresh_team();
  const actor coord{coordinator_id, false};
  EXPECT_EQ(t.active_meeting, -1);
  refused(t, op::end_meeting{0, t0}, coord, rule_code::conflict);
  refused(t, op::start_meeting{4, t0}, coord, rule_code::not_found);
  refused(t, op::start_meeting{-1, t0}, coord, rule_code::not_found);
  must(t, op::start_meeting{0, t0}, coord);
  EXPECT_EQ(t.active_meeting, 0);
  EXPECT_EQ(t.meetings[0].status, meeting_status::bezig);
  refused(t, op::start_meeting{0, t0 + 1}, coord, rule_code::conflict);
  refused(t, op::start_meeting{1, t0 + 1}, coord, rule_code::conflict);
  refused(t, op::end_meeting{1, t0 + 1}, coord, rule_code::conflict);
  must(t, op::goto_agenda_item{0, 2, t0 + 2}, coord);
  must(t, op::end_meeting{0, t0 + 3}, coord);
  EXPECT_EQ(t.active_meeting, -1);
  EXPECT_EQ(t.meetings[0].status, meeting_status::afgerond);
  refused(t, op::end_meeting{0, t0 + 4}, coord, rule_code::conflict);
  must(t, op::start_meeting{1, t0 + 5}, coord);
  EXPECT_EQ(t.active_meeting, 1);
  EXPECT_EQ(t.meetings[1].session.agenda_index, 0);
  EXPECT_EQ(t.meetings[0].status, meeting_status::afgerond);
  int in_progress = 0;
  for (const auto& m : t.meetings) in_progress += m.status == meeting_status::bezig ? 1 : 0;
  EXPECT_EQ(in_progress, 1);
}

TEST(RulesMeetings, PlanFromStart) {
  trajectory t = fresh_team();
  const actor coord{coordinator_id, false};
  refused(t, op::plan_from_start{""}, coord, rule_code::invalid);
  refused(t, op::plan_from_start{"2026-02-29"}, coord, rule_code::invalid);
  refused(t, op::plan_from_start{"7 september"}, coord, rule_code::invalid);
  must(t, op::add_extra_meeting{"2027-03-01", meeting_mode::digitaal}, coord);
  trajectory expected = t;
  expected.meetings[0].planned_date = "2026-09-07";
  expected.meetings[1].planned_date = "2026-09-21";
  expected.meetings[2].planned_date = "2026-11-02";
  expected.meetings[3].planned_date = "2026-12-28";
  must(t, op::plan_from_start{"2026-09-07"}, coord);
  EXPECT_TRUE(t == expected);
  EXPECT_EQ(t.meetings[4].planned_date, "2027-03-01");  // extra meetings keep their date
}

TEST(RulesMeetings, AddExtraMeeting) {
  trajectory t = fresh_team();
  const actor coord{coordinator_id, false};
  refused(t, op::add_extra_meeting{"2027-02-30", meeting_mode::fysiek}, coord, rule_code::invalid);
  must(t, op::add_extra_meeting{"2027-02-01", meeting_mode::hybride}, coord);
  ASSERT_EQ(t.meetings.size(), 5U);
  const meeting& extra = t.meetings[4];
  EXPECT_EQ(extra.template_index, seed_meeting_count);
  EXPECT_EQ(extra.planned_date, "2027-02-01");
  EXPECT_EQ(extra.mode, meeting_mode::hybride);
  EXPECT_EQ(extra.status, meeting_status::gepland);
  EXPECT_EQ(&template_of(extra), &leerlijn().extra_meeting);
  EXPECT_EQ(template_of(t.meetings[3]).name, "Eindevaluatiebijeenkomst");

  must(t, op::add_extra_meeting{"", meeting_mode::fysiek}, coord);  // date agreed later
  while (static_cast<int>(t.meetings.size()) < max_meetings)
    must(t, op::add_extra_meeting{"", meeting_mode::fysiek}, coord);
  refused(t, op::add_extra_meeting{"", meeting_mode::fysiek}, coord, rule_code::conflict);

  // An extra meeting runs like the others, on its own agenda from the content.
  const auto& agenda = leerlijn().extra_meeting.agenda;
  must(t, op::start_meeting{4, t0}, coord);
  must(t, op::goto_agenda_item{4, static_cast<int>(agenda.size()) - 1, t0 + 1}, coord);
  refused(t, op::goto_agenda_item{4, static_cast<int>(agenda.size()), t0 + 1}, coord,
          rule_code::not_found);
}

// The final Evaluatielijst stays as the eindevaluatie left it: an extra meeting's invuller
// writes in the extra meeting's own Evaluatielijst, and each extra meeting has its own.
TEST(RulesMeetings, AnExtraMeetingFillsItsOwnEvaluatielijst) {
  trajectory t = fresh_team();
  const actor coord{coordinator_id, false};
  const actor ada{attendee_id, false};
  must(t, cell_edit({0, 0, "Ruimte ingericht"}, 9, document_id::evaluatie_eind, 1), coord);
  const document final_list = t.documents[static_cast<std::size_t>(document_id::evaluatie_eind)];
  must(t, op::add_extra_meeting{"2027-02-01", meeting_mode::fysiek}, coord);
  must(t, op::add_extra_meeting{"2027-04-01", meeting_mode::fysiek}, coord);
  ASSERT_TRUE(t.meetings[4].extra_document.has_value());
  ASSERT_TRUE(t.meetings[5].extra_document.has_value());
  EXPECT_EQ(t.meetings[4].extra_document->id, document_id::evaluatie_extra);
  EXPECT_EQ(t.meetings[4].session.items.size(), leerlijn().extra_meeting.agenda.size());

  must(t, op::start_meeting{4, t0}, coord);
  must(t, op::assign_role{4, meeting_role::invuller, attendee_id}, coord);
  op::edit_text own = cell_edit({0, 0, "Vervolgafspraak"}, 2, document_id::evaluatie_extra, 2);
  own.target.meeting = 4;
  must(t, own, ada);
  EXPECT_EQ(t.meetings[4].extra_document->rows[2].cells[2], "Vervolgafspraak");
  EXPECT_TRUE(can_edit_document(t, attendee_id, document_id::evaluatie_extra, 4));
  // Not the final list, not the next extra meeting's, not a meeting without one.
  refused(t, cell_edit({0, 0, "x"}, 2, document_id::evaluatie_eind, 2), ada, rule_code::forbidden);
  own.target.meeting = 5;
  refused(t, own, ada, rule_code::forbidden);
  own.target.meeting = 3;
  refused(t, own, ada, rule_code::not_found);
  own.target.meeting = 40;
  refused(t, own, coord, rule_code::not_found);
  refused(t, cell_edit({0, 0, "x"}, 2, document_id::actieplan, 2), ada, rule_code::forbidden);
  EXPECT_EQ(t.documents[static_cast<std::size_t>(document_id::evaluatie_eind)], final_list);
  EXPECT_TRUE(t.meetings[5].extra_document->rows[2].cells[2].empty());
  // Its invuller plans actions there, as in the other evaluations.
  must(t, op::add_action{2, "Vervolgoverleg plannen", attendee_id, ""}, ada);
}

// ---------------------------------------------------------------------------------------
// Team and coordinators.

TEST(RulesTeam, AtMostTwoCoordinatorsNeverZero) {
  trajectory t = fresh_team();
  const actor coord{coordinator_id, false};
  refused(t, op::set_coordinator{coordinator_id, false}, coord, rule_code::conflict);
  must(t, op::set_coordinator{writer_id, true}, coord);
  EXPECT_EQ(coordinator_count(t), 2);
  EXPECT_TRUE(is_coordinator(t, writer_id));
  refused(t, op::set_coordinator{attendee_id, true}, coord, rule_code::conflict);
  refused(t, op::set_coordinator{attendee_id, true}, {writer_id, false}, rule_code::conflict);
  refused(t,
          op::add_person{make_person(70, "Derde Coördinator", organisation::school,
                                     staff_level::manager, true)},
          actor::server(), rule_code::conflict);
  must(t, op::set_coordinator{writer_id, true}, coord);  // already one: no change, no error
  EXPECT_EQ(coordinator_count(t), 2);
  // The second coordinator may hand back the role, or take it from the first.
  must(t, op::set_coordinator{coordinator_id, false}, {writer_id, false});
  EXPECT_EQ(coordinator_count(t), 1);
  EXPECT_FALSE(is_coordinator(t, coordinator_id));
  refused(t, op::set_coordinator{writer_id, false}, {writer_id, false}, rule_code::conflict);
  refused(t, op::set_coordinator{outsider_id, true}, {writer_id, false}, rule_code::not_found);
  // The former coordinator lost the rights with the role.
  refused(t, op::set_precondition{0, true}, coord, rule_code::forbidden);
}

TEST(RulesTeam, UpdatePersonCannotChangeTheCoordinatorFlag) {
  trajectory t = fresh_team();
  person p = *find_person(t, attendee_id);
  p.coordinator = true;
  p.function = "mentor";
  p.level = staff_level::manager;
  must(t, op::update_person{p}, {attendee_id, false});
  const person* after = find_person(t, attendee_id);
  ASSERT_NE(after, nullptr);
  EXPECT_FALSE(after->coordinator);
  EXPECT_EQ(after->function, "mentor");
  EXPECT_EQ(after->level, staff_level::manager);
  EXPECT_EQ(coordinator_count(t), 1);

  person c = *find_person(t, coordinator_id);
  c.coordinator = false;
  c.name = "Cor de Coördinator";
  must(t, op::update_person{c}, {coordinator_id, false});
  EXPECT_TRUE(is_coordinator(t, coordinator_id));
  EXPECT_EQ(find_person(t, coordinator_id)->name, "Cor de Coördinator");
}

TEST(RulesTeam, AddPersonIds) {
  trajectory t = fresh_team();
  const actor server = actor::server();
  refused(t,
          op::add_person{
              make_person(attendee_id, "Dubbel", organisation::school, staff_level::manager)},
          server, rule_code::conflict);
  refused(
      t,
      op::add_person{make_person(no_person, "Niemand", organisation::school, staff_level::manager)},
      server, rule_code::conflict);
  must(t,
       op::add_person{make_person(40, "Later", organisation::jongerenwerk, staff_level::manager)},
       server);
  EXPECT_EQ(t.next_person_id, 41U);
  must(t,
       op::add_person{make_person(20, "Eerder", organisation::jongerenwerk, staff_level::manager)},
       server);
  EXPECT_EQ(t.next_person_id, 41U);
  EXPECT_EQ(t.team.size(), 7U);
}

// Someone taken off the team loses every right and role; what names them keeps their name.
TEST(RulesTeam, RemovedPeopleKeepTheirNameNotTheirPlace) {
  trajectory t = in_meeting();
  const actor coord{coordinator_id, false};
  must(t, op::add_reaction{0, -1, "Tot straks.", t0}, {notulist_id, false});
  refused(t, op::remove_person{coordinator_id}, coord, rule_code::forbidden);  // not oneself
  refused(t, op::remove_person{notulist_id}, {attendee_id, false}, rule_code::forbidden);
  refused(t, op::remove_person{outsider_id}, coord, rule_code::not_found);
  must(t, op::remove_person{notulist_id}, coord);
  EXPECT_EQ(find_person(t, notulist_id), nullptr);
  ASSERT_NE(find_anyone(t, notulist_id), nullptr);
  EXPECT_EQ(find_anyone(t, notulist_id)->name, "Noor Notulist");
  EXPECT_EQ(t.meetings[0].session.notulist, no_person);
  EXPECT_EQ(t.meetings[0].session.reactions.back().author, notulist_id);
  // Out of the team: no rights, no roles, no second removal, and their id is not reused.
  refused(t, op::add_reaction{0, -1, "Nog iets.", t0}, {notulist_id, false}, rule_code::forbidden);
  refused(t, op::assign_role{0, meeting_role::notulist, notulist_id}, coord, rule_code::not_found);
  refused(t, op::remove_person{notulist_id}, coord, rule_code::not_found);
  refused(t,
          op::add_person{
              make_person(notulist_id, "Nieuw", organisation::school, staff_level::uitvoerder)},
          actor::server(), rule_code::conflict);
  // Someone nothing names leaves no trace at all.
  must(t,
       op::add_person{make_person(30, "Even Langs", organisation::school, staff_level::uitvoerder)},
       actor::server());
  must(t, op::remove_person{30}, coord);
  EXPECT_EQ(find_anyone(t, 30), nullptr);
  EXPECT_EQ(t.former.size(), 1U);
  // The writer loses the right to write; an action they own keeps its owner.
  must(t, op::add_action{2, "Rooster maken", writer_id, ""}, coord);
  must(t, op::remove_person{writer_id}, coord);
  EXPECT_TRUE(t.meetings[0].session.writers.empty());
  must(t, op::update_action{1, "Rooster maken en delen", writer_id, ""}, coord);
  refused(t, op::update_action{1, "Rooster", notulist_id, ""}, coord, rule_code::not_found);
  EXPECT_EQ(t.former.size(), 2U);
  // The server may remove even the last coordinator's colleague, never the last coordinator.
  refused(t, op::remove_person{coordinator_id}, actor::server(), rule_code::conflict);
}

TEST(RulesTeam, TheServerBootstrapsTheFirstCoordinator) {
  trajectory t = make_trajectory("leeg", {"School", "JoU", cooperation::fresh});
  EXPECT_EQ(coordinator_count(t), 0);
  refused(
      t, op::add_person{make_person(1, "Iemand", organisation::school, staff_level::manager, true)},
      {1, false}, rule_code::forbidden);
  must(t,
       op::add_person{make_person(1, "Iemand", organisation::school, staff_level::manager, true)},
       actor::server());
  EXPECT_EQ(coordinator_count(t), 1);
}

// ---------------------------------------------------------------------------------------
// validate never changes anything; apply changes exactly what the op says.

TEST(RulesValidateApply, RejectedOpsLeaveTheStateAlone) {
  trajectory t = in_meeting();
  const trajectory before = t;
  const std::vector<op_by> rejected = {
      {op::set_rating{document_id::signalering_begin, 0, 9}, {invuller_id, false}},
      {op::set_rating{document_id::signalering_begin, 0, 2}, {attendee_id, false}},
      {cell_edit({5, 0, "x"}), {invuller_id, false}},
      {op::end_meeting{1, t0}, {coordinator_id, false}},
      {op::start_meeting{1, t0}, {coordinator_id, false}},
      {op::cast_vote{0, 2}, {attendee_id, false}},
      {op::add_person{make_person(9, "X", organisation::school, staff_level::manager)},
       {attendee_id, false}},
      {op::set_coordinator{coordinator_id, false}, {coordinator_id, false}},
      {op::add_reaction{0, -1, "hoi", t0}, {outsider_id, false}},
      {op::set_presence{0, attendee_id, false}, {invuller_id, false}},
  };
  for (const auto& [o, who] : rejected) {
    SCOPED_TRACE(std::string(op_name(o)));
    EXPECT_TRUE(validate(t, o, who).has_value());
    EXPECT_TRUE(t == before);
  }
}

TEST(RulesValidateApply, ApplyChangesExactlyWhatItShould) {
  const trajectory base = in_meeting();
  const actor coord{coordinator_id, false};
  const actor ilse{invuller_id, false};

  struct step {
    operation o;
    actor who;
    std::function<void(trajectory&)> expect;
  };
  const std::vector<step> steps = {
      {op::set_rating{document_id::signalering_begin, 2, 3}, ilse,
       [](trajectory& t) { t.documents[0].rows[2].rating = 3; }},
      {cell_edit({0, 0, "Elke week"}, 6), ilse,
       [](trajectory& t) { t.documents[0].rows[6].cells[0] = "Elke week"; }},
      {cell_edit({0, 0, "Jan"}, 8, document_id::actieplan, 3), coord,
       [](trajectory& t) { t.documents[1].rows[8].cells[3] = "Jan"; }},
      {op::set_presence{0, attendee_id, false},
       {attendee_id, false},
       [](trajectory& t) {
         t.meetings[0].session.present = {1, 2, 3, 4};
       }},
      {op::set_presence{1, attendee_id, true}, actor::server(),
       [](trajectory& t) { t.meetings[1].session.present = {attendee_id}; }},
      {op::assign_role{2, meeting_role::notulist, writer_id}, coord,
       [](trajectory& t) { t.meetings[2].session.notulist = writer_id; }},
      {op::set_writer{0, attendee_id, true}, coord,
       [](trajectory& t) {
         t.meetings[0].session.writers = {writer_id, attendee_id};
       }},
      {op::set_writer{0, 3, true}, coord,
       [](trajectory& t) {
         t.meetings[0].session.writers = {3, writer_id};
       }},
      {op::set_precondition{2, true}, coord, [](trajectory& t) { t.preconditions[2] = true; }},
      {op::schedule_meeting{2, "2026-11-02", meeting_mode::digitaal}, coord,
       [](trajectory& t) {
         t.meetings[2].planned_date = "2026-11-02";
         t.meetings[2].mode = meeting_mode::digitaal;
       }},
      {op::set_partnership{{"Het Lyceum", "JoU", cooperation::fresh}}, coord,
       [](trajectory& t) { t.partners.kind = cooperation::fresh; }},
      {op::add_reaction{0, -1, "Eens", t0 + 9},
       {writer_id, false},
       [](trajectory& t) {
         t.meetings[0].session.reactions.push_back({writer_id, t0 + 9, -1, "Eens"});
       }},
      {op::set_coordinator{attendee_id, true}, coord,
       [](trajectory& t) { t.team[4].coordinator = true; }},
  };
  for (const auto& s : steps) {
    SCOPED_TRACE(std::string(op_name(s.o)));
    trajectory t = base;
    trajectory expected = base;
    s.expect(expected);
    ASSERT_FALSE(expected == base) << "the expectation must describe a change";
    must(t, s.o, s.who);
    EXPECT_TRUE(t == expected);
  }
}

TEST(RulesValidateApply, ClientPredictionMatchesTheServer) {
  // The same accepted op sequence applied on two replicas gives equal states.
  trajectory server_side = in_meeting();
  trajectory client_side = server_side;
  const std::vector<op_by> ops = {
      {op::set_rating{document_id::signalering_begin, 0, 2}, {invuller_id, false}},
      {cell_edit({0, 0, "Wij overleggen wekelijks."}), {invuller_id, false}},
      {cell_edit({3, 0, " niet"}), {writer_id, false}},
      {op::goto_agenda_item{0, 4, t0 + 100}, {coordinator_id, false}},
      {op::control_timer{0, timer_action::extend, 5, t0 + 200}, {coordinator_id, false}},
  };
  for (const auto& [o, who] : ops) {
    must(server_side, o, who);
    apply(client_side, o, who);
  }
  EXPECT_TRUE(server_side == client_side);
  EXPECT_EQ(server_side.documents[0].rows[0].cells[0], "Wij niet overleggen wekelijks.");
}

// ---------------------------------------------------------------------------------------
// Actions of the Actieplan: planned in meeting 2 by its invuller, followed by everyone.

TEST(RulesActions, InvullerOfTheActieplanMeetingPlansActionsEveryoneMarksProgress) {
  trajectory t = in_meeting();
  must(t, op::end_meeting{0, t0 + 10}, {coordinator_id, false});
  must(t, op::start_meeting{1, t0 + 20}, {coordinator_id, false});
  must(t, op::assign_role{1, meeting_role::invuller, invuller_id}, {coordinator_id, false});
  must(t, op::add_action{0, "Samen de rolverdeling op papier zetten", attendee_id, "2026-10-01"},
       {invuller_id, false});
  ASSERT_EQ(t.actions.size(), 1U);
  EXPECT_EQ(t.actions[0].id, 1);
  EXPECT_EQ(t.actions[0].owner, attendee_id);
  EXPECT_EQ(t.actions[0].status, action_status::open);
  refused(t, op::add_action{0, "x", attendee_id, "2026-10-01"}, {attendee_id, false},
          rule_code::forbidden);
  refused(t, op::add_action{0, "", attendee_id, ""}, {invuller_id, false}, rule_code::invalid);
  refused(t, op::add_action{10, "x", attendee_id, ""}, {invuller_id, false}, rule_code::not_found);
  refused(t, op::add_action{0, "x", 99, ""}, {invuller_id, false}, rule_code::not_found);
  refused(t, op::add_action{0, "x", attendee_id, "1 oktober"}, {invuller_id, false},
          rule_code::invalid);
  refused(t, op::set_action_status{2, action_status::klaar}, {attendee_id, false},
          rule_code::not_found);
  must(t, op::set_action_status{1, action_status::klaar}, {attendee_id, false});
  EXPECT_EQ(t.actions[0].status, action_status::klaar);
  must(t, op::update_action{1, "Rolverdeling vastleggen", notulist_id, ""}, {invuller_id, false});
  EXPECT_EQ(t.actions[0].text, "Rolverdeling vastleggen");
  EXPECT_EQ(t.actions[0].owner, notulist_id);
  EXPECT_EQ(t.actions[0].status, action_status::klaar) << "rewording keeps the progress";
}

TEST(RulesVotes, AnAnonymousRevealHidesWhoVotedWhat) {
  trajectory t = in_meeting();
  must(t, op::open_vote{0, document_id::signalering_begin, 5, true}, {coordinator_id, false});
  must(t, op::cast_vote{0, 3}, {attendee_id, false});
  must(t, op::cast_vote{0, 1}, {notulist_id, false});
  must(t, op::cast_vote{0, 2}, {writer_id, false});
  operation reveal = op::reveal_vote{0, {}};
  complete_on_server(reveal, t, t0);
  const auto& ballots = std::get<op::reveal_vote>(reveal).ballots;
  EXPECT_EQ(ballots, (std::map<person_id, int>{{1, 1}, {2, 2}, {3, 3}}));
  must(t, reveal, {coordinator_id, false});
  EXPECT_EQ(t.meetings[0].session.vote.ballots.count(attendee_id), 0U);
  must(t, op::close_vote{0, 2}, {coordinator_id, false});
  ASSERT_EQ(t.votes.size(), 1U);
  EXPECT_EQ(t.votes[0].distribution, (std::array<int, 3>{1, 1, 1}));
  EXPECT_TRUE(t.votes[0].ballots.empty());
}

// ---------------------------------------------------------------------------------------
// Who was there.

std::vector<person_id> ids(std::initializer_list<person_id> l) { return l; }

TEST(RulesAttendance, OnlineSelfTheRoomAndNoticeByTheNotulist) {
  trajectory t = fresh_team();
  const actor coord{coordinator_id, false};
  const actor noor{notulist_id, false};
  must(t, op::start_meeting{0, t0}, coord);
  must(t, op::assign_role{0, meeting_role::notulist, notulist_id}, coord);
  // Wim joins online and says so himself.
  must(t, op::set_attendance{0, writer_id, attendance::online}, {writer_id, false});
  // Noor marks Ilse in the room and Ada, who sent notice, absent.
  must(t, op::set_attendance{0, invuller_id, attendance::aanwezig}, noor);
  must(t, op::set_attendance{0, attendee_id, attendance::afgemeld}, noor);
  const live_session& s = t.meetings[0].session;
  EXPECT_EQ(s.present, ids({invuller_id, writer_id}));
  EXPECT_EQ(s.online, ids({writer_id}));
  EXPECT_EQ(s.excused, ids({attendee_id}));
  // Ada cannot mark anyone else; Wim not either; the notulist of another meeting neither.
  refused(t, op::set_attendance{0, writer_id, attendance::onbekend}, {attendee_id, false},
          rule_code::forbidden);
  must(t, op::assign_role{1, meeting_role::notulist, writer_id}, coord);
  refused(t, op::set_attendance{0, attendee_id, attendance::aanwezig}, {writer_id, false},
          rule_code::forbidden);
  // Ada turns up after all: no longer absent. Wim's mark cleared takes him out of both lists.
  must(t, op::set_attendance{0, attendee_id, attendance::aanwezig}, noor);
  must(t, op::set_attendance{0, writer_id, attendance::onbekend}, coord);
  EXPECT_EQ(s.present, ids({invuller_id, attendee_id}));
  EXPECT_TRUE(s.online.empty());
  EXPECT_TRUE(s.excused.empty());
  // The older op: present keeps someone online online, absent clears every mark.
  must(t, op::set_attendance{0, writer_id, attendance::online}, {writer_id, false});
  must(t, op::set_presence{0, writer_id, true}, {writer_id, false});
  EXPECT_EQ(s.online, ids({writer_id}));
  must(t, op::set_attendance{0, coordinator_id, attendance::afgemeld}, coord);
  must(t, op::set_presence{0, coordinator_id, true}, coord);
  EXPECT_TRUE(s.excused.empty());
  refused(t, op::set_attendance{0, outsider_id, attendance::aanwezig}, coord, rule_code::not_found);
  refused(t, op::set_attendance{9, writer_id, attendance::aanwezig}, coord, rule_code::not_found);
  refused(t, op::set_attendance{0, writer_id, static_cast<attendance>(7)}, coord,
          rule_code::invalid);
}

// ---------------------------------------------------------------------------------------
// The minutes follow the agenda.

op::edit_text item_text(int meeting, int item, bool decided, std::string text) {
  return {op::minutes_target(meeting, item, decided), {{0, 0, std::move(text)}}};
}

TEST(RulesAgendaRecords, NotesDecisionsAndTimePerItem) {
  trajectory t = in_meeting();  // started at t0, item 0
  const actor coord{coordinator_id, false};
  const actor noor{notulist_id, false};
  ASSERT_EQ(t.meetings[0].session.items.size(), leerlijn().meetings[0].agenda.size());
  for (const auto& m : t.meetings) EXPECT_EQ(m.session.items.size(), template_of(m).agenda.size());

  must(t, item_text(0, 0, false, "Kennismakingsronde."), noor);
  must(t, op::control_timer{0, timer_action::extend, 5, t0 + 1000}, coord);
  must(t, op::goto_agenda_item{0, 1, t0 + std::int64_t{7} * 60'000},
       coord);  // welkom took 7 minutes
  must(t, op::goto_agenda_item{0, 4, t0 + std::int64_t{19} * 60'000}, coord);
  // The vote decided at item 4 belongs to item 4.
  must(t, op::open_vote{0, document_id::signalering_begin, 3, false}, coord);
  must(t, op::cast_vote{0, 2}, {attendee_id, false});
  must(t, op::reveal_vote{0, {}}, coord);
  must(t, op::close_vote{0, 2}, coord);
  must(t, item_text(0, 4, true, "Score 2 voor het vaste aanspreekpunt."), noor);
  // At the afsluiting the next date is agreed, and an action made.
  must(t, op::goto_agenda_item{0, 5, t0 + std::int64_t{120} * 60'000}, coord);
  must(t, op::schedule_meeting{1, "2026-09-22", meeting_mode::hybride}, coord);
  must(t, op::add_action{2, "Overleg inplannen", attendee_id, "2026-09-30"}, coord);
  // Going back to item 1 adds to its time; the meeting's end closes the current item.
  must(t, op::goto_agenda_item{0, 1, t0 + std::int64_t{125} * 60'000}, coord);
  must(t, op::end_meeting{0, t0 + std::int64_t{127} * 60'000}, coord);

  const auto& items = t.meetings[0].session.items;
  EXPECT_EQ(items[0].notes, "Kennismakingsronde.");
  EXPECT_EQ(items[0].used_ms, std::int64_t{7} * 60'000);
  EXPECT_EQ(items[0].extra_minutes, 5);
  EXPECT_EQ(items[1].used_ms, std::int64_t{12 + 2} * 60'000);
  EXPECT_EQ(items[4].used_ms, std::int64_t{101} * 60'000);
  EXPECT_EQ(items[4].votes, std::vector<int>{0});
  EXPECT_EQ(items[4].decided, "Score 2 voor het vaste aanspreekpunt.");
  EXPECT_EQ(items[5].used_ms, std::int64_t{5} * 60'000);
  EXPECT_EQ(items[5].next_date, "2026-09-22");
  EXPECT_EQ(items[5].actions, std::vector<int>{1});
  EXPECT_EQ(items[2].used_ms, 0) << "skipped";
  EXPECT_FALSE(items[2].visited);
  for (int i : {0, 1, 4, 5}) EXPECT_TRUE(items[static_cast<std::size_t>(i)].visited) << i;
  // Between meetings nothing is noted against an item.
  must(t, op::add_action{3, "Later bedacht", attendee_id, ""}, coord);
  must(t, op::schedule_meeting{2, "2026-11-02", meeting_mode::fysiek}, coord);
  EXPECT_EQ(items[5].actions, std::vector<int>{1});
}

TEST(RulesAgendaRecords, ItemTextsHaveTheirOwnLimitsAndMustExist) {
  trajectory t = in_meeting();
  const actor noor{notulist_id, false};
  refused(t, item_text(0, 6, false, "x"), noor, rule_code::not_found);
  refused(t, item_text(0, -1, true, "x"), noor, rule_code::not_found);
  refused(t, item_text(0, 0, false, repeat("ë", max_item_notes_length + 1)), noor,
          rule_code::too_long);
  must(t, item_text(0, 0, false, repeat("ë", max_item_notes_length)), noor);
  refused(t, item_text(0, 0, true, repeat("a", max_item_decided_length + 1)), noor,
          rule_code::too_long);
  refused(t, item_text(0, 1, false, "Sluipweg"), {attendee_id, false}, rule_code::forbidden);
  // The whole meeting's minutes (older data) stay where they were.
  op::edit_text whole = item_text(0, -1, false, "Algemeen");
  must(t, whole, noor);
  EXPECT_EQ(t.meetings[0].session.minutes, "Algemeen");
}

// ---------------------------------------------------------------------------------------
// When and where; contact between the meetings.

TEST(RulesMeetingDetails, TimePlaceAndLink) {
  trajectory t = fresh_team();
  const actor coord{coordinator_id, false};
  must(t, op::set_meeting_details{1, "08:30", "Het Lyceum, lokaal 1.12", ""}, coord);
  EXPECT_EQ(t.meetings[1].start_time, "08:30");
  EXPECT_EQ(t.meetings[1].place, "Het Lyceum, lokaal 1.12");
  for (const char* bad : {"8:30", "24:00", "12:60", "12.30", "1230", "aa:bb"})
    refused(t, op::set_meeting_details{1, bad, "", ""}, coord, rule_code::invalid);
  refused(t, op::set_meeting_details{1, "", "Lokaal\n2", ""}, coord, rule_code::invalid);
  refused(t, op::set_meeting_details{1, "", "", "meet.example.nl/x"}, coord, rule_code::invalid);
  refused(t, op::set_meeting_details{1, "", "", "https://x.nl/a b"}, coord, rule_code::invalid);
  refused(t, op::set_meeting_details{1, "", repeat("a", max_place_length + 1), ""}, coord,
          rule_code::too_long);
  refused(t, op::set_meeting_details{7, "", "", ""}, coord, rule_code::not_found);
  must(t, op::set_meeting_details{1, "", "", "https://meet.example.nl/jos?id=1"}, coord);
  EXPECT_EQ(t.meetings[1].link, "https://meet.example.nl/jos?id=1");
  EXPECT_TRUE(t.meetings[1].start_time.empty());
}

TEST(RulesCheckIns, TheCoordinatorNotesWhetherThePlanGetsGoing) {
  trajectory t = fresh_team();
  const actor coord{coordinator_id, false};
  must(t, op::record_check_in{attendee_id, false, "Nog geen tijd gehad.", t0}, coord);
  ASSERT_EQ(t.check_ins.size(), 1U);
  EXPECT_EQ(t.check_ins[0], (check_in{attendee_id, t0, false, "Nog geen tijd gehad."}));
  refused(t, op::record_check_in{outsider_id, true, "", t0}, coord, rule_code::not_found);
  refused(t, op::record_check_in{attendee_id, true, repeat("a", max_check_in_length + 1), t0},
          coord, rule_code::too_long);
  refused(t, op::record_check_in{attendee_id, true, "\x01", t0}, coord, rule_code::invalid);
}

// Between the actieplan and the terugkom meeting: whom to check in with, and when the
// plan does not get going, a reason to meet earlier.
TEST(RulesCheckIns, OwnersToCheckInWithAndAReasonToMeetEarlier) {
  trajectory t = fresh_team();
  const actor coord{coordinator_id, false};
  EXPECT_FALSE(check_in_period(t).has_value()) << "before the actieplan";
  must(t, op::start_meeting{0, t0}, coord);
  must(t, op::end_meeting{0, t0 + 1}, coord);
  must(t, op::start_meeting{1, t0 + 2}, coord);
  must(t, op::add_action{2, "Overleg plannen", attendee_id, ""}, coord);
  must(t, op::add_action{3, "Aanspreekpunt kiezen", writer_id, ""}, coord);
  must(t, op::add_action{4, "Kennismaken", attendee_id, ""}, coord);
  EXPECT_FALSE(check_in_period(t).has_value()) << "the actieplan meeting runs";
  must(t, op::end_meeting{1, t0 + 3}, coord);
  ASSERT_EQ(check_in_period(t), std::optional<int>(2));
  must(t, op::set_action_status{2, action_status::klaar}, {writer_id, false});
  auto owners = check_ins_by_owner(t);
  ASSERT_EQ(owners.size(), 1U) << "Wim's only action is done";
  EXPECT_EQ(owners[0].owner, attendee_id);
  EXPECT_EQ(owners[0].actions, (std::vector<int>{1, 3}));
  EXPECT_EQ(owners[0].last, nullptr);
  EXPECT_TRUE(not_getting_going(t).empty());
  must(t, op::record_check_in{attendee_id, true, "Loopt.", t0 + 10}, coord);
  must(t, op::record_check_in{attendee_id, false, "Toch niet: geen tijd.", t0 + 20}, coord);
  owners = check_ins_by_owner(t);
  ASSERT_NE(owners[0].last, nullptr);
  EXPECT_EQ(owners[0].last->note, "Toch niet: geen tijd.");
  EXPECT_EQ(not_getting_going(t), std::vector<person_id>{attendee_id});
  must(t, op::start_meeting{2, t0 + 30}, coord);
  EXPECT_FALSE(check_in_period(t).has_value()) << "the terugkom meeting has begun";
}

}  // namespace
}  // namespace jos::shared
