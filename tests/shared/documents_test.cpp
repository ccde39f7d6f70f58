// The documents to send around: Markdown, CSV, iCalendar and PDF built from a real state.

#include <gtest/gtest.h>

#include <cstdio>
#include <filesystem>
#include <fstream>

#include "shared/comparison.hpp"
#include "shared/documents/builders.hpp"
#include "shared/documents/render.hpp"
#include "shared/rules.hpp"

namespace {

using namespace jos::shared;
using namespace jos::documents;

trajectory sample(cooperation kind) {
  trajectory t = make_trajectory("t1", {"Het Baken", "JoU Utrecht", kind});
  t.team.push_back(
      {1, "Ilse de Vries", organisation::school, "teamleider", staff_level::manager, true});
  t.team.push_back({2, "Noël Öztürk", organisation::jongerenwerk, "jongerenwerker",
                    staff_level::uitvoerder, false});
  const std::array<int, 10> begin{1, 2, 1, 2, 3, 1, 1, 2, 2, 1};  // 16: Opbouwfase
  const std::array<int, 10> end{2, 3, 2, 2, 3, 2, 1, 3, 2, 1};    // 21
  for (std::size_t i = 0; i < 10; ++i) {
    t.documents[0].rows[i].rating = begin[i];
    t.documents[4].rows[i].rating = end[i];
  }
  t.documents[0].rows[0].cells[0] = "We overleggen; soms \"gelijk\" | soms niet.\nTweede regel.";
  t.documents[1].rows[2].cells[2] = "Wekelijks overleg – zorgcoördinator en jongerenwerker";
  t.actions.push_back({1, 2, "Wekelijks overleg plannen", 2, "2026-10-01", action_status::bezig});
  t.meetings[0].planned_date = "2026-09-07";
  t.meetings[1].planned_date = "2026-09-21";
  t.meetings[0].session.present = {1, 2};
  t.meetings[0].session.notulist = 2;
  t.meetings[0].session.minutes = "Afspraak: de ‘eigen ruimte’ komt op de agenda.";
  return t;
}

std::string pdf_text(const std::string& pdf) {
  const auto dir =
      std::filesystem::temp_directory_path() / ("jos-pdf-" + std::to_string(::getpid()));
  std::filesystem::create_directories(dir);
  const auto in = dir / "doc.pdf";
  const auto out = dir / "doc.txt";
  std::ofstream(in, std::ios::binary) << pdf;
  const std::string cmd = "pdftotext -enc UTF-8 " + in.string() + " " + out.string();
  if (std::system(cmd.c_str()) != 0) return {};
  std::ifstream f(out);
  std::string text((std::istreambuf_iterator<char>(f)), std::istreambuf_iterator<char>());
  std::filesystem::remove_all(dir);
  return text;
}

TEST(Documents, SignaleringMarkdownHasEveryRowScoreAndPhase) {
  const auto md =
      to_markdown(build_document(sample(cooperation::existing), document_id::signalering_begin));
  EXPECT_NE(md.find("# Signaleringsinstrument (begin)"), std::string::npos);
  EXPECT_NE(md.find("| Partnerschap | Gelijkwaardige werkrelatie | 1 (niet of nauwelijks) |"),
            std::string::npos)
      << md;
  EXPECT_NE(md.find("Betrokken coördinator vanuit het jongerenwerk"), std::string::npos);
  EXPECT_NE(md.find("Totaalscore: 16 · Opbouwfase"), std::string::npos);
  // A pipe or newline typed in a cell must not break the table.
  EXPECT_NE(md.find("soms \"gelijk\" \\| soms niet.<br>Tweede regel."), std::string::npos);
  EXPECT_NE(md.find("Hoe ziet dit er concreet uit voor onze samenwerking?"), std::string::npos);
}

TEST(Documents, PartialScoreNamesWhatIsMissingAndNoPhase) {
  auto t = sample(cooperation::fresh);
  t.documents[0].rows[3].rating = 0;
  const auto md = to_markdown(build_document(t, document_id::signalering_begin));
  EXPECT_NE(md.find("nog 1 van de 10 onderdelen te scoren"), std::string::npos);
  // No phase name may appear while a rating is missing.
  EXPECT_EQ(md.find("Opbouwfase"), std::string::npos);
  EXPECT_NE(md.find("In hoeverre te realiseren?"), std::string::npos);
}

TEST(Documents, CsvIsSemicolonSeparatedWithBomAndQuotes) {
  const auto csv = to_csv(build_document(sample(cooperation::existing), document_id::actieplan));
  ASSERT_GE(csv.size(), 3u);
  EXPECT_EQ(csv.substr(0, 3), "\xEF\xBB\xBF");
  EXPECT_NE(csv.find("Werkzaam element;Onderdeel;Wat kan beter?;Gewenste eindsituatie;Concrete "
                     "acties;Wie?;Wanneer?\r\n"),
            std::string::npos);
  EXPECT_NE(csv.find("Wekelijks overleg – zorgcoördinator en jongerenwerker"), std::string::npos);
  EXPECT_NE(
      csv.find("1;Tweerichtingsverkeer;Wekelijks overleg plannen;Noël Öztürk;2026-10-01;Bezig\r\n"),
      std::string::npos);
  const auto signal =
      to_csv(build_document(sample(cooperation::existing), document_id::signalering_begin));
  EXPECT_NE(signal.find("\"We overleggen; soms \"\"gelijk\"\" | soms niet.\nTweede regel.\""),
            std::string::npos);
  // 1 header + 10 rows, a blank line, 1 header + 1 action
  std::size_t lines = 0;
  for (std::size_t p = 0; (p = csv.find("\r\n", p)) != std::string::npos; p += 2) ++lines;
  EXPECT_EQ(lines, 14u);
}

// An action's status reads the same in the app and in every document: one word each.
TEST(Documents, AnActionsStatusIsTheWordTheAppShows) {
  auto t = sample(cooperation::existing);
  t.actions.push_back({2, 4, "Kennismaking in de teamvergadering", 1, "", action_status::open});
  const auto md = to_markdown(build_document(t, document_id::actieplan));
  EXPECT_NE(md.find("| Kennismaking in de teamvergadering | Ilse de Vries | – | Open |"),
            std::string::npos)
      << md;
  EXPECT_EQ(md.find("Nog niet begonnen"), std::string::npos);
  const auto pdf = pdf_text(to_pdf(build_document(t, document_id::actieplan)));
  EXPECT_NE(pdf.find("Open"), std::string::npos);
  EXPECT_EQ(pdf.find("begonnen"), std::string::npos);
  for (auto s :
       {action_status::open, action_status::bezig, action_status::klaar, action_status::vervallen})
    EXPECT_EQ(label_of(s).find(' '), std::string_view::npos) << label_of(s);
}

// One place for each thing: the plan's "Concrete acties", "Wie?" and "Wanneer?" are the
// actions the team entered for that onderdeel (which the overview tracks too), not a second
// free text that could say otherwise; an Evaluatielijst lists those still to do.
TEST(Documents, ThePlansActionColumnsAreTheActions) {
  auto t = sample(cooperation::existing);
  t.documents[1].rows[2].cells[2].clear();
  t.actions.push_back(
      {2, 2, "Contactpersoon op de website", 1, "2026-11-01", action_status::klaar});
  t.actions.push_back({3, 2, "Oude afspraak", 1, "", action_status::vervallen});
  const auto md = to_markdown(build_document(t, document_id::actieplan));
  EXPECT_NE(md.find("| Afstemming | Tweerichtingsverkeer |   |   | Wekelijks overleg plannen<br>"
                    "Contactpersoon op de website | Noël Öztürk<br>Ilse de Vries | "
                    "2026-10-01<br>2026-11-01 |"),
            std::string::npos)
      << md;
  EXPECT_EQ(md.find("| Oude afspraak |"), md.rfind("| Oude afspraak |")) << "only in the list";
  const auto evaluation = to_markdown(build_document(t, document_id::evaluatie_tussentijds));
  EXPECT_NE(evaluation.find("|   |   | Wekelijks overleg plannen | Noël Öztürk | 2026-10-01 |"),
            std::string::npos)
      << evaluation;
}

TEST(Documents, ComparisonCountsAndPhasesBothWays) {
  const auto t = sample(cooperation::existing);
  const auto cmp = compare_signalering(t);
  EXPECT_EQ(cmp.before.total, 16);
  EXPECT_EQ(cmp.after.total, 21);
  EXPECT_EQ(cmp.improved, 5);
  EXPECT_EQ(cmp.same, 5);
  EXPECT_EQ(cmp.worse, 0);
  const auto md = to_markdown(build_comparison(t));
  EXPECT_NE(md.find("| Partnerschap | Gelijkwaardige werkrelatie | 1 | 2 | +1 | Verbeterd |"),
            std::string::npos)
      << md;
  EXPECT_NE(md.find("Begin: Totaalscore: 16 · Opbouwfase"), std::string::npos);
  EXPECT_NE(md.find("Eind: Totaalscore: 21 · Opbouwfase"), std::string::npos);
  const auto fresh = to_markdown(build_comparison(sample(cooperation::fresh)));
  EXPECT_NE(fresh.find("| Gewenst | Bereikt |"), std::string::npos);
  EXPECT_NE(fresh.find("gewenste situatie zoals geformuleerd in het vorige signaleringsinstrument"),
            std::string::npos);
}

TEST(Documents, MinutesNameThePeopleAndTheAgenda) {
  const auto md = to_markdown(build_minutes(sample(cooperation::existing), 0));
  EXPECT_NE(md.find("# Notulen Signaleringsbijeenkomst"), std::string::npos);
  EXPECT_NE(md.find("Aanwezig: Ilse de Vries, Noël Öztürk"), std::string::npos);
  EXPECT_NE(md.find("Notulist: Noël Öztürk"), std::string::npos);
  EXPECT_NE(md.find("| Doornemen Factsheet | 20 |"), std::string::npos);
  EXPECT_NE(md.find("Afspraak: de ‘eigen ruimte’ komt op de agenda."), std::string::npos);
}

TEST(Documents, BuildByNameKnowsDocumentsMinutesAndComparison) {
  const auto t = sample(cooperation::existing);
  EXPECT_TRUE(build_by_name(t, "actieplan"));
  EXPECT_TRUE(build_by_name(t, "notulen-4"));
  EXPECT_TRUE(build_by_name(t, "vergelijking"));
  EXPECT_FALSE(build_by_name(t, "notulen-5"));
  EXPECT_FALSE(build_by_name(t, "notulen-x"));
  EXPECT_FALSE(build_by_name(t, "../etc/passwd"));
}

TEST(Documents, IcsHasOneAllDayEventPerPlannedMeetingAndFoldsLongLines) {
  const auto ics = to_ics(sample(cooperation::existing));
  EXPECT_EQ(ics.rfind("BEGIN:VCALENDAR\r\n", 0), 0u);
  std::size_t events = 0;
  for (std::size_t p = 0; (p = ics.find("BEGIN:VEVENT", p)) != std::string::npos; ++p) ++events;
  EXPECT_EQ(events, 2u);
  EXPECT_NE(ics.find("DTSTART;VALUE=DATE:20260907\r\n"), std::string::npos);
  EXPECT_NE(ics.find("DTEND;VALUE=DATE:20260908\r\n"), std::string::npos);
  std::size_t start = 0;
  while (start < ics.size()) {
    const auto end = ics.find("\r\n", start);
    ASSERT_NE(end, std::string::npos) << "every line ends in CRLF";
    EXPECT_LE(end - start, 75u);
    start = end + 2;
  }
}

TEST(Documents, PdfHoldsTheTextWithDiacritics) {
  const auto pdf =
      to_pdf(build_document(sample(cooperation::existing), document_id::signalering_begin));
  ASSERT_EQ(pdf.rfind("%PDF-", 0), 0u);
  const auto text = pdf_text(pdf);
  if (text.empty()) GTEST_SKIP() << "pdftotext (poppler-utils) not installed";
  EXPECT_NE(text.find("Signaleringsinstrument (begin)"), std::string::npos);
  EXPECT_NE(text.find("Het Baken en JoU Utrecht"), std::string::npos);
  EXPECT_NE(text.find("coördinator"), std::string::npos);
  EXPECT_NE(text.find("Totaalscore: 16 · Opbouwfase"), std::string::npos);
}

TEST(Documents, MeetingSetHoldsDocumentsMinutesAndCalendar) {
  const auto files = meeting_set(sample(cooperation::existing), 3);
  std::vector<std::string> names;
  for (const auto& f : files) names.push_back(f.name);
  for (const char* expected : {"evaluatielijst-eind.pdf", "signaleringsinstrument-eind.csv",
                               "notulen-4.md", "vergelijking.pdf", "planning.ics"})
    EXPECT_NE(std::find(names.begin(), names.end(), expected), names.end()) << expected;
  EXPECT_TRUE(meeting_set(sample(cooperation::existing), 9).empty());
}

}  // namespace
