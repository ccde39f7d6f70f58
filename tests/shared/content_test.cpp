// The embedded content against the seed text. Expected strings are written out here, copied
// from the seed, so that a transcription slip in leerlijn.json shows up as a failing test.

#include <gtest/gtest.h>

#include <algorithm>
#include <numeric>
#include <string>
#include <utility>
#include <vector>

#include "shared/content.hpp"
#include "shared/text.hpp"

namespace jos::shared {
namespace {

struct labelled_text {
  std::string where;
  const std::string* text;
};

// Every piece of text the content carries, with a label saying where it lives.
std::vector<labelled_text> all_texts(const content& c) {
  std::vector<labelled_text> out;
  const auto add = [&out](std::string where, const std::string& s) {
    out.push_back({std::move(where), &s});
  };
  add("title", c.title);
  add("goal", c.goal);
  for (const auto& p : c.preconditions) add("precondition " + p.id, p.label);
  for (const auto& s : c.coordinator_criteria) add("coordinator_criteria", s);
  const leerlijn_overview& o = c.overview;
  for (const std::string* s :
       {&o.goal_heading, &o.for_whom_heading, &o.for_whom, &o.team, &o.opzet_heading, &o.opzet,
        &o.hulpmiddelen_heading, &o.hulpmiddelen_intro, &o.coordinator_heading, &o.coordinator,
        &o.coordinator_criteria_heading, &o.coordinator_role})
    add("overview", *s);
  for (const auto& s : o.hulpmiddelen) add("overview hulpmiddelen", s);
  for (const auto& s : o.coordinator_examples) add("overview coordinator_examples", s);
  add("factsheet_title", c.factsheet_title);
  add("factsheet_source", c.factsheet_source);
  for (const auto& e : c.elements) {
    add("element " + e.id + " name", e.name);
    add("element " + e.id + " explanation", e.explanation);
    for (const auto& o : e.onderdelen) {
      add("onderdeel " + o.id + " title", o.factsheet_title);
      add("onderdeel " + o.id + " explanation", o.explanation);
    }
  }
  add("signalering_title", c.signalering_title);
  add("signalering_explanation", c.signalering_explanation);
  add("score_instruction", c.score_instruction);
  for (const auto& s : c.scale) add("scale label", s.label);
  for (const auto& b : c.bands) add("band " + b.id, b.name);
  for (const auto& r : c.rows) add("row " + r.id, r.name);
  for (const worded* w : {&c.rating_column, &c.concreet_column, &c.phase_question}) {
    add("worded combined", w->combined);
    add("worded existing", w->existing);
    add("worded fresh", w->fresh);
  }
  add("total_label", c.total_label);
  add("actieplan_title", c.actieplan_title);
  add("actieplan_explanation", c.actieplan_explanation);
  for (const auto& col : c.actieplan_columns) add("actieplan column " + col.id, col.label);
  add("evaluatie_title", c.evaluatie_title);
  add("evaluatie_explanation", c.evaluatie_explanation);
  for (const auto& col : c.evaluatie_columns) add("evaluatie column " + col.id, col.label);
  for (const cooperation_text* w : {&c.existing_text, &c.fresh_text}) {
    add("cooperation name", w->name);
    add("cooperation focus", w->focus);
    add("cooperation signalering_goal", w->signalering_goal);
    add("cooperation comparison", w->comparison);
  }
  std::vector<const meeting_template*> meetings;
  for (const auto& m : c.meetings) meetings.push_back(&m);
  meetings.push_back(&c.extra_meeting);
  for (const meeting_template* mp : meetings) {
    const meeting_template& m = *mp;
    const std::string at = "meeting " + m.id + " ";
    add(at + "step", m.step);
    add(at + "introduction", m.introduction);
    add(at + "tijdsduur", m.tijdsduur);
    for (const auto& s : m.instrumenten) add(at + "instrumenten", s);
    add(at + "literatuur", m.literatuur);
    add(at + "tussentijds", m.tussentijds);
    add(at + "name", m.name);
    add(at + "doel", m.doel);
    add(at + "eindresultaat", m.eindresultaat);
    add(at + "planning", m.planning);
    for (const auto& s : m.voorbereiding) add(at + "voorbereiding", s);
    for (const auto& s : m.benodigdheden) add(at + "benodigdheden", s);
    for (const auto& a : m.agenda) {
      add(at + a.id + " title", a.title);
      add(at + a.id + " description", a.description);
    }
  }
  return out;
}

std::vector<std::string> names_of_rows(const content& c) {
  std::vector<std::string> out;
  for (const auto& r : c.rows) out.push_back(r.name);
  return out;
}

TEST(Content, FourWerkzameElementenInOrderWithTheirOnderdelen) {
  const content& c = leerlijn();
  ASSERT_EQ(c.elements.size(), 4U);
  const std::vector<std::pair<std::string, std::vector<std::string>>> expected = {
      {"Partnerschap", {"Een gelijkwaardige werkrelatie", "Een heldere rol- en taakverdeling"}},
      {"Afstemming",
       {"Tweerichtingsverkeer", "Een vast aanspreekpunt vanuit de school",
        "Een betrokken coördinator vanuit het jongerenwerk"}},
      {"Bekendheid", {"Bekendheid onder schoolpersoneel", "Bekendheid onder leerlingen"}},
      {"Toegankelijkheid",
       {"Een team van goed op de school en op de leerlingen afgestemde jongerenwerkers",
        "Voldoende aanwezigheid en benaderbaar", "Een eigen ruimte"}},
  };
  for (std::size_t e = 0; e < expected.size(); ++e) {
    SCOPED_TRACE(expected[e].first);
    const element& el = c.elements[e];
    EXPECT_EQ(el.name, expected[e].first);
    // The factsheet explains each element starting with its own name ("Partnerschap houdt in").
    EXPECT_EQ(el.explanation.rfind(expected[e].first + " houdt in dat ", 0), 0U) << el.explanation;
    ASSERT_EQ(el.onderdelen.size(), expected[e].second.size());
    for (std::size_t o = 0; o < el.onderdelen.size(); ++o) {
      EXPECT_EQ(el.onderdelen[o].factsheet_title, expected[e].second[o]);
      // Each onderdeel's explanation in the seed opens with the onderdeel's own title.
      EXPECT_EQ(el.onderdelen[o].explanation.rfind(expected[e].second[o] + " ", 0), 0U)
          << el.onderdelen[o].explanation;
    }
  }
}

TEST(Content, FactsheetTextsAsInTheSeed) {
  const content& c = leerlijn();
  ASSERT_EQ(c.elements.size(), 4U);
  EXPECT_EQ(c.factsheet_title,
            "Factsheet Werkzame elementen in samenwerking jongerenwerk en VO-scholen");
  EXPECT_TRUE(c.elements[1].explanation.ends_with(
      "een vast aanspreekpunt vanuit de school, en een betrokken coördinator vanuit het "
      "jongerenwerk."))
      << c.elements[1].explanation;
  EXPECT_NE(c.elements[0].onderdelen[0].explanation.find(
                "een gelijkwaardige werkrelatie niet hetzelfde is als een gelijke werkrelatie"),
            std::string::npos);
  EXPECT_NE(c.elements[3].onderdelen[2].explanation.find(
                "een plek waar zij even ‘uit’ het schoolsysteem zijn"),
            std::string::npos);
}

TEST(Content, FactsheetSourceIsRijndersMandersMetz2020) {
  const std::string& source = leerlijn().factsheet_source;
  EXPECT_EQ(source.rfind("Rijnders, J., Manders, W., & Metz, J. (2020)", 0), 0U) << source;
  EXPECT_NE(source.find("Werkzame elementen in de samenwerking tussen jongerenwerk en scholen voor "
                        "voortgezet onderwijs."),
            std::string::npos);
}

TEST(Content, SignaleringsinstrumentRowsExactlyAsInTheSeedTable) {
  const content& c = leerlijn();
  const std::vector<std::pair<std::string, std::string>> expected = {
      {"Partnerschap", "Gelijkwaardige werkrelatie"},
      {"Partnerschap", "Heldere rol- en taakverdeling"},
      {"Afstemming", "Tweerichtingsverkeer"},
      {"Afstemming", "Vast aanspreekpunt vanuit de school"},
      {"Afstemming", "Betrokken coördinator vanuit het jongerenwerk"},
      {"Bekendheid", "Bekendheid van het jongerenwerk onder schoolpersoneel"},
      {"Bekendheid", "Bekendheid van het jongerenwerk onder leerlingen"},
      {"Toegankelijkheid", "Goed op de school en op de leerlingen afgestemde team jongerenwerkers"},
      {"Toegankelijkheid", "Jongerenwerkers voldoende aanwezig en benaderbaar"},
      {"Toegankelijkheid", "Eigen centraal gelegen ruimte"},
  };
  ASSERT_EQ(c.rows.size(), expected.size());
  ASSERT_EQ(static_cast<int>(c.rows.size()), onderdeel_count);
  for (std::size_t i = 0; i < expected.size(); ++i) {
    SCOPED_TRACE(i);
    EXPECT_EQ(c.rows[i].name, expected[i].second);
    ASSERT_GE(c.rows[i].element_index, 0);
    ASSERT_LT(c.rows[i].element_index, static_cast<int>(c.elements.size()));
    const element& el = c.elements[static_cast<std::size_t>(c.rows[i].element_index)];
    EXPECT_EQ(el.name, expected[i].first);
    EXPECT_EQ(el.id, c.rows[i].element_id);
  }
}

TEST(Content, EveryRowHasItsOwnFactsheetOnderdeelAndIdsAreUnique) {
  const content& c = leerlijn();
  std::vector<std::string> onderdeel_ids;
  for (const auto& e : c.elements)
    for (const auto& o : e.onderdelen) onderdeel_ids.push_back(o.id);
  ASSERT_EQ(onderdeel_ids.size(), c.rows.size());
  for (std::size_t i = 0; i < c.rows.size(); ++i) EXPECT_EQ(c.rows[i].id, onderdeel_ids[i]);
  auto sorted = onderdeel_ids;
  std::sort(sorted.begin(), sorted.end());
  EXPECT_EQ(std::adjacent_find(sorted.begin(), sorted.end()), sorted.end());
  EXPECT_EQ(names_of_rows(c).size(), 10U);
}

TEST(Content, ScaleLabels) {
  const content& c = leerlijn();
  ASSERT_EQ(c.scale.size(), 3U);
  EXPECT_EQ(c.scale[0].value, 1);
  EXPECT_EQ(c.scale[0].label, "niet of nauwelijks");
  EXPECT_EQ(c.scale[1].value, 2);
  EXPECT_EQ(c.scale[1].label, "enigszins");
  EXPECT_EQ(c.scale[2].value, 3);
  EXPECT_EQ(c.scale[2].label, "redelijk of helemaal");
  EXPECT_EQ(c.scale.front().value, rating_min);
  EXPECT_EQ(c.scale.back().value, rating_max);
}

TEST(Content, PhaseBands) {
  const content& c = leerlijn();
  ASSERT_EQ(c.bands.size(), 3U);
  EXPECT_EQ(c.bands[0].name, "Opstartfase");
  EXPECT_EQ(c.bands[0].min, 10);
  EXPECT_EQ(c.bands[0].max, 14);
  EXPECT_EQ(c.bands[1].name, "Opbouwfase");
  EXPECT_EQ(c.bands[1].min, 15);
  EXPECT_EQ(c.bands[1].max, 24);
  EXPECT_EQ(c.bands[2].name, "Doorontwikkelfase");
  EXPECT_EQ(c.bands[2].min, 25);
  EXPECT_EQ(c.bands[2].max, 30);
  EXPECT_EQ(c.total_label, "Totale score");
}

TEST(Content, ActieplanColumns) {
  const content& c = leerlijn();
  const std::vector<std::string> expected = {"Wat kan beter?", "Gewenste eindsituatie",
                                             "Concrete acties", "Wie?", "Wanneer?"};
  ASSERT_EQ(c.actieplan_columns.size(), expected.size());
  for (std::size_t i = 0; i < expected.size(); ++i)
    EXPECT_EQ(c.actieplan_columns[i].label, expected[i]);
  EXPECT_EQ(c.actieplan_title, "Format actieplan");
  EXPECT_EQ(text_column_count(document_kind::actieplan), 5);
}

TEST(Content, EvaluatielijstColumns) {
  const content& c = leerlijn();
  const std::vector<std::string> expected = {"In hoeverre is gewenste eindsituatie bereikt?",
                                             "Welke acties zijn ondernomen?",
                                             "Welke acties zijn nog nodig?", "Wie?", "Wanneer?"};
  ASSERT_EQ(c.evaluatie_columns.size(), expected.size());
  for (std::size_t i = 0; i < expected.size(); ++i)
    EXPECT_EQ(c.evaluatie_columns[i].label, expected[i]);
  EXPECT_EQ(c.evaluatie_title, "Evaluatielijst");
  EXPECT_EQ(text_column_count(document_kind::evaluatielijst), 5);
  EXPECT_EQ(text_column_count(document_kind::signalering), 1);
  EXPECT_EQ(text_column_count(document_kind::none), 0);
}

TEST(Content, ExistingAndNewCooperationAreWordedDifferently) {
  const content& c = leerlijn();
  EXPECT_EQ(c.rating_column.for_(cooperation::existing), "In hoeverre gerealiseerd?");
  EXPECT_EQ(c.rating_column.for_(cooperation::fresh), "In hoeverre te realiseren?");
  EXPECT_EQ(c.rating_column.combined, "In hoeverre gerealiseerd (of te realiseren)?");
  EXPECT_EQ(c.concreet_column.for_(cooperation::existing),
            "Hoe ziet dit er concreet uit voor onze samenwerking?");
  EXPECT_EQ(c.concreet_column.for_(cooperation::fresh),
            "Hoe zou het er concreet uit kunnen zien voor onze samenwerking?");
  EXPECT_EQ(c.concreet_column.combined,
            "Hoe ziet dit er concreet uit (of zou het er concreet uit kunnen zien) voor onze "
            "samenwerking?");
  EXPECT_NE(c.phase_question.for_(cooperation::existing),
            c.phase_question.for_(cooperation::fresh));
  EXPECT_NE(c.phase_question.existing.find("bevindt"), std::string::npos);
  EXPECT_NE(c.phase_question.fresh.find("beoogt"), std::string::npos);

  const cooperation_text& existing = c.wording(cooperation::existing);
  const cooperation_text& fresh = c.wording(cooperation::fresh);
  EXPECT_EQ(existing.name, "Bestaande samenwerking");
  EXPECT_EQ(fresh.name, "Pas gestarte samenwerking");
  EXPECT_EQ(existing.focus, "huidige samenwerking");
  EXPECT_EQ(fresh.focus, "gewenste samenwerking");
  EXPECT_NE(existing.signalering_goal, fresh.signalering_goal);
  EXPECT_EQ(existing.comparison,
            "Bij langer bestaande samenwerking evalueer je in hoeverre de samenwerking is "
            "versterkt.");
  EXPECT_EQ(fresh.comparison,
            "Bij pas opgestarte samenwerking evalueer je in hoeverre de gewenste situatie zoals "
            "geformuleerd in het vorige signaleringsinstrument is bereikt.");
}

TEST(Content, ThreePreconditions) {
  const content& c = leerlijn();
  ASSERT_EQ(c.preconditions.size(), 3U);
  EXPECT_EQ(c.preconditions[0].label,
            "Er is draagvlak voor samenwerking tussen jongerenwerk en onderwijs bij "
            "schoolpersoneel, schoolmanagement, jongerenwerk en de gemeente");
  EXPECT_EQ(c.preconditions[1].label,
            "Er is minimaal 1 jaar financiering en mogelijkheden voor een structurele "
            "financiering worden verkend");
  EXPECT_EQ(c.preconditions[2].label,
            "Het jongerenwerk wordt door de school gefaciliteerd om activiteiten binnen de school "
            "uit te voeren");
}

TEST(Content, CoordinatorCriteria) {
  const content& c = leerlijn();
  ASSERT_EQ(c.coordinator_criteria.size(), 4U);
  EXPECT_EQ(c.coordinator_criteria[0],
            "Kan minimaal 8 uur per maand investeren voor het organiseren en coördineren van de "
            "leerlijn");
  EXPECT_EQ(c.coordinator_criteria[3],
            "Weet welke routes nodig zijn in de jongerenwerkorganisatie en/of de school om "
            "veranderingen van de grond te krijgen");
}

struct expected_item {
  const char* title;
  int minutes;
  document_kind document;
};

struct expected_meeting {
  const char* name;
  int week;
  int minutes;
  std::vector<expected_item> agenda;
};

// DESIGN.md's table, with the titles as the seed words them.
std::vector<expected_meeting> expected_meetings() {
  using k = document_kind;
  return {
      {"Signaleringsbijeenkomst",
       1,
       150,
       {{"Welkom heten", 5, k::none},
        {"Coördinator legt doel, opzet en looptijd van de leerlijn uit", 10, k::none},
        {"Coördinator legt doel en programma uit van signaleringsbijeenkomst", 5, k::none},
        {"Doornemen Factsheet", 20, k::factsheet},
        {"Invullen van het Signaleringsinstrument", 105, k::signalering},
        {"Afsluiting", 5, k::none}}},
      {"Actieplanbijeenkomst",
       3,
       180,
       {{"Welkom", 5, k::none},
        {"Coördinator legt doel en programma actieplan bijeenkomst uit", 10, k::none},
        {"Terugkoppeling signaleringsbijeenkomst", 10, k::signalering},
        {"Coördinator legt format actieplan uit", 10, k::actieplan},
        {"Invullen actieplan", 120, k::actieplan},
        {"Neem tussendoor pauze", 20, k::none},
        {"Afsluiting", 5, k::none}}},
      {"Terugkombijeenkomst",
       9,
       180,
       {{"Welkom", 5, k::none},
        {"Coördinator legt doel en programma van terugkombijeenkomst uit", 5, k::none},
        {"Terugblik actieplan", 20, k::actieplan},
        {"Uitleg Evaluatielijst", 10, k::evaluatielijst},
        {"Invullen Evaluatielijst", 120, k::evaluatielijst},
        {"Neem tussendoor pauze", 15, k::none},
        {"Afsluiting", 5, k::none}}},
      {"Eindevaluatiebijeenkomst",
       17,
       180,
       {{"Welkom", 5, k::none},
        {"Coördinator legt doel en programma uit van evaluatiebijeenkomst", 5, k::none},
        {"Invullen Evaluatielijst", 60, k::evaluatielijst},
        {"Invullen van het Signaleringsinstrument", 60, k::signalering},
        {"Neem tussendoor pauze", 15, k::none},
        {"Evalueren samenwerking", 30, k::vergelijking},
        {"Afsluiting", 5, k::none}}},
  };
}

TEST(Content, FourMeetingsWithNamesWeeksAndLength) {
  const content& c = leerlijn();
  const auto expected = expected_meetings();
  ASSERT_EQ(c.meetings.size(), expected.size());
  for (std::size_t m = 0; m < expected.size(); ++m) {
    SCOPED_TRACE(expected[m].name);
    EXPECT_EQ(c.meetings[m].number, static_cast<int>(m) + 1);
    EXPECT_EQ(c.meetings[m].name, expected[m].name);
    EXPECT_EQ(c.meetings[m].week, expected[m].week);
    EXPECT_EQ(c.meetings[m].minutes, expected[m].minutes);
  }
}

// "De actieplan bijeenkomst kan het beste binnen twee weken na de signaleringsbijeenkomst
// worden gepland": the span is data, on the meeting it is about, not a template index in code.
TEST(Content, OnlyTheActieplanbijeenkomstIsPlannedWithinTwoWeeksOfTheOneBefore) {
  const content& c = leerlijn();
  for (const auto& m : c.meetings) {
    SCOPED_TRACE(m.name);
    const bool actieplan = m.fills == std::vector<document_id>{document_id::actieplan};
    EXPECT_EQ(m.within_days, actieplan ? 14 : 0);
    if (actieplan) {
      EXPECT_NE(m.planning.find("binnen twee weken na de"), std::string::npos);
    }
  }
  EXPECT_EQ(c.extra_meeting.within_days, 0);
}

TEST(Content, AgendaTitlesMinutesAndDocumentsPerMeeting) {
  const content& c = leerlijn();
  const auto expected = expected_meetings();
  ASSERT_EQ(c.meetings.size(), expected.size());
  for (std::size_t m = 0; m < expected.size(); ++m) {
    SCOPED_TRACE(expected[m].name);
    const auto& agenda = c.meetings[m].agenda;
    ASSERT_EQ(agenda.size(), expected[m].agenda.size());
    for (std::size_t i = 0; i < agenda.size(); ++i) {
      SCOPED_TRACE(i);
      EXPECT_EQ(agenda[i].title, expected[m].agenda[i].title);
      EXPECT_EQ(agenda[i].minutes, expected[m].agenda[i].minutes);
      EXPECT_EQ(agenda[i].document, expected[m].agenda[i].document)
          << name_of(agenda[i].document) << " vs " << name_of(expected[m].agenda[i].document);
    }
  }
}

TEST(Content, AgendasSumToTheMeetingLength) {
  const content& c = leerlijn();
  const int expected[] = {150, 180, 180, 180};
  ASSERT_EQ(c.meetings.size(), 4U);
  for (std::size_t m = 0; m < 4; ++m) {
    const auto& agenda = c.meetings[m].agenda;
    const int sum =
        std::accumulate(agenda.begin(), agenda.end(), 0,
                        [](int s, const agenda_item_template& a) { return s + a.minutes; });
    EXPECT_EQ(sum, expected[m]) << c.meetings[m].name;
    EXPECT_EQ(sum, c.meetings[m].minutes) << c.meetings[m].name;
  }
}

TEST(Content, PausesAsInTheSeed) {
  const content& c = leerlijn();
  ASSERT_EQ(c.meetings.size(), 4U);
  // Meeting 1 has its 20 minute pause inside "invullen" (1 uur en drie kwartier met pauze).
  const int expected_pause[] = {20, 20, 15, 15};
  for (std::size_t m = 0; m < 4; ++m) {
    int pause = 0;
    for (const auto& a : c.meetings[m].agenda) {
      EXPECT_LE(a.pause_minutes, a.minutes);
      pause += a.pause_minutes;
    }
    EXPECT_EQ(pause, expected_pause[m]) << c.meetings[m].name;
  }
  EXPECT_EQ(c.meetings[0].agenda[4].pause_minutes, 20);
}

TEST(Content, FirstMeetingPreparationNamesTheRepresentationRule) {
  const auto& v = leerlijn().meetings.at(0).voorbereiding;
  ASSERT_FALSE(v.empty());
  EXPECT_EQ(v[0],
            "Zorg ervoor dat zowel uitvoerders als managers van zowel het jongerenwerk als het "
            "schoolpersoneel vertegenwoordigd zijn.");
}

TEST(Content, ExtraMeetingWorksOnTheEvaluatielijst) {
  const meeting_template& extra = leerlijn().extra_meeting;
  EXPECT_FALSE(extra.name.empty());
  ASSERT_FALSE(extra.agenda.empty());
  int sum = 0;
  bool evaluates = false;
  for (const auto& a : extra.agenda) {
    sum += a.minutes;
    evaluates = evaluates || a.document == document_kind::evaluatielijst;
  }
  EXPECT_EQ(sum, extra.minutes);
  EXPECT_TRUE(evaluates);
}

TEST(Content, DocumentKinds) {
  EXPECT_EQ(kind_of(document_id::signalering_begin), document_kind::signalering);
  EXPECT_EQ(kind_of(document_id::signalering_eind), document_kind::signalering);
  EXPECT_EQ(kind_of(document_id::actieplan), document_kind::actieplan);
  EXPECT_EQ(kind_of(document_id::evaluatie_tussentijds), document_kind::evaluatielijst);
  EXPECT_EQ(kind_of(document_id::evaluatie_eind), document_kind::evaluatielijst);
  EXPECT_EQ(kind_of(document_id::evaluatie_extra), document_kind::evaluatielijst);
  EXPECT_EQ(kind_of(document_id::conclusies), document_kind::vergelijking);
  EXPECT_EQ(text_column_count(document_kind::vergelijking), 1);
}

// Which screen an agenda item gets is content, not code: every item says what it shows and
// on which document. The welcome sees who is there and who writes; the coordinator presents
// the leerlijn, the programme, the Factsheet and each form before it is filled; meetings 2
// and 3 look back on the document the previous meeting made; the afsluiting closes.
TEST(Content, EveryAgendaItemSaysWhatItShowsAndOnWhichDocument) {
  using a = agenda_screen;
  using d = document_id;
  struct expected {
    const char* id;
    agenda_screen shows;
    std::optional<document_id> form;
  };
  const std::vector<std::vector<expected>> meetings = {
      {{"welkom", a::welcome, {}},
       {"doel_opzet_looptijd", a::present, {}},
       {"doel_programma", a::present, {}},
       {"doornemen_factsheet", a::present, {}},
       {"invullen_signalering", a::fill, d::signalering_begin},
       {"afsluiting", a::close, {}}},
      {{"welkom", a::welcome, {}},
       {"doel_programma", a::present, {}},
       {"terugkoppeling_signalering", a::look_back, d::signalering_begin},
       {"uitleg_actieplan", a::present, d::actieplan},
       {"invullen_actieplan", a::fill, d::actieplan},
       {"pauze", a::pause, {}},
       {"afsluiting", a::close, {}}},
      {{"welkom", a::welcome, {}},
       {"doel_programma", a::present, {}},
       {"terugblik_actieplan", a::look_back, d::actieplan},
       {"uitleg_evaluatielijst", a::present, d::evaluatie_tussentijds},
       {"invullen_evaluatielijst", a::fill, d::evaluatie_tussentijds},
       {"pauze", a::pause, {}},
       {"afsluiting", a::close, {}}},
      {{"welkom", a::welcome, {}},
       {"doel_programma", a::present, {}},
       {"invullen_evaluatielijst", a::fill, d::evaluatie_eind},
       {"invullen_signalering", a::fill, d::signalering_eind},
       {"pauze", a::pause, {}},
       {"evalueren_samenwerking", a::fill, d::conclusies},
       {"afsluiting", a::close, {}}},
      {{"welkom", a::welcome, {}},
       {"doel_programma", a::present, {}},
       {"terugblik_evaluatielijst", a::look_back, d::evaluatie_eind},
       {"invullen_evaluatielijst", a::fill, d::evaluatie_extra},
       {"afsluiting", a::close, {}}},
  };
  for (std::size_t m = 0; m < meetings.size(); ++m) {
    const meeting_template& tpl = leerlijn().meeting_at(static_cast<int>(m));
    SCOPED_TRACE(tpl.name);
    ASSERT_EQ(tpl.agenda.size(), meetings[m].size());
    for (std::size_t i = 0; i < tpl.agenda.size(); ++i) {
      const auto& item = tpl.agenda[i];
      SCOPED_TRACE(item.id);
      EXPECT_EQ(item.id, meetings[m][i].id);
      EXPECT_EQ(item.shows, meetings[m][i].shows) << name_of(item.shows);
      EXPECT_EQ(item.form, meetings[m][i].form);
      // What the invuller fills in here is what the meeting lets the invuller write in.
      if (item.shows == a::fill) {
        EXPECT_NE(std::find(tpl.fills.begin(), tpl.fills.end(), *item.form), tpl.fills.end());
      }
    }
  }
  // The factsheet is presented by the coordinator; meeting 1 item 2 presents the leerlijn.
  const auto& first = leerlijn().meetings[0].agenda;
  EXPECT_EQ(first[3].document, document_kind::factsheet);
  EXPECT_EQ(first[1].materials,
            (std::vector<material>{material::leerlijn_doel, material::leerlijn_opzet,
                                   material::hulpmiddelen, material::coordinator}));
  for (const auto& tpl : leerlijn().meetings) {
    const auto programme = std::find_if(tpl.agenda.begin(), tpl.agenda.end(),
                                        [](const auto& a) { return a.id == "doel_programma"; });
    ASSERT_NE(programme, tpl.agenda.end());
    EXPECT_EQ(programme->materials, std::vector<material>{material::bijeenkomst})
        << tpl.name << ": the coordinator explains this meeting's goal and programme";
  }
}

// "… zorgt na afloop dat iedereen het ingevulde … ontvangt": what each meeting sends.
TEST(Content, WhatEveryoneReceivesAfterEachMeeting) {
  using d = document_id;
  const auto& c = leerlijn();
  EXPECT_EQ(c.meetings[0].sends, std::vector<d>{d::signalering_begin});
  EXPECT_EQ(c.meetings[1].sends, std::vector<d>{d::actieplan});
  EXPECT_EQ(c.meetings[2].sends, std::vector<d>{d::evaluatie_tussentijds});
  EXPECT_EQ(c.meetings[3].sends, (std::vector<d>{d::evaluatie_eind, d::signalering_eind}));
  EXPECT_TRUE(c.meetings[3].sends_comparison);
  for (int m = 0; m < 3; ++m)
    EXPECT_FALSE(c.meetings[static_cast<std::size_t>(m)].sends_comparison);
  EXPECT_NE(c.meetings[3].agenda.back().description.find(
                "een analyse van de gerealiseerde verbetering in de samenwerking ontvangt"),
            std::string::npos);
  EXPECT_EQ(c.extra_meeting.sends, std::vector<d>{d::evaluatie_extra});
}

// What the coordinator shares at meeting 1 item 2, as the seed has it: "Wat is het doel van
// de leerlijn?" and "Hoe ziet de leerlijn eruit?" with the four steps, each step's
// introduction, duration, instruments and literature, and the coordinator's criteria.
TEST(Content, TheLeerlijnAsTheCoordinatorPresentsIt) {
  const content& c = leerlijn();
  const leerlijn_overview& o = c.overview;
  EXPECT_EQ(o.goal_heading, "Wat is het doel van de leerlijn?");
  EXPECT_EQ(o.opzet_heading, "Hoe ziet de leerlijn eruit?");
  EXPECT_EQ(o.opzet,
            "De leerlijn neemt circa 4 maanden in beslag en bestaat uit het doorlopen van vier "
            "stappen.");
  EXPECT_EQ(o.hulpmiddelen_heading, "Wat zijn de hulpmiddelen die bij de leerlijn horen?");
  const std::string reader_as_listed =
      "Reader ‘Tips voor versterken van de samenwerking tussen jongerenwerk en voortgezet "
      "onderwijs’";
  EXPECT_EQ(o.hulpmiddelen,
            (std::vector<std::string>{"Factsheet (Bijlage 1)", "Signaleringsinstrument (Bijlage 2)",
                                      "Format actieplan (Bijlage 3)", "Evaluatielijst (Bijlage 4)",
                                      reader_as_listed}));
  EXPECT_EQ(o.coordinator_examples.at(1),
            "Vanuit school: manager OOP (onderwijsondersteunend personeel), teamleider, een "
            "mentor");
  EXPECT_EQ(o.coordinator_role,
            "De coördinator stelt het team samen en organiseert en leidt de gezamenlijke "
            "bijeenkomsten tijdens de leerlijn.");

  const std::string reader =
      "Reader ‘Tips voor het versterken van de samenwerking tussen jongerenwerk en voortgezet "
      "onderwijs’";
  struct step {
    const char* opening;
    const char* tijdsduur;
    std::vector<std::string> instrumenten;
  };
  const step steps[] = {
      {"Stap 1 is het organiseren en uitvoeren van een signaleringsbijeenkomst waarin alle "
       "betrokkenen",
       "1 Bijeenkomst van 2,5 uur",
       {"Bijlage 1: Factsheet", "Bijlage 2: Signaleringsinstrument"}},
      {"Inzet van deze fase is het opstellen van een actieplan (zie Bijlage 3) waarin concrete "
       "acties worden geformuleerd",
       "1 Bijeenkomst van 3 uur",
       {"Bijlage 1: Factsheet", "Bijlage 3: Format actieplan"}},
      {"Nadat het actieplan is ingevuld, gaan de betrokkenen de (verbeter)acties uitvoeren. Na "
       "zes weken wordt de terugkombijeenkomst georganiseerd.",
       "3 maanden (incl. 1 bijeenkomst van 3 uur)",
       {"Bijlage 1: Factsheet", "Bijlage 4: Evaluatielijst"}},
      {"Het evalueren van de samenwerking is de laatste stap in de leerlijn.",
       "1 bijeenkomst van 3 uur",
       {"Bijlage 2: Signaleringsinstrument", "Bijlage 4: Evaluatielijst"}},
  };
  for (std::size_t i = 0; i < 4; ++i) {
    const meeting_template& m = c.meetings[i];
    SCOPED_TRACE(m.step);
    EXPECT_EQ(m.introduction.rfind(steps[i].opening, 0), 0U) << m.introduction;
    EXPECT_EQ(m.tijdsduur, steps[i].tijdsduur);
    EXPECT_EQ(m.instrumenten, steps[i].instrumenten);
    EXPECT_EQ(m.literatuur, reader);
  }
  EXPECT_NE(c.meetings[2].introduction.find("I. Uitvoeren van het actieplan\nII. Organiseren van "
                                            "de terugkombijeenkomst\nIII. Uitvoering van de "
                                            "terugkombijeenkomst"),
            std::string::npos);
  // Between meetings 2 and 3 the coordinator keeps in touch, and may meet earlier.
  EXPECT_NE(c.meetings[2].tussentijds.find(
                "kan de coördinator in samenspraak met de betrokkenen besluiten om de "
                "terugkombijeenkomst eerder te organiseren."),
            std::string::npos);
}

// An extra evaluation meeting ("maak een afspraak voor een nieuwe evaluatiebijeenkomst")
// follows the seed's evaluation items, not an agenda invented in code.
TEST(Content, ExtraMeetingAgendaIsBuiltFromTheSeedsEvaluation) {
  const content& c = leerlijn();
  const meeting_template& extra = c.extra_meeting;
  const meeting_template& last = c.meetings[3];
  EXPECT_EQ(extra.agenda.front().description, "De coördinator heet alle aanwezigen welkom.");
  const auto fill = std::find_if(extra.agenda.begin(), extra.agenda.end(),
                                 [](const auto& a) { return a.shows == agenda_screen::fill; });
  ASSERT_NE(fill, extra.agenda.end());
  EXPECT_EQ(fill->title, "Invullen Evaluatielijst");
  EXPECT_EQ(fill->description, last.agenda[2].description) << "the seed's own instructions";
  EXPECT_EQ(fill->minutes, last.agenda[2].minutes);
  EXPECT_NE(extra.agenda.back().description.find(
                "Indien er behoefte is aan het evalueren van de vervolgstappen, maakt de "
                "coördinator een afspraak voor een nieuwe evaluatiebijeenkomst."),
            std::string::npos);
  EXPECT_EQ(extra.planning,
            "Plan de bijeenkomst bij voorkeur aan het begin of einde van de dag in.");
  EXPECT_EQ(extra.voorbereiding.front(),
            last.voorbereiding.front().substr(0, extra.voorbereiding.front().size()));
  EXPECT_EQ(extra.fills, std::vector<document_id>{document_id::evaluatie_extra});
}

// The seed numbers its appendices inconsistently (the actieplan is once "Bijlage 4", the
// Evaluatielijst "Bijlage 5"); DESIGN.md settles on 1 Factsheet, 2 Signaleringsinstrument,
// 3 Format actieplan, 4 Evaluatielijst, and the content must follow that everywhere.
TEST(Content, AppendixNumbersAreConsistent) {
  const std::string names[] = {"Factsheet", "Signaleringsinstrument", "Format actieplan",
                               "Evaluatielijst"};
  // What "(zie Bijlage N)" follows: "het Factsheet (zie Bijlage 1)", "een actieplan op te
  // stellen (zie Bijlage 3)".
  const std::string keywords[] = {"factsheet", "signaleringsinstrument", "actieplan",
                                  "evaluatielijst"};
  const auto lower = [](std::string s) {
    for (char& ch : s)
      if (ch >= 'A' && ch <= 'Z') ch = static_cast<char>(ch - 'A' + 'a');
    return s;
  };
  int references = 0;
  for (const auto& [where, text] : all_texts(leerlijn())) {
    const std::string& s = *text;
    for (std::size_t i = s.find("Bijlage "); i != std::string::npos;
         i = s.find("Bijlage ", i + 1)) {
      SCOPED_TRACE(where + ": " + s);
      ++references;
      ASSERT_LT(i + 9, s.size());
      const char digit = s[i + 8];
      ASSERT_TRUE(digit >= '1' && digit <= '4') << "Bijlage " << digit;
      const auto n = static_cast<std::size_t>(digit - '1');
      const std::string rest = s.substr(i + 9);
      if (rest.rfind(": ", 0) == 0 || rest.rfind(" ", 0) == 0) {
        const std::string named = rest.substr(rest[0] == ':' ? 2 : 1);
        EXPECT_EQ(named.rfind(names[n], 0), 0U) << "Bijlage " << digit << " is " << names[n];
      } else {
        // "(zie Bijlage N)": the instrument named last before it must be instrument N.
        ASSERT_EQ(rest.rfind(")", 0), 0U);
        const std::string before = lower(s.substr(0, i));
        std::size_t nearest = 0;
        std::size_t nearest_at = 0;
        for (std::size_t k = 0; k < 4; ++k) {
          const std::size_t at = before.rfind(keywords[k]);
          if (at != std::string::npos && at + 1 > nearest_at) {
            nearest_at = at + 1;
            nearest = k;
          }
        }
        EXPECT_GT(nearest_at, 0U);
        EXPECT_EQ(nearest, n) << "Bijlage " << digit << " follows " << names[nearest];
      }
    }
  }
  EXPECT_GE(references, 15);
  // The Terugkombijeenkomst evaluates with the Evaluatielijst, the seed's "Bijlage 5".
  const auto& m3 = leerlijn().meetings.at(2);
  EXPECT_NE(m3.agenda.at(1).description.find("Evaluatielijst (zie Bijlage 4)"), std::string::npos)
      << m3.agenda.at(1).description;
  EXPECT_EQ(m3.benodigdheden.at(2),
            "Bijlage 4: Evaluatielijst (In voldoende oplage geprint of digitaal beschikbaar)");
  EXPECT_EQ(leerlijn().meetings.at(1).benodigdheden.at(2),
            "Bijlage 3: Format actieplan (In voldoende oplage geprint of digitaal beschikbaar)");
}

TEST(Content, NoPdfArtefacts) {
  const auto texts = all_texts(leerlijn());
  ASSERT_GT(texts.size(), 150U);
  for (const auto& [where, text] : texts) {
    const std::string& s = *text;
    SCOPED_TRACE(where + ": " + s);
    EXPECT_EQ(s.find("  "), std::string::npos) << "double space";
    EXPECT_EQ(s.find('\r'), std::string::npos);
    EXPECT_EQ(s.find('\t'), std::string::npos);
    EXPECT_EQ(s.find("\xC2\xA0"), std::string::npos) << "no-break space";
    EXPECT_EQ(s.find("\xC2\xAD"), std::string::npos) << "soft hyphen";
    EXPECT_EQ(s.find("\xEF\xBF\xBD"), std::string::npos) << "replacement character";
    EXPECT_EQ(s.find("\xEF\x82"), std::string::npos) << "private-use bullet from the PDF";
    EXPECT_EQ(s.find("•"), std::string::npos) << "bullet character";
    if (!s.empty()) {
      EXPECT_NE(s.front(), ' ') << "leading space";
      EXPECT_NE(s.back(), ' ') << "trailing space";
      EXPECT_NE(s.back(), '\n') << "trailing newline";
    }
    // Line breaks are kept only between paragraphs and list items; a break followed by a
    // lower-case letter is the PDF's line wrap in the middle of a sentence or word.
    for (std::size_t i = s.find('\n'); i != std::string::npos; i = s.find('\n', i + 1)) {
      ASSERT_LT(i + 1, s.size());
      const char next = s[i + 1];
      EXPECT_FALSE(next >= 'a' && next <= 'z') << "line break inside a sentence at " << i;
      EXPECT_NE(next, ' ') << "indented line at " << i;
      EXPECT_NE(next, '\n') << "empty line at " << i;
      EXPECT_GT(i, 0U);
      EXPECT_NE(s[i - 1], ' ') << "space before a line break at " << i;
      EXPECT_NE(s[i - 1], '-') << "word broken over a line at " << i;
    }
    // A hyphen followed by a space is only right in "rol- en taakverdeling"; anything else
    // is a word the PDF broke at the end of a line ("VO- scholen").
    // List items ("\n- de fase waarin …") are fine too.
    for (std::size_t i = s.find("- "); i != std::string::npos; i = s.find("- ", i + 1)) {
      const bool list_item = i == 0 || s[i - 1] == '\n';
      EXPECT_TRUE(list_item || s.compare(i, 5, "- en ") == 0 || s.compare(i, 5, "- of ") == 0)
          << "broken word at " << i;
    }
  }
}

TEST(Content, TextsAreValidUtf8AndPrintable) {
  for (const auto& [where, text] : all_texts(leerlijn())) {
    EXPECT_TRUE(valid_utf8(*text)) << where;
    EXPECT_TRUE(printable_text(*text)) << where;
  }
}

TEST(Content, DiacriticsAndTypographyAsInTheSeed) {
  const auto texts = all_texts(leerlijn());
  // The seed spells these with diacritics; an ASCII spelling is a transcription loss.
  const std::vector<std::string> ascii_losses = {"coordinator", "Coordinator", "coordineren",
                                                 "geevalueerd", "geinitieerd", "concierge"};
  for (const auto& [where, text] : texts) {
    for (const auto& loss : ascii_losses)
      EXPECT_EQ(text->find(loss), std::string::npos) << where << ": " << *text;
    // Quotes are typographic (‘Tips …’), never ASCII.
    EXPECT_EQ(text->find('\''), std::string::npos) << where << ": " << *text;
    EXPECT_EQ(text->find('"'), std::string::npos) << where << ": " << *text;
  }

  const content& c = leerlijn();
  EXPECT_EQ(c.rows.at(4).name, "Betrokken coördinator vanuit het jongerenwerk");
  EXPECT_EQ(c.meetings.at(0).agenda.at(1).title.rfind("Coördinator ", 0), 0U);
  // "… wordt met het team de uitvoering van het Actieplan geëvalueerd met de Evaluatielijst"
  EXPECT_NE(c.meetings.at(2).agenda.at(1).description.find(
                "de uitvoering van het Actieplan geëvalueerd met de Evaluatielijst"),
            std::string::npos);
  EXPECT_EQ(c.meetings.at(0).benodigdheden.at(2),
            "Reader ‘Tips voor het versterken van de samenwerking tussen jongerenwerk en "
            "voortgezet onderwijs’");
  // The seed's double quotes around the paragraph titles are typographic too.
  EXPECT_NE(c.meetings.at(0).agenda.at(1).description.find(
                "“Wat is het doel van de leerlijn?” en “Hoe ziet de leerlijn eruit?”"),
            std::string::npos);

  bool any_diaeresis = false;
  for (const auto& [where, text] : texts)
    any_diaeresis = any_diaeresis || text->find("ë") != std::string::npos;
  EXPECT_TRUE(any_diaeresis);
}

}  // namespace
}  // namespace jos::shared
