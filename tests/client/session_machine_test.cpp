// The session's state machine on its own: each transition and the steps it asks of the
// core, without a network, a journal or a server.
#include <gtest/gtest.h>

#include "client/core/session_machine.hpp"

namespace jos::client {
namespace {

using step = session_step;
using state = session_state;

session_actions steps(std::initializer_list<step> list) {
  session_actions out;
  for (auto s : list) out.push_back({s});
  return out;
}

protocol::welcome welcome_at(std::uint64_t seq, std::uint64_t epoch = 7, std::uint64_t taken = 0) {
  return {"t1", 2, seq, epoch, taken};
}

// The chosen server, over plain ws:// (a `moved` may send us anywhere from there).
const server_url home = *parse_server_url("ws://b:8765").url;

const protocol::client_message join_request =
    protocol::join_trajectory{"ABCD-EFGH", {"Bram", shared::organisation::jongerenwerk, "jw", {}}};

// A machine that knows who it is and is live at `seq` in epoch 7 on link 1.
session_machine live_at(std::uint64_t seq) {
  session_machine m;
  m.choose_server(false, true);
  m.link_up(1, true);
  m.welcomed(welcome_at(seq), true, seq);
  return m;
}

TEST(SessionMachine, ANewcomerJoinsThenGreetsThenCatchesUpThenIsLive) {
  session_machine m;
  EXPECT_EQ(m.choose_server(false, false), session_actions{});
  EXPECT_EQ(m.state(), state::start);
  EXPECT_EQ(m.phase(), session_phase::start);

  EXPECT_EQ(m.request_registration(join_request), steps({step::connect}));
  EXPECT_EQ(m.phase(), session_phase::registering);
  ASSERT_TRUE(m.registration());
  EXPECT_EQ(std::get<protocol::join_trajectory>(*m.registration()).join_code, "ABCD-EFGH");
  EXPECT_EQ(m.link_up(1, false), steps({step::send_registration}));
  EXPECT_TRUE(m.expects_registration());

  EXPECT_EQ(m.registered(), steps({step::close_trajectory, step::adopt_identity,
                                   step::open_trajectory, step::send_hello}));
  EXPECT_EQ(m.state(), state::greeting);
  EXPECT_EQ(m.phase(), session_phase::waiting);
  EXPECT_FALSE(m.registration());
  EXPECT_EQ(m.hello_position(false, 0), std::make_pair(std::uint64_t{0}, std::uint64_t{0}));

  EXPECT_EQ(m.welcomed(welcome_at(5), false, 0), session_actions{});
  EXPECT_EQ(m.state(), state::catching_up);
  EXPECT_FALSE(m.may_send());
  m.state_replaced(true, 5);
  EXPECT_EQ(m.state(), state::live);
  EXPECT_TRUE(m.may_send());
  EXPECT_EQ(m.hello_position(true, 9), std::make_pair(std::uint64_t{9}, std::uint64_t{7}));
}

TEST(SessionMachine, AKnownPersonConnectsAndIsLiveOnceTheStateReachesTheWelcome) {
  session_machine m;
  EXPECT_EQ(m.choose_server(false, true), steps({step::open_trajectory, step::connect}));
  EXPECT_EQ(m.state(), state::connecting);
  EXPECT_EQ(m.link_up(3, true), steps({step::send_hello}));
  EXPECT_EQ(m.link(), 3u);
  m.welcomed(welcome_at(10), true, 8);
  EXPECT_EQ(m.state(), state::catching_up) << "two ops still to come";
  m.state_advanced(true, 9);
  EXPECT_EQ(m.state(), state::catching_up);
  m.state_advanced(true, 10);
  EXPECT_EQ(m.state(), state::live);
}

TEST(SessionMachine, ALostLinkWaitsForTheNextAndOnlyTheCurrentLinkCounts) {
  auto m = live_at(4);
  EXPECT_EQ(m.link_down(9, "oud"), session_actions{}) << "not our link";
  EXPECT_EQ(m.state(), state::live);
  EXPECT_EQ(m.link_down(1, "weg"), steps({step::link_lost}));
  EXPECT_EQ(m.state(), state::connecting);
  EXPECT_EQ(m.link(), 0u);
  EXPECT_FALSE(m.may_send());
  EXPECT_EQ(m.link_up(2, true), steps({step::send_hello}));
  EXPECT_EQ(m.hello_position(true, 4), std::make_pair(std::uint64_t{4}, std::uint64_t{7}))
      << "catch up from where we were, in the run we were in";
}

TEST(SessionMachine, ARegistrationThatLosesItsLinkOrIsRefusedGoesBackToTheStart) {
  session_machine m;
  m.request_registration(join_request);
  m.link_up(1, false);
  EXPECT_EQ(m.link_down(1, "verbroken"),
            (session_actions{
                {step::link_lost},
                {step::notice_error, "De verbinding viel weg (verbroken). Probeer het opnieuw."}}));
  EXPECT_EQ(m.state(), state::start);
  EXPECT_FALSE(m.registration());

  m.link_up(2, false);
  EXPECT_EQ(m.request_registration(join_request), steps({step::send_registration}))
      << "the link is up: send at once";
  EXPECT_EQ(
      m.server_error({protocol::error_code::unknown_code, "Deze teamcode is onbekend."}, home),
      (session_actions{{step::notice_error, "Deze teamcode is onbekend."}}));
  EXPECT_EQ(m.state(), state::start);
  EXPECT_FALSE(m.expects_registration());
  EXPECT_EQ(m.registered(), session_actions{}) << "an answer nobody asked for is not taken";
}

TEST(SessionMachine, AnUnknownTokenAfterHelloForgetsTheIdentity) {
  auto m = live_at(4);
  EXPECT_EQ(m.server_error({protocol::error_code::unauthorised, "Onbekend."}, home),
            (session_actions{{step::notice_error, "Onbekend."},
                             {step::disconnect},
                             {step::close_trajectory},
                             {step::forget_identity}}));
  EXPECT_EQ(m.state(), state::start);

  // Before any hello the same code is only a message: nothing of ours was refused.
  session_machine fresh;
  fresh.choose_server(false, true);
  EXPECT_EQ(fresh.server_error({protocol::error_code::unauthorised, "Eerst hello."}, home),
            (session_actions{{step::notice_error, "Eerst hello."}}));
  EXPECT_EQ(fresh.state(), state::connecting);
}

TEST(SessionMachine, AnotherProtocolVersionStopsEverything) {
  auto m = live_at(4);
  EXPECT_EQ(m.server_error({protocol::error_code::version, "Andere versie."}, home),
            (session_actions{{step::notice_error, "Andere versie."}, {step::disconnect}}));
  EXPECT_EQ(m.phase(), session_phase::incompatible);
  m.link_down(1, "weg");
  EXPECT_EQ(m.link_up(2, true), session_actions{}) << "no hello to a server we cannot read";

  auto n = live_at(4);
  EXPECT_EQ(n.unreadable(true, "Versie 99."),
            (session_actions{{step::notice_error, "Versie 99."}, {step::disconnect}}));
  EXPECT_EQ(n.state(), state::incompatible);
  auto o = live_at(4);
  EXPECT_EQ(o.unreadable(false, "Onbegrijpelijk."),
            (session_actions{{step::notice_error, "Onbegrijpelijk."}}));
  EXPECT_EQ(o.state(), state::live);
}

TEST(SessionMachine, ARestartingServerIsNewsNotAnError) {
  auto m = live_at(4);
  EXPECT_EQ(m.server_error({protocol::error_code::restarting, "Server herstart"}, home),
            (session_actions{{step::notice_info, "Server herstart"}}));
  EXPECT_EQ(m.state(), state::live) << "the link going down will say the rest";
}

TEST(SessionMachine, ADivergedCopyReconnectsForTheWholeState) {
  auto m = live_at(4);
  EXPECT_EQ(m.copy_diverged(), steps({step::link_lost, step::reconnect}));
  EXPECT_EQ(m.state(), state::connecting);
  EXPECT_EQ(m.link(), 0u) << "nothing more from the old link counts";
  EXPECT_EQ(m.link_down(1, "Opnieuw verbinden"), session_actions{});
  m.link_up(2, true);
  EXPECT_EQ(m.hello_position(true, 6), std::make_pair(std::uint64_t{0}, std::uint64_t{0}));
  m.welcomed(welcome_at(12, 8, 30), true, 6);
  EXPECT_EQ(m.taken_client_seq(), 30u);
  m.state_advanced(true, 12);
  EXPECT_EQ(m.state(), state::catching_up) << "only a snapshot repairs the copy";
  m.state_replaced(true, 12);
  EXPECT_EQ(m.state(), state::live);
  EXPECT_EQ(m.hello_position(true, 12), std::make_pair(std::uint64_t{12}, std::uint64_t{8}));
}

TEST(SessionMachine, AStateFromTheJournalCountsInNoKnownRun) {
  auto m = live_at(4);
  m.trajectory_closed();
  EXPECT_EQ(m.hello_position(true, 4), std::make_pair(std::uint64_t{4}, std::uint64_t{0}));
}

TEST(SessionMachine, SwitchingServersLeavesTheOldOneFirst) {
  auto m = live_at(4);
  EXPECT_EQ(m.choose_server(true, true), steps({step::disconnect, step::close_trajectory,
                                                step::open_trajectory, step::connect}));
  EXPECT_EQ(m.state(), state::connecting);
  auto n = live_at(4);
  EXPECT_EQ(n.choose_server(true, false), steps({step::disconnect, step::close_trajectory}));
  EXPECT_EQ(n.state(), state::start);
}

TEST(SessionMachine, ForgettingGoesBackToTheStart) {
  auto m = live_at(4);
  EXPECT_EQ(m.forget(), steps({step::disconnect, step::close_trajectory, step::forget_identity}));
  EXPECT_EQ(m.state(), state::start);
}

const protocol::error moved_to_a{protocol::error_code::moved, "Deze leerlijn staat elders.",
                                 "ws://a:8765"};

// Another instance has the trajectory: the hello goes there, with no notice; when a link
// there ends, the next attempt goes to the chosen server again.
TEST(SessionMachine, AHelloThatIsMovedFollowsAndComesBackWhenThatLinkEnds) {
  session_machine m;
  m.choose_server(false, true);
  m.link_up(1, true);
  EXPECT_EQ(m.server_error(moved_to_a, home),
            (session_actions{{step::link_lost}, {step::follow, "ws://a:8765"}}));
  EXPECT_EQ(m.state(), state::connecting);
  EXPECT_EQ(m.link(), 0u);
  // The link we left reports its end: that is no news.
  EXPECT_EQ(m.link_down(1, "weg"), session_actions{});
  EXPECT_EQ(m.link_up(2, true), steps({step::send_hello}));
  m.welcomed(welcome_at(3), true, 3);
  EXPECT_EQ(m.state(), state::live);
  EXPECT_EQ(m.link_down(2, "weg"), steps({step::link_lost, step::return_home}));
  EXPECT_EQ(m.state(), state::connecting);
  // At home again: a lost link is just a lost link.
  m.link_up(3, true);
  EXPECT_EQ(m.link_down(3, "weg"), steps({step::link_lost}));
}

TEST(SessionMachine, AFollowedLinkThatNeverOpensGoesHome) {
  session_machine m;
  m.choose_server(false, true);
  m.link_up(1, true);
  m.server_error(moved_to_a, home);
  EXPECT_EQ(m.link_down(2, "geen verbinding"), steps({step::return_home}));
  EXPECT_EQ(m.link_down(3, "geen verbinding"), session_actions{});
}

TEST(SessionMachine, AJoinThatIsMovedIsAskedAgainWhereTheTrajectoryIs) {
  session_machine m;
  m.choose_server(false, false);
  m.request_registration(join_request);
  m.link_up(1, false);
  EXPECT_EQ(m.server_error(moved_to_a, home),
            (session_actions{{step::link_lost}, {step::follow, "ws://a:8765"}}));
  EXPECT_EQ(m.state(), state::registering);
  EXPECT_EQ(m.link_up(2, false), steps({step::send_registration}));
  EXPECT_EQ(m.registered(), steps({step::close_trajectory, step::adopt_identity,
                                   step::open_trajectory, step::send_hello}));
}

// Only a hello or a join is moved.
TEST(SessionMachine, AMovedWhileLiveIsAnError) {
  auto m = live_at(4);
  EXPECT_EQ(m.server_error(moved_to_a, home),
            (session_actions{{step::notice_error, "Deze leerlijn staat elders."}}));
  EXPECT_EQ(m.state(), state::live);
}

const server_url secure_home = *parse_server_url("wss://b.example.nl").url;
const protocol::error moved_to_plain{protocol::error_code::moved, "Deze leerlijn staat elders.",
                                     "ws://10.0.0.12:8765"};

std::string notice_in(const session_actions& actions) {
  for (const auto& a : actions)
    if (a.step == step::notice_error) return a.text;
  return {};
}

// From wss:// the token never goes to ws://: the hello is not sent there, the person is
// told, and the chosen server is asked again after the usual wait (it may take the
// trajectory over), not at once and not never.
TEST(SessionMachine, AHelloIsNeverMovedFromWssToWs) {
  session_machine m;
  m.choose_server(false, true);
  m.link_up(1, true);
  const auto out = m.server_error(moved_to_plain, secure_home);
  const std::string notice = notice_in(out);
  EXPECT_EQ(out, (session_actions{{step::link_lost},
                                  {step::notice_error, notice},
                                  {step::back_off, "Doorverwijzing van de server geweigerd."}}));
  EXPECT_NE(notice.find("onbeveiligd adres (ws://10.0.0.12:8765)"), std::string::npos) << notice;
  EXPECT_EQ(m.state(), state::connecting);
  EXPECT_EQ(m.phase(), session_phase::waiting);
  EXPECT_EQ(m.link(), 0u);
  EXPECT_EQ(m.link_down(1, "Doorverwijzing van de server geweigerd."), session_actions{});
  EXPECT_EQ(m.link_up(2, true), steps({step::send_hello})) << "the next try is at home";

  // ws → wss and wss → wss are followed.
  EXPECT_EQ(m.server_error({protocol::error_code::moved, "elders", "wss://a:8443"}, secure_home),
            (session_actions{{step::link_lost}, {step::follow, "wss://a:8443"}}));
}

TEST(SessionMachine, AJoinIsNeverMovedFromWssToWs) {
  session_machine m;
  m.choose_server(false, false);
  m.request_registration(join_request);
  m.link_up(1, false);
  const auto out = m.server_error(moved_to_plain, secure_home);
  EXPECT_EQ(out, (session_actions{{step::notice_error, notice_in(out)}}));
  EXPECT_NE(notice_in(out).find("onbeveiligd adres"), std::string::npos);
  EXPECT_EQ(m.state(), state::start) << "back on the start screen, as after a wrong code";
  EXPECT_FALSE(m.expects_registration());
  EXPECT_EQ(m.registered(), session_actions{});
}

// Followed from ws:// to a wss:// instance that moves us on to ws://: refused there too,
// and the next try goes to the chosen server.
TEST(SessionMachine, ARefusedMoveOnAFollowedLinkGoesHome) {
  session_machine m;
  m.choose_server(false, true);
  m.link_up(1, true);
  m.server_error({protocol::error_code::moved, "elders", "wss://a:8443"}, home);
  m.link_up(2, true);
  const auto out = m.server_error(moved_to_plain, *parse_server_url("wss://a:8443").url);
  EXPECT_EQ(out, (session_actions{{step::link_lost},
                                  {step::return_home},
                                  {step::notice_error, notice_in(out)},
                                  {step::back_off, "Doorverwijzing van de server geweigerd."}}));
  EXPECT_EQ(m.link_down(2, "weg"), session_actions{}) << "home was already asked for";
}

// A move to no address, or to something that is not a plain ws(s):// URL, is refused the
// same way, from ws:// too.
TEST(SessionMachine, AMoveToNoWebSocketUrlIsRefused) {
  for (const char* location : {"", "http://a:8765", "a:8765", "wss://a:0"}) {
    session_machine greeting;
    greeting.choose_server(false, true);
    greeting.link_up(1, true);
    const auto out = greeting.server_error({protocol::error_code::moved, "elders", location}, home);
    ASSERT_EQ(out.size(), 3u) << location;
    EXPECT_NE(notice_in(out).find("ongeldig adres"), std::string::npos) << location;
    EXPECT_EQ(out.back().step, step::back_off) << location;
    EXPECT_EQ(greeting.state(), state::connecting);

    session_machine joining;
    joining.choose_server(false, false);
    joining.request_registration(join_request);
    joining.link_up(1, false);
    EXPECT_NE(
        notice_in(joining.server_error({protocol::error_code::moved, "elders", location}, home))
            .find("ongeldig adres"),
        std::string::npos);
    EXPECT_EQ(joining.state(), state::start);
  }
}

protocol::error moved_to(const char* location) {
  return {protocol::error_code::moved, "Deze leerlijn staat elders.", location};
}

const server_url instance_a = *parse_server_url("ws://a:8765").url;

// An instance that names itself (its --advertise is another's address, or the owner record
// is stale) is not asked again at once: the person is told and the chosen server is asked
// again after the usual wait.
TEST(SessionMachine, AMoveBackToTheSameAddressIsRefusedAtOnce) {
  session_machine m;
  m.choose_server(false, true);
  m.link_up(1, true);
  auto out = m.server_error(moved_to("ws://b:8765"), home);
  EXPECT_EQ(out, (session_actions{{step::link_lost},
                                  {step::notice_error, notice_in(out)},
                                  {step::back_off, "Doorverwijzing van de server geweigerd."}}));
  EXPECT_EQ(notice_in(out),
            "De server stuurde je door naar zichzelf (ws://b:8765). Daar is geen verbinding "
            "mee gemaakt. Meld dit aan de beheerder van de server.");
  EXPECT_EQ(m.state(), state::connecting);
  EXPECT_EQ(m.link(), 0u);

  // The same from an instance we were sent to: the next try goes home.
  EXPECT_EQ(m.link_up(2, true), steps({step::send_hello}));
  EXPECT_EQ(m.server_error(moved_to_a, home),
            (session_actions{{step::link_lost}, {step::follow, "ws://a:8765"}}));
  m.link_up(3, true);
  out = m.server_error(moved_to("ws://a:8765/ws"), instance_a);
  EXPECT_EQ(out, (session_actions{{step::link_lost},
                                  {step::return_home},
                                  {step::notice_error, notice_in(out)},
                                  {step::back_off, "Doorverwijzing van de server geweigerd."}}));
  EXPECT_NE(notice_in(out).find("naar zichzelf (ws://a:8765)"), std::string::npos);

  // A join is not sent there either: back on the start screen, told why.
  session_machine joining;
  joining.choose_server(false, false);
  joining.request_registration(join_request);
  joining.link_up(1, false);
  EXPECT_NE(notice_in(joining.server_error(moved_to("ws://b:8765"), home)).find("naar zichzelf"),
            std::string::npos);
  EXPECT_EQ(joining.state(), state::start);
}

// Two instances that send us to each other: followed three times in a row, then the person
// is told and the chosen server is asked again after the usual wait; a new link there may
// follow three moves again.
TEST(SessionMachine, InstancesThatSendUsToEachOtherAreFollowedThreeTimesInARow) {
  session_machine m;
  m.choose_server(false, true);
  for (int round = 0; round < 2; ++round) {
    const std::uint64_t first = 1 + round * 5;
    EXPECT_EQ(m.link_up(first, true), steps({step::send_hello}));
    EXPECT_EQ(m.server_error(moved_to_a, home),
              (session_actions{{step::link_lost}, {step::follow, "ws://a:8765"}}));
    m.link_up(first + 1, true);
    EXPECT_EQ(m.server_error(moved_to("ws://b:8765"), instance_a),
              (session_actions{{step::link_lost}, {step::follow, "ws://b:8765"}}))
        << "home again, by a move";
    m.link_up(first + 2, true);
    EXPECT_EQ(m.server_error(moved_to_a, home),
              (session_actions{{step::link_lost}, {step::follow, "ws://a:8765"}}));
    m.link_up(first + 3, true);
    const auto out = m.server_error(moved_to("ws://b:8765"), instance_a);
    EXPECT_EQ(out, (session_actions{{step::link_lost},
                                    {step::return_home},
                                    {step::notice_error, notice_in(out)},
                                    {step::back_off, "Doorverwijzing van de server geweigerd."}}));
    EXPECT_EQ(notice_in(out),
              "De servers blijven je naar elkaar doorsturen (nu naar ws://b:8765). Daar is geen "
              "verbinding meer mee gemaakt. Meld dit aan de beheerder van de server.");
    EXPECT_EQ(m.state(), state::connecting);
    EXPECT_EQ(m.link_down(first + 3, "Doorverwijzing van de server geweigerd."), session_actions{});
  }
}

// A move after a welcome starts a chain of its own (the last one ended where it should).
TEST(SessionMachine, AWelcomeEndsAChainOfMoves) {
  session_machine m;
  m.choose_server(false, true);
  m.link_up(1, true);
  m.server_error(moved_to_a, home);
  m.link_up(2, true);
  m.server_error(moved_to("ws://c:8765"), instance_a);
  m.link_up(3, true);
  m.welcomed(welcome_at(3), true, 3);
  m.copy_diverged();  // reconnects to the instance we were sent to
  const server_url c = *parse_server_url("ws://c:8765").url;
  for (std::uint64_t link = 4; link < 7; ++link) {
    m.link_up(link, true);
    EXPECT_EQ(m.server_error(link % 2 == 0 ? moved_to_a : moved_to("ws://c:8765"),
                             link % 2 == 0 ? c : instance_a)
                  .back()
                  .step,
              step::follow)
        << link;
  }
  m.link_up(7, true);
  EXPECT_EQ(m.server_error(moved_to("ws://c:8765"), instance_a).back().step, step::back_off);
}

// A join sent round in circles ends on the start screen, told why.
TEST(SessionMachine, AJoinSentRoundInCirclesGoesBackToTheStart) {
  session_machine m;
  m.choose_server(false, false);
  m.request_registration(join_request);
  m.link_up(1, false);
  m.server_error(moved_to_a, home);
  for (std::uint64_t link = 2; link < 4; ++link) {
    EXPECT_EQ(m.link_up(link, false), steps({step::send_registration}));
    EXPECT_EQ(m.server_error(link % 2 == 0 ? moved_to("ws://b:8765") : moved_to_a,
                             link % 2 == 0 ? instance_a : home)
                  .back()
                  .step,
              step::follow);
  }
  m.link_up(4, false);
  const auto out = m.server_error(moved_to_a, home);
  EXPECT_EQ(out, (session_actions{{step::notice_error, notice_in(out)}}));
  EXPECT_NE(notice_in(out).find("blijven je naar elkaar doorsturen"), std::string::npos);
  EXPECT_EQ(m.state(), state::start);
  EXPECT_FALSE(m.expects_registration());
}

TEST(SessionMachine, ErrorCodesAreReadInOnePlace) {
  EXPECT_EQ(refusal_of(protocol::error_code::unauthorised), refusal::unauthorised);
  EXPECT_EQ(refusal_of(protocol::error_code::version), refusal::version);
  EXPECT_EQ(refusal_of(protocol::error_code::restarting), refusal::restarting);
  EXPECT_EQ(refusal_of(protocol::error_code::moved), refusal::moved);
  EXPECT_EQ(refusal_of(protocol::error_code::rate_limited), refusal::other);
}

}  // namespace
}  // namespace jos::client
