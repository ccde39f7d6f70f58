// A whole leerlijn, scripted end to end over real sockets: creation, the four meetings,
// actions between them, a group vote, the final comparison, and the documents everyone
// receives, checked against golden files (the PDF through pdftotext).

#include <gtest/gtest.h>

#include <array>
#include <cstdlib>
#include <filesystem>
#include <fstream>

#include "shared/comparison.hpp"
#include "shared/rules.hpp"
#include "tests/server/test_client.hpp"
#include "tests/server/test_server.hpp"

namespace jos::server::test {
namespace {

using namespace shared;

// Ratings of the first and the second Signaleringsinstrument.
constexpr std::array<int, 10> begin_ratings{1, 2, 1, 2, 3, 1, 1, 2, 2, 1};  // 16 Opbouwfase
constexpr std::array<int, 10> end_ratings{2, 3, 2, 2, 3, 3, 2, 3, 3, 2};    // 25 Doorontwikkelfase

std::string read_file(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  return {std::istreambuf_iterator<char>(in), std::istreambuf_iterator<char>()};
}

// Replaces what differs between runs (the random trajectory id) by a fixed word.
std::string stable(std::string text, const std::string& trajectory_id) {
  for (std::size_t p = 0; (p = text.find(trajectory_id, p)) != std::string::npos;)
    text.replace(p, trajectory_id.size(), "TRAJECT");
  return text;
}

// Compares with tests/server/golden/<name>; JOS_UPDATE_GOLDEN=1 writes the file instead.
void expect_golden(const std::string& name, const std::string& actual) {
  const std::string path = std::string(JOS_GOLDEN_DIR) + "/" + name;
  if (std::getenv("JOS_UPDATE_GOLDEN") != nullptr) {
    std::ofstream(path, std::ios::binary) << actual;
    return;
  }
  ASSERT_TRUE(std::filesystem::exists(path)) << "missing golden file " << path;
  EXPECT_EQ(actual, read_file(path)) << "differs from " << path;
}

std::string pdf_to_text(const std::string& pdf, const temp_dir& dir) {
  const std::string in = dir.file("export.pdf");
  const std::string out = dir.file("export.txt");
  std::ofstream(in, std::ios::binary) << pdf;
  const std::string cmd = "pdftotext -enc UTF-8 -layout " + in + " " + out;
  if (std::system(cmd.c_str()) != 0) return {};
  return read_file(out);
}

void run_meeting(team& t, int meeting, person_id invuller, person_id notulist) {
  auto& coordinator = *t[0];
  ASSERT_TRUE(coordinator.submit_acked(op::start_meeting{meeting, 0}));
  ASSERT_TRUE(coordinator.submit_acked(op::assign_role{meeting, meeting_role::invuller, invuller}));
  ASSERT_TRUE(coordinator.submit_acked(op::assign_role{meeting, meeting_role::notulist, notulist}));
  for (auto& m : t.members) ASSERT_TRUE(m->submit_acked(op::set_presence{meeting, m.person, true}));
}

void end_meeting(team& t, int meeting, const std::string& next_date) {
  auto& coordinator = *t[0];
  const auto& agenda =
      template_of(coordinator.replica().meetings[static_cast<std::size_t>(meeting)]).agenda;
  for (int i = 1; i < static_cast<int>(agenda.size()); ++i) {
    ASSERT_TRUE(coordinator.submit_acked(op::goto_agenda_item{meeting, i, 0}));
  }
  // Afsluiting: the next date is agreed, then the meeting closes.
  if (!next_date.empty()) {
    ASSERT_TRUE(coordinator.submit_acked(
        op::schedule_meeting{meeting + 1, next_date, meeting_mode::hybride}));
  }
  ASSERT_TRUE(coordinator.submit_acked(op::end_meeting{meeting, 0}));
}

op::edit_text type(document_id doc, int row, int column, std::string text) {
  op::edit_text e;
  e.target.document = doc;
  e.target.row = row;
  e.target.column = column;
  e.edits.push_back({0, 0, std::move(text)});
  return e;
}

op::edit_text minutes(int meeting, std::string text) {
  op::edit_text e;
  e.target.minutes = true;
  e.target.meeting = meeting;
  e.edits.push_back({0, 0, std::move(text)});
  return e;
}

TEST(Leerlijn, FourMeetingsFromCreationToComparisonAndDocuments) {
  test_server server;
  team t = make_team(server, {"Ilse de Vries", "Noël Öztürk", "Sanne Jansen", "Youssef El Amrani"});
  ASSERT_EQ(t.members.size(), 4U);
  auto& coordinator = *t[0];
  const person_id invuller = t[1].person;
  const person_id notulist = t[2].person;
  auto& fill = *t[1];
  auto& notes = *t[2];

  ASSERT_TRUE(coordinator.submit_acked(op::plan_from_start{"2026-09-07"}));
  for (int i = 0; i < 3; ++i) {
    ASSERT_TRUE(coordinator.submit_acked(op::set_precondition{i, true}));
  }
  ASSERT_TRUE(settle(server, t));
  const auto& planned = coordinator.replica().meetings;
  EXPECT_EQ(planned[0].planned_date, "2026-09-07");
  EXPECT_EQ(planned[1].planned_date, "2026-09-21");
  EXPECT_EQ(planned[2].planned_date, "2026-11-02");
  EXPECT_EQ(planned[3].planned_date, "2026-12-28");

  // Meeting 1: the Signaleringsinstrument.
  run_meeting(t, 0, invuller, notulist);
  for (int row = 0; row < 10; ++row) {
    ASSERT_TRUE(fill.submit_acked(op::set_rating{document_id::signalering_begin, row,
                                                 begin_ratings[static_cast<std::size_t>(row)]}));
  }
  ASSERT_TRUE(fill.submit_acked(type(document_id::signalering_begin, 0, 0,
                                     "School en jongerenwerk overleggen alleen bij incidenten.")));
  ASSERT_TRUE(
      notes.submit_acked(minutes(0, "Fase: opbouw. Iedereen krijgt het ingevulde instrument.")));
  // The attendee who is not invuller cannot score.
  const auto refused = t[3]->submit(op::set_rating{document_id::signalering_begin, 1, 3});
  ASSERT_TRUE(t[3]->wait_reject(refused));
  end_meeting(t, 0, "2026-09-22");

  // Meeting 2: the Actieplan, with actions that get an owner and a date.
  run_meeting(t, 1, invuller, notulist);
  ASSERT_TRUE(fill.submit_acked(
      type(document_id::actieplan, 2, 0, "Informatie komt te laat bij het jongerenwerk.")));
  ASSERT_TRUE(
      fill.submit_acked(type(document_id::actieplan, 2, 1,
                             "Wekelijks kort overleg tussen zorgcoördinator en jongerenwerker.")));
  ASSERT_TRUE(fill.submit_acked(
      op::add_action{2, "Wekelijks overleg inplannen", t[3].person, "2026-10-01"}));
  ASSERT_TRUE(fill.submit_acked(
      op::add_action{9, "Ruimte bij de aula inrichten", t[1].person, "2026-11-01"}));
  end_meeting(t, 1, "");

  // Between meetings: owners mark progress.
  ASSERT_TRUE(t[3]->submit_acked(op::set_action_status{1, action_status::klaar}));
  ASSERT_TRUE(t[1]->submit_acked(op::set_action_status{2, action_status::bezig}));

  // Meeting 3: the interim Evaluatielijst.
  run_meeting(t, 2, invuller, notulist);
  ASSERT_TRUE(fill.submit_acked(
      type(document_id::evaluatie_tussentijds, 2, 0, "Grotendeels: het overleg loopt.")));
  end_meeting(t, 2, "");

  // Meeting 4: the final Evaluatielijst and the second Signaleringsinstrument, one rating
  // by group vote.
  run_meeting(t, 3, invuller, notulist);
  ASSERT_TRUE(fill.submit_acked(
      type(document_id::evaluatie_eind, 9, 1, "Ruimte ingericht en in gebruik.")));
  for (int row = 1; row < 10; ++row) {
    ASSERT_TRUE(fill.submit_acked(op::set_rating{document_id::signalering_eind, row,
                                                 end_ratings[static_cast<std::size_t>(row)]}));
  }
  ASSERT_TRUE(fill.submit_acked(op::open_vote{3, document_id::signalering_eind, 0, false}));
  const std::array<int, 4> votes{2, 2, 3, 1};
  for (std::size_t i = 0; i < t.members.size(); ++i) {
    ASSERT_TRUE(t[i]->submit_acked(op::cast_vote{3, votes[i]}));
  }
  // Everyone has voted: the server shows the ballots by itself.
  ASSERT_TRUE(fill.wait([&] { return fill.replica().meetings[3].session.vote.revealed; }));
  ASSERT_TRUE(fill.submit_acked(op::close_vote{3, 2}));
  end_meeting(t, 3, "");
  ASSERT_TRUE(settle(server, t));

  // Everyone holds the same state as the server.
  const auto held = server.state(t.trajectory_id);
  ASSERT_TRUE(held);
  for (auto& m : t.members) EXPECT_EQ(m->replica_hash(), held->hash);

  const trajectory& final_state = coordinator.replica();
  ASSERT_EQ(final_state.votes.size(), 1U);
  EXPECT_EQ(final_state.votes[0].distribution, (std::array<int, 3>{1, 2, 1}));
  const comparison cmp = compare_signalering(final_state);
  EXPECT_EQ(cmp.before.total, 16);
  EXPECT_EQ(cmp.after.total, 25);
  ASSERT_TRUE(cmp.before.final_phase && cmp.after.final_phase);
  EXPECT_EQ(band_of(*cmp.before.final_phase).name, "Opbouwfase");
  EXPECT_EQ(band_of(*cmp.after.final_phase).name, "Doorontwikkelfase");
  EXPECT_EQ(cmp.improved, 8);
  EXPECT_EQ(cmp.same, 2);
  EXPECT_EQ(cmp.worse, 0);

  // The documents everyone receives, from the server, for members only.
  const std::string token = t[3].token;
  const auto comparison_md =
      http_get(server.port(), "/export/vergelijking.md", false, default_wait, token);
  ASSERT_EQ(comparison_md.status, 200) << comparison_md.body;
  expect_golden("vergelijking.md", stable(comparison_md.body, t.trajectory_id));
  const auto plan_csv =
      http_get(server.port(), "/export/actieplan.csv", false, default_wait, token);
  ASSERT_EQ(plan_csv.status, 200);
  expect_golden("actieplan.csv", stable(plan_csv.body, t.trajectory_id));
  const auto ics = http_get(server.port(), "/export/planning.ics", false, default_wait, token);
  ASSERT_EQ(ics.status, 200);
  expect_golden("planning.ics", stable(ics.body, t.trajectory_id));
  const auto pdf = http_get(server.port(), "/export/vergelijking.pdf", false, default_wait, token);
  ASSERT_EQ(pdf.status, 200);
  ASSERT_EQ(pdf.body.rfind("%PDF-", 0), 0U);
  temp_dir dir;
  const std::string text = pdf_to_text(pdf.body, dir);
  ASSERT_FALSE(text.empty()) << "pdftotext (poppler-utils) is needed";
  expect_golden("vergelijking.pdf.txt", text);

  EXPECT_EQ(http_get(server.port(), "/export/vergelijking.md").status, 401);
  EXPECT_EQ(
      http_get(server.port(), "/export/vergelijking.md", false, default_wait, "not-a-token").status,
      401);
  EXPECT_EQ(http_get(server.port(), "/export/geheim.md", false, default_wait, token).status, 404);
}

}  // namespace
}  // namespace jos::server::test
