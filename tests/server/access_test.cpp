// Access that can be taken back: the team code and the coordinator code are short enough
// to read out and type, every coordinator can see and pass them on, and a coordinator can
// renew either, after which the old one stops working at once.

#include <gtest/gtest.h>

#include <cctype>
#include <regex>

#include "shared/rules.hpp"
#include "tests/server/test_server.hpp"

namespace jos::server::test {
namespace {

using namespace shared;

const std::regex team_code_format("[0-9A-HJKMNP-TV-Z]{5}-[0-9A-HJKMNP-TV-Z]{5}");
const std::regex coordinator_code_format(
    "[0-9A-HJKMNP-TV-Z]{4}-[0-9A-HJKMNP-TV-Z]{4}-[0-9A-HJKMNP-TV-Z]{4}");

// As someone types what they hear: lowercase, spaces for dashes.
std::string as_typed(const std::string& code) {
  std::string out;
  for (char c : code)
    out.push_back(c == '-' ? ' ' : static_cast<char>(std::tolower(static_cast<unsigned char>(c))));
  return out;
}

// Joins with `code` on a fresh connection; the person, or nothing with the error code.
struct join_result {
  std::optional<protocol::joined> joined;
  std::string error;
};
join_result join_with(test_server& server, const std::string& code, const std::string& name) {
  test_client c(server.port());
  if (auto e = c.connect(); !e.empty()) return {std::nullopt, e};
  auto joined = c.join(code, profile_of(name));
  return {joined, c.last_error() ? c.last_error()->code : ""};
}

bool wait_codes(test_client& c, const std::function<bool(const protocol::codes&)>& ok) {
  return c.wait([&] { return c.codes() && ok(*c.codes()); });
}

TEST(Access, CodesAreShortAndEveryCoordinatorGetsThem) {
  test_server server;
  auto t = make_team(server, {"Anna", "Bram"});
  ASSERT_EQ(t.members.size(), 2u);
  EXPECT_TRUE(std::regex_match(t.join_code, team_code_format)) << t.join_code;
  EXPECT_TRUE(std::regex_match(t.coordinator_secret, coordinator_code_format))
      << t.coordinator_secret;
  // The coordinator has both codes from the server, a member has none.
  ASSERT_TRUE(t[0]->codes());
  EXPECT_EQ(*t[0]->codes(), (protocol::codes{t.join_code, t.coordinator_secret}));
  EXPECT_FALSE(t[1]->codes());

  // Dirk types the coordinator code as he heard it: he is a coordinator, and gets the codes.
  test_client dirk(server.port());
  ASSERT_EQ(dirk.connect(), "");
  auto joined = dirk.join(as_typed(t.coordinator_secret), profile_of("Dirk"));
  ASSERT_TRUE(joined) << (dirk.last_error() ? dirk.last_error()->reason : "no reply");
  ASSERT_TRUE(dirk.hello(joined->token, "dirk"));
  EXPECT_TRUE(is_coordinator(dirk.replica(), joined->person));
  ASSERT_TRUE(dirk.codes());
  EXPECT_EQ(*dirk.codes(), (protocol::codes{t.join_code, t.coordinator_secret}));

  // Bram made coordinator learns them; stepping down, he is told to forget them.
  ASSERT_TRUE(dirk.submit_acked(op::set_coordinator{t[0].person, false}));
  ASSERT_TRUE(dirk.submit_acked(op::set_coordinator{t[1].person, true}));
  ASSERT_TRUE(wait_codes(*t[1], [](const auto& c) { return !c.join_code.empty(); }));
  EXPECT_EQ(t[1]->codes()->coordinator_code, t.coordinator_secret);
  ASSERT_TRUE(wait_codes(*t[0], [](const auto& c) { return c.join_code.empty(); }));
  EXPECT_EQ(*t[0]->codes(), (protocol::codes{"", ""}));
}

TEST(Access, ARenewedCodeStopsTheOldOneAtOnce) {
  test_server server;
  auto t = make_team(server, {"Anna", "Bram"});
  ASSERT_EQ(t.members.size(), 2u);
  auto& anna = *t[0];
  const std::string old_team = t.join_code;
  const std::string old_coordinator = t.coordinator_secret;

  // Only a coordinator may renew a code; nothing changes otherwise.
  ASSERT_TRUE(t[1]->send(protocol::rotate_code{protocol::access_code::team}));
  ASSERT_TRUE(t[1]->wait([&] { return t[1]->last_error().has_value(); }));
  EXPECT_EQ(t[1]->last_error()->code, "forbidden");
  EXPECT_TRUE(join_with(server, old_team, "Carla").joined);

  ASSERT_TRUE(anna.send(protocol::rotate_code{protocol::access_code::team}));
  ASSERT_TRUE(wait_codes(anna, [&](const auto& c) { return c.join_code != old_team; }));
  const std::string new_team = anna.codes()->join_code;
  EXPECT_TRUE(std::regex_match(new_team, team_code_format)) << new_team;
  EXPECT_EQ(anna.codes()->coordinator_code, old_coordinator) << "only the team code changes";
  auto old_try = join_with(server, old_team, "Eve");
  EXPECT_FALSE(old_try.joined);
  EXPECT_EQ(old_try.error, "unknown_code");
  EXPECT_TRUE(join_with(server, new_team, "Femke").joined);

  ASSERT_TRUE(anna.send(protocol::rotate_code{protocol::access_code::coordinator}));
  ASSERT_TRUE(
      wait_codes(anna, [&](const auto& c) { return c.coordinator_code != old_coordinator; }));
  const std::string new_coordinator = anna.codes()->coordinator_code;
  EXPECT_TRUE(std::regex_match(new_coordinator, coordinator_code_format)) << new_coordinator;
  EXPECT_EQ(anna.codes()->join_code, new_team);
  EXPECT_EQ(join_with(server, old_coordinator, "Eve").error, "unknown_code");

  // The new codes are stored: they hold after a restart, and the old ones stay dead.
  for (auto& m : t.members) m->drop();
  server.restart();
  EXPECT_EQ(join_with(server, old_team, "Eve").error, "unknown_code");
  EXPECT_EQ(join_with(server, old_coordinator, "Eve").error, "unknown_code");
  test_client gerrit(server.port());
  ASSERT_EQ(gerrit.connect(), "");
  auto joined = gerrit.join(new_coordinator, profile_of("Gerrit"));
  ASSERT_TRUE(joined);
  ASSERT_TRUE(gerrit.hello(joined->token, "gerrit"));
  EXPECT_TRUE(is_coordinator(gerrit.replica(), joined->person));
  ASSERT_TRUE(gerrit.codes());
  EXPECT_EQ(*gerrit.codes(), (protocol::codes{new_team, new_coordinator}));
}

}  // namespace
}  // namespace jos::server::test
