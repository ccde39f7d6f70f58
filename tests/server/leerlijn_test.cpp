// A whole leerlijn, scripted end to end over real sockets: creation, the four meetings with
// who was there and minutes per agenda item, actions between them with a check-in, a group
// vote, the final comparison, and the documents everyone receives before and after each
// meeting, checked against golden files (the PDFs through pdftotext). Once for an existing
// cooperation, once for a new one whose final comparison holds the desired situation beside
// the second assessment, with a long minutes text.

#include <gtest/gtest.h>

#include <array>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <regex>

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

// Replaces what differs between runs by a fixed word: the random trajectory id, the moment
// a calendar file was made, and how many minutes an agenda item took on this machine's clock.
std::string stable(std::string text, const std::string& trajectory_id) {
  for (std::size_t p = 0; (p = text.find(trajectory_id, p)) != std::string::npos;)
    text.replace(p, trajectory_id.size(), "TRAJECT");
  text = std::regex_replace(text, std::regex("DTSTAMP:[0-9T]+Z"), "DTSTAMP:GEMAAKT");
  return std::regex_replace(text, std::regex("duurde ([0-9]+ min|minder dan een minuut)"),
                            "duurde N min");
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

// With JOS_SCREENSHOT_DIR set (as for the app's screenshots), the first page of a PDF as a
// PNG there, for docs/.
void first_page_png(const std::string& pdf, const temp_dir& dir, const std::string& name) {
  const char* into = std::getenv("JOS_SCREENSHOT_DIR");
  if (into == nullptr) return;
  const std::string in = dir.file("page.pdf");
  std::ofstream(in, std::ios::binary) << pdf;
  const std::string cmd =
      "pdftoppm -png -r 80 -f 1 -l 1 -singlefile " + in + " " + std::string(into) + "/" + name;
  EXPECT_EQ(std::system(cmd.c_str()), 0) << cmd;
}

op::edit_text type(document_id doc, int row, int column, std::string text) {
  op::edit_text e;
  e.target.document = doc;
  e.target.row = row;
  e.target.column = column;
  e.edits.push_back({0, 0, std::move(text)});
  return e;
}

op::edit_text notes(int meeting, int item, bool decided, std::string text) {
  return {op::minutes_target(meeting, item, decided), {{0, 0, std::move(text)}}};
}

// The minutes of a meeting as a whole, typed in pieces as a notulist does (a message holds
// at most 64 KiB, a long text goes in several edits).
void whole_minutes(test_client& notulist, int meeting, const std::string& text) {
  std::size_t at = 0;
  std::size_t typed = 0;  // code points so far
  while (at < text.size()) {
    std::size_t end = std::min(text.size(), at + 6000);
    while (end < text.size() && (static_cast<unsigned char>(text[end]) & 0xC0U) == 0x80U) ++end;
    op::edit_text e;
    e.target.minutes = true;
    e.target.meeting = meeting;
    const std::string piece = text.substr(at, end - at);
    e.edits.push_back({typed, 0, piece});
    ASSERT_TRUE(notulist.submit_acked(e));
    typed += code_points(piece);
    at = end;
  }
}

// A realistic long minutes text: numbered sentences, some 40,000 characters.
std::string long_minutes() {
  std::string out;
  for (int i = 1; code_points(out) + 200 < max_minutes_length; ++i)
    out += "Punt " + std::to_string(i) +
           ": de jongerenwerkers en de mentoren bespreken hoe de ‘eigen ruimte’ na de "
           "toetsweek weer elke dag open kan – met één vast aanspreekpunt per leerjaar.\n";
  return out;
}

struct meeting_plan {
  int index = 0;
  std::string time;
  std::string place;
  std::string link;
  std::string next_date;             // agreed at the Afsluiting ("" when none)
  std::vector<std::size_t> online;   // members joining online (the others in the room)
  std::vector<std::size_t> excused;  // members absent with notice
};

class Leerlijn : public ::testing::Test {
 protected:
  void SetUp() override {
    t_ = make_team(server_, {"Ilse de Vries", "Noël Öztürk", "Sanne Jansen", "Youssef El Amrani"});
    ASSERT_EQ(t_.members.size(), 4U);
    auto& coordinator = *t_[0];
    // Uitvoerders and managers of both organisations, as the first meeting asks.
    ASSERT_TRUE(coordinator.submit_acked(
        op::update_person{{t_[0].person, "Ilse de Vries", organisation::school, "teamleider",
                           staff_level::manager, true}}));
    ASSERT_TRUE(coordinator.submit_acked(
        op::update_person{{t_[3].person, "Youssef El Amrani", organisation::jongerenwerk,
                           "coördinator schooljongerenwerk", staff_level::manager, false}}));
  }

  test_client& coordinator() { return *t_[0]; }
  test_client& invuller() { return *t_[1]; }
  test_client& notulist() { return *t_[2]; }
  person_id invuller_id() { return t_[1].person; }
  person_id notulist_id() { return t_[2].person; }
  int agenda_size(int meeting) {
    return static_cast<int>(
        template_of(coordinator().replica().meetings[static_cast<std::size_t>(meeting)])
            .agenda.size());
  }
  int item_showing(int meeting, agenda_screen shows, int from = 0) {
    const auto& agenda =
        template_of(coordinator().replica().meetings[static_cast<std::size_t>(meeting)]).agenda;
    for (int i = from; i < static_cast<int>(agenda.size()); ++i)
      if (agenda[static_cast<std::size_t>(i)].shows == shows) return i;
    ADD_FAILURE() << "no such item";
    return 0;
  }

  // Time and place first, then the meeting: roles, who is there (online people say so
  // themselves, the notulist marks the room and those who sent notice), the welcome noted.
  void open_meeting(const meeting_plan& p) {
    auto& c = coordinator();
    ASSERT_TRUE(c.submit_acked(op::set_meeting_details{p.index, p.time, p.place, p.link}));
    ASSERT_TRUE(c.submit_acked(op::start_meeting{p.index, 0}));
    ASSERT_TRUE(c.submit_acked(op::assign_role{p.index, meeting_role::invuller, invuller_id()}));
    ASSERT_TRUE(c.submit_acked(op::assign_role{p.index, meeting_role::notulist, notulist_id()}));
    for (std::size_t i = 0; i < t_.members.size(); ++i) {
      const bool excused = std::count(p.excused.begin(), p.excused.end(), i) > 0;
      const bool online = std::count(p.online.begin(), p.online.end(), i) > 0;
      if (online) {
        ASSERT_TRUE(
            t_[i]->submit_acked(op::set_attendance{p.index, t_[i].person, attendance::online}));
      } else {
        ASSERT_TRUE(notulist().submit_acked(op::set_attendance{
            p.index, t_[i].person, excused ? attendance::afgemeld : attendance::aanwezig}));
      }
    }
    ASSERT_TRUE(notulist().submit_acked(notes(p.index, 0, false, "Welkom; rollen verdeeld.")));
  }

  void go_to(int meeting, int item) {
    ASSERT_TRUE(coordinator().submit_acked(op::goto_agenda_item{meeting, item, 0}));
  }

  // The rest of the agenda, the next date agreed at the Afsluiting, and the end.
  void close_meeting(const meeting_plan& p) {
    const int last = agenda_size(p.index) - 1;
    go_to(p.index, last);
    if (!p.next_date.empty()) {
      ASSERT_TRUE(coordinator().submit_acked(
          op::schedule_meeting{p.index + 1, p.next_date, meeting_mode::hybride}));
    }
    ASSERT_TRUE(notulist().submit_acked(
        notes(p.index, last, true, "Iedereen ontvangt de ingevulde documenten.")));
    ASSERT_TRUE(coordinator().submit_acked(op::end_meeting{p.index, 0}));
  }

  // The four meetings; `fresh` for a newly started cooperation, `minutes` for meeting 3's
  // minutes as a whole.
  void run_leerlijn(bool fresh, const std::string& minutes) {
    auto& c = coordinator();
    auto& fill = invuller();
    auto& noor = notulist();
    if (fresh) {
      ASSERT_TRUE(c.submit_acked(op::set_partnership{{"Het Baken", "JOOT", cooperation::fresh}}));
    }
    ASSERT_TRUE(c.submit_acked(op::plan_from_start{"2026-09-07"}));
    for (int i = 0; i < 3; ++i) ASSERT_TRUE(c.submit_acked(op::set_precondition{i, true}));

    // Meeting 1: the Signaleringsinstrument, all four there.
    const meeting_plan first{0, "15:30", "Het Baken, lokaal 2.14", "", "2026-09-22", {}, {}};
    open_meeting(first);
    go_to(0, 1);
    ASSERT_TRUE(noor.submit_acked(notes(0, 1, false, "Doel, opzet en looptijd toegelicht.")));
    go_to(0, 3);
    ASSERT_TRUE(noor.submit_acked(notes(0, 3, false, "De vier werkzame elementen zijn helder.")));
    go_to(0, 4);
    for (int row = 0; row < 10; ++row) {
      ASSERT_TRUE(fill.submit_acked(op::set_rating{document_id::signalering_begin, row,
                                                   begin_ratings[static_cast<std::size_t>(row)]}));
    }
    ASSERT_TRUE(fill.submit_acked(
        type(document_id::signalering_begin, 0, 0,
             fresh ? "Gelijkwaardig overleg: school en jongerenwerk beslissen samen."
                   : "School en jongerenwerk overleggen alleen bij incidenten.")));
    ASSERT_TRUE(fill.submit_acked(type(
        document_id::signalering_begin, 9, 0,
        fresh ? "Een eigen ruimte naast de aula, elke dag open." : "Er is geen eigen ruimte.")));
    ASSERT_TRUE(noor.submit_acked(notes(0, 4, true, "Totaal 16: de Opbouwfase.")));
    // The attendee who is not invuller cannot score.
    const auto refused = t_[3]->submit(op::set_rating{document_id::signalering_begin, 1, 3});
    ASSERT_TRUE(t_[3]->wait_reject(refused));
    close_meeting(first);

    // Meeting 2: the Actieplan, actions with an owner and a date; Youssef sent notice.
    const meeting_plan second{
        1, "09:00", "Jongerencentrum De Kop", "https://meet.example.nl/jos-baken", "", {2}, {3}};
    open_meeting(second);
    go_to(1, item_showing(1, agenda_screen::fill));
    const int plan_item = item_showing(1, agenda_screen::fill);
    ASSERT_TRUE(fill.submit_acked(
        type(document_id::actieplan, 2, 0, "Informatie komt te laat bij het jongerenwerk.")));
    ASSERT_TRUE(fill.submit_acked(
        type(document_id::actieplan, 2, 1,
             "Wekelijks kort overleg tussen zorgcoördinator en jongerenwerker.")));
    ASSERT_TRUE(fill.submit_acked(
        op::add_action{2, "Wekelijks overleg inplannen", t_[3].person, "2026-10-01"}));
    ASSERT_TRUE(fill.submit_acked(
        op::add_action{9, "Ruimte bij de aula inrichten", t_[1].person, "2026-11-01"}));
    ASSERT_TRUE(noor.submit_acked(notes(1, plan_item, false,
                                        "Eerst de zwakste onderdelen besproken: afstemming en "
                                        "een eigen ruimte.")));
    close_meeting(second);

    // Between meetings: owners mark progress; the coordinator checks in.
    ASSERT_TRUE(t_[3]->submit_acked(op::set_action_status{1, action_status::klaar}));
    ASSERT_TRUE(c.submit_acked(op::record_check_in{t_[1].person, false, "Nog geen ruimte.", 0}));
    ASSERT_TRUE(c.submit_acked(op::record_check_in{t_[1].person, true, "Aula vrijgemaakt.", 0}));
    ASSERT_TRUE(t_[1]->submit_acked(op::set_action_status{2, action_status::bezig}));

    // Meeting 3: the interim Evaluatielijst, with the minutes as a whole.
    const meeting_plan third{
        2, "15:30", "Het Baken, lokaal 2.14", "https://meet.example.nl/jos-baken", "", {1}, {}};
    open_meeting(third);
    go_to(2, item_showing(2, agenda_screen::fill));
    ASSERT_TRUE(fill.submit_acked(
        type(document_id::evaluatie_tussentijds, 2, 0, "Grotendeels: het overleg loopt.")));
    ASSERT_NO_FATAL_FAILURE(whole_minutes(noor, 2, minutes));
    close_meeting(third);

    // Meeting 4: the final Evaluatielijst, the second Signaleringsinstrument with one rating
    // by group vote, and the comparison with the team's conclusions.
    const meeting_plan fourth{3, "15:30", "Het Baken, lokaal 2.14", "", "", {}, {}};
    open_meeting(fourth);
    go_to(3, item_showing(3, agenda_screen::fill));
    ASSERT_TRUE(fill.submit_acked(
        type(document_id::evaluatie_eind, 9, 1, "Ruimte ingericht en in gebruik.")));
    const int rating_item =
        item_showing(3, agenda_screen::fill, item_showing(3, agenda_screen::fill) + 1);
    go_to(3, rating_item);
    for (int row = 1; row < 10; ++row) {
      ASSERT_TRUE(fill.submit_acked(op::set_rating{document_id::signalering_eind, row,
                                                   end_ratings[static_cast<std::size_t>(row)]}));
    }
    ASSERT_TRUE(fill.submit_acked(type(document_id::signalering_eind, 9, 0,
                                       "De ruimte is er, maar alleen op dinsdag open.")));
    ASSERT_TRUE(fill.submit_acked(op::open_vote{3, document_id::signalering_eind, 0, false}));
    const std::array<int, 4> votes{2, 2, 3, 1};
    for (std::size_t i = 0; i < t_.members.size(); ++i) {
      ASSERT_TRUE(t_[i]->submit_acked(op::cast_vote{3, votes[i]}));
    }
    // Everyone has voted: the server shows the ballots by itself.
    ASSERT_TRUE(fill.wait([&] { return fill.replica().meetings[3].session.vote.revealed; }));
    ASSERT_TRUE(fill.submit_acked(op::close_vote{3, 2}));
    const int comparison_item = item_showing(3, agenda_screen::fill, rating_item + 1);
    go_to(3, comparison_item);
    ASSERT_TRUE(fill.submit_acked(
        type(document_id::conclusies, 9, 0, "Half bereikt: openingstijden verruimen.")));
    ASSERT_TRUE(noor.submit_acked(notes(3, comparison_item, true,
                                        "De samenwerking is versterkt; de ruimte blijft een "
                                        "aandachtspunt.")));
    close_meeting(fourth);
    ASSERT_TRUE(settle(server_, t_));

    // Everyone holds the same state as the server.
    const auto held = server_.state(t_.trajectory_id);
    ASSERT_TRUE(held);
    for (auto& m : t_.members) EXPECT_EQ(m->replica_hash(), held->hash);
  }

  http_reply fetch(const std::string& file) {
    return http_get(server_.port(), "/export/" + file, false, default_wait, t_[3].token);
  }
  std::string text_of(const std::string& file) {
    const auto reply = fetch(file);
    EXPECT_EQ(reply.status, 200) << file << ": " << reply.body;
    return stable(reply.body, t_.trajectory_id);
  }
  std::string pdf_text_of(const std::string& file, const std::string& png = {}) {
    const auto reply = fetch(file);
    EXPECT_EQ(reply.status, 200) << file;
    EXPECT_EQ(reply.body.rfind("%PDF-", 0), 0U) << file;
    if (!png.empty()) first_page_png(reply.body, dir_, png);
    const std::string text = pdf_to_text(reply.body, dir_);
    EXPECT_FALSE(text.empty()) << "pdftotext (poppler-utils) is needed";
    return stable(text, t_.trajectory_id);
  }

  test_server server_;
  team t_;
  temp_dir dir_;
};

TEST_F(Leerlijn, FourMeetingsWithTheirRecordFromCreationToComparisonAndDocuments) {
  ASSERT_NO_FATAL_FAILURE(run_leerlijn(false, "Fase: opbouw. De actiehouders lichten toe."));
  const trajectory& final_state = coordinator().replica();
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
  // The record: who was there, per item what was said and decided, the time it took.
  const live_session& second = final_state.meetings[1].session;
  EXPECT_EQ(second.excused, std::vector<person_id>{t_[3].person});
  EXPECT_EQ(second.online, std::vector<person_id>{t_[2].person});
  const auto& plan_record = second.items[4];
  EXPECT_EQ(plan_record.actions, (std::vector<int>{1, 2}));
  EXPECT_GT(plan_record.used_ms, 0);
  EXPECT_EQ(final_state.meetings[0].session.items[5].next_date, "2026-09-22");
  EXPECT_EQ(final_state.meetings[3].session.items[3].votes, std::vector<int>{0});

  // The documents everyone receives, from the server, for members only.
  expect_golden("vergelijking.md", text_of("vergelijking.md"));
  expect_golden("actieplan.csv", text_of("actieplan.csv"));
  expect_golden("planning.ics", text_of("planning.ics"));
  expect_golden("vergelijking.pdf.txt", pdf_text_of("vergelijking.pdf"));
  expect_golden("notulen-1.pdf.txt", pdf_text_of("notulen-1.pdf", "notulen-pdf"));
  expect_golden("notulen-2.md", text_of("notulen-2.md"));
  expect_golden("signaleringsinstrument-begin.csv", text_of("signaleringsinstrument-begin.csv"));
  expect_golden("uitnodiging-2.txt", text_of("uitnodiging-2.txt"));
  expect_golden("uitnodiging-2.ics", text_of("uitnodiging-2.ics"));
  const std::string minutes_csv = text_of("notulen-3.csv");
  EXPECT_NE(minutes_csv.find("Fase: opbouw. De actiehouders lichten toe."), std::string::npos);

  EXPECT_EQ(http_get(server_.port(), "/export/vergelijking.md").status, 401);
  EXPECT_EQ(http_get(server_.port(), "/export/vergelijking.md", false, default_wait, "not-a-token")
                .status,
            401);
  EXPECT_EQ(fetch("geheim.md").status, 404);
  EXPECT_EQ(fetch("uitnodiging-9.ics").status, 404);
}

// A new cooperation: the final comparison sets the second assessment beside the desired
// situation the team wrote the first time, with its conclusions; meeting 3's minutes run to
// 40,000 characters and lose nothing.
TEST_F(Leerlijn, ANewCooperationComparesWithTheDesiredSituationAndLongMinutesLoseNothing) {
  const std::string minutes = long_minutes();
  ASSERT_NO_FATAL_FAILURE(run_leerlijn(true, minutes));
  EXPECT_EQ(coordinator().replica().meetings[2].session.minutes, minutes);
  expect_golden("vergelijking-nieuw.pdf.txt", pdf_text_of("vergelijking.pdf", "vergelijking-pdf"));
  const std::string long_pdf = pdf_text_of("notulen-3.pdf");
  expect_golden("notulen-3-lang.pdf.txt", long_pdf);
  // Every sentence is there, in order.
  std::string flat;
  for (char ch : long_pdf)
    if (ch != ' ' && ch != '\n' && ch != '\f') flat += ch;
  std::size_t at = 0;
  for (int i = 1;; ++i) {
    const std::string punt = "Punt" + std::to_string(i) + ":";
    if (minutes.find("Punt " + std::to_string(i) + ":") == std::string::npos) break;
    const auto found = flat.find(punt, at);
    ASSERT_NE(found, std::string::npos) << punt;
    at = found;
  }
}

}  // namespace
}  // namespace jos::server::test
