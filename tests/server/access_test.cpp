// Access that can be taken back: the team code and the coordinator code are short enough
// to read out and type, every coordinator can see and pass them on, and a coordinator can
// renew either, after which the old one stops working at once.

#include <gtest/gtest.h>

#include <cctype>
#include <regex>

#include "server/address_limits.hpp"
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
  return {joined, c.last_error() ? std::string(protocol::name_of(c.last_error()->code)) : ""};
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
  EXPECT_EQ(t[1]->last_error()->code, protocol::error_code::forbidden);
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

// Wrong codes, each answered (at once or after its delay) as unknown.
void guess_wrong(test_client& guesser, int times) {
  for (int i = 0; i < times; ++i) {
    EXPECT_FALSE(guesser.join("ZZZZZ-ZZZZ" + std::to_string(i), profile_of("Gerrit")));
    ASSERT_TRUE(guesser.last_error());
    EXPECT_EQ(guesser.last_error()->code, protocol::error_code::unknown_code);
  }
}

// One guesser behind a school's NAT: their wrong codes are answered ever more slowly, one
// at a time per connection, while a colleague with the right code, from the same address,
// gets in at once. (The delay here is an hour: it never runs out during the test.)
TEST(Access, AGuesserSlowsOnlyThemselvesNeverARightCode) {
  config cfg;
  cfg.free_wrong_codes = 3;
  cfg.wrong_code_delay = std::chrono::hours(1);
  test_server server(cfg);
  auto t = make_team(server, {"Anna"});
  ASSERT_EQ(t.members.size(), 1u);

  test_client guesser(server.port());
  ASSERT_EQ(guesser.connect(), "");
  guess_wrong(guesser, 3);
  // The fourth wrong code waits for its answer; the right code sent right after it on the
  // same connection waits its turn behind it: this connection guesses no faster.
  ASSERT_TRUE(guesser.send(protocol::join_trajectory{"ZZZZZ-ZZZZ9", profile_of("Gerrit")}));
  ASSERT_TRUE(guesser.send(protocol::join_trajectory{t.join_code, profile_of("Gerrit")}));

  // Colleagues at the same school, same address, with the right codes: in at once.
  auto colleague = join_with(server, t.join_code, "Bram");
  ASSERT_TRUE(colleague.joined) << colleague.error;
  auto second_coordinator = join_with(server, as_typed(t.coordinator_secret), "Carla");
  ASSERT_TRUE(second_coordinator.joined) << second_coordinator.error;
  // Meanwhile the guesser has heard nothing more.
  guesser.poll();
  EXPECT_EQ(guesser.errors().size(), 3u);
  EXPECT_FALSE(guesser.take<protocol::joined>({}, ms(0)));
  EXPECT_TRUE(guesser.is_open());
}

// The slowed answer does come: still "unknown", never a refusal of the address.
TEST(Access, AWrongCodeAnswersAfterItsDelay) {
  config cfg;
  cfg.free_wrong_codes = 0;
  cfg.wrong_code_delay = std::chrono::milliseconds(50);
  test_server server(cfg);
  auto t = make_team(server, {"Anna"});
  test_client guesser(server.port());
  ASSERT_EQ(guesser.connect(), "");
  guess_wrong(guesser, 3);
  EXPECT_TRUE(guesser.join(t.join_code, profile_of("Gerrit")));
}

// The delay per address: free at first, then doubling to a ceiling; per address, and
// forgotten once the window has passed.
TEST(Access, WrongCodeDelaysDoubleToACeilingPerAddress) {
  using std::chrono::milliseconds;
  wrong_code_delay delay({.free = 2,
                          .first = milliseconds(100),
                          .ceiling = milliseconds(800),
                          .window = std::chrono::seconds(600)});
  const auto t0 = std::chrono::steady_clock::now();
  std::vector<long> seen;
  for (int i = 0; i < 7; ++i)
    seen.push_back(static_cast<long>(delay.wrong_code("10.0.0.1", t0).count()));
  EXPECT_EQ(seen, (std::vector<long>{0, 0, 100, 200, 400, 800, 800}));
  EXPECT_EQ(delay.wrong_code("10.0.0.2", t0).count(), 0) << "another address";
  const auto later = t0 + std::chrono::seconds(601);
  delay.sweep(later);
  EXPECT_EQ(delay.wrong_code("10.0.0.1", later).count(), 0) << "the window has passed";
}

TEST(Access, AQuotaPerAddressAndWindow) {
  per_address_quota quota(2, std::chrono::seconds(3600));
  const auto t0 = std::chrono::steady_clock::now();
  EXPECT_TRUE(quota.take("a", t0));
  EXPECT_TRUE(quota.take("a", t0));
  EXPECT_FALSE(quota.take("a", t0));
  EXPECT_TRUE(quota.take("b", t0));
  EXPECT_TRUE(quota.take("a", t0 + std::chrono::seconds(3601)));
}

// The operator decides who may start a leerlijn: with --creation-code only who gives that
// code; and any address may start only so many per hour, attempts with a wrong code too.
TEST(Access, CreatingTakesTheOperatorsCodeAndIsLimitedPerAddress) {
  config cfg;
  cfg.creation_code = "WELKOM-2026";
  cfg.creates_per_hour = 3;
  test_server server(cfg);
  test_client c(server.port());
  ASSERT_EQ(c.connect(), "");
  EXPECT_FALSE(c.create(partners(), profile_of("Anna")));
  ASSERT_TRUE(c.last_error());
  EXPECT_EQ(c.last_error()->code, protocol::error_code::creation_code);
  EXPECT_NE(c.last_error()->reason.find("aanmaakcode"), std::string::npos);
  ASSERT_TRUE(c.send(protocol::create_trajectory{partners(), profile_of("Anna"), "welkom-2026"}));
  ASSERT_TRUE(c.wait([&] { return c.errors().size() == 2; }));
  EXPECT_EQ(c.last_error()->code, protocol::error_code::creation_code) << "the code is exact";
  ASSERT_TRUE(c.send(protocol::create_trajectory{partners(), profile_of("Anna"), "WELKOM-2026"}));
  auto created = c.take<protocol::created>();
  ASSERT_TRUE(created) << (c.last_error() ? c.last_error()->reason : "no reply");
  // Three attempts this hour from this address: the fourth is refused, even with the code.
  ASSERT_TRUE(c.send(protocol::create_trajectory{partners(), profile_of("Anna"), "WELKOM-2026"}));
  ASSERT_TRUE(c.wait([&] { return c.errors().size() == 3; }));
  EXPECT_EQ(c.last_error()->code, protocol::error_code::rate_limited);
  EXPECT_TRUE(c.is_open());
  // Joining is not creating: the team code still works from here.
  EXPECT_TRUE(join_with(server, created->join_code, "Bram").joined);
}

TEST(Access, AnOpenServerLetsAnyoneStartUpToTheLimit) {
  config cfg;
  cfg.creates_per_hour = 2;
  test_server server(cfg);
  test_client c(server.port());
  ASSERT_EQ(c.connect(), "");
  EXPECT_TRUE(c.create(partners(), profile_of("Anna")));
  EXPECT_TRUE(c.create(partners(), profile_of("Anna")));
  EXPECT_FALSE(c.create(partners(), profile_of("Anna")));
  ASSERT_TRUE(c.last_error());
  EXPECT_EQ(c.last_error()->code, protocol::error_code::rate_limited);
}

}  // namespace
}  // namespace jos::server::test
