// The documents to send around: Markdown, CSV, plain text, iCalendar and PDF built from a
// real state, and read back the way a recipient would (the PDF through pdftotext).

#include <gtest/gtest.h>
#include <unistd.h>

#include <cstdio>
#include <filesystem>
#include <fstream>
#include <regex>

#include "shared/comparison.hpp"
#include "shared/documents/builders.hpp"
#include "shared/documents/render.hpp"
#include "shared/rules.hpp"

namespace {

using namespace jos::shared;
using namespace jos::documents;

constexpr std::int64_t made_at = 1'796'739'900'000;  // 2026-12-08 14:25:00 UTC

trajectory sample(cooperation kind) {
  trajectory t = make_trajectory("t1", {"Het Baken", "JoU Utrecht", kind});
  t.team.push_back(
      {1, "Ilse de Vries", organisation::school, "teamleider", staff_level::manager, true});
  t.team.push_back({2, "Noël Öztürk", organisation::jongerenwerk, "jongerenwerker",
                    staff_level::uitvoerder, false});
  t.team.push_back(
      {3, "Sanne Jansen", organisation::school, "mentor", staff_level::uitvoerder, false});
  const std::array<int, 10> begin{1, 2, 1, 2, 3, 1, 1, 2, 2, 1};  // 16: Opbouwfase
  const std::array<int, 10> end{2, 3, 2, 2, 3, 2, 1, 3, 2, 1};    // 21
  for (std::size_t i = 0; i < 10; ++i) {
    t.documents[0].rows[i].rating = begin[i];
    t.documents[4].rows[i].rating = end[i];
  }
  t.documents[0].rows[0].cells[0] = "We overleggen; soms \"gelijk\" | soms niet.\nTweede regel.";
  t.documents[1].rows[2].cells[2] = "Wekelijks overleg – zorgcoördinator en jongerenwerker";
  t.actions.push_back({1, 2, "Wekelijks overleg plannen", 2, "2026-10-01", action_status::bezig});
  t.meetings[0].planned_date = "2026-09-08";
  t.meetings[0].start_time = "15:30";
  t.meetings[0].place = "Het Baken, lokaal 2.14";
  t.meetings[1].planned_date = "2026-09-22";
  t.meetings[1].mode = meeting_mode::hybride;
  t.meetings[1].start_time = "09:00";
  t.meetings[1].place = "Jongerencentrum De Kop";
  t.meetings[1].link = "https://meet.example.nl/jos-baken";
  t.meetings[3].planned_date = "2026-12-08";
  t.meetings[0].status = meeting_status::afgerond;
  auto& s = t.meetings[0].session;
  s.present = {1, 2};
  s.online = {2};
  s.excused = {3};
  s.notulist = 2;
  s.minutes = "Afspraak: de ‘eigen ruimte’ komt op de agenda.";
  s.items[0].used_ms = std::int64_t{7} * 60'000;
  for (int i : {0, 3, 5}) s.items[static_cast<std::size_t>(i)].visited = true;
  s.items[3].notes = "Iedereen kent nu de vier werkzame elementen.";
  s.items[3].used_ms = std::int64_t{20} * 60'000;
  s.items[5].decided = "Het ingevulde instrument gaat naar iedereen.";
  s.items[5].next_date = "2026-09-22";
  s.items[5].actions = {1};
  return t;
}

std::string read(const std::filesystem::path& p) {
  std::ifstream f(p, std::ios::binary);
  return {std::istreambuf_iterator<char>(f), std::istreambuf_iterator<char>()};
}

// The text of a PDF (or of one page of it) as pdftotext reads it.
std::string pdf_text(const std::string& pdf, int page = 0, bool layout = false) {
  const auto dir =
      std::filesystem::temp_directory_path() / ("jos-pdf-" + std::to_string(::getpid()));
  std::filesystem::create_directories(dir);
  const auto in = dir / "doc.pdf";
  const auto out = dir / "doc.txt";
  std::ofstream(in, std::ios::binary) << pdf;
  std::string cmd = "pdftotext -enc UTF-8 ";
  if (layout) cmd += "-layout ";
  if (page > 0) cmd += "-f " + std::to_string(page) + " -l " + std::to_string(page) + " ";
  cmd += in.string() + " " + out.string();
  std::string text = std::system(cmd.c_str()) == 0 ? read(out) : std::string{};
  std::filesystem::remove_all(dir);
  return text;
}

int page_count(const std::string& pdf) {
  const std::regex pages(R"(/Type\s*/Page[^s])");
  return static_cast<int>(
      std::distance(std::sregex_iterator(pdf.begin(), pdf.end(), pages), std::sregex_iterator()));
}

std::string without_space(const std::string& s) {
  std::string out;
  for (char c : s)
    if (c != ' ' && c != '\n' && c != '\f' && c != '\r' && c != '\t') out.push_back(c);
  return out;
}

// Numbered words: which one went missing shows at once.
std::string numbered_words(const std::string& prefix, std::size_t chars) {
  std::string out;
  for (int i = 1; out.size() < chars; ++i) {
    char word[32];
    std::snprintf(word, sizeof word, "%s%05d ", prefix.c_str(), i);
    out += word;
  }
  out.resize(chars);
  return out;
}

// Every numbered word of `text` stands in `read_back`, in order.
void expect_every_word(const std::string& text, const std::string& read_back) {
  const std::string flat = without_space(read_back);
  std::size_t at = 0;
  std::size_t start = 0;
  int missing = 0;
  while (start < text.size()) {
    auto end = text.find(' ', start);
    if (end == std::string::npos) end = text.size();
    const std::string word = text.substr(start, end - start);
    start = end + 1;
    if (word.size() < 6) continue;  // the cut-off last word
    const auto found = flat.find(word, at);
    if (found == std::string::npos) {
      if (++missing < 5) ADD_FAILURE() << "missing: " << word;
      continue;
    }
    at = found + word.size();
  }
  EXPECT_EQ(missing, 0);
}

bool skip_without_pdftotext() {
  return pdf_text(to_pdf(build_factsheet(sample(cooperation::existing)))).empty();
}

TEST(Documents, SignaleringHasEveryRowTheTotalAndThePhase) {
  const auto md =
      to_markdown(build_document(sample(cooperation::existing), document_id::signalering_begin));
  EXPECT_NE(md.find("# Signaleringsinstrument (begin)"), std::string::npos);
  EXPECT_NE(md.find("| Partnerschap | Gelijkwaardige werkrelatie | 1 (niet of nauwelijks) |"),
            std::string::npos)
      << md;
  EXPECT_NE(md.find("Betrokken coördinator vanuit het jongerenwerk"), std::string::npos);
  // The seed's form ends in its total, with the phase beside it.
  EXPECT_NE(md.find("| Totale score |   | 16 | Opbouwfase |"), std::string::npos) << md;
  EXPECT_NE(md.find("Totaalscore: 16 · Opbouwfase"), std::string::npos);
  EXPECT_NE(md.find("In welke fase bevindt de samenwerking zich? Opbouwfase"), std::string::npos);
  // A pipe or newline typed in a cell must not break the table.
  EXPECT_NE(md.find("soms \"gelijk\" \\| soms niet.<br>Tweede regel."), std::string::npos);
  EXPECT_NE(md.find("Hoe ziet dit er concreet uit voor onze samenwerking?"), std::string::npos);
  // The meeting that filled it, with its Dutch date.
  EXPECT_NE(md.find("Signaleringsbijeenkomst van dinsdag 8 september 2026"), std::string::npos);
}

// The seed's instructions ("Na het invullen … tel je alle scores bij elkaar op") belong on
// the empty form, not after the team's answers as if they were one.
TEST(Documents, InstructionsAreNotPrintedAsAnswers) {
  const auto& c = leerlijn();
  const auto filled =
      to_markdown(build_document(sample(cooperation::existing), document_id::signalering_begin));
  EXPECT_EQ(filled.find(c.score_instruction), std::string::npos);
  EXPECT_EQ(filled.find(c.signalering_explanation), std::string::npos);
  const report blank = build_blank_form(sample(cooperation::existing), document_kind::signalering);
  bool noted = false;
  for (const auto& b : blank.blocks)
    if (b.type == block::kind::note && b.text.find(c.score_instruction) == 0) noted = true;
  EXPECT_TRUE(noted) << "on the empty form, set apart as an explanation";
  for (const auto& b : blank.blocks) {
    if (b.type != block::kind::table) continue;
    for (const auto& row : b.grid.rows)
      for (const auto& cell : row) EXPECT_EQ(cell.find("Na het invullen"), std::string::npos);
  }
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

TEST(Documents, CsvKeepsTheTotalThePhaseAndTheActions) {
  const auto csv = to_csv(build_document(sample(cooperation::existing), document_id::actieplan));
  ASSERT_GE(csv.size(), 3u);
  EXPECT_EQ(csv.substr(0, 3), "\xEF\xBB\xBF");
  EXPECT_NE(csv.find("Werkzaam element;Onderdeel;Wat kan beter?;Gewenste eindsituatie;Concrete "
                     "acties;Wie?;Wanneer?\r\n"),
            std::string::npos);
  EXPECT_NE(csv.find("Wekelijks overleg – zorgcoördinator en jongerenwerker"), std::string::npos);
  EXPECT_NE(csv.find("1;Tweerichtingsverkeer;Wekelijks overleg plannen;Noël Öztürk;donderdag 1 "
                     "oktober 2026;Bezig\r\n"),
            std::string::npos)
      << csv;
  // 1 header + the one filled row, a blank line, 1 header + 1 action
  std::size_t lines = 0;
  for (std::size_t p = 0; (p = csv.find("\r\n", p)) != std::string::npos; p += 2) ++lines;
  EXPECT_EQ(lines, 5u);
  const auto signal =
      to_csv(build_document(sample(cooperation::existing), document_id::signalering_begin));
  EXPECT_NE(signal.find("\"We overleggen; soms \"\"gelijk\"\" | soms niet.\nTweede regel.\""),
            std::string::npos);
  EXPECT_NE(signal.find("Totale score;;16;Opbouwfase\r\n"), std::string::npos) << signal;
}

// "An actieplan prints its filled rows, not nine empty ones."
TEST(Documents, AFormPrintsItsFilledRowsAndNamesTheOthers) {
  const report plan = build_document(sample(cooperation::existing), document_id::actieplan);
  const auto md = to_markdown(plan);
  ASSERT_FALSE(plan.blocks.empty());
  ASSERT_EQ(plan.blocks[0].type, block::kind::table);
  EXPECT_EQ(plan.blocks[0].grid.rows.size(), 1u);
  EXPECT_EQ(plan.blocks[0].grid.rows[0][1], "Tweerichtingsverkeer");
  EXPECT_NE(md.find("Niet ingevuld bij: Gelijkwaardige werkrelatie, Heldere rol- en "
                    "taakverdeling, Vast aanspreekpunt"),
            std::string::npos)
      << md;
  // An Evaluatielijst lists the actions still to do in their onderdeel's row: without any,
  // nothing of it is filled in.
  auto unfilled = sample(cooperation::existing);
  unfilled.actions.clear();
  const auto nothing = to_markdown(build_document(unfilled, document_id::evaluatie_tussentijds));
  EXPECT_NE(nothing.find("Nog niets ingevuld."), std::string::npos);
  EXPECT_EQ(nothing.find("| Partnerschap |"), std::string::npos);
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
                    "donderdag 1 oktober 2026<br>zondag 1 november 2026 |"),
            std::string::npos)
      << md;
  EXPECT_EQ(md.find("| Oude afspraak |"), md.rfind("| Oude afspraak |")) << "only in the list";
  const auto evaluation = to_markdown(build_document(t, document_id::evaluatie_tussentijds));
  EXPECT_NE(evaluation.find(
                "|   |   | Wekelijks overleg plannen | Noël Öztürk | donderdag 1 oktober 2026 |"),
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
  EXPECT_NE(md.find("De samenwerking is in de Opbouwfase gebleven."), std::string::npos);
  const auto fresh = to_markdown(build_comparison(sample(cooperation::fresh)));
  EXPECT_NE(fresh.find("| Gewenst | Bereikt |"), std::string::npos);
  EXPECT_NE(fresh.find("gewenste situatie zoals geformuleerd in het vorige signaleringsinstrument"),
            std::string::npos);
}

// For a new cooperation the second assessment stands beside the desired situation the team
// wrote the first time, words and all, with the team's conclusions.
TEST(Documents, ANewCooperationsComparisonHoldsTheDesiredSituationBesideTheSecond) {
  auto t = sample(cooperation::fresh);
  t.documents[0].rows[9].cells[0] = "Een eigen ruimte naast de aula, elke dag open.";
  t.documents[4].rows[9].cells[0] = "De ruimte is er, maar alleen op dinsdag open.";
  t.documents[5].rows[9].cells[0] = "Half bereikt: openingstijden verruimen.";
  t.meetings[3].session.items[5].decided = "De samenwerking groeit; ruimte blijft een punt.";
  const report r = build_comparison(t);
  const auto md = to_markdown(r);
  EXPECT_NE(md.find("## De gewenste situatie naast de situatie nu"), std::string::npos) << md;
  EXPECT_NE(md.find("| Eigen centraal gelegen ruimte | 1 (niet of nauwelijks)<br>Een eigen ruimte "
                    "naast de aula, elke dag open. | 1 (niet of nauwelijks)<br>De ruimte is er, "
                    "maar alleen op dinsdag open. | Half bereikt: openingstijden verruimen. |"),
            std::string::npos)
      << md;
  EXPECT_NE(
      md.find("## Conclusies van het team\n\nDe samenwerking groeit; ruimte blijft een punt."),
      std::string::npos);
  // The chart, as on screen.
  bool chart = false;
  for (const auto& b : r.blocks)
    if (b.type == block::kind::chart) {
      chart = true;
      ASSERT_EQ(b.figure.rows.size(), 10u);
      EXPECT_EQ(b.figure.rows[0].element, "Partnerschap");
      EXPECT_EQ(b.figure.rows[1].element, "");
      EXPECT_EQ(b.figure.before_total, 16);
      EXPECT_EQ(b.figure.after_total, 21);
      EXPECT_EQ(b.figure.rows[0].trend, 1);
    }
  EXPECT_TRUE(chart);
}

TEST(Documents, TheComparisonPdfHasTheChartAndThePhaseSentence) {
  if (skip_without_pdftotext()) GTEST_SKIP() << "pdftotext (poppler-utils) not installed";
  const auto text = pdf_text(to_pdf(build_comparison(sample(cooperation::fresh))));
  EXPECT_NE(text.find("Gewenst (eerste Signaleringsinstrument)"), std::string::npos) << text;
  EXPECT_NE(text.find("Bereikt (tweede Signaleringsinstrument)"), std::string::npos);
  EXPECT_NE(text.find("Opstartfase (10–14)"), std::string::npos) << "the scale of the phases";
  EXPECT_NE(text.find("De gewenste fase (Opbouwfase) is bereikt"), std::string::npos);
  EXPECT_NE(text.find("Meer dan gewenst"), std::string::npos);
}

TEST(Documents, MinutesReadAsMinutes) {
  const auto t = sample(cooperation::existing);
  const auto md = to_markdown(build_minutes(t, 0));
  for (const char* expected :
       {"# Notulen Signaleringsbijeenkomst", "Datum: dinsdag 8 september 2026, 15:30–18:00",
        "Vorm: Fysiek · Plaats: Het Baken, lokaal 2.14",
        "Aanwezig: Ilse de Vries, Noël Öztürk (online)", "Afgemeld: Sanne Jansen",
        "Notulist: Noël Öztürk",
        "Geen uitvoerder van de school aanwezig. Geen manager van het jongerenwerk aanwezig.",
        "### 1. Welkom heten", "gepland 5 min · duurde 7 min", "### 4. Doornemen Factsheet",
        "Besproken: Iedereen kent nu de vier werkzame elementen.",
        "Besloten: Het ingevulde instrument gaat naar iedereen.",
        "- Actie 1: Wekelijks overleg plannen – Noël Öztürk, uiterlijk donderdag 1 oktober 2026",
        "- Volgende bijeenkomst: dinsdag 22 september 2026",
        "## Overige notulen\n\nAfspraak: de ‘eigen ruimte’ komt op de agenda.",
        "| Wekelijks overleg plannen | Noël Öztürk | donderdag 1 oktober 2026 |",
        "## Volgende bijeenkomst\n\nActieplanbijeenkomst: dinsdag 22 september 2026, 09:00–12:00",
        "Plaats: Jongerencentrum De Kop", "Link: https://meet.example.nl/jos-baken"})
    EXPECT_NE(md.find(expected), std::string::npos) << expected << "\n" << md;
  EXPECT_NE(md.find("### 3. Coördinator legt doel en programma uit van signaleringsbijeenkomst\n\n_"
                    "gepland 5 min · niet behandeld_\n\n_Niets genoteerd._"),
            std::string::npos);
  // The spreadsheet keeps the text of the minutes, item by item.
  const auto csv = to_csv(build_minutes(t, 0));
  EXPECT_NE(csv.find("Agendapunt;Gepland (min);Duurde (min);Besproken;Besloten\r\n"),
            std::string::npos)
      << csv;
  EXPECT_NE(csv.find("4. Doornemen Factsheet;20;20;Iedereen kent nu de vier werkzame elementen.;"),
            std::string::npos);
  EXPECT_NE(csv.find("Overige notulen;;;Afspraak: de ‘eigen ruimte’ komt op de agenda.;"),
            std::string::npos);
}

// Minutes written before there were agenda items still load and show.
TEST(Documents, MinutesOfBeforeTheItemsStillShow) {
  auto t = sample(cooperation::existing);
  for (auto& item : t.meetings[0].session.items) item = agenda_record{};
  t.meetings[0].session.online.clear();
  t.meetings[0].session.excused.clear();
  const auto md = to_markdown(build_minutes(t, 0));
  EXPECT_NE(md.find("Aanwezig: Ilse de Vries, Noël Öztürk"), std::string::npos) << md;
  EXPECT_NE(md.find("Afspraak: de ‘eigen ruimte’ komt op de agenda."), std::string::npos);
}

// What /export/<name> serves: the files of the sets by the names they are saved under, and
// nothing else.
TEST(Documents, EveryFileOfEverySetIsFoundByItsName) {
  auto t = sample(cooperation::existing);
  t.meetings.push_back(make_meeting(seed_meeting_count));
  for (const char* name :
       {"actieplan.pdf", "actieplan.csv", "notulen-4.md", "notulen-5.pdf", "vergelijking.pdf",
        "factsheet.pdf", "uitnodiging-2.txt", "uitnodiging-2.ics", "planning.ics",
        "signaleringsinstrument-leeg.pdf", "actieplan-leeg.pdf", "evaluatielijst-leeg.pdf",
        "signaleringsinstrument-begin.csv", "evaluatielijst-extra-5.pdf"})
    EXPECT_TRUE(find_set_file(t, name)) << name;
  for (const char* name : {"notulen-6.pdf", "notulen-x.pdf", "../etc/passwd", "notulen-1",
                           "evaluatielijst-extra-4.pdf", "uitnodiging-0.ics", "factsheet.exe",
                           "signalering_1.csv", ""})
    EXPECT_FALSE(find_set_file(t, name)) << name;
  const auto extra = find_set_file(t, "evaluatielijst-extra-5.md");
  ASSERT_TRUE(extra);
  EXPECT_EQ(extra->source.what, file_source::kind::document);
  EXPECT_EQ(extra->source.doc, document_id::evaluatie_extra);
  EXPECT_EQ(extra->source.meeting, 4);
  // Every name a set lists is found again as that very file.
  for (int m = 0; m < static_cast<int>(t.meetings.size()); ++m)
    for (auto kind : {set_kind::after_meeting, set_kind::invitation, set_kind::forms})
      for (const auto& f : set_files(t, kind, m)) {
        const auto found = find_set_file(t, f.name);
        ASSERT_TRUE(found) << f.name;
        EXPECT_EQ(to_markdown(build_report(t, found->source)).substr(0, 200),
                  to_markdown(build_report(t, f.source)).substr(0, 200))
            << f.name;
      }
}

// Rendering a file of a set gives its name, its type and the content the name promises.
TEST(Documents, ASetFileRendersAsNamed) {
  const auto t = sample(cooperation::existing);
  const auto minutes = render_file(t, *find_set_file(t, "notulen-1.md"), made_at);
  EXPECT_EQ(minutes.name, "notulen-1.md");
  EXPECT_EQ(minutes.mime, "text/markdown; charset=utf-8");
  EXPECT_EQ(minutes.bytes, to_markdown(build_minutes(t, 0)));
  const auto event = render_file(t, *find_set_file(t, "uitnodiging-2.ics"), made_at);
  EXPECT_EQ(event.mime, "text/calendar; charset=utf-8");
  EXPECT_EQ(event.bytes, meeting_ics(t, 1, made_at));
  const auto planning = render_file(t, *find_set_file(t, "planning.ics"), made_at);
  EXPECT_EQ(planning.bytes, to_ics(t, made_at));
}

TEST(Documents, IcsHasTimesPlacesAndTheMomentItWasMade) {
  const auto ics = to_ics(sample(cooperation::existing), made_at);
  EXPECT_EQ(ics.rfind("BEGIN:VCALENDAR\r\n", 0), 0u);
  std::size_t events = 0;
  for (std::size_t p = 0; (p = ics.find("BEGIN:VEVENT", p)) != std::string::npos; ++p) ++events;
  EXPECT_EQ(events, 3u);
  EXPECT_NE(ics.find("TZID:Europe/Amsterdam\r\n"), std::string::npos);
  // A meeting with a time is not an all-day event: 15:30 for the 150 minutes of meeting 1.
  EXPECT_NE(ics.find("DTSTART;TZID=Europe/Amsterdam:20260908T153000\r\n"), std::string::npos);
  EXPECT_NE(ics.find("DTEND;TZID=Europe/Amsterdam:20260908T180000\r\n"), std::string::npos);
  EXPECT_NE(ics.find("LOCATION:Het Baken\\, lokaal 2.14\r\n"), std::string::npos) << ics;
  EXPECT_NE(ics.find("LOCATION:Jongerencentrum De Kop · https://meet.example.nl/jos-baken\r\n"),
            std::string::npos);
  EXPECT_NE(ics.find("URL:https://meet.example.nl/jos-baken\r\n"), std::string::npos);
  // Only a date agreed: a day, until the time is known.
  EXPECT_NE(ics.find("DTSTART;VALUE=DATE:20261208\r\n"), std::string::npos);
  // DTSTAMP is when the file was made, not the meeting's date.
  std::size_t stamps = 0;
  for (std::size_t p = 0; (p = ics.find("DTSTAMP:20261208T142500Z\r\n", p)) != std::string::npos;
       ++p)
    ++stamps;
  EXPECT_EQ(stamps, 3u) << ics;
  std::size_t start = 0;
  while (start < ics.size()) {
    const auto end = ics.find("\r\n", start);
    ASSERT_NE(end, std::string::npos) << "every line ends in CRLF";
    EXPECT_LE(end - start, 75u);
    start = end + 2;
  }
  const auto one = meeting_ics(sample(cooperation::existing), 1, made_at);
  EXPECT_NE(one.find("UID:t1-2@jos"), std::string::npos);
  EXPECT_EQ(one.find("UID:t1-1@jos"), std::string::npos);
}

TEST(Documents, AnInvitationForEveryMeeting) {
  const auto t = sample(cooperation::existing);
  const std::string text = to_text(build_invitation(t, 1));
  for (const char* expected :
       {"Uitnodiging: Actieplanbijeenkomst", "Wanneer: dinsdag 22 september 2026, 09:00–12:00",
        "Plaats: Jongerencentrum De Kop", "Link: https://meet.example.nl/jos-baken",
        "Doel: Opstellen van het actieplan", "- 09:00  Welkom (± 5 min.)",
        "- 11:55  Afsluiting (± 5 min.)",
        "- Gezamenlijk ingevuld Signaleringsinstrument (In voldoende oplage",
        "- Bijlage 3: Format actieplan", "Ilse de Vries"})
    EXPECT_NE(text.find(expected), std::string::npos) << expected << "\n" << text;
  // What the room needs is for the coordinator, not for the invitees.
  EXPECT_EQ(text.find("Indien fysieke bijeenkomst"), std::string::npos);

  std::vector<std::string> names;
  for (const auto& f : set_files(t, set_kind::invitation, 1)) names.push_back(f.name);
  EXPECT_EQ(names, (std::vector<std::string>{
                       "uitnodiging-2.txt", "uitnodiging-2.pdf", "uitnodiging-2.ics",
                       "signaleringsinstrument-begin.pdf", "factsheet.pdf", "actieplan-leeg.pdf"}));
}

TEST(Documents, TheFactsheetAndTheEmptyFormsToPrint) {
  const auto t = sample(cooperation::fresh);
  std::vector<std::string> names;
  for (const auto& f : render_set(t, set_kind::forms, -1, made_at)) {
    names.push_back(f.name);
    EXPECT_EQ(f.bytes.rfind("%PDF-", 0), 0u) << f.name;
  }
  EXPECT_EQ(names, (std::vector<std::string>{"factsheet.pdf", "signaleringsinstrument-leeg.pdf",
                                             "actieplan-leeg.pdf", "evaluatielijst-leeg.pdf"}));
  const auto md = to_markdown(build_blank_form(t, document_kind::signalering));
  EXPECT_NE(md.find("| Partnerschap | Gelijkwaardige werkrelatie | 1   2   3 |   |"),
            std::string::npos)
      << md;
  EXPECT_NE(md.find("In hoeverre te realiseren?"), std::string::npos) << "worded for a new one";
  EXPECT_NE(md.find("Totaalscore van 15 tot 24 punten: Opbouwfase."), std::string::npos);
  const auto plan = build_blank_form(t, document_kind::actieplan);
  ASSERT_EQ(plan.blocks[1].type, block::kind::table);
  EXPECT_EQ(plan.blocks[1].grid.rows.size(), 10u) << "the empty form has every onderdeel";
  if (skip_without_pdftotext()) GTEST_SKIP() << "pdftotext (poppler-utils) not installed";
  const auto factsheet = pdf_text(to_pdf(build_factsheet(t)));
  for (const auto& e : leerlijn().elements) {
    EXPECT_NE(factsheet.find(e.name), std::string::npos);
    for (const auto& o : e.onderdelen)
      EXPECT_NE(without_space(factsheet).find(without_space(o.factsheet_title)), std::string::npos)
          << o.factsheet_title;
  }
}

TEST(Documents, MeetingSetsHoldWhatEachMeetingSends) {
  auto t = sample(cooperation::existing);
  const auto names = [&](int meeting) {
    std::vector<std::string> out;
    for (const auto& f : set_files(t, set_kind::after_meeting, meeting)) out.push_back(f.name);
    return out;
  };
  const auto last = names(3);
  for (const char* expected : {"evaluatielijst-eind.pdf", "signaleringsinstrument-eind.csv",
                               "notulen-4.md", "vergelijking.pdf", "planning.ics"})
    EXPECT_NE(std::find(last.begin(), last.end(), expected), last.end()) << expected;
  EXPECT_TRUE(set_files(t, set_kind::after_meeting, 9).empty());
  // An extra meeting sends its own Evaluatielijst, not the final one again.
  t.meetings.push_back(make_meeting(seed_meeting_count));
  const auto extra = names(4);
  EXPECT_NE(std::find(extra.begin(), extra.end(), "evaluatielijst-extra-5.pdf"), extra.end());
  EXPECT_EQ(std::find(extra.begin(), extra.end(), "evaluatielijst-eind.pdf"), extra.end());
}

// ---- PDF: fit to send ----

TEST(DocumentsPdf, HoldsTheTextWithDiacritics) {
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

// A 40,000-character minutes text continues over as many pages as it needs, and loses
// nothing.
TEST(DocumentsPdf, ALongMinutesTextLosesNothing) {
  if (skip_without_pdftotext()) GTEST_SKIP() << "pdftotext (poppler-utils) not installed";
  auto t = sample(cooperation::existing);
  t.meetings[0].session.minutes = numbered_words("notulen", max_minutes_length);
  t.meetings[0].session.items[4].notes = numbered_words("besproken", max_item_notes_length);
  const auto pdf = to_pdf(build_minutes(t, 0));
  EXPECT_GT(page_count(pdf), 10);
  const auto text = pdf_text(pdf);
  expect_every_word(t.meetings[0].session.minutes, text);
  expect_every_word(t.meetings[0].session.items[4].notes, text);
}

// Cells of 4,000 characters: a row taller than a page goes on over the next pages, each
// column in its own place, the header repeated.
TEST(DocumentsPdf, LongCellsLoseNothing) {
  if (skip_without_pdftotext()) GTEST_SKIP() << "pdftotext (poppler-utils) not installed";
  auto t = sample(cooperation::existing);
  auto& plan = t.documents[static_cast<std::size_t>(document_id::actieplan)];
  for (int row : {2, 3})
    for (int column = 0; column < 5; ++column)
      plan.rows[static_cast<std::size_t>(row)].cells[static_cast<std::size_t>(column)] =
          numbered_words("r" + std::to_string(row) + "k" + std::to_string(column) + "w",
                         max_cell_length);
  const auto pdf = to_pdf(build_document(t, document_id::actieplan));
  EXPECT_GT(page_count(pdf), 2);
  const auto text = pdf_text(pdf);
  for (int row : {2, 3})
    for (int column = 0; column < 5; ++column)
      expect_every_word(
          plan.rows[static_cast<std::size_t>(row)].cells[static_cast<std::size_t>(column)], text);
}

// Pango's own hyphenation breaks Dutch words where Dutch does not ("Tweerichtingsverke-er");
// no word may come out of the PDF with a hyphen it did not have.
TEST(DocumentsPdf, NoHyphenationOfItsOwn) {
  if (skip_without_pdftotext()) GTEST_SKIP() << "pdftotext (poppler-utils) not installed";
  auto t = sample(cooperation::existing);
  auto& list = t.documents[static_cast<std::size_t>(document_id::evaluatie_eind)];
  const std::string long_words =
      "Tweerichtingsverkeer samenwerkingsafspraken leerlingbegeleidingsoverleg "
      "jongerenwerkorganisatie ondersteuningscoördinatoren";
  for (auto& row : list.rows) {
    for (std::size_t c = 0; c < 3; ++c) row.cells[c] = long_words;
    row.cells[3] = "Noël Öztürk";
    row.cells[4] = "voor de kerstvakantie";
  }
  for (const report& r : {build_document(t, document_id::evaluatie_eind),
                          build_blank_form(t, document_kind::evaluatielijst),
                          build_blank_form(t, document_kind::actieplan)}) {
    const auto text = pdf_text(to_pdf(r));
    SCOPED_TRACE(r.title);
    ASSERT_FALSE(text.empty());
    // A hyphen at the end of a line that no word in the document has.
    const std::regex broken(R"(([A-Za-zëï]+)-\n([a-zëï]+))");
    for (auto it = std::sregex_iterator(text.begin(), text.end(), broken);
         it != std::sregex_iterator(); ++it)
      ADD_FAILURE() << "hyphenated by the renderer: " << (*it)[0].str();
    // The names of the elements and onderdelen are whole: their columns fit their words.
    for (const auto& row : leerlijn().rows) {
      for (const std::string& word :
           {row.name.substr(0, row.name.find(' ')),
            leerlijn().elements[static_cast<std::size_t>(row.element_index)].name})
        EXPECT_NE(text.find(word), std::string::npos) << word;
    }
  }
}

// Every page says what it is, of which meeting and when, and which page of how many.
TEST(DocumentsPdf, EveryPageCarriesTheDateAndItsNumber) {
  if (skip_without_pdftotext()) GTEST_SKIP() << "pdftotext (poppler-utils) not installed";
  auto t = sample(cooperation::existing);
  t.meetings[0].session.minutes = numbered_words("tekst", 9000);
  const auto pdf = to_pdf(build_minutes(t, 0));
  const int pages = page_count(pdf);
  ASSERT_GE(pages, 3);
  for (int page = 1; page <= pages; ++page) {
    const auto text = pdf_text(pdf, page);
    EXPECT_NE(without_space(text).find("dinsdag8september2026"), std::string::npos)
        << "page " << page;
    EXPECT_NE(text.find("pagina " + std::to_string(page) + " van " + std::to_string(pages)),
              std::string::npos)
        << "page " << page << ":\n"
        << text;
  }
}

// Whatever the length of the answers, the last onderdeel and the total are never parted,
// and the total never stands alone at the top of a page.
TEST(DocumentsPdf, TheLastRowAndTheTotalStayTogether) {
  if (skip_without_pdftotext()) GTEST_SKIP() << "pdftotext (poppler-utils) not installed";
  bool broke = false;
  for (std::size_t length = 200; length <= 700; length += 50) {
    SCOPED_TRACE(length);
    auto t = sample(cooperation::existing);
    for (auto& row : t.documents[0].rows) row.cells[0] = numbered_words("antwoord", length);
    const auto pdf = to_pdf(build_document(t, document_id::signalering_begin));
    const int pages = page_count(pdf);
    if (pages < 2) continue;
    broke = true;
    const auto last = without_space(pdf_text(pdf, pages));
    EXPECT_NE(last.find("Totalescore"), std::string::npos);
    EXPECT_NE(last.find("Eigencentraalgelegenruimte"), std::string::npos)
        << "the last onderdeel went to another page than the total";
    EXPECT_NE(last.find("Totaalscore:16"), std::string::npos);
  }
  EXPECT_TRUE(broke) << "no length made the form run over a page";
}

}  // namespace
