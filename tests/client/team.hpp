#pragma once
// The people of the client tests and how they come onto one leerlijn: the coordinator
// starts it on a real server, the others join with its team code. The GUI, view and core
// tests share these, so a team is set up the same way everywhere.

#include <gtest/gtest.h>

#include <chrono>

#include "client/core/client_core.hpp"
#include "test_server.hpp"

namespace jos::client::testing {

inline const protocol::profile anna_de_wit{"Anna de Wit", shared::organisation::school,
                                           "teamleider", shared::staff_level::manager};
inline const protocol::profile bram_ozturk{"Bram Öztürk", shared::organisation::jongerenwerk,
                                           "jongerenwerker", shared::staff_level::uitvoerder};
inline const protocol::profile zoe_celik{"Zoë Çelik", shared::organisation::jongerenwerk,
                                         "jongerenwerker", shared::staff_level::uitvoerder};
inline const protocol::profile mo_haddou{"Mo Haddou", shared::organisation::school, "mentor",
                                         shared::staff_level::uitvoerder};

inline constexpr std::chrono::seconds patience{15};

// `coordinator` starts the leerlijn of Het Baken and Jongerenwerk Oost on `server` and waits
// until it is live. Call through ASSERT_NO_FATAL_FAILURE.
inline void start_leerlijn(client_core& coordinator, const test_server& server,
                           shared::cooperation kind = shared::cooperation::existing,
                           const protocol::profile& who = anna_de_wit) {
  coordinator.use_server(server.url());
  coordinator.create_trajectory({"Het Baken", "Jongerenwerk Oost", kind}, who);
  ASSERT_TRUE(coordinator.run_until([&] { return coordinator.live(); }, patience));
}

// `member` joins with `join_code` and waits until live. Call through ASSERT_NO_FATAL_FAILURE.
inline void join_team(client_core& member, const test_server& server, const std::string& join_code,
                      const protocol::profile& who) {
  member.use_server(server.url());
  member.join(join_code, who);
  ASSERT_TRUE(member.run_until([&] { return member.live(); }, patience));
}

// `member` joins the leerlijn `coordinator` started, and the coordinator has seen them
// arrive in the team.
inline void join_team(client_core& member, const test_server& server, client_core& coordinator,
                      const protocol::profile& who) {
  const auto before = coordinator.state().team.size();
  ASSERT_NO_FATAL_FAILURE(join_team(member, server, coordinator.identity()->join_code, who));
  ASSERT_TRUE(
      coordinator.run_until([&] { return coordinator.state().team.size() > before; }, patience));
}

// Until everything `core` asked for is confirmed.
inline void settle(client_core& core) {
  ASSERT_TRUE(core.run_until([&] { return core.live() && core.waiting_changes() == 0; }, patience));
}

}  // namespace jos::client::testing
