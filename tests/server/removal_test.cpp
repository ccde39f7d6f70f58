// A coordinator removes a person from the team: their token stops working, every session
// they have open closes with a clear reason, and what they wrote stays, under their name.

#include <gtest/gtest.h>

#include "shared/rules.hpp"
#include "tests/server/database_rows.hpp"
#include "tests/server/test_server.hpp"

namespace jos::server::test {
namespace {

using namespace shared;

bool has_reaction_by(const trajectory& t, person_id author, const std::string& text) {
  for (const auto& r : t.meetings[0].session.reactions)
    if (r.author == author && r.text == text) return true;
  return false;
}

TEST(Removal, ARemovedPersonIsOutAtOnceAndWhatTheyWroteStays) {
  test_server server;
  auto t = make_team(server, {"Anna", "Bram", "Eve"});
  ASSERT_EQ(t.members.size(), 3u);
  auto& anna = *t[0];
  auto& eve = *t[2];
  const person_id eve_id = t[2].person;
  ASSERT_TRUE(anna.submit_acked(op::start_meeting{0, 0}));
  ASSERT_TRUE(eve.submit_acked(op::add_reaction{0, -1, "Ik was er ook.", 0}));
  ASSERT_TRUE(anna.submit_acked(op::assign_role{0, meeting_role::notulist, eve_id}));
  // Eve is online twice (laptop and phone).
  test_client eve_phone(server.port());
  ASSERT_EQ(eve_phone.connect(), "");
  ASSERT_TRUE(eve_phone.hello(t[2].token, "eve-phone"));

  // Only a coordinator removes, and not themselves.
  const auto by_member = t[1]->wait_reject(t[1]->submit(op::remove_person{t[0].person}));
  ASSERT_TRUE(by_member);
  EXPECT_EQ(by_member->code, protocol::error_code::forbidden);
  const auto self = anna.wait_reject(anna.submit(op::remove_person{t[0].person}));
  ASSERT_TRUE(self);
  EXPECT_EQ(self->code, protocol::error_code::forbidden);

  ASSERT_TRUE(anna.submit_acked(op::remove_person{eve_id}));
  // Both of Eve's sessions are told why and closed.
  for (test_client* c : {&eve, &eve_phone}) {
    ASSERT_TRUE(c->wait_closed()) << c->closed_because();
    ASSERT_TRUE(c->last_error());
    EXPECT_EQ(c->last_error()->code, protocol::error_code::unauthorised);
    EXPECT_NE(c->last_error()->reason.find("uit het team"), std::string::npos)
        << c->last_error()->reason;
  }
  // Her token no longer opens anything.
  test_client eve_again(server.port());
  ASSERT_EQ(eve_again.connect(), "");
  EXPECT_FALSE(eve_again.hello(t[2].token, t[2].client_id));
  ASSERT_TRUE(eve_again.last_error());
  EXPECT_EQ(eve_again.last_error()->code, protocol::error_code::unauthorised);
  const auto rows = read_every_row(server.db());
  for (const auto& row : rows.at("participants"))
    EXPECT_NE(row.at("person_id"), std::to_string(eve_id));

  // For the others: Eve is off the team and her role is gone; her reaction stays, and her
  // name with it.
  ASSERT_TRUE(t[1]->wait_seq(anna.replica_seq()));
  for (test_client* c : {&anna, t[1].client.get()}) {
    const trajectory& r = c->replica();
    EXPECT_EQ(find_person(r, eve_id), nullptr);
    ASSERT_NE(find_anyone(r, eve_id), nullptr);
    EXPECT_EQ(find_anyone(r, eve_id)->name, "Eve");
    EXPECT_EQ(r.team.size(), 2u);
    EXPECT_EQ(r.meetings[0].session.notulist, no_person);
    EXPECT_TRUE(has_reaction_by(r, eve_id, "Ik was er ook."));
  }
  // Nobody can give her a role again.
  const auto role =
      anna.wait_reject(anna.submit(op::assign_role{0, meeting_role::invuller, eve_id}));
  ASSERT_TRUE(role);
  EXPECT_EQ(role->code, protocol::error_code::not_found);

  // After a restart it is all still so.
  const auto before = server.state(t.trajectory_id);
  ASSERT_TRUE(before);
  for (auto& m : t.members) m->drop();
  server.restart();
  const auto after = server.state(t.trajectory_id);
  ASSERT_TRUE(after);
  EXPECT_EQ(after->hash, before->hash);
  test_client eve_later(server.port());
  ASSERT_EQ(eve_later.connect(), "");
  EXPECT_FALSE(eve_later.hello(t[2].token, t[2].client_id));
}

TEST(Removal, SomeoneWhoLeftNoTraceLeavesNothingBehind) {
  test_server server;
  auto t = make_team(server, {"Anna"});
  ASSERT_EQ(t.members.size(), 1u);
  auto& anna = *t[0];
  // Someone the team code let in, who never did anything: gone entirely, the place freed.
  test_client stranger(server.port());
  ASSERT_EQ(stranger.connect(), "");
  auto joined = stranger.join(t.join_code, profile_of("Onbekende"));
  ASSERT_TRUE(joined);
  ASSERT_TRUE(anna.wait([&] { return anna.replica().team.size() == 2; }));
  ASSERT_TRUE(anna.submit_acked(op::remove_person{joined->person}));
  EXPECT_EQ(anna.replica().team.size(), 1u);
  EXPECT_EQ(find_anyone(anna.replica(), joined->person), nullptr);
  EXPECT_TRUE(anna.replica().former.empty());
  // Their token never got to say hello, and now it cannot.
  EXPECT_FALSE(stranger.hello(joined->token, "stranger"));
  ASSERT_TRUE(stranger.last_error());
  EXPECT_EQ(stranger.last_error()->code, protocol::error_code::unauthorised);
}

}  // namespace
}  // namespace jos::server::test
