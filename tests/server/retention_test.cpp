// Retention: a trajectory is erased a set number of months after its final meeting (the
// latest planned date), never while a meeting is in progress or before any date is set,
// and not while someone is in it.

#include <gtest/gtest.h>

#include <future>

#include "server/hub.hpp"
#include "server/retention.hpp"
#include "tests/server/store_fixture.hpp"

namespace jos::server::test {
namespace {

using namespace shared;

trajectory with_dates(std::vector<std::string> dates) {
  auto t = make_trajectory("t", partnership{"School", "Jongerenwerk", cooperation::existing});
  for (std::size_t i = 0; i < dates.size() && i < t.meetings.size(); ++i)
    t.meetings[i].planned_date = dates[i];
  return t;
}

TEST(RetentionDate, ErasableFromMonthsAfterTheLatestMeeting) {
  EXPECT_EQ(erase_after(with_dates({"2025-01-15", "2025-03-02"}), 12), "2026-03-02");
  EXPECT_EQ(erase_after(with_dates({"2024-03-31"}), 11), "2025-02-28");
  EXPECT_EQ(erase_after(with_dates({"2024-12-01"}), 1), "2025-01-01");
  EXPECT_EQ(erase_after(with_dates({"2024-05-01"}), 0), std::nullopt) << "0 means never";
  EXPECT_EQ(erase_after(with_dates({}), 12), std::nullopt) << "no date yet";
  auto running = with_dates({"2020-01-01"});
  running.meetings[0].status = meeting_status::bezig;
  EXPECT_EQ(erase_after(running, 12), std::nullopt);
}

// The app warns from 30 days before the erasure; the date it names is the erasure's.
TEST(RetentionWarning, TheWarningComesThirtyDaysBefore) {
  const auto t = with_dates({"2025-01-15", "2025-03-02"});
  EXPECT_EQ(erasure_warning(t, 12, "2026-01-30"), std::nullopt);
  EXPECT_EQ(erasure_warning(t, 12, "2026-01-31"), "2026-03-02") << "30 days before 2 March";
  EXPECT_EQ(erasure_warning(t, 12, "2026-03-05"), "2026-03-02") << "overdue: still warned";
  EXPECT_EQ(erasure_warning(t, 0, "2030-01-01"), std::nullopt) << "never erased";
}

// Every client hears the server's retention in welcome, so that the app can warn.
TEST(RetentionWarning, WelcomeTellsTheServersRetention) {
  config cfg;
  cfg.retention_months = 7;
  test_server server(cfg);
  auto t = make_team(server, {"Cora"});
  test_client again(server.port());
  ASSERT_EQ(again.connect(), "");
  const auto welcome = again.hello(t[0].token, "cora-again");
  ASSERT_TRUE(welcome);
  EXPECT_EQ(welcome->retention_months, 7);
}

std::vector<std::string> erase_expired(test_server& server, int months, const std::string& today) {
  std::promise<std::vector<std::string>> erased;
  auto future = erased.get_future();
  server.rooms()->erase_expired(months, today,
                                [&](std::vector<std::string> ids) { erased.set_value(ids); });
  if (future.wait_for(default_wait) != std::future_status::ready) return {"timeout"};
  return future.get();
}

// On each store (store_fixture.hpp).
class Retention : public Stores {};

TEST_P(Retention, TheServerErasesAnExpiredTrajectoryOnceNobodyIsInIt) {
  config cfg;
  cfg.db = database();
  test_server server(cfg);
  auto old = make_team(server, {"Anna"});
  auto current = make_team(server, {"Bram"});
  for (int m = 0; m < 4; ++m)
    ASSERT_TRUE(old[0]->submit_acked(
        op::schedule_meeting{m, "2024-0" + std::to_string(m + 1) + "-10", meeting_mode::fysiek}));
  ASSERT_TRUE(
      current[0]->submit_acked(op::schedule_meeting{3, "2025-09-01", meeting_mode::fysiek}));

  // Anna is still in it: it stays this round.
  EXPECT_TRUE(erase_expired(server, 12, "2025-06-01").empty());
  old[0]->close();
  server.unload_idle_rooms();
  const auto erased = erase_expired(server, 12, "2025-06-01");
  EXPECT_EQ(erased, std::vector<std::string>{old.trajectory_id});

  // Gone from the file; the other one, whose last meeting is later, is kept; Anna's token
  // no longer opens anything.
  test_client anna(server.port());
  ASSERT_EQ(anna.connect(), "");
  EXPECT_FALSE(anna.hello(old[0].token, "anna-again"));
  EXPECT_TRUE(server.state(current.trajectory_id));
  server.stop();
  const auto left = open_store()->trajectories();
  ASSERT_EQ(left.size(), 1u);
  EXPECT_EQ(left[0].id, current.trajectory_id);
}

INSTANTIATE_TEST_SUITE_P(, Retention, testing::Values("sqlite", "postgresql"), store_name);

}  // namespace
}  // namespace jos::server::test
