#pragma once
// The leerlijn's content (instruments, agendas, wording) as transcribed from the source
// text into content/leerlijn.json, embedded at build time and parsed once.

#include <optional>
#include <string>
#include <vector>

#include "shared/ids.hpp"

namespace jos::shared {

inline constexpr int onderdeel_count = 10;
inline constexpr int rating_min = 1;
inline constexpr int rating_max = 3;

struct onderdeel_explanation {
  std::string id;
  std::string factsheet_title;
  std::string explanation;
};

struct element {
  std::string id;
  std::string name;
  std::string explanation;
  std::vector<onderdeel_explanation> onderdelen;
};

struct scale_label {
  int value = 0;
  std::string label;
};

struct phase_band {
  std::string id;
  std::string name;
  int min = 0;
  int max = 0;
};

struct instrument_row {
  std::string id;
  std::string element_id;
  std::string name;
  int element_index = 0;
};

// A heading worded for both cases, or only for an existing or a newly started cooperation.
struct worded {
  std::string combined;
  std::string existing;
  std::string fresh;
  const std::string& for_(cooperation c) const {
    return c == cooperation::existing ? existing : fresh;
  }
};

struct column {
  std::string id;
  std::string label;
};

// What a "present" item puts in front of the room, besides its own description: the
// seed's paragraphs on the leerlijn (its goal, its four steps, its instruments, the
// coordinator) or this meeting's own goal and programme.
enum class material : std::uint8_t {
  leerlijn_doel,
  leerlijn_opzet,
  hulpmiddelen,
  coordinator,
  bijeenkomst
};

struct agenda_item_template {
  std::string id;
  std::string title;
  int minutes = 0;
  int pause_minutes = 0;
  document_kind document = document_kind::none;
  agenda_screen shows = agenda_screen::present;
  std::optional<document_id> form;  // the document this item works on, if any
  std::vector<material> materials;
  std::string description;
};

struct meeting_template {
  std::string id;
  int number = 0;
  std::string step;
  std::string introduction;  // the step's opening paragraph in the seed
  std::string name;
  int week = 0;
  int minutes = 0;
  std::string tijdsduur;                  // as the step's table words it
  std::vector<std::string> instrumenten;  // "Bijlage 1: Factsheet", ...
  std::string literatuur;
  std::string doel;
  std::string eindresultaat;
  std::string planning;
  std::string tussentijds;  // what happens between this meeting and the one before
  int within_days = 0;      // the seed plans it at most so many days after the one before
  std::vector<std::string> voorbereiding;
  std::vector<std::string> benodigdheden;
  std::vector<document_id> fills;  // what the invuller of this meeting writes in
  std::vector<document_id> sends;  // what everyone receives afterwards
  bool sends_comparison = false;   // ... and the analysis of the improvement
  std::vector<agenda_item_template> agenda;
};

// The seed's paragraphs about the leerlijn as a whole, which the coordinator shares at the
// first meeting ("Wat is het doel van de leerlijn?", "Hoe ziet de leerlijn eruit?").
struct leerlijn_overview {
  std::string goal_heading;
  std::string for_whom_heading;
  std::string for_whom;
  std::string team;
  std::string opzet_heading;
  std::string opzet;
  std::string hulpmiddelen_heading;
  std::string hulpmiddelen_intro;
  std::vector<std::string> hulpmiddelen;
  std::string coordinator_heading;
  std::string coordinator;
  std::string coordinator_criteria_heading;
  std::vector<std::string> coordinator_examples;
  std::string coordinator_role;
};

struct cooperation_text {
  std::string name;
  std::string focus;
  std::string signalering_goal;
  std::string comparison;
};

struct content {
  std::string title;
  std::string goal;
  std::vector<column> preconditions;  // id + text
  std::vector<std::string> coordinator_criteria;
  leerlijn_overview overview;

  std::string factsheet_title;
  std::string factsheet_source;
  std::vector<element> elements;

  std::string signalering_title;
  std::string signalering_explanation;
  std::string score_instruction;
  std::vector<scale_label> scale;
  std::vector<phase_band> bands;
  std::vector<instrument_row> rows;
  worded rating_column;
  worded concreet_column;
  std::string total_label;
  worded phase_question;

  std::string actieplan_title;
  std::string actieplan_explanation;
  std::vector<column> actieplan_columns;

  std::string evaluatie_title;
  std::string evaluatie_explanation;
  std::vector<column> evaluatie_columns;

  cooperation_text existing_text;
  cooperation_text fresh_text;
  const cooperation_text& wording(cooperation c) const {
    return c == cooperation::existing ? existing_text : fresh_text;
  }

  // The four meetings of the seed, then the template used for extra evaluation meetings.
  std::vector<meeting_template> meetings;
  meeting_template extra_meeting;
  // The template of meeting template index i (0..3), or the extra meeting for any other.
  const meeting_template& meeting_at(int template_index) const;
};

// The embedded content; parsed on first use. A malformed embedded file is a build defect,
// caught by the content tests, so this aborts rather than limping on with partial text.
const content& leerlijn();

// Text columns of a document kind (signalering has one: "concreet"; the conclusions beside
// the comparison one).
int text_column_count(document_kind kind);
// Whether the document's actions fill this column of the Actieplan or the Evaluatielijst
// (the concrete actions, or those still needed, and their "Wie?" and "Wanneer?"): an action
// is entered once, with its owner and date, and tracked from there. Such a column's own
// cell holds only what was written in it freely before.
bool filled_by_actions(const column& c);
document_kind kind_of(document_id doc);

}  // namespace jos::shared
