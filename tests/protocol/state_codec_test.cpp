// A trajectory's state survives its JSON form unchanged, an open vote's ballot values stay
// secret until reveal, and a state that breaks a cross-reference is refused by name.

#include <gtest/gtest.h>

#include <string>

#include "protocol/codec.hpp"
#include "protocol/state_codec.hpp"
#include "shared/rules.hpp"
#include "tests/protocol/samples.hpp"

namespace jos::protocol {
namespace {

using namespace shared;

std::optional<trajectory> through_text(const json& j, std::string& error) {
  return decode_state(json::parse(j.dump()), error);
}

const json& open_vote_ballots(const json& state) {
  return state.at("meetings").at(1).at("session").at("vote").at("ballots");
}

TEST(StateCodec, RichTrajectoryRoundTrips) {
  const trajectory t = samples::rich_trajectory();
  std::string error;
  const auto back = through_text(encode_state(t, false), error);
  ASSERT_TRUE(back.has_value()) << error;
  EXPECT_EQ(error, "");
  EXPECT_EQ(*back, t);
  // Spot checks, so a failure of operator== itself would not hide a loss.
  EXPECT_EQ(back->partners.school, "Stedelijk College ‘Zuid’");
  EXPECT_EQ(back->team.size(), 5U);
  EXPECT_EQ(back->team[4].name, "Zoë Jansen");
  EXPECT_EQ(back->meetings.size(), 5U);
  EXPECT_EQ(back->meetings[4].template_index, seed_meeting_count);
  EXPECT_EQ(back->meetings[1].session.reactions[1].text, "Wie zit er in de ‘werkgroep’?");
  EXPECT_EQ(back->meetings[1].session.vote.ballots.at(1), 3);
  EXPECT_EQ(back->documents[1].rows[2].cells[3], "Noël");
  EXPECT_EQ(back->votes[0].ballots.at(4), 2);
  EXPECT_EQ(back->active_meeting, 1);
  ASSERT_EQ(back->actions.size(), 3U);
  EXPECT_EQ(back->actions[1].text, "Ruimte zoeken – café?");
  EXPECT_EQ(back->actions[2].status, action_status::klaar);
}

TEST(StateCodec, NewTrajectoryRoundTrips) {
  const trajectory t =
      make_trajectory("trj_1", {"Het Baken", "Jongerenwerk Zuidoost", cooperation::existing});
  std::string error;
  const auto back = through_text(encode_state(t, false), error);
  ASSERT_TRUE(back.has_value()) << error;
  EXPECT_EQ(*back, t);
}

TEST(StateCodec, HidesUnrevealedBallotValuesButNotTheVoters) {
  const trajectory t = samples::rich_trajectory();
  ASSERT_TRUE(t.meetings[1].session.vote.open);
  ASSERT_FALSE(t.meetings[1].session.vote.revealed);

  const json hidden = encode_state(t, true);
  EXPECT_EQ(open_vote_ballots(hidden), json::parse("[[1,0],[3,0],[6,0]]"));
  EXPECT_EQ(open_vote_ballots(encode_state(t)), open_vote_ballots(hidden)) << "hidden by default";

  std::string error;
  const auto back = through_text(hidden, error);
  ASSERT_TRUE(back.has_value()) << error;
  trajectory expected = t;
  expected.meetings[1].session.vote.ballots = {{1, 0}, {3, 0}, {6, 0}};
  EXPECT_EQ(*back, expected);
  // Closed votes were revealed before they were decided: their record stays public.
  EXPECT_EQ(back->votes, t.votes);

  // The server's own copy (the store) keeps the values.
  EXPECT_EQ(open_vote_ballots(encode_state(t, false)), json::parse("[[1,3],[3,2],[6,2]]"));
}

TEST(StateCodec, KeepsBallotValuesAfterReveal) {
  trajectory t = samples::rich_trajectory();
  t.meetings[1].session.vote.revealed = true;
  const json shown = encode_state(t, true);
  EXPECT_EQ(open_vote_ballots(shown), json::parse("[[1,3],[3,2],[6,2]]"));
  std::string error;
  const auto back = through_text(shown, error);
  ASSERT_TRUE(back.has_value()) << error;
  EXPECT_EQ(*back, t);
}

TEST(StateCodec, SnapshotMessageHidesBallots) {
  const server_message m = snapshot{77, samples::rich_trajectory()};
  const std::string text = encode(m);
  const auto back = decode_server(text);
  ASSERT_TRUE(std::holds_alternative<server_message>(back));
  const auto& state = std::get<snapshot>(std::get<server_message>(back)).state;
  const std::map<person_id, int> voters_only = {{1, 0}, {3, 0}, {6, 0}};
  EXPECT_EQ(state.meetings[1].session.vote.ballots, voters_only);
}

// Whatever the rules let people do, the result must still load: the server reloads its
// snapshot and every client decodes one, so a state the rules reach but the decoder refuses
// would lock the whole team out of its trajectory.
TEST(StateCodec, StatesTheRulesCanReachStillDecode) {
  trajectory t = samples::rich_trajectory();
  const actor coordinator{1, false};
  // A coordinator who keeps extending the same agenda item.
  const operation extend = op::control_timer{
      .meeting = 1, .action = timer_action::extend, .minutes = max_extend_minutes, .at_ms = 0};
  for (int i = 0; i < 1000 && !validate(t, extend, coordinator); ++i) apply(t, extend, coordinator);
  // A join code that got around: people keep joining (the server adds them as itself).
  for (person_id id = 100; id < 100 + 10'001; ++id) {
    person p;
    p.id = id;
    p.name = "Deelnemer " + std::to_string(id);
    const operation add = op::add_person{p};
    if (validate(t, add, actor::server())) break;
    apply(t, add, actor::server());
  }
  // An invuller who keeps adding actions.
  const operation action = op::add_action{.row = 1, .text = "Nog een actie", .owner = 0, .due = ""};
  for (int i = 0; i < 1000 && !validate(t, action, coordinator); ++i) apply(t, action, coordinator);
  EXPECT_GT(t.actions.size(), 3U);
  std::string error;
  const auto back = through_text(encode_state(t, false), error);
  ASSERT_TRUE(back.has_value()) << error;
  EXPECT_EQ(*back, t);
}

// A state stored before attendance, the minutes per agenda item, time and place, the
// conclusions and the extra meeting's own list existed still loads, with those empty.
TEST(StateCodec, StatesStoredBeforeTheRecordStillDecode) {
  trajectory t = samples::rich_trajectory();
  // What the older state could not hold.
  t.check_ins.clear();
  t.documents[static_cast<std::size_t>(document_id::conclusies)] =
      make_document(document_id::conclusies);
  for (auto& m : t.meetings) {
    m.start_time = m.place = m.link = "";
    if (m.extra_document) m.extra_document = make_document(document_id::evaluatie_extra);
    m.session.online.clear();
    m.session.excused.clear();
    for (auto& item : m.session.items) item = agenda_record{};
  }
  json old = encode_state(t, false);
  old.erase("check_ins");
  old["documents"].erase(5);
  for (auto& m : old["meetings"]) {
    for (const char* key : {"start_time", "place", "link", "document"}) m.erase(key);
    for (const char* key : {"online", "excused", "items"}) m["session"].erase(key);
  }
  std::string error;
  const auto back = through_text(old, error);
  ASSERT_TRUE(back.has_value()) << error;
  EXPECT_EQ(back->meetings[0].session.minutes, t.meetings[0].session.minutes)
      << "the free-text minutes of before are still there";
  for (const auto& m : back->meetings) {
    EXPECT_EQ(m.session.items.size(), template_of(m).agenda.size());
    EXPECT_TRUE(m.session.online.empty());
  }
  ASSERT_TRUE(back->meetings[4].extra_document.has_value()) << "an empty list of its own";
  EXPECT_EQ(*back, t);
}

// Each case breaks one thing in an otherwise valid encoded state.
struct broken_state {
  const char* name;
  void (*mutate)(json&);
  const char* message_part;
};

TEST(StateCodec, RefusesBrokenStatesByFieldPath) {
  const broken_state cases[] = {
      {"highlight past the reactions",
       [](json& s) { s["meetings"][1]["session"]["highlighted_reaction"] = 3; },
       "state.meetings[1].session.highlighted_reaction: out of range [-1, 2]"},
      {"agenda index past the agenda",
       [](json& s) { s["meetings"][1]["session"]["agenda_index"] = 7; },
       "state.meetings[1].session.agenda_index: out of range [0, 6]"},
      {"four documents",
       [](json& s) {
         s["documents"].erase(5);
         s["documents"].erase(4);
       },
       "documents: expected 6 documents"},
      {"documents out of order", [](json& s) { std::swap(s["documents"][0], s["documents"][1]); },
       "state.documents[0].id: expected signalering_1"},
      {"someone online who is not present",
       [](json& s) { s["meetings"][0]["session"]["online"] = json::parse("[6]"); },
       "state.meetings[0].session.online: someone online who is not present"},
      {"someone present who sent notice",
       [](json& s) { s["meetings"][0]["session"]["excused"] = json::parse("[1]"); },
       "state.meetings[0].session.excused: someone present who sent notice"},
      {"more records than agenda items",
       [](json& s) {
         auto& items = s["meetings"][0]["session"]["items"];
         items.push_back(items[0]);
       },
       "state.meetings[0].session.items: more than 6 items"},
      {"notes that are not text",
       [](json& s) { s["meetings"][1]["session"]["items"][2]["notes"] = 5; },
       "state.meetings[1].session.items[2].notes: expected a string"},
      {"a record naming a vote that is not there",
       [](json& s) { s["meetings"][0]["session"]["items"][4]["votes"] = {7}; },
       "a record names a vote that is not there"},
      {"a document on a seed meeting",
       [](json& s) { s["meetings"][0]["document"] = s["meetings"][4]["document"]; },
       "state.meetings[0].document: only an extra meeting holds a document"},
      {"an extra meeting's document of another id",
       [](json& s) { s["meetings"][4]["document"]["id"] = "evaluatie_2"; },
       "state.meetings[4].document.id: expected evaluatie_extra"},
      {"a missing cell", [](json& s) { s["documents"][1]["rows"][0]["cells"].erase(0); },
       "state.documents[1].rows[0]: cells: wrong number of cells"},
      {"a rating of 4", [](json& s) { s["documents"][0]["rows"][0]["rating"] = 4; },
       "state.documents[0].rows[0].rating: out of range [0, 3]"},
      {"active meeting that does not exist", [](json& s) { s["active_meeting"] = 5; },
       "state.active_meeting: out of range [-1, 4]"},
      {"a duplicate person", [](json& s) { s["team"][1]["id"] = 1; },
       "state.team[1]: duplicate or missing person id"},
      {"person id 0", [](json& s) { s["team"][0]["id"] = 0; },
       "state.team[0]: duplicate or missing person id"},
      {"a ballot of 4", [](json& s) { s["meetings"][1]["session"]["vote"]["ballots"][0][1] = 4; },
       "state.meetings[1].session.vote: ballots: expected [person, 0..3] pairs"},
      {"a reaction on row 10",
       [](json& s) { s["meetings"][1]["session"]["reactions"][0]["row"] = 10; },
       "state.meetings[1].session.reactions[0].row: out of range [-1, 9]"},
      {"next person id 0", [](json& s) { s["next_person_id"] = 0; },
       "state.next_person_id: out of range"},
      {"an unknown meeting status", [](json& s) { s["meetings"][0]["status"] = "klaar"; },
       "state.meetings[0].status: unknown value \"klaar\""},
      {"an unknown field", [](json& s) { s["owner"] = 1; }, "state.owner: unknown field"},
      {"action ids with a gap", [](json& s) { s["actions"][1]["id"] = 3; },
       "state.actions[1]: ids must count up from 1"},
      {"an unknown action status", [](json& s) { s["actions"][0]["status"] = "gedaan"; },
       "state.actions[0].status: unknown value \"gedaan\""},
      {"13 meetings",
       [](json& s) {
         while (s["meetings"].size() < 13) s["meetings"].push_back(s["meetings"][4]);
       },
       "state.meetings: more than 12 items"},
  };
  const json good = encode_state(samples::rich_trajectory(), false);
  for (const auto& c : cases) {
    SCOPED_TRACE(c.name);
    json bad = good;
    c.mutate(bad);
    std::string error;
    EXPECT_FALSE(decode_state(bad, error).has_value());
    EXPECT_NE(error.find(c.message_part), std::string::npos) << error;
  }
}

}  // namespace
}  // namespace jos::protocol
