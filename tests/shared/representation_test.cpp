// The preparation rule of meeting 1: uitvoerders and managers of both organisations.

#include <gtest/gtest.h>

#include <algorithm>
#include <string>
#include <vector>

#include "shared/representation.hpp"

namespace jos::shared {
namespace {

struct combo {
  organisation org;
  staff_level level;
};

const combo all_combos[] = {
    {organisation::school, staff_level::uitvoerder},
    {organisation::school, staff_level::manager},
    {organisation::jongerenwerk, staff_level::uitvoerder},
    {organisation::jongerenwerk, staff_level::manager},
};

person make_person(person_id id, organisation org, staff_level level) {
  person p;
  p.id = id;
  p.name = "Persoon " + std::to_string(id);
  p.org = org;
  p.level = level;
  return p;
}

trajectory team_of(const std::vector<combo>& combos) {
  trajectory t = make_trajectory("t", {"Het Lyceum", "JoU", cooperation::existing});
  person_id id = 1;
  for (const auto& c : combos) t.team.push_back(make_person(id++, c.org, c.level));
  return t;
}

std::vector<person_id> ids_of(const trajectory& t) {
  std::vector<person_id> out;
  for (const auto& p : t.team) out.push_back(p.id);
  return out;
}

TEST(Representation, NoGapsWhenAllFourArePresent) {
  const trajectory t = team_of({all_combos[0], all_combos[1], all_combos[2], all_combos[3]});
  EXPECT_TRUE(representation_gaps(t, ids_of(t)).empty());
  EXPECT_TRUE(team_representation_gaps(t).empty());
}

TEST(Representation, EachMissingCombinationIsReported) {
  for (int missing = 0; missing < 4; ++missing) {
    std::vector<combo> others;
    for (int i = 0; i < 4; ++i)
      if (i != missing) others.push_back(all_combos[i]);
    const trajectory t = team_of(others);
    const auto gaps = team_representation_gaps(t);
    ASSERT_EQ(gaps.size(), 1U) << "missing " << missing;
    EXPECT_EQ(gaps[0].org, all_combos[missing].org);
    EXPECT_EQ(gaps[0].level, all_combos[missing].level);
    EXPECT_FALSE(gaps[0].message.empty());
  }
}

TEST(Representation, MessagesNameWhoIsMissing) {
  const trajectory empty = team_of({});
  const auto gaps = team_representation_gaps(empty);
  ASSERT_EQ(gaps.size(), 4U);
  std::vector<std::string> messages;
  for (const auto& g : gaps) messages.push_back(g.message);
  EXPECT_NE(std::find(messages.begin(), messages.end(), "Er is nog geen uitvoerder van de school."),
            messages.end());
  EXPECT_NE(std::find(messages.begin(), messages.end(), "Er is nog geen manager van de school."),
            messages.end());
  EXPECT_NE(std::find(messages.begin(), messages.end(),
                      "Er is nog geen uitvoerder van het jongerenwerk."),
            messages.end());
  EXPECT_NE(
      std::find(messages.begin(), messages.end(), "Er is nog geen manager van het jongerenwerk."),
      messages.end());
  // Every combination reported exactly once.
  for (const auto& c : all_combos) {
    EXPECT_EQ(std::count_if(gaps.begin(), gaps.end(),
                            [&](const representation_gap& g) {
                              return g.org == c.org && g.level == c.level;
                            }),
              1);
  }
}

TEST(Representation, EverySubsetOfTheFour) {
  for (int mask = 0; mask < 16; ++mask) {
    std::vector<combo> present;
    for (int i = 0; i < 4; ++i)
      if ((mask >> i) & 1) present.push_back(all_combos[i]);
    const trajectory t = team_of(present);
    const auto gaps = team_representation_gaps(t);
    EXPECT_EQ(gaps.size(), 4U - present.size()) << "mask " << mask;
    for (const auto& g : gaps) {
      bool was_present = false;
      for (const auto& c : present)
        was_present = was_present || (c.org == g.org && c.level == g.level);
      EXPECT_FALSE(was_present) << "mask " << mask << ": " << g.message;
    }
  }
}

TEST(Representation, CountsOnlyTheGivenPeople) {
  // The whole team covers all four, but only the school came to this meeting.
  const trajectory t = team_of({all_combos[0], all_combos[1], all_combos[2], all_combos[3]});
  const auto gaps = representation_gaps(t, {1, 2});
  ASSERT_EQ(gaps.size(), 2U);
  for (const auto& g : gaps) EXPECT_EQ(g.org, organisation::jongerenwerk);
  // Unknown ids are ignored rather than counted.
  EXPECT_EQ(representation_gaps(t, {42, 43}).size(), 4U);
  // Several people of the same kind do not make up for a missing kind.
  trajectory crowd = team_of({all_combos[0], all_combos[0], all_combos[0], all_combos[3]});
  EXPECT_EQ(team_representation_gaps(crowd).size(), 2U);
}

// The rule holds for the meeting itself: who was there, not who is in the team on paper.
TEST(Representation, AMeetingIsCheckedAgainstWhoAttended) {
  trajectory t = team_of({all_combos[0], all_combos[1], all_combos[2], all_combos[3]});
  ASSERT_TRUE(team_representation_gaps(t).empty());
  auto& session = t.meetings[0].session;
  session.present = {1, 3, 4};  // the school's manager stayed away
  session.online = {4};
  session.excused = {2};
  const auto gaps = meeting_representation_gaps(t, 0);
  ASSERT_EQ(gaps.size(), 1U);
  EXPECT_EQ(gaps[0].org, organisation::school);
  EXPECT_EQ(gaps[0].level, staff_level::manager);
  EXPECT_EQ(gaps[0].message, "Geen manager van de school aanwezig.");
  EXPECT_EQ(meeting_representation_gaps(t, 1).size(), 4U) << "nobody marked yet";
  EXPECT_TRUE(meeting_representation_gaps(t, 9).empty());

  EXPECT_EQ(attendance_of(session, 1), attendance::aanwezig);
  EXPECT_EQ(attendance_of(session, 2), attendance::afgemeld);
  EXPECT_EQ(attendance_of(session, 4), attendance::online);
  EXPECT_EQ(attendance_of(session, 9), attendance::onbekend);
  const auto online = people_marked(t, session, attendance::online);
  ASSERT_EQ(online.size(), 1U);
  EXPECT_EQ(online[0]->id, 4U);
}

}  // namespace
}  // namespace jos::shared
