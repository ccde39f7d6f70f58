// The client core on real sockets against instances that send it round in circles (two
// with the same --advertise, a stale owner record): it follows a few moves, then tells the
// person and asks its own server again after the usual backoff, instead of knocking on the
// same doors without pause.

#include <gtest/gtest.h>

#include <chrono>

#include "client/core/client_core.hpp"
#include "test_server.hpp"
#include "tests/client/moving_server.hpp"

namespace jos::client::testing {
namespace {

using namespace std::chrono_literals;

constexpr auto patience = 20s;
const protocol::profile bram{"Bram Öztürk", shared::organisation::jongerenwerk, "jongerenwerker",
                             shared::staff_level::uitvoerder};

// Until the core gave up and waits for its next try (what the status bar counts down).
bool gave_up(client_core& core, const std::string& notice_part) {
  return core.run_until(
      [&] {
        return core.last_notice() &&
               core.last_notice()->text.find(notice_part) != std::string::npos &&
               core.connection().retrying;
      },
      patience);
}

TEST(MovedLoop, InstancesThatSendTheClientToEachOtherAreLeftAfterThreeMoves) {
  scratch_dir dir{"moved-loop"};
  moving_server home;
  moving_server other;
  home.send_to(other.url());
  other.send_to(home.url());
  client_core core(options_in(dir / "bram"));
  ASSERT_EQ(core.use_server(home.url()), "");
  core.join("ABCD-EFGH", bram);

  // Each try: the hello at home, then three moves followed; the fourth is not.
  for (std::size_t round = 1; round <= 2; ++round) {
    ASSERT_TRUE(gave_up(core, "doorsturen"))
        << round << ": " << home.hellos() + other.hellos() << " hellos";
    EXPECT_EQ(core.last_notice()->text,
              "De servers blijven je naar elkaar doorsturen (nu naar " + home.url() +
                  "). Daar is geen verbinding meer mee gemaakt. Meld dit aan de beheerder van de "
                  "server.");
    EXPECT_TRUE(core.last_notice()->error);
    EXPECT_EQ(home.hellos(), 2 * round);
    EXPECT_EQ(other.hellos(), 2 * round);
    EXPECT_EQ(home.connections() + other.connections(), 4 * round);
    EXPECT_EQ(core.connection().last_error, "Doorverwijzing van de server geweigerd.");
    EXPECT_EQ(core.phase(), session_phase::waiting) << "who he is stays known";
    EXPECT_TRUE(core.identity());
    EXPECT_FALSE(core.followed()) << "the next try goes to his own server";
    core.clear_notice();
  }
}

TEST(MovedLoop, AnInstanceThatSendsTheClientToItselfIsNotAskedAgainAtOnce) {
  scratch_dir dir{"moved-self"};
  moving_server server;
  server.send_to(server.url() + "/ws");
  client_core core(options_in(dir / "bram"));
  ASSERT_EQ(core.use_server(server.url()), "");
  core.join("ABCD-EFGH", bram);

  ASSERT_TRUE(gave_up(core, "zichzelf")) << server.hellos() << " hellos";
  EXPECT_EQ(core.last_notice()->text, "De server stuurde je door naar zichzelf (" + server.url() +
                                          "). Daar is geen verbinding mee gemaakt. Meld dit aan "
                                          "de beheerder van de server.");
  EXPECT_EQ(server.hellos(), 1u);
  EXPECT_EQ(server.connections(), 1u);
  EXPECT_EQ(core.phase(), session_phase::waiting);
  EXPECT_TRUE(core.identity());

  // After the backoff it asks once more, and again only once.
  core.clear_notice();
  ASSERT_TRUE(gave_up(core, "zichzelf"));
  EXPECT_EQ(server.hellos(), 2u);
  EXPECT_EQ(server.connections(), 2u);
}

}  // namespace
}  // namespace jos::client::testing
